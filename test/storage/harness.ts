// Test harness for the storage actors: a Probe that records what is delivered to it, a Driver that runs callbacks
// at chosen simulated times, and batch means for confidence intervals on autocorrelated queueing output.

import type { Actor, Engine } from "../../sim/engine.ts";

/** One delivery seen by a Probe. */
export interface Delivery {
  atMicros: number;
  kind: number;
  a: number;
  b: number;
  ref: unknown;
}

/** Records deliveries; `index` is its engine address. */
export class Probe implements Actor {
  readonly index: number;
  readonly seen: Delivery[] = [];
  readonly #engine: Engine;

  constructor(engine: Engine, name = "probe") {
    this.#engine = engine;
    this.index = engine.register(name, this);
  }

  receive(kind: number, a: number, b: number, ref: unknown): void {
    this.seen.push({ atMicros: this.#engine.nowMicros, kind, a, b, ref });
  }

  /** Deliveries of one kind. */
  of(kind: number): Delivery[] {
    return this.seen.filter((d) => d.kind === kind);
  }
}

/** Runs test callbacks at chosen simulated times (closures are fine in tests). */
export class Driver implements Actor {
  readonly index: number;
  readonly #engine: Engine;
  readonly #tasks: Array<() => void> = [];

  constructor(engine: Engine, name = "driver") {
    this.#engine = engine;
    this.index = engine.register(name, this);
  }

  /** Calls fn at atMicros (>= now). */
  at(atMicros: number, fn: () => void): void {
    this.#tasks.push(fn);
    this.#engine.sendAt(this.index, 0, atMicros, this.#tasks.length - 1);
  }

  receive(_kind: number, a: number): void {
    const fn = this.#tasks[a];
    this.#tasks[a] = noop;
    fn();
  }
}

function noop(): void {}

/** Mean and standard error of a series from the means of `batches` consecutive batches (autocorrelation-robust). */
export function batchMeans(values: readonly number[], batches: number): { mean: number; standardError: number } {
  const size = Math.floor(values.length / batches);
  const means: number[] = [];
  for (let i = 0; i < batches; i++) {
    let sum = 0;
    for (let j = i * size; j < (i + 1) * size; j++) sum += values[j];
    means.push(sum / size);
  }
  const mean = means.reduce((s, m) => s + m, 0) / batches;
  const variance = means.reduce((s, m) => s + (m - mean) ** 2, 0) / (batches - 1);
  return { mean, standardError: Math.sqrt(variance / batches) };
}
