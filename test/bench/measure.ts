// Runs one benchmark and measures it: wall time inside the benchmark's timed section only, and the memory
// high-water mark sampled before, during and after. Wall-clock and process APIs are fine here; this is not sim/.

import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import type { Benchmark } from "./registry.ts";

/** One measured benchmark run, as printed by main.ts. */
export interface BenchReport {
  suite: string;
  name: string;
  events: number;
  /** Wall time between timer.start() and timer.stop(), in seconds. */
  seconds: number;
  eventsPerSecond: number;
  /** CPU time (user + system) of this process over the same section, in seconds; on a busy machine it shows
   * how much of `seconds` was spent waiting for a core. */
  cpuSeconds: number;
  /** events / cpuSeconds: throughput with time spent waiting for a core left out. */
  eventsPerCpuSecond: number;
  /** Highest resident set size sampled around the run, in MiB. */
  peakMiB: number;
  /** Highest V8 heap in use sampled around the run, in MiB. */
  heapPeakMiB: number;
  /** The machine's 1-minute load average when the run started; above the core count, figures are contended. */
  loadAverage: number;
  notes: Record<string, number | string>;
}

const MIB = 1024 * 1024;

/** Runs a benchmark once and reports its timing and memory. */
export function measure(benchmark: Benchmark): BenchReport {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
  const loadAverage = loadavg()[0];
  let peakRss = 0;
  let peakHeap = 0;
  const sample = (): void => {
    const usage = process.memoryUsage();
    if (usage.rss > peakRss) peakRss = usage.rss;
    if (usage.heapUsed > peakHeap) peakHeap = usage.heapUsed;
  };
  let startedMs = Number.NaN;
  let stoppedMs = Number.NaN;
  let cpuStart: NodeJS.CpuUsage | undefined;
  let cpuUsed: NodeJS.CpuUsage | undefined;
  sample();
  const outcome = benchmark.run({
    start() {
      sample();
      cpuStart = process.cpuUsage();
      startedMs = performance.now();
    },
    stop() {
      stoppedMs = performance.now();
      cpuUsed = process.cpuUsage(cpuStart);
      sample();
    },
    sample,
  });
  sample();
  if (!(stoppedMs >= startedMs) || cpuUsed === undefined) {
    throw new Error(`benchmark ${benchmark.suite}/${benchmark.name}: must call timer.start() then timer.stop()`);
  }
  const seconds = (stoppedMs - startedMs) / 1000;
  const cpuSeconds = (cpuUsed.user + cpuUsed.system) / 1e6;
  return {
    suite: benchmark.suite,
    name: benchmark.name,
    events: outcome.events,
    seconds,
    eventsPerSecond: seconds > 0 ? outcome.events / seconds : 0,
    cpuSeconds,
    eventsPerCpuSecond: cpuSeconds > 0 ? outcome.events / cpuSeconds : 0,
    peakMiB: peakRss / MIB,
    heapPeakMiB: peakHeap / MIB,
    loadAverage,
    notes: outcome.notes ?? {},
  };
}
