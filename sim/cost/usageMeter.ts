// Reads a run's billable counters as it advances: at every multiple of the sample interval and at every boundary
// (state edges, interventions), so cost can take rates over any state's window and fit growth. Readings fall on those
// instants only, so however a caller slices the run, the readings — and the bill — are the same.

import type { RunResult } from "../engine.ts";
import type { Run } from "../model/run.ts";
import { readUsage, type UsageReading } from "./runProbe.ts";

/** A step that stopped before the instant it was advancing to (an event budget ran out). */
export interface ShortStep {
  targetMicros: number;
  result: RunResult;
}

/** The usage readings of one run, taken as the meter advances it. */
export class UsageMeter {
  /** Readings in time order, the first where the meter was made. */
  readonly readings: UsageReading[];
  readonly #boundaries: number[];
  #nextBoundary = 0;

  constructor(readonly run: Run, readonly sampleMicros: number, boundaries: Iterable<number>) {
    this.#boundaries = [...new Set(boundaries)].sort((a, b) => a - b);
    this.readings = [readUsage(run)];
  }

  /** Advances the run to untilMicros (clamped to its end) in steps ending on sample instants and boundaries, reading
   * usage at each; returns the step that fell short, if one did (nothing is read there). */
  advance(untilMicros: number, eventsMaxPerStep?: number): ShortStep | undefined {
    const run = this.run;
    const until = Math.min(run.endMicros, untilMicros);
    const boundaries = this.#boundaries;
    let now = run.world.engine.nowMicros;
    while (now < until) {
      let next = Math.min(until, (Math.floor(now / this.sampleMicros) + 1) * this.sampleMicros);
      while (this.#nextBoundary < boundaries.length && boundaries[this.#nextBoundary] <= now) this.#nextBoundary++;
      const isBoundary = this.#nextBoundary < boundaries.length && boundaries[this.#nextBoundary] <= next;
      if (isBoundary) next = boundaries[this.#nextBoundary];
      const result = run.advance(next, eventsMaxPerStep);
      if (result.nowMicros < next) return { targetMicros: next, result };
      now = next;
      if (isBoundary || now % this.sampleMicros === 0) this.readings.push(readUsage(run));
    }
    return undefined;
  }
}
