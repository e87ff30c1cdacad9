/** The YAML front end: text to raw values (strings kept as written), within node, depth and size budgets. */
import { type Document, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from "yaml";
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

/** Raised inside toRaw when a document exceeds the node or depth budget; never escapes this module. */
class TooComplexError extends Error {}

/** YAML 1.2 core-schema spellings of null (for plain scalars only). */
const CORE_NULL = /^(?:null|Null|NULL|~|)$/;

/**
 * The failsafe schema (strings, lists, maps) reads every scalar as the text written, with no
 * YAML 1.1 or 1.2 type guessing; the node's type keeps the plain/quoted distinction.
 */
// uniqueKeys is checked in the walk instead: the parser's own check compares every pair of keys
// (15 s for a mapping of 30,000 keys), the walk's Map one lookup per key.
const PARSE_OPTIONS = { schema: "failsafe", version: "1.2", uniqueKeys: false, prettyErrors: false } as const;

/** Raised inside toRaw for a key a mapping already has: the file is unparsable, as YAML says. */
class DuplicateKeyError extends Error {}

/** Whether a node is a plain scalar spelling null (`~`, `null`, nothing). */
function isNullNode(node: unknown): boolean {
  return (
    node === null ||
    node === undefined ||
    (isScalar(node) && (node.type === "PLAIN" || node.type === undefined) && CORE_NULL.test(String(node.value ?? "")))
  );
}

/** Converts a parsed node to RawValue, counting nodes (aliases included) so shared aliases cannot explode. */
function toRaw(node: unknown, doc: Document, budget: { nodes: number }, depth: number): RawValue {
  budget.nodes -= 1;
  if (budget.nodes < 0 || depth > MAX_DEPTH) throw new TooComplexError("too many nodes or too deep");
  if (isAlias(node)) return toRaw(node.resolve(doc), doc, budget, depth + 1);
  if (isNullNode(node)) return NULL_VALUE;
  if (isScalar(node)) {
    const quoted = node.type !== "PLAIN" && node.type !== undefined;
    return { type: "text", text: String(node.value), quoted };
  }
  if (isSeq(node)) return { type: "list", items: node.items.map((item) => toRaw(item, doc, budget, depth + 1)) };
  if (isMap(node)) {
    const entries = new Map<string, RawValue>();
    const written = new Set<string>();
    for (const pair of node.items) {
      const key = isNullNode(pair.key) ? "" : isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (written.has(key)) throw new DuplicateKeyError(`duplicated mapping key "${key}"`);
      written.add(key);
      entries.set(key.trim(), toRaw(pair.value, doc, budget, depth + 1));
    }
    return { type: "map", entries };
  }
  return { type: "text", text: String(node), quoted: false };
}

/** The first document with content, or why there is none. */
export type DocumentRead = { ok: true; root: RawValue } | { ok: false };

/** Parses YAML text defensively: size cap, syntax errors, multi-document, alias bombs all become warnings. */
export function readDocument(text: string, ctx: WarningContext): DocumentRead {
  if (typeof text !== "string") return skipFile(ctx, "yaml-unparsable", "<not text>");
  if (text.length > MAX_INPUT_CHARS) return skipFile(ctx, "yaml-too-large", `${text.length} characters`);
  const docs = parseAllDocuments(text, PARSE_OPTIONS);
  if (!Array.isArray(docs)) return skipFile(ctx, "yaml-empty", "");
  const broken = docs.find((doc) => doc.errors.length > 0);
  if (broken) return skipFile(ctx, "yaml-unparsable", firstLine(broken.errors[0]!.message));
  const filled = docs.filter((doc) => !isNullNode(doc.contents));
  const first = filled[0];
  if (first === undefined) return skipFile(ctx, "yaml-empty", "");
  if (docs.length > 1)
    warn(ctx, "yaml-multi-document", "", `${docs.length} documents`, filled.length > 1 ? "ignored" : "normalised");
  try {
    return { ok: true, root: toRaw(first.contents, first, { nodes: MAX_NODES }, 0) };
  } catch (error) {
    if (error instanceof TooComplexError) return skipFile(ctx, "yaml-too-large", error.message);
    return skipFile(ctx, "yaml-unparsable", error instanceof Error ? error.message : String(error));
  }
}

/** The first line of a parser message (the rest is a source excerpt). */
function firstLine(message: string): string {
  return message.split("\n", 1)[0] ?? message;
}

/** Warns that a whole file was skipped, and says there is no document. */
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
