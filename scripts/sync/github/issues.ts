/**
 * Reads the issues of kubernetes/enhancements with the timeline events that encode release
 * tracking. A full read pages through every issue over GraphQL (100 issues with up to 100
 * events each per request); afterwards one conditional REST request (`since` + ETag) tells
 * whether anything changed, and only the issues that did are read again. Progress is saved
 * after every page, so a failed read resumes where it stopped.
 */
import { z } from "zod";
import { DateTimeSchema } from "../../../src/lib/schema.ts";
import { sanitizeText } from "../../../src/lib/text.ts";
import { type GithubClient, GithubSyncError, type GraphqlIssue } from "./client.ts";
import { createPageGuard, type PageGuard } from "./paging.ts";
import { ISSUES_QUERY, issuesByNumberQuery, moreTimelineQuery, PAGE_SIZE } from "./queries.ts";

/** One tracking event from an issue timeline. */
export const IssueEventSchema = z.strictObject({
  kind: z.enum(["labeled", "unlabeled", "milestoned", "demilestoned"]),
  at: DateTimeSchema,
  /** Label name, or milestone title. */
  name: z.string(),
});
export type IssueEvent = z.infer<typeof IssueEventSchema>;

/** An issue as the sync keeps it (in the cache, and as input to the merge). */
export const IssueRecordSchema = z.strictObject({
  number: z.number().int().positive(),
  title: z.string(),
  state: z.enum(["open", "closed"]),
  stateReason: z.string().nullable(),
  createdAt: DateTimeSchema,
  closedAt: DateTimeSchema.nullable(),
  updatedAt: DateTimeSchema,
  milestone: z.string().nullable(),
  labels: z.array(z.string()),
  assignees: z.array(z.string()),
  comments: z.number().int().nonnegative(),
  reactions: z.number().int().nonnegative(),
  /** Tracking events, oldest first. */
  events: z.array(IssueEventSchema),
  /** Cursor of the next page of events while the timeline is not fully read. */
  moreAfter: z.string().optional(),
  /** Text fields cut or cleaned on reading (hostile or broken issue text), for the warnings. */
  cleaned: z
    .array(
      z.strictObject({
        kind: z.enum(["text-too-long", "text-control-characters"]),
        field: z.string(),
        value: z.string(),
      }),
    )
    .optional(),
});
export type IssueRecord = z.infer<typeof IssueRecordSchema>;

/** Where the issue read stands between runs. */
export const IssueStateSchema = z.strictObject({
  /** True once every issue was read; false while a full read is under way. */
  complete: z.boolean(),
  /** Cursor after the last page of a full read in progress. */
  cursor: z.string().nullable(),
  /** Pages of the full read done so far. */
  pages: z.number().int().nonnegative(),
  /** True once the last page was read (only long timelines may remain). */
  paged: z.boolean(),
  /** The REST probe asks for issues updated since this instant. */
  since: DateTimeSchema.nullable(),
  /** ETag of the probe's last answer for that `since`. */
  etag: z.string().nullable(),
});
export type IssueState = z.infer<typeof IssueStateSchema>;

/** A fresh state: nothing read. */
export function emptyIssueState(): IssueState {
  return { complete: false, cursor: null, pages: 0, paged: false, since: null, etag: null };
}

// ---------------------------------------------------------------------------------------
// Response shapes (only what is read)

const LabelEventSchema = z.object({
  __typename: z.enum(["LabeledEvent", "UnlabeledEvent"]),
  createdAt: z.string(),
  label: z.object({ name: z.string() }),
});
const MilestoneEventSchema = z.object({
  __typename: z.enum(["MilestonedEvent", "DemilestonedEvent"]),
  createdAt: z.string(),
  milestoneTitle: z.string(),
});
const TimelinePageSchema = z.object({
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
  nodes: z.array(z.union([LabelEventSchema, MilestoneEventSchema]).nullable()),
});
const IssueNodeSchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  state: z.enum(["OPEN", "CLOSED"]),
  stateReason: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  updatedAt: z.string(),
  milestone: z.object({ title: z.string() }).nullable(),
  labels: z.object({ nodes: z.array(z.object({ name: z.string() }).nullable()) }).nullable(),
  assignees: z.object({ nodes: z.array(z.object({ login: z.string() }).nullable()) }),
  comments: z.object({ totalCount: z.number().int() }),
  reactions: z.object({ totalCount: z.number().int() }),
  timelineItems: TimelinePageSchema,
});
type IssueNode = z.infer<typeof IssueNodeSchema>;

const IssuesPageSchema = z.object({
  repository: z.object({
    issues: z.object({
      totalCount: z.number().int(),
      pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
      nodes: z.array(IssueNodeSchema.nullable()),
    }),
  }),
});
const AliasedIssuesSchema = z.object({ repository: z.record(z.string(), IssueNodeSchema.nullable()) });
const AliasedTimelinesSchema = z.object({
  repository: z.record(
    z.string(),
    z.object({ number: z.number().int(), timelineItems: TimelinePageSchema }).nullable(),
  ),
});

/** The fields of a REST issue list item the probe needs. */
const RestIssueSchema = z.looseObject({
  number: z.number().int().positive(),
  updated_at: z.string(),
  pull_request: z.unknown().optional(),
});
const RestIssueListSchema = z.array(RestIssueSchema);

// ---------------------------------------------------------------------------------------
// Normalising

/** GitHub instants carry no fractions, but Enterprise may: cut to whole seconds, UTC. */
function instant(text: string): string {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return text;
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Timeline nodes -> events; events of deleted labels come back null and are skipped. */
function toEvents(nodes: z.infer<typeof TimelinePageSchema>["nodes"]): IssueEvent[] {
  const events: IssueEvent[] = [];
  for (const node of nodes) {
    if (!node) continue;
    if ("label" in node) {
      const kind = node.__typename === "LabeledEvent" ? "labeled" : "unlabeled";
      events.push({ kind, at: instant(node.createdAt), name: node.label.name });
    } else {
      const kind = node.__typename === "MilestonedEvent" ? "milestoned" : "demilestoned";
      events.push({ kind, at: instant(node.createdAt), name: node.milestoneTitle });
    }
  }
  return events;
}

/** Longest issue title kept (GitHub allows 256 characters). */
export const ISSUE_TITLE_LIMIT = 500;
/** Longest label, milestone, login or state reason kept (GitHub's are under 100). */
export const ISSUE_NAME_LIMIT = 200;

type Cleaned = NonNullable<IssueRecord["cleaned"]>;

/** Issue text made safe to keep: hidden characters removed, length capped, both noted for a warning. */
function cleanIssueText(raw: string, field: string, limit: number, cleaned: Cleaned): string {
  const clean = sanitizeText(raw, limit);
  if (clean.hadHidden) cleaned.push({ kind: "text-control-characters", field, value: raw.slice(0, 200) });
  if (clean.cutFrom !== null) cleaned.push({ kind: "text-too-long", field, value: `${clean.cutFrom} characters` });
  return clean.text;
}

/** Names (labels, logins) cleaned the same way; one that is empty once cleaned is dropped. */
function cleanNames(names: readonly string[], field: string, cleaned: Cleaned): string[] {
  return names.map((name) => cleanIssueText(name, field, ISSUE_NAME_LIMIT, cleaned)).filter((name) => name !== "");
}

/** One GraphQL issue node -> the record the sync keeps, its text capped (pure). */
export function normaliseIssue(node: IssueNode): IssueRecord {
  const cleaned: Cleaned = [];
  const milestone = node.milestone ? cleanIssueText(node.milestone.title, "milestone", ISSUE_NAME_LIMIT, cleaned) : "";
  const reason = node.state === "CLOSED" && node.stateReason ? node.stateReason.toLowerCase() : "";
  const record: IssueRecord = {
    number: node.number,
    title: cleanIssueText(node.title, "title", ISSUE_TITLE_LIMIT, cleaned),
    state: node.state === "OPEN" ? "open" : "closed",
    stateReason: reason ? cleanIssueText(reason, "stateReason", ISSUE_NAME_LIMIT, cleaned) || null : null,
    createdAt: instant(node.createdAt),
    closedAt: node.closedAt ? instant(node.closedAt) : null,
    updatedAt: instant(node.updatedAt),
    milestone: milestone || null,
    labels: cleanNames(
      (node.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])),
      "labels",
      cleaned,
    ).sort(),
    assignees: cleanNames(
      node.assignees.nodes.flatMap((a) => (a ? [a.login] : [])),
      "assignees",
      cleaned,
    ).sort(),
    comments: node.comments.totalCount,
    reactions: node.reactions.totalCount,
    events: cleanEvents(toEvents(node.timelineItems.nodes), cleaned),
  };
  const page = node.timelineItems.pageInfo;
  if (page.hasNextPage && page.endCursor) record.moreAfter = page.endCursor;
  if (cleaned.length > 0) record.cleaned = dedupeCleaned(cleaned);
  return record;
}

/** Event names (labels, milestone titles) capped like the issue's own. */
function cleanEvents(events: IssueEvent[], cleaned: Cleaned): IssueEvent[] {
  return events
    .map((event) => ({ ...event, name: cleanIssueText(event.name, "events", ISSUE_NAME_LIMIT, cleaned) }))
    .filter((event) => event.name !== "");
}

/** One note per kind and field (a hundred long labels make one warning). */
function dedupeCleaned(cleaned: Cleaned): Cleaned {
  const seen = new Map<string, Cleaned[number]>();
  for (const note of cleaned) seen.set(`${note.kind}\0${note.field}`, seen.get(`${note.kind}\0${note.field}`) ?? note);
  return [...seen.values()];
}

// ---------------------------------------------------------------------------------------
// Reading

/** What the issue reader works on: the cached records and state, updated in place. */
export interface IssueStore {
  records: Map<number, IssueRecord>;
  state: IssueState;
  /** Persists records and state (called after every page, so a failure can resume). */
  save(): void;
}

/** Progress callbacks. */
export type IssueProgress = (line: string, transient?: boolean) => void;

/** What a read did. */
export interface IssueReadSummary {
  /** True when any record was added or changed. */
  changed: boolean;
  /** Full-read pages fetched in this run. */
  pages: number;
  /** Issues read again because they changed. */
  reread: number;
}

const BATCH = 50;
/** Pages any one list may take (100,000 issues; kubernetes/enhancements has about 6,000). */
const MAX_PAGES = 1000;
/** Pages beyond what totalCount implies before a full read is stopped. */
const PAGE_SLACK = 5;
/** Timeline pages per issue (10,000 tracking events; the busiest issue has a few hundred). */
const MAX_TIMELINE_PAGES = 100;
/** The probe looks this far before the full read began, so updates racing the read are seen. */
const SINCE_MARGIN_MS = 10 * 60 * 1000;

/** Brings the store up to date with GitHub: full read when needed, then the cheap change probe. */
export async function readIssues(
  client: GithubClient,
  repo: string,
  store: IssueStore,
  progress: IssueProgress,
): Promise<IssueReadSummary> {
  const [owner = "", name = ""] = repo.split("/");
  const summary: IssueReadSummary = { changed: false, pages: 0, reread: 0 };
  if (!store.state.complete) {
    await readAll(client, { owner, name }, store, progress, summary);
    summary.changed = true;
  }
  await probeChanges(client, repo, { owner, name }, store, progress, summary);
  return summary;
}

async function readAll(
  client: GithubClient,
  repo: { owner: string; name: string },
  store: IssueStore,
  progress: IssueProgress,
  summary: IssueReadSummary,
): Promise<void> {
  const state = store.state;
  if (state.pages > 0)
    progress(`resuming the issue read after page ${state.pages} (${store.records.size} issues cached)`);
  let hasNext = !state.paged;
  const guard = createPageGuard("GraphQL KepIssues", MAX_PAGES, state.cursor ? [state.cursor] : []);
  while (hasNext) {
    const { data } = await client.graphql(ISSUES_QUERY, { ...repo, after: state.cursor }, IssuesPageSchema);
    const page = data.repository.issues;
    // A list can grow during the read, but not by pages and pages.
    if (state.pages + 1 > Math.ceil(page.totalCount / PAGE_SIZE) + PAGE_SLACK) {
      throw new GithubSyncError(
        `GraphQL KepIssues: page ${state.pages + 1} of a list of ${page.totalCount} issues (${PAGE_SIZE} a page); the paging does not end`,
        "This is a fault on GitHub's side (or a proxy's): run again later, and report it if it repeats.",
      );
    }
    if (page.pageInfo.hasNextPage) guard(page.pageInfo.endCursor);
    // The probe later asks for everything updated since just before the read began.
    state.since ??= new Date(client.serverNow().getTime() - SINCE_MARGIN_MS).toISOString().replace(/\.\d{3}Z$/, "Z");
    for (const node of page.nodes) if (node) store.records.set(node.number, normaliseIssue(node));
    state.cursor = page.pageInfo.endCursor;
    state.pages++;
    summary.pages++;
    hasNext = page.pageInfo.hasNextPage && page.pageInfo.endCursor !== null;
    state.paged = !hasNext;
    store.save();
    const total = Math.max(1, Math.ceil(page.totalCount / PAGE_SIZE));
    progress(`issues: page ${state.pages} of ${total} (${store.records.size} of ${page.totalCount} issues)`, true);
  }
  await readRemainingTimelines(client, repo, store, progress);
  state.complete = true;
  state.cursor = null;
  state.etag = null;
  store.save();
}

/** Fetches further timeline pages for the issues that have more than one, several issues per request. */
async function readRemainingTimelines(
  client: GithubClient,
  repo: { owner: string; name: string },
  store: IssueStore,
  progress: IssueProgress,
): Promise<void> {
  const guards = new Map<number, PageGuard>();
  const guardOf = (record: IssueRecord): PageGuard => {
    let guard = guards.get(record.number);
    if (!guard) {
      guard = createPageGuard(`GraphQL KepTimelines (#${record.number})`, MAX_TIMELINE_PAGES, [record.moreAfter ?? ""]);
      guards.set(record.number, guard);
    }
    return guard;
  };
  while (true) {
    const pending = [...store.records.values()].filter((r) => r.moreAfter !== undefined).slice(0, BATCH);
    for (const record of pending) guardOf(record);
    if (pending.length === 0) return;
    progress(`timelines: ${pending.length} issues have more than ${PAGE_SIZE} tracking events`, true);
    const variables: Record<string, unknown> = { ...repo };
    pending.forEach((record, i) => {
      variables[`n${i}`] = record.number;
      variables[`c${i}`] = record.moreAfter;
    });
    const { data } = await client.graphql(
      moreTimelineQuery(pending.length),
      variables,
      AliasedTimelinesSchema,
      isGoneIssue,
    );
    pending.forEach((record, i) => {
      const found = data.repository[`t${i}`];
      const next: IssueRecord = { ...record };
      delete next.moreAfter;
      const page = found?.timelineItems.pageInfo;
      if (page?.hasNextPage && page.endCursor) {
        guardOf(record)(page.endCursor);
        next.moreAfter = page.endCursor;
      }
      if (found) {
        const cleaned: Cleaned = [...(record.cleaned ?? [])];
        next.events = [...record.events, ...cleanEvents(toEvents(found.timelineItems.nodes), cleaned)];
        if (cleaned.length > 0) next.cleaned = dedupeCleaned(cleaned);
      }
      store.records.set(record.number, next);
    });
    store.save();
  }
}

/** The one error a by-number read expects: an issue alias (repository.i3, repository.t3) that no longer resolves. */
function isGoneIssue(issue: GraphqlIssue): boolean {
  return issue.type === "NOT_FOUND" && issue.path?.length === 2 && /^[it]\d+$/.test(String(issue.path[1]));
}

/** Re-reads issues by number; an issue that is gone (transferred, deleted) is dropped. */
async function rereadIssues(
  client: GithubClient,
  repo: { owner: string; name: string },
  numbers: number[],
  store: IssueStore,
): Promise<void> {
  for (let from = 0; from < numbers.length; from += BATCH) {
    const batch = numbers.slice(from, from + BATCH);
    const variables: Record<string, unknown> = { ...repo };
    batch.forEach((number, i) => {
      variables[`n${i}`] = number;
    });
    const { data } = await client.graphql(
      issuesByNumberQuery(batch.length),
      variables,
      AliasedIssuesSchema,
      isGoneIssue,
    );
    batch.forEach((number, i) => {
      const node = data.repository[`i${i}`];
      if (node) store.records.set(number, normaliseIssue(node));
      else store.records.delete(number);
    });
  }
}

/**
 * The cheap check: issues updated since `state.since`, newest first, with If-None-Match.
 * 304 means nothing changed (and costs no rate limit); otherwise the changed issues are read again.
 */
async function probeChanges(
  client: GithubClient,
  path: string,
  repo: { owner: string; name: string },
  store: IssueStore,
  progress: IssueProgress,
  summary: IssueReadSummary,
): Promise<void> {
  const state = store.state;
  for (let round = 0; round < 2; round++) {
    const since = state.since ?? "1970-01-01T00:00:00Z";
    const query = { state: "all", since, sort: "updated", direction: "desc", per_page: String(PAGE_SIZE) };
    const first = await client.getJson(`/repos/${path}/issues`, query, state.etag, RestIssueListSchema);
    if (first.notModified) {
      progress("issues: unchanged since the last sync (304, free)");
      return;
    }
    const items = [...first.data];
    const seen = new Set(items.map((item) => item.number));
    const guard = createPageGuard(`GET /repos/${path}/issues`, MAX_PAGES);
    let pages = 1;
    for (let page = 2; items.length === PAGE_SIZE * (page - 1); page++) {
      guard(page);
      const more = await client.getJson(
        `/repos/${path}/issues`,
        { ...query, page: String(page) },
        null,
        RestIssueListSchema,
      );
      if (more.notModified) break;
      // Pages of a list updated meanwhile may overlap a little; a page of nothing new means it does not advance.
      if (more.data.length > 0 && more.data.every((item) => seen.has(item.number))) {
        throw new GithubSyncError(
          `GET /repos/${path}/issues: page ${page} repeats issues of earlier pages only (the paging does not advance); stopped`,
          "This is a fault on GitHub's side (or a proxy's), not a passing one: run again later, and report it if it repeats.",
        );
      }
      for (const item of more.data) seen.add(item.number);
      items.push(...more.data);
      pages++;
    }
    const changed = items
      .filter((item) => item.pull_request === undefined)
      .filter((item) => store.records.get(item.number)?.updatedAt !== instant(item.updated_at))
      .map((item) => item.number);
    if (changed.length > 0) {
      progress(`issues: ${changed.length} changed since the last sync; reading them again`, true);
      await rereadIssues(client, repo, changed, store);
      await readRemainingTimelines(client, repo, store, progress);
      summary.changed = true;
      summary.reread += changed.length;
    }
    if (pages === 1) {
      state.etag = first.etag;
      store.save();
      return;
    }
    // The list outgrew a page: move `since` up so the next probe is one small page again.
    state.since = new Date(client.serverNow().getTime() - SINCE_MARGIN_MS).toISOString().replace(/\.\d{3}Z$/, "Z");
    state.etag = null;
    store.save();
  }
}
