/**
 * The tracking table's controls: search, share and download, filter menus, column choice. One
 * markup for the island (live) and for the build, which renders them inert above the static
 * table so that the island takes over without moving anything. Every control carries
 * `data-control`, which lets the island move focus from an inert control to its live twin.
 */
import type { ChangeEvent, ReactNode } from "react";
import type { FacetId } from "../../lib/track-view.ts";

export const FACET_LABELS: Record<FacetId, string> = {
  sig: "SIG",
  stage: "Stage",
  status: "Status",
  release: "Release",
  tracking: "Tracking",
  readiness: "Readiness",
};

/** A button that shows and hides a panel (disclosure); the island closes it on Escape or a click elsewhere. */
export function Menu(props: {
  id: string;
  label: string;
  badge?: number;
  open: string | null;
  setOpen?: (id: string | null) => void;
  align?: "end";
  /** Words that screen readers hear before the label ("Filter by "). */
  hiddenPrefix?: string;
  /** The panel's content, built only while it is open (closed menus cost nothing per keystroke). */
  children: () => ReactNode;
}) {
  const { id, label, badge, open, setOpen, align, hiddenPrefix, children } = props;
  const isOpen = open === id;
  return (
    <div className="tr-menu" data-menu={id}>
      <button
        type="button"
        className="tr-button"
        data-control={`menu-${id}`}
        aria-expanded={isOpen}
        aria-controls={`tr-panel-${id}`}
        onClick={setOpen && (() => setOpen(isOpen ? null : id))}
      >
        {hiddenPrefix ? <span className="visually-hidden">{hiddenPrefix}</span> : null}
        {label}
        {badge ? (
          <span className="tr-badge">
            {badge}
            <span className="visually-hidden"> selected</span>
          </span>
        ) : null}
        <span className="tr-caret" aria-hidden="true" />
      </button>
      <div id={`tr-panel-${id}`} className={`tr-panel${align === "end" ? " tr-panel-end" : ""}`} hidden={!isOpen}>
        {isOpen ? children() : null}
      </div>
    </div>
  );
}

/** What the controls do; absent in the build's inert copy. */
export interface ControlActions {
  search(q: string): void;
  searchBlur(): void;
  copyLink(): void;
  downloadCsv(): void;
  downloadJson(): void;
}

/** Search and actions on the first row, filter menus and the column menu on the second. */
export function TrackControls(props: {
  /** The search box's id (the label points at it). */
  searchId: string;
  q: string;
  /** The search box's hint, when it differs from the default. */
  placeholder?: string | undefined;
  actions?: ControlActions;
  /** The status line beside the actions ("Link copied"). */
  copied?: string;
  /** The filter menus, then the column menu. */
  facetMenus: ReactNode;
  columnsMenu: ReactNode;
}) {
  const { searchId, q, placeholder, actions, copied, facetMenus, columnsMenu } = props;
  return (
    <>
      <div className="tr-tools">
        <div className="tr-search">
          <label htmlFor={searchId}>Search</label>
          <input
            id={searchId}
            data-control="search"
            type="search"
            {...(actions
              ? { value: q, onChange: (e: ChangeEvent<HTMLInputElement>) => actions.search(e.target.value) }
              : { defaultValue: q })}
            placeholder={placeholder ?? "Number, title, SIG, gate…"}
            autoComplete="off"
            spellCheck={false}
            onBlur={actions?.searchBlur}
          />
        </div>
        <div className="tr-actions">
          <button type="button" className="tr-button" data-control="copy" onClick={actions?.copyLink}>
            Copy link
          </button>
          {(["csv", "json"] as const).map((format) => (
            <button
              key={format}
              type="button"
              className="tr-button"
              data-control={format}
              onClick={format === "csv" ? actions?.downloadCsv : actions?.downloadJson}
            >
              {/* Hidden on phones for the eyes only: the name stays "Download CSV", and holds the text shown. */}
              <span className="tr-dl-word">Download </span>
              {format.toUpperCase()}
            </button>
          ))}
          <span className="tr-copied" role="status">
            {copied}
          </span>
        </div>
      </div>
      <div className="tr-filters">
        <span className="tr-filters-label" aria-hidden="true">
          Filter
        </span>
        {facetMenus}
        {columnsMenu}
      </div>
    </>
  );
}

/** The id of the inert copy's search box: what a reader types there before the island arrives is kept. */
export const staticSearchId = (dataId: string) => `${dataId}-q-static`;

/** The build's inert copy of the controls, for the facets that have more than one value. */
export function StaticTrackControls(props: { dataId: string; facets: readonly FacetId[] }) {
  const none = () => null;
  return (
    <TrackControls
      searchId={staticSearchId(props.dataId)}
      q=""
      facetMenus={props.facets.map((facet) => (
        <Menu key={facet} id={facet} label={FACET_LABELS[facet]} hiddenPrefix="Filter by " open={null}>
          {none}
        </Menu>
      ))}
      columnsMenu={
        <Menu id="columns" label="Columns" open={null} align="end">
          {none}
        </Menu>
      }
    />
  );
}
