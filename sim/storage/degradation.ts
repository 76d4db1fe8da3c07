// Scheduled slowdowns of a block volume ("EBS volume degradation" faults): between two times its throughput and
// IOPS shrink by factors and every request gains extra latency. Overlapping windows compose (factors multiply,
// latencies add). A request takes the conditions in force when its service starts.

import { InputError, requireNonNegativeInteger } from "../errors.ts";
import type { Micros } from "../units.ts";

/** One degradation window; omitted factors are 1 and omitted latency is 0. */
export interface Degradation {
  /** First µs of the window, inclusive. */
  startMicros: Micros;
  /** First µs after the window (exclusive). */
  endMicros: Micros;
  /** Multiplier on throughput, in (0, 1]. */
  throughputFactor?: number;
  /** Multiplier on IOPS, in (0, 1]. */
  iopsFactor?: number;
  /** Latency added to every request, in µs. */
  addedLatencyMicros?: Micros;
}

/** Conditions at one instant; the same object is reused by every lookup, so copy what you keep. */
export interface DegradationState {
  throughputFactor: number;
  iopsFactor: number;
  addedLatencyMicros: Micros;
}

/** A list of degradation windows, looked up by time. */
export class DegradationSchedule {
  readonly #windows: Required<Degradation>[] = [];
  readonly #state: DegradationState = { throughputFactor: 1, iopsFactor: 1, addedLatencyMicros: 0 };

  /** Adds a window after validating it. */
  add(degradation: Degradation): void {
    const startMicros = requireNonNegativeInteger("degradation.startMicros", degradation.startMicros);
    const endMicros = requireNonNegativeInteger("degradation.endMicros", degradation.endMicros);
    if (endMicros <= startMicros) throw new InputError("degradation.endMicros", endMicros, `a time after startMicros (${startMicros})`);
    const throughputFactor = requireFactor("degradation.throughputFactor", degradation.throughputFactor ?? 1);
    const iopsFactor = requireFactor("degradation.iopsFactor", degradation.iopsFactor ?? 1);
    const addedLatencyMicros = requireNonNegativeInteger("degradation.addedLatencyMicros", degradation.addedLatencyMicros ?? 0);
    this.#windows.push({ startMicros, endMicros, throughputFactor, iopsFactor, addedLatencyMicros });
  }

  /** Number of windows added. */
  get size(): number {
    return this.#windows.length;
  }

  /** Conditions in force at nowMicros (all 1 / 0 outside every window). */
  at(nowMicros: Micros): DegradationState {
    const state = this.#state;
    state.throughputFactor = 1;
    state.iopsFactor = 1;
    state.addedLatencyMicros = 0;
    const windows = this.#windows;
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i];
      if (nowMicros < w.startMicros || nowMicros >= w.endMicros) continue;
      state.throughputFactor *= w.throughputFactor;
      state.iopsFactor *= w.iopsFactor;
      state.addedLatencyMicros += w.addedLatencyMicros;
    }
    return state;
  }
}

function requireFactor(field: string, value: unknown): number {
  if (typeof value !== "number" || !(value > 0 && value <= 1)) throw new InputError(field, value, "a factor in (0, 1]");
  return value;
}
