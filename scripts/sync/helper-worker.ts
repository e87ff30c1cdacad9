/** The sync's second thread (see helper.ts): answers parse and check requests until it is stopped. */
import { enableCompileCache } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import type { HelperRequest } from "./helper.ts";

enableCompileCache((workerData as { compileCache: string }).compileCache);
// Loaded after the compile cache is on, so the readers' compiled code is reused from disk.
const { parseKepJobs, runCheckJobs } = await import("./helper.ts");

parentPort!.on("message", (request: HelperRequest) => {
  try {
    const results =
      request.kind === "parse" ? parseKepJobs(request.jobs) : runCheckJobs(request.jobs, request.templates);
    parentPort!.postMessage({ id: request.id, results });
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
