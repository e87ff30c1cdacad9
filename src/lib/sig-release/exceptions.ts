/** Freeze exception requests (exceptions.yaml), read leniently: two releases do not parse as written. Pure: text in, facts and warnings out. */
import { isSeq, parseDocument, type Node as YamlNode } from "yaml";
import type { FreezeException, Warning } from "../schema.ts";
import { isoDay, isRealDay } from "./dates.ts";
import { type Report, reporterFor } from "./report.ts";

export type Freeze = FreezeException["freeze"];
export type ExceptionStatus = FreezeException["status"];

// A Map, not an object literal, so "constructor" or "toString" in the data are not found on the prototype.
export const STATUS_WORDS = new Map<string, ExceptionStatus>(
  Object.entries({
    approved: "approved",
    accepted: "approved",
    granted: "approved",
    denied: "denied",
    rejected: "denied",
    declined: "denied",
    withdrawn: "withdrawn",
    removed: "withdrawn",
    // An approved change later backed out of the release (1.10 uses it).
    reverted: "withdrawn",
    retracted: "withdrawn",
    pending: "pending",
    requested: "pending",
    open: "pending",
  } satisfies Record<string, ExceptionStatus>),
);

/** Which freeze a map key ("enhancementFreeze") or header comment names. */
export function freezeOf(text: string): Freeze | null {
  const match = /(enhancements?|code|tests?|docs?)\s*_?freeze/i.exec(text);
  const word = match?.[1]?.toLowerCase() ?? "";
  if (word.startsWith("enhancement")) return "enhancements";
  if (word === "code") return "code";
  if (word.startsWith("test")) return "test";
  if (word.startsWith("doc")) return "docs";
  return null;
}

export interface RawException {
  value: unknown;
  freeze: Freeze;
}

// Invisible characters that break YAML when they sit alone on a line (1.23 uses U+200B).
export const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// A stray comma after a quoted list item (1.20: `- "https://…", `).
export const STRAY_COMMA = /^(\s*-\s*"[^"\n]*")\s*,\s*$/gm;

/** Freeze exception requests from exceptions.yaml; recovers broken YAML where it can and never throws. */
export function parseExceptions(
  text: string,
  file: string,
  version: string,
): { exceptions: FreezeException[]; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const report = reporterFor(file, version, warnings);
  const raw = readRawExceptions(text, report);
  const exceptions = raw.map((entry, index) => normaliseException(entry, `exceptions[${index}]`, report));
  return { exceptions, warnings };
}

/** Strict parse, then a cleaned-up parse, then entry-by-entry; each fallback is reported. */
export function readRawExceptions(text: string, report: Report): RawException[] {
  const strict = parseDocument(text);
  if (strict.errors.length === 0) return rawFromDocument(text, strict.contents, toJS(strict, report), report);
  const reason = strict.errors[0]?.message.split("\n")[0] ?? "YAML error";
  const cleaned = text.replace(INVISIBLE, "").replace(STRAY_COMMA, "$1");
  const retry = parseDocument(cleaned);
  if (retry.errors.length === 0) {
    report(
      "exceptions-unparsable",
      "exceptions",
      `recovered after removing invisible characters and stray commas: ${reason}`,
      "normalised",
    );
    return rawFromDocument(cleaned, retry.contents, toJS(retry, report), report);
  }
  report("exceptions-unparsable", "exceptions", `read entry by entry: ${reason}`, "normalised");
  return rawByEntry(cleaned, report);
}

/** Plain data of a parsed document; alias bombs and the like become a warning, not a throw. */
export function toJS(doc: ReturnType<typeof parseDocument>, report: Report): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    report(
      "exceptions-unreadable",
      "exceptions",
      error instanceof Error ? error.message : String(error),
      "skipped-file",
    );
    return null;
  }
}

/** Entries of a parsed document: a map of freeze -> list, or (1.20-1.23) one list with comment headers. */
export function rawFromDocument(text: string, contents: unknown, js: unknown, report: Report): RawException[] {
  if (Array.isArray(js) && isSeq(contents)) return rawFromCommentedList(text, contents.items, js, report);
  if (js === null || js === undefined) return [];
  if (typeof js !== "object" || Array.isArray(js)) {
    report("exceptions-unreadable", "exceptions", String(js), "skipped-file");
    return [];
  }
  return Object.entries(js).flatMap(([key, list]) => {
    const freeze = freezeOf(key);
    if (freeze === null) report("exceptions-freeze-unknown", `exceptions.${key}`, key, "kept-raw");
    return asList(list).map((value) => ({ value, freeze: freeze ?? "unknown" }));
  });
}

export function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === null || value === undefined ? [] : [value];
}

/** A flat list whose freeze type lives only in "# Code Freeze Exceptions …" comments above the items. */
export function rawFromCommentedList(
  text: string,
  nodes: unknown[],
  values: unknown[],
  report: Report,
): RawException[] {
  const headers = [...text.matchAll(/^#.*$/gm)]
    .map((m) => ({ at: m.index, freeze: freezeOf(m[0]), line: m[0] }))
    .filter((h): h is { at: number; freeze: Freeze; line: string } => h.freeze !== null);
  report("exceptions-freeze-in-comment", "exceptions", headers.map((h) => h.line).join(" | "), "normalised");
  return values.map((value, index) => {
    const start = (nodes[index] as YamlNode | undefined)?.range?.[0] ?? 0;
    const header = headers.filter((h) => h.at < start).at(-1);
    if (!header) report("exceptions-freeze-unknown", `exceptions[${index}].freeze`, "", "kept-raw");
    return { value, freeze: header?.freeze ?? "unknown" };
  });
}

/** Last resort: parse each "- name:" block on its own, keeping the freeze from keys and comments above it. */
export function rawByEntry(text: string, report: Report): RawException[] {
  const out: RawException[] = [];
  for (const block of splitEntries(text)) {
    const doc = parseDocument(block.lines.join("\n"));
    const value: unknown = doc.errors.length === 0 ? toJS(doc, report) : null;
    if (Array.isArray(value) && value.length > 0) out.push({ value: value[0], freeze: block.freeze });
    else report("exceptions-entry-unparsable", `exceptions[${out.length}]`, block.lines.join(" "), "ignored");
  }
  return out;
}

/** The text of each list entry with the freeze named by the last key or header comment above it. */
export function splitEntries(text: string): { lines: string[]; freeze: Freeze }[] {
  const blocks: { lines: string[]; freeze: Freeze }[] = [];
  let freeze: Freeze = "unknown";
  let current: { lines: string[]; freeze: Freeze } | null = null;
  for (const line of text.split(/\r?\n/)) {
    const isHeader = /^#/.test(line) || /^[A-Za-z_]\w*\s*:\s*(#.*)?$/.test(line);
    if (isHeader) {
      freeze = freezeOf(line) ?? freeze;
      current = null;
    } else if (/^\s*-\s+name\s*:/.test(line)) {
      current = { lines: [line], freeze };
      blocks.push(current);
    } else {
      current?.lines.push(line);
    }
  }
  return blocks;
}

/** The first of several spellings of a key ("pull_requests", "pull-requests") that a record has. */
export function pick(value: unknown, ...keys: string[]): unknown {
  if (value === null || typeof value !== "object") return undefined;
  const record = value as Record<string, unknown>;
  for (const key of keys) if (key in record) return record[key];
  return undefined;
}

/** One request as the schema stores it; odd values become null/unknown with a warning. */
export function normaliseException(entry: RawException, where: string, report: Report): FreezeException {
  return {
    kep: readKep(pick(entry.value, "issue", "kep"), where, report),
    freeze: entry.freeze,
    status: readStatus(pick(entry.value, "status"), where, report),
    requested: readRequested(pick(entry.value, "date_requested", "date-requested", "requested"), where, report),
    pullRequests: asList(pick(entry.value, "pull_requests", "pull-requests", "pullRequests")).length,
  };
}

/** 1234, "1234", "#1234" or a kubernetes/enhancements issue URL. */
export function readKep(value: unknown, where: string, report: Report): number | null {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  const text = typeof value === "string" ? value.trim() : "";
  const match = /^#?(\d+)$/.exec(text) ?? /github\.com\/kubernetes\/enhancements\/(?:issues|pull)\/(\d+)/.exec(text);
  if (match) return Number(match[1]);
  if (value !== undefined && value !== null)
    report("exceptions-issue-unreadable", `${where}.issue`, String(value), "ignored");
  return null;
}

/** Status words in any case; synonyms map onto the schema, anything else is "unknown". */
export function readStatus(value: unknown, where: string, report: Report): ExceptionStatus {
  const word = typeof value === "string" ? value.trim().toLowerCase() : "";
  const status = STATUS_WORDS.get(word);
  if (status) return status;
  report("exceptions-status-unknown", `${where}.status`, value === undefined ? "" : String(value), "kept-raw");
  return "unknown";
}

/** "2020-11-02"; unpadded "2020-11-2" (1.20) is padded and reported. */
export function readRequested(value: unknown, where: string, report: Report): string | null {
  const text = typeof value === "string" ? value.trim() : "";
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const day = match ? { year: Number(match[1]), month: Number(match[2]) - 1, day: Number(match[3]) } : null;
  if (day && isRealDay(day)) {
    const iso = isoDay(day);
    if (iso !== text) report("exceptions-date-format", `${where}.requested`, text, "normalised");
    return iso;
  }
  if (value !== undefined && value !== null)
    report("exceptions-date-unreadable", `${where}.requested`, String(value), "ignored");
  return null;
}
