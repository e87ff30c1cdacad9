/**
 * The tracking table's island: reads the rows the page shipped once as JSON, takes over from
 * the static table, and adds search, facet filters with counts, multi-column sort, column
 * choice, CSV/JSON export, all kept in the URL (pushState for choices, replaceState while
 * typing, popstate restores).
 */
import {
  type ColumnFiltersState,
  type ColumnVisibilityState,
  columnFilteringFeature,
  columnVisibilityFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  type FilterFn,
  globalFilteringFeature,
  rowSortingFeature,
  type SortFn,
  type SortingState,
  tableFeatures,
  type Updater,
  useTable,
} from "@tanstack/react-table";
import {
  type KeyboardEvent,
  type MouseEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { TRACKING_STATUSES, type TrackRow } from "../../lib/track.ts";
import {
  COLUMN_IDS,
  COLUMN_LABELS,
  type ColumnId,
  countFacets,
  decodeView,
  encodeView,
  FACETS,
  type FacetFilters,
  type FacetId,
  FIXED_COLUMNS,
  facetLabel,
  facetValue,
  matchSearch,
  searchText,
  sortFacetValues,
  type TrackView,
  toCsv,
  toJson,
  UNSORTABLE,
  versionKey,
} from "../../lib/track-view.ts";
import { decodeRow, type TrackPayload } from "../../lib/track-wire.ts";
import { stageRank } from "../../lib/versions.ts";
import { CHANGE_KINDS, STATUSES, VERDICTS } from "../../lib/vocabulary.ts";
import { FACET_LABELS, Menu, staticSearchId, TrackControls } from "./TrackControls.tsx";
import { readStaticText, TrackColgroup, TrackRowView, tableMinWidth } from "./TrackGrid.tsx";

/**
 * Rows rendered after each change: enough to fill the table's box (at most 78% of the window)
 * at the lowest row height, plus a few; more are added per step as the reader scrolls. Keeps each
 * keystroke cheap at any data size.
 */
const FIRST_ROWS = typeof window === "undefined" ? 25 : Math.min(80, Math.ceil((window.innerHeight * 0.78) / 34) + 4);
const MORE_ROWS = 100;
/** While typing, the address is rewritten once the typing pauses this long (history calls cost milliseconds each). */
const TYPING_URL_DELAY = 300;

const features = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  rowSortingFeature,
  columnVisibilityFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
});
type Features = typeof features;
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

const orUndefined = <T,>(value: T | null): T | undefined => (value === null ? undefined : value);
const version = (v: string | null) => (v ? versionKey(v) : undefined);

/** Column definitions: each accessor returns the column's sort key; cells are rendered by TrackGrid. */
function buildColumns(sigs: Record<string, string>) {
  const keys: Record<ColumnId, (r: TrackRow) => string | number | undefined> = {
    kep: (r) => r.kep,
    title: (r) => r.title.toLowerCase(),
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

/** Everything read once from the page. */
interface TrackData {
  payload: TrackPayload;
  rows: TrackRow[];
  texts: string[];
  /** Facet values present in the rows, in list order. */
  values: Record<FacetId, string[]>;
}

function readData(dataId: string): TrackData {
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

const noState = () => null;
const resolve = <T,>(updater: Updater<T>, previous: T): T =>
  typeof updater === "function" ? (updater as (old: T) => T)(previous) : updater;
const isMulti = (e: { shiftKey: boolean; metaKey: boolean; ctrlKey: boolean }) => e.shiftKey || e.metaKey || e.ctrlKey;
const plural = (n: number, word: string) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;

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

/**
 * Whether the HTML parser has finished the document. The island's markup comes before the static
 * table and the rows' JSON, and a `client:only` island may render while the parser is still
 * short of them (a cached module and a slow parse): the JSON script is then missing or holds
 * part of its text. "interactive" and "complete" both come after the last byte is parsed.
 */
const isParsed = () => document.readyState !== "loading";
const onParsed = (notify: () => void) => {
  document.addEventListener("readystatechange", notify);
  return () => document.removeEventListener("readystatechange", notify);
};

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
  const ctx = useMemo(() => ({ sigs: payload.sigs, base: payload.base }), [payload]);
  const columns = useMemo(() => buildColumns(payload.sigs), [payload]);

  const [view, setView] = useState<TrackView>(() => {
    const fromUrl = decodeView(location.search, defaults);
    // What the reader typed into the build's inert search box while the island loaded.
    const early = document.querySelector<HTMLInputElement>(`#${staticSearchId(dataId)}`)?.value ?? "";
    return early && !fromUrl.q ? { ...fromUrl, q: early } : fromUrl;
  });
  const [limit, setLimit] = useState(FIRST_ROWS);
  const [open, setOpen] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [copied, setCopied] = useState("");
  const viewRef = useRef(view);
  viewRef.current = view;
  const typing = useRef(false);
  const root = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLElement>(null);
  const pendingUrl = useRef<{ url: string; timer: number } | null>(null);

  /** Writes a replaceState that typing left waiting. */
  const flushUrl = useCallback(() => {
    const pending = pendingUrl.current;
    if (!pending) return;
    clearTimeout(pending.timer);
    pendingUrl.current = null;
    if (pending.url !== `${location.pathname}${location.search}${location.hash}`)
      history.replaceState(null, "", pending.url);
  }, []);

  /**
   * Makes `next` the view and writes it to the URL: a new history entry for a choice ("push"),
   * the same entry while typing ("replace", written when the typing pauses).
   */
  const apply = useCallback(
    (next: TrackView, mode: "push" | "replace" = "push") => {
      if (mode === "push") typing.current = false;
      setView(next);
      setLimit(FIRST_ROWS);
      const query = encodeView(next, defaults);
      const url = `${location.pathname}${query ? `?${query}` : ""}${location.hash}`;
      if (mode === "replace") {
        if (pendingUrl.current) clearTimeout(pendingUrl.current.timer);
        pendingUrl.current = { url, timer: window.setTimeout(flushUrl, TYPING_URL_DELAY) };
        return;
      }
      flushUrl();
      if (url !== `${location.pathname}${location.search}${location.hash}`) history.pushState(null, "", url);
    },
    [defaults, flushUrl],
  );

  useEffect(() => {
    addEventListener("pagehide", flushUrl);
    return () => removeEventListener("pagehide", flushUrl);
  }, [flushUrl]);

  useEffect(() => {
    const restore = () => {
      if (pendingUrl.current) clearTimeout(pendingUrl.current.timer);
      pendingUrl.current = null;
      typing.current = false;
      setView(decodeView(location.search, defaults));
      setLimit(FIRST_ROWS);
    };
    addEventListener("popstate", restore);
    return () => removeEventListener("popstate", restore);
  }, [defaults]);

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
  }, [dataId, apply]);

  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (!(e.target instanceof Element) || !e.target.closest(`[data-menu="${open}"]`)) setOpen(null);
    };
    const onEscape = (e: globalThis.KeyboardEvent) => {
      if (e.key !== "Escape") return;
      document.querySelector<HTMLElement>(`[data-menu="${open}"] > button`)?.focus();
      setOpen(null);
    };
    document.addEventListener("pointerdown", close);
    document.addEventListener("focusin", close);
    document.addEventListener("keydown", onEscape);
    return () => {
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("focusin", close);
      document.removeEventListener("keydown", onEscape);
    };
  }, [open]);

  const matches = useMemo(() => matchSearch(data.texts, view.q), [data, view.q]);
  const globalFilterFn = useCallback<FilterFn<Features, TrackRow>>((row) => matches[row.index] === 1, [matches]);
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
      state: { sorting, columnFilters, globalFilter: view.q, columnVisibility },
      globalFilterFn,
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
  const shown = Math.min(limit, rows.length);

  // Announce the count once typing settles, not on every keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setAnnouncement(`${plural(rows.length, "KEP")} match.`), 600);
    return () => clearTimeout(timer);
  }, [rows.length]);

  /** Renders more rows when the reader scrolls near the end of the rendered ones (or they do not fill the box). */
  const onScroll = () => {
    const el = scroller.current;
    if (el && shown < rows.length && el.scrollTop + el.clientHeight > el.scrollHeight - 600) {
      setLimit((l) => Math.max(l, shown + MORE_ROWS));
    }
  };
  const fillRef = useRef(onScroll);
  fillRef.current = onScroll;
  // After the first render and after each step (not on every keystroke), fill a tall box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes, reads the latest handler
  useEffect(() => fillRef.current(), [limit]);

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
  const scopeName = payload.scope ?? "all";

  const exportRows = () => rows.map((r) => r.original);
  const exportCsv = () =>
    download(
      `kep-track-${scopeName}.csv`,
      "text/csv;charset=utf-8",
      toCsv(exportRows(), visible, ctx, location.origin),
    );
  const exportJson = () => {
    flushUrl();
    download(
      `kep-track-${scopeName}.json`,
      "application/json",
      toJson(
        exportRows(),
        { ...view, columns: visible },
        { scope: payload.scope, url: location.href, ctx, origin: location.origin },
      ),
    );
  };
  const copyLink = async () => {
    flushUrl();
    try {
      await navigator.clipboard.writeText(location.href);
      setCopied("Link copied");
    } catch {
      setCopied("Copy the address bar to share this view");
    }
    setTimeout(() => setCopied(""), 2500);
  };

  const sortButton = (id: ColumnId) => {
    const column = table.getColumn(id);
    if (!column?.getCanSort()) return COLUMN_LABELS[id];
    const direction = column.getIsSorted();
    const index = column.getSortIndex();
    const toggle = (e: MouseEvent | KeyboardEvent) => column.toggleSorting(undefined, isMulti(e));
    return (
      <button
        type="button"
        className="tr-sort sort-button"
        onClick={toggle}
        onKeyDown={(e) => {
          // Shift+Enter adds a sort from the keyboard (a keyboard click may not carry the modifier).
          if ((e.key === "Enter" || e.key === " ") && isMulti(e)) {
            e.preventDefault();
            toggle(e);
          }
        }}
      >
        {COLUMN_LABELS[id]}
        <span className={`tr-arrow${direction ? " on" : ""}`} aria-hidden="true">
          {direction === "asc" ? "↑" : direction === "desc" ? "↓" : "↕"}
          {direction && view.sort.length > 1 ? <sub>{index + 1}</sub> : null}
        </span>
        {direction && view.sort.length > 1 ? <span className="visually-hidden">, sort {index + 1}</span> : null}
      </button>
    );
  };

  const facetMenus = FACETS.filter((f) => data.values[f].length > 1 || view.filters[f]?.length).map((facet) => {
    const selected = view.filters[facet] ?? [];
    const values = [...data.values[facet], ...selected.filter((v) => !data.values[facet].includes(v))];
    return (
      <Menu
        key={facet}
        id={facet}
        label={FACET_LABELS[facet]}
        hiddenPrefix="Filter by "
        badge={selected.length}
        open={open}
        setOpen={setOpen}
      >
        {() => (
          <fieldset>
            <legend className="visually-hidden">Filter by {FACET_LABELS[facet]}</legend>
            {values.map((value) => {
              const count = counts?.[facet].get(value) ?? 0;
              return (
                <label key={value} className={count === 0 && !selected.includes(value) ? "tr-zero" : undefined}>
                  <input
                    type="checkbox"
                    checked={selected.includes(value)}
                    onChange={() => toggleValue(facet, value)}
                  />
                  <span className="tr-value">{facetLabel(facet, value, payload.sigs)}</span>
                  <span className="tr-count">{count}</span>
                </label>
              );
            })}
          </fieldset>
        )}
      </Menu>
    );
  });

  const actions = {
    search: (q: string) => table.setGlobalFilter(q),
    searchBlur: () => {
      typing.current = false;
    },
    copyLink,
    downloadCsv: exportCsv,
    downloadJson: exportJson,
  };

  return (
    <div className="tr" ref={root}>
      <TrackControls
        searchId={`${dataId}-q`}
        q={view.q}
        actions={actions}
        copied={copied}
        facetMenus={facetMenus}
        columnsMenu={
          <Menu id="columns" label="Columns" open={open} setOpen={setOpen} align="end">
            {() => (
              <>
                <fieldset>
                  <legend className="visually-hidden">Columns to show</legend>
                  {table.getAllLeafColumns().map((column) => (
                    <label key={column.id}>
                      <input
                        type="checkbox"
                        checked={column.getIsVisible()}
                        disabled={!column.getCanHide()}
                        onChange={() => column.toggleVisibility()}
                      />
                      <span className="tr-value">{COLUMN_LABELS[column.id as ColumnId]}</span>
                    </label>
                  ))}
                </fieldset>
                <button type="button" className="tr-link" onClick={() => apply({ ...view, columns: [...defaults] })}>
                  Default columns
                </button>
              </>
            )}
          </Menu>
        }
      />
      {hasFilters && (
        <ul className="tr-chips" aria-label="Active filters">
          {view.q.trim() && (
            <li>
              <button type="button" onClick={() => apply({ ...view, q: "" })} aria-label={`Remove search ${view.q}`}>
                Search: “{view.q.trim()}” <span aria-hidden="true">×</span>
              </button>
            </li>
          )}
          {activeFacets.flatMap((facet) =>
            (view.filters[facet] ?? []).map((value) => {
              const text = `${FACET_LABELS[facet]}: ${facetLabel(facet, value, payload.sigs)}`;
              return (
                <li key={`${facet}-${value}`}>
                  <button type="button" onClick={() => toggleValue(facet, value)} aria-label={`Remove filter ${text}`}>
                    {text} <span aria-hidden="true">×</span>
                  </button>
                </li>
              );
            }),
          )}
          <li>
            <button type="button" className="tr-link" onClick={clearAll}>
              Clear all
            </button>
          </li>
        </ul>
      )}
      <p className="tr-count">
        <strong>{rows.length.toLocaleString("en")}</strong> of {plural(allRows.length, "KEP")}
        {describeSort ? <span className="muted"> · sorted by {describeSort}</span> : null}
        <span className="tr-hint muted"> · Shift+click or Shift+Enter on a heading adds a sort</span>
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {rows.length === 0 ? (
        <div className="tr-empty">
          <p>
            <strong>No KEPs match this view.</strong>
          </p>
          <p className="muted">
            {[
              view.q.trim() ? `Search: “${view.q.trim()}”` : null,
              ...activeFacets.map(
                (f) =>
                  `${FACET_LABELS[f]}: ${(view.filters[f] ?? []).map((v) => facetLabel(f, v, payload.sigs)).join(" or ")}`,
              ),
            ]
              .filter(Boolean)
              .join("; ")}
          </p>
          <button type="button" className="tr-button" onClick={clearAll}>
            Clear search and filters
          </button>
        </div>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so keyboard users can scroll it
        <section className="track-scroll" ref={scroller} aria-label={label} tabIndex={0} onScroll={onScroll}>
          <table className="track-table" style={{ minWidth: `${tableMinWidth(visible)}em` }}>
            <caption className="visually-hidden">{label}</caption>
            <TrackColgroup columns={visible} />
            <thead>
              <tr>
                {visible.map((id) => {
                  const direction = table.getColumn(id)?.getIsSorted();
                  return (
                    <th
                      key={id}
                      scope="col"
                      className={`c-${id}`}
                      aria-sort={
                        UNSORTABLE.includes(id)
                          ? undefined
                          : direction === "asc"
                            ? "ascending"
                            : direction === "desc"
                              ? "descending"
                              : "none"
                      }
                    >
                      {sortButton(id)}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, shown).map((row) => (
                <TrackRowView key={row.id} row={row.original} columns={visible} ctx={ctx} />
              ))}
            </tbody>
          </table>
          {shown < rows.length && (
            <div className="tr-more">
              <span className="muted">
                Showing {shown.toLocaleString("en")} of {rows.length.toLocaleString("en")} rows.
              </span>{" "}
              <button type="button" className="tr-button" onClick={() => setLimit((l) => l + MORE_ROWS)}>
                Show {Math.min(MORE_ROWS, rows.length - shown)} more
              </button>
              {rows.length <= 2000 && (
                <button type="button" className="tr-button" onClick={() => setLimit(rows.length)}>
                  Show all
                </button>
              )}
            </div>
          )}
        </section>
      )}
    </div>
  );
}
