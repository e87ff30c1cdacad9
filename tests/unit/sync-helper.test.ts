/**
 * The sync's second thread: work split between two threads gives what one thread gives, also when
 * the helper fails, and the real worker answers as the main thread would. Small in-memory inputs;
 * the sync of the real data through the worker is tested in sync.test.ts.
 */
import { describe, expect, test } from "vitest";
import type { Lineage } from "../../scripts/sync/git-history.ts";
import {
  type CheckJob,
  type ParseJob,
  parseKepJobs,
  runCheckJobs,
  type SyncHelper,
  splitInTwo,
  startHelper,
} from "../../scripts/sync/helper.ts";
import { parseKepVersions } from "../../scripts/sync/local.ts";
import { openReadCache } from "../../scripts/sync/read-cache.ts";
import { makeChecks, TEMPLATE_PATH } from "../../scripts/sync/readiness.ts";

/** A helper that computes in this thread, as the worker would. */
const inProcess: SyncHelper = {
  parseKeps: async (jobs) => parseKepJobs(jobs),
  check: async (jobs, templates) => runCheckJobs(jobs, templates),
  close: async () => {},
};
/** A helper whose thread died. */
const failing: SyncHelper = {
  parseKeps: () => Promise.reject(new Error("helper down")),
  check: () => Promise.reject(new Error("helper down")),
  close: async () => {},
};

const blob = (n: number) => n.toString(16).padStart(40, "0");

function kepYaml(n: number): string {
  // Every third one has something to warn about: a status in capitals.
  return [
    `title: KEP ${n}`,
    `kep-number: ${n}`,
    `status: ${n % 3 === 0 ? "Implementable" : "implementable"}`,
    "stage: alpha",
    `latest-milestone: "v1.${30 + (n % 5)}"`,
    "milestone:",
    `  alpha: "v1.${30 + (n % 5)}"`,
    "feature-gates:",
    `  - name: Gate${n}`,
    "",
  ].join("\n");
}

/** Twelve KEPs of one or two versions, their texts read into a fresh cache. */
function history() {
  const cache = openReadCache(null, () => {});
  const lineages: Lineage[] = [];
  for (let n = 1; n <= 12; n++) {
    const path = `keps/sig-node/${n}-kep/kep.yaml`;
    const versions = [1, 2].slice(0, 1 + (n % 2)).map((v) => {
      const id = blob(n * 10 + v);
      cache.texts.set(id, `${kepYaml(n)}${v === 2 ? "reviewers: []\n" : ""}`);
      return { commit: "c".repeat(40), date: "2026-01-01T00:00:00Z", path, blob: id };
    });
    lineages.push({ versions, path, deleted: false });
  }
  return { cache, lineages };
}

const sorted = <T>(map: Map<string, T>) => [...map].sort((a, b) => (a[0] < b[0] ? -1 : 1));

describe("kep.yaml versions parsed on two threads", () => {
  const { cache, lineages } = history();
  const alone = parseKepVersions(lineages, cache, undefined);

  test("give each version the result one thread gives", async () => {
    const split = history();
    expect(sorted(await parseKepVersions(split.lineages, split.cache, inProcess))).toEqual(sorted(await alone));
  });

  test("are all parsed here when the helper fails", async () => {
    const split = history();
    expect(sorted(await parseKepVersions(split.lineages, split.cache, failing))).toEqual(sorted(await alone));
  });
});

const TEMPLATE = [
  "# KEP-NNNN: Your short, descriptive title",
  "## Summary",
  "<!-- one paragraph -->",
  "## Test Plan",
  "<!-- how it is tested -->",
  "## Graduation Criteria",
  "<!-- alpha, beta, GA -->",
  "",
].join("\n");

function readme(n: number): string {
  const words = "the feature is tested by unit and end to end tests in every supported configuration";
  return [
    `# KEP-${n}`,
    "## Summary",
    `A summary of KEP ${n}.`,
    "## Test Plan",
    n % 2 ? words : "TBD",
    "## Graduation Criteria",
    `### Alpha\n${words}`,
    "",
  ].join("\n");
}

/** Checks of eight KEPs at two releases, READMEs shared by pairs of KEPs. */
function checkJobs(): [string, CheckJob][] {
  const jobs: [string, CheckJob][] = [];
  for (const version of ["1.30", "1.31"]) {
    for (let n = 1; n <= 8; n++) {
      const folder = `keps/sig-node/${n}-kep`;
      const readmeBlob = blob(100 + Math.ceil(n / 2));
      jobs.push([
        `${version} ${n}`,
        {
          input: {
            version,
            commit: "c".repeat(40),
            kepYaml: { path: `${folder}/kep.yaml`, text: kepYaml(n) },
            prr: null,
            readme: { path: `${folder}/README.md`, text: readme(Math.ceil(n / 2)) },
          },
          readmeBlob,
          template: { path: TEMPLATE_PATH, blob: blob(999) },
        },
      ]);
    }
  }
  return jobs;
}

describe("readiness checks made on two threads", () => {
  const templates = new Map([[blob(999), TEMPLATE]]);
  const alone = makeChecks(checkJobs(), templates, undefined);

  test("give each check the result one thread gives", async () => {
    const results = await makeChecks(checkJobs(), templates, inProcess);
    expect(sorted(results)).toEqual(sorted(await alone));
    expect(new Set([...results.values()].map((r) => JSON.stringify(r))).size).toBeGreaterThan(1);
  });

  test("are all made here when the helper fails", async () => {
    expect(sorted(await makeChecks(checkJobs(), templates, failing))).toEqual(sorted(await alone));
  });
});

describe("the helper thread", () => {
  test("parses and checks as the main thread does", async () => {
    const helper = startHelper();
    try {
      const jobs: ParseJob[] = [1, 2, 3].map((n) => ({ text: kepYaml(n), path: `keps/sig-node/${n}-kep/kep.yaml` }));
      expect(await helper.parseKeps(jobs)).toEqual(parseKepJobs(jobs));
      const checks = checkJobs().map(([, job]) => job);
      const templates = new Map([[blob(999), TEMPLATE]]);
      expect(await helper.check(checks, templates)).toEqual(runCheckJobs(checks, templates));
    } finally {
      await helper.close();
    }
  });
});

describe("splitInTwo", () => {
  test.each([
    {
      name: "keeps a group on one side",
      items: ["a", "a", "b", "b", "c"],
      halves: [
        ["a", "a", "c"],
        ["b", "b"],
      ],
    },
    { name: "puts each next group on the lighter side", items: ["x", "y", "z"], halves: [["x", "z"], ["y"]] },
    { name: "leaves the second half empty for one group", items: ["a", "a"], halves: [["a", "a"], []] },
  ])("$name", ({ items, halves }) => {
    expect(
      splitInTwo(
        items,
        (item) => item,
        () => 1,
      ),
    ).toEqual(halves);
  });
});
