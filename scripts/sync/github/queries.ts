/**
 * Every GraphQL query the GitHub sync sends. Each asks for rateLimit { cost remaining } so the
 * sync can report what it spent; tests validate each one against GitHub's published schema.
 */

/** The timeline events that encode release tracking; comments and cross-references stay out. */
export const TRACKING_ITEM_TYPES = "[LABELED_EVENT, UNLABELED_EVENT, MILESTONED_EVENT, DEMILESTONED_EVENT]";

/** Issues per page and timeline items per issue: GitHub's maximum for both. */
export const PAGE_SIZE = 100;

const TIMELINE_NODES = `
      nodes {
        __typename
        ... on LabeledEvent { createdAt label { name } }
        ... on UnlabeledEvent { createdAt label { name } }
        ... on MilestonedEvent { createdAt milestoneTitle }
        ... on DemilestonedEvent { createdAt milestoneTitle }
      }`;

/** The facts read for each issue, with the first page of its tracking events. */
export const ISSUE_FRAGMENT = `
fragment KepIssue on Issue {
  number
  title
  state
  stateReason
  createdAt
  closedAt
  updatedAt
  milestone { title }
  labels(first: 100) { nodes { name } }
  assignees(first: 20) { nodes { login } }
  comments { totalCount }
  reactions { totalCount }
  timelineItems(first: ${PAGE_SIZE}, itemTypes: ${TRACKING_ITEM_TYPES}) {
    pageInfo { hasNextPage endCursor }${TIMELINE_NODES}
  }
}`;

/** One page of every issue in the repository, oldest first (a stable order, so a cursor resumes). */
export const ISSUES_QUERY = `
query KepIssues($owner: String!, $name: String!, $after: String) {
  rateLimit { cost remaining resetAt }
  repository(owner: $owner, name: $name) {
    issues(first: ${PAGE_SIZE}, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...KepIssue }
    }
  }
}
${ISSUE_FRAGMENT}`;

/** Issues by number, one alias each (for the few that changed since the last sync). */
export function issuesByNumberQuery(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$n${i}: Int!`).join(", ");
  const fields = Array.from({ length: count }, (_, i) => `    i${i}: issue(number: $n${i}) { ...KepIssue }`).join("\n");
  return `
query KepIssuesByNumber($owner: String!, $name: String!, ${variables}) {
  rateLimit { cost remaining resetAt }
  repository(owner: $owner, name: $name) {
${fields}
  }
}
${ISSUE_FRAGMENT}`;
}

/** The next page of tracking events for several issues at once (the rare issue with more than 100). */
export function moreTimelineQuery(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$n${i}: Int!, $c${i}: String!`).join(", ");
  const fields = Array.from(
    { length: count },
    (_, i) => `    t${i}: issue(number: $n${i}) {
      number
      timelineItems(first: ${PAGE_SIZE}, after: $c${i}, itemTypes: ${TRACKING_ITEM_TYPES}) {
        pageInfo { hasNextPage endCursor }${TIMELINE_NODES}
      }
    }`,
  ).join("\n");
  return `
query KepTimelines($owner: String!, $name: String!, ${variables}) {
  rateLimit { cost remaining resetAt }
  repository(owner: $owner, name: $name) {
${fields}
  }
}`;
}

/**
 * The newest commit that touched each of several files, with the pull request that merged it:
 * dates a kep.yaml version by its merge to master without reading the file's whole history.
 */
export function lastCommitsQuery(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$p${i}: String!`).join(", ");
  const fields = Array.from(
    { length: count },
    (_, i) => `        f${i}: history(path: $p${i}, first: 1) {
          nodes { oid committedDate associatedPullRequests(first: 1) { nodes { mergeCommit { oid committedDate } } } }
        }`,
  ).join("\n");
  return `
query KepYamlCommits($owner: String!, $name: String!, $ref: String!, ${variables}) {
  rateLimit { cost remaining resetAt }
  repository(owner: $owner, name: $name) {
    object(expression: $ref) {
      ... on Commit {
${fields}
      }
    }
  }
}`;
}

const BOARD_ITEMS = `
      items(first: ${PAGE_SIZE}, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes {
          content { __typename ... on Issue { number repository { nameWithOwner } } }
          fieldValues(first: 30) {
            nodes {
              __typename
              ... on ProjectV2ItemFieldSingleSelectValue { name field { ... on ProjectV2FieldCommon { name } } }
              ... on ProjectV2ItemFieldTextValue { text field { ... on ProjectV2FieldCommon { name } } }
            }
          }
        }
      }`;

/** Finds a release's enhancements board by title, with its first page of items. */
export const BOARD_SEARCH_QUERY = `
query ReleaseBoards($org: String!, $search: String!, $after: String) {
  rateLimit { cost remaining resetAt }
  organization(login: $org) {
    projectsV2(first: 10, query: $search) {
      nodes {
        number
        title
        url
        closed${BOARD_ITEMS}
      }
    }
  }
}`;

/** Further pages of one board's items. */
export const BOARD_ITEMS_QUERY = `
query ReleaseBoardItems($org: String!, $number: Int!, $after: String) {
  rateLimit { cost remaining resetAt }
  organization(login: $org) {
    projectV2(number: $number) {
      number
      title
      url
      closed${BOARD_ITEMS}
    }
  }
}`;

/** Every query the sync can send, with small alias counts, for schema validation. */
export function allQueries(): Record<string, string> {
  return {
    ISSUES_QUERY,
    issuesByNumber: issuesByNumberQuery(3),
    moreTimeline: moreTimelineQuery(2),
    lastCommits: lastCommitsQuery(2),
    BOARD_SEARCH_QUERY,
    BOARD_ITEMS_QUERY,
  };
}
