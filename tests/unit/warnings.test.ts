import { expect, test } from "vitest";
import { WARNING_KINDS } from "../../src/lib/kep-yaml.ts";
import { githubProfile } from "../../src/lib/people.ts";
import { describeWarningKind, groupWarnings } from "../../src/lib/warnings.ts";

test("a kep.yaml kind uses the reader's own description", () => {
  expect(describeWarningKind("milestone-placeholder")).toEqual(WARNING_KINDS["milestone-placeholder"]);
});

test("a sig-release kind has a description of ours", () => {
  expect(describeWarningKind("schedule-zone-label").description).toMatch(/Pacific/);
});

test("an unknown kind still reads as a sentence", () => {
  expect(describeWarningKind("brand-new-kind")).toEqual({
    description: "Irregular value (brand new kind).",
    fix: null,
  });
});

test("groupWarnings keeps kinds in first-seen order", () => {
  const w = (kind: string) => ({ kind, file: "f", field: "x", value: "", action: "ignored" as const });
  expect(groupWarnings([w("b"), w("a"), w("b")]).map((g) => [g.kind, g.items.length])).toEqual([
    ["b", 2],
    ["a", 1],
  ]);
});

test("githubProfile links real handles only", () => {
  expect(githubProfile("@thockin")).toBe("https://github.com/thockin");
  expect(githubProfile("kubernetes/sig-node")).toBeNull();
  expect(githubProfile("TBD person")).toBeNull();
});
