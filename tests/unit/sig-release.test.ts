import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import {
  parseExceptions,
  parseReleaseReadme,
  parseReleaseTeam,
  type ReleaseSource,
  readSigRelease,
} from "../../scripts/sync/sig-release.ts";
import {
  FreezeExceptionSchema,
  type PhaseId,
  SchedulePhaseSchema,
  TeamMemberSchema,
  type Warning,
  WarningSchema,
} from "../../src/lib/schema.ts";

// The read-only upstream mirror sits beside the project clone (../shared).
const SIG_RELEASE = fileURLToPath(new URL("../../../shared/upstream/kubernetes-sig-release/", import.meta.url));
const upstream = readSigRelease(SIG_RELEASE);
const VERSIONS = Array.from({ length: 19 }, (_, i) => `1.${19 + i}`);

function release(version: string): ReleaseSource {
  const found = upstream.releases.find((r) => r.version === version);
  if (!found) throw new Error(`release ${version} missing from the upstream mirror`);
  return found;
}

function phase(source: { schedule: ReleaseSource["schedule"] }, id: PhaseId) {
  return source.schedule.find((p) => p.id === id);
}

function kinds(warnings: Warning[]): string[] {
  return warnings.map((w) => w.kind);
}

function warningsOf(version: string, kind: string): Warning[] {
  return upstream.warnings.filter((w) => w.release === version && w.kind === kind);
}

const README = "releases/release-1.29/README.md";

/** A small README in the current layout: a Summary list and a Timeline table. */
function readme(summary: string[], timeline: [string, string][], title = "# Kubernetes 1.29: Test"): string {
  const rows = timeline.map(([what, when]) => `| ${what} | Lead | ${when} | week 1 |`);
  return [
    title,
    "",
    "## Summary",
    "",
    ...summary.map((line) => `- ${line}`),
    "",
    "## Timeline",
    "",
    "| **What** | **Who** | **When** | **Week** |",
    "|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

describe("real sig-release data", () => {
  test("reads every release folder from 1.19 to 1.37 in version order", () => {
    expect(upstream.releases.map((r) => r.version)).toEqual(VERSIONS);
  });

  test("1.29 is Mandala (The Universe), released 2023-12-13, enhancements freeze Thursday 5 October 18:00 PDT", () => {
    const r = release("1.29");
    expect(r.theme).toBe("Mandala (The Universe)");
    expect(phase(r, "release")?.date).toBe("2023-12-13");
    expect(phase(r, "enhancements-freeze")).toEqual({
      id: "enhancements-freeze",
      date: "2023-10-05",
      at: "2023-10-06T01:00:00Z",
      zone: "PDT",
    });
  });

  test("every release has a release date, and a theme or a theme-missing warning", () => {
    for (const version of VERSIONS) {
      const r = release(version);
      expect(phase(r, "release")?.date, version).toMatch(/^20\d\d-\d\d-\d\d$/);
      if (r.theme === null) expect(warningsOf(version, "theme-missing"), version).toHaveLength(1);
    }
  });

  test("reads the themes of releases whose H1 names one", () => {
    const themes = Object.fromEntries(VERSIONS.map((v) => [v, release(v).theme]));
    expect(themes).toMatchObject({
      "1.19": "Accentuate The Paw-sitive",
      "1.21": "Power to the Community",
      "1.24": "Stargazer",
      "1.33": "Octarine (The Color of Magic)",
      "1.34": "Of Wind & Will (O' WaW)",
      "1.35": "Timbernetes (World Tree Release)",
    });
  });

  test("finds all seven phases from 1.23 on and all but the PRR freeze before it", () => {
    for (const version of VERSIONS) {
      const expected = Number(version.split(".")[1]) >= 23 ? 7 : 6;
      expect(release(version).schedule, version).toHaveLength(expected);
    }
    expect(warningsOf("1.19", "schedule-missing").map((w) => w.field)).toEqual(["schedule.prr-freeze"]);
  });

  test("keeps schedule phases in cycle order and valid against the schema", () => {
    for (const version of VERSIONS) {
      const r = release(version);
      for (const p of r.schedule) SchedulePhaseSchema.parse(p);
      const dates = r.schedule.map((p) => p.date);
      expect(dates[0], version).toBe([...dates].sort()[0]);
      expect(dates.at(-1), version).toBe([...dates].sort().at(-1));
    }
  });

  test("infers 2020 for the yearless 1.19 schedule and reports the inference", () => {
    expect(phase(release("1.19"), "cycle-start")?.date).toBe("2020-04-13");
    expect(phase(release("1.19"), "release")?.date).toBe("2020-08-26");
    expect(warningsOf("1.19", "schedule-year-inferred").length).toBeGreaterThan(0);
  });

  test("keeps the 1.30 Timeline test freeze over the Summary and says why", () => {
    expect(phase(release("1.30"), "test-freeze")?.at).toBe("2024-03-27T01:00:00Z");
    const [conflict] = warningsOf("1.30", "schedule-conflict");
    expect(conflict?.field).toBe("schedule.test-freeze");
    expect(conflict?.value).toMatch(/^kept timeline/);
  });

  test("keeps the 1.31 Summary test freeze because its Timeline row mixes 01:00 UTC with 19:00 PDT", () => {
    expect(phase(release("1.31"), "test-freeze")?.at).toBe("2024-07-31T02:00:00Z");
    expect(warningsOf("1.31", "schedule-conflict")[0]?.value).toMatch(/^kept summary/);
  });

  test("reads Anywhere-on-Earth deadlines from 1.35 on their AoE day, ending 12:00 UTC the next day", () => {
    expect(phase(release("1.35"), "enhancements-freeze")).toEqual({
      id: "enhancements-freeze",
      date: "2025-10-16",
      at: "2025-10-17T12:00:00Z",
      zone: "AoE",
    });
  });

  test("plans 1.37 for late August 2026", () => {
    expect(phase(release("1.37"), "release")?.date).toBe("2026-08-26");
  });

  test("gives no logo for releases without an image file", () => {
    for (const version of ["1.21", "1.22", "1.28", "1.30", "1.31", "1.32", "1.34", "1.36", "1.37"]) {
      expect(release(version).logo, version).toBeNull();
    }
  });

  test("falls back to the SVG for 1.35, whose README points at a missing PNG", () => {
    expect(release("1.35").logo).toBe("releases/release-1.35/logo/k8s135-timbernetes.svg");
    expect(warningsOf("1.35", "logo-missing")[0]?.action).toBe("normalised");
  });

  test("finds logos under logo/, beside the README, and without a README reference", () => {
    expect(release("1.29").logo).toBe("releases/release-1.29/logo/k8s129-mandala-512px.png");
    expect(release("1.19").logo).toBe("releases/release-1.19/accentuate-the-pawsitive.png");
    expect(release("1.27").logo).toBe("releases/release-1.27/logo/127-logo.png");
  });

  test("lists a 1.29 release team lead with role Lead and a GitHub handle without @", () => {
    const leads = release("1.29").team.filter((m) => m.role === "Lead" && !m.shadow);
    expect(leads).toHaveLength(1);
    expect(leads[0]?.github).toMatch(/^[A-Za-z0-9-]+$/);
    for (const member of release("1.29").team) TeamMemberSchema.parse(member);
  });

  test("recovers the 1.20 and 1.23 exceptions files and names them in a warning", () => {
    expect(release("1.20").exceptions).toHaveLength(16);
    expect(release("1.23").exceptions).toHaveLength(11);
    for (const version of ["1.20", "1.23"]) {
      const [warning] = warningsOf(version, "exceptions-unparsable");
      expect(warning?.file).toBe(`releases/release-${version}/exceptions.yaml`);
    }
  });

  test("reads the freeze type of 1.20 to 1.23 exceptions from their comments", () => {
    const freezes = new Set(release("1.21").exceptions.map((e) => e.freeze));
    expect(freezes).toEqual(new Set(["enhancements", "code"]));
  });

  test("normalises removed to withdrawn (1.32) and rejected to denied (1.36)", () => {
    expect(release("1.32").exceptions.map((e) => e.status)).toContain("withdrawn");
    expect(release("1.36").exceptions.map((e) => e.status)).toContain("denied");
    for (const e of release("1.36").exceptions) FreezeExceptionSchema.parse(e);
  });

  test("reports missing files as warnings instead of failing", () => {
    const missing = upstream.warnings.filter((w) => w.kind === "file-missing").map((w) => w.value);
    expect(missing).toEqual([
      "releases/release-1.19/release-team.md",
      "releases/release-1.24/exceptions.yaml",
      "releases/release-1.37/exceptions.yaml",
    ]);
  });

  test("emits only schema-valid warnings", () => {
    for (const warning of upstream.warnings) WarningSchema.parse(warning);
  });

  test("gives the same output for the same input", () => {
    expect(readSigRelease(SIG_RELEASE)).toEqual(upstream);
  });

  test("starts at the from option", () => {
    expect(readSigRelease(SIG_RELEASE, { from: "1.35" }).releases.map((r) => r.version)).toEqual([
      "1.35",
      "1.36",
      "1.37",
    ]);
  });
});

describe("parseReleaseReadme: themes and logos", () => {
  test("strips trailing emoji from the theme", () => {
    expect(parseReleaseReadme("# Kubernetes 1.29: Lantern Walk 🏮✨\n", README, "1.29").theme).toBe("Lantern Walk");
  });

  test("gives null and a warning when the H1 names only the version", () => {
    const parsed = parseReleaseReadme("# Kubernetes v1.40\n", README, "1.40");
    expect(parsed.theme).toBeNull();
    expect(kinds(parsed.warnings)).toContain("theme-missing");
  });

  test("leads with the name when the H1 replaces Kubernetes", () => {
    expect(parseReleaseReadme("# Pinenetes v1.41 - Forest Release\n", README, "1.41").theme).toBe(
      "Pinenetes (Forest Release)",
    );
  });

  test("resolves the README image against the README folder and drops the query string", () => {
    expect(parseReleaseReadme("# K\n\n![logo](./logo/a.png?raw=true)\n", README, "1.29").logo).toBe(
      "releases/release-1.29/logo/a.png",
    );
    expect(parseReleaseReadme('<img src="b.png" height=400>', README, "1.29").logo).toBe("releases/release-1.29/b.png");
  });

  test("ignores remote images", () => {
    expect(parseReleaseReadme("![x](https://example.com/x.png)", README, "1.29").logo).toBeNull();
  });
});

describe("parseReleaseReadme: schedule formats", () => {
  test("infers the year of dates that carry none from their weekdays", () => {
    const text = readme(
      ["**Monday, April 13**: Week 1 - Release cycle begins"],
      [["Start of Release Cycle", "Mon, April 13"]],
    );
    expect(phase(parseReleaseReadme(text, README, "1.19"), "cycle-start")?.date).toBe("2020-04-13");
  });

  test("moves yearless dates into the next year when a cycle crosses New Year", () => {
    const text = readme(
      [
        "**Monday, December 7**: Week 1 - Release cycle begins",
        "**Tuesday, January 12**: Week 6 - Kubernetes v1.20.0 released",
      ],
      [],
    );
    const parsed = parseReleaseReadme(text, README, "1.20");
    expect(phase(parsed, "cycle-start")?.date).toBe("2020-12-07");
    expect(phase(parsed, "release")?.date).toBe("2021-01-12");
  });

  test("reads wrong ordinals and misspelled weekdays, and reports them", () => {
    const text = readme(
      [
        "**Wednesday 26nd July 2023**: Week 11 — Test Freeze",
        "**Tueday 15th August 2023**: Week 14 — v1.29.0 released",
      ],
      [],
    );
    const parsed = parseReleaseReadme(text, README, "1.29");
    expect(phase(parsed, "test-freeze")?.date).toBe("2023-07-26");
    expect(phase(parsed, "release")?.date).toBe("2023-08-15");
    expect(parsed.warnings.filter((w) => w.kind === "schedule-typo")).toHaveLength(2);
  });

  test("keeps the written date and warns when the weekday disagrees with it", () => {
    const text = readme(["**Monday 5th September 2023**: Week 1 — Release cycle begins"], []);
    const parsed = parseReleaseReadme(text, README, "1.29");
    expect(phase(parsed, "cycle-start")?.date).toBe("2023-09-05");
    expect(parsed.warnings.find((w) => w.kind === "schedule-weekday-mismatch")).toMatchObject({
      field: "schedule.cycle-start",
      action: "ignored",
      release: "1.29",
      file: README,
    });
  });

  test("takes the instant from the UTC time and the day from the Pacific one when both are written", () => {
    const when = "[01:00 UTC Friday 6th October 2023 / 18:00 PDT Thursday 5th October 2023](https://example.com/s/x)";
    const parsed = parseReleaseReadme(readme([], [["**Begin [Enhancements Freeze]**", when]]), README, "1.29");
    expect(phase(parsed, "enhancements-freeze")).toEqual({
      id: "enhancements-freeze",
      date: "2023-10-05",
      at: "2023-10-06T01:00:00Z",
      zone: "PDT",
    });
  });

  test("keeps the UTC day when a schedule gives its time in UTC only", () => {
    const when = "01:00 UTC Friday 6th October 2023";
    const parsed = parseReleaseReadme(readme([], [["**Begin [Enhancements Freeze]**", when]]), README, "1.29");
    expect(phase(parsed, "enhancements-freeze")).toMatchObject({ date: "2023-10-06", zone: "UTC" });
  });

  test("reads a PST label in summer as Pacific daylight time and reports the label", () => {
    const text = readme(["**18:00 PST Thursday 15th June 2023**: Week 5 — Enhancements Freeze"], []);
    const parsed = parseReleaseReadme(text, README, "1.29");
    expect(phase(parsed, "enhancements-freeze")).toEqual({
      id: "enhancements-freeze",
      date: "2023-06-15",
      at: "2023-06-16T01:00:00Z",
      zone: "PDT",
    });
    expect(kinds(parsed.warnings)).toContain("schedule-zone-label");
  });

  test("reads a time note in an old Timeline's What column", () => {
    const text = readme([], [["**Begin [Code Freeze]** (18:00 PDT)", "Thur July 8"]]);
    expect(phase(parseReleaseReadme(text, README, "1.22"), "code-freeze")?.at).toBe("2021-07-09T01:00:00Z");
  });

  test("warns when a cell's UTC and Pacific times name different instants", () => {
    const text = readme(["**01:00 UTC Wednesday 31st July 2024 / 19:00 PDT Tuesday 30th July 2024**: Test Freeze"], []);
    const parsed = parseReleaseReadme(text, README, "1.31");
    expect(phase(parsed, "test-freeze")?.at).toBe("2024-07-31T01:00:00Z");
    expect(kinds(parsed.warnings)).toContain("schedule-zone-mismatch");
  });

  test("takes the AoE day of an AoE deadline written with its UTC cutoff", () => {
    const when = "Thursday 16th October 2025 (AoE) / Friday 17th October 2025, 12:00 UTC";
    const parsed = parseReleaseReadme(readme([], [["**Begin [Enhancements Freeze]**", when]]), README, "1.35");
    expect(phase(parsed, "enhancements-freeze")).toEqual({
      id: "enhancements-freeze",
      date: "2025-10-16",
      at: "2025-10-17T12:00:00Z",
      zone: "AoE",
    });
  });

  test("ends an AoE-only deadline at 12:00 UTC the next day", () => {
    const parsed = parseReleaseReadme(
      readme([], [["**[Docs Freeze]**", "Tuesday 2nd December 2025 (AoE)"]]),
      README,
      "1.35",
    );
    expect(phase(parsed, "docs-freeze")).toEqual({
      id: "docs-freeze",
      date: "2025-12-02",
      at: "2025-12-03T12:00:00Z",
      zone: "AoE",
    });
  });

  test("counts a date range from its first day", () => {
    const text = readme(
      ["**Monday 6th - Thursday 9th November 2023**: Week 10 — Docs must be completed and reviewed"],
      [],
    );
    expect(phase(parseReleaseReadme(text, README, "1.29"), "docs-freeze")?.date).toBe("2023-11-06");
  });

  test("keeps the Timeline when Summary and Timeline disagree and both are self-consistent", () => {
    const text = readme(
      ["**01:00 UTC Wednesday 20th March 2024 / 18:00 PDT Tuesday 19th March 2024**: Week 11 — Test Freeze"],
      [["**[Test Freeze]**", "01:00 UTC Wednesday 27th March 2024 / 18:00 PDT Tuesday 26th March 2024"]],
    );
    const parsed = parseReleaseReadme(text, README, "1.30");
    expect(phase(parsed, "test-freeze")?.date).toBe("2024-03-26");
    expect(parsed.warnings.find((w) => w.kind === "schedule-conflict")?.value).toMatch(/^kept timeline/);
  });

  test("reads code and test freeze from one combined row", () => {
    const text = readme([], [["**Begin [Code Freeze] and [Test Freeze]**", "02:00 UTC Friday 8th November 2024"]]);
    const parsed = parseReleaseReadme(text, README, "1.32");
    expect(phase(parsed, "code-freeze")?.at).toBe("2024-11-08T02:00:00Z");
    expect(phase(parsed, "test-freeze")?.at).toBe("2024-11-08T02:00:00Z");
  });

  test("does not take reminders and exception calls for freezes", () => {
    const text = readme(
      [],
      [
        ["Brace Yourself, Code Freeze is Coming", "Monday 23rd October 2023"],
        ["Call for Code Freeze [Exceptions]", "Monday 23rd October 2023"],
      ],
    );
    expect(phase(parseReleaseReadme(text, README, "1.29"), "code-freeze")).toBeUndefined();
  });

  test("reports a phase whose date cannot be read, and truncates the value to 200 characters", () => {
    const text = readme([], [["**[Test Freeze]**", `TBD ${"later ".repeat(60)}`]]);
    const parsed = parseReleaseReadme(text, README, "1.29");
    const warning = parsed.warnings.find((w) => w.kind === "schedule-unreadable");
    expect(warning?.field).toBe("schedule.test-freeze");
    expect(warning?.value.length).toBeLessThanOrEqual(200);
    WarningSchema.parse(warning);
  });

  test("reports every phase it cannot find", () => {
    const parsed = parseReleaseReadme(readme([], []), README, "1.29");
    expect(parsed.warnings.filter((w) => w.kind === "schedule-missing")).toHaveLength(7);
  });

  test("survives an empty README", () => {
    const parsed = parseReleaseReadme("", README, "1.29");
    expect(parsed).toMatchObject({ theme: null, logo: null, schedule: [] });
    expect(kinds(parsed.warnings)).toContain("theme-missing");
  });

  test("survives a binary file read as text", () => {
    const garbage = "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000|\u0000||**:\u0000# \uFFFD\uFFFD".repeat(50);
    const parsed = parseReleaseReadme(garbage, README, "1.29");
    expect(parsed.logo).toBeNull();
    expect(parsed.schedule).toEqual([]);
    for (const warning of parsed.warnings) WarningSchema.parse(warning);
  });
});

describe("parseReleaseTeam", () => {
  const TEAM = "releases/release-1.40/release-team.md";

  test("reads the lead and shadows of each role, handles from the link target", () => {
    const text = [
      "| **Team/Role** | **Lead Name** (**GitHub / Slack ID**) | **Shadow Name(s) (GitHub / Slack ID)** |",
      "|---|---|---|",
      "| Release Team Lead | Ada Example ([@ada-x](https://github.com/ada-x) / Slack: `@Ada`) | Bo Sample ([@bo](https://github.com/bo) / Slack: `@bo`), Cy Test ([@cy](https://github.com/cy-t), Slack: `@cy (aka c)`) |",
      "| Docs | Di Person ([@di](https://github.com/di) / Slack: `@di`) | N/A |",
    ].join("\n");
    const parsed = parseReleaseTeam(text, TEAM);
    expect(parsed.team).toEqual([
      { role: "Lead", name: "Ada Example", github: "ada-x", shadow: false },
      { role: "Lead", name: "Bo Sample", github: "bo", shadow: true },
      { role: "Lead", name: "Cy Test", github: "cy-t", shadow: true },
      { role: "Docs Lead", name: "Di Person", github: "di", shadow: false },
    ]);
    expect(parsed.warnings.find((w) => w.kind === "roster-handle-mismatch")?.release).toBe("1.40");
  });

  test("reads the older Role / Name layout", () => {
    const text = [
      "| **Role** | **Name** (**GitHub / Slack ID**) | **Shadow Name(s) (GitHub / Slack ID)** |",
      "|----------|----|----|",
      "| Lead | Ed Old ([@edold](https://github.com/edold)) / Slack: `@ed` | |",
      "| Branch Manager | Flo Bm ([@flo](https://github.com/flo) / Slack: `@flo`) | |",
    ].join("\n");
    expect(parseReleaseTeam(text, TEAM).team.map((m) => [m.role, m.github])).toEqual([
      ["Lead", "edold"],
      ["Branch Manager", "flo"],
    ]);
  });

  test("reports seats still marked TBD", () => {
    const text = "| Team/Role | Lead Name | Shadow Name(s) |\n|---|---|---|\n| Branch Manager | TBD | TBD |\n";
    expect(kinds(parseReleaseTeam(text, TEAM).warnings)).toContain("roster-placeholder");
  });

  test("reports a roster without a table", () => {
    const parsed = parseReleaseTeam("# MOVED to another file\n", TEAM);
    expect(parsed.team).toEqual([]);
    expect(parsed.warnings[0]).toMatchObject({ kind: "roster-empty", action: "skipped-file" });
  });
});

describe("parseExceptions", () => {
  const FILE = "releases/release-1.40/exceptions.yaml";
  const entry = (name: string, status: string, extra = "") =>
    `- name: "${name}"\n  issue: 100\n  date_requested: 2024-01-02\n  pull_requests:\n    - "https://github.com/kubernetes/kubernetes/pull/1"${extra}\n  status: ${status}\n`;

  test("reads freeze types from the map keys", () => {
    const text = `enhancementFreeze:\n${entry("a", '"approved"')}codeFreeze:\n${entry("b", '"denied"')}`;
    expect(parseExceptions(text, FILE, "1.40")).toEqual({
      exceptions: [
        { kep: 100, freeze: "enhancements", status: "approved", requested: "2024-01-02", pullRequests: 1 },
        { kep: 100, freeze: "code", status: "denied", requested: "2024-01-02", pullRequests: 1 },
      ],
      warnings: [],
    });
  });

  test("reads freeze types from comments when the file is a flat list", () => {
    const text = `# Enhancements Freeze Exceptions\n${entry("a", "approved")}\n# Code Freeze Exceptions\n${entry("b", "approved")}`;
    const parsed = parseExceptions(text, FILE, "1.40");
    expect(parsed.exceptions.map((e) => e.freeze)).toEqual(["enhancements", "code"]);
    expect(kinds(parsed.warnings)).toEqual(["exceptions-freeze-in-comment"]);
  });

  test("recovers a list with a stray comma and warns with the file name", () => {
    const text = `codeFreeze:\n${entry("a", "approved", ", ")}`;
    const parsed = parseExceptions(text, FILE, "1.40");
    expect(parsed.exceptions).toHaveLength(1);
    expect(parsed.warnings[0]).toMatchObject({ kind: "exceptions-unparsable", file: FILE, action: "normalised" });
  });

  test("recovers a file broken by an invisible character on its own line", () => {
    const text = `# Code Freeze Exceptions\n${entry("a", "approved")}\u200B\n${entry("b", "approved")}`;
    const parsed = parseExceptions(text, FILE, "1.40");
    expect(parsed.exceptions.map((e) => e.freeze)).toEqual(["code", "code"]);
    expect(kinds(parsed.warnings)).toContain("exceptions-unparsable");
  });

  test("reads entry by entry when the file stays broken, skipping only the broken entry", () => {
    const text = `codeFreeze:\n${entry("a", "approved")}- name: "b\n  status: [unclosed\n${entry("c", "denied")}`;
    const parsed = parseExceptions(text, FILE, "1.40");
    expect(parsed.exceptions.map((e) => e.status)).toEqual(["approved", "denied"]);
    expect(kinds(parsed.warnings)).toEqual(
      expect.arrayContaining(["exceptions-unparsable", "exceptions-entry-unparsable"]),
    );
  });

  test("normalises status wording and keeps unknown words as unknown with a warning", () => {
    const statuses = ["Approved", "REJECTED", "removed", "pending", "maybe later"];
    const text = `codeFreeze:\n${statuses.map((s, i) => entry(String(i), `"${s}"`)).join("")}`;
    const parsed = parseExceptions(text, FILE, "1.40");
    expect(parsed.exceptions.map((e) => e.status)).toEqual(["approved", "denied", "withdrawn", "pending", "unknown"]);
    expect(parsed.warnings).toEqual([
      {
        kind: "exceptions-status-unknown",
        file: FILE,
        field: "exceptions[4].status",
        value: "maybe later",
        action: "kept-raw",
        release: "1.40",
      },
    ]);
  });

  test("does not mistake a prototype name for a status word", () => {
    const parsed = parseExceptions('codeFreeze:\n- issue: 1\n  status: "constructor"\n', FILE, "1.40");
    expect(parsed.exceptions[0]?.status).toBe("unknown");
  });

  test("reads issue numbers written as text or as an enhancements issue URL", () => {
    const text = [
      "codeFreeze:",
      '- issue: "#42"\n  status: approved',
      '- issue: "https://github.com/kubernetes/enhancements/issues/43"\n  status: approved',
      '- issue: "soon"\n  status: approved',
    ].join("\n");
    const parsed = parseExceptions(text, FILE, "1.40");
    expect(parsed.exceptions.map((e) => e.kep)).toEqual([42, 43, null]);
    expect(kinds(parsed.warnings)).toEqual(["exceptions-issue-unreadable"]);
  });

  test("pads an unpadded request date and reports it", () => {
    const text = 'codeFreeze:\n- issue: 1\n  date_requested: 2020-11-2\n  status: "approved"\n';
    const parsed = parseExceptions(text, FILE, "1.40");
    expect(parsed.exceptions[0]?.requested).toBe("2020-11-02");
    expect(kinds(parsed.warnings)).toEqual(["exceptions-date-format"]);
  });

  test("gives nothing and no throw for an empty file or a file of prose", () => {
    expect(parseExceptions("", FILE, "1.40").exceptions).toEqual([]);
    expect(kinds(parseExceptions("just some words", FILE, "1.40").warnings)).toEqual(["exceptions-unreadable"]);
  });
});

describe("readSigRelease on a scratch folder", () => {
  const root = mkdtempSync(path.join(tmpdir(), "sig-release-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function write(file: string, content: string | Buffer = ""): void {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }

  test("throws with the path when there is no releases folder", () => {
    const missing = path.join(root, "nowhere");
    expect(() => readSigRelease(missing)).toThrow(path.join(missing, "releases"));
  });

  test("sorts releases numerically, skips older ones and warns about missing files", () => {
    for (const version of ["1.9", "1.10", "1.11", "1.12"])
      mkdirSync(path.join(root, `releases/release-${version}`), { recursive: true });
    write("releases/notes.md", "not a release");
    const result = readSigRelease(root, { from: "1.10" });
    expect(result.releases.map((r) => r.version)).toEqual(["1.10", "1.11", "1.12"]);
    expect(result.warnings.filter((w) => w.release === "1.11").map((w) => w.kind)).toEqual([
      "file-missing",
      "file-missing",
      "file-missing",
    ]);
  });

  test.each([
    ["release-2.0", "release-folder-implausible"],
    ["release-1.999", "release-folder-unrecognised"],
    ["release-01.37", "release-folder-unrecognised"],
    ["release-1.60", "release-folder-implausible"],
  ])("skips %s with a warning instead of taking it for the current cycle", (folder, kind) => {
    for (const version of ["1.36", "1.37"])
      mkdirSync(path.join(root, `releases/release-${version}`), { recursive: true });
    mkdirSync(path.join(root, "releases", folder), { recursive: true });
    const result = readSigRelease(root, { from: "1.36" });
    expect(result.releases.map((r) => r.version)).toEqual(["1.36", "1.37"]);
    expect(result.warnings).toContainEqual(expect.objectContaining({ kind, file: `releases/${folder}` }));
  });

  test("prefers a web-sized PNG over a 300dpi one when the README names no image", () => {
    write("releases/release-1.40/README.md", "# Kubernetes 1.40: Scratch\n");
    const png = Buffer.from("\u0089PNG not really");
    write("releases/release-1.40/logo/x-300dpi.png", png);
    write("releases/release-1.40/logo/x-512px.png", png);
    write("releases/release-1.40/logo/x.svg", "<svg/>");
    expect(readSigRelease(root, { from: "1.40" }).releases[0]?.logo).toBe("releases/release-1.40/logo/x-512px.png");
  });
});
