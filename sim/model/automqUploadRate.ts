// The pace of AutoMQ's threshold uploads: S3Storage.uploadDeltaWAL0 limits a WAL upload to the size of its log-cache
// block over min(20 s, the block's age) — at least the rate the block filled at — and never below the highest such
// rate seen before (maxDataWriteRate); a block younger than 100 ms is not limited, nor is a forced upload.

import { MICROS_PER_MS, MICROS_PER_SECOND } from "../units.ts";
import type { AutomqBroker } from "./automqBroker.ts";

// S3Storage.uploadDeltaWAL0: `Math.min(20000L, elapsed)` and `elapsed <= 100L` (ms).
const WRITE_RATE_WINDOW_MICROS = 20 * MICROS_PER_SECOND;
const UNLIMITED_AGE_MICROS = 100 * MICROS_PER_MS;

/** Per broker: when its current log-cache block opened and the highest write rate it has seen in this life. */
export class AutomqUploadRate {
  readonly #openedMicros: Float64Array;
  readonly #rateMax: Float64Array;
  readonly #epoch: Int32Array;

  constructor(brokers: number) {
    this.#openedMicros = new Float64Array(brokers);
    this.#rateMax = new Float64Array(brokers);
    this.#epoch = new Int32Array(brokers);
  }

  /** Archiving a block for upload opens the next one (LogCache.archiveCurrentBlockIfContains), at nowMicros. */
  opened(b: AutomqBroker, nowMicros: number): void {
    this.#openedMicros[b.index] = nowMicros;
  }

  /** The rate a threshold upload of `bytes` starting now may use, bytes/s; Infinity when unlimited. A broker that
   * restarted starts afresh, as a new S3Storage does. */
  rate(b: AutomqBroker, bytes: number, nowMicros: number): number {
    const i = b.index;
    if (this.#epoch[i] !== b.epoch) {
      this.#epoch[i] = b.epoch;
      this.#rateMax[i] = 0;
    }
    const age = nowMicros - this.#openedMicros[i];
    if (age <= UNLIMITED_AGE_MICROS) return Number.POSITIVE_INFINITY;
    const rate = (bytes * MICROS_PER_SECOND) / Math.min(WRITE_RATE_WINDOW_MICROS, age);
    if (rate > this.#rateMax[i]) this.#rateMax[i] = rate;
    return this.#rateMax[i];
  }
}
