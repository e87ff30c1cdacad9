/**
 * KEP proposals (each KEP folder's README.md), read at build time from a kubernetes/enhancements
 * source and never committed: KEP_RADAR_ENHANCEMENTS (a clone or a git bundle), else
 * ../shared/upstream/kubernetes-enhancements.bundle beside the project. READMEs are read at the
 * snapshot's commit when the source has it (so the text matches the facts), else at its newest
 * master. Rendered proposals are cached in .cache/proposals/ by blob id, so a warm build reads
 * JSON instead of rendering 20 MB of Markdown. Without a source the site still builds: each KEP
 * page then links to its README on GitHub.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createHighlighter } from "shiki";
import { createOnigurumaEngine } from "shiki/engine/oniguruma";
import { ENHANCEMENTS_REPO } from "../lib/api.ts";
import { type CodeHighlighter, type RenderedProposal, renderProposal } from "../lib/proposal.ts";
import type { Kep } from "../lib/schema.ts";
import { getSiteData } from "./site.ts";

/** Bump when rendering changes, so cached proposals are rendered again. */
const RENDERER = "proposal-v2";
const CACHE_DIR = path.join(process.cwd(), ".cache", "proposals");
/** Languages highlighted; a code block in any other is shown plain. */
const LANGUAGES = [
  "yaml",
  "go",
  "shell",
  "bash",
  "json",
  "console",
  "protobuf",
  "diff",
  "python",
  "toml",
  "dockerfile",
];
/** Largest README read (the largest real one is about 170 KB). */
const MAX_README_BYTES = 5 * 1024 * 1024;

/** A KEP's proposal as the site shows it. */
export interface Proposal extends RenderedProposal {
  /** Path of the README in kubernetes/enhancements. */
  path: string;
  /** Commit it was read at. */
  commit: string;
  /** The README on GitHub at that commit. */
  url: string;
}

/** Where the proposals come from, when anywhere. */
interface Source {
  gitDir: string;
  commit: string;
}

/** The configured enhancements source: a clone or a bundle, or null when there is none. */
export function enhancementsSource(): string | null {
  const configured = process.env.KEP_RADAR_ENHANCEMENTS;
  if (configured) return path.resolve(configured);
  const shared = path.resolve(process.cwd(), "../shared/upstream/kubernetes-enhancements.bundle");
  return existsSync(shared) ? shared : null;
}

function git(dir: string, args: string[], input?: string): { ok: boolean; out: Buffer } {
  const result = spawnSync("git", ["-C", dir, ...args], {
    input,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
  });
  return { ok: result.status === 0, out: result.stdout ?? Buffer.alloc(0) };
}

/** A git directory for the source: a clone as it is, a bundle cloned once into .cache (by its size and date). */
async function openSource(source: string): Promise<string | null> {
  if (!existsSync(source)) return null;
  if (!statSync(source).isFile()) return git(source, ["rev-parse", "--git-dir"]).ok ? source : null;
  const stat = statSync(source);
  const key = createHash("sha256").update(`${source}\0${stat.size}\0${stat.mtimeMs}`).digest("hex").slice(0, 16);
  const dir = path.join(process.cwd(), ".cache", `enhancements-${key}.git`);
  if (existsSync(path.join(dir, "HEAD")) && git(dir, ["rev-parse", "--verify", "--quiet", "HEAD"]).ok) return dir;
  mkdirSync(path.dirname(dir), { recursive: true });
  const ok = await new Promise<boolean>((resolve) => {
    const child = spawn("git", ["clone", "--quiet", "--bare", source, dir], { stdio: "ignore" });
    child.on("error", () => resolve(false));
    child.on("close", (code) => resolve(code === 0));
  });
  return ok ? dir : null;
}

/** The commit to read at: the snapshot's when the source has it, else master (or HEAD). */
function pickCommit(gitDir: string, wanted: string): string | null {
  if (git(gitDir, ["cat-file", "-e", `${wanted}^{commit}`]).ok) return wanted;
  for (const ref of ["refs/heads/master", "refs/remotes/origin/master", "HEAD"]) {
    const found = git(gitDir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    if (found.ok) return found.out.toString().trim();
  }
  return null;
}

/** README blob ids of every KEP folder at a commit: folder -> blob. */
function readmeBlobs(gitDir: string, commit: string): Map<string, string> {
  const listing = git(gitDir, ["ls-tree", "-r", "-z", commit, "--", "keps/"]);
  const blobs = new Map<string, string>();
  if (!listing.ok) return blobs;
  for (const entry of listing.out.toString("utf8").split("\0")) {
    const tab = entry.indexOf("\t");
    if (tab < 0) continue;
    const [mode, type, blob] = entry.slice(0, tab).split(" ");
    const file = entry.slice(tab + 1);
    if (type === "blob" && mode !== "120000" && blob && file.endsWith("/README.md"))
      blobs.set(path.posix.dirname(file), blob);
  }
  return blobs;
}

/** Reads blobs in one `git cat-file --batch`; oversized ones are left out. */
function readTexts(gitDir: string, blobs: string[]): Map<string, string> {
  const texts = new Map<string, string>();
  if (blobs.length === 0) return texts;
  const { out } = git(gitDir, ["cat-file", "--batch"], `${blobs.join("\n")}\n`);
  let offset = 0;
  while (offset < out.length) {
    const newline = out.indexOf(10, offset);
    if (newline < 0) break;
    const [sha = "", kind, sizeText] = out.toString("latin1", offset, newline).split(" ");
    offset = newline + 1;
    if (kind === "missing") continue;
    const size = Number(sizeText);
    if (kind === "blob" && size <= MAX_README_BYTES) texts.set(sha, out.toString("utf8", offset, offset + size));
    offset += size + 1;
  }
  return texts;
}

/** A code highlighter for the languages proposals use (GitHub's light and dark colours, as CSS variables). */
async function createCodeHighlighter(): Promise<CodeHighlighter> {
  const highlighter = await createHighlighter({
    themes: ["github-light", "github-dark"],
    langs: LANGUAGES,
    engine: createOnigurumaEngine(import("shiki/wasm")),
  });
  const loaded = new Set(highlighter.getLoadedLanguages());
  return (code, lang) => {
    const name = (lang ?? "").toLowerCase().split(/\s/)[0] ?? "";
    if (!loaded.has(name)) return null;
    return highlighter.codeToHtml(code, {
      lang: name,
      themes: { light: "github-light", dark: "github-dark" },
      defaultColor: false,
    });
  };
}

function cacheFile(blob: string): string {
  return path.join(CACHE_DIR, `${blob}-${RENDERER}.json`);
}

function readCached(blob: string, readmePath: string): RenderedProposal | null {
  const file = cacheFile(blob);
  if (!existsSync(file)) return null;
  try {
    const cached = JSON.parse(readFileSync(file, "utf8")) as RenderedProposal & { path: string };
    // Links are made relative to the README's path: a blob moved to another folder is rendered again.
    return cached.path === readmePath ? cached : null;
  } catch {
    return null;
  }
}

/** Every KEP's proposal, by KEP number; empty when no source is configured or readable. */
async function loadProposals(): Promise<Map<number, Proposal>> {
  const proposals = new Map<number, Proposal>();
  const configured = enhancementsSource();
  if (!configured) return proposals;
  const gitDir = await openSource(configured);
  const { keps, sources } = getSiteData();
  const commit = gitDir ? pickCommit(gitDir, sources.enhancements.commit) : null;
  if (!gitDir || !commit) {
    console.warn(
      `[proposals] ${configured} is not a readable kubernetes/enhancements source: KEP pages link to GitHub instead`,
    );
    return proposals;
  }
  const source: Source = { gitDir, commit };
  const blobs = readmeBlobs(source.gitDir, source.commit);
  const wanted = keps
    .filter((kep) => !kep.deleted)
    .map((kep) => ({ kep, folder: path.posix.dirname(kep.path) }))
    .filter(({ folder }) => blobs.has(folder));
  const missing = wanted.filter(({ folder }) => !readCached(blobs.get(folder)!, `${folder}/README.md`));
  const texts = readTexts(
    source.gitDir,
    missing.map(({ folder }) => blobs.get(folder)!),
  );
  const highlight = missing.length > 0 ? await createCodeHighlighter() : null;
  if (missing.length > 0) mkdirSync(CACHE_DIR, { recursive: true });
  for (const { kep, folder } of wanted) {
    const blob = blobs.get(folder)!;
    const readmePath = `${folder}/README.md`;
    let rendered = readCached(blob, readmePath);
    if (!rendered) {
      const text = texts.get(blob);
      if (text === undefined) continue;
      rendered = renderProposal(
        text,
        { repoUrl: ENHANCEMENTS_REPO, commit: source.commit, path: readmePath },
        highlight,
      );
      writeFileSync(cacheFile(blob), JSON.stringify({ ...rendered, path: readmePath }));
    }
    proposals.set(kep.number, {
      ...rendered,
      path: readmePath,
      commit: source.commit,
      url: `${ENHANCEMENTS_REPO}/blob/${source.commit}/${readmePath}`,
    });
  }
  return proposals;
}

let loading: Promise<Map<number, Proposal>> | null = null;

/** Every proposal the source gives (loaded once per build). */
export function getProposals(): Promise<Map<number, Proposal>> {
  loading ??= loadProposals();
  return loading;
}

/** One KEP's proposal, or undefined when the source lacks it (or there is no source). */
export async function getProposal(kep: Pick<Kep, "number">): Promise<Proposal | undefined> {
  return (await getProposals()).get(kep.number);
}

/** One KEP's one-line description, or null. */
export async function getSummary(kep: Pick<Kep, "number">): Promise<string | null> {
  return (await getProposal(kep))?.summary ?? null;
}
