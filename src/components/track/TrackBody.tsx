/**
 * The table the island renders: sortable headings (a button in each `<th aria-sort>`), the rows
 * of the view, rendered a step at a time as the reader scrolls, and the Summary heading's switch
 * between two lines and the whole text.
 */
import type { Row, Table } from "@tanstack/react-table";
import { type KeyboardEvent, type MouseEvent, type ReactNode, useEffect, useRef } from "react";
import type { TrackRow } from "../../lib/track.ts";
import { type CellContext, COLUMN_LABELS, type ColumnId, type SortKey, UNSORTABLE } from "../../lib/track-view.ts";
import { TrackColgroup, TrackRowView, tableMinWidth } from "./TrackGrid.tsx";
import type { Features } from "./track-table.ts";

/** Rows added per step as the reader scrolls. */
export const MORE_ROWS = 100;

const isMulti = (e: { shiftKey: boolean; metaKey: boolean; ctrlKey: boolean }) => e.shiftKey || e.metaKey || e.ctrlKey;

/** A heading's sort button: click sorts, Shift+click (or Shift+Enter) adds a sort. */
function SortButton({ table, id, sort }: { table: Table<Features, TrackRow>; id: ColumnId; sort: SortKey[] }) {
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
        {direction && sort.length > 1 ? <sub>{index + 1}</sub> : null}
      </span>
      {direction && sort.length > 1 ? <span className="visually-hidden">, sort {index + 1}</span> : null}
    </button>
  );
}

/** The Summary heading, with a switch between summaries clamped to two lines and the whole text once they are loaded. */
function SummaryHeading(props: { loaded: boolean; full: boolean; setFull(full: boolean): void }): ReactNode {
  const { loaded, full, setFull } = props;
  return (
    <span className="tr-sum-head">
      {COLUMN_LABELS.summary}
      {loaded && (
        <button type="button" className="tr-link" aria-pressed={full} onClick={() => setFull(!full)}>
          Whole text
        </button>
      )}
    </span>
  );
}

export function TrackBody(props: {
  table: Table<Features, TrackRow>;
  rows: Row<Features, TrackRow>[];
  columns: readonly ColumnId[];
  sort: SortKey[];
  ctx: CellContext;
  /** Accessible name of the scrolling region and caption of the table. */
  label: string;
  /** Rows rendered now; more are added as the reader scrolls. */
  limit: number;
  setLimit(update: (limit: number) => number): void;
  /** Whether summaries show in full rather than in two lines. */
  fullSummaries: boolean;
  setFullSummaries(full: boolean): void;
}) {
  const { table, rows, columns, sort, ctx, label, limit, setLimit, fullSummaries, setFullSummaries } = props;
  const scroller = useRef<HTMLElement>(null);
  const shown = Math.min(limit, rows.length);

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

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so keyboard users can scroll it
    <section className="track-scroll" ref={scroller} aria-label={label} tabIndex={0} onScroll={onScroll}>
      <table
        className={`track-table${fullSummaries ? " tr-sum-full" : ""}`}
        style={{ minWidth: `${tableMinWidth(columns)}em` }}
      >
        <caption className="visually-hidden">{label}</caption>
        <TrackColgroup columns={columns} />
        <thead>
          <tr>
            {columns.map((id) => {
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
                  {id === "summary" ? (
                    <SummaryHeading
                      loaded={ctx.summaries?.state === "loaded"}
                      full={fullSummaries}
                      setFull={setFullSummaries}
                    />
                  ) : (
                    <SortButton table={table} id={id} sort={sort} />
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, shown).map((row) => (
            <TrackRowView key={row.id} row={row.original} columns={columns} ctx={ctx} />
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
            <button type="button" className="tr-button" onClick={() => setLimit(() => rows.length)}>
              Show all
            </button>
          )}
        </div>
      )}
    </section>
  );
}
