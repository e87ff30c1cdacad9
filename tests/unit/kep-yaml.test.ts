/**
 * kep.yaml and PRR readers: one test per irregularity class of
 * /work/shared/guides/kep-yaml-anomalies.md (sections 2-12 and the appendix), then the real
 * kubernetes/enhancements history, cloned from the shared bundle at test time.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  classifyKepPath,
  extractKepNumber,
  type KepParseResult,
  type KepRecord,
  normaliseMilestone,
  normaliseStage,
  normaliseStatus,
  parseKepYaml,
  parsePrrYaml,
} from "../../src/lib/kep-yaml.ts";
import { DateSchema, FeatureGateSchema, MilestonesSchema, type Warning, WarningSchema } from "../../src/lib/schema.ts";
import { WARNING_KINDS } from "../../src/lib/warning-kinds.ts";

const FILE = "keps/sig-node/753-sidecar-containers/kep.yaml";

/** The text after `key:` for a small, well-formed kep.yaml; tests override single keys (null drops the key). */
const BASE: Record<string, string> = {
  title: "Sidecar containers",
  "kep-number": "753",
  authors: '\n  - "@alice"',
  "owning-sig": "sig-node",
  status: "implementable",
  "creation-date": "2023-01-02",
  reviewers: '\n  - "@carol"',
  approvers: '\n  - "@bob"',
  stage: "alpha",
  "latest-milestone": '"v1.28"',
  milestone: '\n  alpha: "v1.28"',
};

function kepYaml(overrides: Record<string, string | null> = {}): string {
  const fields = { ...BASE, ...overrides };
  return Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([key, value]) => `${key}:${value.startsWith("\n") || value === "" ? "" : " "}${value}`)
    .join("\n");
}

function parse(overrides: Record<string, string | null> = {}): KepParseResult {
  return parseKepYaml(kepYaml(overrides), FILE);
}

function read(overrides: Record<string, string | null> = {}): KepRecord {
  const { record } = parse(overrides);
  if (record === null) throw new Error("expected a record");
  return record;
}

/** The warnings of a parse as "kind field=value (action)", for compact assertions. */
function warningsOf(result: { warnings: Warning[] }): string[] {
  return result.warnings.map((w) => `${w.kind} ${w.field}=${w.value} (${w.action})`);
}

describe("baseline", () => {
  test("reads a well-formed kep.yaml without warnings", () => {
    const result = parse();
    expect(warningsOf(result)).toEqual([]);
    expect(result.record).toEqual({
      kepNumber: 753,
      title: "Sidecar containers",
      owningSig: "sig-node",
      participatingSigs: [],
      status: "implementable",
      stage: "alpha",
      latestMilestone: "v1.28",
      milestones: { alpha: "v1.28" },
      clearedMilestones: [],
      featureGates: [],
      authors: ["alice"],
      reviewers: ["carol"],
      approvers: ["bob"],
      related: [],
      creationDate: "2023-01-02",
      lastUpdated: null,
    });
  });

  test("describes every warning kind with a fix", () => {
    for (const [kind, text] of Object.entries(WARNING_KINDS)) {
      expect(kind).toMatch(/^[a-z0-9-]+$/);
      expect(text.description.length).toBeGreaterThan(10);
      expect(text.fix.length).toBeGreaterThan(5);
    }
  });

  test("labels warnings with the file and a full commit", () => {
    const commit = "a".repeat(40);
    const { warnings } = parseKepYaml(kepYaml({ status: "imlpemented" }), FILE, commit);
    expect(warnings).toEqual([
      { kind: "status-typo", file: FILE, field: "status", value: "imlpemented", action: "normalised", commit },
    ]);
  });
});

describe("2. YAML-level hazards", () => {
  test("reads creation-date 2023-14-05 (impossible month) as a string, drops it and warns", () => {
    const result = parse({ "creation-date": "2023-14-05" });
    expect(result.record?.creationDate).toBeNull();
    expect(warningsOf(result)).toEqual(["date-invalid creation-date=2023-14-05 (ignored)"]);
  });

  test("reads disable-supported: yes without failing (YAML 1.2 keeps it a string)", () => {
    expect(warningsOf(parse({ "disable-supported": "yes" }))).toEqual([]);
  });

  test("reads a file without a trailing newline", () => {
    expect(kepYaml().endsWith("\n")).toBe(false);
    expect(parse().record).not.toBeNull();
  });

  test("never turns an unquoted 1.30 milestone into v1.3", () => {
    expect(read({ "latest-milestone": "1.30" }).latestMilestone).toBe("v1.30");
  });

  test("keeps kep-number 0000 as 0, not as octal", () => {
    expect(read({ "kep-number": "0000" }).kepNumber).toBe(0);
  });

  test("skips text that is not YAML with a warning instead of throwing", () => {
    const result = parseKepYaml("title: [unclosed\nstatus: x", FILE);
    expect(result.record).toBeNull();
    expect(result.warnings.map((w) => [w.kind, w.action])).toEqual([["yaml-unparsable", "skipped-file"]]);
  });

  test("skips a file with a key written twice, as YAML forbids, naming the key", () => {
    const result = parseKepYaml("title: a\nstatus: implementable\ntitle: b\n", FILE);
    expect(result.record).toBeNull();
    expect(result.warnings.map((w) => [w.kind, w.value])).toEqual([
      ["yaml-unparsable", 'duplicated mapping key "title"'],
    ]);
  });

  test("reads a mapping of 30,000 keys (the duplicate check is one lookup per key)", () => {
    const text = `title: many\nstatus: implementable\n${Array.from({ length: 30_000 }, (_, i) => `k${i}: v`).join("\n")}\n`;
    expect(parseKepYaml(text, FILE).record?.title).toBe("many");
  });

  test("lists 20 unexpected keys of a file with 30,000 and counts the rest in one more warning", () => {
    const text = `title: many\nstatus: implementable\n${Array.from({ length: 30_000 }, (_, i) => `k${i}: v`).join("\n")}\n`;
    const unexpected = parseKepYaml(text, FILE).warnings.filter((w) => w.kind === "unexpected-key");
    expect(unexpected).toHaveLength(21);
    expect(unexpected.slice(0, 20).map((w) => w.field)).toEqual(Array.from({ length: 20 }, (_, i) => `k${i}`));
    expect(unexpected[20]).toMatchObject({
      field: "(more)",
      value: "29,980 more of this kind in this file, not listed one by one",
      action: "ignored",
      file: FILE,
    });
  });

  test("skips a document that is not a mapping", () => {
    const result = parseKepYaml("- a\n- b\n", FILE);
    expect(result.record).toBeNull();
    expect(warningsOf(result)).toEqual(["not-a-mapping =[a, b] (skipped-file)"]);
  });

  test("skips an empty file", () => {
    expect(warningsOf(parseKepYaml("# only a comment\n", FILE))).toEqual(["yaml-empty = (skipped-file)"]);
  });

  test("skips input over 1 MB", () => {
    const result = parseKepYaml(`title: "${"x".repeat(1_000_001)}"`, FILE);
    expect(result.record).toBeNull();
    expect(result.warnings[0]?.kind).toBe("yaml-too-large");
  });

  test("skips an alias bomb instead of expanding it", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 10; i++)
      levels.push(
        `${"b".repeat(i)}: &${"b".repeat(i)} [${Array(10)
          .fill(i === 1 ? "*a" : `*${"b".repeat(i - 1)}`)
          .join(", ")}]`,
      );
    const result = parseKepYaml(`${levels.join("\n")}\nauthors: *bbbbbbbbb\n`, FILE);
    expect(result.record).toBeNull();
    expect(result.warnings[0]?.kind).toBe("yaml-too-large");
  });

  test("reads a value through a plain alias", () => {
    expect(
      parseKepYaml(`${kepYaml({ reviewers: null })}\nreviewers: &r ["@carol"]\nx-copy: *r`, FILE).record?.reviewers,
    ).toEqual(["carol"]);
  });
});

describe("3. identity: kep-number and directory", () => {
  test('reads a quoted kep-number "4080" as 4080 and warns', () => {
    const result = parse({ "kep-number": '"4080"' });
    expect(result.record?.kepNumber).toBe(4080);
    expect(warningsOf(result)).toEqual(["kep-number-string kep-number=4080 (normalised)"]);
  });

  test("reads kep-number NNNN as null and warns", () => {
    const result = parse({ "kep-number": "NNNN" });
    expect(result.record?.kepNumber).toBeNull();
    expect(warningsOf(result)).toEqual(["kep-number-not-numeric kep-number=NNNN (ignored)"]);
  });

  test("warns that kep-number 0000 is shared by unrelated KEPs", () => {
    expect(warningsOf(parse({ "kep-number": "0000" }))).toEqual(["kep-number-zero kep-number=0000 (kept-raw)"]);
  });

  test("strips leading zeros from the directory number", () => {
    expect(classifyKepPath("keps/sig-network/0752-endpointslices/kep.yaml")).toEqual({
      kind: "kep",
      dirNumber: 752,
      sigDir: "sig-network",
    });
  });

  test("returns kep-number as written when it differs from the directory (2043 says 1884)", () => {
    const result = parseKepYaml(
      kepYaml({ "kep-number": "1884" }),
      "keps/sig-node/2043-pod-resource-concrete-assigments/kep.yaml",
    );
    expect(result.record?.kepNumber).toBe(1884);
    expect(classifyKepPath("keps/sig-node/2043-pod-resource-concrete-assigments/kep.yaml")).toMatchObject({
      dirNumber: 2043,
    });
  });

  test("classifies the NNNN-kep-template directory as a template", () => {
    expect(classifyKepPath("keps/NNNN-kep-template/kep.yaml")).toEqual({ kind: "template" });
  });

  test("KEP-3314: a title left as 'KEP Template' falls back to the folder name, with a warning", () => {
    const result = parseKepYaml(
      "title: KEP Template\nkep-number: 3314\n",
      "keps/sig-storage/3314-csi-changed-block-tracking/kep.yaml",
    );
    expect(result.record?.title).toBe("Csi changed block tracking");
    expect(result.warnings.map((w) => `${w.kind} ${w.field}=${w.value} (${w.action})`)).toContain(
      "title-placeholder title=KEP Template (normalised)",
    );
  });

  test("an empty title falls back to the folder name too", () => {
    const result = parseKepYaml(
      'title: ""\nkep-number: 3314\n',
      "keps/sig-storage/3314-csi-changed-block-tracking/kep.yaml",
    );
    expect(result.record?.title).toBe("Csi changed block tracking");
  });

  test("classifies a legacy single-file markdown KEP as other", () => {
    expect(classifyKepPath("keps/sig-release/20190121-artifact-management.md")).toEqual({ kind: "other" });
  });

  test("classifies prod-readiness files as PRR approvals", () => {
    expect(classifyKepPath("keps/prod-readiness/sig-node/2273.yaml")).toEqual({
      kind: "prr",
      kep: 2273,
      sig: "sig-node",
    });
  });

  test("classifies the PRR template nnnn.yaml as a template", () => {
    expect(classifyKepPath("keps/prod-readiness/template/nnnn.yaml")).toEqual({ kind: "template" });
  });

  test("classifies a PRR file that sat directly in prod-readiness/ (history)", () => {
    expect(classifyKepPath("keps/prod-readiness/4427.yaml")).toEqual({ kind: "prr", kep: 4427, sig: "" });
  });
});

describe("4. location", () => {
  test("classifies KEPs outside sig-* directories (provider-aws)", () => {
    expect(classifyKepPath("keps/provider-aws/630-ebs-csi-driver/kep.yaml")).toEqual({
      kind: "kep",
      dirNumber: 630,
      sigDir: "provider-aws",
    });
  });

  test("classifies KEPs one level deeper (kubeadm, providers, azure)", () => {
    expect(classifyKepPath("keps/sig-cluster-lifecycle/kubeadm/995-kubeadm-windows/kep.yaml")).toEqual({
      kind: "kep",
      dirNumber: 995,
      sigDir: "sig-cluster-lifecycle",
    });
    expect(classifyKepPath("keps/sig-cloud-provider/providers/2530-alibaba-cloud/kep.yaml")).toMatchObject({
      dirNumber: 2530,
    });
  });

  test("classifies the cloud-provider template copy as a template", () => {
    expect(classifyKepPath("keps/sig-cloud-provider/providers/0000-cloud-provider-template/kep.yaml")).toEqual({
      kind: "template",
    });
  });

  test("classifies a numbered KEP whose name ends in -template as a KEP", () => {
    expect(classifyKepPath("keps/sig-node/5978-cluster-resource-claim-template/kep.yaml")).toMatchObject({
      kind: "kep",
      dirNumber: 5978,
    });
  });

  test("classifies pkg testdata fixtures and other files as other", () => {
    expect(classifyKepPath("pkg/repo/testdata/keps/sig-foo/1234-bar/kep.yaml")).toEqual({ kind: "other" });
    expect(classifyKepPath("keps/sig-etcd/4326-downgrade/4326.yaml")).toEqual({ kind: "other" });
    expect(classifyKepPath("keps/sig-a/b/c/1-d/kep.yaml")).toEqual({ kind: "other" });
  });

  test("keeps owning-sig as written even when it differs from the directory", () => {
    const result = parseKepYaml(
      kepYaml({ "owning-sig": "sig-api-machinery" }),
      "keps/sig-scheduling/986-resource-quota-scope-selectors/kep.yaml",
    );
    expect(result.record?.owningSig).toBe("sig-api-machinery");
    expect(result.warnings).toEqual([]);
  });
});

describe("5. status and stage values", () => {
  test("reads status superseded as replaced and warns", () => {
    const result = parse({ status: "superseded" });
    expect(result.record?.status).toBe("replaced");
    expect(warningsOf(result)).toEqual(["status-synonym status=superseded (normalised)"]);
  });

  test("reads status 'implemented (alpha)' as implemented and keeps the stage as a hint", () => {
    expect(normaliseStatus("implemented (alpha)")).toEqual({
      value: "implemented",
      recognised: true,
      normalised: true,
      warning: "status-with-stage-note",
      stageHint: "alpha",
    });
  });

  test("uses the stage hint of 'implemented (beta)' when stage is absent", () => {
    expect(read({ status: "implemented (beta)", stage: null }).stage).toBe("beta");
  });

  test("reads status imlpemented as implemented", () => {
    const result = parse({ status: "imlpemented" });
    expect(result.record?.status).toBe("implemented");
    expect(warningsOf(result)).toEqual(["status-typo status=imlpemented (normalised)"]);
  });

  test("reads status implementeable as implementable", () => {
    expect(read({ status: "implementeable" }).status).toBe("implementable");
  });

  test("reads status in capitals as the status, with a typo warning", () => {
    expect(normaliseStatus("Implemented")).toMatchObject({
      value: "implemented",
      normalised: true,
      warning: "status-typo",
    });
  });

  test("reads status removed (a stage) as no status, stage hint removed", () => {
    expect(normaliseStatus("removed")).toEqual({
      value: null,
      recognised: true,
      normalised: false,
      warning: "status-is-stage",
      stageHint: "removed",
    });
    expect(warningsOf(parse({ status: "removed", stage: "removed" }))).toEqual([
      "status-is-stage status=removed (ignored)",
    ]);
  });

  test("reads status alpha (a stage) as no status and warns", () => {
    const result = parse({ status: "alpha" });
    expect(result.record?.status).toBeNull();
    expect(result.record?.stage).toBe("alpha");
    expect(warningsOf(result)).toEqual(["status-is-stage status=alpha (ignored)"]);
  });

  test("reads the template's status pipe-list as no status and flags a leftover", () => {
    const result = parse({ status: "provisional|implementable|implemented|deferred|rejected|withdrawn|replaced" });
    expect(result.record?.status).toBeNull();
    expect(result.warnings.map((w) => w.kind)).toEqual(["template-leftover"]);
  });

  test("reads the template's stage pipe-list as no stage and flags a leftover", () => {
    expect(normaliseStage("alpha|beta|stable")).toEqual({
      value: null,
      recognised: true,
      normalised: false,
      warning: "template-leftover",
    });
  });

  test("reads stage 'alpha (deprecated)' as deprecated, the later state", () => {
    const result = parse({ stage: "alpha (deprecated)" });
    expect(result.record?.stage).toBe("deprecated");
    expect(warningsOf(result)).toEqual(["stage-with-note stage=alpha (deprecated) (normalised)"]);
  });

  test("accepts stage deprecated, disabled and removed as upstream does", () => {
    for (const stage of ["deprecated", "disabled", "removed"])
      expect(normaliseStage(stage)).toMatchObject({ value: stage, warning: null });
  });

  test("reads an absent or null stage as null without a warning", () => {
    expect(parse({ stage: null }).warnings).toEqual([]);
    const result = parse({ stage: "" });
    expect(result.record?.stage).toBeNull();
    expect(result.warnings).toEqual([]);
  });

  test("keeps status implemented with stage alpha as written: consistency is the caller's check", () => {
    const result = parse({ status: "implemented", stage: "alpha" });
    expect(result.record).toMatchObject({ status: "implemented", stage: "alpha" });
    expect(result.warnings).toEqual([]);
  });

  test("reads an unknown status as null and warns", () => {
    expect(warningsOf(parse({ status: "on hold" }))).toEqual(["status-unknown status=on hold (ignored)"]);
    expect(normaliseStatus("on hold").recognised).toBe(false);
  });
});

describe("6. milestone value formats", () => {
  test('reads latest-milestone "0.0" as unknown and warns', () => {
    const result = parse({ "latest-milestone": "'0.0'" });
    expect(result.record?.latestMilestone).toBeNull();
    expect(warningsOf(result)).toEqual(["milestone-migration-zero latest-milestone=0.0 (ignored)"]);
  });

  test('reads "1.25" as v1.25 and warns about the missing v', () => {
    const result = parse({ "latest-milestone": '"1.25"' });
    expect(result.record?.latestMilestone).toBe("v1.25");
    expect(warningsOf(result)).toEqual(["milestone-no-v-prefix latest-milestone=1.25 (normalised)"]);
  });

  test("reads TBD as no milestone and warns", () => {
    const result = parse({ milestone: '\n  alpha: "v1.28"\n  beta: TBD' });
    expect(result.record?.milestones).toEqual({ alpha: "v1.28" });
    expect(warningsOf(result)).toEqual(["milestone-placeholder milestone.beta=TBD (ignored)"]);
  });

  test('reads an empty string "" as no milestone without a warning', () => {
    const result = parse({ milestone: '\n  alpha: "v1.28"\n  stable: ""' });
    expect(result.record?.milestones).toEqual({ alpha: "v1.28" });
    expect(result.warnings).toEqual([]);
  });

  test("reads a key with no value (null) as no milestone without a warning", () => {
    const result = parse({ "latest-milestone": "", milestone: "\n  alpha:" });
    expect(result.record).toMatchObject({ latestMilestone: null, milestones: {} });
    expect(result.warnings).toEqual([]);
  });

  test("reads the template text x.y as no milestone", () => {
    expect(normaliseMilestone("x.y")).toEqual({
      value: null,
      all: [],
      placeholder: true,
      recognised: true,
      warning: "milestone-placeholder",
    });
  });

  test("reads TODO as no milestone", () => {
    expect(normaliseMilestone("TODO")).toMatchObject({
      value: null,
      placeholder: true,
      warning: "milestone-placeholder",
    });
  });

  test("reads never as no milestone with its own warning", () => {
    const result = parse({ milestone: '\n  alpha: "v1.28"\n  stable: "never"' });
    expect(result.record?.milestones).toEqual({ alpha: "v1.28" });
    expect(warningsOf(result)).toEqual(["milestone-never milestone.stable=never (ignored)"]);
  });

  test('reads "v1.21, v1.37" as v1.37 and keeps both releases', () => {
    expect(normaliseMilestone("v1.21, v1.37")).toEqual({
      value: "v1.37",
      all: ["v1.21", "v1.37"],
      placeholder: false,
      recognised: true,
      warning: "milestone-multiple",
    });
    expect(read({ milestone: '\n  alpha: "v1.21, v1.37"' }).milestones.alpha).toBe("v1.37");
  });

  test("accepts targets far ahead (stable v1.41) and latest-milestone beyond the current release", () => {
    const result = parse({ "latest-milestone": '"v1.38"', milestone: '\n  alpha: "v1.37"\n  stable: "v1.41"' });
    expect(result.record).toMatchObject({ latestMilestone: "v1.38", milestones: { alpha: "v1.37", stable: "v1.41" } });
    expect(result.warnings).toEqual([]);
  });

  test("reads milestone.deprecated, .disabled and .removed", () => {
    const record = read({
      milestone: '\n  alpha: "v1.20"\n  deprecated: "v1.29"\n  disabled: "v1.33"\n  removed: "v1.35"',
    });
    expect(record.milestones).toEqual({ alpha: "v1.20", deprecated: "v1.29", disabled: "v1.33", removed: "v1.35" });
  });

  test("reads an unquoted v1.29 (still a string) without a warning", () => {
    const result = parse({ "latest-milestone": "v1.29", milestone: "\n  alpha: v1.29" });
    expect(result.record).toMatchObject({ latestMilestone: "v1.29", milestones: { alpha: "v1.29" } });
    expect(result.warnings).toEqual([]);
  });

  test("reads v1.xx, v1.yy and v1.zz as placeholders (history)", () => {
    for (const text of ["v1.xx", "v1.yy", "v1.zz"])
      expect(normaliseMilestone(text)).toMatchObject({
        value: null,
        placeholder: true,
        warning: "milestone-placeholder",
      });
  });

  test("reads pre-1.0 (history) as no release and says why", () => {
    expect(normaliseMilestone("pre-1.0")).toEqual({
      value: null,
      all: [],
      placeholder: false,
      recognised: true,
      warning: "milestone-before-v1",
    });
  });

  test("reads v1.29.0 as v1.29", () => {
    expect(normaliseMilestone("v1.29.0")).toMatchObject({ value: "v1.29", warning: "milestone-patch-version" });
  });

  test("reads unknown milestone text as null and unrecognised", () => {
    expect(normaliseMilestone("next release")).toEqual({
      value: null,
      all: [],
      placeholder: false,
      recognised: false,
      warning: "milestone-unrecognised",
    });
  });

  test("reads milestone sub-key GA (history) as stable", () => {
    const result = parse({ milestone: '\n  alpha: "v1.28"\n  GA: "v1.30"' });
    expect(result.record?.milestones).toEqual({ alpha: "v1.28", stable: "v1.30" });
    expect(warningsOf(result)).toEqual(["milestone-key-synonym milestone.GA=GA (normalised)"]);
  });

  test("ignores a milestone sub-key that is no stage (beta2)", () => {
    const result = parse({ milestone: '\n  alpha: "v1.28"\n  beta2: "v1.30"' });
    expect(result.record?.milestones).toEqual({ alpha: "v1.28" });
    expect(warningsOf(result)).toEqual(["milestone-key-unknown milestone.beta2=beta2 (ignored)"]);
  });
});

describe("7. milestone consistency", () => {
  test("reads an absent milestone map as no milestones", () => {
    expect(read({ milestone: null })).toMatchObject({ milestones: {}, clearedMilestones: [] });
  });

  test("reads milestone: null as no milestones", () => {
    expect(read({ milestone: "" })).toMatchObject({ milestones: {}, clearedMilestones: [] });
  });

  test("reads an absent or null latest-milestone as null", () => {
    expect(read({ "latest-milestone": null }).latestMilestone).toBeNull();
    expect(read({ "latest-milestone": "" }).latestMilestone).toBeNull();
  });

  test("lists stages whose milestone key names no release as cleared", () => {
    const record = read({ milestone: '\n  alpha: "v1.28"\n  beta: TBD\n  stable: ""' });
    expect(record.clearedMilestones).toEqual(["beta", "stable"]);
  });
});

describe("8. people, sigs and related KEPs", () => {
  test("strips the @ from handles and warns when it was missing", () => {
    const result = parse({ authors: '\n  - "@alice"\n  - apelisse' });
    expect(result.record?.authors).toEqual(["alice", "apelisse"]);
    expect(warningsOf(result)).toEqual(["handle-no-at authors[1]=apelisse (normalised)"]);
  });

  test("keeps a free-text author as written and warns", () => {
    const text = "with input from @bgrant0607, @dchen1107, @yujuhong, @lavalamp";
    const result = parse({ authors: `\n  - "@alice"\n  - "${text}"` });
    expect(result.record?.authors).toEqual(["alice", text]);
    expect(warningsOf(result)).toEqual([`handle-free-text authors[1]=${text} (kept-raw)`]);
  });

  test("drops TBD from approvers and reviewers", () => {
    const result = parse({ approvers: '\n  - TBD\n  - "@bob"', reviewers: "\n  - TBD from sig-cloud-provider" });
    expect(result.record).toMatchObject({ approvers: ["bob"], reviewers: [] });
    expect(result.warnings.map((w) => w.kind)).toEqual(["handle-placeholder", "handle-placeholder"]);
  });

  test("keeps the handle of an approver followed by a comment", () => {
    const result = parse({ approvers: '\n  - "@deads2k - For Kube API Server portion of KEP"' });
    expect(result.record?.approvers).toEqual(["deads2k"]);
    expect(result.warnings.map((w) => w.kind)).toEqual(["handle-with-comment"]);
  });

  test("warns when approvers is empty (a required field)", () => {
    const result = parse({ approvers: " []" });
    expect(result.record?.approvers).toEqual([]);
    expect(warningsOf(result)).toEqual(["required-field-missing approvers=[] (ignored)"]);
  });

  test("reads reviewers: null and reviewers: [] as no reviewers, silently", () => {
    expect(parse({ reviewers: "" })).toMatchObject({ record: { reviewers: [] }, warnings: [] });
    expect(parse({ reviewers: " []" })).toMatchObject({ record: { reviewers: [] }, warnings: [] });
  });

  test("keeps a team reviewer and strips curly quotes from a handle", () => {
    const result = parse({ reviewers: '\n  - "@kubernetes/wg-component-standard"\n  - "“@mortent”"' });
    expect(result.record?.reviewers).toEqual(["kubernetes/wg-component-standard", "mortent"]);
    expect(result.warnings.map((w) => w.kind)).toEqual(["handle-team", "handle-curly-quotes"]);
  });

  test("reads a single handle written as text as a one-item list", () => {
    const result = parse({ reviewers: ' "@carol"' });
    expect(result.record?.reviewers).toEqual(["carol"]);
    expect(result.warnings.map((w) => w.kind)).toEqual(["list-as-scalar"]);
  });

  test("reads participating-sigs: null as no sigs and drops null items", () => {
    expect(parse({ "participating-sigs": "" })).toMatchObject({ record: { participatingSigs: [] }, warnings: [] });
    const result = parse({ "participating-sigs": "\n  - sig-auth\n  -\n  - sig-auth" });
    expect(result.record?.participatingSigs).toEqual(["sig-auth"]);
    expect(warningsOf(result)).toEqual(["list-null-item participating-sigs[1]= (ignored)"]);
  });

  test("reads see-also, replaces and superseded-by: null as no related KEPs", () => {
    expect(parse({ "see-also": "", replaces: "", "superseded-by": "" })).toMatchObject({
      record: { related: [] },
      warnings: [],
    });
  });

  test("extracts related KEP numbers from paths, URLs, issue references and bare numbers", () => {
    const record = read({
      "see-also": [
        '"/keps/sig-node/753-sidecar-containers"',
        '"keps/sig-node/2625-cpumanager-policies-thread-placement/"',
        "https://github.com/kubernetes/enhancements/tree/master/keps/sig-network/536-topology-aware-routing",
        '"kubernetes/enhancements/keps/sig-node/375-cpumanager/README.md"',
        "kubernetes/enhancements#1234",
        '"[Umbrella](https://github.com/kubernetes/enhancements/issues/284)"',
        "/kep/sig-network/0752-endpointslices/",
      ]
        .map((entry) => `\n  - ${entry}`)
        .join(""),
      replaces: '\n  - "6090"',
      "superseded-by": '\n  - "/keps/sig-cluster-lifecycle/kubeadm/970-kubeadm-config"',
    });
    expect(record.related).toEqual([
      { kind: "see-also", kep: 753 },
      { kind: "see-also", kep: 2625 },
      { kind: "see-also", kep: 536 },
      { kind: "see-also", kep: 375 },
      { kind: "see-also", kep: 1234 },
      { kind: "see-also", kep: 284 },
      { kind: "see-also", kep: 752 },
      { kind: "replaces", kep: 6090 },
      { kind: "superseded-by", kep: 970 },
    ]);
  });

  test("ignores related links that name no KEP, without warnings", () => {
    const ignored = [
      "https://github.com/kubernetes/enhancements/pull/3697",
      "https://github.com/kubernetes/kubernetes/issues/85643",
      "https://github.com/kubernetes-sigs/jobset/tree/main/keps/262-ConfigurableFailurePolicy",
      "keps/sig-api-machinery/20190226-network-proxy.md",
      "/keps/sig-cluster-lifecycle/kubeadm/0023-kubeadm-config.md",
      "/keps/0001-kubernetes-enhancement-proposal-process.md",
      "KEP-0015",
      "KEP 0008",
      "n/a",
      "https://docs.google.com/document/d/1w-HRLtMncDAL_yQQJdHDasyCZRdJTOV1N6y22fGsKkY/edit#",
      "/keps/sig-aaa/0000-kep-process",
    ];
    for (const entry of ignored) expect(extractKepNumber(entry), entry).toBeNull();
    const result = parse({ "see-also": ignored.map((entry) => `\n  - "${entry}"`).join("") });
    expect(result).toMatchObject({ record: { related: [] }, warnings: [] });
  });

  test("reads the KEP of a prod-readiness path in see-also", () => {
    expect(extractKepNumber("/keps/prod-readiness/sig-apps/3329")).toBe(3329);
  });
});

describe("9. feature-gates", () => {
  test("reads feature-gates: null and [] as no gates", () => {
    expect(parse({ "feature-gates": "" })).toMatchObject({ record: { featureGates: [] }, warnings: [] });
    expect(parse({ "feature-gates": " []" })).toMatchObject({ record: { featureGates: [] }, warnings: [] });
  });

  test("reads gates with their components", () => {
    const record = read({
      "feature-gates": "\n  - name: SidecarContainers\n    components:\n      - kubelet\n      - kube-apiserver",
    });
    expect(record.featureGates).toEqual([{ name: "SidecarContainers", components: ["kubelet", "kube-apiserver"] }]);
  });

  test("reads a gate without a components key as a gate without components and warns", () => {
    const result = parse({ "feature-gates": "\n  - name: APIServerTracing" });
    expect(result.record?.featureGates).toEqual([{ name: "APIServerTracing", components: [] }]);
    expect(warningsOf(result)).toEqual(["feature-gate-components-missing feature-gates[0].components= (kept-raw)"]);
  });

  test("reads components: null like a missing components key", () => {
    const result = parse({ "feature-gates": "\n  - name: Gate\n    components:" });
    expect(result.record?.featureGates).toEqual([{ name: "Gate", components: [] }]);
    expect(result.warnings.map((w) => w.kind)).toEqual(["feature-gate-components-missing"]);
  });

  test("reads components written as text as a one-item list", () => {
    const result = parse({ "feature-gates": "\n  - name: Gate\n    components: kubelet" });
    expect(result.record?.featureGates).toEqual([{ name: "Gate", components: ["kubelet"] }]);
    expect(result.warnings.map((w) => w.kind)).toEqual(["feature-gate-components-scalar"]);
  });

  test("drops a null component item", () => {
    const result = parse({ "feature-gates": "\n  - name: Gate\n    components:\n      - kubelet\n      -" });
    expect(result.record?.featureGates).toEqual([{ name: "Gate", components: ["kubelet"] }]);
    expect(warningsOf(result)).toEqual(["list-null-item feature-gates[0].components[1]= (ignored)"]);
  });

  test("drops a gate with a null name and warns", () => {
    const result = parse({ "feature-gates": "\n  - name:\n    components:" });
    expect(result.record?.featureGates).toEqual([]);
    expect(warningsOf(result)).toEqual(["feature-gate-no-name feature-gates[0].name= (ignored)"]);
  });

  test("drops a gate named n/a", () => {
    const result = parse({ "feature-gates": "\n  - name: n/a" });
    expect(result.record?.featureGates).toEqual([]);
    expect(result.warnings.map((w) => w.kind)).toEqual(["feature-gate-placeholder"]);
  });

  test("keeps an env-var gate name (KUBECTL_*) and warns", () => {
    const result = parse({ "feature-gates": "\n  - name: KUBECTL_KYAML\n    components:\n      - kubectl" });
    expect(result.record?.featureGates).toEqual([{ name: "KUBECTL_KYAML", components: ["kubectl"] }]);
    expect(warningsOf(result)).toEqual([
      "feature-gate-name-not-identifier feature-gates[0].name=KUBECTL_KYAML (kept-raw)",
    ]);
  });

  test("reads the old template's singular feature-gate mapping (history)", () => {
    const result = parse({ "feature-gate": "\n  name: SizeMemoryBackedVolumes\n  components:\n    - kubelet" });
    expect(result.record?.featureGates).toEqual([{ name: "SizeMemoryBackedVolumes", components: ["kubelet"] }]);
    expect(result.warnings.map((w) => w.kind)).toEqual(["key-misspelt", "list-as-scalar"]);
  });

  test("ignores metrics, except for the template's my_feature_metric and null items", () => {
    const result = parse({ metrics: "\n  - my_feature_metric\n  -" });
    expect(warningsOf(result)).toEqual(["template-leftover metrics[0]=my_feature_metric (ignored)"]);
  });
});

describe("10. dates", () => {
  test('pads creation-date "2025-10-9" to 2025-10-09 and warns', () => {
    const result = parse({ "creation-date": "2025-10-9" });
    expect(result.record?.creationDate).toBe("2025-10-09");
    expect(warningsOf(result)).toEqual(["date-not-padded creation-date=2025-10-9 (normalised)"]);
  });

  test("reads the template's yyyy-mm-dd as no date and warns", () => {
    const result = parse({ "creation-date": "yyyy-mm-dd" });
    expect(result.record?.creationDate).toBeNull();
    expect(warningsOf(result)).toEqual(["date-placeholder creation-date=yyyy-mm-dd (ignored)"]);
  });

  test("reads a quoted creation-date like an unquoted one", () => {
    expect(parse({ "creation-date": '"2023-06-01"' })).toMatchObject({
      record: { creationDate: "2023-06-01" },
      warnings: [],
    });
  });

  test("reads an absent creation-date as null", () => {
    expect(parse({ "creation-date": null })).toMatchObject({ record: { creationDate: null }, warnings: [] });
  });

  test("reads last-updated v1.27 (a milestone) as no date and warns", () => {
    const result = parse({ "last-updated": "v1.27" });
    expect(result.record?.lastUpdated).toBeNull();
    expect(warningsOf(result)).toEqual(["date-is-milestone last-updated=v1.27 (ignored)"]);
  });

  test("reads a quoted last-updated date", () => {
    expect(parse({ "last-updated": '"2021-02-05"' })).toMatchObject({
      record: { lastUpdated: "2021-02-05" },
      warnings: [],
    });
  });

  test("rejects 2025-02-30 and text that is no date", () => {
    expect(warningsOf(parse({ "creation-date": "2025-02-30" }))).toEqual([
      "date-invalid creation-date=2025-02-30 (ignored)",
    ]);
    expect(warningsOf(parse({ "creation-date": "implementable" }))).toEqual([
      "date-unrecognised creation-date=implementable (ignored)",
    ]);
  });
});

describe("11. template leftovers", () => {
  test("drops the template's sig-aaa from participating-sigs", () => {
    const result = parse({ "participating-sigs": "\n  - sig-aaa\n  - sig-auth" });
    expect(result.record?.participatingSigs).toEqual(["sig-auth"]);
    expect(warningsOf(result)).toEqual(["template-leftover participating-sigs[0]=sig-aaa (ignored)"]);
  });

  test("drops the template's @oscar.doe from approvers", () => {
    const result = parse({ approvers: '\n  - "@bob"\n  - "@oscar.doe"' });
    expect(result.record?.approvers).toEqual(["bob"]);
    expect(result.warnings.map((w) => w.kind)).toEqual(["template-leftover"]);
  });

  test("ignores name: and id: keys and warns", () => {
    const result = parse({ name: "generic-controlplane", id: '"3515"' });
    expect(result.record).not.toBeNull();
    expect(warningsOf(result)).toEqual([
      "unexpected-key name=generic-controlplane (ignored)",
      "unexpected-key id=3515 (ignored)",
    ]);
  });
});

describe("12. history-only irregularities", () => {
  test("reads stage GA as stable", () => {
    const result = parse({ stage: "GA" });
    expect(result.record?.stage).toBe("stable");
    expect(warningsOf(result)).toEqual(["stage-synonym stage=GA (normalised)"]);
  });

  test("reads stage 'beta (deprecated)' as deprecated", () => {
    expect(normaliseStage("beta (deprecated)")).toEqual({
      value: "deprecated",
      recognised: true,
      normalised: true,
      warning: "stage-with-note",
    });
  });

  test("reads stage implementable (a status) as no stage and warns", () => {
    const result = parse({ stage: "implementable" });
    expect(result.record?.stage).toBeNull();
    expect(warningsOf(result)).toEqual(["stage-is-status stage=implementable (ignored)"]);
  });

  test("reads the first document of a file with leading and trailing ---", () => {
    const result = parseKepYaml(`---\n${kepYaml()}\n---\n`, FILE);
    expect(result.record?.kepNumber).toBe(753);
    expect(warningsOf(result)).toEqual(["yaml-multi-document =2 documents (normalised)"]);
  });

  test("classifies a dated pre-numbering directory as a KEP without a number (renumbered later)", () => {
    expect(classifyKepPath("keps/sig-network/20190603-endpointslices/kep.yaml")).toEqual({
      kind: "kep",
      dirNumber: null,
      sigDir: "sig-network",
    });
  });

  test("skips the broken YAML of an unmerged PR commit", () => {
    const result = parseKepYaml('title: x\nmilestone:\n  alpha: "v1.19"\n beta: "v1.20"\n', FILE);
    expect(result.record).toBeNull();
    expect(result.warnings.map((w) => w.kind)).toEqual(["yaml-unparsable"]);
  });

  test("flattens a see-also item written as a nested list", () => {
    const result = parse({ "see-also": "\n  - [/keps/sig-node/753-sidecar-containers]" });
    expect(result.record?.related).toEqual([{ kind: "see-also", kep: 753 }]);
    expect(result.warnings.map((w) => w.kind)).toEqual(["list-nested"]);
  });
});

describe("appendix: odd person entries", () => {
  test("keeps an invalid handle (@jane.doe style, email) without its @ and warns", () => {
    const result = parse({ authors: '\n  - "@laszlo.janosi1@gmail.com"' });
    expect(result.record?.authors).toEqual(["laszlo.janosi1@gmail.com"]);
    expect(result.warnings.map((w) => w.kind)).toEqual(["handle-odd"]);
  });
});

describe("prod-readiness approvals", () => {
  test("reads kep-number and one approver per stage", () => {
    const text =
      'kep-number: 753\nalpha:\n  approver: "@wojtek-t"\nbeta:\n  approver: "@wojtek-t"\nstable:\n  approver: "jpbetz"\n';
    const result = parsePrrYaml(text, "keps/prod-readiness/sig-node/753.yaml");
    expect(result.kep).toBe(753);
    expect(result.approvals).toEqual([
      { stage: "alpha", approver: "wojtek-t" },
      { stage: "beta", approver: "wojtek-t" },
      { stage: "stable", approver: "jpbetz" },
    ]);
    expect(result.warnings.map((w) => w.kind)).toEqual(["handle-no-at"]);
  });

  test("drops the template's empty approver", () => {
    const result = parsePrrYaml('kep-number: 0000\nalpha:\n  approver: ""\n', "keps/prod-readiness/template/nnnn.yaml");
    expect(result).toMatchObject({ kep: 0, approvals: [] });
    expect(result.warnings.map((w) => w.kind)).toEqual(["prr-approver-missing", "kep-number-zero"]);
  });

  test("ignores a key that is no stage", () => {
    const result = parsePrrYaml('kep-number: 1\nbeta2:\n  approver: "@x"\n', "keps/prod-readiness/sig-node/1.yaml");
    expect(result.approvals).toEqual([]);
    expect(result.warnings.map((w) => w.kind)).toEqual(["prr-stage-unknown"]);
  });

  test("takes the KEP from the file name when kep-number was copied from another KEP", () => {
    const result = parsePrrYaml('kep-number: 277\nalpha:\n  approver: "@x"\n', "keps/prod-readiness/sig-node/688.yaml");
    expect(result.kep).toBe(688);
    expect(warningsOf(result)).toEqual(["prr-kep-number-mismatch kep-number=277 (normalised)"]);
  });

  test("returns no approvals for unreadable text", () => {
    expect(parsePrrYaml(": : :\n  - [", "keps/prod-readiness/sig-node/1.yaml")).toMatchObject({
      kep: null,
      approvals: [],
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Real data
// ---------------------------------------------------------------------------------------------

const BUNDLE = path.resolve(import.meta.dirname, "../../../shared/upstream/kubernetes-enhancements.bundle");

/** Every warning, record date, milestone map and gate must fit the snapshot schemas. */
function expectSchemaValid(result: KepParseResult): void {
  WarningSchema.array().parse(result.warnings);
  if (result.record === null) return;
  MilestonesSchema.parse(result.record.milestones);
  FeatureGateSchema.array().parse(result.record.featureGates);
  for (const date of [result.record.creationDate, result.record.lastUpdated]) if (date !== null) DateSchema.parse(date);
}

describe.skipIf(!existsSync(BUNDLE))("real kubernetes/enhancements data", () => {
  let clone = "";
  let head = new Map<string, KepParseResult>();

  const git = (args: string[], input?: string): Buffer =>
    execFileSync("git", ["-C", clone, ...args], { maxBuffer: 1 << 30, ...(input === undefined ? {} : { input }) });

  beforeAll(() => {
    clone = mkdtempSync(path.join(tmpdir(), "kep-yaml-test-"));
    execFileSync("git", ["clone", "--quiet", BUNDLE, clone]);
    const files = git(["ls-tree", "-r", "--name-only", "HEAD", "keps"]).toString("utf8").split("\n");
    head = new Map(
      files
        .filter((file) => file.endsWith("/kep.yaml"))
        .map((file) => [file, parseKepYaml(readFileSync(path.join(clone, file), "utf8"), file)]),
    );
  }, 60_000);

  afterAll(() => {
    if (clone !== "") rmSync(clone, { recursive: true, force: true });
  });

  const record = (file: string): KepRecord => {
    const found = head.get(file)?.record;
    if (found === undefined || found === null) throw new Error(`no record for ${file}`);
    return found;
  };

  test("classifies all 656 kep.yaml at HEAD: 654 KEPs and 2 templates", () => {
    const kinds = [...head.keys()].map((file) => classifyKepPath(file).kind);
    expect(kinds.length).toBe(656);
    expect(kinds.filter((kind) => kind === "kep").length).toBe(654);
    expect(kinds.filter((kind) => kind === "template").length).toBe(2);
  });

  test("reads every kep.yaml at HEAD into a record that fits the schemas", () => {
    for (const [file, result] of head) {
      expect(result.record, file).not.toBeNull();
      expectSchemaValid(result);
    }
  });

  test("reads KEP 753 (sidecar containers): sig-node, alpha v1.28, beta v1.29, stable v1.33", () => {
    const kep = record("keps/sig-node/753-sidecar-containers/kep.yaml");
    expect(kep.owningSig).toBe("sig-node");
    expect(kep.milestones).toMatchObject({ alpha: "v1.28", beta: "v1.29", stable: "v1.33" });
  });

  test("reads KEP 1287 (in-place pod resize): alpha v1.27, stable v1.35", () => {
    const file = [...head.keys()].find((key) => /\/1287-[^/]+\/kep\.yaml$/.test(key)) ?? "";
    expect(record(file).milestones).toMatchObject({ alpha: "v1.27", stable: "v1.35" });
  });

  test("reads KEP 3866: alpha v1.29, beta v1.31, stable v1.33", () => {
    const file = [...head.keys()].find((key) => /\/3866-[^/]+\/kep\.yaml$/.test(key)) ?? "";
    expect(record(file).milestones).toMatchObject({ alpha: "v1.29", beta: "v1.31", stable: "v1.33" });
  });

  test("reads kep-number 1884 from the sig-node/2043 directory", () => {
    const file = [...head.keys()].find((key) => key.startsWith("keps/sig-node/2043-")) ?? "";
    expect(record(file).kepNumber).toBe(1884);
    expect(classifyKepPath(file)).toMatchObject({ kind: "kep", dirNumber: 2043 });
  });

  test("finds the anomaly catalogue's counts at HEAD", () => {
    const counts = new Map<string, number>();
    for (const { warnings } of head.values())
      for (const { kind } of warnings) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toMatchObject({
      "milestone-migration-zero": 99,
      "milestone-no-v-prefix": 54,
      "milestone-placeholder": 39, // 37 TBD, x.y, TODO
      "milestone-multiple": 1,
      "milestone-never": 1,
      "kep-number-string": 9,
      "date-invalid": 2,
      "date-is-milestone": 4,
    });
  });

  test("reads every PRR file at HEAD", () => {
    const files = git(["ls-tree", "-r", "--name-only", "HEAD", "keps/prod-readiness"])
      .toString("utf8")
      .split("\n")
      .filter(Boolean);
    const prr = files.filter((file) => classifyKepPath(file).kind === "prr");
    expect(prr.length).toBe(450); // the catalogue's "451" counts template/nnnn.yaml too
    for (const file of prr) {
      const result = parsePrrYaml(readFileSync(path.join(clone, file), "utf8"), file);
      expect(result.kep, file).toBe((classifyKepPath(file) as { kep: number | null }).kep);
      expect(result.approvals.length, file).toBeGreaterThan(0);
      WarningSchema.array().parse(result.warnings);
    }
  });

  test("reads every historical kep.yaml version on master without a throw", () => {
    const log = git(["log", "--first-parent", "--raw", "--no-abbrev", "--format=C %H", "--", "keps"]).toString("utf8");
    const blobs = new Map<string, { file: string; commit: string }>();
    let commit = "";
    for (const line of log.split("\n")) {
      if (line.startsWith("C ")) commit = line.slice(2);
      const [meta = "", ...paths] = line.split("\t");
      const [, , , blob = "", status = ""] = meta.split(" ");
      const file = paths.at(-1) ?? "";
      if (line.startsWith(":") && status !== "D" && file.endsWith("/kep.yaml") && !blobs.has(blob))
        blobs.set(blob, { file, commit });
    }
    const batch = git(["cat-file", "--batch"], `${[...blobs.keys()].join("\n")}\n`);
    let offset = 0;
    let parsed = 0;
    while (offset < batch.length) {
      const newline = batch.indexOf(10, offset);
      const [blob = "", , size = "0"] = batch.subarray(offset, newline).toString().split(" ");
      const text = batch.subarray(newline + 1, newline + 1 + Number(size)).toString("utf8");
      offset = newline + 1 + Number(size) + 1;
      const source = blobs.get(blob);
      if (source === undefined) throw new Error(`unexpected blob ${blob}`);
      const result = parseKepYaml(text, source.file, source.commit);
      expect(result.record, `${source.file}@${source.commit}`).not.toBeNull();
      expectSchemaValid(result);
      parsed += 1;
    }
    expect(parsed).toBe(blobs.size);
    expect(parsed).toBeGreaterThanOrEqual(2537);
  }, 5_000);
});
