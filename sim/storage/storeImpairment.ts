// Scheduled impairments of an object store: a brownout (first-byte latency × k and a ratio of attempts answered
// 500/503) or a loss of the store (a zonal Express bucket whose zone is down: attempts get no answer at all).
// Overlapping windows compose: latency factors multiply, error ratios combine as independent failures.

import { InputError, requireNonNegativeInteger, requireRatio } from "../errors.ts";
import type { Micros } from "../units.ts";

/** One impairment window; omitted fields mean "no effect". */
export interface StoreImpairment {
  /** First µs of the window, inclusive. */
  startMicros: Micros;
  /** First µs after the window (exclusive). */
  endMicros: Micros;
  /** Multiplier on first-byte latency, >= 1. */
  latencyFactor?: number;
  /** Fraction of attempts answered with a 500/503 server error, 0-1. */
  errorRatio?: number;
  /** True when the store does not answer at all (zone loss). */
  unavailable?: boolean;
}

/** Conditions at one instant; the same object is reused by every lookup. */
export interface StoreConditions {
  latencyFactor: number;
  errorRatio: number;
  unavailable: boolean;
}

/** A list of impairment windows, looked up by time. */
export class StoreImpairmentSchedule {
  readonly #windows: Required<StoreImpairment>[] = [];
  readonly #state: StoreConditions = { latencyFactor: 1, errorRatio: 0, unavailable: false };

  /** Adds a window after validating it. */
  add(impairment: StoreImpairment): void {
    const startMicros = requireNonNegativeInteger("impairment.startMicros", impairment.startMicros);
    const endMicros = requireNonNegativeInteger("impairment.endMicros", impairment.endMicros);
    if (endMicros <= startMicros) throw new InputError("impairment.endMicros", endMicros, `a time after startMicros (${startMicros})`);
    const latencyFactor = impairment.latencyFactor ?? 1;
    if (typeof latencyFactor !== "number" || !Number.isFinite(latencyFactor) || latencyFactor < 1) {
      throw new InputError("impairment.latencyFactor", latencyFactor, "a finite number >= 1");
    }
    const errorRatio = requireRatio("impairment.errorRatio", impairment.errorRatio ?? 0);
    const unavailable = impairment.unavailable ?? false;
    if (typeof unavailable !== "boolean") throw new InputError("impairment.unavailable", unavailable, "true or false");
    this.#windows.push({ startMicros, endMicros, latencyFactor, errorRatio, unavailable });
  }

  /** Conditions in force at nowMicros. */
  at(nowMicros: Micros): StoreConditions {
    const state = this.#state;
    state.latencyFactor = 1;
    let passRatio = 1;
    state.unavailable = false;
    const windows = this.#windows;
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i];
      if (nowMicros < w.startMicros || nowMicros >= w.endMicros) continue;
      state.latencyFactor *= w.latencyFactor;
      passRatio *= 1 - w.errorRatio;
      state.unavailable ||= w.unavailable;
    }
    state.errorRatio = 1 - passRatio;
    return state;
  }
}
