// Seeded randomness for one run. One root generator per run, and independent streams forked by stable labels
// (`rng.fork("broker-3")`), so adding an actor never shifts another actor's draws. Alea (from seedrandom) is the
// generator: small, fast, and built from exact float adds and multiplies only, so its stream is the same
// everywhere; exponentials use lnFraction32 rather than Math.log for the same reason.

import seedrandom from "seedrandom";
import { InputError, requireFinite, requirePositive } from "./errors.ts";
import { lnFraction32 } from "./logFraction32.ts";
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
    // Alea's step: 2091639 is its multiplier and 2.3283064365386963e-10 is 2^-32. The state is three 32-bit
    // fractions and a carry below the multiplier, so t fits in 53 bits and every operation is exact. (Literals,
    // not module constants: V8 reloads and rechecks a module constant on every call.)
    const t = 2091639 * this.#s0 + this.#carry * 2.3283064365386963e-10;
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
    // Inversion, -ln(1 - u) * mean: 1 - u is a whole number of 2^-32 steps in (0, 1], so the log is finite.
    return -lnFraction32((1 - this.next()) * 4294967296) * mean;
  }

  exponentialMicros(meanMicros: Micros): Micros {
    // Half-up rounding as floor(x + 0.5): V8 compiles Math.round to a slow path costing more than the draw itself,
    // and for x >= 0 the two differ only at x = 0.5 - 2^-54, which a draw scaled by the mean essentially never hits.
    return Math.floor(this.exponential(meanMicros) + 0.5);
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
