// Helpers shared by the fault tests: per-interval latency and rate read back from a run, and error capture.

import type { Run } from "../../sim/model/run.ts";
import { Series } from "../../sim/model/runStats.ts";

/** Mean over the intervals starting in [fromMicros, toMicros) of one per-interval publish latency percentile, µs. */
export function meanLatency(run: Run, field: "p50" | "p99", fromMicros: number, toMicros: number): number {
  const rows = run.world.stats.publishLatencyByInterval.summaries().filter((s) => s.startMicros >= fromMicros && s.startMicros < toMicros);
  if (rows.length === 0) throw new Error(`no publish latency recorded in [${fromMicros}, ${toMicros}) µs`);
  return rows.reduce((sum, s) => sum + s[field], 0) / rows.length;
}

/** Published (uncompressed) bytes of each whole interval starting in [fromMicros, toMicros). */
export function publishedPerInterval(run: Run, fromMicros: number, toMicros: number): number[] {
  const snapshot = run.world.stats.series.snapshot();
  const interval = snapshot.intervalMicros;
  const out: number[] = [];
  for (let k = Math.ceil(fromMicros / interval); (k + 1) * interval <= toMicros; k++) out.push(snapshot.values[Series.publishedBytes][k] ?? 0);
  return out;
}

/** The field and message of the InputError fn throws (fails the test if it throws something else or nothing). */
export function inputErrorOf(fn: () => unknown): { field: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error && error.name === "InputError") return { field: (error as Error & { field: string }).field, message: error.message };
    throw error;
  }
  throw new Error("expected an InputError, but nothing was thrown");
}
