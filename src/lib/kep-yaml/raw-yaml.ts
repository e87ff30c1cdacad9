/** The YAML front end: text to raw values (strings kept as written), within node, depth and size budgets. */
import jsyaml from "js-yaml";
import type { WarningKind } from "../warning-kinds.ts";
import { MAX_DEPTH, MAX_INPUT_CHARS, MAX_NODES, type WarningContext, warn } from "./context.ts";

/** A YAML node reduced to what the readers need, scalars kept as the text written (no float or date guessing). */
export type RawValue =
  | { type: "null" }
  | { type: "text"; text: string; quoted: boolean }
  | { type: "list"; items: RawValue[] }
  | { type: "map"; entries: Map<string, RawValue> };

export type RawMap = Extract<RawValue, { type: "map" }>;

export const NULL_VALUE: RawValue = { type: "null" };

/** Raised inside toRaw when a document exceeds the node budget; never escapes this module. */
export class TooComplexError extends Error {}

/**
 * A plain (unquoted) scalar as written. js-yaml runs implicit resolvers only on plain
 * scalars, so one catch-all implicit type marks them, and quoted scalars stay strings:
 * that keeps the quoted/plain distinction without YAML 1.1 or 1.2 type guessing.
 */
export class PlainScalar {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  // js-yaml turns mapping keys into strings with String(); this tag makes it use toString().
  get [Symbol.toStringTag]() {
    return "PlainScalar";
  }
  toString(): string {
    return this.text;
  }
}

export const PLAIN_SCALAR = new jsyaml.Type("tag:kep-radar,2026:plain", {
  kind: "scalar",
  resolve: () => true,
  construct: (text: string) => new PlainScalar(text),
});

/** Failsafe schema (strings, lists, maps) plus the plain-scalar marker. */
export const RAW_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [PLAIN_SCALAR] });

// maxDepth is a js-yaml 4.3 option that its type definitions do not list yet.
export const LOAD_OPTIONS: jsyaml.LoadOptions = Object.assign(
  { schema: RAW_SCHEMA, json: false },
  { maxDepth: MAX_DEPTH },
);

/** YAML 1.2 core-schema spellings of null (for plain scalars only). */
export const CORE_NULL = /^(?:null|Null|NULL|~|)$/;

/** Converts js-yaml's output to RawValue, counting nodes so shared aliases cannot explode. */
export function toRaw(value: unknown, budget: { nodes: number }): RawValue {
  budget.nodes -= 1;
  if (budget.nodes < 0) throw new TooComplexError("too many nodes");
  if (value === null || value === undefined) return NULL_VALUE;
  if (value instanceof PlainScalar)
    return CORE_NULL.test(value.text) ? NULL_VALUE : { type: "text", text: value.text, quoted: false };
  if (typeof value === "string") return { type: "text", text: value, quoted: true };
  if (Array.isArray(value)) return { type: "list", items: value.map((item) => toRaw(item, budget)) };
  if (typeof value === "object") {
    const entries = new Map<string, RawValue>();
    for (const [key, item] of Object.entries(value)) entries.set(key.trim(), toRaw(item, budget));
    return { type: "map", entries };
  }
  return { type: "text", text: String(value), quoted: false };
}

/** The first document with content, or why there is none. */
export type DocumentRead = { ok: true; root: RawValue } | { ok: false };

/** Parses YAML text defensively: size cap, syntax errors, multi-document, alias bombs all become warnings. */
export function readDocument(text: string, ctx: WarningContext): DocumentRead {
  if (typeof text !== "string") return skipFile(ctx, "yaml-unparsable", "<not text>");
  if (text.length > MAX_INPUT_CHARS) return skipFile(ctx, "yaml-too-large", `${text.length} characters`);
  try {
    const docs = jsyaml.loadAll(text, null, LOAD_OPTIONS);
    const filled = docs.filter(
      (doc) => doc !== null && doc !== undefined && !(doc instanceof PlainScalar && CORE_NULL.test(doc.text)),
    );
    const first = filled[0];
    if (first === undefined) return skipFile(ctx, "yaml-empty", "");
    if (docs.length > 1)
      warn(ctx, "yaml-multi-document", "", `${docs.length} documents`, filled.length > 1 ? "ignored" : "normalised");
    return { ok: true, root: toRaw(first, { nodes: MAX_NODES }) };
  } catch (error) {
    const kind =
      error instanceof TooComplexError || /maxDepth/.test(String(error)) ? "yaml-too-large" : "yaml-unparsable";
    const message =
      error instanceof jsyaml.YAMLException
        ? error.reason || error.message
        : error instanceof Error
          ? error.message
          : String(error);
    return skipFile(ctx, kind, message);
  }
}

export function skipFile(ctx: WarningContext, kind: WarningKind, value: string): DocumentRead {
  warn(ctx, kind, "", value, "skipped-file");
  return { ok: false };
}

/** Reads the top-level mapping, or warns that the document is something else. */
export function readRootMap(text: string, ctx: WarningContext): RawMap | null {
  const read = readDocument(text, ctx);
  if (!read.ok) return null;
  if (read.root.type === "map") return read.root;
  skipFile(ctx, "not-a-mapping", showValue(read.root));
  return null;
}

/** Short text for a value in a warning. */
export function showValue(value: RawValue | undefined): string {
  if (value === undefined || value.type === "null") return "";
  if (value.type === "text") return value.text;
  if (value.type === "map") return `<mapping of ${value.entries.size}>`;
  return `[${value.items.map(showValue).join(", ")}]`;
}
