/** Makes a table sortable by its header buttons (`<th aria-sort><button data-sort-type>`); cells sort by data-sort. */
export function enableSorting(table: HTMLTableElement): void {
  const headers = Array.from(table.tHead?.rows[0]?.cells ?? []);
  const body = table.tBodies[0];
  if (!body) return;
  headers.forEach((th, column) => {
    const button = th.querySelector<HTMLButtonElement>("button[data-sort-type]");
    if (!button) return;
    button.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      const numeric = button.dataset.sortType === "number";
      const key = (row: HTMLTableRowElement) => row.cells[column]?.dataset.sort ?? "";
      const rows = Array.from(body.rows).sort((a, b) => {
        const order = numeric ? Number(key(a)) - Number(key(b)) : key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
        return ascending ? order : -order;
      });
      body.append(...rows);
      for (const other of headers) if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    });
  });
}
