/**
 * The fetch under Octokit, with the bounds GitHub's own answers are held to: https only (plain
 * http only to a loopback test server), redirects followed by hand so each hop is checked and
 * counted, a connect timeout (until the headers), an idle timeout (between body bytes), a total
 * deadline, and a byte budget on every body, read here in full so a stalled or oversized answer
 * fails as what it is instead of reaching Octokit's parser as "malformed JSON".
 */

/** Bounds on every HTTP exchange. */
export interface TransportLimits {
  /** Longest wait for the response headers, in milliseconds. */
  connectTimeoutMs: number;
  /** Longest gap between two chunks of the body, in milliseconds. */
  idleTimeoutMs: number;
  /** Longest whole exchange (redirects and body included), in milliseconds. */
  totalTimeoutMs: number;
  /** Largest JSON body (a GraphQL page of 100 issues is about 1 MB). */
  maxJsonBytes: number;
  /** Largest other body (a repository tarball, still gzipped). */
  maxBinaryBytes: number;
  /** Redirects followed per request (GitHub sends one, to codeload). */
  maxRedirects: number;
}

const MIB = 1024 * 1024;

/** The bounds a real sync runs with. */
export const DEFAULT_TRANSPORT_LIMITS: TransportLimits = {
  connectTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  totalTimeoutMs: 10 * 60_000,
  maxJsonBytes: 64 * MIB,
  maxBinaryBytes: 512 * MIB,
  maxRedirects: 5,
};

/** A transfer refused on purpose (insecure URL, oversized body): retrying cannot help. */
export class TransferRefused extends Error {
  // Octokit's fetch wrapper passes an AbortError through untouched (and unretried); any other
  // error becomes a 500 that the retry plugin repeats. A refusal is an abort, so it is named one.
  override name = "AbortError";
}

/** A timeout (no headers, no bytes, too long overall): worth a retry, reported as a timeout. */
export class TransferTimeout extends Error {
  override name = "TransferTimeout";
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** https anywhere; plain http only to a loopback host, and only when the API itself is served that way (tests). */
export function isAllowedUrl(target: URL, apiUrl: URL): boolean {
  if (target.protocol === "https:") return true;
  return (
    target.protocol === "http:" &&
    apiUrl.protocol === "http:" &&
    LOOPBACK.has(apiUrl.hostname) &&
    LOOPBACK.has(target.hostname)
  );
}

/** "12.5 MiB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MIB) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${(bytes / MIB).toFixed(bytes < 10 * MIB ? 1 : 0)} MiB`;
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/** Where the URL points, without its query (which may carry signed parameters). */
function shown(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** Calls `onResponse` for every HTTP response, redirect hops included. */
export type ResponseHook = (url: string, response: Response) => void;

/**
 * A fetch for Octokit that enforces `limits` and allows only URLs `isAllowedUrl` accepts
 * relative to `apiUrl`. Bodies are read in full here; the returned Response holds the bytes.
 */
export function createGuardedFetch(apiUrl: string, limits: TransportLimits, onResponse: ResponseHook): typeof fetch {
  const api = new URL(apiUrl);
  return async (input, init) => {
    let url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const controller = new AbortController();
    const outer = init?.signal;
    const onOuterAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) onOuterAbort();
    outer?.addEventListener("abort", onOuterAbort, { once: true });
    const total = setTimeout(
      () =>
        controller.abort(
          new TransferTimeout(`no complete answer within ${seconds(limits.totalTimeoutMs)} (total timeout)`),
        ),
      limits.totalTimeoutMs,
    );
    let headers = new Headers(init?.headers);
    try {
      for (let hop = 0; ; hop++) {
        if (!isAllowedUrl(url, api)) {
          throw new TransferRefused(
            `refused to ${hop === 0 ? "connect to" : "follow a redirect to"} ${shown(url)}: only https is allowed`,
          );
        }
        const connect = setTimeout(
          () =>
            controller.abort(
              new TransferTimeout(`no answer within ${seconds(limits.connectTimeoutMs)} (connect timeout)`),
            ),
          limits.connectTimeoutMs,
        );
        let response: Response;
        try {
          response = await fetch(url, { ...init, headers, redirect: "manual", signal: controller.signal });
        } catch (error) {
          throw controller.signal.aborted ? controller.signal.reason : error;
        } finally {
          clearTimeout(connect);
        }
        onResponse(url.href, response);
        const location = response.headers.get("location");
        if (!REDIRECTS.has(response.status) || location === null) {
          return await buffered(response, url, hop > 0, limits, controller);
        }
        await response.body?.cancel().catch(() => {});
        if (hop >= limits.maxRedirects) throw new TransferRefused(`more than ${limits.maxRedirects} redirects`);
        const next = new URL(location, url);
        // As browsers do: credentials never follow a redirect to another origin.
        if (next.origin !== url.origin) {
          headers = new Headers(headers);
          headers.delete("authorization");
        }
        url = next;
      }
    } finally {
      clearTimeout(total);
      outer?.removeEventListener("abort", onOuterAbort);
    }
  };
}

/** Reads the whole body within the byte budget and the idle timeout; a Response over the bytes. */
async function buffered(
  response: Response,
  url: URL,
  redirected: boolean,
  limits: TransportLimits,
  controller: AbortController,
): Promise<Response> {
  const json = /\bjson\b/i.test(response.headers.get("content-type") ?? "");
  const budget = json ? limits.maxJsonBytes : limits.maxBinaryBytes;
  const tooLarge = () =>
    new TransferRefused(
      `the answer from ${shown(url)} is larger than ${formatBytes(budget)} (size limit): refused instead of reading it all`,
    );
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > budget) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    const reader = response.body.getReader();
    while (true) {
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new TransferTimeout(
                `no data for ${seconds(limits.idleTimeoutMs)} while reading the answer (idle timeout; ${formatBytes(size)} received)`,
              ),
            ),
          limits.idleTimeoutMs,
        );
      });
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await Promise.race([reader.read(), idle]);
      } catch (error) {
        reader.cancel().catch(() => {});
        throw controller.signal.aborted ? controller.signal.reason : error;
      } finally {
        clearTimeout(timer);
      }
      if (chunk.done) break;
      size += chunk.value.length;
      if (size > budget) {
        reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(chunk.value);
    }
  }
  const nullBody = response.status === 204 || response.status === 205 || response.status === 304;
  const body = nullBody ? null : Buffer.concat(chunks);
  const copy = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(copy, "url", { value: url.href });
  Object.defineProperty(copy, "redirected", { value: redirected });
  return copy;
}
