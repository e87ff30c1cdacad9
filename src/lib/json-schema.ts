/**
 * Zod schemas of the public JSON API responses (the shapes src/lib/api.ts builds), made
 * from the snapshot schemas, and their JSON Schema form as published under /api/schema/.
 */
import { z } from "zod";
import {
  CheckResultSchema,
  EvaluationPointSchema,
  READINESS_RULE_IDS,
  ReadinessRuleSchema,
  RULE_WEIGHTS,
  VerdictSchema,
} from "./readiness/rules.ts";
import {
  ChangeKindSchema,
  DateSchema,
  FeatureGateSchema,
  FreezeExceptionSchema,
  InferenceSchema,
  KepSchema,
  KepVersionSchema,
  MilestoneSchema,
  PrrApprovalSchema,
  RELEASE_STATES,
  ReadinessEvidenceSchema,
  ReleaseStageSchema,
  SchedulePhaseSchema,
  SlippedEnhancementSchema,
  StageSchema,
  StatusSchema,
  TeamMemberSchema,
  TimelineEntrySchema,
  VersionSchema,
  WarningSchema,
} from "./schema.ts";

/** Every contracted stage key, "v1.N" or null; disabled only when set. */
export const ApiMilestonesSchema = z.strictObject({
  alpha: MilestoneSchema.nullable(),
  beta: MilestoneSchema.nullable(),
  stable: MilestoneSchema.nullable(),
  deprecated: MilestoneSchema.nullable(),
  removed: MilestoneSchema.nullable(),
  disabled: MilestoneSchema.optional(),
});

/** One entry of /api/keps.json. */
export const KepSummaryApiSchema = z.strictObject({
  number: z.number().int().nonnegative().describe("KEP number, also its tracking issue in kubernetes/enhancements"),
  title: z.string().min(1),
  owningSig: z.string().min(1),
  status: StatusSchema.nullable(),
  stage: StageSchema.nullable(),
  latestMilestone: MilestoneSchema.nullable(),
  milestones: ApiMilestonesSchema,
  url: z
    .string()
    .regex(/^\/keps\/\d+\/$/)
    .describe("Page of the KEP on this site"),
});

/** /api/keps/<number>.json */
export const KepApiSchema = KepSummaryApiSchema.extend({
  participatingSigs: z.array(z.string().min(1)),
  issue: z.url().describe("Tracking issue on GitHub"),
  folder: z.url().describe("KEP folder on GitHub"),
  readme: z
    .strictObject({
      path: z.string().min(1).describe("README.md in kubernetes/enhancements"),
      commit: z
        .string()
        .regex(/^[0-9a-f]{40}$/)
        .describe("Commit the build read it at"),
      url: z.url().describe("The README on GitHub at that commit"),
      summary: z.string().nullable().describe("The Summary section's opening paragraph, as plain text"),
    })
    .nullable()
    .describe("The KEP's proposal as the build read it; null when the build had no enhancements source"),
  featureGates: z.array(FeatureGateSchema),
  authors: z.array(z.string().min(1)).describe("GitHub handles without @"),
  reviewers: z.array(z.string().min(1)),
  approvers: z.array(z.string().min(1)),
  prrApprovals: z.array(PrrApprovalSchema),
  related: KepSchema.shape.related,
  creationDate: DateSchema.nullable(),
  lastUpdated: DateSchema.nullable(),
  deleted: z.boolean().describe("True when the kep.yaml no longer exists upstream"),
  timeline: z.array(TimelineEntrySchema).describe("Stage targets across releases and what became of each"),
  history: z.array(KepVersionSchema).describe("Every version of the metadata, oldest first"),
  warnings: z
    .array(WarningSchema.pick({ kind: true, file: true, field: true, value: true, action: true }))
    .describe("This KEP's data-quality warnings"),
}).meta({ title: "KEP", description: "One KEP: /api/keps/<number>.json" });

/** Enhancements per stage (each stage counted once), major changes apart, and the total listed. */
export const StageCountsSchema = z.strictObject({
  alpha: z.number().int().nonnegative(),
  beta: z.number().int().nonnegative(),
  stable: z.number().int().nonnegative(),
  deprecated: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  majorChange: z.number().int().nonnegative().describe("Follow-up work within a stage already reached"),
  total: z.number().int().nonnegative().describe("Every entry of the list: the stages plus the major changes"),
});

/** What the release announcement on the Kubernetes blog states. */
export const AnnouncedApiSchema = z
  .strictObject({
    url: z.url(),
    total: z.number().int().nonnegative(),
    alpha: z.number().int().nonnegative(),
    beta: z.number().int().nonnegative(),
    stable: z.number().int().nonnegative(),
  })
  .nullable()
  .describe("The counts the release announcement states, or null for a release without one");

/** One entry of /api/releases.json. */
export const ReleaseSummaryApiSchema = z.strictObject({
  version: VersionSchema,
  theme: z.string().min(1).nullable(),
  state: z.enum(RELEASE_STATES).describe("As of the data's date (asOf)"),
  releaseDate: DateSchema.nullable(),
  counts: StageCountsSchema,
  announced: AnnouncedApiSchema,
  url: z
    .string()
    .regex(/^\/releases\/\d+\.\d+\/$/)
    .describe("Page of the release on this site"),
});

/** /api/releases/<major.minor>.json */
export const ReleaseApiSchema = ReleaseSummaryApiSchema.extend({
  logo: z.string().min(1).nullable().describe("Path of the logo in kubernetes/sig-release"),
  schedule: z.array(SchedulePhaseSchema),
  team: z.array(TeamMemberSchema),
  exceptions: z.array(FreezeExceptionSchema),
  enhancements: z.array(
    z.strictObject({
      kep: z.number().int().nonnegative(),
      stage: ReleaseStageSchema,
      kind: ChangeKindSchema,
      owningSig: z.string().min(1),
      inferredFrom: z.array(InferenceSchema).min(1),
      title: z.string().min(1).nullable(),
    }),
  ),
  slipped: z.array(SlippedEnhancementSchema.extend({ title: z.string().min(1).nullable() })),
  stale: z
    .array(SlippedEnhancementSchema.extend({ title: z.string().min(1).nullable() }))
    .describe("Targets nobody touched during the cycle that moved away later: not counted as slips"),
}).meta({ title: "Release", description: "One release: /api/releases/<major.minor>.json" });

/** /api/keps.json */
export const KepsIndexApiSchema = z
  .strictObject({
    asOf: DateSchema.describe("The day the data speaks for"),
    count: z.number().int().nonnegative(),
    keps: z.array(KepSummaryApiSchema),
  })
  .meta({ title: "KEP index", description: "Every KEP: /api/keps.json" });

/** /api/releases.json */
export const ReleasesIndexApiSchema = z
  .strictObject({
    asOf: DateSchema.describe("The day the data speaks for"),
    count: z.number().int().nonnegative(),
    releases: z.array(ReleaseSummaryApiSchema),
  })
  .meta({ title: "Release index", description: "Every release: /api/releases.json" });

/** /api/releases/<major.minor>/readiness.json */
export const ReadinessApiSchema = z
  .strictObject({
    version: VersionSchema,
    state: z.enum(RELEASE_STATES),
    asOf: DateSchema.describe("The day the data speaks for"),
    rules: z
      .array(
        z.strictObject({
          id: ReadinessRuleSchema,
          label: z.string().min(1),
          text: z.string().min(1).describe("The rule in one line"),
          weight: z
            .enum(RULE_WEIGHTS)
            .describe(
              "required: a fail means not ready; advisory: at risk; info: shown only; github: decides when present",
            ),
          source: z.string().min(1),
        }),
      )
      .length(READINESS_RULE_IDS.length),
    evaluations: z.array(
      z.strictObject({
        point: EvaluationPointSchema.describe(
          "enhancements-freeze: at the freeze instant; now: at the data's newest commit",
        ),
        at: z.iso.datetime({ offset: true }),
        commit: z
          .string()
          .regex(/^[0-9a-f]{40}$/)
          .describe("Commit of kubernetes/enhancements every file was read at"),
        template: z.boolean().describe("Whether the KEP template existed at that commit"),
        counts: z.strictObject({
          ready: z.number().int().nonnegative(),
          atRisk: z.number().int().nonnegative(),
          notReady: z.number().int().nonnegative(),
        }),
        keps: z.array(
          z.strictObject({
            kep: z.number().int().nonnegative(),
            title: z.string().min(1),
            owningSig: z.string().min(1),
            stage: StageSchema.nullable().describe("Stage targeted at that instant"),
            verdict: VerdictSchema,
            decidedBy: z.enum(["repository", "github"]),
            url: z.string().regex(/^\/keps\/\d+\/$/),
            checks: z.array(
              z.strictObject({
                rule: ReadinessRuleSchema,
                result: CheckResultSchema,
                weight: z.enum(RULE_WEIGHTS),
                evidence: ReadinessEvidenceSchema.extend({ file: z.string().min(1), url: z.url() }).nullable(),
              }),
            ),
          }),
        ),
      }),
    ),
    outcome: z
      .strictObject({
        version: VersionSchema,
        targeting: z.number().int().nonnegative(),
        shipped: z.number().int().nonnegative(),
        byVerdict: z.strictObject({
          "not-ready": z.strictObject({
            total: z.number().int().nonnegative(),
            shipped: z.number().int().nonnegative(),
          }),
          "at-risk": z.strictObject({ total: z.number().int().nonnegative(), shipped: z.number().int().nonnegative() }),
          ready: z.strictObject({ total: z.number().int().nonnegative(), shipped: z.number().int().nonnegative() }),
        }),
        rules: z.array(
          z.strictObject({
            rule: ReadinessRuleSchema,
            caught: z.number().int().nonnegative().describe("Failed on a KEP that did not ship"),
            misclassified: z.number().int().nonnegative().describe("Failed on a KEP that shipped"),
          }),
        ),
      })
      .nullable()
      .describe("Readiness at enhancements freeze against what shipped; null until the release is out"),
  })
  .meta({
    title: "Readiness",
    description: "One cycle's freeze readiness: /api/releases/<major.minor>/readiness.json",
  });

/** The published schemas: file name under /api/schema/ -> zod schema. */
export const API_SCHEMAS = {
  kep: KepApiSchema,
  release: ReleaseApiSchema,
  "keps-index": KepsIndexApiSchema,
  "releases-index": ReleasesIndexApiSchema,
  readiness: ReadinessApiSchema,
} as const;

/** A published schema's name. */
export type ApiSchemaName = keyof typeof API_SCHEMAS;

/** Where a schema is published: "/api/schema/kep.json". */
export function apiSchemaPath(name: ApiSchemaName): string {
  return `/api/schema/${name}.json`;
}

/** The JSON Schema (draft 2020-12) of one API response, with its absolute $id. */
export function toApiJsonSchema(name: ApiSchemaName, site: string): Record<string, unknown> {
  const schema = z.toJSONSchema(API_SCHEMAS[name], { target: "draft-2020-12", io: "output" });
  const { $schema, ...rest } = schema;
  return { $schema, $id: new URL(apiSchemaPath(name).slice(1), site).href, ...rest };
}
