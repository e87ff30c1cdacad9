/**
 * KEP proposals (each KEP folder's README.md), read at build time from a kubernetes/enhancements
 * source and never committed: KEP_RADAR_ENHANCEMENTS (a clone or a git bundle), else
 * ../shared/upstream/kubernetes-enhancements.bundle beside the project. READMEs are read at the
 * snapshot's commit when the source has it (so the text matches the facts), else at its newest
 * master. Rendered proposals are cached (src/data/build-cache.ts) under the README's blob id, path
 * and commit (links point at GitHub at that commit) and the renderer's code, so a warm build reads
 * JSON instead of rendering 20 MB of Markdown. Without a source the site still builds: each KEP
 * page then links to its README on GitHub.
 */
import { spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from "node:fs";
import path from "node:path";
import { createHighlighter } from "shiki";
import { createOnigurumaEngine } from "shiki/engine/oniguruma";
import { ENHANCEMENTS_REPO } from "../lib/api.ts";
import { type CodeHighlighter, type RenderedProposal, renderProposal } from "../lib/proposal.ts";
import type { Kep } from "../lib/schema.ts";
import { type BuildCache, cacheKey, codeVersion, openBuildCache } from "./build-cache.ts";
import { getSiteData } from "./site.ts";

/** The code a rendered proposal depends on: editing either renders every proposal again. */
const RENDERER_FILES = ["src/lib/proposal.ts", "src/data/proposals.ts"];
/** Rendered proposals kept: about 32 MB for today's 650, so a few versions of them. */
const CACHE_BYTES = 160 * 1024 * 1024;
/** Clones of bundles kept in .cache (about 60 MB each): the one in use and the one before. */
const CLONES_KEPT = 2;
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

/**
 * What a git bundle holds, read from its header (the refs it carries and the commits it needs):
 * two bundles with the same header hold the same objects. Null when the file is not a bundle.
 */
export function readBundleHeader(file: string): string | null {
  const buffer = Buffer.alloc(64 * 1024);
  const fd = openSync(file, "r");
  let length: number;
  try {
    length = readSync(fd, buffer, 0, buffer.length, 0);
  } finally {
    closeSync(fd);
  }
  const text = buffer.toString("latin1", 0, length);
  const end = text.indexOf("\n\n");
  return /^# v[23] git bundle\n/.test(text) && end > 0 ? text.slice(0, end) : null;
}

/** Removes all but the most recently used clones of bundles in .cache (each is marked when used). */
function pruneClones(cacheDir: string): void {
  const clones = readdirSync(cacheDir)
    .filter((name) => /^enhancements-[0-9a-f]{16}\.git$/.test(name))
    .map((name) => ({ name, used: statSync(path.join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.used - a.used);
  for (const { name } of clones.slice(CLONES_KEPT)) rmSync(path.join(cacheDir, name), { recursive: true, force: true });
}

/** A git directory for the source: a clone as it is, a bundle cloned once into .cache (keyed by its header). */
async function openSource(source: string): Promise<string | null> {
  if (!existsSync(source)) return null;
  if (!statSync(source).isFile()) return git(source, ["rev-parse", "--git-dir"]).ok ? source : null;
  const header = readBundleHeader(source);
  if (header === null) return null;
  const cacheDir = path.join(process.cwd(), ".cache");
  const dir = path.join(cacheDir, `enhancements-${cacheKey(header).slice(0, 16)}.git`);
  const usable = () => existsSync(path.join(dir, "HEAD")) && git(dir, ["rev-parse", "--verify", "--quiet", "HEAD"]).ok;
  let ok = usable();
  if (!ok) {
    // Cloned beside and moved into place: a build that stops midway leaves no half clone behind under the name.
    const temporary = `${dir}.${process.pid}.tmp`;
    rmSync(temporary, { recursive: true, force: true });
    mkdirSync(cacheDir, { recursive: true });
    const cloned = await new Promise<boolean>((resolve) => {
      const child = spawn("git", ["clone", "--quiet", "--bare", source, temporary], { stdio: "ignore" });
      child.on("error", () => resolve(false));
      child.on("close", (code) => resolve(code === 0));
    });
    // Another build may have moved its clone in meanwhile: then that one is used.
    if (cloned && !usable()) {
      rmSync(dir, { recursive: true, force: true });
      try {
        renameSync(temporary, dir);
      } catch {
        // Moved in by another build between the check and here.
      }
    }
    rmSync(temporary, { recursive: true, force: true });
    ok = usable();
  }
  if (!ok) return null;
  const now = new Date();
  utimesSync(dir, now, now);
  pruneClones(cacheDir);
  return dir;
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

/** A proposal read back from the cache, or null (a corrupt entry is reported by the cache, bad JSON here). */
function readCached(cache: BuildCache, key: string): RenderedProposal | null {
  const bytes = cache.read(key);
  if (bytes === null) return null;
  try {
    return JSON.parse(bytes.toString("utf8")) as RenderedProposal;
  } catch (error) {
    console.warn(`[proposals] ignoring cached proposal ${key.slice(0, 12)}: ${(error as Error).message}`);
    return null;
  }
}

/** A README to show: its KEP, its blob, its path and the key its rendering is cached under. */
export interface Readme {
  number: number;
  blob: string;
  path: string;
  key: string;
}

/**
 * Every README rendered, by cache key: from the cache when it holds the key, else read (`readTexts`,
 * one call for all the others) and rendered (`render`), then stored. A README the source cannot
 * give is left out. The cache is pruned afterwards.
 */
export async function renderReadmes(
  readmes: readonly Readme[],
  cache: BuildCache,
  readTexts: (blobs: string[]) => Map<string, string>,
  render: (text: string, readmePath: string) => Promise<RenderedProposal>,
): Promise<Map<string, RenderedProposal>> {
  const out = new Map<string, RenderedProposal>();
  const missing: Readme[] = [];
  for (const readme of readmes) {
    const cached = readCached(cache, readme.key);
    if (cached) out.set(readme.key, cached);
    else missing.push(readme);
  }
  const texts = missing.length > 0 ? readTexts(missing.map((readme) => readme.blob)) : new Map<string, string>();
  for (const readme of missing) {
    const text = texts.get(readme.blob);
    if (text === undefined) continue;
    const proposal = await render(text, readme.path);
    cache.write(readme.key, JSON.stringify(proposal));
    out.set(readme.key, proposal);
  }
  cache.prune();
  return out;
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
  const version = codeVersion(RENDERER_FILES);
  const readmes = keps
    .filter((kep) => !kep.deleted && blobs.has(path.posix.dirname(kep.path)))
    .map((kep): Readme => {
      const folder = path.posix.dirname(kep.path);
      const blob = blobs.get(folder)!;
      const readmePath = `${folder}/README.md`;
      return { number: kep.number, blob, path: readmePath, key: cacheKey(version, blob, readmePath, source.commit) };
    });
  // The highlighter loads grammars for about a second: only when a README is rendered.
  let highlighter: Promise<CodeHighlighter> | null = null;
  const highlight = () => {
    highlighter ??= createCodeHighlighter();
    return highlighter;
  };
  const rendered = await renderReadmes(
    readmes,
    openBuildCache("proposals", { maxBytes: CACHE_BYTES }),
    (wanted) => readTexts(source.gitDir, wanted),
    async (text, readmePath) =>
      renderProposal(text, { repoUrl: ENHANCEMENTS_REPO, commit: source.commit, path: readmePath }, await highlight()),
  );
  for (const readme of readmes) {
    const proposal = rendered.get(readme.key);
    if (!proposal) continue;
    proposals.set(readme.number, {
      ...proposal,
      path: readme.path,
      commit: source.commit,
      url: `${ENHANCEMENTS_REPO}/blob/${source.commit}/${readme.path}`,
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
