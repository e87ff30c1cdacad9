/**
 * The tracking table's markup, shared by the build (the static no-JavaScript table, rendered
 * to HTML by Astro) and the island (which renders the same rows for the current view).
 */
import { Fragment, memo, type ReactNode } from "react";
import { TRACKING_LABELS, type TrackRow } from "../../lib/track.ts";
import {
  type CellContext,
  COLUMN_LABELS,
  type ColumnId,
  cellText,
  issueUrl,
  kepPagePath,
  SUMMARY_TEXTS,
  summaryOf,
} from "../../lib/track-view.ts";

/** Column widths in em; the title takes what is left. */
const WIDTHS: Record<ColumnId, number> = {
  kep: 4.6,
  title: 0,
  summary: 24,
  sig: 7.6,
  stage: 8.2,
  status: 8.6,
  kind: 7.6,
  tracking: 9.2,
  readiness: 7.2,
  release: 4.6,
  alpha: 4.4,
  beta: 4.4,
  stable: 4.4,
  updated: 6.6,
  gates: 10,
  links: 3.8,
};
const TITLE_MIN = 15;

/** Smallest width the table keeps before it scrolls sideways, in em. */
export function tableMinWidth(columns: readonly ColumnId[]): number {
  return Math.round(columns.reduce((sum, id) => sum + (id === "title" ? TITLE_MIN : WIDTHS[id]), 0) * 10) / 10;
}

/** Fixed column widths: the layout does not jump while rows come and go. */
export function TrackColgroup({ columns }: { columns: readonly ColumnId[] }) {
  return (
    <colgroup>
      {columns.map((id) => (
        <col key={id} style={id === "title" ? undefined : { width: `${WIDTHS[id]}em` }} />
      ))}
    </colgroup>
  );
}

/** Longest word left as it is; a longer one gets line-break chances. */
const LONG_WORD = 16;

/**
 * A long identifier with line-break chances between its words ("ServiceAccount<wbr>Token") and
 * after a dot, slash or comma ("kubectl.kubernetes.io/<wbr>default-container").
 */
function breakable(name: string): ReactNode {
  if (name.length <= LONG_WORD) return name;
  let offset = 0;
  return name.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[./,])(?=.)/).map((part) => {
    const at = offset;
    offset += part.length;
    return (
      <Fragment key={at}>
        {at > 0 && <wbr />}
        {part}
      </Fragment>
    );
  });
}

/** A title whose long words (an API field, a path) may break inside, so a narrow column never overflows. */
function breakableWords(text: string): ReactNode {
  const words = text.split(/( +)/);
  if (!words.some((word) => word.length > LONG_WORD)) return text;
  let offset = 0;
  return words.map((word) => {
    const at = offset;
    offset += word.length;
    return <Fragment key={at}>{breakable(word)}</Fragment>;
  });
}

/** A summary clamped to two lines (CSS), the whole text in its tooltip; or what stands in for it. */
function SummaryCell({ kep, ctx }: { kep: number; ctx: CellContext }): ReactNode {
  const summaries = ctx.summaries ?? { state: "loading" };
  const text = summaryOf(kep, ctx);
  if (text) {
    return (
      <p className="tr-sum" title={text}>
        {text}
      </p>
    );
  }
  return <span className="tr-sum-none">{SUMMARY_TEXTS[summaries.state === "loaded" ? "none" : summaries.state]}</span>;
}

/** One cell's content. */
function Cell({ row, id, ctx }: { row: TrackRow; id: ColumnId; ctx: CellContext }): ReactNode {
  switch (id) {
    case "title":
      return <a href={kepPagePath(row.kep, ctx.base)}>{breakableWords(row.title)}</a>;
    case "summary":
      return <SummaryCell kep={row.kep} ctx={ctx} />;
    case "stage":
      return row.stage ? <span className={`pill stage-${row.stage}`}>{cellText(row, id, ctx)}</span> : null;
    case "tracking":
      return (
        <>
          <span className={`ts ts-${row.tracking}`}>{TRACKING_LABELS[row.tracking]}</span>
          {row.note && <span className="ts-note">{` (${row.note})`}</span>}
        </>
      );
    case "alpha":
    case "beta":
    case "stable":
      return row.targets.includes(id) ? (
        <i className="tt">
          {row[id]} <small>(target)</small>
        </i>
      ) : (
        row[id]
      );
    case "readiness":
      return row.readiness ? (
        <a
          className={`verdict verdict-${row.readiness}`}
          href={`${ctx.base}releases/${row.release}/readiness/#kep-${row.kep}`}
        >
          {cellText(row, id, ctx)}
        </a>
      ) : null;
    case "gates":
      return row.gates.map((gate, i) => (
        <Fragment key={gate}>
          {i > 0 && ", "}
          <code>{breakable(gate)}</code>
        </Fragment>
      ));
    case "links":
      return (
        <a href={issueUrl(row.issue)} aria-label={`KEP-${row.kep} tracking issue on GitHub`}>
          Issue
        </a>
      );
    default:
      return cellText(row, id, ctx);
  }
}

/** One table row; memoised, so a new view re-renders only rows that appear or whose columns changed. */
export const TrackRowView = memo(function TrackRowView(props: {
  row: TrackRow;
  columns: readonly ColumnId[];
  ctx: CellContext;
}) {
  const { row, columns, ctx } = props;
  return (
    <tr>
      {columns.map((id) =>
        id === "kep" ? (
          <th key={id} scope="row" className="c-kep">
            {/* The title links to the KEP's page; without the title, the number does. */}
            {columns.includes("title") ? row.kep : <a href={kepPagePath(row.kep, ctx.base)}>{row.kep}</a>}
          </th>
        ) : (
          <td key={id} className={`c-${id}`}>
            <Cell row={row} id={id} ctx={ctx} />
          </td>
        ),
      )}
    </tr>
  );
});

/**
 * Rows in the static table's first body. The rest go in a second body (`.tr-rest`) that pages
 * with scripting lay out only if the island never arrives: a phone spends hundreds of
 * milliseconds laying out 650 rows that the island replaces anyway. Enough to fill the table's
 * box (78% of the window) on a tall screen.
 */
export const STATIC_FIRST_ROWS = 50;

/** The full table as the build renders it: every row, the default columns, plain headers. */
export function StaticTrackTable(props: {
  rows: readonly TrackRow[];
  columns: readonly ColumnId[];
  ctx: CellContext;
  caption: string;
}) {
  const { rows, columns, ctx, caption } = props;
  const body = (part: readonly TrackRow[]) =>
    part.map((row) => <TrackRowView key={row.kep} row={row} columns={columns} ctx={ctx} />);
  return (
    <table className="track-table" style={{ minWidth: `${tableMinWidth(columns)}em` }}>
      <caption className="visually-hidden">{caption}</caption>
      <TrackColgroup columns={columns} />
      <thead>
        <tr>
          {columns.map((id) => (
            <th key={id} scope="col" className={`c-${id}`}>
              {COLUMN_LABELS[id]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{body(rows.slice(0, STATIC_FIRST_ROWS))}</tbody>
      {rows.length > STATIC_FIRST_ROWS && <tbody className="tr-rest">{body(rows.slice(STATIC_FIRST_ROWS))}</tbody>}
    </table>
  );
}

/** Columns the static table always carries: the island reads their text instead of shipping it again. */
export const STATIC_TEXT_COLUMNS: readonly ColumnId[] = ["title", "gates"];

/** Titles and feature gates of the static table's rows, in row order (see STATIC_TEXT_COLUMNS). */
export function readStaticText(container: ParentNode): { titles: string[]; gates: string[][] } {
  const rows = [...container.querySelectorAll("tbody tr")];
  return {
    titles: rows.map((tr) => tr.querySelector(".c-title")?.textContent ?? ""),
    gates: rows.map((tr) => [...tr.querySelectorAll(".c-gates code")].map((code) => code.textContent ?? "")),
  };
}
