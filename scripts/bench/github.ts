/** Bench section: GitHub sync cost against the local fake GitHub (about 2,000 issues). */
import { measureGithubSync } from "../../tests/support/github-sync-run.ts";
import { metric, type Section } from "./lib.ts";

export const githubSection: Section = {
  name: "github",
  describe: "GitHub sync request counts and rate-limit points against a local fake GitHub",
  async run() {
    const cost = await measureGithubSync();
    return [
      metric("github", `full sync of ${cost.issues} issues: requests`, cost.fullRequests, "req", { max: 40 }),
      metric("github", "full sync: GraphQL points", cost.points, "pts"),
      metric("github", "re-sync, nothing changed: requests", cost.resyncRequests, "req", { max: 5 }),
      metric("github", "re-sync, nothing changed: rate-limit points", cost.resyncPoints, "pts", { max: 0 }),
    ];
  },
};
