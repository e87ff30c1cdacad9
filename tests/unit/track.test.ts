import { describe, expect, test } from "vitest";
import { enlargeTrackPage } from "../../scripts/bench/track-page.ts";
import { getReadiness } from "../../src/data/readiness.ts";
import { getSiteData } from "../../src/data/site.ts";
import { deriveVerdicts } from "../../src/lib/readiness/view.ts";
import type { FreezeException, GithubTracking, Kep, Release } from "../../src/lib/schema.ts";
import {
  deriveAllRows,
  deriveCycleTracking,
  deriveReleaseRows,
  indexRelease,
  readBoardStatus,
  type TrackRow,
} from "../../src/lib/track.ts";
import {
  COLUMN_IDS,
  type ColumnId,
  cellText,
  countFacets,
  csvField,
  decodeView,
  defaultColumns,
  defaultView,
  encodeView,
  matchSearch,
  searchText,
  toCsv,
  toJson,
} from "../../src/lib/track-view.ts";
import { decodeRow, encodeRow, serializePayload } from "../../src/lib/track-wire.ts";
import { makeKep } from "../support/kep.ts";

type ReleaseLists = Pick<Release, "version" | "enhancements" | "slipped" | "exceptions">;

const kep = makeKep;

function release(version: string, fields: Partial<ReleaseLists> = {}): ReleaseLists {
  return { version, enhancements: [], slipped: [], exceptions: [], ...fields };
}

const exception = (kep: number, status: FreezeException["status"], freeze: FreezeException["freeze"] = "code") => ({
  kep,
  freeze,
  status,
  requested: null,
  pullRequests: 1,
});

function github(tracking: GithubTracking[]): NonNullable<Kep["github"]> {
  return {
    issue: 1,
    title: "t",
    state: "open",
    stateReason: null,
    createdAt: "2024-01-01T00:00:00Z",
    closedAt: null,
    labels: [],
    milestone: null,
    assignees: [],
    comments: 0,
    reactions: 0,
    tracking,
  };
}

function row(fields: Partial<TrackRow> = {}): TrackRow {
  return {
    kep: 1,
    title: "A title",
    sig: "sig-node",
    stage: "alpha",
    status: "implementable",
    kind: "net-new",
    tracking: "tracked",
    note: null,
    release: "1.30",
    alpha: "1.30",
    beta: null,
    stable: null,
    updated: "2024-05-01",
    gates: [],
    issue: 1,
    readiness: null,
    targets: [],
    ...fields,
  };
}

const ctx = { sigs: { "sig-node": "SIG Node", "sig-apps": "SIG Apps" }, base: "/" };

describe("tracking status from the real snapshot", () => {
  const data = getSiteData();
  const v129 = data.releases.find((r) => r.version === "1.29")!;

  test("finds KEP-753 (Sidecar Containers) in 1.29 as beta, tracked, graduating", () => {
    const sidecar = deriveReleaseRows(data.keps, v129).find((r) => r.kep === 753);
    expect(sidecar).toMatchObject({
      title: "Sidecar Containers",
      stage: "beta",
      tracking: "tracked",
      kind: "graduating",
    });
  });

  test("gives 1.29 one row per KEP its lists name, none twice", () => {
    const rows = deriveReleaseRows(data.keps, v129);
    const named = new Set([
      ...v129.enhancements.map((e) => e.kep),
      ...v129.slipped.map((s) => s.kep),
      ...v129.exceptions.flatMap((e) => (e.kep !== null && data.kepByNumber.has(e.kep) ? [e.kep] : [])),
    ]);
    expect(rows.map((r) => r.kep).sort((a, b) => a - b)).toEqual([...named].sort((a, b) => a - b));
  });

  test("gives each 1.37 row the KEP's freeze readiness, as the readiness page judges it", () => {
    const v137 = data.releases.find((r) => r.version === "1.37")!;
    const verdicts = deriveVerdicts(v137, getReadiness().get("1.37"), data.kepByNumber);
    const rows = deriveReleaseRows(data.keps, v137, verdicts);
    const judged = rows.filter((r) => r.readiness !== null);
    expect(judged.length).toBeGreaterThan(50);
    for (const r of judged) expect(r.readiness).toBe(verdicts.get(r.kep));
    expect(defaultColumns("1.37", true)).toContain("readiness");
    expect(defaultColumns(null, true)).not.toContain("readiness");
  });

  test("KEP-2902: Stable in shows the stable target as a target, since the stage never shipped", () => {
    const rows = deriveAllRows(data.keps, data.releases);
    const kep = rows.find((r) => r.kep === 2902)!;
    expect(kep.stable).not.toBeNull();
    expect(kep.targets).toContain("stable");
    const sidecar = rows.find((r) => r.kep === 753)!;
    expect(sidecar).toMatchObject({ stable: "1.33", targets: [] });
  });

  test("marks a 1.29 slip that moved to 1.31 as deferred with the release it went to", () => {
    const slip = deriveReleaseRows(data.keps, v129).find((r) => r.kep === 1029);
    expect(slip).toMatchObject({ tracking: "deferred", note: "to 1.31", stage: "beta" });
  });

  test("on the all-KEPs table, speaks for the newest release that names each KEP", () => {
    const rows = deriveAllRows(data.keps, data.releases);
    expect(rows).toHaveLength(data.keps.length);
    const newestFirst = [...data.releases].reverse().map(indexRelease);
    for (const r of rows) {
      const newest = newestFirst.find((index) => deriveCycleTracking(data.kepByNumber.get(r.kep)!, index));
      expect(r.release).toBe(newest?.version ?? null);
      if (!newest) expect(r.tracking).toBe("not-in-cycle");
    }
  });
});

describe("deriveCycleTracking", () => {
  test("reads a slip without a new release as removed", () => {
    const r = release("1.30", { slipped: [{ kep: 7, stage: "beta", owningSig: "sig-node" }] });
    expect(deriveCycleTracking(kep(7), indexRelease(r))).toMatchObject({ tracking: "removed", stage: "beta" });
  });

  test("lets an approved exception win over a denied one for the same KEP", () => {
    const r = release("1.30", { exceptions: [exception(7, "denied"), exception(7, "approved", "enhancements")] });
    expect(deriveCycleTracking(kep(7), indexRelease(r))).toMatchObject({
      tracking: "exception-approved",
      note: "enhancements freeze",
    });
  });

  test("names where a KEP went after a denied exception", () => {
    const r = release("1.30", {
      exceptions: [exception(7, "denied")],
      slipped: [{ kep: 7, stage: "alpha", owningSig: "sig-node", movedTo: "1.31" }],
    });
    expect(deriveCycleTracking(kep(7), indexRelease(r))).toMatchObject({
      tracking: "exception-denied",
      note: "code freeze; to 1.31",
    });
  });

  test("ignores a withdrawn exception and falls back to the enhancement list", () => {
    const r = release("1.30", {
      exceptions: [exception(7, "withdrawn")],
      enhancements: [{ kep: 7, stage: "alpha", kind: "net-new", owningSig: "sig-node", inferredFrom: ["milestone"] }],
    });
    expect(deriveCycleTracking(kep(7), indexRelease(r))?.tracking).toBe("tracked");
  });

  test("takes at risk from the Projects board when GitHub facts are present", () => {
    const k = kep(7, {
      github: github([
        {
          release: "1.30",
          status: "tracked",
          stage: "beta",
          board: { status: "At risk for Code Freeze", type: "Graduating", stage: "Beta" },
        },
      ]),
    });
    expect(deriveCycleTracking(k, indexRelease(release("1.30")))).toMatchObject({
      tracking: "at-risk",
      note: "for code freeze",
      stage: "beta",
      kind: "graduating",
    });
  });

  test("uses the issue timeline when there is no board status", () => {
    const k = kep(7, { github: github([{ release: "1.30", status: "deferred", stage: null, movedTo: "1.31" }]) });
    expect(deriveCycleTracking(k, indexRelease(release("1.30")))).toMatchObject({
      tracking: "deferred",
      note: "to 1.31",
    });
  });

  test("returns null for a KEP the release does not name", () => {
    expect(deriveCycleTracking(kep(7), indexRelease(release("1.30")))).toBeNull();
  });

  test("reads board wording case-insensitively", () => {
    expect(readBoardStatus("Tracked for Code Freeze")).toBe("tracked");
    expect(readBoardStatus("Removed from Milestone")).toBe("removed");
    expect(readBoardStatus("Exception Pending")).toBe("exception-pending");
    expect(readBoardStatus("Something new")).toBeNull();
  });
});

describe("all-KEPs rows", () => {
  test("shows not in a cycle for a KEP no release names, and the newest cycle otherwise", () => {
    const releases = [
      release("1.29", {
        enhancements: [{ kep: 1, stage: "alpha", kind: "net-new", owningSig: "sig-node", inferredFrom: ["milestone"] }],
      }),
      release("1.30", { slipped: [{ kep: 1, stage: "beta", owningSig: "sig-node", movedTo: "1.31" }] }),
    ];
    const rows = deriveAllRows([kep(1, { stage: "beta" }), kep(2)], releases);
    expect(rows[0]).toMatchObject({ release: "1.30", tracking: "deferred", stage: "beta" });
    expect(rows[1]).toMatchObject({ release: null, tracking: "not-in-cycle", kind: null });
  });
});

describe("wire format", () => {
  test("round-trips a row, reading title and gates from the table", () => {
    const r = row({ kep: 42, issue: 42, gates: ["A", "B"], title: "T" });
    expect(decodeRow(encodeRow(r), "T", ["A", "B"])).toEqual(r);
    expect(encodeRow(r)).not.toContain("T");
  });

  test("carries which stage columns hold a target, and says so in the cell", () => {
    const r = row({ beta: "1.35", stable: "1.37", targets: ["stable"] });
    expect(decodeRow(encodeRow(r), r.title, r.gates).targets).toEqual(["stable"]);
    expect(cellText(r, "stable", ctx)).toBe("1.37 (target)");
    expect(cellText(r, "beta", ctx)).toBe("1.35");
  });

  test("carries the readiness verdict", () => {
    const r = row({ readiness: "at-risk" });
    expect(decodeRow(encodeRow(r), r.title, r.gates).readiness).toBe("at-risk");
    expect(cellText(r, "readiness", ctx)).toBe("At risk");
  });

  test("keeps an issue number that differs from the KEP number", () => {
    const r = row({ kep: 42, issue: 4200 });
    expect(decodeRow(encodeRow(r), r.title, r.gates).issue).toBe(4200);
  });

  test("escapes < so no text can close the script element", () => {
    const json = serializePayload({ scope: null, base: "/", columns: [], sigs: { x: "</script><b>" }, rows: [] });
    expect(json).not.toContain("<");
    expect(JSON.parse(json).sigs.x).toBe("</script><b>");
  });
});

describe("view in the URL", () => {
  const defaults = defaultColumns(null);

  test("writes nothing for the default view", () => {
    expect(encodeView(defaultView(defaults), defaults)).toBe("");
  });

  test("round-trips search, filters, sort and columns", () => {
    const view = {
      q: "sidecar containers, beta",
      filters: { sig: ["sig-node", "sig-apps"], tracking: ["deferred"] },
      sort: [
        { id: "tracking" as const, desc: false },
        { id: "kep" as const, desc: true },
      ],
      columns: ["kep", "title", "tracking"] as ColumnId[],
    };
    const query = encodeView(view, defaults);
    expect(query).toBe(
      "q=sidecar+containers%2C+beta&sig=sig-node,sig-apps&tracking=deferred&sort=tracking,-kep&cols=kep,title,tracking",
    );
    expect(decodeView(`?${query}`, defaults)).toEqual(view);
  });

  test("drops unknown columns, repeated sorts and sorting by links, and always keeps the KEP column", () => {
    const view = decodeView("?cols=title,bogus&sort=title,-title,links,nope", defaults);
    expect(view.columns).toEqual(["kep", "title"]);
    expect(view.sort).toEqual([{ id: "title", desc: false }]);
  });

  test("falls back to the default columns without cols", () => {
    expect(decodeView("?q=x", defaults).columns).toEqual(defaults);
  });
});

describe("search and facets", () => {
  const rows = [
    row({ kep: 1, title: "Sidecar Containers", sig: "sig-node", stage: "beta" }),
    row({ kep: 2, title: "Storage capacity", sig: "sig-apps", stage: "alpha" }),
    row({ kep: 3, title: "Sidecar logging", sig: "sig-apps", stage: "beta", tracking: "deferred" }),
  ];
  const texts = rows.map((r) => searchText(r, ctx.sigs));

  test("matches every word of a search, in any case, and KEP-<n>", () => {
    expect([...matchSearch(texts, "SIDECAR apps")]).toEqual([0, 0, 1]);
    expect([...matchSearch(texts, "kep-2")]).toEqual([0, 1, 0]);
    expect([...matchSearch(texts, "  ")]).toEqual([1, 1, 1]);
  });

  test("counts each facet over the rows the other facets and the search leave", () => {
    const counts = countFacets(rows, matchSearch(texts, ""), { sig: ["sig-apps"] });
    expect(Object.fromEntries(counts.sig)).toEqual({ "sig-node": 1, "sig-apps": 2 });
    expect(Object.fromEntries(counts.stage)).toEqual({ alpha: 1, beta: 1 });
    expect(Object.fromEntries(counts.tracking)).toEqual({ tracked: 1, deferred: 1 });
  });

  test("counts nothing for rows the search excludes", () => {
    const counts = countFacets(rows, matchSearch(texts, "sidecar"), {});
    expect(Object.fromEntries(counts.sig)).toEqual({ "sig-node": 1, "sig-apps": 1 });
  });
});

describe("export", () => {
  test("quotes fields per RFC 4180", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });

  test("defuses cells a spreadsheet would run as formulas", () => {
    for (const text of ["=1+1", "+SUM(A1)", "-2", "@cmd", '=HYPERLINK("x","y")']) {
      expect(csvField(text).replace(/^"/, "").startsWith("'")).toBe(true);
    }
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });

  test("writes the columns shown, in order, with CRLF line ends", () => {
    const csv = toCsv(
      [row({ kep: 9, title: "Hello, world", note: "to 1.31", tracking: "deferred" })],
      ["title", "kep", "tracking"],
      ctx,
    );
    expect(csv).toBe('Title,KEP,Tracking\r\n"Hello, world",9,deferred (to 1.31)\r\n');
  });

  test("gives links as absolute addresses", () => {
    expect(cellText(row({ kep: 9, issue: 9 }), "links", ctx, "https://example.org")).toBe(
      "https://example.org/keps/9/ https://github.com/kubernetes/enhancements/issues/9",
    );
  });

  test("writes JSON rows keyed by column in display order, numbers and lists kept", () => {
    const r = row({ kep: 9, gates: ["GateA"], beta: null });
    const doc = JSON.parse(
      toJson(
        [r],
        { ...defaultView(["kep"]), columns: ["kep", "gates", "beta", "sig"] },
        { scope: "1.30", url: "u", ctx },
      ),
    );
    expect(doc).toMatchObject({
      scope: "1.30",
      count: 1,
      rows: [{ kep: 9, gates: ["GateA"], beta: null, sig: "SIG Node" }],
    });
    expect(Object.keys(doc.rows[0])).toEqual(["kep", "gates", "beta", "sig"]);
  });

  test("every column has a text", () => {
    for (const id of COLUMN_IDS) expect(typeof cellText(row(), id, ctx)).toBe("string");
  });
});

describe("the bench's enlarged tracking page", () => {
  test("copies the static rows and the row data together, with numbers from 100000", () => {
    const html =
      '<div data-track-static="t"><table><thead><tr><th>KEP</th></tr></thead><tbody><tr><td class="c-title">A</td></tr></tbody>' +
      '<tbody class="tr-rest"><tr><td class="c-title">B</td></tr></tbody></table></div>' +
      '<script type="application/json" id="t">{"rows":[[1,"x",5],[2,"y",6]],"sigs":{}}</script>';
    const big = enlargeTrackPage(html, 5);
    expect(big.match(/<tr><td/g)).toHaveLength(5);
    expect(big).toContain('<tbody class="tr-rest"></tbody>');
    const payload = JSON.parse(/id="t">(.*?)<\/script>/.exec(big)![1]!) as { rows: number[][] };
    expect(payload.rows.map((r) => [r[0], r[12]])).toEqual([
      [100000, 100000],
      [100001, 100001],
      [100002, 100002],
      [100003, 100003],
      [100004, 100004],
    ]);
  });
});
