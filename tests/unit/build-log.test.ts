/**
 * The quiet build log (src/integrations/build-log.ts) fed the messages Astro 7 writes during
 * `astro build`, and the environment scripts/run.sh gives every task (no colour codes off a
 * terminal, no telemetry).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import type { AstroLoggerMessage } from "astro";
import { describe, expect, test } from "vitest";
import { type BuildLogSink, createBuildLog } from "../../src/integrations/build-log.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ROUTES = 2334;

const info = (label: string | null, message: string, newLine = true): AstroLoggerMessage => ({
  label,
  level: "info",
  message,
  newLine,
});

/** What `astro build` logs, in order and with its colour codes (as recorded from a build of this site). */
function astroBuildMessages(): AstroLoggerMessage[] {
  const routes = Array.from({ length: ROUTES }, (_, i) => [
    info(null, `  \u001b[34m├─\u001b[39m \u001b[2m/keps/${i}/index.html\u001b[22m`, false),
    info("SKIP_FORMAT", ` \u001b[2m(+${i % 9}ms)\u001b[22m `),
  ]).flat();
  return [
    info("types", "Generated 89ms"),
    info("build", 'output: "static"'),
    info("build", 'mode: "static"'),
    info("build", "directory: /work/main/dist/"),
    info("build", "Collecting build info..."),
    info("build", "\u001b[32m✓ Completed in 594ms.\u001b[39m"),
    info("build", "Building static entrypoints..."),
    info("vite", "\u001b[32m✓ built in 1.11s\u001b[39m"),
    info("vite", "\u001b[32m✓ built in 1.13s\u001b[39m"),
    info("build", "Rearranging server assets..."),
    info("SKIP_FORMAT", "\n\u001b[42m\u001b[30m generating static routes \u001b[39m\u001b[49m"),
    ...routes.slice(0, 1000),
    { label: "build", level: "warn", message: "[WARN] a route took long", newLine: true },
    ...routes.slice(1000),
    info(null, "\u001b[32m✓ Completed in 11.27s.\n\u001b[39m"),
    info("build", "\u001b[32m✓ Completed in 14.58s.\u001b[39m"),
    info("kep-radar-social-images", "674 social images written"),
    info("kep-radar-find", "sitemap.xml lists 915 pages"),
    info("build", 'Waiting for integration "kep-radar-find", hook "astro:build:done"...'),
    info("kep-radar-find", "pagefind indexed 725 pages"),
    info("build", "1609 page(s) built in \u001b[1m19.08s\u001b[22m"),
    info("build", "\u001b[1mComplete!\u001b[22m"),
  ];
}

/** Runs the messages through the log; returns the lines it printed and the raw terminal text. */
function run(options: { verbose?: boolean }, tty: boolean) {
  const lines: AstroLoggerMessage[] = [];
  let raw = "";
  const sink: BuildLogSink = { line: (event) => lines.push(event), raw: (text) => (raw += text), tty };
  const log = createBuildLog(options, sink);
  const messages = astroBuildMessages();
  for (const event of messages) log.write(event);
  return { lines, raw, messages };
}

describe("the build log", () => {
  test("prints phases, a few route counts, the warning and Astro's summary instead of a line per route", () => {
    const { lines } = run({}, false);
    expect(lines.map((l) => l.message)).toEqual([
      "bundling scripts and styles…",
      "rendering pages…",
      "500 routes rendered",
      "[WARN] a route took long",
      "1000 routes rendered",
      "1500 routes rendered",
      "2000 routes rendered",
      `${ROUTES} routes rendered; post-build steps (social images, search index, security headers)…`,
      "1609 page(s) built in \u001b[1m19.08s\u001b[22m",
    ]);
  });

  test("on a terminal, counts routes on one line that it ends before the next message", () => {
    const { lines, raw } = run({}, true);
    expect(lines).toHaveLength(5);
    expect(raw.match(/\r/g)).toHaveLength(Math.floor(ROUTES / 50));
    // The count line ends before the warning and before the next phase.
    expect(raw.match(/\n/g)).toHaveLength(2);
    expect(raw.endsWith("\n")).toBe(true);
    expect(raw).toContain(`\u001b[2K  ${Math.floor(ROUTES / 50) * 50} routes rendered`);
  });

  test("with verbose, prints every message as Astro wrote it", () => {
    const { lines, messages } = run({ verbose: true }, false);
    expect(lines).toEqual(messages);
  });

  test("passes messages it does not know, such as the preview server's", () => {
    const lines: AstroLoggerMessage[] = [];
    const log = createBuildLog({}, { line: (e) => lines.push(e), raw: () => undefined, tty: false });
    const preview = info("SKIP_FORMAT", "  Local    http://127.0.0.1:4321/");
    log.write(preview);
    expect(lines).toEqual([preview]);
  });
});

describe("the scripts' environment (scripts/env.sh)", () => {
  /** NO_COLOR and ASTRO_TELEMETRY_DISABLED as a task sees them, with stdout a pipe (not a terminal). */
  function environment(extra: Record<string, string>): string {
    const env: Record<string, string> = {
      PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: process.env.HOME ?? "/tmp",
      ...extra,
    };
    const result = spawnSync("bash", ["-c", "source scripts/env.sh && env"], { cwd: ROOT, env, encoding: "utf8" });
    expect(result.stderr).toBe("");
    const seen = new Map(
      result.stdout.split("\n").map((line) => [line.split("=")[0], line.slice(line.indexOf("=") + 1)]),
    );
    return `${seen.get("NO_COLOR") ?? ""}|${seen.get("ASTRO_TELEMETRY_DISABLED") ?? ""}`;
  }

  test("turns colour codes and Astro's telemetry off when the output is not a terminal", () => {
    expect(environment({})).toBe("1|1");
  });

  test("leaves colour on when FORCE_COLOR asks for it (Node warns when both are set)", () => {
    expect(environment({ FORCE_COLOR: "1" })).toBe("|1");
  });
});
