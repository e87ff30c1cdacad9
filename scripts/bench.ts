/**
 * `npm run bench`: measures speed and size targets and prints one table (and writes it
 * as JSON for comparison over time). Numbers, not pass/fail: targets are shown beside
 * each value so a reader can judge; nothing here is a timed test.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { githubSection } from "./bench/github.ts";
import { type BenchOptions, type Metric, ROOT, type Section } from "./bench/lib.ts";
import { lighthouseSection } from "./bench/lighthouse.ts";
import { siteSection } from "./bench/site.ts";
import { syncSection } from "./bench/sync.ts";
import { trackSection } from "./bench/track.ts";

const UPSTREAM = path.resolve(ROOT, "../shared/upstream");

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

/** Sections in table order; later issues add theirs here. */
export const SECTIONS: Section[] = [syncSection, githubSection, siteSection, trackSection, lighthouseSection];

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
