/**
 * The readiness step of the sync: for every cycle, reads kep.yaml, the PRR approval file and the
 * README of each KEP targeting it as they stood at the cycle's enhancements freeze (and at the
 * newest commit for the cycle in progress), with the KEP template of the same commit, and runs
 * the checks of src/lib/readiness. Git work is bounded whatever the number of instants: one
 * first-parent listing, one cat-file batch-check for every file at every instant, one batch per
 * level of the PRR folder's versions, and one cat-file batch for the blobs no cached result
 * covers (none on a re-sync when nothing changed). Only results and evidence locations are
 * written; the README text stays in memory.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { listFiles, validate } from "../../src/data/snapshot.ts";
import { buildCalendar, releaseCutoff } from "../../src/lib/calendar.ts";
import { classifyKepPath, parsePrrYaml } from "../../src/lib/kep-yaml.ts";
import type { ReadinessInput } from "../../src/lib/readiness/checks.ts";
import type { EvaluationPoint } from "../../src/lib/readiness/rules.ts";
import { type CycleTarget, selectCycleTargets } from "../../src/lib/readiness/targets.ts";
import { judgeChecks } from "../../src/lib/readiness/verdict.ts";
import {
  type CycleReadiness,
  CycleReadinessSchema,
  type KepReadiness,
  type ReadinessCounts,
  type ReadinessEvaluation,
} from "../../src/lib/schema.ts";
import { compareVersions } from "../../src/lib/versions.ts";
import {
  type GitRepo,
  listTreeBlobs,
  lookUpPaths,
  type PathAt,
  readBlobsLazily,
  runGit,
  toInstant,
} from "./git-history.ts";
import { type CheckJob, runCheckJobs, type SyncHelper, splitInTwo } from "./helper.ts";
import { type CheckResult, openReadCache, parseKey, type ReadCache, readinessKey } from "./read-cache.ts";
import { type Snapshot, toJsonFile } from "./snapshot.ts";

/** Where the template lives since 2020 (older cycles compare against nothing: "unknown"). */
export const TEMPLATE_PATH = "keps/NNNN-kep-template/README.md";
/** Most KEPs checked at one instant: a real cycle has ~110; more means the selection went wrong. */
const MAX_TARGETS = 600;
/** Where PRR approval files live. */
const PRR_FOLDER = "keps/prod-readiness/";

/** One instant to check: a cycle's KEPs, the commit their files are read at, and the paths read. */
interface Plan {
  version: string;
  point: EvaluationPoint;
  at: string;
  commit: FirstParent;
  files: { target: CycleTarget; yaml: string; readme: string }[];
}

/**
 * Computes every cycle's readiness from the repository and the snapshot's KEPs and releases: plan
 * every instant and the files it reads, find their blob ids (one cat-file batch), read the blobs no
 * cached result covers (one more), make each check not cached once (half of them on the helper
 * thread when there is one), then put the instants together.
 */
export async function buildReadiness(
  repo: GitRepo,
  snapshot: Snapshot,
  cache?: ReadCache,
  helper?: SyncHelper,
): Promise<CycleReadiness[]> {
  const reads = cache ?? openReadCache(null, () => {});
  const head = snapshot.sources.enhancements;
  const calendar = buildCalendar(snapshot.releases, snapshot.sources.asOf);
  const firstParents = readFirstParents(repo, head.commit);
  const plan = (version: string, point: EvaluationPoint, at: string): Plan | null => {
    const commit = commitAt(firstParents, at);
    if (!commit) return null;
    const cycleStart = calendar.entries.get(version)?.cycleStart ?? null;
    const targets = selectCycleTargets(snapshot.keps, version, at, cycleStart).slice(0, MAX_TARGETS);
    const files = targets.map((target) => {
      const yaml = target.version.path;
      return { target, yaml, readme: `${path.posix.dirname(yaml)}/README.md` };
    });
    return { version, point, at, commit, files };
  };

  const releases = [...snapshot.releases].sort((a, b) => compareVersions(a.version, b.version));
  const current = releases.find((r) => r.state === "in-progress");
  const currentStart = current ? calendar.entries.get(current.version)?.cycleStart : null;
  const elapsed = currentStart ? Date.parse(head.date) - Date.parse(currentStart) : null;
  const cycles: { version: string; evaluations: Plan[]; sameWeek: Plan | null }[] = [];
  for (const release of releases) {
    if (release.state === "planned") continue;
    const entry = calendar.entries.get(release.version);
    const evaluations: Plan[] = [];
    const freeze = entry?.enhancementsFreeze ?? null;
    if (freeze && freeze <= head.date)
      evaluations.push(...nonNull(plan(release.version, "enhancements-freeze", freeze)));
    if (release.state === "in-progress") evaluations.push(...nonNull(plan(release.version, "now", head.date)));
    if (evaluations.length === 0) continue;
    // Earlier cycles at the same point since their start as the cycle in progress has reached.
    let sameWeek: Plan | null = null;
    if (release !== current && elapsed !== null && entry?.cycleStart) {
      const at = toInstant(Math.floor((Date.parse(entry.cycleStart) + elapsed) / 1000));
      const cutoff = releaseCutoff(calendar, release.version);
      if (cutoff && at <= cutoff) sameWeek = plan(release.version, "now", at);
    }
    cycles.push({ version: release.version, evaluations, sameWeek });
  }

  const plans = cycles.flatMap((c) => [...c.evaluations, ...nonNull(c.sameWeek)]);
  const trees = locateFiles(
    repo,
    plans.map((p) => ({ commit: p.commit.sha, files: [...p.files.flatMap((f) => [f.yaml, f.readme]), TEMPLATE_PATH] })),
  );
  const checks = plans.map((p) => {
    const tree = trees.get(p.commit.sha)!;
    return { plan: p, tree, files: p.files.map((file) => lookUp(p.version, file, tree, reads)) };
  });

  // Only what a check not cached needs is read, each blob once.
  const wanted = new Set<string>();
  for (const { tree, files } of checks) {
    for (const file of files) {
      if (file.result) continue;
      for (const blob of [blobAt(tree, file.yaml), blobAt(tree, file.prr)])
        if (blob && !reads.texts.has(blob)) wanted.add(blob);
      for (const blob of [blobAt(tree, file.readme), blobAt(tree, TEMPLATE_PATH)]) if (blob) wanted.add(blob);
    }
  }
  const blobs = readBlobsLazily(repo, wanted);
  reads.blobsRead += blobs.size;
  const blobText = (blob: string | undefined) => (blob ? (reads.texts.get(blob) ?? blobs.get(blob) ?? null) : null);

  // Each check not cached is made once, however many instants ask for it.
  const jobs = new Map<string, CheckJob>();
  const templates = new Map<string, string>();
  for (const { plan: p, tree, files } of checks) {
    for (const file of files) {
      if (file.result || jobs.has(file.key)) continue;
      const templateBlob = blobAt(tree, TEMPLATE_PATH) ?? null;
      const templateText = blobText(templateBlob ?? undefined);
      if (templateBlob && templateText !== null) templates.set(templateBlob, templateText);
      const yamlBlob = blobAt(tree, file.yaml);
      const parsed = yamlBlob ? reads.kepYaml.peek(parseKey(yamlBlob, file.yaml)) : undefined;
      const readmeBlob = blobAt(tree, file.readme) ?? null;
      jobs.set(file.key, {
        input: {
          version: p.version,
          commit: p.commit.sha,
          kepYaml: { path: file.yaml, text: blobText(yamlBlob), ...(parsed ? { record: parsed.record } : {}) },
          prr: tree.prr.size === 0 ? null : prrAt(file.prr, blobAt(tree, file.prr), blobText, reads),
          readme: { path: file.readme, text: blobText(readmeBlob ?? undefined) },
        },
        readmeBlob,
        template: { path: TEMPLATE_PATH, blob: templateBlob },
      });
    }
  }
  const made = await makeChecks([...jobs], templates, helper);
  for (const [key, result] of made) reads.readiness.set(key, result);

  const resultOf = takeOnce(made);
  const evaluations = new Map<Plan, ReadinessEvaluation>();
  for (const { plan: p, tree, files } of checks) {
    const keps: KepReadiness[] = files.map((file) => {
      const result = file.result ?? resultOf(file.key);
      return {
        kep: file.target.kep,
        stage: result.stage,
        folder: path.posix.dirname(file.yaml),
        prr: file.prr,
        checks: result.checks,
      };
    });
    const template = blobAt(tree, TEMPLATE_PATH) !== undefined;
    evaluations.set(p, { point: p.point, at: p.at, commit: p.commit.sha, template, keps });
  }

  return cycles.map(({ version, evaluations: planned, sameWeek }) => {
    const cycle: CycleReadiness = { version, evaluations: planned.map((p) => evaluations.get(p)!) };
    if (sameWeek) cycle.sameWeek = countVerdicts(evaluations.get(sameWeek)!);
    return cycle;
  });
}

/**
 * Makes the checks, grouped by README so each is read once: half of them on the helper thread when
 * there is one (and all here when it fails).
 */
export async function makeChecks(
  jobs: [string, CheckJob][],
  templates: Map<string, string>,
  helper: SyncHelper | undefined,
): Promise<Map<string, CheckResult>> {
  // Weighed by README length: reading it is most of a check's cost.
  const halves = splitInTwo(
    jobs,
    ([, job]) => job.readmeBlob ?? "",
    ([, job]) => (job.input.readme.text?.length ?? 0) + 1000,
  );
  const [mine, theirs] = helper ? halves : [[...halves[0], ...halves[1]], []];
  const asked =
    theirs.length > 0
      ? helper!.check(
          theirs.map(([, job]) => job),
          templates,
        )
      : null;
  asked?.catch(() => {});
  const results = new Map<string, CheckResult>();
  const keep = (part: [string, CheckJob][], made: CheckResult[]) =>
    part.forEach(([key], index) => {
      results.set(key, made[index]!);
    });
  keep(
    mine,
    runCheckJobs(
      mine.map(([, job]) => job),
      templates,
    ),
  );
  const helped = await asked?.catch(() => null);
  keep(
    theirs,
    helped ??
      runCheckJobs(
        theirs.map(([, job]) => job),
        templates,
      ),
  );
  return results;
}

/** A PRR file as checkKepAt reads it, each version parsed once (the local sync parsed the newest). */
function prrAt(
  file: string | null,
  blob: string | undefined,
  blobText: (blob: string | undefined) => string | null,
  reads: ReadCache,
): NonNullable<ReadinessInput["prr"]> {
  const text = blobText(blob);
  if (!file || !blob || text === null) return { path: file, text };
  const key = parseKey(blob, file);
  let parsed = reads.prr.peek(key);
  if (!parsed) {
    parsed = parsePrrYaml(text, file);
    reads.prr.set(key, parsed);
  }
  return { path: file, text, approvals: parsed.approvals };
}

/** Hands out each result; one asked for again (a check two instants share) gets a copy. */
function takeOnce(results: ReadonlyMap<string, CheckResult>): (key: string) => CheckResult {
  const taken = new Set<string>();
  return (key) => {
    const result = results.get(key)!;
    if (taken.has(key)) return structuredClone(result);
    taken.add(key);
    return result;
  };
}

/** The blob at a path of a located tree, if any. */
function blobAt(tree: TreeAt, file: string | null): string | undefined {
  return file === null ? undefined : tree.files.get(file);
}

function nonNull<T>(value: T | null): T[] {
  return value === null ? [] : [value];
}

/** A KEP's files at one instant, its PRR file, its cache key and the cached result when there is one. */
function lookUp(version: string, file: Plan["files"][number], tree: TreeAt, reads: ReadCache) {
  const prrPath = tree.prr.get(file.target.kep) ?? null;
  const blob = (at: string | null) => blobAt(tree, at) ?? null;
  const key = readinessKey({
    version,
    yaml: { path: file.yaml, blob: blob(file.yaml) },
    prr: tree.prr.size === 0 ? null : { path: prrPath, blob: blob(prrPath) },
    readme: { path: file.readme, blob: blob(file.readme) },
    template: blob(TEMPLATE_PATH),
  });
  return { ...file, prr: prrPath, key, result: reads.readiness.get(key) };
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

/** The files readiness reads at one commit: path -> blob id, and PRR approval files by KEP number. */
interface TreeAt {
  files: Map<string, string>;
  prr: Map<number, string>;
}

/**
 * Finds the blob ids of the given files at each commit, and each commit's PRR approval files: one
 * cat-file batch-check for every path, then each version of the PRR folder listed once.
 */
function locateFiles(repo: GitRepo, wanted: { commit: string; files: string[] }[]): Map<string, TreeAt> {
  const byCommit = new Map<string, Set<string>>();
  for (const { commit, files } of wanted) {
    const set = byCommit.get(commit) ?? new Set<string>();
    for (const file of files) set.add(file);
    byCommit.set(commit, set);
  }
  const queries: PathAt[] = [];
  for (const [commit, files] of byCommit) {
    queries.push({ commit, file: PRR_FOLDER.slice(0, -1) });
    for (const file of files) queries.push({ commit, file });
  }
  const found = lookUpPaths(repo, queries);
  const trees = new Map<string, TreeAt>();
  for (const commit of byCommit.keys()) trees.set(commit, { files: new Map(), prr: new Map() });
  const prrFolders = new Map<string, TreeAt[]>();
  queries.forEach((query, index) => {
    const object = found[index];
    const tree = trees.get(query.commit)!;
    if (query.file === PRR_FOLDER.slice(0, -1)) {
      if (object?.type === "tree") prrFolders.set(object.id, [...(prrFolders.get(object.id) ?? []), tree]);
    } else if (object?.type === "blob") tree.files.set(query.file, object.id);
  });
  // The PRR folder changes with each approval: list each of its versions once.
  const listings = listTreeBlobs(repo, [...prrFolders.keys()], PRR_FOLDER);
  for (const [folder, at] of prrFolders) {
    for (const { file, blob } of listings.get(folder) ?? []) {
      const kind = classifyKepPath(file);
      for (const tree of at) {
        tree.files.set(file, blob);
        // Two PRR files for one KEP (a wrong SIG folder): the first in path order answers.
        if (kind.kind === "prr" && kind.kep !== null && !tree.prr.has(kind.kep)) tree.prr.set(kind.kep, file);
      }
    }
  }
  return trees;
}

/**
 * The readiness files for a sync: computed from the repository when there is one (and the repository
 * closed after), else the previous snapshot's files kept as they were (a GitHub sync without a clone).
 */
export async function syncReadiness(
  opening: Promise<GitRepo> | null,
  snapshot: Snapshot,
  contentDir: string,
  cache?: ReadCache,
  helper?: SyncHelper,
): Promise<Map<string, string>> {
  if (!opening) {
    const folder = path.join(contentDir, "snapshot", "readiness");
    const kept = new Map<string, string>();
    for (const name of listFiles(folder)) kept.set(`readiness/${name}`, readFileSync(path.join(folder, name), "utf8"));
    return kept;
  }
  const repo = await opening;
  try {
    return renderReadiness(await buildReadiness(repo, snapshot, cache, helper));
  } finally {
    repo.close();
  }
}
