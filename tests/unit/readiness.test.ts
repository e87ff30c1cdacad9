/**
 * Freeze readiness on real KEPs: each rule on a KEP that passes or fails it at a real enhancements
 * freeze (files read from the kubernetes/enhancements bundle at that commit), the evidence and
 * "unknown" behaviour, hostile inputs, GitHub precedence, the comment, and the committed results
 * matching a fresh computation.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type GitRepo, openEnhancementsRepo, runGit } from "../../scripts/sync/git-history.ts";
import { openReadCache } from "../../scripts/sync/read-cache.ts";
import { buildReadiness, renderReadiness, TEMPLATE_PATH } from "../../scripts/sync/readiness.ts";
import { readReadiness } from "../../src/data/readiness.ts";
import { readSnapshot } from "../../src/data/snapshot.ts";
import { checkKepAt, findTargetStage, type ReadinessInput } from "../../src/lib/readiness/checks.ts";
import { composeStatusComment } from "../../src/lib/readiness/comment.ts";
import { readMarkdown, readTemplate } from "../../src/lib/readiness/readme.ts";
import { judgeChecks } from "../../src/lib/readiness/verdict.ts";
import {
  compareWithOutcome,
  deriveFunnel,
  pickEvaluation,
  readinessForKep,
  resolveEvidenceFile,
} from "../../src/lib/readiness/view.ts";
import type { Kep, ReadinessCheck } from "../../src/lib/schema.ts";
import { ENHANCEMENTS_BUNDLE } from "./upstream.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../content");
const snapshot = readSnapshot(CONTENT);
const committed = readReadiness(CONTENT);
const kepByNumber = new Map(snapshot.keps.map((k) => [k.number, k]));
const releaseOf = (v: string) => snapshot.releases.find((r) => r.version === v)!;
let repo: GitRepo;

beforeAll(async () => {
  repo = await openEnhancementsRepo(ENHANCEMENTS_BUNDLE);
});
afterAll(() => repo?.close());

/** A file at a commit of the bundle, or null when the tree lacks it. */
function show(commit: string, file: string | null): string | null {
  if (!file) return null;
  try {
    return runGit(repo.dir, ["show", `${commit}:${file}`]).toString("utf8");
  } catch {
    return null;
  }
}

/** The inputs the sync read for a KEP at a cycle's enhancements freeze, read again from the bundle. */
function inputAtFreeze(version: string, kep: number): ReadinessInput {
  const evaluation = pickEvaluation(committed.get(version), "enhancements-freeze")!;
  const stored = evaluation.keps.find((k) => k.kep === kep)!;
  const commit = evaluation.commit;
  const template = show(commit, TEMPLATE_PATH);
  return {
    version,
    commit,
    kepYaml: { path: `${stored.folder}/kep.yaml`, text: show(commit, `${stored.folder}/kep.yaml`) },
    prr: { path: stored.prr, text: show(commit, stored.prr) },
    readme: { path: `${stored.folder}/README.md`, text: show(commit, `${stored.folder}/README.md`) },
    template: { path: TEMPLATE_PATH, model: template === null ? null : readTemplate(template) },
  };
}

const resultOf = (checks: ReadinessCheck[], rule: ReadinessCheck["rule"]) =>
  checks.find((c) => c.rule === rule)?.result;

describe("rules on real KEPs at enhancements freeze", () => {
  test.each([
    {
      name: "KEP-127 user namespaces, stable in 1.36: status implementable",
      version: "1.36",
      kep: 127,
      rule: "status-implementable",
      result: "pass",
    },
    {
      name: "KEP-127 user namespaces, stable in 1.36: PRR approval for stable",
      version: "1.36",
      kep: 127,
      rule: "prr-approval",
      result: "pass",
    },
    {
      name: "KEP-127 user namespaces, stable in 1.36: milestone.stable is v1.36",
      version: "1.36",
      kep: 127,
      rule: "stage-milestone",
      result: "pass",
    },
    {
      name: "KEP-2593 multiple cluster CIDRs, withdrawn at 1.29 freeze: status fails",
      version: "1.29",
      kep: 2593,
      rule: "status-implementable",
      result: "fail",
    },
    {
      name: "KEP-2593 at 1.29: Troubleshooting unanswered for beta",
      version: "1.29",
      kep: 2593,
      rule: "prr-questionnaire",
      result: "fail",
    },
    {
      name: "KEP-2593 at 1.29: Monitoring Requirements unanswered for beta",
      version: "1.29",
      kep: 2593,
      rule: "monitoring",
      result: "fail",
    },
    {
      name: "KEP-3673 kubelet parallel image pulls at 1.32: latest-milestone still v1.30",
      version: "1.32",
      kep: 3673,
      rule: "latest-milestone",
      result: "fail",
    },
    {
      name: "KEP-4346 at 1.30: no PRR approval file",
      version: "1.30",
      kep: 4346,
      rule: "prr-approval",
      result: "fail",
    },
    {
      name: "KEP-365 at 1.29: no README in the KEP folder",
      version: "1.29",
      kep: 365,
      rule: "readme-present",
      result: "fail",
    },
    {
      name: "KEP-727 kubelet resource metrics at 1.29: no Alternatives heading",
      version: "1.29",
      kep: 727,
      rule: "readme-template",
      result: "fail",
    },
    { name: "KEP-4188 at 1.29: no Test Plan section", version: "1.29", kep: 4188, rule: "test-plan", result: "fail" },
    {
      name: "KEP-4192 at 1.29: graduation criteria do not cover alpha",
      version: "1.29",
      kep: 4192,
      rule: "graduation-criteria",
      result: "fail",
    },
    {
      name: "KEP-2371 at 1.29: alpha without a feature gate in kep.yaml",
      version: "1.29",
      kep: 2371,
      rule: "feature-gate",
      result: "fail",
    },
    {
      name: "KEP-127 at 1.29: alpha named only by latest-milestone is unknown",
      version: "1.29",
      kep: 127,
      rule: "stage-milestone",
      result: "unknown",
    },
  ] as const)("$name", ({ version, kep, rule, result }) => {
    expect(resultOf(checkKepAt(inputAtFreeze(version, kep)).checks, rule)).toBe(result);
  });

  test("KEP-3673's latest-milestone evidence names the field, its value and its line", () => {
    const check = checkKepAt(inputAtFreeze("1.32", 3673)).checks.find((c) => c.rule === "latest-milestone");
    expect(check?.evidence).toMatchObject({ field: "latest-milestone", value: "v1.30", line: expect.any(Number) });
  });

  test("KEP-727's missing template heading is listed by name", () => {
    const check = checkKepAt(inputAtFreeze("1.29", 727)).checks.find((c) => c.rule === "readme-template");
    expect(check?.evidence?.missing).toContain("Alternatives");
  });

  test("a removal target counts withdrawn as done and asks no PRR approval", () => {
    const target = findTargetStage({ deprecated: "v1.30" }, "beta", "v1.30", "1.30");
    expect(target).toEqual({ stage: "deprecated", fromMilestone: true });
  });
});

describe("hostile and missing inputs", () => {
  const base = (): ReadinessInput => inputAtFreeze("1.36", 127);

  test("a missing README fails readme-present and checks nothing else in it", () => {
    const { checks } = checkKepAt({ ...base(), readme: { path: "keps/x/README.md", text: null } });
    expect(checks.filter((c) => c.evidence !== null && c.rule.startsWith("readme"))).toHaveLength(1);
    expect(resultOf(checks, "readme-present")).toBe("fail");
    expect(resultOf(checks, "test-plan")).toBeUndefined();
  });

  test("a README whose Test Plan holds only TBD fails the test plan", () => {
    const text =
      "# KEP\n## Design Details\n### Test Plan\n\nTBD\n\n### Graduation Criteria\n#### Alpha\n- behind a gate, alpha tests written for the alpha release of this feature in kubelet\n";
    const { checks } = checkKepAt({ ...base(), readme: { path: "keps/x/README.md", text } });
    expect(resultOf(checks, "test-plan")).toBe("fail");
  });

  test("a README that is the template itself fails every section check", () => {
    const input = base();
    const template = show(input.commit, TEMPLATE_PATH);
    const { checks } = checkKepAt({ ...input, readme: { path: "keps/x/README.md", text: template } });
    expect(resultOf(checks, "readme-template")).toBe("pass");
    expect(resultOf(checks, "test-plan")).toBe("fail");
    expect(resultOf(checks, "graduation-criteria")).toBe("fail");
    expect(resultOf(checks, "prr-questionnaire")).toBe("fail");
  });

  test("a PRR file without an approver fails and names the field", () => {
    const { checks } = checkKepAt({
      ...base(),
      prr: { path: "keps/prod-readiness/sig-node/127.yaml", text: "kep-number: 127\nstable:\n  approver:\n" },
    });
    const check = checks.find((c) => c.rule === "prr-approval");
    expect(check).toMatchObject({ result: "fail", evidence: { field: "stable.approver", value: "(none)" } });
  });

  test("before approval files existed the PRR check is unknown, not failed", () => {
    expect(resultOf(checkKepAt({ ...base(), prr: null }).checks, "prr-approval")).toBe("unknown");
  });

  test("without the template of the day the README checks are unknown", () => {
    const { checks } = checkKepAt({ ...base(), template: { path: TEMPLATE_PATH, model: null } });
    expect(resultOf(checks, "test-plan")).toBe("unknown");
    expect(resultOf(checks, "readme-template")).toBe("unknown");
  });

  test("an unreadable kep.yaml makes the metadata checks unknown", () => {
    const { checks } = checkKepAt({ ...base(), kepYaml: { path: "keps/x/kep.yaml", text: "::: [" } });
    expect(resultOf(checks, "status-implementable")).toBe("unknown");
    expect(resultOf(checks, "latest-milestone")).toBe("unknown");
  });

  test("a README of a million lines is read only up to its bound", () => {
    const doc = readMarkdown("## Test Plan\n".repeat(200_000));
    expect(doc.lines.length).toBeLessThanOrEqual(1_000_000 / 12 + 1);
  });

  test("headings inside code fences and comments are not headings", () => {
    const doc = readMarkdown("```\n## Test Plan\n```\n<!--\n## Graduation Criteria\n-->\n## Summary\n");
    expect(doc.headings.map((h) => h.text)).toEqual(["Summary"]);
  });
});

describe("verdicts and views", () => {
  test.each([
    {
      name: "a failed required check is not ready",
      checks: [{ rule: "prr-approval", result: "fail" }],
      verdict: "not-ready",
    },
    { name: "a failed README check is at risk", checks: [{ rule: "test-plan", result: "fail" }], verdict: "at-risk" },
    {
      name: "an unknown required check is at risk",
      checks: [{ rule: "stage-milestone", result: "unknown" }],
      verdict: "at-risk",
    },
    {
      name: "a denied exception alone does not move the verdict",
      checks: [{ rule: "exception", result: "fail" }],
      verdict: "ready",
    },
  ] as const)("$name", ({ checks, verdict }) => {
    expect(judgeChecks(checks)).toBe(verdict);
  });

  test("GitHub's tracked/yes decides over a failing README check", () => {
    const stored = pickEvaluation(committed.get("1.29"), "enhancements-freeze")!.keps.find((k) => k.kep === 727)!;
    const kep = kepByNumber.get(727)!;
    const tracked: Kep = {
      ...kep,
      github: {
        issue: 727,
        title: kep.title,
        state: "open",
        stateReason: null,
        createdAt: "2019-01-01T00:00:00Z",
        closedAt: null,
        labels: [],
        milestone: null,
        assignees: [],
        comments: 0,
        reactions: 0,
        tracking: [
          {
            release: "1.29",
            status: "tracked",
            stage: stored.stage,
            optedInOn: "2023-09-10T00:00:00Z",
            trackedOn: "2023-10-01T00:00:00Z",
          },
        ],
      },
    };
    const view = readinessForKep(tracked, releaseOf("1.29"), committed.get("1.29"), "enhancements-freeze");
    expect(view).toMatchObject({ verdict: "ready", decidedBy: "github" });
  });

  test("evidence left unnamed in the snapshot resolves to the KEP's own file with a commit link", () => {
    const view = readinessForKep(
      kepByNumber.get(127)!,
      releaseOf("1.36"),
      committed.get("1.36"),
      "enhancements-freeze",
    )!;
    const status = view.checks.find((c) => c.rule === "status-implementable")!;
    expect(status.evidence?.url).toMatch(
      /^https:\/\/github\.com\/kubernetes\/enhancements\/blob\/[0-9a-f]{40}\/keps\/sig-node\/127-user-namespaces\/kep\.yaml#L\d+$/,
    );
    expect(resolveEvidenceFile("prr-approval", { folder: "keps/a/1-x", prr: null }, {})).toBe("keps/prod-readiness");
  });

  test("KEP-2593's status comment ticks nothing for the status and lists the unanswered Troubleshooting", () => {
    const view = readinessForKep(
      kepByNumber.get(2593)!,
      releaseOf("1.29"),
      committed.get("1.29"),
      "enhancements-freeze",
    )!;
    const comment = composeStatusComment(view, "1.29", { freezeWhen: null, readinessPage: "https://example.org/r/" });
    expect(comment).toContain("- [ ] kep.yaml says `status: implementable`");
    expect(comment).toContain("Troubleshooting");
    expect(comment).toContain("At risk for enhancements freeze");
  });

  test("a KEP not targeting the cycle has no readiness view", () => {
    expect(readinessForKep(kepByNumber.get(127)!, releaseOf("1.19"), committed.get("1.19"))).toBeNull();
  });

  test("1.36's outcome comparison counts every KEP targeting it once", () => {
    const outcome = compareWithOutcome(releaseOf("1.36"), committed.get("1.36"))!;
    const total = Object.values(outcome.byVerdict).reduce((n, v) => n + v.total, 0);
    expect(total).toBe(outcome.targeting);
  });

  test("the funnel has the cycle in progress with its same-week counts", () => {
    const funnel = deriveFunnel(snapshot.releases, committed);
    expect(funnel.find((p) => p.current)?.sameWeek).not.toBeNull();
    expect(funnel.filter((p) => p.shipped !== null).length).toBeGreaterThan(10);
  });
});

describe("the committed results", () => {
  // In memory only: the first computation fills it, the second reads from it.
  const cache = openReadCache(null, () => {});

  test("match a fresh computation from the bundle, byte for byte", async () => {
    const files = renderReadiness(await buildReadiness(repo, snapshot, cache));
    for (const [name, text] of files)
      expect(text, name).toBe(readFileSync(path.join(CONTENT, "snapshot", name), "utf8"));
    expect(files.size).toBe(committed.size);
  });

  test("are computed again from the read cache alone: the same files, no blob read, no check run", async () => {
    const blobsRead = cache.blobsRead;
    const checksRun = cache.readiness.misses;
    const files = renderReadiness(await buildReadiness(repo, snapshot, cache));
    for (const [name, text] of files)
      expect(text, name).toBe(readFileSync(path.join(CONTENT, "snapshot", name), "utf8"));
    expect(files.size).toBe(committed.size);
    expect(cache.blobsRead).toBe(blobsRead);
    expect(cache.readiness.misses).toBe(checksRun);
  });
});
