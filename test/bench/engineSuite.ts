// Engine benchmarks: the event loop and queue under two shapes of load. `mm1` keeps the queue tiny and
// exercises send/deliver round trips; `many` keeps ~10,000 events pending so heap depth dominates.

import { Engine, type Actor } from "../../sim/engine.ts";
import { createRng, type Rng } from "../../sim/random.ts";
import { ServerQueue } from "../support/serverQueue.ts";
import { registerBenchmark, type BenchOutcome, type BenchTimer } from "./registry.ts";

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

/** A process that sleeps Exp(1) units, wakes, and sleeps again until it has slept `sleeps` times. */
class Sleeper implements Actor {
  index = -1;
  remaining: number;
  /** Time of the last wake-up, in µs. */
  lastWakeMicros = 0;
  readonly #engine: Engine;
  readonly #rng: Rng;

  constructor(engine: Engine, rng: Rng, sleeps: number) {
    this.#engine = engine;
    this.#rng = rng;
    this.remaining = sleeps;
  }

  /** Schedules the next wake-up. */
  sleep(): void {
    this.#engine.send(this.index, WAKE, this.#rng.exponentialMicros(UNIT_MICROS));
  }

  receive(): void {
    this.lastWakeMicros = this.#engine.nowMicros;
    if (--this.remaining > 0) this.sleep();
  }
}

/** Runs `processes` sleepers to completion; each draws from its own fork when `forked`, else all share one stream. */
function runSleepers(timer: BenchTimer, forked: boolean): BenchOutcome {
  const processes = 10_000;
  const sleeps = 500;
  const engine = new Engine();
  const root = createRng(SEED);
  const shared = root.fork("sleeps");
  const sleepers: Sleeper[] = [];
  for (let p = 0; p < processes; p++) {
    const sleeper = new Sleeper(engine, forked ? root.fork(`process-${p}`) : shared, sleeps);
    sleeper.index = engine.register(`process-${p}`, sleeper);
    sleepers.push(sleeper);
  }
  for (const sleeper of sleepers) sleeper.sleep();
  timer.start();
  const result = engine.runUntil(Number.MAX_SAFE_INTEGER);
  timer.stop();
  const expected = processes * sleeps;
  if (result.events !== expected) throw new Error(`many: delivered ${result.events} wake-ups, expected ${expected}`);
  // Each process's last wake-up is a sum of 500 Exp(1) sleeps: mean 500 units, sd √500 ≈ 22.4 per process.
  const meanEndUnits = sleepers.reduce((sum, s) => sum + s.lastWakeMicros, 0) / processes / UNIT_MICROS;
  return { events: result.events, notes: { meanEndUnits: meanEndUnits.toFixed(2), theoryUnits: sleeps } };
}

registerBenchmark({
  suite: "engine",
  name: "many",
  description: "10,000 processes each sleeping Exp(1) 500 times (~10,000 events pending), one shared stream",
  run: (timer) => runSleepers(timer, false),
});

registerBenchmark({
  suite: "engine",
  name: "many-forked",
  description: "as many, but each process draws from its own fork, so 10,000 generator states compete for cache",
  run: (timer) => runSleepers(timer, true),
});
