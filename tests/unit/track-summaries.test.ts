/** The tracking table's Summary column: hidden by default, kept in the URL, fetched as one file, searched once loaded. */
import { describe, expect, test } from "vitest";
import type { TrackRow } from "../../src/lib/track.ts";
import {
  addSummaries,
  type CellContext,
  cellText,
  decodeView,
  defaultColumns,
  encodeView,
  matchSearch,
  searchText,
  toCsv,
  UNSORTABLE,
} from "../../src/lib/track-view.ts";
import { buildSummaries, readSummaries } from "../../src/lib/track-wire.ts";

const COMMIT = "64765b4b02389318f2113119dd9e491479f978a0";
const SIDECAR =
  "Sidecar containers are a new type of containers that start among the Init containers, run through the lifecycle of the Pod and don’t block pod termination.";
const NFTABLES =
  "Development on iptables has mostly stopped, with new features going into nftables, featureful since 2014.";

function row(kep: number, title: string): TrackRow {
  return {
    kep,
    title,
    sig: "sig-node",
    stage: "beta",
    status: "implementable",
    kind: null,
    tracking: "tracked",
    note: null,
    release: "1.29",
    alpha: null,
    beta: null,
    stable: null,
    updated: null,
    gates: [],
    issue: kep,
    readiness: null,
    targets: [],
  };
}

const proposals = new Map([
  [3866, { summary: NFTABLES, commit: COMMIT }],
  [753, { summary: SIDECAR, commit: COMMIT }],
  [1287, { summary: null, commit: COMMIT }],
]);
const byKep = new Map([
  [753, SIDECAR],
  [3866, NFTABLES],
]);
const base: CellContext = { sigs: {}, base: "/" };

describe("the Summary column in the view", () => {
  test("is hidden by default on every tracking table", () => {
    for (const columns of [defaultColumns(null), defaultColumns("1.29"), defaultColumns("1.37", true)]) {
      expect(columns).not.toContain("summary");
    }
  });

  test("is kept in the URL once shown, right after the title", () => {
    const defaults = defaultColumns(null);
    const view = decodeView("?cols=kep,title,summary,tracking", defaults);
    expect(view.columns).toEqual(["kep", "title", "summary", "tracking"]);
    expect(encodeView(view, defaults)).toBe("cols=kep,title,summary,tracking");
  });

  test("cannot be sorted by", () => {
    expect(UNSORTABLE).toContain("summary");
    expect(decodeView("?sort=summary,kep", defaultColumns(null)).sort).toEqual([{ id: "kep", desc: false }]);
  });
});

describe("the summaries file", () => {
  test("lists every KEP with a summary, in number order, with the commit it was read at", () => {
    const file = buildSummaries("2026-11-30", proposals);
    expect(file).toEqual({
      asOf: "2026-11-30",
      commit: COMMIT,
      count: 2,
      summaries: { "753": SIDECAR, "3866": NFTABLES },
    });
    expect(Object.keys(JSON.parse(JSON.stringify(file)).summaries)).toEqual(["753", "3866"]);
  });

  test("says no source (commit null, no entries) when the build had no enhancements source", () => {
    const file = buildSummaries("2026-11-30", new Map());
    expect(file).toEqual({ asOf: "2026-11-30", commit: null, count: 0, summaries: {} });
    expect(readSummaries(JSON.parse(JSON.stringify(file)))).toBeNull();
  });

  test("reads back what the build wrote, by KEP number", () => {
    const read = readSummaries(JSON.parse(JSON.stringify(buildSummaries("2026-11-30", proposals))));
    expect(read).toEqual(byKep);
  });

  test("refuses a file of another shape, and skips entries that are no KEP and text", () => {
    for (const json of [null, [], "text", { summaries: {} }, { commit: COMMIT }, { commit: COMMIT, summaries: null }]) {
      expect(() => readSummaries(json), JSON.stringify(json)).toThrow(/not in a known format/);
    }
    expect(readSummaries({ commit: COMMIT, summaries: { "753": SIDECAR, x: "y", "9": 9 } })).toEqual(
      new Map([[753, SIDECAR]]),
    );
  });
});

describe("summaries in cells, search and export", () => {
  const rows = [row(753, "Sidecar Containers"), row(3866, "Add an nftables-based kube-proxy backend"), row(1287, "x")];
  const loaded: CellContext = { ...base, summaries: { state: "loaded", byKep } };

  test("a cell is empty until the summaries are loaded, then holds the KEP's summary", () => {
    expect(cellText(rows[0]!, "summary", base)).toBe("");
    expect(cellText(rows[0]!, "summary", { ...base, summaries: { state: "loading" } })).toBe("");
    expect(cellText(rows[0]!, "summary", loaded)).toBe(SIDECAR);
    expect(cellText(rows[2]!, "summary", loaded)).toBe("");
  });

  test("finds KEP-3866 by a word only its summary has, once the summaries are added", () => {
    const texts = rows.map((r) => searchText(r, {}));
    expect([...matchSearch(texts, "featureful")]).toEqual([0, 0, 0]);
    expect([...matchSearch(addSummaries(texts, rows, byKep), "FEATUREFUL")]).toEqual([0, 1, 0]);
    expect([...matchSearch(addSummaries(texts, rows, byKep), "pod termination")]).toEqual([1, 0, 0]);
  });

  test("exports the summary as CSV text when the column is shown", () => {
    expect(toCsv([rows[0]!], ["kep", "summary"], loaded)).toBe(
      `KEP,Summary\r\n753,"${SIDECAR.replace(/"/g, '""')}"\r\n`,
    );
  });
});
