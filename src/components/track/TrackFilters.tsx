/** The filter menus (a checkbox per value, with counts), the active filters as removable chips, and the empty view. */
import { type FacetFilters, type FacetId, facetLabel } from "../../lib/track-view.ts";
import { FACET_LABELS, Menu } from "./TrackControls.tsx";

/** One filter menu per facet that has a choice to make. */
export function FacetMenus(props: {
  facets: readonly FacetId[];
  /** Facet values present in the rows, in list order. */
  values: Record<FacetId, string[]>;
  filters: FacetFilters;
  /** Rows per value given the other filters; null while no filter menu is open. */
  counts: Record<FacetId, Map<string, number>> | null;
  sigs: Record<string, string>;
  open: string | null;
  setOpen: (id: string | null) => void;
  toggleValue(facet: FacetId, value: string): void;
}) {
  const { values: present, filters, counts, sigs, open, setOpen, toggleValue } = props;
  return props.facets
    .filter((f) => present[f].length > 1 || filters[f]?.length)
    .map((facet) => {
      const selected = filters[facet] ?? [];
      const values = [...present[facet], ...selected.filter((v) => !present[facet].includes(v))];
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
                    <span className="tr-value">{facetLabel(facet, value, sigs)}</span>
                    <span className="tr-count">{count}</span>
                  </label>
                );
              })}
            </fieldset>
          )}
        </Menu>
      );
    });
}

/** The search and each selected value as a chip that removes it, then "Clear all". */
export function ActiveFilters(props: {
  q: string;
  facets: readonly FacetId[];
  filters: FacetFilters;
  sigs: Record<string, string>;
  clearSearch(): void;
  toggleValue(facet: FacetId, value: string): void;
  clearAll(): void;
}) {
  const { q, facets, filters, sigs, clearSearch, toggleValue, clearAll } = props;
  return (
    <ul className="tr-chips" aria-label="Active filters">
      {q.trim() && (
        <li>
          <button type="button" onClick={clearSearch} aria-label={`Remove search ${q}`}>
            Search: “{q.trim()}” <span aria-hidden="true">×</span>
          </button>
        </li>
      )}
      {facets.flatMap((facet) =>
        (filters[facet] ?? []).map((value) => {
          const text = `${FACET_LABELS[facet]}: ${facetLabel(facet, value, sigs)}`;
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
  );
}

/** What shows instead of the table when no row matches: the active search and filters, and a way out. */
export function EmptyView(props: {
  q: string;
  facets: readonly FacetId[];
  filters: FacetFilters;
  sigs: Record<string, string>;
  clearAll(): void;
}) {
  const { q, facets, filters, sigs, clearAll } = props;
  return (
    <div className="tr-empty">
      <p>
        <strong>No KEPs match this view.</strong>
      </p>
      <p className="muted">
        {[
          q.trim() ? `Search: “${q.trim()}”` : null,
          ...facets.map(
            (f) => `${FACET_LABELS[f]}: ${(filters[f] ?? []).map((v) => facetLabel(f, v, sigs)).join(" or ")}`,
          ),
        ]
          .filter(Boolean)
          .join("; ")}
      </p>
      <button type="button" className="tr-button" onClick={clearAll}>
        Clear search and filters
      </button>
    </div>
  );
}
