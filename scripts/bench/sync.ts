/**
 * Bench section: the local sync of the real data against the bare git commands it rests on, cold
 * (an empty read cache) and warm (a re-sync when nothing changed upstream).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { historyLogArgs } from "../sync/git-history.ts";
import { median, metric, type Section, timeCommand } from "./lib.ts";

/**
 * The floor, the cold sync and the warm re-sync, interleaved run by run so a busy machine slows
 * all three alike. The floor: a bare clone, the one history pass over kep.yaml and PRR files, and
 * every blob it names and every README at the newest commit read once, in one cat-file batch.
 */
export const syncSection: Section = {
  name: "sync",
  describe: "local sync of the real data, cold and warm, against the bare-git floor",
  run(options) {
    const scratch = mkdtempSync(path.join(tmpdir(), "kep-radar-bench-"));
    try {
      const floorOnce = () => {
        const bare = path.join(scratch, `floor-${Math.random().toString(36).slice(2)}`);
        let seconds = timeCommand("git", ["clone", "--quiet", "--bare", options.enhancements, bare]);
        const log = spawnSync("git", ["-C", bare, ...historyLogArgs("refs/heads/master")], { maxBuffer: 1 << 30 });
        seconds += timeCommand("git", ["-C", bare, ...historyLogArgs("refs/heads/master")]);
        const blobs = new Set(log.stdout.toString().match(/(?<= )[0-9a-f]{40}(?= [AMRT])/g) ?? []);
        const listArgs = ["-C", bare, "ls-tree", "-r", "-z", "refs/heads/master", "--", "keps/"];
        const listing = spawnSync("git", listArgs, { maxBuffer: 1 << 30 }).stdout.toString();
        seconds += timeCommand("git", listArgs);
        for (const row of listing.split("\0")) {
          const [meta = "", file = ""] = row.split("\t");
          if (file.endsWith("/README.md") && meta.split(" ")[1] === "blob") blobs.add(meta.split(" ")[2] ?? "");
        }
        seconds += timeCommand("git", ["-C", bare, "cat-file", "--batch"], `${[...blobs].join("\n")}\n`);
        rmSync(bare, { recursive: true, force: true });
        return seconds;
      };
      const out = path.join(scratch, "content");
      const syncOnce = (readCache: string) =>
        timeCommand(process.execPath, [
          "scripts/sync.ts",
          "--quiet",
          "--enhancements",
          options.enhancements,
          "--sig-release",
          options.sigRelease,
          "--out",
          out,
          "--read-cache",
          readCache,
        ]);
      const warmCache = path.join(scratch, "read-cache-warm");
      // Warms the file system cache, so floor and sync start equal, and fills the warm read cache.
      syncOnce(warmCache);
      const floor: number[] = [];
      const cold: number[] = [];
      const warm: number[] = [];
      for (let run = 0; run < options.runs; run++) {
        floor.push(floorOnce());
        const coldCache = path.join(scratch, `read-cache-cold-${run}`);
        cold.push(syncOnce(coldCache));
        rmSync(coldCache, { recursive: true, force: true });
        warm.push(syncOnce(warmCache));
      }
      const [floorTime, coldTime, warmTime] = [median(floor), median(cold), median(warm)];
      return [
        metric("sync", "git floor: clone + log + cat-file (metadata blobs, HEAD READMEs)", floorTime, "s"),
        // Cold, as every sync was before the read cache: the names stay for comparison over time.
        metric("sync", "full local sync (node start to snapshot written)", coldTime, "s", { max: 2 }),
        metric("sync", "sync / git floor", coldTime / floorTime, "x", { max: 3, label: "<= 3x" }),
        metric("sync", "warm re-sync (read cache filled, nothing changed upstream)", warmTime, "s"),
        metric("sync", "warm re-sync / git floor", warmTime / floorTime, "x"),
      ];
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};
