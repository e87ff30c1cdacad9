import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { highlightsFile, parseCuratedHighlights } from "../../src/data/highlights.ts";
import { getSiteData } from "../../src/data/site.ts";
import {
  checkCuratedHighlights,
  describeRoad,
  type HighlightKep,
  isStageChange,
  pickRuleHighlights,
  ruleBlurb,
  scoreInterest,
  selectHighlights,
  summaryBlurb,
} from "../../src/lib/highlights.ts";
import type { Release, ReleaseEnhancement, TimelineEntry } from "../../src/lib/schema.ts";
import { compareVersions } from "../../src/lib/versions.ts";

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
const kep = (number: number, timeline: TimelineEntry[], sigs: string[] = [], reactions?: number): HighlightKep => ({
  number,
  title: `KEP ${number}`,
  timeline,
  owningSig: "sig-node",
  participatingSigs: sigs,
  ...(reactions === undefined ? {} : { github: { reactions } }),
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
    // Stable in 1.30, owned by one SIG, first aimed at 1.20: a long road, capped.
    [
      1,
      kep(1, [entry("alpha", "1.20", "shipped"), entry("beta", "1.24", "shipped"), entry("stable", "1.30", "shipped")]),
    ],
    // Stable in 1.30 with three SIGs and a shorter road: ahead of KEP 1.
    [
      2,
      kep(
        2,
        [
          entry("beta", "1.26", "shipped"),
          entry("stable", "1.29", "slipped", "1.30"),
          entry("stable", "1.30", "shipped"),
        ],
        ["sig-apps", "sig-scheduling"],
      ),
    ],
    // Alpha in 1.30 with five SIGs: the most SIGs, but not a graduation to stable.
    [3, kep(3, [entry("alpha", "1.30", "shipped")], ["sig-a", "sig-b", "sig-c", "sig-d"])],
    // A major change inside beta: no stage landed in 1.30.
    [4, kep(4, [entry("beta", "1.25", "shipped")], ["sig-a", "sig-b", "sig-c", "sig-d", "sig-e"])],
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

  test("ranks graduations to stable first, then the KEP that involves more SIGs", () => {
    expect(pickRuleHighlights(release(enhancements), keps).map((h) => h.kep)).toEqual([2, 1, 6]);
  });

  test("ranks beta ahead of alpha, whatever the alpha's score", () => {
    const picked = pickRuleHighlights(release(enhancements), keps, new Map(), 10).map((h) => h.kep);
    expect(picked).toEqual([2, 1, 6, 3]);
  });

  test("never picks a major change or a deprecation", () => {
    const picked = pickRuleHighlights(release(enhancements), keps, new Map(), 10).map((h) => h.kep);
    expect(picked).not.toContain(4);
    expect(picked).not.toContain(5);
  });

  test("lets GitHub reactions lift a KEP within its stage", () => {
    const loved = new Map([...keps, [1, { ...keps.get(1)!, github: { reactions: 255 } }]]);
    expect(pickRuleHighlights(release(enhancements), loved).map((h) => h.kep)).toEqual([1, 2, 6]);
  });

  test("counts a planned target for a release not out yet", () => {
    const planned = new Map([[7, kep(7, [entry("stable", "1.30", "planned")])]]);
    const [highlight] = pickRuleHighlights(release([carried(7, "stable", "graduating")], "in-progress"), planned);
    expect(highlight?.blurb).toBe("Planned to reach stable in 1.30.");
  });

  test("describes a pick by its proposal's first sentence, and says why it was picked", () => {
    const summaries = new Map([[2, "Lets pods do a useful thing without a restart. More detail follows here."]]);
    const [first] = pickRuleHighlights(release(enhancements), keps, summaries);
    expect(first).toMatchObject({
      kep: 2,
      source: "rule",
      blurb: "Lets pods do a useful thing without a restart.",
      blurbFrom: "proposal",
      why: "3 SIGs · 4 releases in flight",
    });
  });

  test("falls back to a blurb from the data when the proposal has no usable summary", () => {
    const summaries = new Map([[2, "Items marked with (R) are required prior to targeting to a milestone."]]);
    const [first] = pickRuleHighlights(release(enhancements), keps, summaries);
    expect(first).toMatchObject({
      blurb: "Reached stable in 1.30 after 1 slip; first aimed at 1.26, 4 releases earlier.",
      blurbFrom: "data",
    });
  });
});

describe("scoreInterest", () => {
  test.each([
    [{ sigs: 1, releasesInFlight: 0, reactions: null }, 4],
    [{ sigs: 3, releasesInFlight: 5, reactions: null }, 17],
    [{ sigs: 1, releasesInFlight: 30, reactions: null }, 12],
    [{ sigs: 1, releasesInFlight: 0, reactions: 3 }, 8],
  ])("scores %o as %d", (facts, score) => {
    expect(scoreInterest(facts)).toBe(score);
  });
});

describe("summaryBlurb", () => {
  test.each([
    ["Sidecar containers start before the app. They stop last.", "Sidecar containers start before the app."],
    ["There are two types of volumes that are created after scheduling:", null],
    ["Short.", null],
    ["Items marked with (R) are required prior to targeting to a milestone / release.", null],
    [null, null],
  ])("turns %j into %j", (summary, blurb) => {
    expect(summaryBlurb(summary)).toBe(blurb);
  });

  test("cuts a long first sentence at a word", () => {
    const blurb = summaryBlurb(`${"word ".repeat(60)}end.`);
    expect(blurb?.endsWith("…")).toBe(true);
    expect(blurb!.length).toBeLessThanOrEqual(181);
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
  const releases = [
    { version: "1.29", enhancements: [carried(753, "beta", "graduating"), carried(1287, "alpha", "major-change")] },
  ];
  const keps = new Map([
    [753, kep(753, [entry("alpha", "1.28", "shipped"), entry("beta", "1.29", "shipped")])],
    [1287, kep(1287, [entry("alpha", "1.27", "shipped"), entry("beta", "1.29", "slipped", "1.30")])],
  ]);
  const file = (highlights: unknown[]) =>
    JSON.stringify({
      "1.29": { source: "https://kubernetes.io/blog/2023/12/13/kubernetes-v1-29-release/", highlights },
    });

  test("accepts a KEP number alone: the description comes from the proposal", () => {
    expect(parseCuratedHighlights(file([{ kep: 753 }]), "content/curated/highlights.json", releases, keps)).toEqual({
      "1.29": { source: "https://kubernetes.io/blog/2023/12/13/kubernetes-v1-29-release/", highlights: [{ kep: 753 }] },
    });
  });

  test("rejects a blurb with a line break", () => {
    expect(() =>
      parseCuratedHighlights(
        file([{ kep: 753, blurb: "Sidecars reach beta.\nSecond line." }]),
        "h.json",
        releases,
        keps,
      ),
    ).toThrow(/field 1\.29\.highlights\.0\.blurb/);
  });

  test("rejects a release without its source", () => {
    const text = JSON.stringify({ "1.29": { highlights: [{ kep: 753 }] } });
    expect(() => parseCuratedHighlights(text, "content/curated/highlights.json", releases, keps)).toThrow(
      /highlights\.json: field 1\.29\.source: /,
    );
  });

  test("names the file, the version and the KEP that did not change stage in the release", () => {
    expect(() =>
      parseCuratedHighlights(file([{ kep: 753 }, { kep: 1287 }]), "content/curated/highlights.json", releases, keps),
    ).toThrow(
      "content/curated/highlights.json: field 1.29.highlights.1.kep: KEP-1287 did not change stage in 1.29 (it did follow-up work in alpha): a highlight must be a stage change in its release",
    );
  });

  test("names the file and the field of a KEP the release did not carry", () => {
    expect(() =>
      parseCuratedHighlights(file([{ kep: 9999 }]), "content/curated/highlights.json", releases, keps),
    ).toThrow(
      "content/curated/highlights.json: field 1.29.highlights.0.kep: KEP-9999 is not among the enhancements of 1.29",
    );
  });

  test("names a release that is not in the data", () => {
    expect(
      checkCuratedHighlights(
        { "1.99": { source: "https://kubernetes.io/blog/", highlights: [{ kep: 1 }] } },
        releases,
        keps,
      ),
    ).toEqual([{ path: "1.99", message: "no release 1.99 in the data" }]);
  });

  test("rejects a file that is not JSON, naming it", () => {
    expect(() => parseCuratedHighlights("{", "content/curated/highlights.json", releases, keps)).toThrow(
      /^content\/curated\/highlights\.json: not valid JSON/,
    );
  });
});

describe("the committed highlights", () => {
  const { releases, kepByNumber } = getSiteData();
  const curated = parseCuratedHighlights(
    readFileSync(highlightsFile(), "utf8"),
    highlightsFile(),
    releases,
    kepByNumber,
  );

  test("curate 1.33 with sidecars and nftables going stable and in-place resize going beta", () => {
    const v133 = releases.find((r) => r.version === "1.33")!;
    const picked = selectHighlights(v133, curated, kepByNumber).slice(0, 3);
    expect(picked.map((h) => [h.kep, h.stage, h.source])).toEqual([
      [753, "stable", "curated"],
      [3866, "stable", "curated"],
      [1287, "beta", "curated"],
    ]);
  });

  test("no longer feature in-place resize in 1.29, where it only stayed alpha", () => {
    expect(curated["1.29"]?.highlights.map((h) => h.kep)).not.toContain(1287);
  });

  test("curate three to five KEPs for every released version from 1.19 on", () => {
    const released = releases.filter((r) => r.state === "released" && compareVersions(r.version, "1.19") >= 0);
    const sizes = released.map((r) => [r.version, curated[r.version]?.highlights.length ?? 0]);
    expect(sizes.filter(([, n]) => Number(n) < 3 || Number(n) > 5)).toEqual([]);
  });

  test("give every release at least one highlight, each a stage change", () => {
    for (const r of releases) {
      const picked = selectHighlights(r, curated, kepByNumber);
      expect(picked.length, r.version).toBeGreaterThan(0);
      for (const h of picked) {
        const entry = r.enhancements.find((e) => e.kep === h.kep)!;
        expect(isStageChange(entry, kepByNumber.get(h.kep)!, r.version), `${r.version} KEP-${h.kep}`).toBe(true);
      }
    }
  });
});
