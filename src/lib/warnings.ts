/**
 * Data-quality warnings in plain words, from the one catalogue of kinds (warning-kinds.ts),
 * and grouped for compact lists.
 */

import type { Warning } from "./schema.ts";
import { isWarningKind, WARNING_KINDS, type WarningText } from "./warning-kinds.ts";

/** What a warning kind means and what would clear it upstream. */
export type { WarningText };

/** The description and fix of a kind (every kind is in the catalogue; an old snapshot's unknown one reads as irregular). */
export function describeWarningKind(kind: string): WarningText {
  if (isWarningKind(kind)) return WARNING_KINDS[kind];
  return { description: `Irregular value (${kind.replace(/-/g, " ")}).`, fix: "check the value in the source file" };
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
