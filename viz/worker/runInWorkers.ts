// A page's way to run a whole scenario through the worker API only: one worker plans it from the text, each
// architecture runs in a worker of its own in slices of simulated time, and the planning worker judges the reports.
import { wrap, type Remote } from "comlink";
import type { ScenarioReading } from "../../sim/api/scenarioApi.ts";
import type { WorkerApi } from "../../sim/api/workerApi.ts";
import type { RunReport, ScenarioReport } from "../../sim/report/reportTypes.ts";

/** How a page runs a scenario in workers. */
export interface WorkerRunOptions {
  /** Starts one worker running simWorker.ts (the page knows where its script lives). */
  newWorker: () => Worker;
  /** Simulated time per advance call, µs: the granularity at which a page can redraw or pause. */
  sliceMicros: number;
  /** Called after every slice with the run's index, its simulated time and its end, µs. */
  onSlice?: (run: number, nowMicros: number, endMicros: number) => void;
  /** Library scenarios for `extends:`, and a choice of architectures. */
  reading?: ScenarioReading;
}

/** Runs a scenario's architectures one after another, each in a fresh worker, and returns its report. */
export async function runScenarioInWorkers(text: string, source: string, options: WorkerRunOptions): Promise<ScenarioReport> {
  if (!Number.isFinite(options.sliceMicros) || options.sliceMicros <= 0) {
    throw new RangeError(`sliceMicros: expected a simulated time > 0 µs (got ${options.sliceMicros})`);
  }
  const plannerWorker = options.newWorker();
  try {
    const planner: Remote<WorkerApi> = wrap<WorkerApi>(plannerWorker);
    const plan = await planner.plan(text, source, options.reading);
    const reports: RunReport[] = [];
    for (const [index, run] of plan.runs.entries()) {
      const worker = options.newWorker();
      try {
        const api: Remote<WorkerApi> = wrap<WorkerApi>(worker);
        const id = await api.start(run.config, run.options);
        // A session starts at simulated time 0.
        let nowMicros = 0;
        for (;;) {
          const progress = await api.advance(id, nowMicros + options.sliceMicros);
          nowMicros = progress.nowMicros;
          options.onSlice?.(index, progress.nowMicros, progress.endMicros);
          if (progress.done || progress.stalled) break;
        }
        reports.push(await api.report(id));
      } finally {
        worker.terminate();
      }
    }
    return await planner.scenarioReport(text, source, reports, options.reading);
  } finally {
    plannerWorker.terminate();
  }
}
