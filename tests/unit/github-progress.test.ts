import { describe, expect, test } from "vitest";
import { createProgress } from "../../scripts/sync/github/progress.ts";

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, columns: 80, written, write: (text: string) => written.push(text) };
}

describe("sync progress", () => {
  test("rewrites one status line in place on a terminal, with live counters", () => {
    const out = stream(true);
    const progress = createProgress(out, { quiet: false, started: performance.now() });
    progress.setStatus(() => "12 requests, 30 points");
    progress("issues: page 1 of 21", true);
    progress("issues: page 2 of 21", true);
    expect(out.written).toHaveLength(2);
    for (const line of out.written) {
      expect(line.startsWith("\r\x1b[2K")).toBe(true);
      expect(line.endsWith("\n")).toBe(false);
      expect(line).toContain("12 requests, 30 points");
    }
    progress.end();
    expect(out.written.at(-1)).toBe("\r\x1b[2K");
  });

  test("writes plain timestamped lines, one per step, when stderr is not a terminal (CI)", () => {
    const out = stream(false);
    const progress = createProgress(out, { quiet: false, started: performance.now() });
    progress("issues: page 1 of 21", true);
    progress("board for 1.37: 11 items");
    expect(out.written).toHaveLength(2);
    for (const line of out.written) {
      expect(line).toMatch(/^\[\d+\.\d{2}s\] .+\n$/);
      expect(line).not.toContain("\r");
      expect(line).not.toContain("\x1b");
    }
  });

  test("cuts a terminal line to the terminal's width", () => {
    const out = stream(true);
    createProgress(out, { quiet: false, started: performance.now() })("x".repeat(500), true);
    expect(out.written[0]?.replace("\r\x1b[2K", "").length).toBeLessThanOrEqual(79);
  });

  test("prints nothing with --quiet", () => {
    const out = stream(true);
    createProgress(out, { quiet: true, started: performance.now() })("issues: page 1 of 21");
    expect(out.written).toEqual([]);
  });
});
