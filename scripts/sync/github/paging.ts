/**
 * A guard for every paging loop of the sync: GitHub's cursors always move on and its lists end,
 * so a cursor seen before or more pages than the list can hold means a fault (GitHub's, or a
 * proxy's) that would otherwise spend the whole rate limit. The guard stops it with a message.
 */
import { GithubSyncError } from "./client.ts";

/** Call once per page with the cursor that page returned (or the page number for numbered pages). */
export type PageGuard = (cursor: string | number | null) => void;

const HINT =
  "This is a fault on GitHub's side (or a proxy's), not a passing one: run again later, and report it if it repeats.";

/**
 * Creates a guard for one list: fails when a cursor repeats or when more than `maxPages` pages
 * come back. `seen` holds cursors already used (a resumed read's cursor).
 */
export function createPageGuard(what: string, maxPages: number, seen: readonly string[] = []): PageGuard {
  const cursors = new Set<string>(seen);
  let pages = 0;
  return (cursor) => {
    pages++;
    if (pages > maxPages) {
      throw new GithubSyncError(`${what}: more than ${maxPages} pages, more than the list can hold; stopped`, HINT);
    }
    if (typeof cursor !== "string") return;
    if (cursors.has(cursor)) {
      throw new GithubSyncError(
        `${what}: GitHub sent the same page cursor again after ${pages} pages (the paging does not advance); stopped`,
        HINT,
      );
    }
    cursors.add(cursor);
  };
}
