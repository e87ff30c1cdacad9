/**
 * The data model of KEP Radar: one set of zod schemas shared by the sync (which
 * validates before it writes) and the site (which validates what it reads).
 * Facts only: numbers, names, stages, dates. Raw upstream values are kept only in
 * warnings, so a reader can see what the normalisation started from.
 */

import { z } from "zod";
import { CheckResultSchema, EvaluationPointSchema, ReadinessRuleSchema } from "./readiness/rules.ts";
import { CHANGE_KINDS, RELEASE_STAGES, STAGES, STATUSES } from "./vocabulary.ts";
import { WARNING_KIND_NAMES } from "./warning-kinds.ts";

export { CHANGE_KINDS, RELEASE_STAGES, STAGES, STATUSES };

export const StageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof StageSchema>;

export const ReleaseStageSchema = z.enum(RELEASE_STAGES);
export type ReleaseStage = z.infer<typeof ReleaseStageSchema>;

export const StatusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof StatusSchema>;

/** A Kubernetes minor release as KEP metadata writes it: "v1.29". */
export const MilestoneSchema = z.string().regex(/^v\d+\.\d+$/, 'expected "v<major>.<minor>"');
export type Milestone = z.infer<typeof MilestoneSchema>;

/** A release as this site names it in routes and the API: "1.29". */
export const VersionSchema = z.string().regex(/^\d+\.\d+$/, 'expected "<major>.<minor>"');
export type Version = z.infer<typeof VersionSchema>;

/** A calendar day, YYYY-MM-DD. */
export const DateSchema = z.iso.date();
/** An instant with its zone, as ISO 8601 (git commit times keep their offset, normalised to UTC). */
export const DateTimeSchema = z.iso.datetime({ offset: true });

/** The per-stage milestone map of a kep.yaml, normalised; stages without a usable value are absent. */
export const MilestonesSchema = z.strictObject({
  alpha: MilestoneSchema.optional(),
  beta: MilestoneSchema.optional(),
  stable: MilestoneSchema.optional(),
  deprecated: MilestoneSchema.optional(),
  disabled: MilestoneSchema.optional(),
  removed: MilestoneSchema.optional(),
});
export type Milestones = z.infer<typeof MilestonesSchema>;

/** A feature gate a KEP declares, with the components that carry it. */
export const FeatureGateSchema = z.strictObject({
  /** Gate name as written (usually a Go identifier; a few are env vars). */
  name: z.string().min(1),
  /** Components such as kube-apiserver or kubelet; empty when upstream gives none. */
  components: z.array(z.string().min(1)),
});
export type FeatureGate = z.infer<typeof FeatureGateSchema>;

/** A production-readiness approval for one stage of a KEP (keps/prod-readiness/<sig>/<n>.yaml). */
export const PrrApprovalSchema = z.strictObject({
  stage: StageSchema,
  /** GitHub handle without the leading @. */
  approver: z.string().min(1),
});
export type PrrApproval = z.infer<typeof PrrApprovalSchema>;

/**
 * One version of a KEP's metadata: the kep.yaml as it stood after a merge to master.
 * Only the fields that move a KEP through releases are kept per version.
 */
export const KepVersionSchema = z.strictObject({
  /** Merge commit on master (first parent) that produced this version. */
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  /** Commit date of that merge, UTC. */
  date: DateTimeSchema,
  /** Path of the kep.yaml at that commit (follows renames and renumbering). */
  path: z.string().min(1),
  status: StatusSchema.nullable(),
  stage: StageSchema.nullable(),
  latestMilestone: MilestoneSchema.nullable(),
  milestones: MilestonesSchema,
  /** Stages whose milestone key is present but names no release (TBD, empty): a cleared target. */
  cleared: z.array(StageSchema).optional(),
});
export type KepVersion = z.infer<typeof KepVersionSchema>;

/** What became of a stage target at a release. */
export const TARGET_OUTCOMES = [
  /** The release is out and the KEP reached the stage in it. */
  "shipped",
  /** The stage was being worked on for this release and the target moved later (or was cleared). */
  "slipped",
  /** A plan for a later stage moved before work on it began (not a slip). */
  "replanned",
  /** The target moved to an earlier release (usually a correction of the metadata). */
  "pulled-in",
  /** The KEP was withdrawn, rejected, replaced or deferred while the target stood. */
  "dropped",
  /** The release is out, the target stood, but kep.yaml never recorded the stage reached. */
  "missed",
  /** The release is not out yet: the target still stands. */
  "planned",
] as const;
export const TargetOutcomeSchema = z.enum(TARGET_OUTCOMES);
export type TargetOutcome = z.infer<typeof TargetOutcomeSchema>;

/** One entry of a KEP's stage timeline: a stage aimed at one release, and what became of it. */
export const TimelineEntrySchema = z.strictObject({
  stage: StageSchema,
  release: VersionSchema,
  outcome: TargetOutcomeSchema,
  /** When kep.yaml first named this release for this stage. */
  targetedOn: DateTimeSchema,
  /** When the target moved away (slipped, replanned, pulled-in, dropped); absent while it stands. */
  changedOn: DateTimeSchema.optional(),
  /** Where the target moved to; absent when it was cleared without a new release. */
  movedTo: VersionSchema.optional(),
  /**
   * True when kep.yaml named this release only after it was out (a record written after the
   * fact, e.g. a milestone map filled in later): the timeline shows it, release lists do not count it.
   */
  late: z.literal(true).optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** What a KEP's tracking issue says about one release, rebuilt from the issue timeline. */
export const GITHUB_TRACKING_STATUSES = [
  /** Tracked (tracked/yes with the release's milestone) on release day, or now for a release not out yet. */
  "tracked",
  /** Tracked during the cycle, then dropped before release day without a later milestone. */
  "removed",
  /** The milestone moved to a later release before release day. */
  "deferred",
  /** Milestoned for the release (opted in or labelled tracked/no) and never tracked. */
  "not-tracked",
  /** Labelled tracked/out-of-tree: worked on outside kubernetes/kubernetes. */
  "out-of-tree",
  /** The release is not out yet: opted in, no tracking decision so far. */
  "opted-in",
] as const;
export const GithubTrackingStatusSchema = z.enum(GITHUB_TRACKING_STATUSES);
export type GithubTrackingStatus = z.infer<typeof GithubTrackingStatusSchema>;

/** One release as the KEP's tracking issue recorded it (labels and milestone are wiped after each cycle). */
export const GithubTrackingSchema = z.strictObject({
  release: VersionSchema,
  status: GithubTrackingStatusSchema,
  /** Stage label (stage/alpha, stage/beta, stage/stable) the issue carried for the release, if any. */
  stage: StageSchema.nullable(),
  /** First time the issue had both lead-opted-in and the release's milestone. */
  optedInOn: DateTimeSchema.optional(),
  /** First time the issue had both tracked/yes and the release's milestone. */
  trackedOn: DateTimeSchema.optional(),
  /** When tracking ended before release day (removed, deferred). */
  changedOn: DateTimeSchema.optional(),
  /** Release the milestone moved to (deferred). */
  movedTo: VersionSchema.optional(),
  /** An approved freeze exception in sig-release names the KEP for this release. */
  exception: z.literal(true).optional(),
  /** The item on the release's Projects board, with the board's own wording. */
  board: z
    .strictObject({
      status: z.string().min(1).nullable(),
      type: z.string().min(1).nullable(),
      stage: z.string().min(1).nullable(),
    })
    .optional(),
});
export type GithubTracking = z.infer<typeof GithubTrackingSchema>;

/** Facts from a KEP's tracking issue in kubernetes/enhancements (present once a GitHub sync has run). */
export const KepGithubSchema = z.strictObject({
  /** Issue number (the KEP number by convention). */
  issue: z.number().int().positive(),
  /** Issue title as written on GitHub (may differ from the kep.yaml title). */
  title: z.string(),
  state: z.enum(["open", "closed"]),
  /** Why the issue was closed (completed, not_planned, duplicate); null while open or when GitHub gives none. */
  stateReason: z.string().min(1).nullable(),
  createdAt: DateTimeSchema,
  closedAt: DateTimeSchema.nullable(),
  /** Current labels, sorted. */
  labels: z.array(z.string().min(1)),
  /** Current milestone title as written ("v1.37"), or null. */
  milestone: z.string().min(1).nullable(),
  /** GitHub handles of the assignees, sorted. */
  assignees: z.array(z.string().min(1)),
  /** Comment count. */
  comments: z.number().int().nonnegative(),
  /** Reactions on the issue itself, all kinds. */
  reactions: z.number().int().nonnegative(),
  /** Releases the issue was milestoned for, in release order. */
  tracking: z.array(GithubTrackingSchema),
});
export type KepGithub = z.infer<typeof KepGithubSchema>;

/** A KEP as the snapshot stores it. */
export const KepSchema = z.strictObject({
  /** KEP number, which is also the tracking issue number in kubernetes/enhancements. */
  number: z.number().int().nonnegative(),
  title: z.string().min(1),
  /** Path of the kep.yaml at the newest commit (or the last path it had before deletion). */
  path: z.string().min(1),
  owningSig: z.string().min(1),
  participatingSigs: z.array(z.string().min(1)),
  status: StatusSchema.nullable(),
  stage: StageSchema.nullable(),
  latestMilestone: MilestoneSchema.nullable(),
  milestones: MilestonesSchema,
  featureGates: z.array(FeatureGateSchema),
  authors: z.array(z.string().min(1)),
  reviewers: z.array(z.string().min(1)),
  approvers: z.array(z.string().min(1)),
  prrApprovals: z.array(PrrApprovalSchema),
  /** Other KEPs named in see-also, replaces and superseded-by. */
  related: z.array(
    z.strictObject({
      kind: z.enum(["see-also", "replaces", "superseded-by"]),
      kep: z.number().int().nonnegative(),
    }),
  ),
  creationDate: DateSchema.nullable(),
  lastUpdated: DateSchema.nullable(),
  /** True when the kep.yaml no longer exists at the newest commit. */
  deleted: z.boolean(),
  /** Every version of the metadata, oldest first. */
  history: z.array(KepVersionSchema),
  /** Stage targets across releases, in time order. */
  timeline: z.array(TimelineEntrySchema),
  /** Facts from the tracking issue, when a GitHub sync has read them. */
  github: KepGithubSchema.optional(),
});
export type Kep = z.infer<typeof KepSchema>;

/** The schedule points a release page shows, in cycle order. */
export const PHASES = [
  "cycle-start",
  "prr-freeze",
  "enhancements-freeze",
  "code-freeze",
  "test-freeze",
  "docs-freeze",
  "release",
] as const;
export const PhaseIdSchema = z.enum(PHASES);
export type PhaseId = z.infer<typeof PhaseIdSchema>;

/** One schedule point of a release. */
export const SchedulePhaseSchema = z.strictObject({
  id: PhaseIdSchema,
  /** Calendar day as the schedule gives it (in the schedule's own zone when it gives one). */
  date: DateSchema,
  /** Exact instant when the schedule gives a time: ISO 8601 in UTC. */
  at: DateTimeSchema.optional(),
  /** The zone the schedule wrote the time in (UTC, PDT, PST, AoE). */
  zone: z.string().optional(),
});
export type SchedulePhase = z.infer<typeof SchedulePhaseSchema>;

/** A member of the release team. */
export const TeamMemberSchema = z.strictObject({
  /** Role as the roster names it: "Lead", "Enhancements Lead", ... */
  role: z.string().min(1),
  name: z.string().min(1),
  /** GitHub handle without @, when the roster gives one. */
  github: z.string().min(1).optional(),
  /** True for shadows, false for the role's lead. */
  shadow: z.boolean(),
});
export type TeamMember = z.infer<typeof TeamMemberSchema>;

export const EXCEPTION_STATUSES = ["approved", "denied", "withdrawn", "pending", "unknown"] as const;

/** A freeze exception request (releases/release-1.N/exceptions.yaml). */
export const FreezeExceptionSchema = z.strictObject({
  /** KEP (tracking issue) number, when the request names one. */
  kep: z.number().int().nonnegative().nullable(),
  /** Which freeze the request was against. */
  freeze: z.enum(["enhancements", "code", "test", "docs", "unknown"]),
  status: z.enum(EXCEPTION_STATUSES),
  /** Day the request was filed. */
  requested: DateSchema.nullable(),
  /** Pull requests listed in the request. */
  pullRequests: z.number().int().nonnegative(),
});
export type FreezeException = z.infer<typeof FreezeExceptionSchema>;

/** How an entry of a release's enhancement list was inferred. */
export const INFERENCES = [
  /** The KEP's current milestone map names this release for the stage. */
  "milestone",
  /** kep.yaml on release day named this release as latest-milestone, stage unchanged. */
  "latest-milestone",
  /** kep.yaml named this release for the stage at enhancements freeze. */
  "targeted-at-freeze",
  /** An approved freeze exception names the KEP. */
  "exception",
  /** GitHub's issue timeline shows the KEP tracked for the release. */
  "github-tracked",
] as const;
export const InferenceSchema = z.enum(INFERENCES);
export type Inference = z.infer<typeof InferenceSchema>;

export const ChangeKindSchema = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof ChangeKindSchema>;

/** An enhancement a release carried. */
export const ReleaseEnhancementSchema = z.strictObject({
  kep: z.number().int().nonnegative(),
  stage: ReleaseStageSchema,
  kind: ChangeKindSchema,
  owningSig: z.string().min(1),
  /** Every signal that put the KEP in this release's list. */
  inferredFrom: z.array(InferenceSchema).min(1),
});
export type ReleaseEnhancement = z.infer<typeof ReleaseEnhancementSchema>;

/** An enhancement that was aimed at a release and left it. */
export const SlippedEnhancementSchema = z.strictObject({
  kep: z.number().int().nonnegative(),
  stage: StageSchema,
  owningSig: z.string().min(1),
  /** When kep.yaml moved the target away; absent when it stood past release day and the stage was never reached. */
  changedOn: DateTimeSchema.optional(),
  /** The release it moved to, if any. */
  movedTo: VersionSchema.optional(),
});
export type SlippedEnhancement = z.infer<typeof SlippedEnhancementSchema>;

export const RELEASE_STATES = ["released", "in-progress", "planned"] as const;

/** The release's Projects (v2) enhancements board, as last read from GitHub. */
export const ReleaseBoardSchema = z.strictObject({
  /** Project number in the kubernetes organisation. */
  number: z.number().int().positive(),
  title: z.string().min(1),
  url: z.url(),
  /** Items on the board that are kubernetes/enhancements issues. */
  items: z.number().int().nonnegative(),
});
export type ReleaseBoard = z.infer<typeof ReleaseBoardSchema>;

/** A Kubernetes minor release. */
export const ReleaseSchema = z.strictObject({
  /** "1.29" */
  version: VersionSchema,
  /** The release theme, from the H1 of the release README (or a curated override when the README has none). */
  theme: z.string().min(1).nullable(),
  /** Where the theme came from: the README, or content/curated/releases.json. */
  themeSource: z.enum(["readme", "curated"]).nullable(),
  /** Path of the logo in kubernetes/sig-release, read at build time; null when there is none. */
  logo: z.string().min(1).nullable(),
  /** Whether the release is out on the date of the data. */
  state: z.enum(RELEASE_STATES),
  releaseDate: DateSchema.nullable(),
  schedule: z.array(SchedulePhaseSchema),
  /** Role leads and shadows from release-team.md. */
  team: z.array(TeamMemberSchema),
  exceptions: z.array(FreezeExceptionSchema),
  enhancements: z.array(ReleaseEnhancementSchema),
  /** Targets that were live during the cycle (named at enhancements freeze or changed during it) and left it. */
  slipped: z.array(SlippedEnhancementSchema),
  /** Targets nobody touched during the cycle that moved away later: stale plans, not slips. */
  stale: z.array(SlippedEnhancementSchema),
  /** The Projects board of the release, when a GitHub sync could read it. */
  board: ReleaseBoardSchema.optional(),
});
export type Release = z.infer<typeof ReleaseSchema>;

/** Hand-kept facts that the sources lack, merged on top by the sync (content/curated/releases.json). */
export const CuratedReleasesSchema = z.record(
  VersionSchema,
  z.strictObject({
    /** The release theme, when the release README does not name it. */
    theme: z.string().min(1).optional(),
    /** Where the curated fact can be checked. */
    source: z.string().min(1),
  }),
);
export type CuratedReleases = z.infer<typeof CuratedReleasesSchema>;

/** Kinds of data-quality warning; each names one irregularity class. */
export const WarningSchema = z.strictObject({
  /** Machine-readable class, e.g. "milestone-placeholder": one of the catalogue in warning-kinds.ts. */
  kind: z.enum(WARNING_KIND_NAMES),
  /** Upstream file, relative to its repository root. */
  file: z.string().min(1),
  /** Field (dotted path) or table row the warning is about. */
  field: z.string(),
  /** The raw value as found, shortened to 200 characters. */
  value: z.string().max(200),
  /** What the sync did about it. */
  action: z.enum(["normalised", "kept-raw", "ignored", "skipped-file"]),
  /** KEP number the warning concerns, if any. */
  kep: z.number().int().nonnegative().optional(),
  /** Release the warning concerns, if any. */
  release: VersionSchema.optional(),
  /** Commit the value was seen at, for history-only irregularities. */
  commit: z
    .string()
    .regex(/^[0-9a-f]{40}$/)
    .optional(),
});
export type Warning = z.infer<typeof WarningSchema>;

/** What the snapshot was built from. */
export const SourcesSchema = z.strictObject({
  enhancements: z.strictObject({
    /** Newest commit on master that the sync read. */
    commit: z.string().regex(/^[0-9a-f]{40}$/),
    date: DateTimeSchema,
    /** kep.yaml versions read across history. */
    versions: z.number().int().nonnegative(),
  }),
  sigRelease: z.strictObject({
    /** Commit of the sig-release clone, when it is a git checkout. */
    commit: z
      .string()
      .regex(/^[0-9a-f]{40}$/)
      .nullable(),
  }),
  /** The day the data speaks for: release states and "today" markers are relative to it. */
  asOf: DateSchema,
  /** What the last GitHub sync read; absent when the snapshot never met GitHub. */
  github: z
    .strictObject({
      /** Repository the tracking issues come from ("kubernetes/enhancements"). */
      repository: z.string().min(1),
      /** Issues read (KEP tracking issues and any others in the repository). */
      issues: z.number().int().nonnegative(),
      /** Newest issue update seen. */
      updatedAt: DateTimeSchema.nullable(),
    })
    .optional(),
});
export type Sources = z.infer<typeof SourcesSchema>;

/** Where a readiness check found its answer: a file at a commit, and the line or field in it. */
export const ReadinessEvidenceSchema = z.strictObject({
  /**
   * File in kubernetes/enhancements (or sig-release for exceptions), relative to its root. In the
   * snapshot it is absent when it is the rule's own file: the KEP's kep.yaml or README.md, or its PRR file.
   */
  file: z.string().min(1).optional(),
  /** Commit the file was read at when it differs from the evaluation's (absent: the evaluation's commit). */
  commit: z
    .string()
    .regex(/^[0-9a-f]{40}$/)
    .optional(),
  /** 1-based line the answer rests on, when one line shows it. */
  line: z.number().int().positive().optional(),
  /** Field (kep.yaml key path) or section heading the check read. */
  field: z.string().max(200).optional(),
  /** The value found, as a short fact ("provisional", "v1.36", "3 words of its own"). */
  value: z.string().max(200).optional(),
  /** Template headings or questionnaire sections the README lacks or leaves unanswered. */
  missing: z.array(z.string().max(200)).max(40).optional(),
});
export type ReadinessEvidence = z.infer<typeof ReadinessEvidenceSchema>;

/** One readiness check of one KEP: the rule (its text lives in readiness/rules.ts), the result and its evidence. */
export const ReadinessCheckSchema = z.strictObject({
  rule: ReadinessRuleSchema,
  result: CheckResultSchema,
  evidence: ReadinessEvidenceSchema.nullable(),
});
export type ReadinessCheck = z.infer<typeof ReadinessCheckSchema>;

/** A KEP's repository checks at one instant of a cycle. */
export const KepReadinessSchema = z.strictObject({
  kep: z.number().int().nonnegative(),
  /** The stage targeted in the release at that instant; null when kep.yaml names none. */
  stage: StageSchema.nullable(),
  /** The KEP's folder at that instant (its kep.yaml and README.md live there). */
  folder: z.string().min(1),
  /** Its PRR approval file at that instant, when there is one. */
  prr: z.string().min(1).nullable(),
  checks: z.array(ReadinessCheckSchema),
});
export type KepReadiness = z.infer<typeof KepReadinessSchema>;

/** Every KEP targeting a cycle, checked at one instant (the enhancements freeze, or the data's newest commit). */
export const ReadinessEvaluationSchema = z.strictObject({
  point: EvaluationPointSchema,
  /** The instant checked. */
  at: DateTimeSchema,
  /** Newest first-parent commit on master at that instant: every file was read as it stood there. */
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  /** Whether the KEP template existed at that commit (the README checks compare against it). */
  template: z.boolean(),
  keps: z.array(KepReadinessSchema),
});
export type ReadinessEvaluation = z.infer<typeof ReadinessEvaluationSchema>;

/** Counts of a cycle's readiness at one instant, for comparing cycles at the same week. */
export const ReadinessCountsSchema = z.strictObject({
  at: DateTimeSchema,
  targeting: z.number().int().nonnegative(),
  ready: z.number().int().nonnegative(),
  atRisk: z.number().int().nonnegative(),
  notReady: z.number().int().nonnegative(),
});
export type ReadinessCounts = z.infer<typeof ReadinessCountsSchema>;

/** One cycle's readiness as the sync computed it (content/snapshot/readiness/<major.minor>.json). */
export const CycleReadinessSchema = z.strictObject({
  version: VersionSchema,
  evaluations: z.array(ReadinessEvaluationSchema),
  /** The cycle at the same point since its start as the newest cycle has reached now (earlier cycles only). */
  sameWeek: ReadinessCountsSchema.optional(),
});
export type CycleReadiness = z.infer<typeof CycleReadinessSchema>;
