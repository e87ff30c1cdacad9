/** The table's downloads and its shareable link: CSV and JSON of the rows and columns shown, the address copied. */
import type { Version } from "../../lib/schema.ts";
import type { TrackRow } from "../../lib/track.ts";
import { type CellContext, type ColumnId, type TrackView, toCsv, toJson } from "../../lib/track-view.ts";

/** Starts a download of text made in the page. */
function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads the rows as CSV, in the columns shown. */
export function downloadCsv(
  rows: readonly TrackRow[],
  columns: readonly ColumnId[],
  scope: Version | null,
  ctx: CellContext,
) {
  download(`kep-track-${scope ?? "all"}.csv`, "text/csv;charset=utf-8", toCsv(rows, columns, ctx, location.origin));
}

/** Downloads the rows as JSON, with the view that shows them and its address. */
export function downloadJson(rows: readonly TrackRow[], view: TrackView, scope: Version | null, ctx: CellContext) {
  download(
    `kep-track-${scope ?? "all"}.json`,
    "application/json",
    toJson(rows, view, { scope, url: location.href, ctx, origin: location.origin }),
  );
}

/** Copies the page's address; says what happened (or what to do instead) through `say`, then clears it. */
export async function copyAddress(say: (text: string) => void) {
  try {
    await navigator.clipboard.writeText(location.href);
    say("Link copied");
  } catch {
    say("Copy the address bar to share this view");
  }
  setTimeout(() => say(""), 2500);
}
