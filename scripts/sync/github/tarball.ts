/**
 * GitHub's repository tarball (`GET /repos/{owner}/{repo}/tarball/{ref}`): one request for a
 * whole tree instead of one contents call per file. A small reader for the ustar/pax archives
 * GitHub writes (top folder `<owner>-<repo>-<sha>/`); a cut-off download is an error, never a
 * silently shorter tree.
 */
import { gunzipSync } from "node:zlib";
import { type GithubClient, GithubSyncError } from "./client.ts";

/** A tarball that cannot be read in full. */
export class TarballError extends Error {
  override name = "TarballError";
}

const BLOCK = 512;

/** Reads a NUL-terminated field of a header block. */
function field(block: Uint8Array, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return Buffer.from(end === -1 ? slice : slice.subarray(0, end)).toString("utf8");
}

/** Octal size field (GitHub never needs the base-256 form: no file is 8 GiB). */
function octal(block: Uint8Array, offset: number, length: number): number {
  const text = field(block, offset, length).trim();
  if (!/^[0-7]*$/.test(text)) throw new TarballError(`bad octal field "${text}"`);
  return text ? Number.parseInt(text, 8) : 0;
}

/** Key=value records of a pax header ("<len> key=value\n"). */
function paxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const text = Buffer.from(data).toString("utf8");
  let at = 0;
  while (at < text.length) {
    const space = text.indexOf(" ", at);
    const length = Number(text.slice(at, space));
    if (space === -1 || !Number.isInteger(length) || length <= 0) break;
    const record = text.slice(space + 1, at + length - 1);
    const eq = record.indexOf("=");
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

/** Regular files of a tar archive, by path, with the global pax comment (GitHub puts the commit there). */
export function readTar(archive: Uint8Array): { files: Map<string, Buffer>; comment: string | null } {
  const files = new Map<string, Buffer>();
  let comment: string | null = null;
  let nextPath: string | null = null;
  let at = 0;
  while (true) {
    if (at + BLOCK > archive.length) throw new TarballError("archive ends inside a header (truncated)");
    const header = archive.subarray(at, at + BLOCK);
    if (header.every((byte) => byte === 0)) return { files, comment };
    const sum = octal(header, 148, 8);
    let computed = 0;
    for (let i = 0; i < BLOCK; i++) computed += i >= 148 && i < 156 ? 32 : (header[i] ?? 0);
    if (sum !== computed) throw new TarballError(`bad header checksum at byte ${at}`);
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const start = at + BLOCK;
    if (start + size > archive.length) throw new TarballError("archive ends inside a file (truncated)");
    const data = archive.subarray(start, start + size);
    at = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "g") {
      comment = paxRecords(data).get("comment") ?? comment;
      continue;
    }
    if (type === "x") {
      nextPath = paxRecords(data).get("path") ?? null;
      continue;
    }
    if (type === "L") {
      nextPath = field(data, 0, data.length);
      continue;
    }
    const prefix = field(header, 345, 155);
    const name = nextPath ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    nextPath = null;
    if (type === "0" || type === "\0") files.set(name, Buffer.from(data));
  }
}

/**
 * Unpacks a GitHub tarball: gunzip, read, strip the top folder, keep the paths `accept` wants.
 * Throws TarballError for a truncated or corrupt archive.
 */
export function readGithubTarball(
  gzipped: Uint8Array,
  accept: (path: string) => boolean,
): { files: Map<string, Buffer>; commit: string | null } {
  if (gzipped.length === 0) throw new TarballError("the download was empty (connection cut)");
  let archive: Buffer;
  try {
    archive = gunzipSync(gzipped);
  } catch (error) {
    throw new TarballError(`cannot gunzip (${(error as Error).message}): the download was truncated or corrupt`);
  }
  const { files, comment } = readTar(archive);
  const kept = new Map<string, Buffer>();
  for (const [name, data] of files) {
    const slash = name.indexOf("/");
    if (slash === -1) continue;
    const inner = name.slice(slash + 1);
    if (inner && accept(inner)) kept.set(inner, data);
  }
  return { files: kept, commit: comment && /^[0-9a-f]{40}$/.test(comment) ? comment : null };
}

/** Downloads and unpacks a repository at a commit; a truncated download is fetched once more, then fails. */
export async function fetchTarball(
  client: GithubClient,
  repo: string,
  commit: string,
  accept: (path: string) => boolean,
): Promise<Map<string, Buffer>> {
  let lastError: TarballError | null = null;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const bytes = await client.getBinary(`/repos/${repo}/tarball/${commit}`);
    try {
      return readGithubTarball(bytes, accept).files;
    } catch (error) {
      if (!(error instanceof TarballError)) throw error;
      lastError = error;
    }
  }
  throw new GithubSyncError(
    `the tarball of ${repo} at ${commit.slice(0, 12)} could not be read twice: ${lastError?.message}`,
    "Run the same command again; if it keeps failing, something on the way (a proxy, an unstable connection) cuts the download short.",
  );
}
