// One Histogram per fixed interval of simulated time, for latency-over-time charts: each interval's p50 … p99.99
// come from its own values, and the whole run's from merging them. Intervals are created when first written.

import { InputError } from "../errors.ts";
import type { Micros } from "../units.ts";
import { Histogram, type LatencySummary } from "./histogram.ts";
import { intervalIndex, requireIntervalMicros } from "./intervalSeries.ts";

/** Histogram options shared by every interval. */
export interface IntervalHistogramOptions {
  highestValue?: number;
  significantDigits?: number;
}

/** Per-interval histograms keyed by floor(nowMicros / intervalMicros). */
export class IntervalHistograms {
  /** Interval length, µs. */
  readonly intervalMicros: Micros;
  readonly #options: IntervalHistogramOptions;
  readonly #histograms: Array<Histogram | undefined> = [];

  constructor(intervalMicros: Micros, options: IntervalHistogramOptions = {}) {
    this.intervalMicros = requireIntervalMicros(intervalMicros);
    if (typeof options !== "object" || options === null) throw new InputError("options", options, "an options object");
    // Validates the options once, here, rather than at the first record() deep inside a run.
    new Histogram(options);
    this.#options = { ...options };
  }

  /** Records value (count times) in the interval containing nowMicros (µs). */
  record(nowMicros: Micros, value: number, count = 1): void {
    const bucket = intervalIndex(nowMicros, this.intervalMicros);
    let histogram = this.#histograms[bucket];
    if (histogram === undefined) {
      while (this.#histograms.length < bucket) this.#histograms.push(undefined);
      histogram = new Histogram(this.#options);
      this.#histograms[bucket] = histogram;
    }
    histogram.record(value, count);
  }

  /** The histogram of the interval containing nowMicros, or undefined if nothing was recorded there. */
  at(nowMicros: Micros): Histogram | undefined {
    return this.#histograms[intervalIndex(nowMicros, this.intervalMicros)];
  }

  /** One summary per interval that received values, in time order; empty intervals are omitted, not zero-filled,
   * so a chart shows a gap rather than a false zero latency. */
  summaries(): Array<LatencySummary & { startMicros: Micros }> {
    const out: Array<LatencySummary & { startMicros: Micros }> = [];
    this.#histograms.forEach((histogram, bucket) => {
      if (histogram !== undefined && histogram.count > 0) {
        out.push({ startMicros: bucket * this.intervalMicros, ...histogram.summary() });
      }
    });
    return out;
  }

  /** A new histogram holding every interval's values: the whole run's distribution. */
  total(): Histogram {
    const total = new Histogram(this.#options);
    for (const histogram of this.#histograms) if (histogram !== undefined) total.merge(histogram);
    return total;
  }
}
