/** Local servers for scripts and test runs: a free port, and a built site served by `astro preview`. */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { normaliseBase } from "../src/lib/links.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port")),
      );
    });
  });
}

/**
 * Serves a built site (dist/ unless told) with `astro preview` on a free port, beside any other
 * preview (--ignore-lock), in its own process group so stopping it ends its children too.
 * A site built for a base path (BASE_PATH) must be served with the same `base`: it is then
 * served under it (`${url}/kep-radar/`), as GitHub Pages serves a project site.
 */
export async function previewDist(
  outDir = "dist",
  { base = "/" }: { base?: string } = {},
): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    path.join(ROOT, "node_modules", ".bin", "astro"),
    ["preview", "--ignore-lock", "--outDir", outDir, "--host", "127.0.0.1", "--port", String(port)],
    { cwd: ROOT, stdio: "ignore", detached: true, env: { ...process.env, BASE_PATH: base } },
  );
  const stop = () => {
    if (!child.pid || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${url}${normaliseBase(base)}`)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`astro preview of ${outDir}/ did not start within 60 s`);
}
