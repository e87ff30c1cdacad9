/**
 * A second thread for the sync's two CPU-bound steps, so a two-core machine parses kep.yaml
 * versions and runs readiness checks on both cores: the work is split, each half computed by
 * the same functions (below), and the results merged by key, so the snapshot does not depend on
 * which thread computed what. The worker starts while git clones; if it cannot start or fails,
 * the main thread does its share too.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import { type KepParseResult, parseKepYaml } from "../../src/lib/kep-yaml.ts";
import { checkKepAt, type FileAt, type ReadinessInput } from "../../src/lib/readiness/checks.ts";
import { type MarkdownDoc, readMarkdown, readTemplate, type TemplateModel } from "../../src/lib/readiness/readme.ts";
import { type CheckResult, PLACEHOLDER_COMMIT } from "./read-cache.ts";

/** A kep.yaml version to parse (with PLACEHOLDER_COMMIT: the caller gives warnings their commit). */
export interface ParseJob {
  text: string;
  path: string;
}

/** One readiness check to make: its inputs, with the README's and the template's blob ids to read each once. */
export interface CheckJob {
  input: Omit<ReadinessInput, "readme" | "template"> & { readme: FileAt };
  readmeBlob: string | null;
  template: { path: string; blob: string | null };
}

/** Parses kep.yaml versions. */
export function parseKepJobs(jobs: readonly ParseJob[]): KepParseResult[] {
  return jobs.map((job) => parseKepYaml(job.text, job.path, PLACEHOLDER_COMMIT));
}

/** Makes readiness checks, reading each README and template once; `templates` holds template texts by blob. */
export function runCheckJobs(jobs: readonly CheckJob[], templates: ReadonlyMap<string, string>): CheckResult[] {
  const models = new Map<string, TemplateModel>();
  const modelOf = (blob: string | null): TemplateModel | null => {
    const text = blob === null ? undefined : templates.get(blob);
    if (blob === null || text === undefined) return null;
    let model = models.get(blob);
    if (!model) {
      model = readTemplate(text);
      models.set(blob, model);
    }
    return model;
  };
  // Jobs come grouped by README: only the current one is kept read.
  let current: { blob: string; doc: MarkdownDoc } | null = null;
  return jobs.map((job) => {
    const { input, readmeBlob } = job;
    let readme: ReadinessInput["readme"] = input.readme;
    if (readmeBlob !== null && input.readme.text !== null) {
      if (current?.blob !== readmeBlob) current = { blob: readmeBlob, doc: readMarkdown(input.readme.text) };
      readme = { ...input.readme, doc: current.doc };
    }
    return checkKepAt({ ...input, readme, template: { path: job.template.path, model: modelOf(job.template.blob) } });
  });
}

/** The main thread's handle on the second thread. */
export interface SyncHelper {
  /** Parses kep.yaml versions on the second thread; rejects when it cannot (the caller parses them itself). */
  parseKeps(jobs: ParseJob[]): Promise<KepParseResult[]>;
  /** Makes readiness checks on the second thread; rejects when it cannot. */
  check(jobs: CheckJob[], templates: Map<string, string>): Promise<CheckResult[]>;
  /** Stops the thread. */
  close(): Promise<void>;
}

/** A request to the worker and its answer. */
type HelperTask =
  | { kind: "parse"; jobs: ParseJob[] }
  | { kind: "check"; jobs: CheckJob[]; templates: Map<string, string> };
export type HelperRequest = HelperTask & { id: number };
export type HelperAnswer = { id: number; results: unknown[] } | { id: number; error: string };

/** Starts the second thread (it loads the readers while the caller does other work). */
export function startHelper(): SyncHelper {
  const worker = new Worker(new URL("./helper-worker.ts", import.meta.url), {
    workerData: { compileCache: path.resolve(import.meta.dirname, "../../.cache/node-compile") },
  });
  // The sync's process must not wait for an idle helper to exit.
  worker.unref();
  const waiting = new Map<number, { resolve: (results: unknown[]) => void; reject: (error: Error) => void }>();
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    for (const { reject } of waiting.values()) reject(failure);
    waiting.clear();
  };
  worker.on("message", (answer: HelperAnswer) => {
    const entry = waiting.get(answer.id);
    waiting.delete(answer.id);
    if ("error" in answer) entry?.reject(new Error(answer.error));
    else entry?.resolve(answer.results);
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the sync's helper thread stopped (exit ${code})`)));
  let next = 0;
  const ask = (request: HelperTask): Promise<unknown[]> => {
    if (failure) return Promise.reject(failure);
    const id = next++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...request, id });
    }).finally(() => {
      if (waiting.size === 0) worker.unref();
    }) as Promise<unknown[]>;
  };
  return {
    parseKeps: (jobs) => ask({ kind: "parse", jobs }) as Promise<KepParseResult[]>,
    check: (jobs, templates) => ask({ kind: "check", jobs, templates }) as Promise<CheckResult[]>,
    async close() {
      await worker.terminate();
    },
  };
}

/**
 * Splits work in two halves of about equal weight, keeping items of one group together (checks of
 * one README, so each side reads it once); the order within each half is the input order.
 */
export function splitInTwo<T>(items: readonly T[], groupOf: (item: T) => string, weightOf: (item: T) => number) {
  const groups = new Map<string, { items: T[]; weight: number }>();
  for (const item of items) {
    const key = groupOf(item);
    const group = groups.get(key) ?? { items: [], weight: 0 };
    group.items.push(item);
    group.weight += weightOf(item);
    groups.set(key, group);
  }
  const halves: [T[], T[]] = [[], []];
  const weights = [0, 0];
  for (const group of groups.values()) {
    const side = weights[0]! <= weights[1]! ? 0 : 1;
    halves[side].push(...group.items);
    weights[side]! += group.weight;
  }
  return halves;
}
