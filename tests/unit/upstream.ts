/** Paths to the real upstream copies in ../shared/upstream, beside any clone of this project. */
import path from "node:path";

export const UPSTREAM = path.resolve(import.meta.dirname, "../../../shared/upstream");
export const ENHANCEMENTS_BUNDLE = path.join(UPSTREAM, "kubernetes-enhancements.bundle");
export const SIG_RELEASE = path.join(UPSTREAM, "kubernetes-sig-release");
