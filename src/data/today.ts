/**
 * The day the site is built, which pages count "today" from. KEP_RADAR_TODAY (an ISO day
 * or instant) pins it, so a build can be reproduced or tested as of another day.
 */

/** The build's "now" as epoch milliseconds. */
export function buildNow(): number {
  const pinned = process.env.KEP_RADAR_TODAY;
  if (pinned) {
    const parsed = Date.parse(pinned.length === 10 ? `${pinned}T12:00:00Z` : pinned);
    if (Number.isNaN(parsed)) throw new Error(`KEP_RADAR_TODAY is not a date: ${pinned}`);
    return parsed;
  }
  return Date.now();
}

/** The build's day, YYYY-MM-DD (UTC). */
export function buildDay(): string {
  return new Date(buildNow()).toISOString().slice(0, 10);
}
