/**
 * Progress for a sync that waits on the network: on a terminal one status line rewritten in
 * place (pages, requests, points), elsewhere (CI, pipes, tests) plain timestamped lines.
 */

/** Where progress goes: process.stderr, or a stand-in in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** A progress reporter. */
export interface Progress {
  /** A step worth keeping: a line of its own. `transient` lines are rewritten on a terminal. */
  (line: string, transient?: boolean): void;
  /** Clears a pending transient line (before the summary is printed). */
  end(): void;
  /** Sets the live counters shown on terminal lines. */
  setStatus(status: () => string): void;
}

/** Creates a reporter; `status` adds live counters (requests, points) to terminal lines. */
export function createProgress(
  stream: ProgressStream,
  options: { quiet: boolean; started: number; status?: () => string },
): Progress {
  let pending = false;
  let status = options.status;
  const stamp = () => `[${((performance.now() - options.started) / 1000).toFixed(2)}s]`;
  const report = ((line: string, transient = false) => {
    if (options.quiet) return;
    if (!stream.isTTY) {
      stream.write(`${stamp()} ${line}\n`);
      return;
    }
    const text = `${stamp()} ${line}${status ? ` · ${status()}` : ""}`;
    const width = Math.max(20, (stream.columns ?? 100) - 1);
    // \r and "erase line" rewrite the status line; a permanent line ends it with a newline.
    stream.write(`\r\x1b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}${transient ? "" : "\n"}`);
    pending = transient;
  }) as Progress;
  report.setStatus = (next) => {
    status = next;
  };
  report.end = () => {
    if (pending && stream.isTTY) stream.write("\r\x1b[2K");
    pending = false;
  };
  return report;
}
