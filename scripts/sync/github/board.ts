/**
 * The current release's Projects (v2) enhancements board: status, type and stage per item.
 * Optional by nature: reading an organisation's projects needs a token with read:project, so
 * a token that cannot read it skips the board with a note instead of failing the sync.
 */
import { z } from "zod";
import type { Version } from "../../../src/lib/schema.ts";
import { type GithubClient, GithubSyncError, type GraphqlIssue } from "./client.ts";
import { createPageGuard } from "./paging.ts";
import { BOARD_ITEMS_QUERY, BOARD_SEARCH_QUERY } from "./queries.ts";

/** One board item's fields, as the board words them. */
export const BoardItemSchema = z.strictObject({
  kep: z.number().int().positive(),
  status: z.string().nullable(),
  type: z.string().nullable(),
  stage: z.string().nullable(),
});
export type BoardItem = z.infer<typeof BoardItemSchema>;

/** A board as read. */
export const BoardSchema = z.strictObject({
  release: z.string(),
  number: z.number().int().positive(),
  title: z.string(),
  url: z.string(),
  items: z.array(BoardItemSchema),
});
export type Board = z.infer<typeof BoardSchema>;

const FieldValueSchema = z.union([
  z.object({
    __typename: z.literal("ProjectV2ItemFieldSingleSelectValue"),
    name: z.string().nullable(),
    field: z.object({ name: z.string() }).partial().nullable(),
  }),
  z.object({
    __typename: z.literal("ProjectV2ItemFieldTextValue"),
    text: z.string().nullable(),
    field: z.object({ name: z.string() }).partial().nullable(),
  }),
  z.object({ __typename: z.string() }),
]);
const ItemsSchema = z.object({
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
  nodes: z.array(
    z
      .object({
        content: z
          .object({
            __typename: z.string(),
            number: z.number().int().optional(),
            repository: z.object({ nameWithOwner: z.string() }).optional(),
          })
          .nullable(),
        fieldValues: z.object({ nodes: z.array(FieldValueSchema.nullable()) }),
      })
      .nullable(),
  ),
});
const ProjectSchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  url: z.string(),
  closed: z.boolean(),
  items: ItemsSchema,
});
const SearchSchema = z.object({
  organization: z.object({ projectsV2: z.object({ nodes: z.array(ProjectSchema.nullable()) }).nullable() }).nullable(),
});
const ItemsPageSchema = z.object({ organization: z.object({ projectV2: ProjectSchema.nullable() }).nullable() });

/** Why a board could not be read (no failure of the sync). */
export interface BoardSkipped {
  skipped: string;
}

/** Field names of the board, matched loosely ("Status", "Enhancement Type", "Stage"). */
function fieldKind(name: string | undefined): "status" | "type" | "stage" | null {
  const lower = (name ?? "").toLowerCase();
  if (lower === "status") return "status";
  if (lower === "stage") return "stage";
  if (lower === "type" || lower.endsWith(" type")) return "type";
  return null;
}

/** Board items -> one fact row per enhancements issue (pure). */
export function normaliseBoardItems(items: z.infer<typeof ItemsSchema>["nodes"], repository: string): BoardItem[] {
  const rows: BoardItem[] = [];
  for (const item of items) {
    const content = item?.content;
    if (!item || content?.__typename !== "Issue" || content.number === undefined) continue;
    if (content.repository?.nameWithOwner.toLowerCase() !== repository.toLowerCase()) continue;
    const row: BoardItem = { kep: content.number, status: null, type: null, stage: null };
    for (const value of item.fieldValues.nodes) {
      if (!value || !("field" in value)) continue;
      const kind = fieldKind(value.field?.name);
      const text = "name" in value ? value.name : "text" in value ? value.text : null;
      if (kind && text) row[kind] = text;
    }
    rows.push(row);
  }
  return rows.sort((a, b) => a.kep - b.kep);
}

const PERMISSION_TYPES = ["INSUFFICIENT_SCOPES", "FORBIDDEN", "NOT_FOUND"];

/** Errors that mean the token may not read the board: expected, they skip it. */
function isPermissionIssue(issue: GraphqlIssue): boolean {
  return PERMISSION_TYPES.includes(issue.type ?? "");
}

function permissionProblem(errors: GraphqlIssue[]): string | null {
  const blocking = errors.find(isPermissionIssue);
  return blocking ? `${blocking.type}: ${blocking.message}` : null;
}

/** Item pages of one board (10,000 items; a release board holds about 100). */
const MAX_ITEM_PAGES = 100;

/** Reads the enhancements board of a release, or says why it was skipped. */
export async function readBoard(
  client: GithubClient,
  org: string,
  repository: string,
  release: Version,
): Promise<Board | BoardSkipped> {
  try {
    return await readBoardOrThrow(client, org, repository, release);
  } catch (error) {
    // A token without read:project gets errors and no data: the board is optional, the sync goes on.
    if (error instanceof GithubSyncError && /INSUFFICIENT_SCOPES|FORBIDDEN|NOT_FOUND/.test(error.message)) {
      return { skipped: error.message };
    }
    throw error;
  }
}

async function readBoardOrThrow(
  client: GithubClient,
  org: string,
  repository: string,
  release: Version,
): Promise<Board | BoardSkipped> {
  const search = `${release} Enhancements`;
  const found = await client.graphql(
    BOARD_SEARCH_QUERY,
    { org, search, after: null },
    SearchSchema.nullable(),
    isPermissionIssue,
  );
  const problem = permissionProblem(found.errors);
  const projects = found.data?.organization?.projectsV2;
  if (problem || !projects) return { skipped: problem ?? `the projects of ${org} are not readable` };
  const pattern = new RegExp(`(^|\\D)${release.replace(".", "\\.")}(\\D|$)`);
  const project = projects.nodes.find((p) => p !== null && pattern.test(p.title) && /enhancement/i.test(p.title));
  if (!project) return { skipped: `no project titled "${release} … Enhancements …" in ${org}` };
  const items = [...normaliseBoardItems(project.items.nodes, repository)];
  let page = project.items.pageInfo;
  const guard = createPageGuard(`GraphQL ReleaseBoardItems (project #${project.number})`, MAX_ITEM_PAGES);
  while (page.hasNextPage && page.endCursor) {
    guard(page.endCursor);
    const more = await client.graphql(
      BOARD_ITEMS_QUERY,
      { org, number: project.number, after: page.endCursor },
      ItemsPageSchema,
    );
    const next = more.data.organization?.projectV2;
    if (!next) break;
    items.push(...normaliseBoardItems(next.items.nodes, repository));
    page = next.items.pageInfo;
  }
  return {
    release,
    number: project.number,
    title: project.title,
    url: project.url,
    items: items.sort((a, b) => a.kep - b.kep),
  };
}
