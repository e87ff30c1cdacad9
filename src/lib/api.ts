/**
 * The public JSON API (/api/...): a stable contract for outside users, documented in
 * the README. Field names here change only with a new API version.
 */
import type { Announcement } from "./announcements.ts";
import { countByStage } from "./release-counts.ts";
import type { Kep, Release, Warning } from "./schema.ts";

/** The GitHub repository KEP tracking issues and folders live in. */
export const ENHANCEMENTS_REPO = "https://github.com/kubernetes/enhancements";

/** Link to a KEP's tracking issue. */
export function kepIssueUrl(number: number): string {
  return `${ENHANCEMENTS_REPO}/issues/${number}`;
}

/** Link to a KEP's folder on master. */
export function kepFolderUrl(kep: Pick<Kep, "path">): string {
  return `${ENHANCEMENTS_REPO}/tree/master/${kep.path.replace(/\/[^/]+$/, "")}`;
}

/** Milestones with every contracted key present: "v1.N" or null. */
export function milestoneMap(kep: Pick<Kep, "milestones">) {
  const m = kep.milestones;
  const map: Record<"alpha" | "beta" | "stable" | "deprecated" | "removed", string | null> & { disabled?: string } = {
    alpha: m.alpha ?? null,
    beta: m.beta ?? null,
    stable: m.stable ?? null,
    deprecated: m.deprecated ?? null,
    removed: m.removed ?? null,
  };
  if (m.disabled) map.disabled = m.disabled;
  return map;
}

/** One entry of /api/keps.json. */
export function toKepSummary(kep: Kep) {
  return {
    number: kep.number,
    title: kep.title,
    owningSig: kep.owningSig,
    status: kep.status,
    stage: kep.stage,
    latestMilestone: kep.latestMilestone,
    milestones: milestoneMap(kep),
    url: `/keps/${kep.number}/`,
  };
}

/** Where a KEP's README was read at build time (not in the snapshot: it depends on the build's source). */
export interface ReadmeRef {
  path: string;
  commit: string;
  url: string;
  summary: string | null;
}

/** /api/keps/<number>.json */
export function toKepApi(kep: Kep, warnings: readonly Warning[], readme: ReadmeRef | null = null) {
  return {
    ...toKepSummary(kep),
    participatingSigs: kep.participatingSigs,
    issue: kepIssueUrl(kep.number),
    folder: kepFolderUrl(kep),
    readme,
    featureGates: kep.featureGates,
    authors: kep.authors,
    reviewers: kep.reviewers,
    approvers: kep.approvers,
    prrApprovals: kep.prrApprovals,
    related: kep.related,
    creationDate: kep.creationDate,
    lastUpdated: kep.lastUpdated,
    deleted: kep.deleted,
    timeline: kep.timeline,
    history: kep.history,
    warnings: warnings.map(({ kind, file, field, value, action }) => ({ kind, file, field, value, action })),
  };
}

/** What the release announcement states, as the API gives it (null when there is none). */
function toAnnounced(announcement: Announcement | undefined) {
  if (!announcement) return null;
  const { url, total, alpha, beta, stable } = announcement;
  return { url, total, alpha, beta, stable };
}

/** One entry of /api/releases.json. */
export function toReleaseSummary(release: Release, announcement?: Announcement) {
  return {
    version: release.version,
    theme: release.theme,
    state: release.state,
    releaseDate: release.releaseDate,
    counts: countByStage(release),
    announced: toAnnounced(announcement),
    url: `/releases/${release.version}/`,
  };
}

/** /api/releases/<major.minor>.json */
export function toReleaseApi(
  release: Release,
  kepByNumber: ReadonlyMap<number, Pick<Kep, "title">>,
  announcement?: Announcement,
) {
  return {
    ...toReleaseSummary(release, announcement),
    logo: release.logo,
    schedule: release.schedule,
    team: release.team,
    exceptions: release.exceptions,
    enhancements: release.enhancements.map((e) => ({ ...e, title: kepByNumber.get(e.kep)?.title ?? null })),
    slipped: release.slipped.map((s) => ({ ...s, title: kepByNumber.get(s.kep)?.title ?? null })),
    stale: release.stale.map((s) => ({ ...s, title: kepByNumber.get(s.kep)?.title ?? null })),
  };
}
