/**
 * The facts a release lead checks first, against the official record: freeze and release days
 * as the sig-release schedules state them, the release announcements' counts, and commit ids
 * that exist upstream.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readSigRelease } from "../../scripts/sync/sig-release.ts";
import { announcementsFile, parseAnnouncements } from "../../src/data/announcements.ts";
import { getSiteData } from "../../src/data/site.ts";
import {
  type Announcement,
  compareWithAnnouncement,
  explainStableDifferences,
  median,
  sourceName,
  stableAgreement,
} from "../../src/lib/announcements.ts";
import { compareOfficial, releaseHeadline } from "../../src/lib/release-counts.ts";
import type { Release } from "../../src/lib/schema.ts";
import { ENHANCEMENTS_BUNDLE, SIG_RELEASE } from "./upstream.ts";

/** Enhancements freeze, code freeze and release day as each README's schedule states them. */
const STATED: [string, string, string, string][] = [
  ["1.19", "2020-05-19", "2020-07-09", "2020-08-26"],
  ["1.20", "2020-10-06", "2020-11-12", "2020-12-08"],
  ["1.21", "2021-02-09", "2021-03-09", "2021-04-08"],
  ["1.22", "2021-05-13", "2021-07-08", "2021-08-04"],
  ["1.23", "2021-09-09", "2021-11-16", "2021-12-07"],
  ["1.24", "2022-02-03", "2022-03-29", "2022-05-03"],
  ["1.25", "2022-06-23", "2022-08-02", "2022-08-23"],
  ["1.26", "2022-10-06", "2022-11-08", "2022-12-09"],
  ["1.27", "2023-02-09", "2023-03-14", "2023-04-11"],
  ["1.28", "2023-06-15", "2023-07-18", "2023-08-15"],
  ["1.29", "2023-10-05", "2023-10-31", "2023-12-13"],
  ["1.30", "2024-02-08", "2024-03-05", "2024-04-17"],
  ["1.31", "2024-06-13", "2024-07-23", "2024-08-13"],
  ["1.32", "2024-10-10", "2024-11-07", "2024-12-11"],
  ["1.33", "2025-02-13", "2025-03-20", "2025-04-23"],
  ["1.34", "2025-06-20", "2025-07-24", "2025-08-27"],
  ["1.35", "2025-10-16", "2025-11-06", "2025-12-17"],
  ["1.36", "2026-02-11", "2026-03-18", "2026-04-22"],
  ["1.37", "2026-06-16", "2026-07-22", "2026-08-26"],
];

describe("schedule days as the schedules state them", () => {
  const { releases } = readSigRelease(SIG_RELEASE, { from: "1.19" });
  const day = (version: string, id: string) =>
    releases.find((r) => r.version === version)?.schedule.find((p) => p.id === id)?.date;

  test.each(STATED)("%s: enhancements freeze %s, code freeze %s, release %s", (version, ef, cf, release) => {
    expect([day(version, "enhancements-freeze"), day(version, "code-freeze"), day(version, "release")]).toEqual([
      ef,
      cf,
      release,
    ]);
  });

  test("a date-only freeze (1.20) ends at the end of its day in Pacific time, not at 00:00 UTC", async () => {
    const { phaseInstant } = await import("../../src/lib/calendar.ts");
    const r120 = releases.find((r) => r.version === "1.20")!;
    expect(phaseInstant(r120, "enhancements-freeze")).toBe("2020-10-07T06:59:59Z");
  });
});

describe("content/curated/announcements.json", () => {
  const { releases } = getSiteData();
  const file = announcementsFile();
  const announcements = parseAnnouncements(readFileSync(file, "utf8"), file, releases);

  test("records the announcement of every released version from 1.19, each with its post", () => {
    const released = releases.filter((r) => r.state === "released").map((r) => r.version);
    expect(Object.keys(announcements).sort()).toEqual([...released].sort());
  });

  test("fails naming the file and field for a version the data does not know", () => {
    const bad = JSON.stringify({ "1.99": { ...announcements["1.29"] } });
    expect(() => parseAnnouncements(bad, file, releases)).toThrow(/announcements\.json: field 1\.99: no such release/);
  });

  test("fails naming the field for a post URL outside the Kubernetes blog", () => {
    const bad = JSON.stringify({ "1.29": { ...announcements["1.29"], url: "https://example.com/post" } });
    expect(() => parseAnnouncements(bad, file, releases)).toThrow(/field 1\.29\.url/);
  });

  const comparisons = releases
    .filter((r) => r.state === "released" && announcements[r.version]?.stableListComplete)
    .map((r) => compareWithAnnouncement(r, announcements[r.version]!));

  test("stable lists agree KEP by KEP with the posts that list every stable item, for at least 90%", () => {
    const { both, named } = stableAgreement(comparisons.map((c) => c.stable!));
    expect(named).toBeGreaterThan(100);
    expect(both / named).toBeGreaterThanOrEqual(0.9);
  });

  test("and for at least 95% once the feature gate reference settles the posts' own errors, every correction used", () => {
    const { both, named } = stableAgreement(comparisons.map((c) => c.corrected!));
    expect(named).toBeGreaterThan(100);
    expect(both / named).toBeGreaterThanOrEqual(0.95);
    expect(comparisons.flatMap((c) => c.corrected!.unmatched.map((u) => `${c.version} KEP-${u.kep}`))).toEqual([]);
  });

  test("fails naming the field for a correction that contradicts the post's own list", () => {
    const evidence = "https://github.com/kubernetes/enhancements/pull/4408";
    const named = { ...announcements["1.30"]!, corrections: [{ kep: 3458, stableIn: "1.30", evidence }] };
    expect(() => parseAnnouncements(JSON.stringify({ "1.30": named }), file, releases)).toThrow(
      /field 1\.30\.corrections\[0\]: the post already names KEP-3458/,
    );
    const absent = { ...announcements["1.30"]!, corrections: [{ kep: 9999, stableIn: "1.31", evidence }] };
    expect(() => parseAnnouncements(JSON.stringify({ "1.30": absent }), file, releases)).toThrow(
      /corrections\[0\]: the post does not name KEP-9999/,
    );
    const elsewhere = {
      ...announcements["1.30"]!,
      corrections: [{ kep: 1441, stableIn: "1.30", evidence: "https://example.com/" }],
    };
    expect(() => parseAnnouncements(JSON.stringify({ "1.30": elsewhere }), file, releases)).toThrow(
      /1\.30\.corrections\.0\.evidence|corrections\[0\]\.evidence|evidence/,
    );
  });

  test("derived totals for 1.21 to 1.36 stay close to the announced ones (median under 6%)", () => {
    const deviations = releases
      .filter((r) => r.state === "released" && announcements[r.version] && r.version >= "1.21" && r.version <= "1.36")
      .map((r) => Math.abs(compareWithAnnouncement(r, announcements[r.version]!).deviation.total));
    expect(deviations).toHaveLength(16);
    expect(median(deviations)).toBeLessThan(0.06);
  });
});

describe("the derived count beside the announced one", () => {
  const announcement: Announcement = {
    url: "https://kubernetes.io/blog/2023/12/13/kubernetes-v1-29-release/",
    total: 49,
    stable: 11,
    beta: 19,
    alpha: 19,
    stableKeps: [],
    stableListComplete: false,
  };
  const release = (enhancements: Release["enhancements"], state: Release["state"] = "released") => ({
    version: "1.29",
    enhancements,
    state,
  });
  const entry = (kep: number, stage: "alpha" | "beta" | "stable", kind: Release["enhancements"][number]["kind"]) => ({
    kep,
    stage,
    kind,
    owningSig: "sig-node",
    inferredFrom: ["milestone" as const],
  });

  test("explains that major changes in alpha and beta count in their stage, and follow-ups at stable do not", () => {
    const result = compareOfficial(
      release([entry(1, "alpha", "net-new"), entry(2, "beta", "major-change"), entry(3, "stable", "major-change")]),
      announcement,
    );
    expect(result?.announced).toBe(49);
    expect(result?.derived).toBe(2);
    expect(result?.line).toMatch(/^The release announcement states 49 \(11 stable, 19 beta, 19 alpha\), 47 more than/);
    expect(result?.line).toContain("1 major change in alpha or beta");
    expect(result?.line).toContain("1 follow-up change to stable KEPs, not counted");
  });

  test("reads a tracking issue the post links as the KEP it tracks (#5109 is KEP-4800 in 1.36)", () => {
    const post: Announcement = {
      ...announcement,
      stableKeps: [127, 5109],
      stableListComplete: true,
      issueKeps: { "5109": 4800 },
    };
    const result = compareWithAnnouncement(
      { version: "1.36", enhancements: [entry(127, "stable", "graduating"), entry(4800, "stable", "graduating")] },
      post,
    );
    expect(result.stable).toEqual({ both: [127, 4800], onlyDerived: [], onlyAnnounced: [] });
  });

  test("counts follow-up work at stable as stable only where the post names it (KEP-2589 in 1.36)", () => {
    const post: Announcement = { ...announcement, stableKeps: [2589], stableListComplete: true };
    const result = compareWithAnnouncement(
      { version: "1.36", enhancements: [entry(2589, "stable", "major-change"), entry(1790, "stable", "major-change")] },
      post,
    );
    expect(result.stable).toEqual({ both: [2589], onlyDerived: [], onlyAnnounced: [] });
  });

  test("says where our data puts a stable KEP only the post names (KEP-24 in 1.30: stable in 1.31 here)", () => {
    const post: Announcement = { ...announcement, stableKeps: [24, 1441], stableListComplete: true };
    const result = compareWithAnnouncement(
      { version: "1.30", enhancements: [entry(1441, "stable", "graduating")] },
      post,
    );
    const timeline = [
      { stage: "stable" as const, release: "1.30", outcome: "slipped" as const },
      { stage: "stable" as const, release: "1.31", outcome: "shipped" as const },
    ];
    expect(
      explainStableDifferences(result, { enhancements: [] }, (kep) => (kep === 24 ? timeline : undefined)),
    ).toEqual([{ kep: 24, side: "post", stableIn: "1.31", derivedHere: null, settledBy: null }]);
  });

  const gate = (name: string) =>
    `https://github.com/kubernetes/website/blob/main/content/en/docs/reference/command-line-tools-reference/feature-gates/${name}.md`;

  test("lets the feature gate reference settle a graduation the post leaves out (KEP-1672 in 1.26)", () => {
    const correction = { kep: 1672, stableIn: "1.26", evidence: gate("EndpointSliceTerminatingCondition") };
    const post: Announcement = { ...announcement, stableKeps: [1435], stableListComplete: true };
    const enhancements = [entry(1435, "stable", "graduating"), entry(1672, "stable", "graduating")];
    const raw = compareWithAnnouncement({ version: "1.26", enhancements }, post);
    expect(raw.stable).toEqual({ both: [1435], onlyDerived: [1672], onlyAnnounced: [] });
    const fixed = compareWithAnnouncement({ version: "1.26", enhancements }, { ...post, corrections: [correction] });
    expect(fixed.stable).toEqual(raw.stable); // the post's own list is reported as published
    expect(fixed.corrected).toMatchObject({ both: [1435, 1672], onlyDerived: [], onlyAnnounced: [], unmatched: [] });
    expect(explainStableDifferences(fixed, { enhancements }, () => undefined)[0]?.settledBy).toEqual(correction);
    expect(sourceName(correction.evidence, post.url)).toBe(
      "The feature gate reference (EndpointSliceTerminatingCondition)",
    );
  });

  test("lets it take out a KEP the post names a release early (KEP-3458: in the 1.29 post, GA in 1.30)", () => {
    const correction = { kep: 3458, stableIn: "1.30", evidence: gate("StableLoadBalancerNodeSet") };
    const post: Announcement = {
      ...announcement,
      stableKeps: [3458],
      stableListComplete: true,
      corrections: [correction],
    };
    const result = compareWithAnnouncement({ version: "1.29", enhancements: [] }, post);
    expect(result.corrected).toMatchObject({ both: [], onlyAnnounced: [], applied: [correction] });
  });

  test("keeps a correction that no longer matches a difference apart, as unmatched", () => {
    const correction = { kep: 1672, stableIn: "1.26", evidence: gate("EndpointSliceTerminatingCondition") };
    const post: Announcement = {
      ...announcement,
      stableKeps: [1672],
      stableListComplete: true,
      corrections: [correction],
    };
    const result = compareWithAnnouncement(
      { version: "1.26", enhancements: [entry(1672, "stable", "graduating")] },
      post,
    );
    expect(result.corrected).toMatchObject({ both: [1672], applied: [], unmatched: [correction] });
  });

  test("says nothing for a cycle under way, which has no announcement yet", () => {
    expect(compareOfficial(release([], "in-progress"), announcement)).toBeNull();
  });

  test("calls a cycle under way's count 'targeting', with the data's date", () => {
    expect(releaseHeadline(release([entry(1, "alpha", "net-new")], "in-progress"), "2026-07-24")).toEqual({
      count: 1,
      noun: "targeting",
      provisional: true,
      asOf: "2026-07-24",
    });
  });
});

describe("commit ids the snapshot publishes", () => {
  let clone: string;
  beforeAll(() => {
    clone = mkdtempSync(path.join(tmpdir(), "kep-radar-commits-"));
    execFileSync("git", ["clone", "--quiet", "--bare", ENHANCEMENTS_BUNDLE, clone]);
  });
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  test("every one exists in the real kubernetes/enhancements history", () => {
    const { keps, sources, warnings } = getSiteData();
    const ids = new Set<string>([sources.enhancements.commit]);
    for (const kep of keps) for (const version of kep.history) ids.add(version.commit);
    for (const warning of warnings) if (warning.commit) ids.add(warning.commit);
    expect(ids.size).toBeGreaterThan(1000);
    const check = spawnSync("git", ["-C", clone, "cat-file", "--batch-check"], {
      input: `${[...ids].join("\n")}\n`,
      encoding: "utf8",
    });
    const missing = check.stdout.split("\n").filter((line) => line.endsWith(" missing"));
    expect(missing).toEqual([]);
  });
});
