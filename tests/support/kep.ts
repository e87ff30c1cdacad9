/** A complete Kep for tests: an alpha KEP of sig-node targeting v1.30, with any field overridden. */
import type { Kep } from "../../src/lib/schema.ts";

/** Builds a Kep with defaults for every field the test does not care about. */
export function makeKep(number: number, fields: Partial<Kep> = {}): Kep {
  return {
    number,
    title: `KEP ${number}`,
    path: `keps/sig-node/${number}-x/kep.yaml`,
    owningSig: "sig-node",
    participatingSigs: [],
    status: "implementable",
    stage: "alpha",
    latestMilestone: "v1.30",
    milestones: { alpha: "v1.30" },
    featureGates: [],
    authors: [],
    reviewers: [],
    approvers: [],
    prrApprovals: [],
    related: [],
    creationDate: null,
    lastUpdated: null,
    deleted: false,
    history: [],
    timeline: [],
    ...fields,
  };
}
