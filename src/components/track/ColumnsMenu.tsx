/** The column chooser: a checkbox per column (the KEP column cannot be hidden) and a way back to the defaults. */
import type { Table } from "@tanstack/react-table";
import type { TrackRow } from "../../lib/track.ts";
import { COLUMN_LABELS, type ColumnId, FETCHED_COLUMNS } from "../../lib/track-view.ts";
import { Menu } from "./TrackControls.tsx";
import type { Features } from "./track-table.ts";

export function ColumnsMenu(props: {
  table: Table<Features, TrackRow>;
  open: string | null;
  setOpen: (id: string | null) => void;
  resetColumns(): void;
}) {
  const { table, open, setOpen, resetColumns } = props;
  return (
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
                <span className="tr-value">
                  {COLUMN_LABELS[column.id as ColumnId]}
                  {FETCHED_COLUMNS.includes(column.id as ColumnId) && (
                    <span className="tr-value-note"> (loads when shown)</span>
                  )}
                </span>
              </label>
            ))}
          </fieldset>
          <button type="button" className="tr-link" onClick={resetColumns}>
            Default columns
          </button>
        </>
      )}
    </Menu>
  );
}
