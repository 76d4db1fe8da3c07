// The client side of object-store retries, shaped after the AWS SDK standard retry mode: full-jitter exponential
// backoff with a larger base for throttling errors, and a retry quota per client (one SDK client per host) that
// retries drain and successes refill, so a long brownout stops retrying instead of multiplying load.

import type { Micros } from "../units.ts";
import type { RetryPolicy } from "./defaults.ts";

/** Backoff before the next attempt after `attemptsMade` failed ones: floor(min(max, u * 2^attempts * base)), in µs.
 * u is a uniform draw in [0, 1) from the caller's stream. */
export function backoffMicros(policy: RetryPolicy, attemptsMade: number, throttled: boolean, u: number): Micros {
  const base = throttled ? policy.throttlingBaseDelayMicros : policy.baseDelayMicros;
  return Math.floor(Math.min(policy.maxBackoffMicros, u * 2 ** attemptsMade * base));
}

/** Retry-quota token buckets, one per client host. */
export class RetryQuotas {
  readonly #policy: RetryPolicy;
  readonly #tokens = new Map<number, number>();

  constructor(policy: RetryPolicy) {
    this.#policy = policy;
  }

  /** Tokens a host has left. */
  available(host: number): number {
    return this.#tokens.get(host) ?? this.#policy.quotaTokens;
  }

  /** Takes the cost of one retry if the host can afford it; returns the tokens taken, or -1 when it cannot. */
  take(host: number, timedOut: boolean): number {
    const cost = timedOut ? this.#policy.timeoutRetryCostTokens : this.#policy.retryCostTokens;
    const left = this.available(host);
    if (cost > left) return -1;
    this.#tokens.set(host, left - cost);
    return cost;
  }

  /** Refills after a success: the tokens its last retry took, or the no-retry increment; capped at the quota. */
  release(host: number, tokensHeld: number): void {
    const amount = tokensHeld > 0 ? tokensHeld : this.#policy.noRetryIncrementTokens;
    this.#tokens.set(host, Math.min(this.#policy.quotaTokens, this.available(host) + amount));
  }
}
