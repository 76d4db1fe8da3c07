// Integer simulated time and sizes. Time is whole microseconds (2^53 µs is about 285 years); sizes are whole bytes.
// Floats appear only as configured rates and ratios, and every conversion to time rounds explicitly.

/** Simulated time or a duration, in whole microseconds. */
export type Micros = number;
/** A size, in whole bytes. */
export type Bytes = number;

export const MICROS_PER_MS = 1_000;
export const MICROS_PER_SECOND = 1_000_000;
export const KiB = 1024;
export const MiB = 1024 * 1024;
export const GiB = 1024 * 1024 * 1024;
export const TiB = 1024 * GiB;

/** Milliseconds to µs, rounded to the nearest microsecond. */
export function msToMicros(ms: number): Micros {
  return Math.round(ms * MICROS_PER_MS);
}

/** Seconds to µs, rounded to the nearest microsecond. */
export function secondsToMicros(seconds: number): Micros {
  return Math.round(seconds * MICROS_PER_SECOND);
}

/** Time to move `bytes` at `bytesPerSecond`, rounded up so a transfer never finishes early. */
export function transferMicros(bytes: Bytes, bytesPerSecond: number): Micros {
  return Math.ceil((bytes * MICROS_PER_SECOND) / bytesPerSecond);
}

/** Formats µs as seconds with µs precision, for messages and traces. */
export function formatMicros(micros: Micros): string {
  return `${(micros / MICROS_PER_SECOND).toFixed(6)}s`;
}
