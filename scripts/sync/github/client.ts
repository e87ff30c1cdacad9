/**
 * The one door to GitHub: an Octokit with its own throttling and retry plugins, bounded so
 * a sync never waits longer than it should, a fetch that counts every HTTP request and reads
 * the rate-limit headers, and errors turned into messages that say what failed and what to do.
 * The token lives only inside Octokit's auth hook: nothing here prints or stores it.
 */
import { Octokit, RequestError } from "octokit";
import { z } from "zod";
import {
  createGuardedFetch,
  DEFAULT_TRANSPORT_LIMITS,
  isAllowedUrl,
  TransferRefused,
  TransferTimeout,
  type TransportLimits,
} from "./transport.ts";

/** How to reach GitHub. */
export interface ClientOptions {
  token: string;
  /** REST root: https://api.github.com, or https://<host>/api/v3 for GitHub Enterprise. */
  apiUrl: string;
  /** Milliseconds per second of any wait GitHub or the retry policy asks for (1000; tests use 1). */
  retryUnitMs?: number;
  /** Longest rate-limit wait the sync sits through before giving up, in seconds. */
  maxWaitSeconds?: number;
  /** Timeouts and size limits of every exchange (defaults: DEFAULT_TRANSPORT_LIMITS). */
  limits?: Partial<TransportLimits>;
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
  /**
   * Runs a GraphQL query; returns the validated data and the errors `expected` accepts (NOT_FOUND
   * for a gone issue). A partial answer with any other error is asked for again, then fails.
   */
  graphql<T>(
    query: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
    expected?: (issue: GraphqlIssue) => boolean,
  ): Promise<{ data: T; errors: GraphqlIssue[] }>;
}

/** Attempts for a GraphQL answer that came back partial (data plus unexpected errors). */
const PARTIAL_ATTEMPTS = 3;

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

/**
 * Checks a token before it goes into a header: GitHub tokens are short runs of letters, digits
 * and `_` (classic `ghp_…`, fine-grained `github_pat_…`, app `ghs_…`, or 40 hex digits). A
 * newline or space means it was pasted with something else; the message never repeats it.
 */
export function validateToken(token: string): GithubSyncError | null {
  const hint =
    "Set GITHUB_TOKEN to the token alone: no quotes, spaces or line breaks (a token read from a file often carries a newline in the middle when two lines were pasted).";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  if (/[\s\u0000-\u001F\u007F-\u009F]/.test(token)) {
    return new GithubSyncError("GITHUB_TOKEN contains whitespace or control characters (it is not shown here)", hint);
  }
  if (!/^[A-Za-z0-9_.-]{8,255}$/.test(token)) {
    return new GithubSyncError(
      "GITHUB_TOKEN does not look like a GitHub token: expected 8 to 255 letters, digits, '_', '-' or '.' (it is not shown here)",
      hint,
    );
  }
  return null;
}

/** Creates the client; makes no request. Throws GithubSyncError for an unusable token or API URL. */
export function createGithubClient(options: ClientOptions): GithubClient {
  const unit = options.retryUnitMs ?? 1000;
  const maxWait = options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS;
  const limits: TransportLimits = { ...DEFAULT_TRANSPORT_LIMITS, ...options.limits };
  const log = options.log ?? (() => {});
  const apiUrl = options.apiUrl.replace(/\/+$/, "");
  const invalid = validateToken(options.token);
  if (invalid) throw invalid;
  let api: URL;
  try {
    api = new URL(apiUrl);
  } catch {
    throw new GithubSyncError(`--api-url is not a URL: ${apiUrl}`, "Give the API root, e.g. https://api.github.com.");
  }
  if (!isAllowedUrl(api, api)) {
    throw new GithubSyncError(
      `--api-url must use https (got ${api.protocol}//${api.host}): the token would travel in cleartext`,
      "Use https://api.github.com or https://<host>/api/v3; plain http is accepted only for a test server on 127.0.0.1.",
    );
  }
  const stats: RequestStats = { requests: 0, notModified: 0, restPoints: 0, graphqlPoints: 0, remaining: {} };
  let firstDate: Date | null = null;

  const countingFetch = createGuardedFetch(apiUrl, limits, (url, response) => {
    // Every hop counts: the tarball answer is a redirect to codeload, two HTTP requests.
    stats.requests++;
    const date = response.headers.get("date");
    if (firstDate === null && date) firstDate = new Date(date);
    const resource = response.headers.get("x-ratelimit-resource");
    const remaining = response.headers.get("x-ratelimit-remaining");
    if (resource && remaining !== null && /^\d+$/.test(remaining)) stats.remaining[resource] = Number(remaining);
    if (response.status === 304) stats.notModified++;
    else if (!url.endsWith("/graphql") && url.startsWith(apiUrl)) stats.restPoints++;
  });

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
    const explained = explainError(error, what);
    // Defence in depth: whatever a library put in its message, the token never leaves.
    if (explained.message.includes(options.token) || explained.hint.includes(options.token)) {
      throw new GithubSyncError(
        explained.message.split(options.token).join("***"),
        explained.hint.split(options.token).join("***"),
      );
    }
    throw explained;
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

    async graphql(query, variables, schema, expected = () => false) {
      const name = /query\s+(\w+)/.exec(query)?.[1] ?? "query";
      const what = `GraphQL ${name}`;
      for (let attempt = 1; ; attempt++) {
        let body: unknown;
        try {
          const response = await octokit.request({ method: "POST", url: graphqlUrl(apiUrl), query, variables });
          body = response.data;
        } catch (error) {
          return fail(error, what);
        }
        const envelope = parseBody(GraphqlEnvelopeSchema, body, what);
        const errors: GraphqlIssue[] = envelope.errors ?? [];
        const data = envelope.data;
        if (data !== undefined && data !== null) {
          const cost = (data as { rateLimit?: { cost?: unknown } }).rateLimit?.cost;
          if (typeof cost === "number") stats.graphqlPoints += cost;
        }
        const limited = errors.find((e) => e.type === "RATE_LIMITED");
        if (limited) return fail(graphqlRateLimited(what, limited, data, {}), what);
        if (data === undefined || data === null) {
          const first = errors[0];
          throw new GithubSyncError(
            `${what} failed: ${first ? describeGraphqlIssue(first) : "GitHub sent no data"}`,
            RESUME_HINT,
          );
        }
        const unexpected = errors.filter((e) => !expected(e));
        if (unexpected.length === 0) return { data: parseBody(schema, data, what), errors };
        // A partial answer (data with holes plus errors) is often a passing fault: ask again, never keep the holes.
        const first = unexpected[0] as GraphqlIssue;
        if (attempt >= PARTIAL_ATTEMPTS) {
          throw new GithubSyncError(
            `${what}: GitHub answered only in part ${PARTIAL_ATTEMPTS} times (${describeGraphqlIssue(first)}${
              unexpected.length > 1 ? ` and ${unexpected.length - 1} more errors` : ""
            }); nothing of it was kept`,
            RESUME_HINT,
          );
        }
        log(`${what}: partial answer (${describeGraphqlIssue(first)}); asking again`);
        await new Promise((resolve) => setTimeout(resolve, attempt * attempt * unit));
      }
    },
  };
}

/** "NOT_FOUND at repository.issues.nodes.3: Could not resolve …" */
function describeGraphqlIssue(issue: GraphqlIssue): string {
  const where = issue.path?.length ? ` at ${issue.path.join(".")}` : "";
  return `${issue.type ?? "error"}${where}: ${issue.message.slice(0, 200)}`;
}

/**
 * GraphQL's RATE_LIMITED error as a failure that says when the limit resets: from the
 * x-ratelimit-reset header GitHub sends with it, else from the query's rateLimit { resetAt }.
 */
function graphqlRateLimited(
  what: string,
  issue: GraphqlIssue,
  data: unknown,
  headers: Record<string, unknown>,
): GithubSyncError {
  const reset = Number(headers["x-ratelimit-reset"]);
  const resetAt = (data as { rateLimit?: { resetAt?: unknown } } | null | undefined)?.rateLimit?.resetAt;
  const when =
    Number.isFinite(reset) && reset > 0
      ? isoSeconds(new Date(reset * 1000))
      : typeof resetAt === "string" && !Number.isNaN(Date.parse(resetAt))
        ? isoSeconds(new Date(resetAt))
        : null;
  return rateLimitError(what, `RATE_LIMITED: ${issue.message.slice(0, 120)}`, when);
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The failure for a used-up limit, with the reset time when GitHub gave one. */
function rateLimitError(what: string, detail: string, when: string | null): GithubSyncError {
  return new GithubSyncError(
    `${what}: GitHub's rate limit is used up (${detail}${when ? `; it resets at ${when}` : ""})`,
    `${RESUME_HINT} Wait for the reset${when ? ` (${when})` : ""} first.`,
  );
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
  if (error instanceof TransferRefused) {
    return new GithubSyncError(
      `${what}: ${error.message}`,
      "This is not a passing fault: check --api-url, and whether a proxy rewrites GitHub's answers.",
    );
  }
  const limited = graphqlRateLimitedOf(error);
  if (limited) return graphqlRateLimited(what, limited.issue, limited.data, limited.headers);
  if (!(error instanceof RequestError)) {
    const message = error instanceof Error ? error.message : String(error);
    return new GithubSyncError(`${what} failed: ${message}`, RESUME_HINT);
  }
  const attempts = 1 + Number(error.request.request?.retryCount ?? 0);
  if (error.cause instanceof TransferTimeout) {
    return new GithubSyncError(
      `${what}: GitHub timed out: ${error.cause.message}, after ${attempts} attempts`,
      `${RESUME_HINT} If it repeats, GitHub or the network in between is stalling.`,
    );
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
    const when = Number.isFinite(reset) && reset > 0 ? isoSeconds(new Date(reset * 1000)) : null;
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
      `${what}: the connection to GitHub failed (${error.message}) after ${attempts} attempts`,
      RESUME_HINT,
    );
  }
  return new GithubSyncError(
    `${what}: GitHub answered ${error.status} (${error.message.replace(/ - https?:\S+$/, "").slice(0, 120)}) after retries`,
    RESUME_HINT,
  );
}

/** The throttling plugin's own error for a RATE_LIMITED answer it gave up waiting for. */
function graphqlRateLimitedOf(
  error: unknown,
): { issue: GraphqlIssue; data: unknown; headers: Record<string, unknown> } | null {
  const response = (error as { response?: { data?: unknown; headers?: Record<string, unknown> } } | null)?.response;
  const envelope = GraphqlEnvelopeSchema.safeParse(response?.data);
  const issue = envelope.success ? envelope.data.errors?.find((e) => e.type === "RATE_LIMITED") : undefined;
  if (!issue) return null;
  return { issue, data: envelope.success ? envelope.data.data : null, headers: response?.headers ?? {} };
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
