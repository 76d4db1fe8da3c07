// Runs independent comparison runs on worker threads, at most one per core, and gathers their results in input
// order. Each run is its own engine and seed, so the results are the same as running them one after another.

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { RunConfig } from "../model/run.ts";
import type { RunResultSummary } from "../model/result.ts";

/** Progress of one run, as its worker reports it. */
export interface RunProgress {
  index: number;
  nowMicros: number;
  endMicros: number;
}

/** Runs every config on up to `workers` threads; onProgress sees each run's simulated time. */
export async function runInParallel(
  configs: readonly RunConfig[],
  options: { workers?: number; onProgress?: (progress: RunProgress) => void } = {},
): Promise<RunResultSummary[]> {
  const count = Math.max(1, Math.min(options.workers ?? availableParallelism(), configs.length));
  const results: RunResultSummary[] = new Array(configs.length);
  let next = 0;
  const work = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL("./runWorker.mjs", import.meta.url));
      const feed = () => {
        if (next >= configs.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        const index = next++;
        worker.postMessage({ index, config: configs[index] });
      };
      worker.on("message", (message) => {
        if (message.type === "progress") options.onProgress?.(message);
        else if (message.type === "result") {
          results[message.index] = message.result;
          feed();
        } else if (message.type === "error") {
          const error = new Error(message.message);
          error.name = message.name;
          error.stack = message.stack;
          void worker.terminate();
          reject(error);
        }
      });
      worker.on("error", reject);
      feed();
    });
  await Promise.all(Array.from({ length: count }, work));
  return results;
}
