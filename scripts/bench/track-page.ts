/** The bench's larger tracking page: the real page's rows copied, so the table can be measured at sizes the data does not reach. */

/**
 * The tracking page's HTML with its rows copied up to `count` (KEP and issue numbers from
 * 100000): the static table's body and the JSON payload grow together, as the island expects.
 * The bench measures sizes the data does not reach yet; the product carries no hook for it.
 */
export function enlargeTrackPage(html: string, count: number): string {
  const json = /(<script type="application\/json" id="([^"]+)">)([\s\S]*?)(<\/script>)/.exec(html);
  if (!json) throw new Error("tracking page: no row data found");
  const payload = JSON.parse(json[3]!) as { rows: unknown[][] };
  const source = payload.rows;
  if (source.length === 0) return html;
  payload.rows = Array.from({ length: count }, (_, i) => {
    const row = [...source[i % source.length]!];
    // Field 0 is the KEP number, field 12 the tracking issue (src/lib/track.ts, WireRow).
    row[0] = 100000 + i;
    row[12] = 100000 + i;
    for (let f = 1; f < 12; f++) row[f] ??= null;
    return row;
  });
  const withData = html.replace(json[0], `${json[1]}${JSON.stringify(payload).replace(/</g, "\\u003c")}${json[4]}`);
  const start = withData.indexOf(`data-track-static="${json[2]}"`);
  const end = withData.indexOf("</table>", start);
  if (start < 0 || end < 0) throw new Error("tracking page: no static table found");
  const bodies = /<tbody[^>]*>([\s\S]*?)<\/tbody>/g;
  const table = withData.slice(start, end);
  const rows = [...table.matchAll(bodies)].flatMap((m) => m[1]!.match(/<tr[\s\S]*?<\/tr>/g) ?? []);
  const copies = Array.from({ length: count }, (_, i) => rows[i % rows.length]).join("");
  // Every copy goes into the first body; the others (the rows shown later) are emptied.
  let first = true;
  const grown = table.replace(bodies, (body) => {
    const open = /^<tbody[^>]*>/.exec(body)![0];
    const rowsHere = first ? copies : "";
    first = false;
    return `${open}${rowsHere}</tbody>`;
  });
  return `${withData.slice(0, start)}${grown}${withData.slice(end)}`;
}
