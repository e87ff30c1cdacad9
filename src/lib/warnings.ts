/**
 * Data-quality warnings in plain words: kep.yaml kinds come with their own description
 * (WARNING_KINDS), sig-release kinds are described here, and any other kind gets a
 * readable sentence made from its name, so a new kind never shows up as a bare code.
 */
import { WARNING_KINDS } from "./kep-yaml.ts";
import type { Warning } from "./schema.ts";

/** What a warning kind means and what would clear it upstream. */
export interface WarningText {
  description: string;
  fix: string | null;
}

/** Kinds the sig-release reader reports (scripts/sync/sig-release.ts), in our words. */
const SIG_RELEASE_KINDS: Record<string, WarningText> = {
  "theme-missing": {
    description: "The release README's title names no theme.",
    fix: "add the theme to the README title",
  },
  "theme-unreadable": { description: "The README title could not be read as a theme.", fix: null },
  "logo-missing": {
    description: "The README points at a logo image that is not in the folder (or no image was found).",
    fix: "add the image or fix its path",
  },
  "file-missing": { description: "An expected file of the release folder is missing.", fix: "add the file" },
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
    fix: "add the date to the schedule table",
  },
  "schedule-unreadable": { description: "A schedule date could not be read.", fix: "write the date in full" },
  "schedule-typo": {
    description: "A schedule date has a spelling slip (a day suffix or weekday); it was read anyway.",
    fix: "correct the spelling",
  },
  "schedule-year-inferred": {
    description: "A schedule date has no year; the year was taken from the surrounding rows.",
    fix: "write the year",
  },
  "schedule-weekday-mismatch": {
    description: "The weekday written next to a schedule date does not match the date.",
    fix: "correct the weekday or the date",
  },
  "schedule-zone-label": {
    description: "A Pacific time is labelled PST in summer or PDT in winter; the real offset was used.",
    fix: "use the label that matches the date (or write UTC)",
  },
  "schedule-zone-mismatch": {
    description: "The times given in two zones for the same point do not agree.",
    fix: "make both times name the same instant",
  },
  "schedule-conflict": {
    description: "The summary and the timeline of the README give different dates for the same point.",
    fix: "make both tables agree",
  },
  "schedule-out-of-order": {
    description: "The schedule lists its points out of time order; they were kept as written.",
    fix: "check the dates",
  },
  "roster-empty": { description: "The release team roster lists nobody that could be read.", fix: null },
  "roster-unreadable": { description: "A roster cell could not be read as names and handles.", fix: null },
  "roster-placeholder": { description: "A roster cell still reads TBD.", fix: "fill in the name" },
  "roster-handle-mismatch": {
    description: "A roster entry's handle and its GitHub link name different accounts.",
    fix: "make the handle and the link agree",
  },
  "exceptions-unparsable": {
    description: "exceptions.yaml is not valid YAML as written; it was read entry by entry.",
    fix: "fix the YAML syntax",
  },
  "exceptions-unreadable": { description: "exceptions.yaml could not be read at all.", fix: "fix the YAML syntax" },
  "exceptions-entry-unparsable": { description: "One exception entry could not be read.", fix: null },
  "exceptions-freeze-in-comment": {
    description: "Which freeze each exception was against is given only in YAML comments; it was read from them.",
    fix: "group the entries under freeze keys",
  },
  "exceptions-freeze-unknown": { description: "An exception names no freeze that could be recognised.", fix: null },
  "exceptions-issue-unreadable": { description: "An exception's issue number could not be read.", fix: null },
  "exceptions-status-unknown": {
    description: "An exception's status uses a word that is not approved, denied or withdrawn.",
    fix: "use one of the usual status words",
  },
  "exceptions-date-format": {
    description: "An exception's request date is written in a different format; it was read anyway.",
    fix: "write dates as YYYY-MM-DD",
  },
  "exceptions-date-unreadable": { description: "An exception's request date could not be read.", fix: null },
};

/** Kinds from the merge of KEP files that neither table covers, in our words. */
const OTHER_KINDS: Record<string, WarningText> = {
  "kep-number-duplicate": {
    description: "Another KEP folder claims the same number; the two were kept apart.",
    fix: "renumber one of them to its own tracking issue",
  },
  "kep-number-mismatch": {
    description: "kep-number disagrees with the number in the folder name.",
    fix: "make kep-number match the tracking issue number",
  },
  "kep-without-number": { description: "A KEP folder has no usable number.", fix: "number it after its issue" },
};

/** The description of a kind, with a readable fallback for kinds no table knows. */
export function describeWarningKind(kind: string): WarningText {
  const known = (WARNING_KINDS as Record<string, { description: string; fix: string }>)[kind];
  if (known) return known;
  const other = SIG_RELEASE_KINDS[kind] ?? OTHER_KINDS[kind];
  if (other) return other;
  const words = kind.replace(/-/g, " ");
  return { description: `Irregular value (${words}).`, fix: null };
}

/** What the sync did about a warning, in running text. */
export const WARNING_ACTIONS: Record<Warning["action"], string> = {
  normalised: "read as the normal form",
  "kept-raw": "kept as written",
  ignored: "left out",
  "skipped-file": "file skipped",
};

/** Warnings grouped by kind, in first-seen order, for compact lists. */
export function groupWarnings(warnings: readonly Warning[]): { kind: string; text: WarningText; items: Warning[] }[] {
  const groups = new Map<string, Warning[]>();
  for (const w of warnings) groups.set(w.kind, [...(groups.get(w.kind) ?? []), w]);
  return [...groups].map(([kind, items]) => ({ kind, text: describeWarningKind(kind), items }));
}
