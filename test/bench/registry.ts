// The benchmark registry: suite files register named benchmarks here at import time, and main.ts runs the
// suites asked for. A new suite is a new `<suite>Suite.ts` file beside this one; nothing else changes.

/** Lets a benchmark mark the part of run() that is timed; untimed set-up and checks stay outside it. */
export interface BenchTimer {
  /** Starts the clock (wall time, ms resolution or better) and samples memory. */
  start(): void;
  /** Stops the clock and samples memory. */
  stop(): void;
  /** Samples memory mid-run, e.g. between runUntil slices, so peakMiB sees the high-water mark. */
  sample(): void;
}

/** What one benchmark run reports besides its timing. */
export interface BenchOutcome {
  /** Events the engine delivered inside the timed section. */
  events: number;
  /** Model figures worth printing next to the timing (e.g. a mean wait), to show the run did real work. */
  notes?: Record<string, number | string>;
}

/** One named benchmark within a suite. */
export interface Benchmark {
  /** Suite name as typed on the command line, e.g. "engine". */
  suite: string;
  /** Benchmark name, unique within its suite, e.g. "mm1". */
  name: string;
  /** One line saying what is measured. */
  description: string;
  /** Builds the model, calls timer.start() and timer.stop() around the measured loop, and reports its events. */
  run(timer: BenchTimer): BenchOutcome;
}

const registered: Benchmark[] = [];

/** Adds a benchmark; a suite/name pair may be registered once. */
export function registerBenchmark(benchmark: Benchmark): void {
  if (registered.some((b) => b.suite === benchmark.suite && b.name === benchmark.name)) {
    throw new Error(`benchmark ${benchmark.suite}/${benchmark.name}: registered twice`);
  }
  registered.push(benchmark);
}

/** Every registered benchmark, in registration order. */
export function registeredBenchmarks(): readonly Benchmark[] {
  return registered;
}
