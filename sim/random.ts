// Seeded randomness for one run. One root generator per run, and independent streams forked by stable labels
// (`rng.fork("broker-3")`), so adding an actor never shifts another actor's draws. Alea (from seedrandom) is the
// generator: small, fast, and built from exact float adds and multiplies only, so its stream is the same everywhere.

import seedrandom from "seedrandom";
import { InputError, requireFinite, requirePositive } from "./errors.ts";
import type { Micros } from "./units.ts";

/** A seeded stream of random numbers. */
export interface Rng {
  /** The label path this stream was forked by, e.g. "42/broker-3/disk". */
  readonly key: string;
  /** Uniform in [0, 1), a multiple of 2^-32. */
  next(): number;
  /** Uniform integer in [min, maxExclusive); both safe integers, min < maxExclusive. */
  int(min: number, maxExclusive: number): number;
  /** True with probability p, for p in [0, 1]. */
  chance(p: number): boolean;
  /** Exponential with the given mean > 0 (same unit as the mean, unrounded). */
  exponential(mean: number): number;
  /** Exponential with the given mean in µs, rounded to the nearest whole µs (so the mean is kept). */
  exponentialMicros(meanMicros: Micros): Micros;
  /** Standard normal, by the polar method (no trigonometry). */
  normal(): number;
  /** An independent stream keyed by label. */
  fork(label: string): Rng;
}

// Alea's multiplier and 2^-32. Alea's state is three 32-bit fractions and a carry below the multiplier, so
// 2091639 * s0 + c * 2^-32 fits in 53 bits and every step below is exact, as in seedrandom's own code.
const ALEA_MULTIPLIER = 2091639;
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/** Creates the root stream for a run from a 32-bit unsigned seed. */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new InputError("seed", seed, "a whole number from 0 to 4294967295");
  }
  return new AleaStream(String(seed));
}

/**
 * Alea's recurrence on state held in the stream's own fields. seedrandom derives the initial state from the key
 * and defines the stream; stepping it here, rather than through seedrandom's closure, keeps the state beside the
 * stream object, which matters when thousands of streams are drawn from in turn.
 */
class AleaStream implements Rng {
  readonly key: string;
  // Numeric initial values matter: a field first defined as undefined is stored boxed, and every later write of
  // a fraction to it would allocate.
  #carry = 0;
  #s0 = 0.5;
  #s1 = 0.5;
  #s2 = 0.5;
  #spareNormal = Number.NaN;

  constructor(key: string) {
    this.key = key;
    const state = seedrandom.alea(key, { state: true }).state();
    this.#carry = state.c;
    this.#s0 = state.s0;
    this.#s1 = state.s1;
    this.#s2 = state.s2;
  }

  next(): number {
    const t = ALEA_MULTIPLIER * this.#s0 + this.#carry * TWO_POW_MINUS_32;
    const carry = t | 0;
    this.#carry = carry;
    this.#s0 = this.#s1;
    this.#s1 = this.#s2;
    return (this.#s2 = t - carry);
  }

  int(min: number, maxExclusive: number): number {
    if (!(Number.isSafeInteger(min) && Number.isSafeInteger(maxExclusive) && maxExclusive > min)) {
      throw new InputError("int range", [min, maxExclusive], "safe integers with min < maxExclusive");
    }
    return min + Math.floor(this.next() * (maxExclusive - min));
  }

  chance(p: number): boolean {
    if (!(p >= 0 && p <= 1)) throw new InputError("chance p", p, "a probability from 0 to 1");
    return this.next() < p;
  }

  exponential(mean: number): number {
    if (!(mean > 0 && mean < Infinity)) throw new InputError("exponential mean", mean, "a finite number > 0");
    // 1 - u lies in (0, 1], so the log is finite.
    return -Math.log(1 - this.next()) * mean;
  }

  exponentialMicros(meanMicros: Micros): Micros {
    return Math.round(this.exponential(meanMicros));
  }

  normal(): number {
    if (this.#spareNormal === this.#spareNormal) {
      const value = this.#spareNormal;
      this.#spareNormal = Number.NaN;
      return value;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.#spareNormal = v * factor;
    return u * factor;
  }

  fork(label: string): Rng {
    if (typeof label !== "string" || label.length === 0) throw new InputError("fork label", label, "a non-empty string");
    return new AleaStream(`${this.key}/${label}`);
  }
}

/** Checks a mean for exponential draws; exported for callers validating their own configs. */
export function requireMean(field: string, value: unknown): number {
  return requirePositive(field, requireFinite(field, value));
}
