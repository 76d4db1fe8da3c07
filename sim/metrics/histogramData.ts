// The plain-data form of a Histogram, and its validation when it arrives from outside (a worker message, a file),
// so a corrupt or hand-edited copy fails with a named field instead of producing wrong percentiles.

import { InputError } from "../errors.ts";

/** Plain-data form of a Histogram: survives JSON and structured clone. */
export interface HistogramData {
  significantDigits: number;
  highestValue: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Values below LOWEST_TRACKED_VALUE (2^-10), reported as 0. */
  zeroCount: number;
  /** Key of counts[0]; keys are the top 12 + m bits of the float64. */
  firstKey: number;
  counts: number[];
}

/** Checks untrusted data against the invariants toJSON() guarantees; returns it typed. */
export function validateHistogramData(data: object): HistogramData {
  if (typeof data !== "object" || data === null) throw new InputError("histogram data", data, "the output of Histogram.toJSON()");
  const d = data as Record<string, unknown>;
  for (const key of ["count", "zeroCount", "firstKey", "significantDigits"]) {
    if (!Number.isSafeInteger(d[key]) || (d[key] as number) < 0) throw new InputError(`histogram data.${key}`, d[key], "a whole number >= 0");
  }
  for (const key of ["sum", "min", "max", "highestValue"]) {
    if (typeof d[key] !== "number" || !Number.isFinite(d[key]) || (d[key] as number) < 0) {
      throw new InputError(`histogram data.${key}`, d[key], "a finite number >= 0");
    }
  }
  const counts = d.counts;
  if (!Array.isArray(counts)) throw new InputError("histogram data.counts", counts, "an array of whole numbers >= 0");
  let total = d.zeroCount as number;
  for (const c of counts) {
    if (!Number.isSafeInteger(c) || c < 0) throw new InputError("histogram data.counts", c, "whole numbers >= 0");
    total += c;
  }
  if (total !== d.count) throw new InputError("histogram data.count", d.count, `the sum of the bucket counts, ${total}`);
  if ((d.max as number) > (d.highestValue as number)) {
    throw new InputError("histogram data.max", d.max, `a value <= highestValue ${d.highestValue}`);
  }
  return d as unknown as HistogramData;
}
