/**
 * Reads the issues of kubernetes/enhancements with the timeline events that encode release
 * tracking. A full read pages through every issue over GraphQL (100 issues with up to 100
 * events each per request); afterwards one conditional REST request (`since` + ETag) tells
 * whether anything changed, and only the issues that did are read again. Progress is saved
 * after every page, so a failed read resumes where it stopped.
 */
import { z } from "zod";
import { DateTimeSchema } from "../../../src/lib/schema.ts";
import type { GithubClient } from "./client.ts";
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

/** One GraphQL issue node -> the record the sync keeps (pure). */
export function normaliseIssue(node: IssueNode): IssueRecord {
  const record: IssueRecord = {
    number: node.number,
    title: node.title,
    state: node.state === "OPEN" ? "open" : "closed",
    stateReason: node.state === "CLOSED" && node.stateReason ? node.stateReason.toLowerCase() : null,
    createdAt: instant(node.createdAt),
    closedAt: node.closedAt ? instant(node.closedAt) : null,
    updatedAt: instant(node.updatedAt),
    milestone: node.milestone?.title ?? null,
    labels: (node.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])).sort(),
    assignees: node.assignees.nodes.flatMap((a) => (a ? [a.login] : [])).sort(),
    comments: node.comments.totalCount,
    reactions: node.reactions.totalCount,
    events: toEvents(node.timelineItems.nodes),
  };
  const page = node.timelineItems.pageInfo;
  if (page.hasNextPage && page.endCursor) record.moreAfter = page.endCursor;
  return record;
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
  while (hasNext) {
    const { data } = await client.graphql(ISSUES_QUERY, { ...repo, after: state.cursor }, IssuesPageSchema);
    const page = data.repository.issues;
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
  while (true) {
    const pending = [...store.records.values()].filter((r) => r.moreAfter !== undefined).slice(0, BATCH);
    if (pending.length === 0) return;
    progress(`timelines: ${pending.length} issues have more than ${PAGE_SIZE} tracking events`, true);
    const variables: Record<string, unknown> = { ...repo };
    pending.forEach((record, i) => {
      variables[`n${i}`] = record.number;
      variables[`c${i}`] = record.moreAfter;
    });
    const { data } = await client.graphql(moreTimelineQuery(pending.length), variables, AliasedTimelinesSchema);
    pending.forEach((record, i) => {
      const found = data.repository[`t${i}`];
      const next: IssueRecord = {
        ...record,
        events: [...record.events, ...(found ? toEvents(found.timelineItems.nodes) : [])],
      };
      delete next.moreAfter;
      const page = found?.timelineItems.pageInfo;
      if (page?.hasNextPage && page.endCursor) next.moreAfter = page.endCursor;
      store.records.set(record.number, next);
    });
    store.save();
  }
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
    const { data, errors } = await client.graphql(issuesByNumberQuery(batch.length), variables, AliasedIssuesSchema);
    const unexpected = errors.filter((e) => e.type !== "NOT_FOUND");
    if (unexpected.length > 0) throw new Error(`GraphQL KepIssuesByNumber: ${unexpected[0]?.message}`);
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
    let pages = 1;
    for (let page = 2; items.length === PAGE_SIZE * (page - 1); page++) {
      const more = await client.getJson(
        `/repos/${path}/issues`,
        { ...query, page: String(page) },
        null,
        RestIssueListSchema,
      );
      if (more.notModified) break;
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
