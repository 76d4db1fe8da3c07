// Seeded randomness for one run. One root generator per run, and independent streams forked by stable labels
// (`rng.fork("broker-3")`), so adding an actor never shifts another actor's draws. Alea (from seedrandom) is the
// generator: small, fast, and built from float adds and multiplies only, so its stream is the same in every engine.

import seedrandom from "seedrandom";
import { InputError, requireFinite, requirePositive } from "./errors.ts";

/** A seeded stream of random numbers. */
export interface Rng {
  /** The label path this stream was forked by, e.g. "42/broker-3/disk". */
  readonly key: string;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, maxExclusive). */
  int(min: number, maxExclusive: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Exponential with the given mean (same unit as the mean, unrounded). */
  exponential(mean: number): number;
  /** Standard normal, by the polar method (no trigonometry). */
  normal(): number;
  /** An independent stream keyed by label. */
  fork(label: string): Rng;
}

/** Creates the root stream for a run from a 32-bit unsigned seed. */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new InputError("seed", seed, "a whole number from 0 to 4294967295");
  }
  return streamFor(String(seed));
}

function streamFor(key: string): Rng {
  const next = seedrandom.alea(key);
  let spareNormal = Number.NaN;
  const rng: Rng = {
    key,
    next,
    int(min, maxExclusive) {
      return min + Math.floor(next() * (maxExclusive - min));
    },
    chance(p) {
      return next() < p;
    },
    exponential(mean) {
      // 1 - u lies in (0, 1], so the log is finite.
      return -Math.log(1 - next()) * mean;
    },
    normal() {
      if (spareNormal === spareNormal) {
        const value = spareNormal;
        spareNormal = Number.NaN;
        return value;
      }
      let u = 0;
      let v = 0;
      let s = 0;
      do {
        u = 2 * next() - 1;
        v = 2 * next() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      spareNormal = v * factor;
      return u * factor;
    },
    fork(label) {
      if (typeof label !== "string" || label.length === 0) throw new InputError("fork label", label, "a non-empty string");
      return streamFor(`${key}/${label}`);
    },
  };
  return rng;
}

/** Checks a mean for exponential draws; exported for callers validating their own configs. */
export function requireMean(field: string, value: unknown): number {
  return requirePositive(field, requireFinite(field, value));
}
