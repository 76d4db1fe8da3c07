// Amounts summed per fixed interval of simulated time, one Float64Array of buckets per series. Bucket i covers
// [i·interval, (i+1)·interval). Buckets double when time outruns them, so adding allocates only amortised.

import type { Micros } from "../units.ts";

const INITIAL_BUCKETS = 64;

/** Per-interval sums for a fixed list of named series. */
export class IntervalBytes {
  readonly names: readonly string[];
  #buckets: Float64Array[];
  /** Highest bucket index written so far, or -1. */
  #last = -1;

  constructor(
    readonly intervalMicros: Micros,
    names: readonly string[],
  ) {
    this.names = names;
    this.#buckets = names.map(() => new Float64Array(INITIAL_BUCKETS));
  }

  /** Adds amount to the series' bucket containing nowMicros. */
  add(nowMicros: Micros, series: number, amount: number): void {
    const index = Math.floor(nowMicros / this.intervalMicros);
    if (index >= this.#buckets[series].length) this.#grow(index + 1);
    this.#buckets[series][index] += amount;
    if (index > this.#last) this.#last = index;
  }

  /** Copies of every series, each covering the intervals up to and including the one holding nowMicros. */
  snapshot(nowMicros: Micros): { intervalMicros: Micros; names: string[]; values: Float64Array[] } {
    const count = Math.max(this.#last, Math.floor(nowMicros / this.intervalMicros)) + 1;
    const values = this.#buckets.map((buckets) => {
      const copy = new Float64Array(count);
      copy.set(buckets.subarray(0, Math.min(count, buckets.length)));
      return copy;
    });
    return { intervalMicros: this.intervalMicros, names: [...this.names], values };
  }

  #grow(needed: number): void {
    let length = this.#buckets[0].length;
    while (length < needed) length *= 2;
    this.#buckets = this.#buckets.map((buckets) => {
      const next = new Float64Array(length);
      next.set(buckets);
      return next;
    });
  }
}
