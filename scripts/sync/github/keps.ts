/**
 * KEPs from GitHub without a clone: kep.yaml at HEAD comes from one tarball; the history comes
 * from the previous snapshot, and a version is appended when HEAD differs from its last one.
 * Reading every version over the API would cost hundreds of requests (see the README), so only
 * the changed files are dated: one GraphQL request per 50 of them finds the merge that made
 * each change. The KEP-building functions here are pure.
 */
import { z } from "zod";
import type { Calendar } from "../../../src/lib/calendar.ts";
import { classifyKepPath, type KepRecord, parseKepYaml, parsePrrYaml } from "../../../src/lib/kep-yaml.ts";
import { compareText } from "../../../src/lib/order.ts";
import type { Kep, KepVersion, PrrApproval, Warning } from "../../../src/lib/schema.ts";
import { deriveStageTimeline } from "../../../src/lib/timeline.ts";
import {
  attachKeps,
  duplicateWarning,
  kepFromRecord,
  pickCandidate,
  prrWithoutKep,
  settleKepNumber,
  sortWarnings,
} from "../assemble.ts";
import type { Snapshot } from "../snapshot.ts";
import type { GithubClient } from "./client.ts";
import { lastCommitsQuery } from "./queries.ts";

/** kep.yaml and production-readiness files at one commit. */
export interface HeadTree {
  commit: string;
  /** Commit date, UTC. */
  date: string;
  /** File text by repository path. */
  files: ReadonlyMap<string, string>;
}

/** A KEP as kep.yaml says at HEAD. */
export interface HeadKep {
  number: number;
  path: string;
  record: KepRecord;
}

/** What HEAD holds, parsed. */
export interface ParsedHead {
  keps: Map<number, HeadKep>;
  /** Files that exist at HEAD but could not be read: their KEPs keep the previous snapshot's data. */
  unreadable: Map<string, number | null>;
  prr: Map<number, PrrApproval[]>;
  warnings: Warning[];
}

/** The merge that produced a version of a file. */
export interface VersionCommit {
  commit: string;
  date: string;
}

/** Which files the tarball reader keeps from kubernetes/enhancements. */
export function isKepMetadata(file: string): boolean {
  const kind = classifyKepPath(file).kind;
  return kind === "kep" || kind === "prr";
}

/** Parses every kep.yaml and PRR file at HEAD and settles one file per KEP number (pure). */
export function parseHead(files: ReadonlyMap<string, string>, previous: Snapshot | null): ParsedHead {
  const warnings: Warning[] = [];
  const prr = new Map<number, PrrApproval[]>();
  const candidates = new Map<number, HeadKep[]>();
  const unreadable = new Map<string, number | null>();
  for (const [file, text] of [...files].sort((a, b) => compareText(a[0], b[0]))) {
    const kind = classifyKepPath(file);
    if (kind.kind === "prr") {
      const result = parsePrrYaml(text, file);
      warnings.push(...result.warnings);
      if (result.kep !== null) prr.set(result.kep, [...(prr.get(result.kep) ?? []), ...result.approvals]);
      continue;
    }
    if (kind.kind !== "kep") continue;
    const result = parseKepYaml(text, file);
    warnings.push(...result.warnings);
    if (!result.record) {
      unreadable.set(file, kind.dirNumber);
      continue;
    }
    const settled = settleKepNumber(file, kind.dirNumber, result.record.kepNumber);
    if (settled.warning) warnings.push(settled.warning);
    const number = settled.number;
    if (number === null) continue;
    candidates.set(number, [...(candidates.get(number) ?? []), { number, path: file, record: result.record }]);
  }
  const previousPath = new Map((previous?.keps ?? []).map((k) => [k.number, k.path]));
  const keps = new Map<number, HeadKep>();
  for (const [number, group] of [...candidates].sort((a, b) => a[0] - b[0])) {
    const ranked = pickCandidate(
      group.map((head) => ({ ...head, status: head.record.status })),
      previousPath.get(number),
    );
    keps.set(number, ranked[0]!);
    for (const extra of ranked.slice(1)) warnings.push(duplicateWarning(extra.path, number));
  }
  return { keps, unreadable, prr, warnings };
}

/** The fields a snapshot keeps per version, as HEAD gives them. */
function headVersion(head: HeadKep): Omit<KepVersion, "commit" | "date"> {
  const version: Omit<KepVersion, "commit" | "date"> = {
    path: head.path,
    status: head.record.status,
    stage: head.record.stage,
    latestMilestone: head.record.latestMilestone,
    milestones: head.record.milestones,
  };
  if (head.record.clearedMilestones.length > 0) version.cleared = head.record.clearedMilestones;
  return version;
}

function sameVersion(a: Omit<KepVersion, "commit" | "date">, b: Omit<KepVersion, "commit" | "date">): boolean {
  const strip = ({ path, status, stage, latestMilestone, milestones, cleared }: Omit<KepVersion, "commit" | "date">) =>
    JSON.stringify([path, status, stage, latestMilestone, milestones, cleared ?? []]);
  return strip(a) === strip(b);
}

/** kep.yaml files whose fields differ from the previous snapshot's newest version (pure). */
export function changedFiles(head: ParsedHead, previous: Snapshot | null): string[] {
  const byNumber = new Map((previous?.keps ?? []).map((k) => [k.number, k]));
  const changed: string[] = [];
  for (const kep of head.keps.values()) {
    const last = byNumber.get(kep.number)?.history.at(-1);
    if (!last || !sameVersion(last, headVersion(kep))) changed.push(kep.path);
  }
  return changed.sort(compareText);
}

const LOOKUP_BATCH = 50;
/** Beyond this many changed files (a very old previous snapshot) the rest are dated by HEAD. */
const LOOKUP_LIMIT = 200;

const CommitNodeSchema = z.object({
  oid: z.string(),
  committedDate: z.string(),
  associatedPullRequests: z
    .object({
      nodes: z.array(
        z.object({ mergeCommit: z.object({ oid: z.string(), committedDate: z.string() }).nullable() }).nullable(),
      ),
    })
    .nullable(),
});
const LastCommitsSchema = z.object({
  repository: z.object({
    object: z.record(z.string(), z.object({ nodes: z.array(CommitNodeSchema.nullable()) }).nullable()).nullable(),
  }),
});

/** Finds the merge to master that last changed each file (one GraphQL request per 50 files). */
export async function lookupMergeCommits(
  client: GithubClient,
  repo: string,
  ref: string,
  files: readonly string[],
): Promise<Map<string, VersionCommit>> {
  const [owner = "", name = ""] = repo.split("/");
  const found = new Map<string, VersionCommit>();
  const wanted = files.slice(0, LOOKUP_LIMIT);
  for (let from = 0; from < wanted.length; from += LOOKUP_BATCH) {
    const batch = wanted.slice(from, from + LOOKUP_BATCH);
    const variables: Record<string, unknown> = { owner, name, ref };
    batch.forEach((file, i) => {
      variables[`p${i}`] = file;
    });
    const { data } = await client.graphql(lastCommitsQuery(batch.length), variables, LastCommitsSchema);
    batch.forEach((file, i) => {
      const node = data.repository.object?.[`f${i}`]?.nodes[0];
      if (!node) return;
      // The pull request's merge commit is the first-parent commit on master, as a local sync dates it.
      const merge = node.associatedPullRequests?.nodes[0]?.mergeCommit;
      const commit = merge ?? { oid: node.oid, committedDate: node.committedDate };
      found.set(file, { commit: commit.oid, date: toInstant(commit.committedDate) });
    });
  }
  return found;
}

function toInstant(text: string): string {
  return new Date(text).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** KEPs at HEAD on top of the previous snapshot's history (pure). */
export function assembleKeps(
  head: ParsedHead,
  tree: Pick<HeadTree, "commit" | "date">,
  previous: Snapshot | null,
  commits: ReadonlyMap<string, VersionCommit>,
  calendar: Calendar,
): { keps: Kep[]; appended: number } {
  const byNumber = new Map((previous?.keps ?? []).map((k) => [k.number, k]));
  const keps: Kep[] = [];
  let appended = 0;
  for (const kep of head.keps.values()) {
    const before = byNumber.get(kep.number);
    const version = headVersion(kep);
    const history = [...(before?.history ?? [])];
    const last = history.at(-1);
    if (!last || !sameVersion(last, version)) {
      const dated = commits.get(kep.path) ?? { commit: tree.commit, date: tree.date };
      // A version never predates the one before it (a lookup can only be as old as the last snapshot's).
      const date = last && dated.date < last.date ? last.date : dated.date;
      history.push({ commit: dated.commit, date, ...version });
      appended++;
    }
    keps.push(
      kepFromRecord(kep.record, {
        number: kep.number,
        path: kep.path,
        deleted: false,
        history,
        prr: head.prr,
        calendar,
      }),
    );
  }
  const headPaths = new Set(head.unreadable.keys());
  for (const before of previous?.keps ?? []) {
    if (head.keps.has(before.number)) continue;
    // An unreadable file keeps its last readable version; a file gone from HEAD is a deleted KEP.
    const deleted = before.deleted || !headPaths.has(before.path);
    const { github: _dropped, ...kep } = before;
    keps.push({
      ...kep,
      deleted,
      timeline: deriveStageTimeline(kep.history, calendar, { stage: kep.stage, status: kep.status }),
    });
  }
  return { keps: keps.sort((a, b) => a.number - b.number), appended };
}

/** HEAD and sig-release warnings plus the previous snapshot's history-only ones, deduplicated, named by KEP (pure). */
export function collectWarnings(
  head: ParsedHead,
  previous: Snapshot | null,
  keps: readonly Kep[],
  sigRelease: readonly Warning[],
): Warning[] {
  const seen = new Map<string, Warning>();
  const key = (w: Warning) => [w.kind, w.file, w.field, w.value].join("\0");
  // Irregularities seen only in old versions cannot be re-read from a tarball: keep them.
  for (const warning of previous?.warnings ?? []) {
    if (warning.commit !== undefined && warning.file.startsWith("keps/")) seen.set(key(warning), warning);
  }
  const current: Warning[] = [...sigRelease, ...head.warnings, ...prrWithoutKep(head.prr.keys(), keps)];
  for (const warning of current) {
    const { commit: _none, ...rest } = warning;
    seen.set(key(warning), rest);
  }
  return sortWarnings(attachKeps([...seen.values()], keps));
}
