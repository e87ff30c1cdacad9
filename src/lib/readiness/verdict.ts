/** A KEP's readiness verdict from its checks, by each rule's weight (readiness/rules.ts). */
import type { ReadinessCheck } from "../schema.ts";
import { READINESS_RULES, type Verdict } from "./rules.ts";

/**
 * Judges checks: a failed required check means not ready; a failed advisory check or an unknown
 * required one means at risk; otherwise ready. Informational checks never move it; GitHub checks
 * are weighed by the view, which lets them decide when present.
 */
export function judgeChecks(checks: readonly Pick<ReadinessCheck, "rule" | "result">[]): Verdict {
  let verdict: Verdict = "ready";
  for (const check of checks) {
    const weight = READINESS_RULES[check.rule].weight;
    if (weight === "info" || weight === "github") continue;
    if (weight === "required" && check.result === "fail") return "not-ready";
    if (check.result === "fail" || (weight === "required" && check.result === "unknown")) verdict = "at-risk";
  }
  return verdict;
}
