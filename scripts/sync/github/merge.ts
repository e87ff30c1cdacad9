/**
 * Puts GitHub's facts beside kep.yaml's: issue state, popularity and per-release tracking on
 * each KEP, the "github-tracked" signal in release lists, and a warning wherever the two
 * sources disagree (both values kept). Pure: snapshots and facts in, a new snapshot out.
 * `keepGithubFacts` carries the facts of a previous snapshot into an offline sync.
 */

import { buildCalendar } from "../../../src/lib/calendar.ts";
import { compareText } from "../../../src/lib/order.ts";
import { deriveReleaseSet } from "../../../src/lib/release-set.ts";
import type {
  GithubTracking,
  Kep,
  KepGithub,
  Release,
  ReleaseBoard,
  Sources,
  Stage,
  Version,
  Warning,
} from "../../../src/lib/schema.ts";
import { compareVersions } from "../../../src/lib/versions.ts";
import type { WarningKind } from "../../../src/lib/warning-kinds.ts";
import type { Snapshot } from "../snapshot.ts";
import type { Board } from "./board.ts";
import type { IssueRecord } from "./issues.ts";
import { deriveTracking, type ReleaseWindow, versionOfMilestone } from "./tracking.ts";

/** What one online read of GitHub gives the merge. */
export interface GithubFacts {
  /** "kubernetes/enhancements" */
  repository: string;
  /** Every issue of the repository, by number. */
  issues: ReadonlyMap<number, IssueRecord>;
  /** Release boards: the current one as just read, older ones as earlier syncs read them. */
  boards: readonly Board[];
}

/** Warning kinds this module reports. */
export const GITHUB_WARNING_KINDS = [
  "github-stage-disagrees",
  "github-release-disagrees",
  "github-milestone-disagrees",
  "github-state-disagrees",
  "github-issue-without-kep",
  "github-issue-missing",
] as const;

const GITHUB_KINDS: ReadonlySet<string> = new Set(GITHUB_WARNING_KINDS);
/** Warnings about issue text, kept with the issue facts they describe. */
const TEXT_KINDS: ReadonlySet<string> = new Set(["text-too-long", "text-control-characters"]);

/** Release windows of a snapshot: release day starts the end-of-cycle wipe. */
export function releaseWindows(
  releases: readonly Pick<Release, "version" | "releaseDate" | "state">[],
): ReleaseWindow[] {
  return releases.map((release) => ({
    version: release.version,
    cutoff: release.releaseDate ? `${release.releaseDate}T00:00:00Z` : null,
    released: release.state === "released",
  }));
}

/** An issue record -> the facts a KEP keeps (pure). */
export function toKepGithub(issue: IssueRecord, windows: readonly ReleaseWindow[]): KepGithub {
  return {
    issue: issue.number,
    title: issue.title,
    state: issue.state,
    stateReason: issue.stateReason,
    createdAt: issue.createdAt,
    closedAt: issue.closedAt,
    labels: [...issue.labels].sort(compareText),
    milestone: issue.milestone,
    assignees: [...issue.assignees].sort(compareText),
    comments: issue.comments,
    reactions: issue.reactions,
    tracking: deriveTracking(issue, windows),
  };
}

/** Merges a fresh read of GitHub into a snapshot built from kep.yaml and sig-release. */
export function mergeGithub(base: Snapshot, facts: GithubFacts): Snapshot {
  const windows = releaseWindows(base.releases);
  const github = new Map<number, KepGithub>();
  for (const kep of base.keps) {
    const issue = facts.issues.get(kep.number);
    if (issue) github.set(kep.number, toKepGithub(issue, windows));
  }
  const boards = new Map<Version, ReleaseBoard>();
  for (const board of facts.boards) {
    boards.set(board.release, { number: board.number, title: board.title, url: board.url, items: board.items.length });
    const open = windows.some((w) => w.version === board.release && !w.released);
    for (const item of board.items) {
      const current = github.get(item.kep);
      if (!current) continue;
      const fields = { status: item.status, type: item.type, stage: item.stage };
      const existing = current.tracking.find((t) => t.release === board.release);
      // Being on the board of a release under way means opted in, even before the milestone is set.
      if (!existing && !open) continue;
      const tracking = existing
        ? current.tracking.map((t) => (t === existing ? { ...t, board: fields } : t))
        : [...current.tracking, { release: board.release, status: "opted-in" as const, stage: null, board: fields }];
      github.set(item.kep, { ...current, tracking: sortTracking(tracking) });
    }
  }
  const kepNumbers = new Set(base.keps.map((k) => k.number));
  const extra: Warning[] = cleanedTextWarnings(base.keps, facts);
  for (const issue of facts.issues.values()) {
    if (kepNumbers.has(issue.number)) continue;
    const tracked = deriveTracking(issue, windows).filter((t) => t.status === "tracked");
    if (tracked.length === 0) continue;
    extra.push({
      kind: "github-issue-without-kep",
      file: issueFile(facts.repository, issue.number),
      field: "tracking",
      value: `tracked for ${tracked.map((t) => t.release).join(", ")}; no kep.yaml has this number`,
      action: "ignored",
      kep: issue.number,
    });
  }
  for (const kep of base.keps) {
    if (kep.deleted || facts.issues.has(kep.number)) continue;
    extra.push({
      kind: "github-issue-missing",
      file: issueFile(facts.repository, kep.number),
      field: "number",
      value: `no issue #${kep.number} in ${facts.repository}`,
      action: "ignored",
      kep: kep.number,
    });
  }
  const newest = [...facts.issues.values()].reduce<string | null>(
    (max, issue) => (max === null || issue.updatedAt > max ? issue.updatedAt : max),
    null,
  );
  const sources: NonNullable<Sources["github"]> = {
    repository: facts.repository,
    issues: facts.issues.size,
    updatedAt: newest,
  };
  return applyGithub(base, github, boards, sources, extra);
}

/** Issue text that was cut or cleaned on reading, one warning per KEP issue and field. */
function cleanedTextWarnings(keps: readonly Kep[], facts: GithubFacts): Warning[] {
  return keps.flatMap((kep) =>
    (facts.issues.get(kep.number)?.cleaned ?? []).map(
      (note): Warning => ({
        kind: note.kind,
        file: issueFile(facts.repository, kep.number),
        field: note.field,
        value: note.value.slice(0, 200),
        action: "normalised",
        kep: kep.number,
      }),
    ),
  );
}

/** Keeps the GitHub facts of a previous snapshot in a snapshot built offline (nothing GitHub said is dropped). */
export function keepGithubFacts(base: Snapshot, previous: Snapshot): Snapshot {
  if (!previous.sources.github) return base;
  const github = new Map<number, KepGithub>();
  for (const kep of previous.keps) {
    if (kep.github) github.set(kep.number, { ...kep.github, tracking: kep.github.tracking.map(withoutException) });
  }
  const boards = new Map<Version, ReleaseBoard>();
  for (const release of previous.releases) if (release.board) boards.set(release.version, release.board);
  const numbers = new Set(base.keps.map((k) => k.number));
  // Warnings that need the full issue list are carried while what they say still holds.
  const carried = previous.warnings.filter(
    (w) =>
      (w.kind === "github-issue-without-kep" && w.kep !== undefined && !numbers.has(w.kep)) ||
      (w.kind === "github-issue-missing" && w.kep !== undefined && numbers.has(w.kep) && !github.has(w.kep)) ||
      (w.file.startsWith("github:") && w.kep !== undefined && github.has(w.kep) && TEXT_KINDS.has(w.kind)),
  );
  return applyGithub(base, github, boards, previous.sources.github, carried);
}

/** The boards a snapshot recorded, rebuilt from its releases and the KEPs' tracking records. */
export function boardsOfSnapshot(snapshot: Snapshot): Board[] {
  return snapshot.releases.flatMap((release) => {
    if (!release.board) return [];
    const items = snapshot.keps.flatMap((kep) => {
      const fields = kep.github?.tracking.find((t) => t.release === release.version)?.board;
      return fields ? [{ kep: kep.number, ...fields }] : [];
    });
    const { number, title, url } = release.board;
    return [{ release: release.version, number, title, url, items }];
  });
}

function withoutException(tracking: GithubTracking): GithubTracking {
  const { exception: _derived, ...rest } = tracking;
  return rest;
}

function issueFile(repository: string, number: number): string {
  return `github:${repository}#${number}`;
}

function sortTracking(tracking: GithubTracking[]): GithubTracking[] {
  return [...tracking].sort((a, b) => compareVersions(a.release, b.release));
}

/** The shared tail of both merges: attach facts, re-derive release lists, report disagreements. */
function applyGithub(
  base: Snapshot,
  github: ReadonlyMap<number, KepGithub>,
  boards: ReadonlyMap<Version, ReleaseBoard>,
  sources: NonNullable<Sources["github"]>,
  extraWarnings: Warning[],
): Snapshot {
  const releaseByVersion = new Map(base.releases.map((r) => [r.version, r]));
  const approved = (kep: number, release: Version) =>
    releaseByVersion.get(release)?.exceptions.some((e) => e.kep === kep && e.status === "approved") ?? false;

  const keps: Kep[] = base.keps.map((kep) => {
    const facts = github.get(kep.number);
    if (!facts) return kep;
    const tracking = facts.tracking.map((t) =>
      approved(kep.number, t.release) ? { ...t, exception: true as const } : t,
    );
    return { ...kep, github: { ...facts, tracking } };
  });

  const trackedByRelease = new Map<Version, Map<number, Stage | null>>();
  for (const kep of keps) {
    for (const t of kep.github?.tracking ?? []) {
      if (t.status !== "tracked") continue;
      const set = trackedByRelease.get(t.release) ?? new Map<number, Stage | null>();
      set.set(kep.number, t.stage);
      trackedByRelease.set(t.release, set);
    }
  }
  const calendar = buildCalendar(base.releases, base.sources.asOf);
  const releases: Release[] = base.releases.map((release) => {
    const tracked = trackedByRelease.get(release.version);
    const board = boards.get(release.version);
    // Lists of releases GitHub says nothing about stay exactly as kep.yaml derived them.
    const set = tracked ? deriveReleaseSet(release.version, keps, calendar, release.exceptions, tracked) : release;
    return {
      ...release,
      enhancements: set.enhancements,
      slipped: set.slipped,
      stale: set.stale,
      ...(board ? { board } : {}),
    };
  });

  const warnings = [
    ...base.warnings.filter(
      (w) => !GITHUB_KINDS.has(w.kind) && !(w.file.startsWith("github:") && TEXT_KINDS.has(w.kind)),
    ),
    ...extraWarnings,
    ...keps.flatMap((kep) => (kep.github ? disagreements(kep, kep.github, releaseByVersion, sources.repository) : [])),
  ].sort(compareWarnings);
  return { sources: { ...base.sources, github: sources }, keps, releases, warnings };
}

/** The order the local sync writes warnings in. */
function compareWarnings(a: Warning, b: Warning): number {
  return (
    compareText(a.file, b.file) ||
    compareText(a.field, b.field) ||
    compareText(a.kind, b.kind) ||
    compareText(a.value, b.value)
  );
}

/** Where kep.yaml (as the release lists were derived from it) and the tracking issue disagree. */
function disagreements(
  kep: Kep,
  github: KepGithub,
  releases: ReadonlyMap<Version, Release>,
  repository: string,
): Warning[] {
  const file = issueFile(repository, github.issue);
  const warnings: Warning[] = [];
  const warn = (kind: WarningKind, field: string, value: string, release?: Version) => {
    const warning: Warning = { kind, file, field, value: value.slice(0, 200), action: "kept-raw", kep: kep.number };
    if (release) warning.release = release;
    warnings.push(warning);
  };
  if (github.state === "closed" && (kep.status === "implementable" || kep.status === "provisional")) {
    warn("github-state-disagrees", "state", `closed (kep.yaml status: ${kep.status})`);
  }
  const current = versionOfMilestone(github.milestone);
  if (github.state === "open" && current && github.milestone !== kep.latestMilestone) {
    warn(
      "github-milestone-disagrees",
      "milestone",
      `${github.milestone} (kep.yaml latest-milestone: ${kep.latestMilestone ?? "none"})`,
      releases.has(current) ? current : undefined,
    );
  }
  for (const t of github.tracking) {
    const release = releases.get(t.release);
    if (!release) continue;
    // The release lists in `releases` are kep.yaml's view: derived before GitHub was merged.
    const listed = release.enhancements.find((e) => e.kep === kep.number);
    const field = `tracking.${t.release}`;
    if (t.status === "tracked") {
      const stage = t.stage === "disabled" ? "deprecated" : t.stage;
      if (listed && stage && stage !== listed.stage) {
        warn("github-stage-disagrees", field, `stage/${t.stage} (kep.yaml: ${listed.stage})`, t.release);
      } else if (!listed) {
        const slip = release.slipped.find((s) => s.kep === kep.number);
        const said = slip ? `slipped${slip.movedTo ? ` to ${slip.movedTo}` : ""}` : `not in ${t.release}`;
        warn("github-release-disagrees", field, `tracked (kep.yaml: ${said})`, t.release);
      }
    } else if (listed && (t.status === "removed" || t.status === "deferred" || t.status === "not-tracked")) {
      const moved = t.movedTo ? ` to ${t.movedTo}` : "";
      warn(
        "github-release-disagrees",
        field,
        `${t.status}${moved} (kep.yaml: ${listed.stage} in ${t.release})`,
        t.release,
      );
    }
  }
  return warnings;
}
