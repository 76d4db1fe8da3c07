// Totals per fixed interval of simulated time (bytes produced per second, PUTs per 100 ms), several named series
// side by side. An amount lands in bucket floor(nowMicros / intervalMicros), so the series does not depend on how
// the run was sliced into runUntil calls or when snapshots were taken.

import { InputError } from "../errors.ts";
import type { Micros } from "../units.ts";

/** Most intervals one series may hold (4 Mi: 70 minutes at 1 ms, 48 days at 1 s); a bound, as on every loop. */
export const INTERVALS_MAX = 1 << 22;

/** Plain-data series: values[i][b] is series i's total over [b·intervalMicros, (b + 1)·intervalMicros). */
export interface IntervalSnapshot {
  intervalMicros: Micros;
  names: string[];
  values: Float64Array[];
}

/** Checks an interval length (whole µs > 0) and returns it. */
export function requireIntervalMicros(intervalMicros: unknown): Micros {
  if (typeof intervalMicros !== "number" || !Number.isSafeInteger(intervalMicros) || intervalMicros <= 0) {
    throw new InputError("intervalMicros", intervalMicros, "a whole number of µs > 0");
  }
  return intervalMicros;
}

/** The interval index for nowMicros, checked against INTERVALS_MAX. */
export function intervalIndex(nowMicros: Micros, intervalMicros: Micros): number {
  const bucket = Math.floor(nowMicros / intervalMicros);
  if (!(bucket >= 0 && bucket < INTERVALS_MAX)) {
    throw new InputError("nowMicros", nowMicros, `a time from 0 to ${INTERVALS_MAX} intervals of ${intervalMicros} µs`);
  }
  return bucket;
}

/** Named per-interval totals, stored in Float64Arrays that grow by doubling. */
export class IntervalSeries {
  /** Interval length, µs. */
  readonly intervalMicros: Micros;
  /** Series names, in index order. */
  readonly names: readonly string[];
  #values: Float64Array[];
  #used = 0;

  constructor(intervalMicros: Micros, names: readonly string[]) {
    this.intervalMicros = requireIntervalMicros(intervalMicros);
    if (!Array.isArray(names) || names.length === 0) throw new InputError("names", names, "a non-empty array of series names");
    const seen = new Set<string>();
    for (const name of names) {
      if (typeof name !== "string" || name.length === 0 || seen.has(name)) {
        throw new InputError("names", name, "distinct non-empty strings");
      }
      seen.add(name);
    }
    this.names = [...names];
    this.#values = names.map(() => new Float64Array(64));
  }

  /** The index of a series by name, for callers that resolve names once and then add() by number. */
  seriesIndex(name: string): number {
    const index = this.names.indexOf(name);
    if (index < 0) throw new InputError("series name", name, `one of ${this.names.join(", ")}`);
    return index;
  }

  /** Adds amount to series (an index into names) in the interval containing nowMicros (µs). */
  add(nowMicros: Micros, series: number, amount: number): void {
    const bucket = intervalIndex(nowMicros, this.intervalMicros);
    const values = this.#values[series];
    if (values === undefined) throw new InputError("series", series, `an index from 0 to ${this.names.length - 1}`);
    if (!Number.isFinite(amount)) throw new InputError(`${this.names[series]} amount`, amount, "a finite number");
    if (bucket >= values.length) this.#grow(bucket);
    this.#values[series][bucket] += amount;
    if (bucket >= this.#used) this.#used = bucket + 1;
  }

  /** Copies of every series: the intervals that start before untilMicros, or through the last one written. */
  snapshot(untilMicros?: Micros): IntervalSnapshot {
    let length = this.#used;
    if (untilMicros !== undefined) {
      if (typeof untilMicros !== "number" || !(untilMicros >= 0) || !Number.isFinite(untilMicros)) {
        throw new InputError("untilMicros", untilMicros, "a time in µs >= 0");
      }
      // Half-open intervals: [0, untilMicros) covers ceil(untilMicros / intervalMicros) of them.
      length = Math.min(INTERVALS_MAX, Math.ceil(untilMicros / this.intervalMicros));
    }
    const values = this.#values.map((series) => {
      const copy = new Float64Array(length);
      copy.set(series.subarray(0, Math.min(length, series.length)));
      return copy;
    });
    return { intervalMicros: this.intervalMicros, names: [...this.names], values };
  }

  #grow(bucket: number): void {
    const capacity = Math.min(INTERVALS_MAX, Math.max(bucket + 1, 2 * this.#values[0].length));
    this.#values = this.#values.map((old) => {
      const grown = new Float64Array(capacity);
      grown.set(old);
      return grown;
    });
  }
}
