/**
 * `node scripts/readiness-report.ts`: how readiness at enhancements freeze compared with what
 * each released cycle shipped. Prints, per cycle, the KEPs targeting it by verdict with how many
 * of them shipped, then, per rule, its failures on KEPs that did not ship (caught) and on KEPs
 * that shipped (misclassified), with the share of flagged KEPs that did not ship.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { readReadiness } from "../src/data/readiness.ts";
import { readSnapshot } from "../src/data/snapshot.ts";
import { READINESS_RULES } from "../src/lib/readiness/rules.ts";
import { compareWithOutcome, type OutcomeComparison } from "../src/lib/readiness/view.ts";
import { compareVersions } from "../src/lib/versions.ts";

const HELP = `Usage: node scripts/readiness-report.ts [--content DIR] [--from 1.27] [--to 1.36]

Readiness at enhancements freeze against the outcome, per released cycle and per rule, from
the committed snapshot (content/snapshot/readiness/ and the release lists).
  --content DIR   content folder to read (default: content)
  --from, --to    cycles to include (default 1.27 to 1.36)
  -h, --help      show this help
`;

const { values } = parseArgs({
  options: {
    content: { type: "string", default: "content" },
    from: { type: "string", default: "1.27" },
    to: { type: "string", default: "1.36" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const content = path.resolve(values.content);
const snapshot = readSnapshot(content);
const readiness = readReadiness(content);
const rows: OutcomeComparison[] = [];
for (const release of [...snapshot.releases].sort((a, b) => compareVersions(a.version, b.version))) {
  if (compareVersions(release.version, values.from) < 0 || compareVersions(release.version, values.to) > 0) continue;
  const row = compareWithOutcome(release, readiness.get(release.version));
  if (row) rows.push(row);
}
const cell = (v: { total: number; shipped: number }) => `${v.total} (${v.shipped})`.padEnd(14);
console.log(`cycle   targeting shipped   not ready     at risk       ready         [KEPs (of them shipped)]`);
const sum = {
  "not-ready": { total: 0, shipped: 0 },
  "at-risk": { total: 0, shipped: 0 },
  ready: { total: 0, shipped: 0 },
};
for (const row of rows) {
  console.log(
    `${row.version.padEnd(8)}${String(row.targeting).padEnd(10)}${String(row.shipped).padEnd(10)}${cell(row.byVerdict["not-ready"])}${cell(row.byVerdict["at-risk"])}${cell(row.byVerdict.ready)}`,
  );
  for (const verdict of ["not-ready", "at-risk", "ready"] as const) {
    sum[verdict].total += row.byVerdict[verdict].total;
    sum[verdict].shipped += row.byVerdict[verdict].shipped;
  }
}
const share = (part: number, whole: number) => `${whole === 0 ? 0 : Math.round((part / whole) * 100)}%`;
console.log(
  `all                         ${cell(sum["not-ready"])}${cell(sum["at-risk"])}${cell(sum.ready)}\n` +
    `shipped: not ready ${share(sum["not-ready"].shipped, sum["not-ready"].total)}, at risk ${share(sum["at-risk"].shipped, sum["at-risk"].total)}, ready ${share(sum.ready.shipped, sum.ready.total)}\n`,
);
const perRule = new Map<string, { caught: number; misclassified: number }>();
for (const row of rows) {
  for (const r of row.rules) {
    const tally = perRule.get(r.rule) ?? { caught: 0, misclassified: 0 };
    tally.caught += r.caught;
    tally.misclassified += r.misclassified;
    perRule.set(r.rule, tally);
  }
}
console.log(`rule                    weight     caught  misclassified  flagged that did not ship`);
for (const [rule, tally] of perRule) {
  const weight = READINESS_RULES[rule as keyof typeof READINESS_RULES].weight;
  console.log(
    `${rule.padEnd(24)}${weight.padEnd(11)}${String(tally.caught).padEnd(8)}${String(tally.misclassified).padEnd(15)}${share(tally.caught, tally.caught + tally.misclassified)}`,
  );
}
