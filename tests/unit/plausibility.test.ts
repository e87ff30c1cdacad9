import { describe, expect, test } from "vitest";
import { checkShrink, type ShrinkInput } from "../../scripts/sync/plausibility.ts";
import type { Kep, Release } from "../../src/lib/schema.ts";

/** A snapshot of `keps` live KEPs numbered 1..n (`deleted` of them marked deleted) and releases 1.19..1.(18+n). */
function snapshot(keps: number, releases: number, deleted: number[] = []): ShrinkInput {
  return {
    keps: Array.from({ length: keps }, (_, i) => ({ number: i + 1, deleted: deleted.includes(i + 1) }) as Kep),
    releases: Array.from({ length: releases }, (_, i) => ({ version: `1.${19 + i}` }) as Release),
  };
}

describe("checkShrink", () => {
  test.each([
    ["the same data", 655, 19, 655, 19, null],
    ["one KEP deleted upstream", 655, 19, 654, 19, null],
    ["20 KEPs gone at once (the most allowed)", 655, 19, 635, 19, null],
    [
      "21 KEPs gone at once",
      655,
      19,
      634,
      19,
      /21 of 655 KEPs would disappear or be marked deleted \(KEP-635, KEP-636/,
    ],
    ["an archive with one kep.yaml", 655, 19, 1, 19, /654 of 655 KEPs would disappear .* and 646 more\)/],
    ["2 of 25 KEPs (a small snapshot)", 25, 19, 23, 19, null],
    ["3 of 25 KEPs (12%)", 25, 19, 22, 19, /3 of 25 KEPs/],
    ["2 releases gone", 655, 19, 655, 17, null],
    ["17 of 19 releases gone", 655, 19, 655, 2, /17 of 19 releases would disappear \(1\.19, 1\.20,/],
    ["new KEPs and releases", 655, 19, 700, 20, null],
  ])("%s", (_, keps, releases, nextKeps, nextReleases, expected) => {
    const previous = snapshot(keps, releases);
    const next = snapshot(nextKeps, nextReleases);
    // A shrunken release list keeps the newest releases (as an archive with the last READMEs would).
    if (nextReleases < releases) next.releases = previous.releases.slice(releases - nextReleases);
    const message = checkShrink(previous, next);
    if (expected === null) expect(message).toBeNull();
    else expect(message).toMatch(expected);
  });

  test("counts a KEP marked deleted as dropped", () => {
    expect(
      checkShrink(
        snapshot(100, 19),
        snapshot(
          100,
          19,
          Array.from({ length: 21 }, (_, i) => i + 1),
        ),
      ),
    ).toMatch(/21 of 100 KEPs/);
  });

  test("does not count KEPs that were already deleted before", () => {
    const deleted = Array.from({ length: 50 }, (_, i) => i + 1);
    expect(checkShrink(snapshot(100, 19, deleted), snapshot(100, 19, deleted))).toBeNull();
  });

  test("does not count releases older than the oldest one synced (--from)", () => {
    const previous = snapshot(10, 19);
    const next = { ...previous, releases: previous.releases.filter((r) => r.version >= "1.25") };
    expect(checkShrink(previous, next, { from: "1.25" })).toBeNull();
    expect(checkShrink(previous, next)).toMatch(/6 of 19 releases/);
  });

  test("accepts anything on a first sync (no previous snapshot)", () => {
    expect(checkShrink(null, snapshot(1, 1))).toBeNull();
  });
});
