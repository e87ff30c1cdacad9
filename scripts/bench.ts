/**
 * `npm run bench`: measures speed and size targets and prints one table (and writes it
 * as JSON for comparison over time). Numbers, not pass/fail: targets are shown beside
 * each value so a reader can judge; nothing here is a timed test.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { historyLogArgs } from "./sync/git-history.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const UPSTREAM = path.resolve(ROOT, "../shared/upstream");

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

const HELP = `Usage: npm run bench [-- options]

Measures KEP Radar's speed and size targets and prints one table; also writes
bench-results/bench.json (or --json <file>).

Options:
  --only <a,b>        run only these sections (default: all)
  --runs <n>          repetitions for timed sections; the median is reported (default 5)
  --enhancements <p>  kubernetes/enhancements clone or bundle (default ../shared/upstream)
  --sig-release <p>   kubernetes/sig-release folder (default ../shared/upstream)
  --json <file>       where to write the results as JSON
  -h, --help          show this help

Sections:
`;

function median(values: number[]): number {
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

/** The floor: the bare git commands the local sync rests on, and the sync itself, end to end. */
const syncSection: Section = {
  name: "sync",
  describe: "local sync of the real data against the bare-git floor",
  run(options) {
    const scratch = mkdtempSync(path.join(tmpdir(), "kep-radar-bench-"));
    try {
      const floorOnce = () => {
        const bare = path.join(scratch, `floor-${Math.random().toString(36).slice(2)}`);
        let seconds = timeCommand("git", ["clone", "--quiet", "--bare", options.enhancements, bare]);
        const log = spawnSync("git", ["-C", bare, ...historyLogArgs("refs/heads/master")], { maxBuffer: 1 << 30 });
        seconds += timeCommand("git", ["-C", bare, ...historyLogArgs("refs/heads/master")]);
        const blobs = new Set(log.stdout.toString().match(/(?<= )[0-9a-f]{40}(?= [AMRT])/g) ?? []);
        seconds += timeCommand("git", ["-C", bare, "cat-file", "--batch"], `${[...blobs].join("\n")}\n`);
        rmSync(bare, { recursive: true, force: true });
        return seconds;
      };
      const out = path.join(scratch, "content");
      const syncArgs = ["scripts/sync.ts", "--quiet", "--enhancements", options.enhancements];
      const syncOnce = () =>
        timeCommand(process.execPath, [...syncArgs, "--sig-release", options.sigRelease, "--out", out]);
      syncOnce(); // warm the file cache once so both sides start equal
      const floor = medianOf(options.runs, floorOnce);
      const sync = medianOf(options.runs, syncOnce);
      return [
        metric("sync", "git floor: clone + log + cat-file", floor, "s"),
        metric("sync", "full local sync (node start to snapshot written)", sync, "s", { max: 2 }),
        metric("sync", "sync / git floor", sync / floor, "x", { max: 3, label: "<= 3x" }),
      ];
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};

/** Sections in table order; later issues add theirs here. */
export const SECTIONS: Section[] = [syncSection];

function format(m: Metric): string[] {
  const digits = m.unit === "s" ? 2 : m.unit === "x" ? 2 : m.unit === "ms" ? 1 : 0;
  const verdict = m.ok === null ? "" : m.ok ? "ok" : "MISSED";
  return [m.section, m.name, `${m.value.toFixed(digits)} ${m.unit}`, m.target, verdict];
}

function printTable(metrics: Metric[]): void {
  const rows = [["section", "metric", "value", "target", ""], ...metrics.map(format)];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  for (const [index, row] of rows.entries()) {
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    );
    if (index === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: "string" },
      runs: { type: "string", default: "5" },
      enhancements: { type: "string", default: path.join(UPSTREAM, "kubernetes-enhancements.bundle") },
      "sig-release": { type: "string", default: path.join(UPSTREAM, "kubernetes-sig-release") },
      json: { type: "string", default: path.join(ROOT, "bench-results", "bench.json") },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    for (const section of SECTIONS) console.log(`  ${section.name.padEnd(10)} ${section.describe}`);
    return 0;
  }
  const only = values.only?.split(",").map((s) => s.trim());
  const unknown = only?.filter((name) => !SECTIONS.some((s) => s.name === name)) ?? [];
  if (unknown.length) {
    console.error(`bench: unknown section(s): ${unknown.join(", ")}`);
    return 2;
  }
  const options: BenchOptions = {
    runs: Math.max(1, Number(values.runs) || 5),
    enhancements: values.enhancements,
    sigRelease: values["sig-release"],
  };
  const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), node ${process.version}`;
  console.error(`KEP Radar benchmark on ${machine}; ${options.runs} runs per timing`);
  const metrics: Metric[] = [];
  for (const section of SECTIONS) {
    if (only && !only.includes(section.name)) continue;
    console.error(`… ${section.name}: ${section.describe}`);
    metrics.push(...(await section.run(options)));
  }
  console.log();
  printTable(metrics);
  mkdirSync(path.dirname(values.json), { recursive: true });
  writeFileSync(values.json, `${JSON.stringify({ machine, runs: options.runs, metrics }, null, 2)}\n`);
  console.error(`\nwritten to ${path.relative(process.cwd(), values.json)}`);
  return 0;
}

process.exitCode = await main();
