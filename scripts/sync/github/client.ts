/**
 * The one door to GitHub: an Octokit with its own throttling and retry plugins, bounded so
 * a sync never waits longer than it should, a fetch that counts every HTTP request and reads
 * the rate-limit headers, and errors turned into messages that say what failed and what to do.
 * The token lives only inside Octokit's auth hook: nothing here prints or stores it.
 */
import { Octokit, RequestError } from "octokit";
import { z } from "zod";

/** How to reach GitHub. */
export interface ClientOptions {
  token: string;
  /** REST root: https://api.github.com, or https://<host>/api/v3 for GitHub Enterprise. */
  apiUrl: string;
  /** Milliseconds per second of any wait GitHub or the retry policy asks for (1000; tests use 1). */
  retryUnitMs?: number;
  /** Longest rate-limit wait the sync sits through before giving up, in seconds. */
  maxWaitSeconds?: number;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
  /** Where retry notices go (a progress line). */
  log?: (line: string) => void;
}

/** What the sync spent. */
export interface RequestStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Conditional requests answered 304: free against the primary rate limit. */
  notModified: number;
  /** REST requests that count against the primary (core) limit. */
  restPoints: number;
  /** GraphQL points, from each query's rateLimit { cost }. */
  graphqlPoints: number;
  /** Latest x-ratelimit-remaining per resource (core, graphql). */
  remaining: Record<string, number>;
}

/** A failure the user can act on: `message` says what failed, `hint` what to do next. */
export class GithubSyncError extends Error {
  override name = "GithubSyncError";
  hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.hint = hint;
  }
}

/** A GET answered either with data and its ETag, or 304 Not Modified. */
export type Conditional<T> = { notModified: true } | { notModified: false; data: T; etag: string | null };

/** One GraphQL error as GitHub words it. */
export interface GraphqlIssue {
  type?: string | undefined;
  message: string;
  path?: (string | number)[] | undefined;
}

/** The client the readers use. */
export interface GithubClient {
  readonly stats: RequestStats;
  /** Server time from the first response's Date header (local time before any response). */
  serverNow(): Date;
  /** GET a JSON resource, conditionally when an ETag is given; validates the body. */
  getJson<T>(
    path: string,
    query: Record<string, string>,
    etag: string | null,
    schema: z.ZodType<T>,
  ): Promise<Conditional<T>>;
  /** GET a binary resource (a tarball), following GitHub's redirect to codeload. */
  getBinary(path: string): Promise<Uint8Array>;
  /** Runs a GraphQL query; returns the validated data and any partial errors (NOT_FOUND for a gone issue). */
  graphql<T>(
    query: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
  ): Promise<{ data: T; errors: GraphqlIssue[] }>;
}

const DEFAULT_MAX_WAIT_SECONDS = 15 * 60;
/** Rate-limit retries per request; a third 403/429 in a row means the limit will not clear soon. */
const LIMIT_RETRIES = 2;

const GraphqlEnvelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(
      z.looseObject({
        type: z.string().optional(),
        message: z.string(),
        path: z.array(z.union([z.string(), z.number()])).optional(),
      }),
    )
    .optional(),
});

/** GraphQL lives beside the REST root: /graphql on github.com, /api/graphql on Enterprise. */
export function graphqlUrl(apiUrl: string): string {
  return `${apiUrl.replace(/\/+$/, "").replace(/\/api\/v3$/, "/api")}/graphql`;
}

/** Creates the client; makes no request. */
export function createGithubClient(options: ClientOptions): GithubClient {
  const unit = options.retryUnitMs ?? 1000;
  const maxWait = options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const log = options.log ?? (() => {});
  const apiUrl = options.apiUrl.replace(/\/+$/, "");
  const stats: RequestStats = { requests: 0, notModified: 0, restPoints: 0, graphqlPoints: 0, remaining: {} };
  let firstDate: Date | null = null;

  const countingFetch: typeof fetch = async (input, init) => {
    stats.requests++;
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const response = await fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
    // The tarball answer is a redirect to codeload that fetch follows: two HTTP requests.
    if (response.redirected) stats.requests++;
    const date = response.headers.get("date");
    if (firstDate === null && date) firstDate = new Date(date);
    const resource = response.headers.get("x-ratelimit-resource");
    const remaining = response.headers.get("x-ratelimit-remaining");
    if (resource && remaining !== null && /^\d+$/.test(remaining)) stats.remaining[resource] = Number(remaining);
    if (response.status === 304) stats.notModified++;
    else if (!url.endsWith("/graphql") && url.startsWith(apiUrl)) stats.restPoints++;
    return response;
  };

  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      if (retryCount >= LIMIT_RETRIES || retryAfter > maxWait) return false;
      log(`GitHub ${kind} rate limit on ${request.method} ${shortUrl(request.url)}: retrying in ${retryAfter} s`);
      return true;
    };

  const octokit = new Octokit({
    auth: options.token,
    baseUrl: apiUrl,
    userAgent: "kep-radar-sync",
    request: { fetch: countingFetch },
    log: { debug: () => {}, info: () => {}, warn: (message: string) => log(message), error: () => {} },
    throttle: {
      onRateLimit: onLimit("primary"),
      onSecondaryRateLimit: onLimit("secondary"),
      retryAfterBaseValue: unit,
      fallbackSecondaryRateRetryAfter: 60,
      ...(unit === 1000 ? {} : { write: spacedGroup(unit) }),
    },
    // 429 is the throttling plugin's: retrying it here too would double the waits.
    retry: { retries: 3, retryAfterBaseValue: unit, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
  });

  const fail = (error: unknown, what: string): never => {
    throw explainError(error, what);
  };

  return {
    stats,
    serverNow: () => firstDate ?? new Date(),

    async getJson(path, query, etag, schema) {
      const what = `GET ${path}`;
      let response: { data: unknown; headers: Record<string, string | number | undefined> };
      try {
        response = await octokit.request(`GET ${path}`, {
          ...query,
          headers: etag ? { "if-none-match": etag } : {},
        });
      } catch (error) {
        if (error instanceof RequestError && error.status === 304) return { notModified: true };
        return fail(error, what);
      }
      const data = parseBody(schema, response.data, what);
      const tag = response.headers.etag;
      return { notModified: false, data, etag: typeof tag === "string" ? tag : null };
    },

    async getBinary(path) {
      const what = `GET ${path}`;
      try {
        const response = await octokit.request(`GET ${path}`, { request: { parseSuccessResponseBody: true } });
        const data: unknown = response.data;
        if (data instanceof ArrayBuffer) return new Uint8Array(data);
        if (typeof data === "string") return new Uint8Array(Buffer.from(data, "latin1"));
        throw new GithubSyncError(`${what}: GitHub sent no archive`, RESUME_HINT);
      } catch (error) {
        return fail(error, what);
      }
    },

    async graphql(query, variables, schema) {
      const name = /query\s+(\w+)/.exec(query)?.[1] ?? "query";
      const what = `GraphQL ${name}`;
      let body: unknown;
      try {
        const response = await octokit.request({ method: "POST", url: graphqlUrl(apiUrl), query, variables });
        body = response.data;
      } catch (error) {
        return fail(error, what);
      }
      const envelope = parseBody(GraphqlEnvelopeSchema, body, what);
      const errors: GraphqlIssue[] = envelope.errors ?? [];
      if (envelope.data === undefined || envelope.data === null) {
        const first = errors[0];
        throw new GithubSyncError(
          `${what} failed: ${first ? `${first.type ?? "error"}: ${first.message}` : "GitHub sent no data"}`,
          RESUME_HINT,
        );
      }
      const data = parseBody(schema, envelope.data, what);
      const cost = (envelope.data as { rateLimit?: { cost?: unknown } }).rateLimit?.cost;
      if (typeof cost === "number") stats.graphqlPoints += cost;
      return { data, errors };
    },
  };
}

const RESUME_HINT =
  "To resume, run the same command again: what was already fetched is cached and is not fetched twice.";

/** Validates a response body; a body that is not what GitHub documents is a failed request, not a crash. */
function parseBody<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  if (typeof body === "string") {
    throw new GithubSyncError(
      `${what}: GitHub sent malformed JSON (${JSON.stringify(body.slice(0, 60))}…)`,
      `${RESUME_HINT} If it repeats, GitHub or a proxy in between is sending broken responses.`,
    );
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "(root)";
  throw new GithubSyncError(
    `${what}: unexpected response shape at ${where}: ${issue?.message ?? "invalid"}`,
    `${RESUME_HINT} If it repeats, the API changed: please report it.`,
  );
}

/** "https://api.github.com/repos/a/b/issues?since=..." -> "/repos/a/b/issues". */
function shortUrl(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** Turns an Octokit failure into what the user needs to know. */
export function explainError(error: unknown, what: string): GithubSyncError {
  if (error instanceof GithubSyncError) return error;
  if (!(error instanceof RequestError)) {
    const message = error instanceof Error ? error.message : String(error);
    return new GithubSyncError(`${what} failed: ${message}`, RESUME_HINT);
  }
  const headers = error.response?.headers ?? {};
  const remaining = headers["x-ratelimit-remaining"];
  const reset = Number(headers["x-ratelimit-reset"]);
  if (error.status === 401) {
    return new GithubSyncError(
      `GitHub rejected the token (401 ${error.message.replace(/ - https?:\S+$/, "")}) on ${what}`,
      "Check GITHUB_TOKEN: it may be mistyped, expired or revoked. Any classic or fine-grained token that can read public repositories will do (add read:project to read the release board).",
    );
  }
  if (
    (error.status === 403 || error.status === 429) &&
    (String(remaining) === "0" || /rate limit/i.test(error.message))
  ) {
    const when =
      Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString().replace(/\.\d{3}Z$/, "Z") : null;
    const primary = String(remaining) === "0";
    return new GithubSyncError(
      `${what}: GitHub's ${primary ? "rate limit is used up" : "secondary rate limit stopped the sync"} (${error.status}${
        when ? `; it resets at ${when}` : ""
      })`,
      `${RESUME_HINT} Wait for the reset${when ? ` (${when})` : ""} first.`,
    );
  }
  if (error.status === 403 || error.status === 404) {
    return new GithubSyncError(
      `${what}: GitHub answered ${error.status} (${error.message.replace(/ - https?:\S+$/, "")})`,
      "Check that the repository exists on this --api-url and that the token may read it.",
    );
  }
  if (error.status >= 500 && !error.response) {
    // No response at all: the connection failed (reset, refused, timed out); Octokit reports it as 500.
    return new GithubSyncError(
      `${what}: the connection to GitHub failed (${error.message}) after ${
        1 + Number(error.request.request?.retryCount ?? 0)
      } attempts`,
      RESUME_HINT,
    );
  }
  return new GithubSyncError(
    `${what}: GitHub answered ${error.status} (${error.message.replace(/ - https?:\S+$/, "").slice(0, 120)}) after retries`,
    RESUME_HINT,
  );
}

/**
 * Stand-in for the throttling plugin's "write" limiter, which spaces GraphQL calls a second
 * apart: here the spacing follows the configured unit so tests do not sit through seconds.
 */
function spacedGroup(unitMs: number) {
  let last = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const limiter = {
    schedule: (_options: unknown, task: (...args: unknown[]) => unknown, ...args: unknown[]) => {
      const run = queue.then(async () => {
        const wait = last + unitMs - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        last = Date.now();
        return task(...args);
      });
      queue = run.catch(() => {});
      return run;
    },
  };
  type WriteGroup = NonNullable<NonNullable<ConstructorParameters<typeof Octokit>[0]>["throttle"]>["write"];
  // The plugin only calls write.key(id).schedule(options, task): the rest of Bottleneck.Group is unused.
  return { key: () => limiter } as unknown as WriteGroup;
}
