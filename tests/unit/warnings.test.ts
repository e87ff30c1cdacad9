import { expect, test } from "vitest";
import { githubProfile } from "../../src/lib/people.ts";
import type { Warning } from "../../src/lib/schema.ts";
import { WARNING_KINDS } from "../../src/lib/warning-kinds.ts";
import { describeWarningKind, groupWarnings } from "../../src/lib/warnings.ts";

test("a kep.yaml kind uses the reader's own description", () => {
  expect(describeWarningKind("milestone-placeholder")).toBe(WARNING_KINDS["milestone-placeholder"]);
});

test("a sig-release kind has a description of ours", () => {
  expect(describeWarningKind("schedule-zone-label").description).toMatch(/Pacific/);
});

test("an unknown kind still reads as a sentence", () => {
  expect(describeWarningKind("brand-new-kind")).toEqual({
    description: "Irregular value (brand new kind).",
    fix: "check the value in the source file",
  });
});

test("groupWarnings keeps kinds in first-seen order", () => {
  const w = (kind: Warning["kind"]): Warning => ({ kind, file: "f", field: "x", value: "", action: "ignored" });
  const [b, a] = ["schedule-typo", "handle-no-at"] as const;
  expect(groupWarnings([w(b), w(a), w(b)]).map((g) => [g.kind, g.items.length])).toEqual([
    [b, 2],
    [a, 1],
  ]);
});

test("githubProfile links real handles only", () => {
  expect(githubProfile("@thockin")).toBe("https://github.com/thockin");
  expect(githubProfile("kubernetes/sig-node")).toBeNull();
  expect(githubProfile("TBD person")).toBeNull();
});

test("every kind in the catalogue has a title, a meaning, an upstream fix and a source", () => {
  for (const [kind, entry] of Object.entries(WARNING_KINDS)) {
    expect(entry.kind, kind).toBe(kind);
    expect(entry.title.length, kind).toBeGreaterThan(3);
    expect(entry.description.length, kind).toBeGreaterThan(10);
    expect(entry.fix.length, kind).toBeGreaterThan(5);
    expect(["kep.yaml", "sig-release", "kep-identity", "github"], kind).toContain(entry.source);
  }
});

test("every warning of the committed snapshot names a kind the catalogue describes", async () => {
  const { getSiteData } = await import("../../src/data/site.ts");
  const unknown = getSiteData().warnings.filter((w) => !(w.kind in WARNING_KINDS));
  expect(unknown).toEqual([]);
});
