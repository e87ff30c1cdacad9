/**
 * The island's TanStack table setup, at module scope so it stays referentially stable: the
 * features, the facet filter, the sort compare and the column definitions.
 */
import {
  columnFilteringFeature,
  columnVisibilityFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  type FilterFn,
  globalFilteringFeature,
  rowSortingFeature,
  type SortFn,
  tableFeatures,
} from "@tanstack/react-table";
import { TRACKING_STATUSES, type TrackRow } from "../../lib/track.ts";
import {
  COLUMN_IDS,
  type ColumnId,
  FACETS,
  type FacetId,
  FIXED_COLUMNS,
  facetValue,
  UNSORTABLE,
  versionKey,
} from "../../lib/track-view.ts";
import { stageRank } from "../../lib/versions.ts";
import { CHANGE_KINDS, STATUSES, VERDICTS } from "../../lib/vocabulary.ts";

export const features = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  rowSortingFeature,
  columnVisibilityFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
});
export type Features = typeof features;
const helper = createColumnHelper<Features, TrackRow>();

/** Keeps rows whose facet value is one of the selected ones. */
const inFacet: FilterFn<Features, TrackRow> = (row, id, selected: Set<string>) =>
  selected.has(facetValue(row.original, id as FacetId));
inFacet.resolveFilterValue = (value: string[]) => new Set(value);

/** Ascending compare of precomputed sort keys (numbers or lower-case text). */
const compareKeys: SortFn<Features, TrackRow> = (a, b, id) => {
  const x = a.getValue(id) as string | number;
  const y = b.getValue(id) as string | number;
  return x < y ? -1 : x > y ? 1 : 0;
};

const orUndefined = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
const version = (v: string | null) => (v ? versionKey(v) : undefined);

/** Column definitions: each accessor returns the column's sort key; cells are rendered by TrackGrid. */
export function buildColumns(sigs: Record<string, string>) {
  const keys: Record<ColumnId, (r: TrackRow) => string | number | undefined> = {
    kep: (r) => r.kep,
    title: (r) => r.title.toLowerCase(),
    // Not sortable (UNSORTABLE), and not in the row: the island fetches it.
    summary: () => undefined,
    sig: (r) => (sigs[r.sig] ?? r.sig).toLowerCase(),
    stage: (r) => (r.stage ? stageRank(r.stage) : undefined),
    status: (r) => (r.status ? STATUSES.indexOf(r.status) : undefined),
    kind: (r) => (r.kind ? CHANGE_KINDS.indexOf(r.kind) : undefined),
    tracking: (r) => TRACKING_STATUSES.indexOf(r.tracking),
    readiness: (r) => (r.readiness ? VERDICTS.indexOf(r.readiness) : undefined),
    release: (r) => version(r.release),
    alpha: (r) => version(r.alpha),
    beta: (r) => version(r.beta),
    stable: (r) => version(r.stable),
    updated: (r) => orUndefined(r.updated),
    gates: (r) => r.gates[0]?.toLowerCase(),
    links: (r) => r.kep,
  };
  return helper.columns(
    COLUMN_IDS.map((id) =>
      helper.accessor(keys[id], {
        id,
        sortFn: compareKeys,
        sortUndefined: "last",
        sortDescFirst: id === "updated",
        enableSorting: !UNSORTABLE.includes(id),
        enableHiding: !FIXED_COLUMNS.includes(id),
        ...((FACETS as readonly string[]).includes(id) ? { filterFn: inFacet } : {}),
      }),
    ),
  );
}
