/** The page view models in src/lib (*-page.ts): routes hand them site data, they hand back what the page shows. */
import { describe, expect, test } from "vitest";
import { buildComparePage, groupPairsByFrom } from "../../src/lib/compare-page.ts";
import { buildGatesPage, describeStageRun } from "../../src/lib/gates-page.ts";
import { buildHomePage, describeReleaseWhen } from "../../src/lib/home-page.ts";
import { buildKepPage, describeKep } from "../../src/lib/kep-page.ts";
import { findLastReleased } from "../../src/lib/last-released.ts";
import { labelQualitySig } from "../../src/lib/quality-page.ts";
import { buildReleasePage, describeReleaseDate } from "../../src/lib/release-page.ts";
import type { Kep, Release, ReleaseEnhancement, TimelineEntry, Warning } from "../../src/lib/schema.ts";
import { buildSigPage } from "../../src/lib/sig-page.ts";
import { buildStatsPage } from "../../src/lib/stats-page.ts";
import { buildTrackPage } from "../../src/lib/track-page.ts";

const entry = (kep: number, stage: ReleaseEnhancement["stage"], owningSig = "sig-node"): ReleaseEnhancement => ({
  kep,
  stage,
  kind: "graduating",
  owningSig,
  inferredFrom: ["milestone"],
});

const release = (version: string, state: Release["state"], over: Partial<Release> = {}): Release => ({
  version,
  theme: null,
  themeSource: null,
  logo: null,
  state,
  releaseDate: null,
  schedule: [],
  team: [],
  exceptions: [],
  enhancements: [],
  slipped: [],
  stale: [],
  ...over,
});

const shipped = (stage: TimelineEntry["stage"], version: string): TimelineEntry => ({
  stage,
  release: version,
  outcome: "shipped",
  targetedOn: "2024-01-01T00:00:00Z",
});

const kep = (number: number, over: Partial<Kep> = {}): Kep => ({
  number,
  title: `KEP ${number}`,
  path: `keps/sig-node/${number}-x/kep.yaml`,
  owningSig: "sig-node",
  participatingSigs: [],
  status: "implementable",
  stage: "alpha",
  latestMilestone: null,
  milestones: {},
  featureGates: [],
  authors: [],
  reviewers: [],
  approvers: [],
  prrApprovals: [],
  related: [],
  creationDate: null,
  lastUpdated: null,
  deleted: false,
  history: [],
  timeline: [],
  ...over,
});

const NOON_2025_08_01 = Date.parse("2025-08-01T12:00:00Z");

describe("describeReleaseDate", () => {
  test.each([
    [{ state: "released", releaseDate: "2023-12-13" }, "Released 2023-12-13"],
    [{ state: "released", releaseDate: null }, "Released"],
    [{ state: "planned", releaseDate: "2026-04-01" }, "Planned"],
    [{ state: "in-progress", releaseDate: "2025-08-27" }, "In progress, due 2025-08-27"],
    [{ state: "in-progress", releaseDate: null }, "In progress"],
  ])("says %o in a few words as %s", (input, expected) => {
    expect(describeReleaseDate(input)).toBe(expected);
  });

  test.each([
    [{ state: "released", releaseDate: "2023-12-13" }, "Released on 2023-12-13."],
    [{ state: "released", releaseDate: null }, "Released on a date the data does not give."],
    [{ state: "planned", releaseDate: null }, "Planned: the cycle had not started on the data's date."],
    [{ state: "in-progress", releaseDate: null }, "on 2025-08-01, with no release date in the schedule."],
    // Days count to the end of the release day in Pacific time, rounded up.
    [{ state: "in-progress", releaseDate: "2025-07-31" }, "Release planned for 2025-07-31 (today)."],
    [{ state: "in-progress", releaseDate: "2025-08-01" }, "Release planned for 2025-08-01 (in 1 day)."],
    [{ state: "in-progress", releaseDate: "2025-08-27" }, "Release planned for 2025-08-27 (in 27 days)."],
    [
      { state: "in-progress", releaseDate: "2025-07-30" },
      "on 2025-08-01, the date of the data. It was scheduled for release on 2025-07-30; the data does not yet say whether it shipped.",
    ],
  ])("says %o as the release page's sentence %s", (input, expected) => {
    expect(describeReleaseDate(input, { asOf: "2025-08-01", now: NOON_2025_08_01 })).toBe(expected);
  });
});

describe("buildReleasePage", () => {
  const releases = [
    release("1.30", "released"),
    release("1.31", "released", {
      theme: "Elli",
      enhancements: [entry(1, "stable"), entry(2, "beta", "sig-apps")],
    }),
    release("1.32", "in-progress"),
  ];
  const input = {
    releases,
    kepByNumber: new Map(),
    warnings: [],
    sources: { asOf: "2025-08-01" },
    now: 0,
    announcement: undefined,
  };

  test("names the neighbours by version", () => {
    expect(buildReleasePage(releases[1]!, input)).toMatchObject({ previous: "1.30", next: "1.32" });
  });

  test("puts the theme in the title", () => {
    expect(buildReleasePage(releases[1]!, input).title).toBe("Kubernetes 1.31: Elli");
  });

  test("counts distinct owning SIGs", () => {
    expect(buildReleasePage(releases[1]!, input).sigCount).toBe(2);
  });

  test("keeps only release-level warnings of this release", () => {
    const warnings = [
      { kind: "yaml-empty", file: "a", field: "", value: "", action: "ignored", release: "1.31" },
      { kind: "yaml-empty", file: "b", field: "", value: "", action: "ignored", release: "1.31", kep: 1 },
      { kind: "yaml-empty", file: "c", field: "", value: "", action: "ignored", release: "1.30" },
    ] as Warning[];
    expect(buildReleasePage(releases[1]!, { ...input, warnings }).warnings.map((w) => w.file)).toEqual(["a"]);
  });

  test("has no official comparison without an announcement", () => {
    expect(buildReleasePage(releases[1]!, input)).toMatchObject({ official: null, stableDifferences: [] });
  });
});

describe("findLastReleased", () => {
  test.each([
    [[], null],
    [[release("1.30", "planned")], null],
    [[release("1.30", "released"), release("1.31", "in-progress")], "1.30"],
    [[release("1.30", "released"), release("1.31", "released")], "1.31"],
  ])("finds the newest release that is out (case %#)", (releases, expected) => {
    expect(findLastReleased(releases)).toBe(expected);
  });
});

describe("buildTrackPage", () => {
  const releases = [release("1.30", "released"), release("1.31", "in-progress")];
  const rows = [{ tracking: "tracked" as const }, { tracking: "tracked" as const }, { tracking: "at-risk" as const }];

  test("titles a cycle's page by its version and counts each status", () => {
    const page = buildTrackPage({ rows, release: releases[1], releases, kepNumbers: new Set() });
    expect(page).toMatchObject({ scope: "1.31", title: "Kubernetes 1.31 tracking table" });
    expect(page.description).toContain("(2 tracked, 1 at risk)");
  });

  test("lists cycles newest first", () => {
    expect(buildTrackPage({ rows, releases, kepNumbers: new Set() }).cycles).toEqual(["1.31", "1.30"]);
  });

  test("counts exceptions naming no KEP in the data, only on a cycle's page", () => {
    const withExceptions = release("1.31", "in-progress", {
      exceptions: [{ kep: 5 }, { kep: 6 }, { kep: null }] as Release["exceptions"],
    });
    const kepNumbers = new Set([5]);
    expect(buildTrackPage({ rows, release: withExceptions, releases, kepNumbers }).unmatched).toBe(1);
    expect(buildTrackPage({ rows, releases, kepNumbers }).unmatched).toBe(0);
  });
});

describe("describeStageRun", () => {
  test.each([
    [{ stage: "beta", from: "1.30", to: null }, "since 1.30"],
    [{ stage: "alpha", from: "1.28", to: "1.28" }, "in 1.28"],
    [{ stage: "alpha", from: "1.26", to: "1.29" }, "1.26–1.29"],
  ] as const)("says %o as %s", (run, expected) => {
    expect(describeStageRun(run)).toBe(expected);
  });
});

describe("buildGatesPage", () => {
  const gate = (name: string) => ({ name, components: [] });
  const keps = [
    kep(1, { featureGates: [gate("Alpha"), gate("Beta")] }),
    kep(2, { featureGates: [gate("Alpha")] }),
    kep(3, { featureGates: [] }),
  ] as Kep[];

  test("counts gates, the KEPs that declare one and the gates declared twice", () => {
    expect(buildGatesPage(keps, [release("1.31", "released")])).toMatchObject({
      gateCount: 2,
      owningKeps: 2,
      shared: 1,
      latest: "1.31",
    });
  });

  test("groups gates by first letter with a fragment id per letter", () => {
    const letters = buildGatesPage(keps, []).letters;
    expect(letters.map((l) => [l.id, l.gates.map((g) => g.name)])).toEqual([
      ["letter-A", ["Alpha"]],
      ["letter-B", ["Beta"]],
    ]);
  });
});

describe("buildSigPage", () => {
  const current = release("1.31", "in-progress", {
    enhancements: [entry(1, "beta")],
    slipped: [{ kep: 2, stage: "stable", owningSig: "sig-node", changedOn: "2025-07-01T00:00:00Z", movedTo: "1.32" }],
  });
  const keps = [
    kep(1),
    kep(2),
    kep(3, { status: "implemented" }),
    kep(4, { owningSig: "sig-apps" }),
    kep(5, {
      timeline: [
        { ...shipped("beta", "1.31"), outcome: "slipped", changedOn: "2025-06-02T10:00:00Z", movedTo: "1.33" },
      ],
    }),
  ];

  test("keeps the SIG's own KEPs, active ones apart", () => {
    const page = buildSigPage("sig-node", keps, current);
    expect(page.owned.map((k) => k.number)).toEqual([1, 2, 3, 5]);
    expect(page.others.map((k) => k.number)).toEqual([3]);
  });

  test("says what happened to each slipping KEP", () => {
    const page = buildSigPage("sig-node", keps, current);
    expect(page.onTrack.map((t) => t.kep.number)).toEqual([1]);
    expect(page.slipping.map((s) => [s.kep.number, s.what])).toEqual([
      [2, expect.stringMatching(/^stable: /)],
      [5, "beta: moved to 1.33 on 2025-06-02"],
    ]);
  });

  test("has no standings without a current cycle", () => {
    expect(buildSigPage("sig-node", keps, null)).toMatchObject({ onTrack: [], slipping: [] });
  });
});

describe("buildComparePage", () => {
  const releases = [
    release("1.29", "released"),
    release("1.30", "released", { enhancements: [entry(1, "beta")] }),
    release("1.31", "released", { enhancements: [entry(1, "stable"), entry(2, "alpha")] }),
  ];
  const kepByNumber = new Map([[1, { title: "One" }]]);

  test.each([
    ["1.29", "1.30", "1.30"],
    ["1.29", "1.31", "1.30 to 1.31"],
  ])("spans %s to %s as %s", (from, to, span) => {
    expect(buildComparePage(releases, from, to, kepByNumber).span).toBe(span);
  });

  test("summarises the groups in one line", () => {
    expect(buildComparePage(releases, "1.29", "1.31", kepByNumber).summary).toBe(
      "1 graduated to stable, 1 alpha: new or changed",
    );
  });

  test("groups every pair by the release upgraded from", () => {
    expect(groupPairsByFrom(["1.29", "1.30", "1.31"]).map((g) => [g.from, g.pairs.map((p) => p.to)])).toEqual([
      ["1.29", ["1.30", "1.31"]],
      ["1.30", ["1.31"]],
    ]);
  });
});

describe("describeReleaseWhen", () => {
  test.each([
    [{ state: "released", releaseDate: "2024-04-17" }, "Released 2024-04-17"],
    [
      { state: "in-progress", releaseDate: "2025-08-27" },
      "In progress on 2025-08-01; release scheduled for 2025-08-27",
    ],
    [
      { state: "in-progress", releaseDate: null },
      "In progress on 2025-08-01; release scheduled for a date not yet set",
    ],
    [{ state: "planned", releaseDate: null }, "Planned"],
  ] as const)("says %o as %s", (input, expected) => {
    expect(describeReleaseWhen(input, "2025-08-01")).toBe(expected);
  });
});

describe("buildHomePage", () => {
  test("shows the four newest releases as cards and the rest below, newest first", () => {
    const releases = ["1.27", "1.28", "1.29", "1.30", "1.31", "1.32"].map((v) => release(v, "released"));
    const page = buildHomePage([], releases, "2025-08-01");
    expect(page.latest.map((r) => r.release.version)).toEqual(["1.32", "1.31", "1.30", "1.29"]);
    expect(page.earlier.map((r) => r.release.version)).toEqual(["1.28", "1.27"]);
  });

  test("counts active KEPs and owning SIGs", () => {
    const keps = [kep(1), kep(2, { status: "implemented" }), kep(3, { owningSig: "sig-apps" })];
    expect(buildHomePage(keps, [], "2025-08-01")).toMatchObject({ active: 2, sigs: 2 });
  });
});

describe("buildStatsPage", () => {
  test("says the range of enhancements per released version", () => {
    const releases = [
      release("1.30", "released", { enhancements: [entry(1, "alpha")] }),
      release("1.31", "released", { enhancements: [entry(1, "beta"), entry(2, "alpha")] }),
    ];
    expect(buildStatsPage([], releases, "2025-08-01").perRelease.summary).toBe(
      "From 1 to 2 enhancements a released version.",
    );
  });

  test("says so when no KEP shipped both alpha and stable", () => {
    expect(buildStatsPage([kep(1)], [], "2025-08-01").graduation.summary).toBe(
      "No KEP in the data shipped both alpha and stable.",
    );
  });
});

describe("labelQualitySig", () => {
  test.each([
    ["unknown", "No SIG known"],
    ["sig-node", "SIG Node"],
  ])("labels %s as %s", (sig, label) => {
    expect(labelQualitySig(sig)).toBe(label);
  });
});

describe("the KEP page", () => {
  const sidecar = kep(753, {
    title: "Sidecar Containers",
    authors: ["SergeyKanzhelev"],
    approvers: ["thockin"],
    related: [
      { kind: "see-also", kep: 277 },
      { kind: "replaces", kep: 999_999 },
    ],
    milestones: { alpha: "v1.28", beta: "v1.29", stable: "v1.33" },
    timeline: [
      { stage: "alpha", release: "1.28", outcome: "shipped", targetedOn: "2023-05-01T00:00:00Z" },
      { stage: "beta", release: "1.29", outcome: "shipped", targetedOn: "2023-09-01T00:00:00Z" },
    ],
  });
  const page = buildKepPage({
    kep: sidecar,
    releases: [
      { version: "1.33", state: "released" },
      { version: "1.34", state: "in-progress" },
    ],
    kepByNumber: new Map([[277, { title: "Ephemeral Containers" }]]),
    highlightBlurbs: [{ kep: 753, blurb: "Sidecars reach beta." }, { kep: 3866 }],
  });

  test.each([
    ["the last release out", page.lastOut, "1.33"],
    ["stages reached or planned", page.stageRows, ["alpha", "beta", "stable"]],
    ["stable not reached yet", page.reached.stable, undefined],
    ["people groups with someone in them", page.people.map((g) => g.label), ["Authors", "Approvers"]],
    [
      "related KEPs, with titles where the data has them",
      page.related,
      [
        { label: "See also", kep: 277, title: "Ephemeral Containers" },
        { label: "Replaces", kep: 999_999, title: null },
      ],
    ],
    ["the highlight blurbs that name it", page.searchHighlights, "Sidecars reach beta."],
  ])("%s", (_, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  test("describes the KEP by its summary, else by its facts", () => {
    expect(describeKep(sidecar, "Run helpers beside the app.")).toBe("Run helpers beside the app.");
    expect(describeKep(sidecar, null)).toMatch(/^KEP-753 Sidecar Containers: SIG Node/);
  });
});
