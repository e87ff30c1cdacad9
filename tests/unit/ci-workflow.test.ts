/**
 * The CI wiring, read from the workflow files as GitHub reads them (YAML): the tests run on every
 * pull request (the snapshot PR included) and on main, with the upstream copies where the tests
 * look for them, and nothing deploys unless they passed.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const DIR = path.resolve(import.meta.dirname, "../../.github/workflows");

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  "working-directory"?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  steps?: Step[];
  env?: Record<string, string>;
}
interface Workflow {
  name: string;
  on: Record<string, Record<string, string[]> | null>;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

function workflow(file: string): Workflow {
  return parse(readFileSync(path.join(DIR, file), "utf8"), { prettyErrors: true, strict: true }) as Workflow;
}

const ci = workflow("ci.yml");
const deploy = workflow("deploy.yml");
const sync = workflow("sync.yml");
const testSteps = ci.jobs.test?.steps ?? [];
const stepUsing = (steps: Step[], action: string, repository?: string) =>
  steps.find(
    (s) => s.uses?.startsWith(`${action}@`) && (repository === undefined || s.with?.repository === repository),
  );

describe("ci.yml", () => {
  test("runs on every pull request, on pushes to main and by hand", () => {
    expect(Object.keys(ci.on).sort()).toEqual(["pull_request", "push", "workflow_dispatch"]);
    // No branch filter on pull requests: the snapshot PR (sync/snapshot) is one of them.
    expect(ci.on.pull_request).toBeNull();
    expect(ci.on.push).toEqual({ branches: ["main"] });
  });

  test("runs the README's test command in the project checkout, with telemetry off", () => {
    const project = stepUsing(testSteps, "actions/checkout");
    const run = testSteps.find((s) => s.run === "npm test");
    expect(run?.["working-directory"]).toBe(project?.with?.path);
    expect(ci.env?.ASTRO_TELEMETRY_DISABLED).toBe("1");
  });

  test("puts the upstream copies at ../shared/upstream beside the project checkout", () => {
    const project = String(stepUsing(testSteps, "actions/checkout")?.with?.path);
    const shared = path.posix.join(project, "..", "shared", "upstream");
    const enhancements = stepUsing(testSteps, "actions/checkout", "kubernetes/enhancements");
    expect(enhancements?.with?.["fetch-depth"]).toBe(0);
    const bundle = testSteps.find((s) => s.run?.includes(" bundle create "))?.run ?? "";
    expect(bundle).toContain(`$GITHUB_WORKSPACE/${shared}/kubernetes-enhancements.bundle`);
    expect(bundle).toMatch(/bundle create \S+ master$/m);
    expect(stepUsing(testSteps, "actions/checkout", "kubernetes/sig-release")?.with?.path).toBe(
      `${shared}/kubernetes-sig-release`,
    );
    // The bundle comes before the tests.
    expect(testSteps.findIndex((s) => s.run?.includes(" bundle create "))).toBeLessThan(
      testSteps.findIndex((s) => s.run === "npm test"),
    );
  });
});

describe("deploy.yml", () => {
  test("deploys only after CI passed on main, never on a push alone", () => {
    expect(Object.keys(deploy.on)).toEqual(["workflow_run"]);
    expect(deploy.on.workflow_run).toEqual({ workflows: [ci.name], types: ["completed"], branches: ["main"] });
    const gate = deploy.jobs.build?.if ?? "";
    expect(gate).toContain("github.event.workflow_run.conclusion == 'success'");
    expect(gate).toContain("github.event.workflow_run.head_branch == 'main'");
    expect(deploy.jobs.deploy?.needs).toBe("build");
  });

  test("builds the commit CI tested and checks its links under the Pages base path", () => {
    const steps = deploy.jobs.build?.steps ?? [];
    expect(stepUsing(steps, "actions/checkout")?.with?.ref).toMatch(
      /^\$\{\{ github\.event\.workflow_run\.head_sha \}\}$/,
    );
    const check = steps.find((s) => s.run?.startsWith("node scripts/check-links.ts"));
    expect(check?.env?.BASE_PATH).toBe(steps.find((s) => s.run === "npm run build")?.env?.BASE_PATH);
  });
});

describe("sync.yml", () => {
  test("gets CI to run on the snapshot pull request", () => {
    const steps = sync.jobs.sync?.steps ?? [];
    const pr = stepUsing(steps, "peter-evans/create-pull-request");
    expect(pr?.with?.token).toContain("secrets.KEP_RADAR_PR_TOKEN");
    // Without that token the PR starts no workflow, so the sync starts CI on the PR's branch itself.
    const dispatch = steps.find((s) => s.run?.startsWith("gh workflow run ci.yml"));
    expect(dispatch?.run).toContain(`--ref ${pr?.with?.branch}`);
    expect(dispatch?.if).toContain("HAS_PR_TOKEN != 'true'");
    expect(sync.permissions?.actions).toBe("write");
  });
});
