// A worker thread that runs one comparison run at a time and posts progress and the result back (Node only).
import { parentPort } from "node:worker_threads";
import { runComparison } from "../model/comparison.ts";
import type { RunConfig } from "../model/run.ts";

parentPort?.on("message", (message: { index: number; config: RunConfig }) => {
  try {
    const [result] = runComparison([message.config], {
      onProgress: (p) => parentPort?.postMessage({ type: "progress", index: message.index, nowMicros: p.nowMicros, endMicros: p.endMicros }),
    });
    parentPort?.postMessage({ type: "result", index: message.index, result });
  } catch (error) {
    parentPort?.postMessage({ type: "error", index: message.index, name: (error as Error).name, message: (error as Error).message, stack: (error as Error).stack });
  }
});
