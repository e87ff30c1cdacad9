import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { highlightsFile, parseCuratedHighlights } from "../../src/data/highlights.ts";
import { getSiteData } from "../../src/data/site.ts";
import {
  CuratedHighlightsSchema,
  checkCuratedHighlights,
  describeRoad,
  pickRuleHighlights,
  ruleBlurb,
  selectHighlights,
} from "../../src/lib/highlights.ts";
import type { Kep, Release, ReleaseEnhancement, TimelineEntry } from "../../src/lib/schema.ts";

const at = (day: string) => `${day}T12:00:00Z`;
const entry = (
  stage: TimelineEntry["stage"],
  release: string,
  outcome: TimelineEntry["outcome"],
  movedTo?: string,
): TimelineEntry => ({
  stage,
  release,
  outcome,
  targetedOn: at("2022-01-01"),
  ...(movedTo ? { changedOn: at("2022-06-01"), movedTo } : {}),
});
const kep = (number: number, timeline: TimelineEntry[]): Pick<Kep, "number" | "title" | "timeline"> => ({
  number,
  title: `KEP ${number}`,
  timeline,
});
const carried = (kepNumber: number, stage: ReleaseEnhancement["stage"], kind: ReleaseEnhancement["kind"]) => ({
  kep: kepNumber,
  stage,
  kind,
  owningSig: "sig-node",
  inferredFrom: ["milestone" as const],
});
const release = (
  enhancements: ReleaseEnhancement[],
  state: Release["state"] = "released",
): Pick<Release, "version" | "state" | "enhancements"> => ({ version: "1.30", state, enhancements });

describe("pickRuleHighlights", () => {
  const keps = new Map([
    // Stable in 1.30, first aimed at 1.20: the longest road among the graduations.
    [
      1,
      kep(1, [entry("alpha", "1.20", "shipped"), entry("beta", "1.24", "shipped"), entry("stable", "1.30", "shipped")]),
    ],
    // Stable in 1.30 after two slips of stable: ahead of a longer road with none.
    [
      2,
      kep(2, [
        entry("beta", "1.26", "shipped"),
        entry("stable", "1.28", "slipped", "1.29"),
        entry("stable", "1.29", "slipped", "1.30"),
        entry("stable", "1.30", "shipped"),
      ]),
    ],
    // Alpha in 1.30 after three slips: the most slips, but not a graduation to stable.
    [
      3,
      kep(3, [
        entry("alpha", "1.27", "slipped", "1.28"),
        entry("alpha", "1.28", "slipped", "1.29"),
        entry("alpha", "1.29", "slipped", "1.30"),
        entry("alpha", "1.30", "shipped"),
      ]),
    ],
    // A major change inside beta: no stage landed in 1.30.
    [4, kep(4, [entry("beta", "1.25", "shipped")])],
    // Deprecated in 1.30: on its own slide, never a highlight.
    [5, kep(5, [entry("deprecated", "1.30", "shipped")])],
    // Beta in 1.30 on the first try.
    [6, kep(6, [entry("beta", "1.30", "shipped")])],
  ]);
  const enhancements = [
    carried(6, "beta", "graduating"),
    carried(5, "deprecated", "deprecation"),
    carried(4, "beta", "major-change"),
    carried(3, "alpha", "net-new"),
    carried(1, "stable", "graduating"),
    carried(2, "stable", "graduating"),
  ];

  test("ranks graduations to stable first, the most slips next, then the longest road", () => {
    expect(pickRuleHighlights(release(enhancements), keps).map((h) => h.kep)).toEqual([2, 1, 3]);
  });

  test("leaves out deprecations and KEPs that reached no stage in the release", () => {
    const picked = pickRuleHighlights(release(enhancements), keps, 10).map((h) => h.kep);
    expect(picked).toEqual([2, 1, 3, 6]);
  });

  test("counts a planned target for a release not out yet", () => {
    const planned = new Map([[7, kep(7, [entry("stable", "1.30", "planned")])]]);
    const [highlight] = pickRuleHighlights(release([carried(7, "stable", "graduating")], "in-progress"), planned);
    expect(highlight?.blurb).toBe("Planned to reach stable in 1.30.");
  });

  test("writes a blurb from the data, marked as chosen by rule", () => {
    const [first] = pickRuleHighlights(release(enhancements), keps);
    expect(first).toMatchObject({
      kep: 2,
      source: "rule",
      blurb: "Reached stable in 1.30 after 2 slips; first aimed at 1.26, 4 releases earlier.",
    });
  });
});

describe("describeRoad", () => {
  test("ignores targets after the release", () => {
    const road = describeRoad(
      [entry("alpha", "1.22", "slipped", "1.23"), entry("alpha", "1.23", "shipped"), entry("beta", "1.31", "planned")],
      "alpha",
      "1.23",
    );
    expect(road).toEqual({ slips: 1, firstTarget: "1.22", releasesWaited: 1 });
  });
});

describe("ruleBlurb", () => {
  test("says nothing of a road when the first target was this release", () => {
    expect(ruleBlurb("beta", "1.29", { slips: 0, firstTarget: "1.29", releasesWaited: 0 }, true)).toBe(
      "Reached beta in 1.29.",
    );
  });
});

describe("curated highlights", () => {
  const releases = [{ version: "1.29", enhancements: [carried(753, "beta", "graduating")] }];

  test("rejects a blurb with a line break", () => {
    const result = CuratedHighlightsSchema.safeParse({
      "1.29": { highlights: [{ kep: 753, blurb: "Sidecars reach beta.\nSecond line." }] },
    });
    expect(result.success).toBe(false);
  });

  test("names the file and the field of a KEP the release did not carry", () => {
    const text = JSON.stringify({ "1.29": { highlights: [{ kep: 9999, blurb: "A KEP this release never had." }] } });
    expect(() => parseCuratedHighlights(text, "content/curated/highlights.json", releases)).toThrow(
      "content/curated/highlights.json: field 1.29.highlights.0.kep: KEP-9999 is not among the enhancements of 1.29",
    );
  });

  test("names the field of a schema error", () => {
    const text = JSON.stringify({ "1.29": { highlights: [{ kep: 753, blurb: "short" }] } });
    expect(() => parseCuratedHighlights(text, "content/curated/highlights.json", releases)).toThrow(
      /highlights\.json: field 1\.29\.highlights\.0\.blurb: /,
    );
  });

  test("names a release that is not in the data", () => {
    expect(
      checkCuratedHighlights({ "1.99": { highlights: [{ kep: 1, blurb: "Not a release we know." }] } }, releases),
    ).toEqual([{ path: "1.99", message: "no release 1.99 in the data" }]);
  });

  test("rejects a file that is not JSON, naming it", () => {
    expect(() => parseCuratedHighlights("{", "content/curated/highlights.json", releases)).toThrow(
      /^content\/curated\/highlights\.json: not valid JSON/,
    );
  });
});

describe("the committed highlights", () => {
  const { releases, kepByNumber } = getSiteData();
  const curated = parseCuratedHighlights(readFileSync(highlightsFile(), "utf8"), highlightsFile(), releases);

  test("curate 1.29 with sidecars, nftables and in-place resize, in that order", () => {
    const v129 = releases.find((r) => r.version === "1.29")!;
    const picked = selectHighlights(v129, curated, kepByNumber);
    expect(picked.map((h) => [h.kep, h.stage, h.source])).toEqual([
      [753, "beta", "curated"],
      [3866, "alpha", "curated"],
      [1287, "alpha", "curated"],
    ]);
  });

  test("give every release at least one highlight", () => {
    const empty = releases.filter((r) => selectHighlights(r, curated, kepByNumber).length === 0).map((r) => r.version);
    expect(empty).toEqual([]);
  });
});
