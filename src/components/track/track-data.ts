/**
 * What the island reads from the page, once it is parsed: the rows' JSON, and the titles and
 * feature gates the static table already carries as text.
 */
import type { TrackRow } from "../../lib/track.ts";
import { FACETS, type FacetId, facetValue, searchText, sortFacetValues } from "../../lib/track-view.ts";
import { decodeRow, type TrackPayload } from "../../lib/track-wire.ts";
import { readStaticText } from "./TrackGrid.tsx";

/** Everything read once from the page. */
export interface TrackData {
  payload: TrackPayload;
  rows: TrackRow[];
  /** Each row's search text, in row order. */
  texts: string[];
  /** Facet values present in the rows, in list order. */
  values: Record<FacetId, string[]>;
}

/** Reads the rows named by `dataId` and the static table's text; throws when the two disagree. */
export function readData(dataId: string): TrackData {
  const payload = JSON.parse(document.getElementById(dataId)?.textContent ?? "null") as TrackPayload;
  const staticTable = document.querySelector(`[data-track-static="${dataId}"]`);
  const text = staticTable ? readStaticText(staticTable) : { titles: [], gates: [] };
  if (text.titles.length !== payload.rows.length) throw new Error("tracking table: static rows and data disagree");
  const rows = payload.rows.map((wire, i) => decodeRow(wire, text.titles[i] ?? "", text.gates[i] ?? []));
  const values = Object.fromEntries(
    FACETS.map((f) => [f, sortFacetValues(f, new Set(rows.map((r) => facetValue(r, f))), payload.sigs)]),
  ) as Record<FacetId, string[]>;
  return {
    payload,
    rows,
    texts: rows.map((r) => searchText(r, payload.sigs)),
    values,
  };
}

/**
 * Whether the HTML parser has finished the document. The island's markup comes before the static
 * table and the rows' JSON, and a `client:only` island may render while the parser is still
 * short of them (a cached module and a slow parse): the JSON script is then missing or holds
 * part of its text. "interactive" and "complete" both come after the last byte is parsed.
 */
export const isParsed = () => document.readyState !== "loading";

/** Subscribes to the document's ready state (for useSyncExternalStore with isParsed). */
export const onParsed = (notify: () => void) => {
  document.addEventListener("readystatechange", notify);
  return () => document.removeEventListener("readystatechange", notify);
};
