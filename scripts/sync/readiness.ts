/**
 * The readiness step of the sync: for every cycle, reads kep.yaml, the PRR approval file and the
 * README of each KEP targeting it as they stood at the cycle's enhancements freeze (and at the
 * newest commit for the cycle in progress), with the KEP template of the same commit, and runs
 * the checks of src/lib/readiness. Git work is bounded: one first-parent listing, one ls-tree
 * and one cat-file batch per instant. Only results and evidence locations are written; the
 * README text stays in memory.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { listFiles, validate } from "../../src/data/snapshot.ts";
import { buildCalendar, releaseCutoff } from "../../src/lib/calendar.ts";
import { classifyKepPath } from "../../src/lib/kep-yaml.ts";
import { checkKepAt } from "../../src/lib/readiness/checks.ts";
import { readTemplate, type TemplateModel } from "../../src/lib/readiness/readme.ts";
import type { EvaluationPoint } from "../../src/lib/readiness/rules.ts";
import { selectCycleTargets } from "../../src/lib/readiness/targets.ts";
import { judgeChecks } from "../../src/lib/readiness/verdict.ts";
import {
  type CycleReadiness,
  CycleReadinessSchema,
  type KepReadiness,
  type ReadinessCounts,
  type ReadinessEvaluation,
} from "../../src/lib/schema.ts";
import { compareVersions } from "../../src/lib/versions.ts";
import { type GitRepo, readBlobs, runGit, toInstant } from "./git-history.ts";
import { type Snapshot, toJsonFile } from "./snapshot.ts";

/** Where the template lives since 2020 (older cycles compare against nothing: "unknown"). */
export const TEMPLATE_PATH = "keps/NNNN-kep-template/README.md";
/** Most KEPs checked at one instant: a real cycle has ~110; more means the selection went wrong. */
const MAX_TARGETS = 600;

/** A tree at one commit: file path -> blob id, only the files readiness reads. */
type Tree = Map<string, string>;

/** Computes every cycle's readiness from the repository and the snapshot's KEPs and releases. */
export function buildReadiness(repo: GitRepo, snapshot: Snapshot): CycleReadiness[] {
  const head = snapshot.sources.enhancements;
  const calendar = buildCalendar(snapshot.releases, snapshot.sources.asOf);
  const firstParents = readFirstParents(repo, head.commit);
  const trees = new Map<string, { tree: Tree; prr: Map<number, string> }>();
  const treeAt = (commit: FirstParent) => {
    let found = trees.get(commit.sha);
    if (!found) {
      found = readTree(repo, commit);
      // Only a few trees are needed at once; keep memory flat across ~40 instants.
      if (trees.size > 4) trees.clear();
      trees.set(commit.sha, found);
    }
    return found;
  };
  // The template changes a few times a year: read each version once.
  const templates = new Map<string, TemplateModel>();
  const templateOf = (blob: string | undefined, text: string | null): TemplateModel | null => {
    if (!blob || text === null) return null;
    let model = templates.get(blob);
    if (!model) {
      model = readTemplate(text);
      templates.set(blob, model);
    }
    return model;
  };
  const evaluate = (version: string, point: EvaluationPoint, at: string): ReadinessEvaluation | null => {
    const commit = commitAt(firstParents, at);
    if (!commit) return null;
    const cycleStart = calendar.entries.get(version)?.cycleStart ?? null;
    const targets = selectCycleTargets(snapshot.keps, version, at, cycleStart).slice(0, MAX_TARGETS);
    const { tree, prr } = treeAt(commit);
    const wanted = new Set<string>();
    const blobOf = (file: string | null) => (file ? tree.get(file) : undefined);
    const files = targets.map((target) => {
      const dir = path.posix.dirname(target.version.path);
      const prrPath = prr.get(target.kep) ?? null;
      const entry = { target, yaml: target.version.path, readme: `${dir}/README.md`, prr: prrPath };
      for (const file of [entry.yaml, entry.readme, entry.prr]) {
        const blob = blobOf(file);
        if (blob) wanted.add(blob);
      }
      return entry;
    });
    const templateBlob = tree.get(TEMPLATE_PATH);
    if (templateBlob) wanted.add(templateBlob);
    const blobs = wanted.size > 0 ? readBlobs(repo, wanted) : new Map<string, string>();
    const text = (file: string | null) => {
      const blob = blobOf(file);
      return blob ? (blobs.get(blob) ?? null) : null;
    };
    const template = { path: TEMPLATE_PATH, model: templateOf(templateBlob, text(TEMPLATE_PATH)) };
    const keps: KepReadiness[] = files.map((entry) => {
      const result = checkKepAt({
        version,
        commit: commit.sha,
        kepYaml: { path: entry.yaml, text: text(entry.yaml) },
        prr: prr.size === 0 ? null : { path: entry.prr, text: text(entry.prr) },
        readme: { path: entry.readme, text: text(entry.readme) },
        template,
      });
      return {
        kep: entry.target.kep,
        stage: result.stage,
        folder: path.posix.dirname(entry.yaml),
        prr: entry.prr,
        checks: result.checks,
      };
    });
    return { point, at, commit: commit.sha, template: template.model !== null, keps };
  };

  const releases = [...snapshot.releases].sort((a, b) => compareVersions(a.version, b.version));
  const current = releases.find((r) => r.state === "in-progress");
  const currentStart = current ? calendar.entries.get(current.version)?.cycleStart : null;
  const elapsed = currentStart ? Date.parse(head.date) - Date.parse(currentStart) : null;
  const out: CycleReadiness[] = [];
  for (const release of releases) {
    if (release.state === "planned") continue;
    const entry = calendar.entries.get(release.version);
    const evaluations: ReadinessEvaluation[] = [];
    const freeze = entry?.enhancementsFreeze ?? null;
    if (freeze && freeze <= head.date) {
      const evaluation = evaluate(release.version, "enhancements-freeze", freeze);
      if (evaluation) evaluations.push(evaluation);
    }
    if (release.state === "in-progress") {
      const evaluation = evaluate(release.version, "now", head.date);
      if (evaluation) evaluations.push(evaluation);
    }
    const cycle: CycleReadiness = { version: release.version, evaluations };
    // Earlier cycles at the same point since their start as the cycle in progress has reached.
    if (release !== current && elapsed !== null && entry?.cycleStart) {
      const at = toInstant(Math.floor((Date.parse(entry.cycleStart) + elapsed) / 1000));
      const cutoff = releaseCutoff(calendar, release.version);
      const evaluation = cutoff && at <= cutoff ? evaluate(release.version, "now", at) : null;
      if (evaluation) cycle.sameWeek = countVerdicts(evaluation);
    }
    if (evaluations.length > 0) out.push(cycle);
  }
  return out;
}

/** Counts a cycle's verdicts at one instant (repository checks only). */
export function countVerdicts(evaluation: ReadinessEvaluation): ReadinessCounts {
  const counts: ReadinessCounts = {
    at: evaluation.at,
    targeting: evaluation.keps.length,
    ready: 0,
    atRisk: 0,
    notReady: 0,
  };
  for (const kep of evaluation.keps) {
    const verdict = judgeChecks(kep.checks);
    if (verdict === "ready") counts.ready++;
    else if (verdict === "at-risk") counts.atRisk++;
    else counts.notReady++;
  }
  return counts;
}

/** Validates each cycle's readiness; returns the files to write, by path relative to the snapshot folder. */
export function renderReadiness(cycles: readonly CycleReadiness[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const cycle of cycles) {
    const name = `readiness/${cycle.version}.json`;
    files.set(name, toJsonFile(validate(CycleReadinessSchema, cycle, name)));
  }
  return files;
}

/** A first-parent commit of master with its date. */
interface FirstParent {
  sha: string;
  date: string;
}

/** Every first-parent commit up to the snapshot's head, oldest first (one git log). */
function readFirstParents(repo: GitRepo, head: string): FirstParent[] {
  const text = runGit(repo.dir, ["log", "--first-parent", "--format=%H %ct", head]).toString("utf8");
  const out: FirstParent[] = [];
  for (const row of text.split("\n")) {
    const [sha, seconds] = row.split(" ");
    if (sha && seconds) out.push({ sha, date: toInstant(seconds) });
  }
  return out.reverse();
}

/** The newest first-parent commit at or before an instant (binary search), or null before the first. */
function commitAt(commits: readonly FirstParent[], at: string): FirstParent | null {
  let lo = 0;
  let hi = commits.length - 1;
  let found: FirstParent | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const commit = commits[mid]!;
    if (commit.date <= at) {
      found = commit;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The KEP files of a commit's tree (kep.yaml, README.md, PRR files, the template), and PRR files by KEP number. */
function readTree(repo: GitRepo, commit: FirstParent): { tree: Tree; prr: Map<number, string> } {
  const text = runGit(repo.dir, ["ls-tree", "-r", "-z", commit.sha, "--", "keps/"]).toString("utf8");
  const tree: Tree = new Map();
  const prr = new Map<number, string>();
  for (const row of text.split("\0")) {
    const tab = row.indexOf("\t");
    if (tab < 0) continue;
    const [, type, blob] = row.slice(0, tab).split(" ");
    const file = row.slice(tab + 1);
    if (type !== "blob" || !blob) continue;
    const name = path.posix.basename(file);
    if (name !== "README.md" && name !== "kep.yaml" && !file.startsWith("keps/prod-readiness/")) continue;
    tree.set(file, blob);
    const kind = classifyKepPath(file);
    // Two PRR files for one KEP (a wrong SIG folder): the first in path order answers.
    if (kind.kind === "prr" && kind.kep !== null && !prr.has(kind.kep)) prr.set(kind.kep, file);
  }
  return { tree, prr };
}

/**
 * The readiness files for a sync: computed from the repository when there is one (and the repository
 * closed after), else the previous snapshot's files kept as they were (a GitHub sync without a clone).
 */
export async function syncReadiness(
  opening: Promise<GitRepo> | null,
  snapshot: Snapshot,
  contentDir: string,
): Promise<Map<string, string>> {
  if (!opening) {
    const folder = path.join(contentDir, "snapshot", "readiness");
    const kept = new Map<string, string>();
    for (const name of listFiles(folder)) kept.set(`readiness/${name}`, readFileSync(path.join(folder, name), "utf8"));
    return kept;
  }
  const repo = await opening;
  try {
    return renderReadiness(buildReadiness(repo, snapshot));
  } finally {
    repo.close();
  }
}
