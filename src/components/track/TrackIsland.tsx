/**
 * The tracking table's island: reads the rows the page shipped once as JSON, takes over from
 * the static table, and adds search, facet filters with counts, multi-column sort, column
 * choice (the Summary column fetched when shown), CSV/JSON export, all kept in the URL
 * (useTrackView.ts). Its parts: the table setup (track-table.ts), the filters
 * (TrackFilters.tsx), the column chooser (ColumnsMenu.tsx), the rendered table (TrackBody.tsx),
 * the downloads (track-export.ts).
 */
import {
  type ColumnFiltersState,
  type ColumnVisibilityState,
  type FilterFn,
  type SortingState,
  type Updater,
  useTable,
} from "@tanstack/react-table";
import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { TrackRow } from "../../lib/track.ts";
import {
  addSummaries,
  COLUMN_IDS,
  COLUMN_LABELS,
  type ColumnId,
  countFacets,
  FACETS,
  type FacetFilters,
  type FacetId,
  matchSearch,
  type SummaryState,
} from "../../lib/track-view.ts";
import { ColumnsMenu } from "./ColumnsMenu.tsx";
import { TrackBody } from "./TrackBody.tsx";
import { TrackControls } from "./TrackControls.tsx";
import { ActiveFilters, EmptyView, FacetMenus } from "./TrackFilters.tsx";
import { isParsed, onParsed, readData } from "./track-data.ts";
import { copyAddress, downloadCsv, downloadJson } from "./track-export.ts";
import { buildColumns, type Features, features } from "./track-table.ts";
import { useOpenMenu } from "./useOpenMenu.ts";
import { useSummaries } from "./useSummaries.ts";
import { useTrackView } from "./useTrackView.ts";

/**
 * Rows rendered after each change: enough to fill the table's box (at most 78% of the window)
 * at the lowest row height, plus a few; more are added per step as the reader scrolls. Keeps each
 * keystroke cheap at any data size.
 */
const FIRST_ROWS = typeof window === "undefined" ? 25 : Math.min(80, Math.ceil((window.innerHeight * 0.78) / 34) + 4);

/** The table's global filter value: the search and which rows match it (1 per matching row index). */
interface SearchFilter {
  q: string;
  matches: Uint8Array;
}

/** Keeps the rows the search matches. */
const inSearch: FilterFn<Features, TrackRow> = (row, _id, filter: SearchFilter) => filter.matches[row.index] === 1;

const noState = () => null;
const resolve = <T,>(updater: Updater<T>, previous: T): T =>
  typeof updater === "function" ? (updater as (old: T) => T)(previous) : updater;
const plural = (n: number, word: string) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;

/**
 * The island. `dataId` names the `<script type="application/json">` holding the rows. Renders
 * nothing (the static table stays) until the page is parsed, so the rows are read only once
 * they are all there.
 */
export default function TrackIsland(props: { dataId: string; label: string }) {
  const parsed = useSyncExternalStore(onParsed, isParsed, () => false);
  return parsed ? <TrackIslandTable {...props} /> : null;
}

/** The table once the page is parsed: reads the rows, takes over from the static table. */
function TrackIslandTable({ dataId, label }: { dataId: string; label: string }) {
  const [data] = useState(() => readData(dataId));
  const { payload, rows: allRows } = data;
  const defaults = payload.columns;
  const [limit, setLimit] = useState(FIRST_ROWS);
  const { view, viewRef, typing, apply, flushUrl } = useTrackView(dataId, defaults, () => setLimit(FIRST_ROWS));
  const [open, setOpen] = useOpenMenu();
  const [announcement, setAnnouncement] = useState("");
  const [copied, setCopied] = useState("");
  const root = useRef<HTMLDivElement>(null);

  const showsSummary = view.columns.includes("summary");
  const { summaries, retry } = useSummaries(`${payload.base}track/summaries.json`, showsSummary);
  const [fullSummaries, setFullSummaries] = useState(false);
  const ctx = useMemo(
    () => ({ sigs: payload.sigs, base: payload.base, summaries: summaries ?? undefined }),
    [payload, summaries],
  );
  const columns = useMemo(() => buildColumns(payload.sigs), [payload]);

  // Take over from the static table and the inert controls in the same frame the island first
  // paints: a control that had focus hands it to its live twin, an inert button pressed while
  // the island loaded is pressed again (TrackTable.astro notes it), early typing goes to the URL.
  useLayoutEffect(() => {
    const before = document.querySelector<HTMLElement>(`[data-track-static="${dataId}"]`);
    const focused = before?.contains(document.activeElement)
      ? document.activeElement?.closest("[data-control]")?.getAttribute("data-control")
      : null;
    const pressed = before?.dataset.pressed;
    before?.remove();
    root.current?.setAttribute("data-ready", "true");
    const twinOf = (control: string | null | undefined) =>
      control ? root.current?.querySelector<HTMLElement>(`[data-control="${control}"]`) : null;
    const twin = twinOf(focused ?? pressed);
    twin?.focus();
    if (twin instanceof HTMLInputElement) twin.setSelectionRange(twin.value.length, twin.value.length);
    twinOf(pressed)?.click();
    if (viewRef.current.q && !new URLSearchParams(location.search).has("q")) {
      apply(viewRef.current, "replace");
      typing.current = true;
    }
  }, [dataId, apply, viewRef, typing]);

  // Summaries are searched while their column is shown: a row found by its summary shows the words found.
  const texts = useMemo(
    () =>
      showsSummary && summaries?.state === "loaded" ? addSummaries(data.texts, allRows, summaries.byKep) : data.texts,
    [data, allRows, showsSummary, summaries],
  );
  const matches = useMemo(() => matchSearch(texts, view.q), [texts, view.q]);
  // The table filters again when its global filter value changes: the value is the search with its
  // matches, so summaries arriving under the same words refilter too.
  const globalFilter = useMemo<SearchFilter | "">(() => (view.q ? { q: view.q, matches } : ""), [view.q, matches]);
  const sorting = useMemo<SortingState>(() => view.sort.map((s) => ({ id: s.id, desc: s.desc })), [view.sort]);
  const columnFilters = useMemo<ColumnFiltersState>(
    () => FACETS.filter((f) => view.filters[f]?.length).map((f) => ({ id: f, value: view.filters[f] })),
    [view.filters],
  );
  const columnVisibility = useMemo<ColumnVisibilityState>(
    () => Object.fromEntries(COLUMN_IDS.map((id) => [id, view.columns.includes(id)])),
    [view.columns],
  );

  // The view state above drives rendering; the table's own store subscription is not needed.
  const table = useTable(
    {
      features,
      columns,
      data: allRows,
      getRowId: (row) => String(row.kep),
      state: { sorting, columnFilters, globalFilter, columnVisibility },
      globalFilterFn: inSearch,
      getColumnCanGlobalFilter: (column) => column.id === "title",
      enableMultiSort: true,
      maxMultiSortColCount: 4,
      onSortingChange: (updater) => {
        const next = resolve(updater, sorting);
        apply({ ...viewRef.current, sort: next.map((s) => ({ id: s.id as ColumnId, desc: s.desc })) });
      },
      onColumnFiltersChange: (updater) => {
        const next = resolve(updater, columnFilters);
        const filters: FacetFilters = {};
        for (const f of next) if ((f.value as string[]).length) filters[f.id as FacetId] = f.value as string[];
        apply({ ...viewRef.current, filters });
      },
      onGlobalFilterChange: (updater) => {
        const q = String(resolve(updater, viewRef.current.q) ?? "");
        apply({ ...viewRef.current, q }, typing.current ? "replace" : "push");
        typing.current = true;
      },
      onColumnVisibilityChange: (updater) => {
        const next = resolve(updater, columnVisibility);
        apply({ ...viewRef.current, columns: COLUMN_IDS.filter((id) => next[id] !== false) });
      },
    },
    noState,
  );

  const rows = table.getRowModel().rows;
  const visible = useMemo(() => COLUMN_IDS.filter((id) => view.columns.includes(id)), [view.columns]);
  // Facet counts are shown only in an open filter menu, so they are counted only then.
  const counting = open !== null && open !== "columns";
  const counts = useMemo(
    () => (counting ? countFacets(allRows, matches, view.filters) : null),
    [counting, allRows, matches, view.filters],
  );

  // Announce the count once typing settles, not on every keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setAnnouncement(`${plural(rows.length, "KEP")} match.`), 600);
    return () => clearTimeout(timer);
  }, [rows.length]);

  const activeFacets = FACETS.filter((f) => view.filters[f]?.length);
  const hasFilters = view.q.trim() !== "" || activeFacets.length > 0;
  const clearAll = () => apply({ ...view, q: "", filters: {} });
  const toggleValue = (facet: FacetId, value: string) => {
    const current = view.filters[facet] ?? [];
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    table.getColumn(facet)?.setFilterValue(next);
  };
  const describeSort = view.sort
    .map((s) => `${COLUMN_LABELS[s.id]} (${s.desc ? "descending" : "ascending"})`)
    .join(", then ");
  const filterProps = { facets: activeFacets, filters: view.filters, sigs: payload.sigs };

  const actions = {
    search: (q: string) => table.setGlobalFilter(q),
    searchBlur: () => {
      typing.current = false;
    },
    copyLink: () => {
      flushUrl();
      void copyAddress(setCopied);
    },
    downloadCsv: () =>
      downloadCsv(
        rows.map((r) => r.original),
        visible,
        payload.scope,
        ctx,
      ),
    downloadJson: () => {
      flushUrl();
      downloadJson(
        rows.map((r) => r.original),
        { ...view, columns: visible },
        payload.scope,
        ctx,
      );
    },
  };

  return (
    <div className="tr" ref={root}>
      <TrackControls
        searchId={`${dataId}-q`}
        q={view.q}
        placeholder={showsSummary ? "Number, title, SIG, gate, summary…" : undefined}
        actions={actions}
        copied={copied}
        facetMenus={
          <FacetMenus
            facets={FACETS}
            values={data.values}
            filters={view.filters}
            counts={counts}
            sigs={payload.sigs}
            open={open}
            setOpen={setOpen}
            toggleValue={toggleValue}
          />
        }
        columnsMenu={
          <ColumnsMenu
            table={table}
            open={open}
            setOpen={setOpen}
            resetColumns={() => apply({ ...view, columns: [...defaults] })}
          />
        }
      />
      {hasFilters && (
        <ActiveFilters
          q={view.q}
          {...filterProps}
          clearSearch={() => apply({ ...view, q: "" })}
          toggleValue={toggleValue}
          clearAll={clearAll}
        />
      )}
      <p className="tr-count">
        <strong>{rows.length.toLocaleString("en")}</strong> of {plural(allRows.length, "KEP")}
        {describeSort ? <span className="muted"> · sorted by {describeSort}</span> : null}
        <span className="tr-hint muted"> · Shift+click or Shift+Enter on a heading adds a sort</span>
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {showsSummary && <SummaryNote summaries={summaries} retry={retry} />}
      {rows.length === 0 ? (
        <EmptyView q={view.q} {...filterProps} clearAll={clearAll} />
      ) : (
        <TrackBody
          table={table}
          rows={rows}
          columns={visible}
          sort={view.sort}
          ctx={ctx}
          label={label}
          limit={limit}
          setLimit={setLimit}
          fullSummaries={fullSummaries}
          setFullSummaries={setFullSummaries}
        />
      )}
    </div>
  );
}

/**
 * Why the Summary column holds no summaries, when it does not (and a way to try again after a
 * failed fetch); screen readers also hear when they start and finish loading.
 */
function SummaryNote({ summaries, retry }: { summaries: SummaryState | null; retry(): void }) {
  const state = summaries?.state ?? "loading";
  return (
    <p className={`tr-sum-note${state === "failed" || state === "absent" ? " tr-sum-note-on" : ""}`} role="status">
      {summaries?.state === "failed" && (
        <>
          Summaries could not be loaded: {summaries.reason}.{" "}
          <button type="button" className="tr-link" onClick={retry}>
            Try again
          </button>
        </>
      )}
      {state === "absent" &&
        "This build had no kubernetes/enhancements source to read KEP summaries from, so the Summary column is empty."}
      {state === "loading" && <span className="visually-hidden">Loading summaries…</span>}
      {state === "loaded" && <span className="visually-hidden">Summaries loaded.</span>}
    </p>
  );
}
