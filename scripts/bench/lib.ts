/** Shared pieces of `npm run bench`: the metric shape, a section's shape, timing helpers. */
import { spawnSync } from "node:child_process";
import path from "node:path";

/** The project root. */
export const ROOT = path.resolve(import.meta.dirname, "../..");

/** One measured number. */
export interface Metric {
  section: string;
  name: string;
  value: number;
  unit: string;
  /** The target in words, e.g. "<= 3x" (empty when there is none). */
  target: string;
  /** Whether the value meets the target; null when there is no target. */
  ok: boolean | null;
}

/** A bench section: a name and a function that measures and returns metrics. */
export interface Section {
  name: string;
  describe: string;
  run(options: BenchOptions): Promise<Metric[]> | Metric[];
}

/** Options every section can read. */
export interface BenchOptions {
  runs: number;
  enhancements: string;
  sigRelease: string;
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Runs a command and returns its wall time in seconds; throws with its stderr when it fails. */
export function timeCommand(command: string, args: string[], input?: string): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, input, maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr?.toString().trim()}`);
  return seconds;
}

/** Median wall time of `runs` repetitions of a function that returns seconds. */
export function medianOf(runs: number, once: () => number): number {
  return median(Array.from({ length: runs }, once));
}

/** Builds a metric, judging it against an upper or lower bound when given. */
export function metric(
  section: string,
  name: string,
  value: number,
  unit: string,
  bound?: { max?: number; min?: number; label?: string },
): Metric {
  let ok: boolean | null = null;
  let target = "";
  if (bound?.max !== undefined) {
    ok = value <= bound.max;
    target = bound.label ?? `<= ${bound.max} ${unit}`;
  } else if (bound?.min !== undefined) {
    ok = value >= bound.min;
    target = bound.label ?? `>= ${bound.min} ${unit}`;
  }
  return { section, name, value, unit, target, ok };
}
