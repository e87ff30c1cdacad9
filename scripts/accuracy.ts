/**
 * `node scripts/accuracy.ts`: the derived release lists against the official record. Prints,
 * per released version, our alpha/beta/stable counts beside the ones its release announcement
 * states, the deviation, and how the stable lists agree KEP by KEP.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readSnapshot } from "../src/data/snapshot.ts";
import {
  type AnnouncementComparison,
  AnnouncementsSchema,
  COUNTED_STAGES,
  compareWithAnnouncement,
  median,
  stableAgreement,
} from "../src/lib/announcements.ts";
import { compareVersions } from "../src/lib/versions.ts";

const HELP = `Usage: node scripts/accuracy.ts [--content DIR] [--from 1.21] [--to 1.36] [--keps]

Compares each released version's derived enhancement counts with its release announcement
(content/curated/announcements.json) and prints one table, then the medians.
  --content DIR   content folder to read (default: content)
  --from, --to    versions to summarise (default 1.21 to 1.36)
  --keps          also list the stable KEPs only one side names (* another official source
                  settles the difference: content/curated/announcements.json, corrections)
  -h, --help      show this help
`;

const { values } = parseArgs({
  options: {
    content: { type: "string", default: "content" },
    from: { type: "string", default: "1.21" },
    to: { type: "string", default: "1.36" },
    keps: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const content = path.resolve(values.content);
const snapshot = readSnapshot(content);
const announcements = AnnouncementsSchema.parse(
  JSON.parse(readFileSync(path.join(content, "curated", "announcements.json"), "utf8")),
);

const rows: AnnouncementComparison[] = [];
for (const release of [...snapshot.releases].sort((a, b) => compareVersions(a.version, b.version))) {
  const announcement = announcements[release.version];
  if (announcement && release.state === "released") rows.push(compareWithAnnouncement(release, announcement));
}
const pct = (n: number) => `${n >= 0 ? "+" : ""}${(n * 100).toFixed(0)}%`;
const cell = (row: AnnouncementComparison, key: "alpha" | "beta" | "stable" | "total") =>
  `${row.derived[key]}/${row.announced[key]} ${pct(row.deviation[key])}`.padEnd(14);
console.log(
  `${"release".padEnd(8)}${["alpha", "beta", "stable", "total"].map((k) => k.padEnd(14)).join("")}stable KEPs (both / only ours / only post)`,
);
for (const row of rows) {
  const agree = row.stable
    ? `${row.stable.both.length} / ${row.stable.onlyDerived.length} / ${row.stable.onlyAnnounced.length}`
    : "post lists a selection";
  console.log(
    `${row.version.padEnd(8)}${COUNTED_STAGES.map((s) => cell(row, s)).join("")}${cell(row, "total")}${agree}`,
  );
  if (values.keps && row.stable && (row.stable.onlyDerived.length || row.stable.onlyAnnounced.length)) {
    const settled = new Set(row.corrected?.applied.map((c) => c.kep));
    const mark = (keps: number[]) => keps.map((n) => (settled.has(n) ? `${n}*` : `${n}`)).join(", ") || "-";
    console.log(`        only ours: ${mark(row.stable.onlyDerived)}; only the post: ${mark(row.stable.onlyAnnounced)}`);
  }
}
const inRange = rows.filter(
  (r) => compareVersions(r.version, values.from) >= 0 && compareVersions(r.version, values.to) <= 0,
);
const abs = (key: "alpha" | "beta" | "stable" | "total") => inRange.map((r) => Math.abs(r.deviation[key]));
console.log(`\n${values.from} to ${values.to} (cells: ours/announced, deviation)`);
for (const key of [...COUNTED_STAGES, "total"] as const) {
  console.log(
    `  ${key.padEnd(7)} median |deviation| ${(median(abs(key)) * 100).toFixed(1)}%, max ${(Math.max(...abs(key)) * 100).toFixed(1)}%`,
  );
}
const share = ({ both, named }: { both: number; named: number }) =>
  `${both} of ${named} KEPs named by either side (${((both / Math.max(1, named)) * 100).toFixed(1)}%)`;
const raw = stableAgreement(inRange.flatMap((r) => (r.stable ? [r.stable] : [])));
const corrected = stableAgreement(inRange.flatMap((r) => (r.corrected ? [r.corrected] : [])));
console.log(`  stable lists agree on ${share(raw)}`);
console.log(`  once other official sources settle the posts' own errors: ${share(corrected)}`);
const open = inRange.flatMap((r) =>
  r.corrected ? [...r.corrected.onlyDerived, ...r.corrected.onlyAnnounced].map((kep) => `${kep} (${r.version})`) : [],
);
if (open.length) console.log(`  still unsettled: ${open.join(", ")}`);
const stale = inRange.flatMap((r) => r.corrected?.unmatched.map((c) => `${r.version} KEP-${c.kep}`) ?? []);
if (stale.length) {
  console.log(`  corrections that match no difference (check content/curated/announcements.json): ${stale.join(", ")}`);
  process.exitCode = 1;
}
