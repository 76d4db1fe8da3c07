// S3's request-rate limits as token buckets: one PUT-class and one GET-class bucket per prefix (or one pair per
// bucket for directory buckets), refilled continuously at the configured rate. A request that finds too few
// tokens is answered 503 SlowDown by the caller. Buckets live in typed arrays indexed through a Map of prefixes.

import { MICROS_PER_SECOND, type Micros } from "../units.ts";

const INITIAL_CAPACITY = 16;

/** Token buckets for PUT-class and GET-class requests, keyed by numeric prefix. */
export class PrefixRateLimiter {
  readonly #putPerMicro: number;
  readonly #getPerMicro: number;
  readonly #putDepth: number;
  readonly #getDepth: number;
  readonly #perPrefix: boolean;
  readonly #index = new Map<number, number>();
  #putTokens = new Float64Array(INITIAL_CAPACITY);
  #getTokens = new Float64Array(INITIAL_CAPACITY);
  #refilledMicros = new Float64Array(INITIAL_CAPACITY);

  /** Rates in requests/s; burstSeconds sets each bucket's depth; perPrefix false shares one pair of buckets. */
  constructor(putPerSecond: number, getPerSecond: number, burstSeconds: number, perPrefix: boolean) {
    this.#putPerMicro = putPerSecond / MICROS_PER_SECOND;
    this.#getPerMicro = getPerSecond / MICROS_PER_SECOND;
    this.#putDepth = putPerSecond * burstSeconds;
    this.#getDepth = getPerSecond * burstSeconds;
    this.#perPrefix = perPrefix;
  }

  /** Takes count tokens of one class if all are there; false (taking none) otherwise. */
  tryTake(prefix: number, isGet: boolean, count: number, nowMicros: Micros): boolean {
    const i = this.#refill(prefix, nowMicros);
    const tokens = isGet ? this.#getTokens : this.#putTokens;
    if (tokens[i] < count) return false;
    tokens[i] -= count;
    return true;
  }

  /** Takes up to count PUT-class tokens, never going below zero (deletes, which are not modelled as throttled). */
  drainPut(prefix: number, count: number, nowMicros: Micros): void {
    const i = this.#refill(prefix, nowMicros);
    this.#putTokens[i] = Math.max(0, this.#putTokens[i] - count);
  }

  /** Tokens left in a bucket at nowMicros (for tests and gauges). */
  tokens(prefix: number, isGet: boolean, nowMicros: Micros): number {
    const i = this.#refill(prefix, nowMicros);
    return isGet ? this.#getTokens[i] : this.#putTokens[i];
  }

  #refill(prefix: number, nowMicros: Micros): number {
    const key = this.#perPrefix ? prefix : 0;
    let i = this.#index.get(key);
    if (i === undefined) {
      i = this.#index.size;
      if (i === this.#putTokens.length) this.#grow();
      this.#index.set(key, i);
      // A prefix seen for the first time starts with full buckets, like a long-idle one.
      this.#putTokens[i] = this.#putDepth;
      this.#getTokens[i] = this.#getDepth;
      this.#refilledMicros[i] = nowMicros;
      return i;
    }
    const elapsed = nowMicros - this.#refilledMicros[i];
    if (elapsed > 0) {
      this.#putTokens[i] = Math.min(this.#putDepth, this.#putTokens[i] + elapsed * this.#putPerMicro);
      this.#getTokens[i] = Math.min(this.#getDepth, this.#getTokens[i] + elapsed * this.#getPerMicro);
      this.#refilledMicros[i] = nowMicros;
    }
    return i;
  }

  #grow(): void {
    const next = this.#putTokens.length * 2;
    const put = new Float64Array(next);
    const get = new Float64Array(next);
    const at = new Float64Array(next);
    put.set(this.#putTokens);
    get.set(this.#getTokens);
    at.set(this.#refilledMicros);
    this.#putTokens = put;
    this.#getTokens = get;
    this.#refilledMicros = at;
  }
}
