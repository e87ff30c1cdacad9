/**
 * A local GitHub for tests (node:http on 127.0.0.1, port 0): the REST routes the sync uses,
 * answered from typed fixtures with ETags, 304s, rate-limit headers and the codeload redirect,
 * and GraphQL executed against GitHub's published schema (@octokit/graphql-schema), so a query
 * GitHub would reject fails here too and every answer has GitHub's shape. It counts requests
 * and rate-limit points, and injects faults on demand.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { schema as githubSchema } from "@octokit/graphql-schema";
import {
  buildClientSchema,
  type DocumentNode,
  execute,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  parse,
  type SelectionSetNode,
  type ValueNode,
  validate,
} from "graphql";
import type { FakeEvent, FakeIssue } from "../fixtures/github/events.ts";
import { restBranch, restError, restIssue } from "../fixtures/github/rest.ts";
import { githubTarball } from "../fixtures/github/tar.ts";
import type { FixtureProject, World } from "../fixtures/github/world.ts";

/** What can go wrong on the way to GitHub. */
export type FaultKind =
  | "rate-limit"
  | "secondary-limit"
  | "server-error"
  | "reset"
  | "truncate"
  | "malformed"
  | "unauthorized"
  /** GraphQL: the real answer with one issue node nulled and an error beside it (a partial answer). */
  | "partial"
  /** GraphQL: the RATE_LIMITED error GitHub sends when the hourly points are gone. */
  | "graphql-rate-limited"
  /** GraphQL: pageInfo says there is a next page but hands back the cursor it was given. */
  | "stuck-cursor"
  /** REST issue list: every page full of the same issues, however far it is paged. */
  | "full-pages"
  /** No response headers at all (the connection stays open). */
  | "stall-headers"
  /** Headers and the first bytes of the body, then nothing. */
  | "stall-body"
  /** The tarball redirect points at plain http on another host. */
  | "redirect-http"
  /** Codeload serves the archive of another commit. */
  | "wrong-commit";

/** A fault for requests whose key ("GET /repos/...", "POST /graphql KepIssues") matches. */
export interface Fault {
  route: RegExp;
  kind: FaultKind;
  /** How many matching requests it hits (Infinity: all). */
  times: number;
}

/** One request as the server saw it. */
export interface LoggedRequest {
  key: string;
  status: number;
}

/** The running fake. */
export interface FakeGithub {
  url: string;
  world: World;
  requests: LoggedRequest[];
  /** Primary rate-limit points spent: REST requests not answered 304, GraphQL query costs. */
  points: { rest: number; graphql: number };
  faults: Fault[];
  /** Clears the request log and point counters. */
  resetCounters(): void;
  close(): Promise<void>;
}

/** Options of the fake. */
export interface FakeGithubOptions {
  /** The one token it accepts. */
  token: string;
  world: World;
  /** Whether the token may read organisation projects (read:project). */
  projectScope?: boolean;
}

const ENHANCEMENTS = "kubernetes/enhancements";
const LIMIT = 5000;

let cachedSchema: GraphQLSchema | null = null;
/** GitHub's schema as @octokit/graphql-schema publishes it (the same one its validate() uses). */
function githubGraphqlSchema(): GraphQLSchema {
  cachedSchema ??= buildClientSchema(githubSchema.json as Parameters<typeof buildClientSchema>[0]);
  return cachedSchema;
}

function etagOf(body: string): string {
  return `W/"${createHash("sha1").update(body).digest("hex")}"`;
}

function cursor(index: number): string {
  return Buffer.from(`cursor:v2:${index}`).toString("base64");
}

function offset(after: unknown): number {
  if (typeof after !== "string") return 0;
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(after, "base64").toString("utf8"));
  if (!match)
    throw new GraphQLError(`\`${after}\` does not appear to be a valid cursor.`, {
      extensions: { type: "INVALID_CURSOR_ARGUMENTS" },
    });
  return Number(match[1]);
}

/** A connection page the way GitHub shapes them. */
function connection<T, N>(items: readonly T[], args: { first?: unknown; after?: unknown }, node: (item: T) => N) {
  const first = typeof args.first === "number" ? args.first : items.length;
  if (first > 100)
    throw new GraphQLError("Requesting more than 100 records on a connection is not allowed.", {
      extensions: { type: "EXCESSIVE_PAGE_SIZE" },
    });
  const start = offset(args.after);
  const page = items.slice(start, start + first);
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage: start + page.length < items.length,
      hasPreviousPage: start > 0,
      startCursor: page.length ? cursor(start + 1) : null,
      endCursor: page.length ? cursor(start + page.length) : null,
    },
    nodes: page.map(node),
  };
}

const EVENT_TYPES: Record<string, FakeEvent["kind"]> = {
  LABELED_EVENT: "labeled",
  UNLABELED_EVENT: "unlabeled",
  MILESTONED_EVENT: "milestoned",
  DEMILESTONED_EVENT: "demilestoned",
};

function eventNode(event: FakeEvent) {
  const base = { id: `E_${event.at}_${event.name}`, createdAt: event.at };
  if (event.kind === "labeled") return { __typename: "LabeledEvent", ...base, label: { name: event.name } };
  if (event.kind === "unlabeled") return { __typename: "UnlabeledEvent", ...base, label: { name: event.name } };
  if (event.kind === "milestoned") return { __typename: "MilestonedEvent", ...base, milestoneTitle: event.name };
  return { __typename: "DemilestonedEvent", ...base, milestoneTitle: event.name };
}

function issueNode(issue: FakeIssue) {
  return {
    __typename: "Issue",
    id: `I_${issue.number}`,
    number: issue.number,
    title: issue.title,
    state: issue.state === "open" ? "OPEN" : "CLOSED",
    stateReason: issue.stateReason,
    createdAt: issue.createdAt,
    closedAt: issue.closedAt,
    updatedAt: issue.updatedAt,
    milestone: issue.milestone ? { title: issue.milestone } : null,
    labels: (args: { first?: number; after?: string }) => connection(issue.labels, args, (name) => ({ name })),
    assignees: (args: { first?: number; after?: string }) => connection(issue.assignees, args, (login) => ({ login })),
    comments: () => ({ totalCount: issue.comments }),
    reactions: () => ({ totalCount: issue.reactions }),
    timelineItems: (args: { first?: number; after?: string; itemTypes?: string[] }) => {
      const kinds = new Set((args.itemTypes ?? Object.keys(EVENT_TYPES)).map((t) => EVENT_TYPES[t]));
      return connection(
        issue.events.filter((e) => kinds.has(e.kind)),
        args,
        eventNode,
      );
    },
  };
}

function projectNode(project: FixtureProject) {
  const field = (name: string) => ({ __typename: "ProjectV2SingleSelectField", name });
  return {
    number: project.number,
    title: project.title,
    url: project.url,
    closed: false,
    items: (args: { first?: number; after?: string }) =>
      connection(project.items, args, (item) => ({
        content: { __typename: "Issue", number: item.kep, repository: { nameWithOwner: ENHANCEMENTS } },
        fieldValues: () => ({
          nodes: [
            ...(item.status
              ? [{ __typename: "ProjectV2ItemFieldSingleSelectValue", name: item.status, field: field("Status") }]
              : []),
            ...(item.type
              ? [{ __typename: "ProjectV2ItemFieldSingleSelectValue", name: item.type, field: field("Type") }]
              : []),
            ...(item.stage
              ? [{ __typename: "ProjectV2ItemFieldSingleSelectValue", name: item.stage, field: field("Stage") }]
              : []),
            {
              __typename: "ProjectV2ItemFieldTextValue",
              text: "enhancements-shadow",
              field: { __typename: "ProjectV2Field", name: "Enhancements Contact" },
            },
          ],
        }),
      })),
  };
}

function argumentValue(node: ValueNode, variables: Record<string, unknown>): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT) return Number(node.value);
  return null;
}

/**
 * GitHub's rate-limit cost: the requests needed to fill every connection (each assumed to
 * reach its first/last), divided by 100, rounded, at least 1.
 */
export function estimateCost(document: DocumentNode, variables: Record<string, unknown>): number {
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
  }
  let requests = 0;
  const visit = (set: SelectionSetNode, multiplier: number) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const limit = selection.arguments?.find((a) => a.name.value === "first" || a.name.value === "last");
        let inner = multiplier;
        if (limit) {
          requests += multiplier;
          inner = multiplier * Number(argumentValue(limit.value, variables) ?? 1);
        }
        if (selection.selectionSet) visit(selection.selectionSet, inner);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, multiplier);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment, multiplier);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) visit(definition.selectionSet, 1);
  }
  return Math.max(1, Math.round(requests / 100));
}

/** Starts the fake on 127.0.0.1 with a free port. */
export async function startFakeGithub(options: FakeGithubOptions): Promise<FakeGithub> {
  const { world } = options;
  const requests: LoggedRequest[] = [];
  const points = { rest: 0, graphql: 0 };
  const faults: Fault[] = [];
  const tarballs = new Map<string, Buffer>();
  let url = "";

  const tarball = (repo: string): Buffer | null => {
    const tree = world.trees[repo];
    if (!tree) return null;
    const cached = tarballs.get(`${repo}@${tree.commit}`);
    if (cached) return cached;
    const built = githubTarball(repo, tree.commit, tree.files);
    tarballs.set(`${repo}@${tree.commit}`, built);
    return built;
  };

  const rateHeaders = (resource: "core" | "graphql") => ({
    "x-ratelimit-limit": String(LIMIT),
    "x-ratelimit-remaining": String(LIMIT - (resource === "core" ? points.rest : points.graphql)),
    "x-ratelimit-used": String(resource === "core" ? points.rest : points.graphql),
    "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
    "x-ratelimit-resource": resource,
  });

  const send = (
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): number => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    response.writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "x-github-request-id": createHash("sha1")
        .update(String(requests.length))
        .digest("hex")
        .slice(0, 16)
        .toUpperCase(),
      ...headers,
    });
    response.end(status === 304 ? undefined : text);
    return status;
  };

  /** REST JSON with an ETag; a matching If-None-Match gets 304 and costs nothing. */
  const sendJson = (
    request: IncomingMessage,
    response: ServerResponse,
    body: unknown,
    extra: Record<string, string> = {},
  ) => {
    const text = JSON.stringify(body);
    const etag = etagOf(text);
    if (request.headers["if-none-match"] === etag)
      return send(response, 304, "", { etag, ...rateHeaders("core"), ...extra });
    points.rest++;
    return send(response, 200, text, { etag, ...rateHeaders("core"), ...extra });
  };

  const applyFault = (fault: Fault, response: ServerResponse, request: IncomingMessage): number => {
    const resource = request.url?.startsWith("/graphql") ? "graphql" : "core";
    switch (fault.kind) {
      case "rate-limit":
        return send(
          response,
          403,
          restError(
            "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.",
          ),
          {
            ...rateHeaders(resource),
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 1),
          },
        );
      case "secondary-limit":
        return send(
          response,
          429,
          restError("You have exceeded a secondary rate limit. Please wait a few minutes before you try again."),
          { ...rateHeaders(resource), "retry-after": "2" },
        );
      case "server-error":
        return send(response, 502, restError("Server Error"));
      case "reset":
        request.socket.destroy();
        return 0;
      case "malformed":
        return send(response, 200, '{"data": {"repository": {"issues": {"totalCount": 2', rateHeaders(resource));
      case "unauthorized":
        return send(response, 401, restError("Bad credentials", "https://docs.github.com/rest"));
      case "graphql-rate-limited":
        return send(
          response,
          200,
          { errors: [{ type: "RATE_LIMITED", message: "API rate limit already exceeded for user ID 1." }] },
          {
            ...rateHeaders("graphql"),
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
          },
        );
      case "stall-headers":
        return 0;
      case "stall-body":
        response.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": "100000" });
        response.write('{"data": {"repository": {');
        return 200;
      default:
        return -1;
    }
  };

  const graphqlRoot = {
    rateLimit: (_args: unknown, context: { cost: number }) => ({
      cost: context.cost,
      limit: LIMIT,
      nodeCount: 0,
      remaining: LIMIT - points.graphql - context.cost,
      used: points.graphql + context.cost,
      resetAt: new Date(Date.now() + 3600_000).toISOString(),
    }),
    repository: ({ owner, name }: { owner: string; name: string }) => {
      if (`${owner}/${name}` !== ENHANCEMENTS) {
        throw new GraphQLError(`Could not resolve to a Repository with the name '${owner}/${name}'.`, {
          extensions: { type: "NOT_FOUND" },
        });
      }
      const issues = world.issues.filter((i) => !i.pullRequest);
      return {
        issues: (args: { first?: number; after?: string; filterBy?: { since?: string } }) => {
          const since = args.filterBy?.since;
          const list = issues
            .filter((i) => !since || i.updatedAt >= since)
            .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.number - b.number));
          return connection(list, args, issueNode);
        },
        issue: ({ number }: { number: number }) => {
          const found = issues.find((i) => i.number === number);
          if (!found) {
            throw new GraphQLError(`Could not resolve to an Issue with the number of ${number}.`, {
              extensions: { type: "NOT_FOUND" },
            });
          }
          return issueNode(found);
        },
        object: () => ({
          __typename: "Commit",
          history: ({ path }: { path?: string }) => {
            const commit = path ? world.commits.get(path) : undefined;
            return connection(commit ? [commit] : [], { first: 1 }, (c) => ({
              oid: c.oid,
              committedDate: c.committedDate,
              associatedPullRequests: () => ({ nodes: c.mergeCommit ? [{ mergeCommit: c.mergeCommit }] : [] }),
            }));
          },
        }),
      };
    },
    organization: ({ login }: { login: string }) => {
      if (login !== "kubernetes") return null;
      return {
        projectsV2: (args: { first?: number; query?: string }) => {
          const words = (args.query ?? "").toLowerCase().split(/\s+/).filter(Boolean);
          const found = world.projects.filter((p) => words.every((w) => p.title.toLowerCase().includes(w)));
          return connection(found, { first: args.first }, projectNode);
        },
        projectV2: ({ number }: { number: number }) => {
          const project = world.projects.find((p) => p.number === number);
          return project ? projectNode(project) : null;
        },
      };
    },
  };

  /** What the "partial" and "stuck-cursor" faults do to a real answer. */
  const spoil = (data: Record<string, unknown> | null, variables: Record<string, unknown>, fault: Fault | null) => {
    const repository = data?.repository as Record<string, unknown> | undefined;
    const issues = repository?.issues as
      | { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
      | undefined;
    if (fault?.kind === "stuck-cursor" && issues) {
      issues.pageInfo = {
        ...issues.pageInfo,
        hasNextPage: true,
        endCursor: typeof variables.after === "string" ? variables.after : issues.pageInfo.endCursor,
      };
    }
    if (fault?.kind === "partial" && issues) {
      const index = issues.nodes.findIndex((n) => (n as { number?: number } | null)?.number === 753);
      const at = index === -1 ? 0 : index;
      issues.nodes[at] = null;
      return [
        {
          type: "NOT_FOUND",
          path: ["repository", "issues", "nodes", at],
          locations: [{ line: 5, column: 7 }],
          message: "Could not resolve to a node with the global id of 'I_753'.",
        },
      ];
    }
    return [];
  };

  const handleGraphql = (body: string, response: ServerResponse, fault: Fault | null = null): number => {
    let payload: { query?: string; variables?: Record<string, unknown> };
    try {
      payload = JSON.parse(body);
    } catch {
      return send(response, 400, restError("Problems parsing JSON"));
    }
    let document: DocumentNode;
    try {
      document = parse(payload.query ?? "");
    } catch (error) {
      return send(response, 200, { errors: [{ message: (error as Error).message }] }, rateHeaders("graphql"));
    }
    const schema = githubGraphqlSchema();
    const invalid = validate(schema, document);
    if (invalid.length > 0) {
      return send(
        response,
        200,
        { errors: invalid.map((e) => ({ message: e.message, locations: e.locations })) },
        rateHeaders("graphql"),
      );
    }
    if (!options.projectScope && /projectsV2|projectV2/.test(payload.query ?? "")) {
      return send(
        response,
        200,
        {
          errors: [
            {
              type: "INSUFFICIENT_SCOPES",
              locations: [{ line: 4, column: 3 }],
              message:
                "Your token has not been granted the required scopes to execute this query. The 'projectsV2' field requires one of the following scopes: ['read:project'], but your token has only been granted the: [''] scopes. Please modify your token's scopes at: https://github.com/settings/tokens.",
            },
          ],
        },
        rateHeaders("graphql"),
      );
    }
    const variables = payload.variables ?? {};
    const cost = estimateCost(document, variables);
    const result = execute({
      schema,
      document,
      rootValue: graphqlRoot,
      contextValue: { cost },
      variableValues: variables,
    });
    if (result instanceof Promise) throw new Error("resolvers are synchronous");
    points.graphql += cost;
    const data = (result.data ?? null) as Record<string, unknown> | null;
    const spoiled = spoil(data, variables, fault);
    const real = result.errors?.map((e) => ({
      type: typeof e.extensions.type === "string" ? e.extensions.type : undefined,
      path: e.path,
      locations: e.locations,
      message: e.message,
    }));
    const errors = real || spoiled.length ? [...(real ?? []), ...spoiled] : undefined;
    return send(response, 200, { data, ...(errors ? { errors } : {}) }, rateHeaders("graphql"));
  };

  const route = (request: IncomingMessage, body: string, response: ServerResponse, fault: Fault | null): number => {
    const parsed = new URL(request.url ?? "/", url);
    const method = request.method ?? "GET";
    const codeload = /^\/_codeload\/([^/]+\/[^/]+)\/legacy\.tar\.gz\/([0-9a-f]{40})$/.exec(parsed.pathname);
    if (method === "GET" && codeload) {
      const [, repo = "", ref] = codeload;
      const tree = world.trees[repo];
      let bytes = tree?.commit === ref ? tarball(repo) : null;
      if (bytes && tree && fault?.kind === "wrong-commit") {
        bytes = githubTarball(repo, createHash("sha1").update(`other than ${ref}`).digest("hex"), tree.files);
      }
      if (!bytes) return send(response, 404, restError("Not Found"));
      const sent = fault?.kind === "truncate" ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes;
      response.writeHead(200, { "content-type": "application/x-gzip", "content-length": String(sent.length) });
      response.end(sent);
      return 200;
    }
    const authorization = request.headers.authorization ?? "";
    const token = /^(?:token|bearer) (.+)$/i.exec(authorization)?.[1];
    if (token !== undefined && token !== options.token) return send(response, 401, restError("Bad credentials"));
    if (method === "POST" && parsed.pathname === "/graphql") {
      if (token === undefined) return send(response, 401, restError("This endpoint requires you to be authenticated."));
      return handleGraphql(body, response, fault);
    }
    const issuesRoute = /^\/repos\/([^/]+\/[^/]+)\/issues$/.exec(parsed.pathname);
    if (method === "GET" && issuesRoute?.[1] === ENHANCEMENTS) {
      const since = parsed.searchParams.get("since");
      const perPage = Math.min(100, Number(parsed.searchParams.get("per_page") ?? 30));
      const page = Math.max(1, Number(parsed.searchParams.get("page") ?? 1));
      const descending = parsed.searchParams.get("direction") !== "asc";
      const list = world.issues
        .filter((i) => !since || i.updatedAt >= since)
        .sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.number - b.number));
      if (descending) list.reverse();
      // The faulty server ignores `since` and the page number: every page is full of the same issues.
      const slice =
        fault?.kind === "full-pages"
          ? Array.from({ length: perPage }, (_, i) => world.issues[i % world.issues.length]).filter(
              (i) => i !== undefined,
            )
          : list.slice((page - 1) * perPage, page * perPage);
      const base = new URL(parsed.href);
      const links: string[] = [];
      if (page * perPage < list.length) {
        base.searchParams.set("page", String(page + 1));
        links.push(`<${base.href}>; rel="next"`);
      }
      return sendJson(
        request,
        response,
        slice.map((issue) => restIssue(url, ENHANCEMENTS, issue)),
        links.length ? { link: links.join(", ") } : {},
      );
    }
    const branchRoute = /^\/repos\/([^/]+\/[^/]+)\/branches\/([^/]+)$/.exec(parsed.pathname);
    if (method === "GET" && branchRoute) {
      const [, repo = "", branch = ""] = branchRoute;
      const tree = world.trees[repo];
      if (!tree || branch !== "master") return send(response, 404, restError("Branch not found"), rateHeaders("core"));
      return sendJson(request, response, restBranch(url, repo, branch, { sha: tree.commit, date: tree.date }));
    }
    const tarballRoute = /^\/repos\/([^/]+\/[^/]+)\/tarball\/([^/]+)$/.exec(parsed.pathname);
    if (method === "GET" && tarballRoute) {
      const [, repo = "", ref = ""] = tarballRoute;
      const tree = world.trees[repo];
      if (!tree || (ref !== tree.commit && ref !== "master"))
        return send(response, 404, restError("Not Found"), rateHeaders("core"));
      points.rest++;
      const codeloadRoot = fault?.kind === "redirect-http" ? "http://codeload.example.invalid" : url;
      response.writeHead(302, {
        location: `${codeloadRoot}/_codeload/${repo}/legacy.tar.gz/${tree.commit}`,
        ...rateHeaders("core"),
      });
      response.end();
      return 302;
    }
    return send(response, 404, restError("Not Found"));
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const path = new URL(request.url ?? "/", "http://fake").pathname;
      let key = `${request.method} ${path}`;
      if (path === "/graphql") key += ` ${/query\s+(\w+)/.exec(body)?.[1] ?? ""}`;
      const fault = faults.find((f) => f.times > 0 && f.route.test(key)) ?? null;
      if (fault) fault.times--;
      let status = fault ? applyFault(fault, response, request) : -1;
      // Faults that spoil a real answer (-1) go through the routes.
      if (status === -1) status = route(request, body, response, fault);
      requests.push({ key, status });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    world,
    requests,
    points,
    faults,
    resetCounters() {
      requests.length = 0;
      points.rest = 0;
      points.graphql = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
