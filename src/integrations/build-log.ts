/**
 * The build's log, as Astro's logger (astro.config.mjs `logger`): a line per phase, a route
 * count and Astro's one-line summary instead of a line per route (about 2,400 lines), with
 * warnings and errors always shown. `verbose` (npm run build -- --verbose, npm start -- --verbose)
 * shows every line as Astro writes it. Messages it does not know (preview, check) pass through.
 * Loaded by Node itself, not Vite: erasable TypeScript only.
 */
import type { AstroLoggerDestination, AstroLoggerMessage } from "astro";
import nodeDestination from "astro/logger/node";

/** What the log does with one of Astro's messages. */
export type Verdict =
  | { kind: "pass" }
  | { kind: "drop" }
  | { kind: "route" }
  | { kind: "routes-done" }
  | { kind: "phase"; text: string };

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are what it removes.
const ANSI = /\u001b\[[0-9;]*m/g;

/** Astro's chatter that the default log leaves out, by label. */
const CHATTER: Record<string, RegExp> = {
  build:
    /^(output: |mode: |directory: |Collecting build info|✓ Completed in|Rearranging server assets|Waiting for integration|Complete!)/,
  vite: /built in/,
  types: /./,
  content: /./,
};

/** What happens to a message in the default (not verbose) log. */
export function classify(event: AstroLoggerMessage): Verdict {
  if (event.level === "warn" || event.level === "error") return { kind: "pass" };
  const text = event.message.replace(ANSI, "").trim();
  const label = event.label ?? "";
  if (label === "" && /^[├└]─ /.test(text)) return { kind: "route" };
  if (label === "" && /^✓ Completed in/.test(text)) return { kind: "routes-done" };
  if (label === "SKIP_FORMAT") {
    if (text === "" || /^\(\+[\d.]+\s*m?s\)|^\((cached|restored)\)/.test(text)) return { kind: "drop" };
    if (/^(generating|prerendering) static routes$/.test(text)) return { kind: "phase", text: "rendering pages" };
    if (/^generating optimized images$/.test(text)) return { kind: "phase", text: "optimizing images" };
  }
  if (label === "build" && /^Building static entrypoints/.test(text))
    return { kind: "phase", text: "bundling scripts and styles" };
  if (CHATTER[label]?.test(text)) return { kind: "drop" };
  // The project's own integrations report details (images written, pages indexed): verbose only.
  if (label.startsWith("kep-radar-")) return { kind: "drop" };
  return { kind: "pass" };
}

/** Where the log writes: whole messages (formatted as Astro formats them) and the progress line. */
export interface BuildLogSink {
  /** A message as Astro's own logger would print it. */
  line(event: AstroLoggerMessage): void;
  /** Raw text to the terminal (the in-place route count). */
  raw(text: string): void;
  /** Whether the output is a terminal (the route count then updates in place). */
  tty: boolean;
}

/** Options from astro.config.mjs (serialisable). */
export interface BuildLogOptions {
  /** Every message, as Astro writes it. */
  verbose?: boolean;
}

/** Routes between two counts: a terminal updates often, a log file gets a few lines. */
const COUNT_EVERY = { tty: 50, file: 500 };

/** The log: filters and counts, then writes through `sink`. */
export function createBuildLog(options: BuildLogOptions, sink: BuildLogSink): AstroLoggerDestination {
  if (options.verbose) return { write: (event) => sink.line(event) };
  let routes = 0;
  let countShown = false;
  const info = (message: string): AstroLoggerMessage => ({ label: "build", level: "info", message, newLine: true });
  const endCount = () => {
    if (countShown && sink.tty) sink.raw("\n");
    countShown = false;
  };
  return {
    write(event) {
      const verdict = classify(event);
      switch (verdict.kind) {
        case "pass":
          endCount();
          sink.line(event);
          return;
        case "drop":
          return;
        case "phase":
          endCount();
          sink.line(info(`${verdict.text}…`));
          return;
        case "route":
          routes++;
          if (sink.tty && routes % COUNT_EVERY.tty === 0) {
            sink.raw(`\r\u001b[2K  ${routes} routes rendered`);
            countShown = true;
          } else if (!sink.tty && routes % COUNT_EVERY.file === 0) {
            sink.line(info(`${routes} routes rendered`));
          }
          return;
        case "routes-done":
          endCount();
          sink.line(
            info(`${routes} routes rendered; post-build steps (social images, search index, security headers)…`),
          );
          return;
      }
    },
  };
}

/** Astro's entry point: the log on stdout/stderr, formatted by Astro's own node logger. */
export default function buildLog(options: BuildLogOptions = {}): AstroLoggerDestination {
  const node = nodeDestination({ level: "info" });
  return createBuildLog(options, {
    line: (event) => node.write(event),
    raw: (text) => process.stdout.write(text),
    tty: process.stdout.isTTY === true,
  });
}
