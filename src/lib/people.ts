/** People in the data: GitHub handles turned into profile links when they are real handles. */

/** GitHub's handle rule: letters, digits and single inner hyphens, at most 39 characters. */
const HANDLE = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** The profile URL of a handle ("@name" or "name"), or null for anything that is not a handle. */
export function githubProfile(handle: string): string | null {
  const bare = handle.trim().replace(/^@/, "");
  return HANDLE.test(bare) ? `https://github.com/${bare}` : null;
}
