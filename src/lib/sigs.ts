/**
 * SIG views: which SIGs own KEPs, what each is working on, and how its KEPs stand in
 * the current cycle (the newest release in the data).
 */
import { compareText } from "./order.ts";
import type { Kep, Release, ReleaseEnhancement, SlippedEnhancement, Status, TimelineEntry } from "./schema.ts";

/** Words that keep their own spelling in SIG names. */
const SIG_WORDS: Record<string, string> = { api: "API", cli: "CLI", ui: "UI", etcd: "etcd" };

/** "sig-api-machinery" -> "SIG API Machinery"; names outside sig-* are shown as they are. */
export function sigName(slug: string): string {
  if (!slug.startsWith("sig-")) return slug;
  const words = slug
    .slice(4)
    .split("-")
    .map((w) => SIG_WORDS[w] ?? w.charAt(0).toUpperCase() + w.slice(1));
  return `SIG ${words.join(" ")}`;
}

/** Statuses of KEPs that are still being worked on (a KEP with no readable status counts too). */
const ACTIVE_STATUSES: ReadonlySet<Status | null> = new Set(["provisional", "implementable", null]);
/** Statuses of KEPs that stopped without being implemented. */
const CLOSED_STATUSES: ReadonlySet<Status | null> = new Set(["withdrawn", "rejected", "replaced", "deferred"]);

/** A KEP still being worked on: not implemented, not closed, and its kep.yaml still exists. */
export function isActive(kep: Pick<Kep, "status" | "deleted">): boolean {
  return !kep.deleted && ACTIVE_STATUSES.has(kep.status);
}

/** A KEP that stopped: withdrawn, rejected, replaced or deferred. */
export function isClosed(kep: Pick<Kep, "status">): boolean {
  return CLOSED_STATUSES.has(kep.status);
}

/** How a KEP stands in the current cycle. */
export type CycleStanding =
  | { kind: "on-track"; entry: ReleaseEnhancement }
  | { kind: "slipping"; slipped: SlippedEnhancement | null; moves: TimelineEntry[] };

/**
 * On track: the KEP is in the release's enhancements. Slipping: it is not, and it is in
 * the release's slipped list or one of its timeline targets for the release moved away.
 */
export function cycleStanding(
  kep: Pick<Kep, "number" | "timeline">,
  release: Pick<Release, "version" | "enhancements" | "slipped">,
): CycleStanding | null {
  const entry = release.enhancements.find((e) => e.kep === kep.number);
  if (entry) return { kind: "on-track", entry };
  const slipped = release.slipped.find((s) => s.kep === kep.number) ?? null;
  const moves = kep.timeline.filter((t) => t.release === release.version && t.changedOn !== undefined);
  if (slipped || moves.length > 0) return { kind: "slipping", slipped, moves };
  return null;
}

/** Counts for one SIG. */
export interface SigSummary {
  sig: string;
  name: string;
  keps: number;
  active: number;
  implemented: number;
  closed: number;
  onTrack: number;
  slipping: number;
}

/** Every SIG that owns a KEP, with its counts; most KEPs first. */
export function summarizeSigs(
  keps: readonly Pick<Kep, "number" | "owningSig" | "status" | "deleted" | "timeline">[],
  current: Pick<Release, "version" | "enhancements" | "slipped"> | null,
): SigSummary[] {
  const bySig = new Map<string, SigSummary>();
  for (const kep of keps) {
    let summary = bySig.get(kep.owningSig);
    if (!summary) {
      summary = {
        sig: kep.owningSig,
        name: sigName(kep.owningSig),
        keps: 0,
        active: 0,
        implemented: 0,
        closed: 0,
        onTrack: 0,
        slipping: 0,
      };
      bySig.set(kep.owningSig, summary);
    }
    summary.keps++;
    if (isActive(kep)) summary.active++;
    if (kep.status === "implemented") summary.implemented++;
    if (isClosed(kep)) summary.closed++;
    const standing = current ? cycleStanding(kep, current) : null;
    if (standing?.kind === "on-track") summary.onTrack++;
    if (standing?.kind === "slipping") summary.slipping++;
  }
  return [...bySig.values()].sort((a, b) => b.keps - a.keps || compareText(a.sig, b.sig));
}

/** The SIG slugs in the data, sorted by name. */
export function listSigSlugs(keps: readonly Pick<Kep, "owningSig">[]): string[] {
  return [...new Set(keps.map((k) => k.owningSig))].sort(compareText);
}
