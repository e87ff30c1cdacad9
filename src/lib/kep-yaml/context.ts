/** Where warnings go while one metadata file is read, and the bounds every reader keeps. */
import type { Warning } from "../schema.ts";
import type { WarningKind } from "../warning-kinds.ts";

/** Longest raw value a warning carries (WarningSchema caps it). */
export const MAX_WARNING_VALUE = 200;
/** Bigger inputs are not kep metadata (the largest real kep.yaml is a few KB). */
export const MAX_INPUT_CHARS = 1_000_000;
/** A node budget keeps hostile YAML ("billion laughs" through shared aliases) from blowing up. */
export const MAX_NODES = 50_000;
/** Nesting deeper than this is not kep metadata (and would cost stack). */
export const MAX_DEPTH = 64;

/**
 * Most warnings of one kind listed for one file: past it, one more warning says how many were not
 * listed (a hostile file with 30,000 unknown keys gives 20 warnings and a count, not 30,000).
 */
export const MAX_WARNINGS_PER_KIND = 20;
/** The `field` of the warning that counts those not listed. */
export const MORE_FIELD = "(more)";

/** Where warnings go while one file is read. */
export interface WarningContext {
  file: string;
  commit: string | undefined;
  warnings: Warning[];
  /** Warnings of each kind so far, and the one that counts those past the limit. */
  perKind?: Map<WarningKind, { count: number; more?: Warning }>;
}

export function newContext(file: string, commit: string | undefined): WarningContext {
  return { file, commit, warnings: [] };
}

export function makeWarning(
  ctx: WarningContext,
  kind: WarningKind,
  field: string,
  value: string,
  action: Warning["action"],
): Warning {
  const warning: Warning = { kind, file: ctx.file, field, value: value.slice(0, MAX_WARNING_VALUE), action };
  // Only a full SHA fits WarningSchema; a short or malformed one is left out rather than failing validation later.
  if (ctx.commit !== undefined && /^[0-9a-f]{40}$/.test(ctx.commit)) warning.commit = ctx.commit;
  return warning;
}

export function warn(
  ctx: WarningContext,
  kind: WarningKind,
  field: string,
  value: string,
  action: Warning["action"],
): void {
  ctx.perKind ??= new Map();
  const seen = ctx.perKind.get(kind) ?? { count: 0 };
  ctx.perKind.set(kind, seen);
  seen.count++;
  if (seen.count <= MAX_WARNINGS_PER_KIND) {
    ctx.warnings.push(makeWarning(ctx, kind, field, value, action));
    return;
  }
  const more = seen.count - MAX_WARNINGS_PER_KIND;
  const text = `${more.toLocaleString("en-US")} more of this kind in this file, not listed one by one`;
  if (seen.more) seen.more.value = text;
  else {
    seen.more = makeWarning(ctx, kind, MORE_FIELD, text, action);
    ctx.warnings.push(seen.more);
  }
}
