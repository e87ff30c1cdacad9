/**
 * Every kind of data-quality warning, once: what it means and the upstream edit that clears it,
 * grouped by the source that reports it. The snapshot schema takes its kinds from here, both
 * sync paths report through these names, and /quality/ and the KEP pages read their texts here.
 * A kind that is not in this catalogue does not type-check and does not validate.
 */

/** What a warning kind means and what would clear it upstream. */
export interface WarningText {
  description: string;
  fix: string;
}

/** Where a kind of warning comes from. */
export type WarningSource = "kep.yaml" | "sig-release" | "kep-identity" | "github";

/** kep.yaml and production-readiness files, as the kep.yaml reader reports them. */
const KEP_YAML = {
  "yaml-unparsable": {
    description: "The file is not valid YAML, so none of its metadata could be read.",
    fix: "fix the YAML syntax (a linter such as yamllint shows where)",
  },
  "yaml-too-large": {
    description: "The file is over 1 MB or expands too many aliases to be kep metadata; it was skipped.",
    fix: "keep kep.yaml to plain metadata without anchors and aliases",
  },
  "text-control-characters": {
    description:
      "A text field holds control or bidirectional-override characters, which can hide or reorder what a reader sees; they were removed.",
    fix: "remove the invisible characters from the value",
  },
  "text-too-long": {
    description: "A text field is far longer than any real metadata value; it was cut short.",
    fix: "shorten the value",
  },
  "list-too-long": {
    description: "A list field has far more entries than any real KEP; only the first ones were kept.",
    fix: "shorten the list",
  },
  "reader-error": {
    description: "KEP Radar's reader failed on this file: a bug on our side, not upstream; the file was skipped.",
    fix: "none upstream: report it to KEP Radar",
  },
  "yaml-empty": {
    description: "The file holds no YAML document at all.",
    fix: "fill in the metadata or delete the file",
  },
  "yaml-multi-document": {
    description: "The file has several YAML documents (stray `---` markers); only the first with content was read.",
    fix: "remove the `---` document markers",
  },
  "not-a-mapping": {
    description: "The top level of the file is not a key: value mapping.",
    fix: "write the metadata as top-level `key: value` pairs",
  },
  "field-wrong-type": {
    description: "A field holds a list or mapping where text was expected, or the other way round; it was ignored.",
    fix: "give the field the shape the KEP template shows",
  },
  "unexpected-key": {
    description: "A top-level key that the KEP template does not define (often `name` or `id`); it was ignored.",
    fix: "remove the key",
  },
  "required-field-missing": {
    description:
      "A field that upstream requires (title, kep-number, owning-sig, status, authors, approvers) is missing or empty.",
    fix: "fill in the field",
  },
  "milestone-out-of-range": {
    description:
      "A milestone names no plausible Kubernetes release (a major above 2 or a minor above 199, e.g. `v3.1`); it was left out.",
    fix: "write the release the stage targets (vMAJOR.MINOR)",
  },
  "title-placeholder": {
    description:
      "The title is empty or still the template's `KEP Template`; the KEP is shown under its folder name instead.",
    fix: "give the KEP its own title",
  },
  "sig-name-mapped": {
    description:
      "A SIG name is not one of the SIG folders under keps/, but clearly means one (`sig-scheduler` for sig-scheduling); it was read as that SIG.",
    fix: "write the SIG's folder name (sig-scheduling)",
  },
  "sig-name-unknown": {
    description:
      "A SIG name is not one of the SIG folders under keps/ and could not be matched to one; it was kept as written.",
    fix: "write the owning SIG's folder name, or add the SIG's folder",
  },
  "kep-deleted": {
    description:
      "The KEP's kep.yaml was deleted upstream (withdrawn, merged into another KEP or never implemented); its page stays, but no release lists it.",
    fix: "nothing, if the KEP is gone for good; otherwise restore its kep.yaml",
  },
  "template-leftover": {
    description:
      "A value copied unchanged from the KEP template (`alpha|beta|stable`, `KEP Template`, `sig-aaa`, `my_feature_metric`).",
    fix: "replace the template text with the KEP's own value",
  },
  "list-as-scalar": {
    description: "A list field holds a single text value; it was read as a one-item list.",
    fix: "write the field as a YAML list (`- item`)",
  },
  "list-nested": {
    description:
      "A list item is itself a list (`- [text]`, usually a Markdown link without its label); its items were read.",
    fix: "write the item as plain text, without brackets",
  },
  "key-misspelt": {
    description:
      "A known key with a spelling of its own (`feature-gate` for `feature-gates`, from an old template); read as the known key.",
    fix: "rename the key to the one the KEP template uses",
  },
  "list-null-item": {
    description: "A list has an empty item (a bare `-`); it was dropped.",
    fix: "delete the empty `-` line",
  },
  "kep-number-string": {
    description: 'kep-number is quoted ("4080"); read as the number.',
    fix: "write kep-number as a bare number: `kep-number: 4080`",
  },
  "kep-number-not-numeric": {
    description: "kep-number is not a number (`NNNN`); the KEP number comes from the directory instead.",
    fix: "set kep-number to the tracking issue number",
  },
  "kep-number-zero": {
    description: "kep-number is 0 (`0000`), which several unrelated KEPs share.",
    fix: "set kep-number to the tracking issue number",
  },
  "milestone-no-v-prefix": {
    description: 'A milestone without its `v` ("1.29"); read as v1.29.',
    fix: 'write the milestone as "v1.29"',
  },
  "milestone-patch-version": {
    description: 'A milestone names a patch release ("v1.29.0"); read as the minor release v1.29.',
    fix: 'write the minor release only: "v1.29"',
  },
  "milestone-reformatted": {
    description:
      "A milestone written unusually (capital V, leading zeros, stray spaces); read as the release it names.",
    fix: 'write the milestone as "v1.29"',
  },
  "milestone-placeholder": {
    description: "A milestone holds placeholder text (TBD, TODO, x.y, v1.xx); read as no milestone.",
    fix: 'leave the milestone empty ("") until a release is chosen',
  },
  "milestone-never": {
    description: "A milestone says `never` (the KEP will not reach that stage); read as no milestone.",
    fix: "remove the stage from the milestone map, or mark the KEP withdrawn",
  },
  "milestone-migration-zero": {
    description:
      'A milestone is "0.0", the placeholder the 2020 metadata migration wrote for old KEPs; read as unknown.',
    fix: "set the release the work actually targeted, or leave it empty",
  },
  "milestone-before-v1": {
    description:
      "A milestone names a time before Kubernetes 1.0 (`pre-1.0`), which has no release number; read as no milestone.",
    fix: 'name the first release that carried the feature, e.g. "v1.0"',
  },
  "milestone-multiple": {
    description:
      'Several releases in one milestone ("v1.21, v1.37"); the latest counts, the others are kept for history.',
    fix: "keep one release per stage and tell the earlier attempt in the KEP text",
  },
  "milestone-unrecognised": {
    description: "A milestone value that names no release this site understands; read as no milestone.",
    fix: 'write the milestone as "v1.29"',
  },
  "milestone-key-synonym": {
    description: "The milestone map uses another name for a stage (`GA`); read as that stage.",
    fix: "use the stage names alpha, beta, stable, deprecated, disabled, removed",
  },
  "milestone-key-unknown": {
    description: "The milestone map has a key that is no stage (e.g. `beta2`); it was ignored.",
    fix: "use the stage names alpha, beta, stable, deprecated, disabled, removed",
  },
  "status-typo": {
    description:
      "status is misspelt or oddly capitalised (`imlpemented`, `implementeable`); read as the status it spells.",
    fix: "write one of: provisional, implementable, implemented, deferred, rejected, withdrawn, replaced",
  },
  "status-synonym": {
    description: "status uses a word upstream does not accept but whose meaning is clear (`superseded` for replaced).",
    fix: "write `replaced` and list the successor in superseded-by",
  },
  "status-with-stage-note": {
    description:
      "status carries a stage in parentheses (`implemented (alpha)`); read as the status, the stage kept as a hint.",
    fix: "write the status alone and put the stage in `stage`",
  },
  "status-is-stage": {
    description: "status holds a stage (`alpha`, `removed`) rather than a status; no status was read.",
    fix: "move the value to `stage` and set a real status",
  },
  "status-unknown": {
    description: "status holds a value no reading can map to a status; no status was read.",
    fix: "write one of: provisional, implementable, implemented, deferred, rejected, withdrawn, replaced",
  },
  "stage-typo": {
    description: "stage is misspelt or oddly capitalised; read as the stage it spells.",
    fix: "write one of: alpha, beta, stable, deprecated, disabled, removed",
  },
  "stage-synonym": {
    description: "stage uses another name for a stage (`GA`); read as that stage.",
    fix: "write `stable`",
  },
  "stage-with-note": {
    description: "stage carries a note in parentheses (`alpha (deprecated)`); read as the later state it names.",
    fix: "write the single current stage, e.g. `deprecated`",
  },
  "stage-is-status": {
    description: "stage holds a status (`implementable`) rather than a stage; no stage was read.",
    fix: "move the value to `status` and set a real stage",
  },
  "stage-unknown": {
    description: "stage holds a value no reading can map to a stage; no stage was read.",
    fix: "write one of: alpha, beta, stable, deprecated, disabled, removed",
  },
  "date-not-padded": {
    description: "A date without zero padding (`2025-10-9`); read as 2025-10-09.",
    fix: "write dates as YYYY-MM-DD",
  },
  "date-invalid": {
    description: "A date that does not exist (`2023-14-05`, month 14); dropped.",
    fix: "write the real date as YYYY-MM-DD",
  },
  "date-placeholder": {
    description: "A date left as the template's `yyyy-mm-dd`; dropped.",
    fix: "write the real date as YYYY-MM-DD",
  },
  "date-is-milestone": {
    description: "A date field holds a milestone (`last-updated: v1.27`); dropped.",
    fix: "write the day of the change as YYYY-MM-DD",
  },
  "date-with-time": {
    description: "A date field carries a time of day as well; the day was kept.",
    fix: "write dates as YYYY-MM-DD",
  },
  "date-unrecognised": {
    description: "A date field holds text that is not a date; dropped.",
    fix: "write dates as YYYY-MM-DD",
  },
  "handle-no-at": {
    description: "A GitHub handle written without its `@`.",
    fix: 'write handles as "@name"',
  },
  "handle-curly-quotes": {
    description: "A handle wrapped in typographic quotes (“@name”); the quotes were removed.",
    fix: 'use straight quotes: "@name"',
  },
  "handle-quoted": {
    description: "A handle with quote marks inside the value ('\"@name\"'); the quotes were removed.",
    fix: 'quote once: "@name"',
  },
  "handle-with-comment": {
    description: "A handle followed by a comment (`@deads2k - For Kube API Server portion`); the handle was kept.",
    fix: "keep the comment in the KEP text or as a YAML `#` comment",
  },
  "handle-placeholder": {
    description: "A person list holds a placeholder (TBD, TODO, n/a); it was dropped.",
    fix: "name the person, or remove the entry",
  },
  "handle-team": {
    description: "A person list names a GitHub team (`@kubernetes/wg-component-standard`); kept as written.",
    fix: "name the people who review or approve",
  },
  "handle-free-text": {
    description: "A person list holds a sentence rather than a handle; kept as written.",
    fix: "list one GitHub handle per entry",
  },
  "handle-odd": {
    description: "A person entry that is not a valid GitHub handle (e.g. `@jane.doe`); kept as written.",
    fix: "write the person's GitHub handle",
  },
  "feature-gate-not-mapping": {
    description:
      "A feature-gates item is a bare name instead of `{name, components}`; read as a gate without components.",
    fix: "write `- name: Gate` with a `components:` list",
  },
  "feature-gate-no-name": {
    description: "A feature-gates item has no name; it was dropped.",
    fix: "name the gate, or remove the item",
  },
  "feature-gate-placeholder": {
    description: "A feature-gates item is named `n/a`, `none` or TBD; it was dropped.",
    fix: "leave feature-gates empty when the KEP has no gate",
  },
  "feature-gate-name-not-identifier": {
    description:
      "A gate name that is not a Go feature-gate identifier (often an env var like KUBECTL_*); kept as written.",
    fix: "list only Kubernetes feature gates; describe env vars in the KEP text",
  },
  "feature-gate-components-missing": {
    description: "A feature gate lists no components (key missing or empty).",
    fix: "list the components that carry the gate (kube-apiserver, kubelet, ...)",
  },
  "feature-gate-components-scalar": {
    description: "A feature gate's components is one text value instead of a list; read as a one-item list.",
    fix: "write components as a YAML list",
  },
  "prr-stage-unknown": {
    description: "A production-readiness file has a key that is no stage; it was ignored.",
    fix: "use the stage names alpha, beta, stable, deprecated, disabled, removed",
  },
  "prr-kep-number-mismatch": {
    description:
      "A production-readiness file's kep-number differs from its file name (a copied file); the file name was used.",
    fix: "set kep-number to the number in the file name",
  },
  "prr-approver-missing": {
    description: "A production-readiness stage entry names no approver; it was dropped.",
    fix: 'write `approver: "@name"` under the stage',
  },
} as const satisfies Record<string, WarningText>;

/** The sig-release reader: release READMEs, rosters and exceptions. */
const SIG_RELEASE = {
  "theme-missing": {
    description: "The release README's title names no theme.",
    fix: "put the theme in the README's first heading, after the version",
  },
  "theme-unreadable": {
    description: "The README title could not be read as a theme.",
    fix: "write the first heading as `# Kubernetes 1.N: Theme`",
  },
  "logo-missing": {
    description: "The README points at a logo image that is not in the folder (or no image was found).",
    fix: "add the logo image to the release folder, or point the README at the right path",
  },
  "file-missing": {
    description: "An expected file of the release folder is missing.",
    fix: "add the file to the release folder (copy the layout of a recent release)",
  },
  "release-folder-unrecognised": {
    description:
      "A folder under releases/ looks like a release but its name is no plausible version (`release-01.37`, `release-1.999`); it was skipped.",
    fix: "name the folder release-MAJOR.MINOR",
  },
  "release-folder-implausible": {
    description:
      "A release folder lies far past the releases before it (`release-2.0` after 1.37); it was skipped rather than taken for the current cycle.",
    fix: "check the folder name",
  },
  "schedule-missing": {
    description: "The schedule gives no date for one of its usual points.",
    fix: "add the date to the schedule's summary list and timeline table",
  },
  "schedule-unreadable": {
    description: "A schedule date could not be read.",
    fix: "write the date as weekday, month, day and year",
  },
  "schedule-typo": {
    description: "A schedule date has a spelling slip (a day suffix or weekday); it was read anyway.",
    fix: "correct the spelling of the day or weekday",
  },
  "schedule-year-inferred": {
    description: "A schedule date has no year; the year was taken from the surrounding rows.",
    fix: "write the year in every schedule date",
  },
  "schedule-weekday-mismatch": {
    description: "The weekday written next to a schedule date does not match the date.",
    fix: "correct the weekday or the date so they agree",
  },
  "schedule-zone-label": {
    description: "A Pacific time is labelled PST in summer or PDT in winter; the real offset was used.",
    fix: "label Pacific times PDT in summer and PST in winter, or give the time in UTC",
  },
  "schedule-zone-mismatch": {
    description: "The times given in two zones for the same point do not agree.",
    fix: "make the times written in different zones name the same instant",
  },
  "schedule-conflict": {
    description: "The summary and the timeline of the README give different dates for the same point.",
    fix: "make the summary list and the timeline table give the same date",
  },
  "schedule-out-of-order": {
    description: "The schedule lists its points out of time order; they were kept as written.",
    fix: "list the schedule points in time order",
  },
  "roster-empty": {
    description: "The release team roster lists nobody that could be read.",
    fix: "list the team as a table with Role, Name and Shadows columns",
  },
  "roster-unreadable": {
    description: "A roster cell could not be read as names and handles.",
    fix: "write each person as `Name ([@handle](https://github.com/handle))`",
  },
  "roster-placeholder": {
    description: "A roster cell still reads TBD.",
    fix: "fill in the seat, or remove the row if the role was not staffed",
  },
  "roster-handle-mismatch": {
    description: "A roster entry's handle and its GitHub link name different accounts.",
    fix: "make the handle's text and its GitHub link name the same account",
  },
  "exceptions-unparsable": {
    description: "exceptions.yaml is not valid YAML as written; it was read entry by entry.",
    fix: "fix the YAML syntax (a stray comma or an invisible character is the usual cause)",
  },
  "exceptions-unreadable": {
    description: "exceptions.yaml could not be read at all.",
    fix: "fix the YAML syntax so the file parses",
  },
  "exceptions-entry-unparsable": {
    description: "One exception entry could not be read.",
    fix: "write the entry with the same keys as the others",
  },
  "exceptions-freeze-in-comment": {
    description: "Which freeze each exception was against is given only in YAML comments; it was read from them.",
    fix: "group the entries under keys that name the freeze instead of YAML comments",
  },
  "exceptions-freeze-unknown": {
    description: "An exception names no freeze that could be recognised.",
    fix: "name the freeze: enhancements, code, test or docs",
  },
  "exceptions-issue-unreadable": {
    description: "An exception's issue number could not be read.",
    fix: "give the tracking issue number as a plain number",
  },
  "exceptions-status-unknown": {
    description: "An exception's status uses a word that is not approved, denied or withdrawn.",
    fix: "use one status word: approved, denied or withdrawn",
  },
  "exceptions-date-format": {
    description: "An exception's request date is written in a different format; it was read anyway.",
    fix: "write the request date as YYYY-MM-DD",
  },
  "exceptions-date-unreadable": {
    description: "An exception's request date could not be read.",
    fix: "write the request date as YYYY-MM-DD",
  },
} as const satisfies Record<string, WarningText>;

/** Settling which file is which KEP, across files and history. */
const KEP_IDENTITY = {
  "kep-number-duplicate": {
    description: "Another KEP folder claims the same number; the two were kept apart.",
    fix: "give each KEP folder its own tracking issue number",
  },
  "kep-number-mismatch": {
    description: "kep-number disagrees with the number in the folder name.",
    fix: "make kep-number equal the number in the folder name (the tracking issue)",
  },
  "kep-without-number": {
    description: "A KEP folder has no usable number.",
    fix: "rename the folder after the KEP's tracking issue and set kep-number to match",
  },
  "kep-never-parsed": {
    description: "No version of this kep.yaml could ever be read, so the KEP is left out.",
    fix: "fix the YAML so at least one version of the file can be read",
  },
  "prr-without-kep": {
    description: "A production-readiness approval file names a KEP that has no kep.yaml.",
    fix: "remove the production-readiness file, or correct its number to the KEP it approves",
  },
} as const satisfies Record<string, WarningText>;

/** Where the GitHub tracking issue and kep.yaml disagree. */
const GITHUB = {
  "github-stage-disagrees": {
    description: "The release team tracked the KEP at another stage than kep.yaml gives for that release.",
    fix: "update kep.yaml's stage and milestone to what was tracked, or correct the stage label",
  },
  "github-release-disagrees": {
    description:
      "The tracking issue and kep.yaml disagree on whether the KEP was in a release (tracked, removed or deferred).",
    fix: "update kep.yaml's milestones to what the release team tracked",
  },
  "github-milestone-disagrees": {
    description: "The tracking issue's milestone is not kep.yaml's latest-milestone.",
    fix: "make latest-milestone match the issue's milestone (or move the milestone)",
  },
  "github-state-disagrees": {
    description: "The tracking issue is closed while kep.yaml still says the KEP is being worked on (or the reverse).",
    fix: "mark the KEP implemented, withdrawn or deferred in kep.yaml, or reopen the issue",
  },
  "github-issue-without-kep": {
    description: "A tracked issue in kubernetes/enhancements has no kep.yaml with its number.",
    fix: "add the KEP's kep.yaml, or correct the issue's tracking labels",
  },
  "github-issue-missing": {
    description: "kep.yaml names a KEP number that has no issue in kubernetes/enhancements.",
    fix: "renumber the KEP after its tracking issue",
  },
} as const satisfies Record<string, WarningText>;

const GROUPS = [
  ["kep.yaml", KEP_YAML],
  ["sig-release", SIG_RELEASE],
  ["kep-identity", KEP_IDENTITY],
  ["github", GITHUB],
] as const;

/** A kind of warning. */
export type WarningKind =
  | keyof typeof KEP_YAML
  | keyof typeof SIG_RELEASE
  | keyof typeof KEP_IDENTITY
  | keyof typeof GITHUB;

/** One kind's entry: its text and its source. */
export interface WarningKindEntry extends WarningText {
  kind: WarningKind;
  /** A short name for lists: "Milestone out of range". */
  title: string;
  source: WarningSource;
}

/** "milestone-out-of-range" -> "Milestone out of range" (KEP and PRR keep their capitals). */
function titleOf(kind: string): string {
  const words = kind.split("-").map((w) => (["kep", "prr", "yaml", "sig"].includes(w) ? w.toUpperCase() : w));
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Every kind with its text and source. */
export const WARNING_KINDS: Readonly<Record<WarningKind, WarningKindEntry>> = Object.fromEntries(
  GROUPS.flatMap(([source, group]) =>
    Object.entries(group).map(([kind, text]) => [kind, { kind, title: titleOf(kind), source, ...text }]),
  ),
) as Record<WarningKind, WarningKindEntry>;

/** Every kind name, for the schema's enum. */
export const WARNING_KIND_NAMES = Object.keys(WARNING_KINDS) as [WarningKind, ...WarningKind[]];

/** Whether a string is a known kind. */
export function isWarningKind(kind: string): kind is WarningKind {
  return Object.hasOwn(WARNING_KINDS, kind);
}
