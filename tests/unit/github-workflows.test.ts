import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const DIR = path.resolve(import.meta.dirname, "../../.github/workflows");

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { "runs-on": string; steps: Step[]; needs?: string }>;
}

function workflow(file: string): Workflow {
  return parse(readFileSync(path.join(DIR, file), "utf8"), { prettyErrors: true, strict: true }) as Workflow;
}

const steps = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps);

describe("GitHub Actions workflows", () => {
  test.each(readdirSync(DIR))(
    "%s is valid YAML with a name, triggers and jobs whose steps run or use something",
    (file) => {
      const w = workflow(file);
      expect(w.name).toBeTruthy();
      expect(Object.keys(w.on).length).toBeGreaterThan(0);
      for (const step of steps(w)) {
        expect(Boolean(step.uses) !== Boolean(step.run)).toBe(true);
        if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
      }
    },
  );

  test("the scheduled sync runs npm run sync -- --github and opens a pull request with the snapshot", () => {
    const w = workflow("sync.yml");
    expect(w.on).toHaveProperty("schedule");
    expect(w.on).toHaveProperty("workflow_dispatch");
    const sync = steps(w).find((s) => s.run?.includes("npm run sync -- --github"));
    expect(sync?.env?.GITHUB_TOKEN).toMatch(/token/);
    expect(steps(w).some((s) => s.uses?.startsWith("actions/cache@") && s.with?.path === ".cache/github")).toBe(true);
    expect(steps(w).find((s) => s.uses?.startsWith("peter-evans/create-pull-request@"))?.with?.["add-paths"]).toBe(
      "content/snapshot",
    );
    expect(w.permissions).toMatchObject({ contents: "write", "pull-requests": "write" });
  });

  test("the deploy builds main after CI passed, with SITE_URL and BASE_PATH, and publishes with the Pages actions", () => {
    const w = workflow("deploy.yml");
    // Not on push: only a passing CI run on main deploys (tests/unit/ci-workflow.test.ts).
    expect(w.on).toMatchObject({ workflow_run: { workflows: ["CI"], types: ["completed"], branches: ["main"] } });
    expect(w.permissions).toMatchObject({ pages: "write", "id-token": "write" });
    const build = steps(w).find((s) => s.run === "npm run build");
    expect(Object.keys(build?.env ?? {})).toEqual(
      expect.arrayContaining(["SITE_URL", "BASE_PATH", "KEP_RADAR_SIG_RELEASE"]),
    );
    expect(steps(w).some((s) => s.uses?.startsWith("actions/upload-pages-artifact@"))).toBe(true);
    expect(steps(w).some((s) => s.uses?.startsWith("actions/deploy-pages@"))).toBe(true);
  });
});
