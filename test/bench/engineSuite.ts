// Engine benchmarks: the event loop and queue under two shapes of load. `mm1` keeps the queue tiny and
// exercises send/deliver round trips; `many` keeps ~10,000 events pending so heap depth and cache misses
// dominate; `many-actors` is `many` with one actor object per process, for comparison (no target).

import { Engine, type Actor } from "../../sim/engine.ts";
import { createRng, type Rng } from "../../sim/random.ts";
import { ServerQueue } from "../support/serverQueue.ts";
import { registerBenchmark, type BenchOutcome } from "./registry.ts";

// One simulated time unit is 1e6 µs, so rounding draws to whole µs changes means by under 1e-6.
const UNIT_MICROS = 1_000_000;
const SEED = 20_240_601;

registerBenchmark({
  suite: "engine",
  name: "mm1",
  description: "M/M/1, λ=0.9, μ=1, 1,000,000 customers, two events each",
  run(timer) {
    const customers = 1_000_000;
    const lambda = 0.9;
    const engine = new Engine();
    const rng = createRng(SEED);
    const arrivals = rng.fork("arrivals");
    const service = rng.fork("service");
    const queue = new ServerQueue(engine, "mm1", {
      servers: 1,
      customers,
      interarrivalMicros: () => arrivals.exponentialMicros(UNIT_MICROS / lambda),
      serviceMicros: () => service.exponentialMicros(UNIT_MICROS),
      batchCustomers: customers,
    });
    queue.start();
    timer.start();
    const result = engine.runUntil(Number.MAX_SAFE_INTEGER);
    timer.stop();
    if (queue.departed !== customers) throw new Error(`mm1: ${queue.departed} of ${customers} customers departed`);
    // Closed form Wq = ρ/(μ-λ) = 9 units; one run of 10^6 customers is within a few percent of it.
    return {
      events: result.events,
      notes: { meanWaitUnits: (queue.waitSumMicros / customers / UNIT_MICROS).toFixed(3), theoryUnits: 9 },
    };
  },
});

const WAKE = 0;
const PROCESSES = 10_000;
const SLEEPS = 500;

/**
 * 10,000 processes in one actor, the way bytepath models hold many similar things: per-process state in a typed
 * array, the process id carried in the event's `a`. Each wake-up draws the next Exp(1) sleep.
 */
class Sleepers implements Actor {
  readonly index: number;
  readonly remaining = new Int32Array(PROCESSES).fill(SLEEPS);
  /** Sum over processes of the time of their last wake-up, in µs. */
  lastWakeSumMicros = 0;
  readonly #engine: Engine;
  readonly #rng: Rng;

  constructor(engine: Engine, rng: Rng) {
    this.#engine = engine;
    this.#rng = rng;
    this.index = engine.register("sleepers", this);
  }

  /** Schedules the next wake-up of one process. */
  sleep(process: number): void {
    this.#engine.send(this.index, WAKE, this.#rng.exponentialMicros(UNIT_MICROS), process);
  }

  receive(_kind: number, process: number): void {
    if (--this.remaining[process] > 0) this.sleep(process);
    else this.lastWakeSumMicros += this.#engine.nowMicros;
  }
}

/** One process as its own actor object; many-actors shows what 10,000 scattered objects cost the cache. */
class Sleeper implements Actor {
  index = -1;
  remaining = SLEEPS;
  readonly #engine: Engine;
  readonly #rng: Rng;
  readonly #done: { lastWakeSumMicros: number };

  constructor(engine: Engine, rng: Rng, done: { lastWakeSumMicros: number }) {
    this.#engine = engine;
    this.#rng = rng;
    this.#done = done;
  }

  /** Schedules the next wake-up. */
  sleep(): void {
    this.#engine.send(this.index, WAKE, this.#rng.exponentialMicros(UNIT_MICROS));
  }

  receive(): void {
    if (--this.remaining > 0) this.sleep();
    else this.#done.lastWakeSumMicros += this.#engine.nowMicros;
  }
}

function sleepOutcome(events: number, lastWakeSumMicros: number): BenchOutcome {
  const expected = PROCESSES * SLEEPS;
  if (events !== expected) throw new Error(`many: delivered ${events} wake-ups, expected ${expected}`);
  // A process's last wake-up is the sum of 500 Exp(1) sleeps: mean 500 units; the mean over 10,000 has sd 0.22.
  return { events, notes: { meanEndUnits: (lastWakeSumMicros / PROCESSES / UNIT_MICROS).toFixed(2), theoryUnits: SLEEPS } };
}

registerBenchmark({
  suite: "engine",
  name: "many",
  description: "10,000 processes in one actor, each sleeping Exp(1) 500 times (~10,000 events pending)",
  run(timer) {
    const engine = new Engine();
    const sleepers = new Sleepers(engine, createRng(SEED).fork("sleeps"));
    for (let p = 0; p < PROCESSES; p++) sleepers.sleep(p);
    timer.start();
    const result = engine.runUntil(Number.MAX_SAFE_INTEGER);
    timer.stop();
    return sleepOutcome(result.events, sleepers.lastWakeSumMicros);
  },
});

registerBenchmark({
  suite: "engine",
  name: "many-actors",
  description: "as many, but each process is its own actor object (10,000 actors)",
  run(timer) {
    const engine = new Engine();
    const rng = createRng(SEED).fork("sleeps");
    const done = { lastWakeSumMicros: 0 };
    const sleepers: Sleeper[] = [];
    for (let p = 0; p < PROCESSES; p++) {
      const sleeper = new Sleeper(engine, rng, done);
      sleeper.index = engine.register(`process-${p}`, sleeper);
      sleepers.push(sleeper);
    }
    for (const sleeper of sleepers) sleeper.sleep();
    timer.start();
    const result = engine.runUntil(Number.MAX_SAFE_INTEGER);
    timer.stop();
    return sleepOutcome(result.events, done.lastWakeSumMicros);
  },
});
