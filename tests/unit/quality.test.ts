import path from "node:path";
import { describe, expect, test } from "vitest";
import { readSnapshot } from "../../src/data/snapshot.ts";
import {
  buildKindPages,
  buildQualityReport,
  fixFor,
  kepKindIndex,
  qualityHref,
  sigOfPath,
  sourceOf,
} from "../../src/lib/quality.ts";
import type { Warning } from "../../src/lib/schema.ts";
import { WARNING_KINDS } from "../../src/lib/warning-kinds.ts";

const warning = (fields: Partial<Warning> & Pick<Warning, "kind" | "file">): Warning => ({
  field: "latest-milestone",
  value: "0.0",
  action: "ignored",
  ...fields,
});

describe("fixes", () => {
  test("takes kep.yaml fixes from WARNING_KINDS", () => {
    expect(fixFor("milestone-migration-zero")).toBe(WARNING_KINDS["milestone-migration-zero"].fix);
  });

  test("has a fix of its own for every sig-release kind the sync reports", () => {
    const kinds = ["theme-unreadable", "roster-empty", "exceptions-entry-unparsable", "schedule-out-of-order"];
    for (const kind of kinds) expect(fixFor(kind)).not.toMatch(/check the value/);
  });

  test("tells kep.yaml, sig-release and numbering kinds apart", () => {
    expect(sourceOf("handle-no-at", "keps/sig-node/1-x/kep.yaml")).toBe("kep.yaml");
    expect(sourceOf("schedule-typo", "releases/release-1.30/README.md")).toBe("sig-release");
    expect(sourceOf("kep-number-mismatch", "keps/sig-node/2043-x/kep.yaml")).toBe("kep-identity");
  });

  test("finds the SIG folder of KEP and production-readiness files", () => {
    expect(sigOfPath("keps/sig-node/753-sidecar-containers/kep.yaml")).toBe("sig-node");
    expect(sigOfPath("keps/prod-readiness/sig-apps/1847.yaml")).toBe("sig-apps");
    expect(sigOfPath("keps/prod-readiness/*/42.yaml")).toBeNull();
  });
});

describe("report", () => {
  const keps = new Map([[7, { title: "Seven", owningSig: "sig-apps" }]]);
  const report = buildQualityReport(
    [
      warning({ kind: "milestone-migration-zero", file: "keps/sig-apps/7-x/kep.yaml", kep: 7 }),
      warning({ kind: "milestone-no-v-prefix", file: "keps/sig-apps/7-x/kep.yaml", kep: 7, commit: "a".repeat(40) }),
      warning({ kind: "schedule-typo", file: "releases/release-1.30/README.md", release: "1.30" }),
      warning({ kind: "kep-without-number", file: "keps/sig-apps/0000-x/kep.yaml" }),
    ],
    keps,
  );

  test("counts today's files apart from earlier versions", () => {
    expect(report).toMatchObject({ total: 4, current: 3, history: 1 });
  });

  test("files KEP warnings under the KEP's owning SIG", () => {
    const sig = report.sigs.find((s) => s.sig === "sig-apps");
    expect(sig?.keps.map((k) => ({ kep: k.kep, current: k.current, history: k.history }))).toEqual([
      { kep: 7, current: 1, history: 1 },
    ]);
    expect(sig?.files.map((f) => f.file)).toEqual(["keps/sig-apps/0000-x/kep.yaml"]);
  });

  test("keeps release-folder warnings per release", () => {
    expect(report.releases.map((r) => r.release)).toEqual(["1.30"]);
  });

  test("links a KEP's entry on a kind's page as /quality/<kind>/#kep-<number>", () => {
    expect(qualityHref(753, "handle-no-at")).toBe("/quality/handle-no-at/#kep-753");
  });

  test("gives each kind a page holding only that kind's warnings", () => {
    const pages = buildKindPages(
      [
        warning({ kind: "milestone-migration-zero", file: "keps/sig-apps/7-x/kep.yaml", kep: 7 }),
        warning({ kind: "schedule-typo", file: "releases/release-1.30/README.md", release: "1.30" }),
      ],
      keps,
    );
    expect(pages.map((p) => [p.summary.kind, p.report.total])).toEqual([
      ["milestone-migration-zero", 1],
      ["schedule-typo", 1],
    ]);
    expect(pages[1]?.report.sigs).toEqual([]);
  });

  test("sends an old /quality/#kep-<number> link to the page of the KEP's most frequent kind", () => {
    const index = kepKindIndex(report);
    expect(index.kinds[index.keps[7] ?? -1]).toBe("milestone-migration-zero");
  });
});

describe("report from the real snapshot", () => {
  const snapshot = readSnapshot(path.resolve(import.meta.dirname, "../../content"));
  const report = buildQualityReport(snapshot.warnings, new Map(snapshot.keps.map((k) => [k.number, k])));

  test("accounts for every warning", () => {
    const perKind = report.kinds.reduce((n, k) => n + k.current + k.history, 0);
    expect(report.total).toBe(snapshot.warnings.length);
    expect(perKind).toBe(snapshot.warnings.length);
  });

  test("lists KEP-2043's kep-number 1884 mismatch under SIG Node", () => {
    const entry = report.sigs.find((s) => s.sig === "sig-node")?.keps.find((k) => k.kep === 2043);
    const mismatch = entry?.kinds.find((g) => g.kind === "kep-number-mismatch");
    expect(mismatch?.warnings.map((w) => w.value)).toEqual(["1884"]);
  });

  test("every kind found carries a fix", () => {
    for (const kind of report.kinds) expect(kind.fix.length).toBeGreaterThan(5);
  });
});
