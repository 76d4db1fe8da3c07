// The browser-determinism page's script: runs a scenario the way a page will, through web workers and the
// run-session API, and hands the report's JSON back to the test.
import { runScenarioInWorkers } from "../../viz/worker/runInWorkers.ts";

declare global {
  interface Window {
    /** Runs a scenario in workers served at /worker.js; resolves to its report as JSON, and its slice count. */
    runScenario(text: string, sliceMicros: number): Promise<{ json: string; slices: number }>;
  }
}

window.runScenario = async (text, sliceMicros) => {
  let slices = 0;
  const report = await runScenarioInWorkers(text, "browser.yaml", {
    newWorker: () => new Worker("/worker.js"),
    sliceMicros,
    onSlice: () => slices++,
  });
  return { json: JSON.stringify(report), slices };
};
