// A level over simulated time (queue depth, bytes stored, connections open): its integral and time-weighted mean,
// fed at each change with the current simulated time, so its statistics never depend on how often it is sampled.

import { InputError } from "../errors.ts";
import type { Micros } from "../units.ts";

/** A piecewise-constant level: holds each value from the time it was set until the next change. */
export class TimeWeightedGauge {
  readonly #startMicros: Micros;
  #lastMicros: Micros;
  #value: number;
  #integral = 0;
  #max: number;
  #min: number;

  /** Starts tracking at startMicros (µs) with level initial (default 0). */
  constructor(startMicros: Micros, initial = 0) {
    if (typeof startMicros !== "number" || !Number.isFinite(startMicros)) {
      throw new InputError("gauge startMicros", startMicros, "a finite time in µs");
    }
    if (typeof initial !== "number" || !Number.isFinite(initial)) throw new InputError("gauge initial", initial, "a finite number");
    this.#startMicros = startMicros;
    this.#lastMicros = startMicros;
    this.#value = initial;
    this.#max = initial;
    this.#min = initial;
  }

  /** The current level. */
  get value(): number {
    return this.#value;
  }

  /** The highest level held so far, including the initial one. */
  get max(): number {
    return this.#max;
  }

  /** The lowest level held so far, including the initial one. */
  get min(): number {
    return this.#min;
  }

  /** Changes the level to value at nowMicros (µs, never before the previous change). */
  set(nowMicros: Micros, value: number): void {
    if (!Number.isFinite(value)) throw new InputError("gauge value", value, "a finite number");
    this.#advance(nowMicros);
    this.#value = value;
    if (value > this.#max) this.#max = value;
    if (value < this.#min) this.#min = value;
  }

  /** Changes the level by delta at nowMicros (µs). */
  add(nowMicros: Micros, delta: number): void {
    this.set(nowMicros, this.#value + delta);
  }

  /** ∫ level dt from the start to nowMicros, in value·µs. */
  integral(nowMicros: Micros): number {
    this.#check(nowMicros);
    return this.#integral + this.#value * (nowMicros - this.#lastMicros);
  }

  /** Time-weighted mean level from the start to nowMicros; the current level if no time has passed. */
  mean(nowMicros: Micros): number {
    const integral = this.integral(nowMicros);
    const elapsed = nowMicros - this.#startMicros;
    return elapsed === 0 ? this.#value : integral / elapsed;
  }

  #advance(nowMicros: Micros): void {
    this.#check(nowMicros);
    this.#integral += this.#value * (nowMicros - this.#lastMicros);
    this.#lastMicros = nowMicros;
  }

  #check(nowMicros: Micros): void {
    // One comparison also rejects NaN; Infinity would poison the integral.
    if (!(nowMicros >= this.#lastMicros) || nowMicros === Infinity) {
      throw new InputError("gauge nowMicros", nowMicros, `a time >= the last change at ${this.#lastMicros} µs`);
    }
  }
}
