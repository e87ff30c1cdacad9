import { validate } from "@octokit/graphql-schema";
import { describe, expect, test } from "vitest";
import {
  allQueries,
  issuesByNumberQuery,
  lastCommitsQuery,
  moreTimelineQuery,
  PAGE_SIZE,
} from "../../scripts/sync/github/queries.ts";

describe("GraphQL queries the GitHub sync sends", () => {
  test.each(Object.entries(allQueries()))("%s is valid against GitHub's published schema", (_name, query) => {
    expect(validate(query).map((error) => error.message)).toEqual([]);
  });

  test("stays valid at the largest batch the sync sends (50 aliases)", () => {
    for (const query of [issuesByNumberQuery(50), moreTimelineQuery(50), lastCommitsQuery(50)]) {
      expect(validate(query).map((error) => error.message)).toEqual([]);
    }
  });

  test("asks for the rate-limit cost in every query, so the sync can report points", () => {
    for (const query of Object.values(allQueries())) expect(query).toMatch(/rateLimit \{ cost remaining resetAt \}/);
  });

  test("reads issues and timeline events 100 at a time, GitHub's maximum", () => {
    expect(PAGE_SIZE).toBe(100);
    expect(allQueries().ISSUES_QUERY).toMatch(/issues\(first: 100/);
    expect(allQueries().ISSUES_QUERY).toMatch(
      /timelineItems\(first: 100, itemTypes: \[LABELED_EVENT, UNLABELED_EVENT, MILESTONED_EVENT, DEMILESTONED_EVENT\]\)/,
    );
  });
});
