// What a run measures on the client side: publish, publish-delay and end-to-end latency (overall and per interval),
// and the record and byte counts behind OMB's rates. Latencies are recorded in µs and reported in ms.

import { Histogram, IntervalHistograms, IntervalSeries } from "../metrics/index.ts";

/** Series kept per interval, by index into IntervalSeries. */
export const Series = {
  publishedBytes: 0,
  publishedRecords: 1,
  consumedBytes: 2,
  consumedRecords: 3,
  produceErrors: 4,
  backlogBytes: 5,
} as const;
const SERIES_NAMES = ["publishedBytes", "publishedRecords", "consumedBytes", "consumedRecords", "produceErrors", "backlogBytes"];

// Latency histograms cover 1 µs to 1 hour; longer waits (a replay of old data) are recorded as 1 hour.
const HIGHEST_LATENCY_MICROS = 3_600_000_000;

/** Client-side measurements of one run. */
export class RunStats {
  readonly publishLatency = new Histogram({ highestValue: HIGHEST_LATENCY_MICROS });
  readonly publishDelayLatency = new Histogram({ highestValue: HIGHEST_LATENCY_MICROS });
  readonly endToEndLatency = new Histogram({ highestValue: HIGHEST_LATENCY_MICROS });
  readonly publishLatencyByInterval: IntervalHistograms;
  readonly endToEndLatencyByInterval: IntervalHistograms;
  readonly series: IntervalSeries;
  publishedBytes = 0;
  publishedRecords = 0;
  consumedBytes = 0;
  consumedRecords = 0;
  /** The same four counts from the end of warm-up on: OMB's rates divide these by the measured seconds. */
  measuredPublishedBytes = 0;
  measuredPublishedRecords = 0;
  measuredConsumedBytes = 0;
  measuredConsumedRecords = 0;
  produceErrors = 0;
  produceRetries = 0;
  /** Records producers in a dark zone held unsent or in flight when their machines went down (never acknowledged). */
  clientDownRecords = 0;
  /** Bytes acknowledged to producers and then lost by the architecture (allowed only by some configurations). */
  ackedBytesLost = 0;

  constructor(
    readonly intervalMicros: number,
    /** Latencies before this time are warm-up and not recorded (OMB warmupDurationMinutes). */
    readonly measureFromMicros: number,
  ) {
    this.publishLatencyByInterval = new IntervalHistograms(intervalMicros, { highestValue: HIGHEST_LATENCY_MICROS });
    this.endToEndLatencyByInterval = new IntervalHistograms(intervalMicros, { highestValue: HIGHEST_LATENCY_MICROS });
    this.series = new IntervalSeries(intervalMicros, SERIES_NAMES);
  }

  // Histogram counts are whole and the model's record counts are rates × time: the fraction a request leaves over
  // is carried to the next one, so every record is counted once however few a request carries.
  #publishCarry = 0;
  #endToEndCarry = 0;

  /** Counts `records` acknowledged records of `bytes` uncompressed bytes at nowMicros. */
  countPublished(nowMicros: number, records: number, bytes: number): void {
    this.publishedRecords += records;
    this.publishedBytes += bytes;
    this.series.add(nowMicros, Series.publishedBytes, bytes);
    this.series.add(nowMicros, Series.publishedRecords, records);
    if (nowMicros < this.measureFromMicros) return;
    this.measuredPublishedRecords += records;
    this.measuredPublishedBytes += bytes;
  }

  /** Counts `records` consumed records of `bytes` uncompressed bytes at nowMicros. */
  countConsumed(nowMicros: number, records: number, bytes: number): void {
    this.consumedRecords += records;
    this.consumedBytes += bytes;
    this.series.add(nowMicros, Series.consumedBytes, bytes);
    this.series.add(nowMicros, Series.consumedRecords, records);
    if (nowMicros < this.measureFromMicros) return;
    this.measuredConsumedRecords += records;
    this.measuredConsumedBytes += bytes;
  }

  /** Records publish latency for `records` records sent evenly over [fromMicros, toMicros] and acked at nowMicros. */
  recordPublish(nowMicros: number, fromMicros: number, toMicros: number, records: number): void {
    if (nowMicros < this.measureFromMicros) return;
    const carried = this.#publishCarry + records;
    const whole = Math.floor(carried);
    this.#publishCarry = carried - whole;
    recordSpread(this.publishLatency, this.publishLatencyByInterval, nowMicros, fromMicros, toMicros, whole);
  }

  /** Records end-to-end latency for records whose intended send times span [fromMicros, toMicros]. */
  recordEndToEnd(nowMicros: number, fromMicros: number, toMicros: number, records: number): void {
    if (nowMicros < this.measureFromMicros) return;
    const carried = this.#endToEndCarry + records;
    const whole = Math.floor(carried);
    this.#endToEndCarry = carried - whole;
    recordSpread(this.endToEndLatency, this.endToEndLatencyByInterval, nowMicros, fromMicros, toMicros, whole);
  }

  /** Records how late records were handed to the producer because its buffer was full. */
  recordPublishDelay(nowMicros: number, delayMicros: number, records: number): void {
    if (nowMicros < this.measureFromMicros) return;
    const count = Math.round(records);
    if (count > 0) this.publishDelayLatency.record(Math.min(HIGHEST_LATENCY_MICROS, Math.max(0, Math.round(delayMicros))), count);
  }
}

// A request carries records meant to be sent evenly over a window; four evenly spaced points weighted by a quarter
// of the records each keep the window's spread in the histogram without per-record work.
const SPREAD_POINTS = 4;

function recordSpread(
  overall: Histogram,
  byInterval: IntervalHistograms,
  nowMicros: number,
  fromMicros: number,
  toMicros: number,
  records: number,
): void {
  const total = records;
  if (total <= 0) return;
  const base = Math.floor(total / SPREAD_POINTS);
  const extra = total - base * SPREAD_POINTS;
  const step = (toMicros - fromMicros) / SPREAD_POINTS;
  for (let i = 0; i < SPREAD_POINTS; i++) {
    const weight = base + (i < extra ? 1 : 0);
    if (weight === 0) continue;
    const latency = Math.min(HIGHEST_LATENCY_MICROS, Math.max(0, Math.round(nowMicros - (fromMicros + (i + 0.5) * step))));
    overall.record(latency, weight);
    byInterval.record(nowMicros, latency, weight);
  }
}
