/**
 * Atom feeds of stage changes: every kep.yaml version that changed the stage, a milestone
 * or the latest milestone, compared with the version before it. Text comes from upstream,
 * so everything written into the XML is escaped and stripped of characters XML forbids.
 */
import { compareText } from "./order.ts";
import type { Kep, KepVersion, Milestones, Stage } from "./schema.ts";
import { STAGES } from "./vocabulary.ts";

/** One field that moved between two versions. */
export type FieldChange =
  | { field: "stage"; from: Stage | null; to: Stage | null }
  | { field: "milestone"; stage: Stage; from: string | null; to: string | null }
  | { field: "latest-milestone"; from: string | null; to: string | null };

/** A kep.yaml version that changed a stage or a milestone. */
export interface StageChange {
  kep: number;
  title: string;
  owningSig: string;
  commit: string;
  /** When the version was merged (UTC, ISO 8601). */
  date: string;
  /** True for the first version of the file: everything it names is new. */
  first: boolean;
  changes: FieldChange[];
}

/** The changes from one version to the next (or from nothing, for the first). */
export function diffVersions(before: KepVersion | undefined, after: KepVersion): FieldChange[] {
  const changes: FieldChange[] = [];
  const was = (key: keyof Milestones) => before?.milestones[key] ?? null;
  if ((before?.stage ?? null) !== after.stage)
    changes.push({ field: "stage", from: before?.stage ?? null, to: after.stage });
  for (const stage of STAGES) {
    const to = after.milestones[stage] ?? null;
    if (was(stage) !== to) changes.push({ field: "milestone", stage, from: was(stage), to });
  }
  if ((before?.latestMilestone ?? null) !== after.latestMilestone) {
    changes.push({ field: "latest-milestone", from: before?.latestMilestone ?? null, to: after.latestMilestone });
  }
  return changes;
}

/** Every stage change of the given KEPs, newest first (ties by KEP number, then commit). */
export function listStageChanges(
  keps: readonly Pick<Kep, "number" | "title" | "owningSig" | "history">[],
): StageChange[] {
  const out: StageChange[] = [];
  for (const kep of keps) {
    let previous: KepVersion | undefined;
    for (const version of kep.history) {
      const changes = diffVersions(previous, version);
      if (changes.length > 0) {
        out.push({
          kep: kep.number,
          title: kep.title,
          owningSig: kep.owningSig,
          commit: version.commit,
          date: version.date,
          first: previous === undefined,
          changes,
        });
      }
      previous = version;
    }
  }
  return out.sort((a, b) => compareText(b.date, a.date) || a.kep - b.kep || compareText(a.commit, b.commit));
}

const none = (value: string | null) => value ?? "none";

/** One change in running text: "stage beta → stable", "stable milestone v1.32 → v1.33". */
export function describeChange(change: FieldChange): string {
  switch (change.field) {
    case "stage":
      return `stage ${none(change.from)} → ${none(change.to)}`;
    case "milestone":
      return `${change.stage} milestone ${none(change.from)} → ${none(change.to)}`;
    case "latest-milestone":
      return `latest milestone ${none(change.from)} → ${none(change.to)}`;
  }
}

/** The most telling change first: the stage, then milestones, then the latest milestone. */
function headline(change: StageChange): FieldChange {
  return (
    change.changes.find((c) => c.field === "stage") ??
    change.changes.find((c) => c.field === "milestone") ??
    change.changes[0]!
  );
}

/** Entry title: "KEP-753 Sidecar Containers: stage beta → stable". */
export function entryTitle(change: StageChange): string {
  if (change.first) {
    const stage = change.changes.find((c) => c.field === "stage");
    const what = stage?.field === "stage" && stage.to ? `first recorded in stage ${stage.to}` : "first recorded";
    return `KEP-${change.kep} ${change.title}: ${what}`;
  }
  const lead = headline(change);
  const more = change.changes.length > 1 ? ` (+${change.changes.length - 1} more)` : "";
  return `KEP-${change.kep} ${change.title}: ${describeChange(lead)}${more}`;
}

/** Entry summary: every change of the version, in order. */
export function entrySummary(change: StageChange): string {
  const lines = change.changes.map(describeChange).join("; ");
  return `${change.first ? "First version of the KEP's metadata" : "kep.yaml changed"}: ${lines}. Commit ${change.commit.slice(0, 12)}.`;
}

/** Whether a code point is a Char of XML 1.0 (tab, newline, return, and the printable planes; no lone surrogates). */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Drops what XML cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF). */
export function stripNonXmlChars(text: string): string {
  let out = "";
  // for...of walks code points, so a valid surrogate pair arrives whole and a lone one alone.
  for (const char of text) if (isXmlChar(char.codePointAt(0)!)) out += char;
  return out;
}

/** Escapes text for XML content and attribute values, dropping characters XML cannot carry. */
export function escapeXml(text: string): string {
  return stripNonXmlChars(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** A stable Atom id: tag:<host>,<day of the version>:kep-<n>/<commit> (RFC 4151). */
export function entryId(host: string, change: Pick<StageChange, "kep" | "commit" | "date">): string {
  return `tag:${host},${change.date.slice(0, 10)}:kep-${change.kep}/${change.commit}`;
}

/** What a feed is about. */
export interface FeedOptions {
  /** Absolute URL of the site root, base path included, e.g. "https://kep-radar.github.io/" or "https://example.github.io/kep-radar/" (src/lib/links.ts siteRoot). */
  site: string;
  /** Site path of the feed itself, e.g. "/feeds/stages.xml" (resolved against `site`, so the base path applies). */
  selfPath: string;
  /** Site path of the page the feed mirrors, e.g. "/" or "/sigs/sig-node/". */
  alternatePath: string;
  title: string;
  subtitle: string;
  /** When the feed has no entries: the data's day. */
  fallbackUpdated: string;
  /** Most entries to keep (newest first). */
  limit: number;
}

/** The Atom document (RFC 4287) for a list of changes, newest first, capped at options.limit. */
export function renderAtomFeed(changes: readonly StageChange[], options: FeedOptions): string {
  const site = new URL(options.site);
  const abs = (p: string) => new URL(p.replace(/^\//, ""), site).href;
  const entries = changes.slice(0, options.limit);
  const updated = entries[0]?.date ?? `${options.fallbackUpdated}T00:00:00Z`;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(abs(options.selfPath))}</id>`,
    `  <title type="text">${escapeXml(options.title)}</title>`,
    `  <subtitle type="text">${escapeXml(options.subtitle)}</subtitle>`,
    `  <updated>${escapeXml(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(abs(options.selfPath))}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(abs(options.alternatePath))}"/>`,
    "  <author><name>KEP Radar</name></author>",
    "  <generator>KEP Radar</generator>",
  ];
  for (const change of entries) {
    lines.push(
      "  <entry>",
      `    <id>${escapeXml(entryId(site.host, change))}</id>`,
      `    <title type="text">${escapeXml(entryTitle(change))}</title>`,
      `    <updated>${escapeXml(change.date)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(abs(`/keps/${change.kep}/`))}"/>`,
      `    <category term="${escapeXml(change.owningSig)}"/>`,
      `    <summary type="text">${escapeXml(entrySummary(change))}</summary>`,
      "  </entry>",
    );
  }
  lines.push("</feed>", "");
  return lines.join("\n");
}

/** Site path of the site-wide feed (links add the base path with src/lib/links.ts href). */
export const SITE_FEED_PATH = "/feeds/stages.xml";

/** Site path of a SIG's feed, from the SIG's slug (src/lib/links.ts sigSlugs), never its raw name. */
export function sigFeedPath(slug: string): string {
  return `/feeds/sigs/${slug}.xml`;
}

/** Entries kept in the site-wide feed and in each SIG's feed. */
export const FEED_LIMITS = { site: 200, sig: 100 } as const;
