/**
 * GitHub's repository tarball (`GET /repos/{owner}/{repo}/tarball/{ref}`): one request for a
 * whole tree instead of one contents call per file. A small streaming reader for the ustar/pax
 * archives GitHub writes (top folder `<owner>-<repo>-<sha>/`): it gunzips and parses chunk by
 * chunk within byte budgets, keeps only the files asked for, and checks the archive is of the
 * commit requested. A cut-off download is an error, never a silently shorter tree; an archive
 * over a budget (a gzip bomb) fails before it fills memory or the cache.
 */
import { createGunzip } from "node:zlib";
import { type GithubClient, GithubSyncError } from "./client.ts";
import { formatBytes } from "./transport.ts";

/** A tarball that cannot be read in full (worth downloading once more). */
export class TarballError extends Error {
  override name = "TarballError";
}

/** A tarball over a budget, or of the wrong commit: downloading it again cannot help. */
export class ArchiveRefused extends Error {
  override name = "ArchiveRefused";
}

/** Byte budgets of one archive. */
export interface ArchiveLimits {
  /** Everything gunzip produces, files left out included. */
  unpackedBytes: number;
  /** One kept file (the largest real one is a 300 dpi logo of a few MB). */
  fileBytes: number;
  /** All kept files together. */
  keptBytes: number;
}

const MIB = 1024 * 1024;

/** The budgets a real sync runs with: kubernetes/enhancements unpacks to well under 200 MB. */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  unpackedBytes: 1024 * MIB,
  fileBytes: 16 * MIB,
  keptBytes: 256 * MIB,
};

/** Pax and GNU long-name records are a few hundred bytes; anything larger is not GitHub's. */
const META_BYTES = MIB;

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

/** An entry whose data is being read. */
interface Entry {
  type: string;
  /** Path inside the archive, top folder included. */
  name: string;
  /** Data bytes still to come, then padding. */
  dataLeft: number;
  padLeft: number;
  /** Data kept so far, or null when the entry is skipped. */
  parts: Buffer[] | null;
}

/** What a streamed archive held. */
export interface ArchiveContents {
  /** Kept regular files by path below the top folder. */
  files: Map<string, Buffer>;
  /** The commit in the pax global header (GitHub writes it there), if any. */
  commit: string | null;
  /** The top folder every entry lives in, e.g. "kubernetes-enhancements-0123abc". */
  top: string | null;
}

/** A tar parser fed chunk by chunk; keeps only regular files `accept` wants, within `limits`. */
class TarStream {
  private header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  private entry: Entry | null = null;
  private nextPath: string | null = null;
  private unpacked = 0;
  private kept = 0;
  private offset = 0;
  /** True once the end-of-archive block was read. */
  done = false;
  readonly result: ArchiveContents = { files: new Map(), commit: null, top: null };
  private readonly accept: (path: string) => boolean;
  private readonly limits: ArchiveLimits;

  constructor(accept: (path: string) => boolean, limits: ArchiveLimits) {
    this.accept = accept;
    this.limits = limits;
  }

  push(chunk: Buffer): void {
    this.unpacked += chunk.length;
    if (this.unpacked > this.limits.unpackedBytes) {
      throw new ArchiveRefused(
        `it unpacks to more than ${formatBytes(this.limits.unpackedBytes)} (size limit; a gzip bomb or not a repository archive)`,
      );
    }
    let at = 0;
    while (at < chunk.length && !this.done) {
      const entry = this.entry;
      if (entry) {
        if (entry.dataLeft > 0) {
          const n = Math.min(entry.dataLeft, chunk.length - at);
          entry.parts?.push(Buffer.from(chunk.subarray(at, at + n)));
          entry.dataLeft -= n;
          at += n;
        } else {
          const n = Math.min(entry.padLeft, chunk.length - at);
          entry.padLeft -= n;
          at += n;
        }
        if (entry.dataLeft === 0 && entry.padLeft === 0) this.finish(entry);
        continue;
      }
      const n = Math.min(BLOCK - this.headerFill, chunk.length - at);
      chunk.copy(this.header, this.headerFill, at, at + n);
      this.headerFill += n;
      at += n;
      if (this.headerFill === BLOCK) {
        this.headerFill = 0;
        this.readHeader(this.header);
        this.offset += BLOCK;
      }
    }
  }

  /** Called at the end of the stream: an archive without its end block was cut short. */
  end(): ArchiveContents {
    if (this.done) return this.result;
    if (this.entry) throw new TarballError("archive ends inside a file (truncated)");
    throw new TarballError("archive ends inside a header (truncated)");
  }

  private readHeader(header: Buffer): void {
    if (header.every((byte) => byte === 0)) {
      this.done = true;
      return;
    }
    const sum = octal(header, 148, 8);
    let computed = 0;
    for (let i = 0; i < BLOCK; i++) computed += i >= 148 && i < 156 ? 32 : (header[i] ?? 0);
    if (sum !== computed) throw new TarballError(`bad header checksum at byte ${this.offset}`);
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = field(header, 345, 155);
    const name = this.nextPath ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    let keep = false;
    if (type === "g" || type === "x" || type === "L") {
      if (size > META_BYTES) throw new ArchiveRefused(`a ${formatBytes(size)} tar header record (not GitHub's)`);
      keep = true;
    } else {
      this.nextPath = null;
      const slash = name.indexOf("/");
      const top = slash === -1 ? name : name.slice(0, slash);
      // GitHub puts everything in one folder; an entry beside it is not part of the commit asked for.
      if (this.result.top === null) this.result.top = top;
      else if (top !== this.result.top)
        throw new ArchiveRefused(`an entry outside the top folder (${name.slice(0, 120)})`);
      const inner = slash === -1 ? "" : name.slice(slash + 1);
      if ((type === "0" || type === "\0") && inner && this.accept(inner)) {
        if (size > this.limits.fileBytes) {
          throw new ArchiveRefused(
            `${inner.slice(0, 200)} is ${formatBytes(size)} (over the ${formatBytes(this.limits.fileBytes)} limit for one file)`,
          );
        }
        this.kept += size;
        if (this.kept > this.limits.keptBytes) {
          throw new ArchiveRefused(`the files kept exceed ${formatBytes(this.limits.keptBytes)} (size limit)`);
        }
        keep = true;
      }
    }
    const entry: Entry = {
      type,
      name,
      dataLeft: size,
      padLeft: Math.ceil(size / BLOCK) * BLOCK - size,
      parts: keep ? [] : null,
    };
    this.offset += entry.dataLeft + entry.padLeft;
    if (size === 0) this.finish(entry);
    else this.entry = entry;
  }

  private finish(entry: Entry): void {
    this.entry = null;
    if (!entry.parts) return;
    const data = Buffer.concat(entry.parts);
    if (entry.type === "g") {
      this.result.commit = paxRecords(data).get("comment") ?? this.result.commit;
    } else if (entry.type === "x") {
      this.nextPath = paxRecords(data).get("path") ?? null;
    } else if (entry.type === "L") {
      this.nextPath = field(data, 0, data.length);
    } else {
      this.result.files.set(entry.name.slice(entry.name.indexOf("/") + 1), data);
    }
  }
}

/**
 * Unpacks a GitHub tarball: gunzip and read as a stream, strip the top folder, keep the paths
 * `accept` wants. Throws TarballError for a truncated or corrupt archive, ArchiveRefused for
 * one over `limits`.
 */
export async function readGithubTarball(
  gzipped: Uint8Array,
  accept: (path: string) => boolean,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<ArchiveContents> {
  if (gzipped.length === 0) throw new TarballError("the download was empty (connection cut)");
  const tar = new TarStream(accept, limits);
  const gunzip = createGunzip();
  gunzip.end(gzipped);
  try {
    for await (const chunk of gunzip) {
      tar.push(chunk as Buffer);
      if (tar.done) break;
    }
  } catch (error) {
    if (error instanceof TarballError || error instanceof ArchiveRefused) throw error;
    throw new TarballError(`cannot gunzip (${(error as Error).message}): the download was truncated or corrupt`);
  } finally {
    gunzip.destroy();
  }
  const contents = tar.end();
  const commit = contents.commit && /^[0-9a-f]{40}$/.test(contents.commit) ? contents.commit : null;
  return { ...contents, commit };
}

/**
 * Checks an archive is of the commit asked for: GitHub names the top folder
 * `<owner>-<repo>-<sha>` (at least 7 digits) and puts the full commit in the pax header.
 */
export function checkArchiveCommit(contents: Pick<ArchiveContents, "commit" | "top">, commit: string): string | null {
  const folder = /-([0-9a-f]{7,40})$/.exec(contents.top ?? "")?.[1];
  if (!folder) return `its top folder "${(contents.top ?? "").slice(0, 80)}" names no commit`;
  if (!commit.startsWith(folder)) return `its top folder is of commit ${folder}, not ${commit.slice(0, folder.length)}`;
  if (contents.commit !== null && contents.commit !== commit) {
    return `its header names commit ${contents.commit.slice(0, 12)}, not ${commit.slice(0, 12)}`;
  }
  return null;
}

/**
 * Downloads and unpacks a repository at a commit; a truncated download is fetched once more,
 * then fails. An archive over a budget or of another commit fails at once.
 */
export async function fetchTarball(
  client: GithubClient,
  repo: string,
  commit: string,
  accept: (path: string) => boolean,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<Map<string, Buffer>> {
  const what = `the tarball of ${repo} at ${commit.slice(0, 12)}`;
  let lastError: TarballError | null = null;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const bytes = await client.getBinary(`/repos/${repo}/tarball/${commit}`);
    let contents: ArchiveContents;
    try {
      contents = await readGithubTarball(bytes, accept, limits);
    } catch (error) {
      if (error instanceof ArchiveRefused) {
        throw new GithubSyncError(
          `${what} was refused: ${error.message}; nothing of it was kept`,
          "This is not a passing fault: the archive GitHub (or a proxy) sent is not a plausible repository tree. Report it if it repeats.",
        );
      }
      if (!(error instanceof TarballError)) throw error;
      lastError = error;
      continue;
    }
    const wrong = checkArchiveCommit(contents, commit);
    if (wrong) {
      throw new GithubSyncError(
        `${what} was refused: ${wrong}; nothing of it was kept`,
        "GitHub (or a proxy or cache in between) sent another commit's archive. Run the same command again later; report it if it repeats.",
      );
    }
    return contents.files;
  }
  throw new GithubSyncError(
    `${what} could not be read twice: ${lastError?.message}`,
    "Run the same command again; if it keeps failing, something on the way (a proxy, an unstable connection) cuts the download short.",
  );
}
