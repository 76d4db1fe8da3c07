// Runs a comparison — the same workload on several architectures — slice by slice, reporting progress between
// slices. Runs are independent engines, so their order never changes any of their results.

import { createRun, type RunConfig } from "./run.ts";
import type { RunResultSummary } from "./result.ts";

/** Progress of a comparison, reported between slices. */
export interface ComparisonProgress {
  /** Index of the run in progress. */
  run: number;
  runs: number;
  architecture: string;
  /** Simulated time reached in this run and its end, µs. */
  nowMicros: number;
  endMicros: number;
  events: number;
}

/** Runs every config to its end in slices of sliceMicros, calling onProgress after each slice. */
export function runComparison(
  configs: readonly RunConfig[],
  options: { sliceMicros?: number; onProgress?: (progress: ComparisonProgress) => void } = {},
): RunResultSummary[] {
  const slice = options.sliceMicros ?? 10_000_000;
  return configs.map((config, index) => {
    const run = createRun(config);
    while (!run.done) {
      const step = run.advance(run.world.engine.nowMicros + slice);
      options.onProgress?.({
        run: index,
        runs: configs.length,
        architecture: run.arch.name,
        nowMicros: step.nowMicros,
        endMicros: run.endMicros,
        events: run.world.engine.eventsTotal,
      });
      if (step.stoppedBy === "eventBudget") break;
    }
    run.sampler.sample();
    return run.result();
  });
}
