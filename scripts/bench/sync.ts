/** Bench section: the local sync of the real data against the bare git commands it rests on. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { historyLogArgs } from "../sync/git-history.ts";
import { medianOf, metric, type Section, timeCommand } from "./lib.ts";

/** The floor: the bare git commands the local sync rests on, and the sync itself, end to end. */
export const syncSection: Section = {
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
