import { describe, expect, it } from "vitest";
import { Engine } from "../sim/engine.ts";
import { createRng } from "../sim/random.ts";
import { ServerQueue } from "./support/serverQueue.ts";

// One time unit is 1e6 µs, so rounding draws to whole µs moves means by under 1e-6 relative.
const UNIT_MICROS = 1_000_000;
// 1.6 million customers per model by default; about 2% relative standard error at ρ = 0.9 (see expectWaitNear).
const SEEDS = [1, 2, 3, 4];
const CUSTOMERS_PER_SEED = 400_000;
// 20,000 customers per batch is many relaxation times even at ρ = 0.9 (about 1/(1-√ρ)² ≈ 380 service times),
// so batch means are nearly independent and their spread gives an honest standard error.
const BATCH_CUSTOMERS = 20_000;

interface QueueRun {
  /** Mean wait in queue over every customer of every seed, in time units. */
  meanWaitUnits: number;
  /** Standard error of that mean, from the spread of the batch means, in time units. */
  standardErrorUnits: number;
  /** Time-average number waiting, from the queue-length integral, over every seed. */
  meanWaiting: number;
  /** Arrival rate observed, per time unit. */
  arrivalRate: number;
  /** Mean time in the system (wait + service), in time units. */
  meanSojournUnits: number;
  /** Time-average number in the system. */
  meanInSystem: number;
  /** Whether, in every run, the queue-length integral equals the sum of waits exactly (both in integer µs). */
  integralsExact: boolean;
}

/** Runs a c-server FIFO queue for several seeds and pools the results. */
function runQueue(
  servers: number,
  lambda: number,
  service: "exponential" | "deterministic",
  seeds: readonly number[] = SEEDS,
  customersPerSeed = CUSTOMERS_PER_SEED,
): QueueRun {
  const batchMeans: number[] = [];
  let waitSum = 0;
  let sojournSum = 0;
  let queueArea = 0;
  let systemArea = 0;
  let customers = 0;
  let spanMicros = 0;
  let integralsExact = true;
  for (const seed of seeds) {
    const engine = new Engine();
    const rng = createRng(seed);
    const arrivals = rng.fork("arrivals");
    const services = rng.fork("service");
    const queue = new ServerQueue(engine, "queue", {
      servers,
      customers: customersPerSeed,
      interarrivalMicros: () => arrivals.exponentialMicros(UNIT_MICROS / lambda),
      serviceMicros: service === "exponential" ? () => services.exponentialMicros(UNIT_MICROS) : () => UNIT_MICROS,
      batchCustomers: BATCH_CUSTOMERS,
    });
    queue.start();
    let lastEventMicros = 0;
    engine.observer = (atMicros) => {
      lastEventMicros = atMicros;
    };
    const result = engine.runUntil(Number.MAX_SAFE_INTEGER);
    expect(result.stoppedBy, `seed ${seed}`).toBe("idle");
    expect(queue.departed, `seed ${seed}`).toBe(customersPerSeed);
    // The run starts and ends empty, so each integral counts each customer's time exactly once.
    integralsExact &&= queue.queueAreaMicros === queue.waitSumMicros && queue.systemAreaMicros === queue.sojournSumMicros;
    batchMeans.push(...queue.batchWaitMeansMicros.map((micros) => micros / UNIT_MICROS));
    waitSum += queue.waitSumMicros;
    sojournSum += queue.sojournSumMicros;
    queueArea += queue.queueAreaMicros;
    systemArea += queue.systemAreaMicros;
    customers += queue.departed;
    spanMicros += lastEventMicros;
  }
  const batchMean = batchMeans.reduce((sum, m) => sum + m, 0) / batchMeans.length;
  const batchVariance = batchMeans.reduce((sum, m) => sum + (m - batchMean) ** 2, 0) / (batchMeans.length - 1);
  return {
    meanWaitUnits: waitSum / customers / UNIT_MICROS,
    standardErrorUnits: Math.sqrt(batchVariance / batchMeans.length),
    meanWaiting: queueArea / spanMicros,
    arrivalRate: (customers / spanMicros) * UNIT_MICROS,
    meanSojournUnits: sojournSum / customers / UNIT_MICROS,
    meanInSystem: systemArea / spanMicros,
    integralsExact,
  };
}

/** Erlang C: the probability an arrival must wait in an M/M/c queue with offered load a = λ/μ. */
function erlangC(servers: number, offered: number): number {
  let term = 1;
  let below = 0;
  for (let k = 0; k < servers; k++) {
    below += term;
    term *= offered / (k + 1);
  }
  const waiting = (term * servers) / (servers - offered);
  return waiting / (below + waiting);
}

/**
 * Asserts the simulated mean wait against a closed form within 4 standard errors plus 0.5% for the finite-run
 * start-empty bias, and checks the bound is tight enough that a wrong model would fail it.
 */
function expectWaitNear(run: QueueRun, theoryUnits: number): void {
  expect(run.standardErrorUnits / theoryUnits).toBeLessThan(0.02);
  expect(Math.abs(run.meanWaitUnits - theoryUnits)).toBeLessThan(4 * run.standardErrorUnits + 0.005 * theoryUnits);
}

describe("queueing closed forms, on an actor-based queue", () => {
  it("M/M/1 at ρ = 0.9: mean wait matches Wq = ρ / (μ - λ), and Little's law holds on the integrals", () => {
    const lambda = 0.9;
    // The noisiest case, so it gets 3 million customers: about 1.4% relative standard error.
    const run = runQueue(1, lambda, "exponential", [1, 2, 3, 4, 5, 6], 500_000);
    expectWaitNear(run, lambda / (1 - lambda));
    expect(run.integralsExact).toBe(true);
    // Little's law, L = λW, with L from the time-weighted integral and λ, W observed on the same run.
    expect(run.meanWaiting).toBeCloseTo(run.arrivalRate * run.meanWaitUnits, 9);
    expect(run.meanInSystem).toBeCloseTo(run.arrivalRate * run.meanSojournUnits, 9);
    // And against the closed forms: Lq = ρ² / (1 - ρ) = 8.1, W = Wq + 1/μ.
    expect(Math.abs(run.meanWaiting - (lambda * lambda) / (1 - lambda))).toBeLessThan(4 * lambda * run.standardErrorUnits + 0.05);
    expect(Math.abs(run.meanSojournUnits - run.meanWaitUnits - 1)).toBeLessThan(0.01);
  });

  it("M/M/3 at ρ = 0.85: mean wait matches Erlang C, Wq = C(c, λ/μ) / (cμ - λ)", () => {
    const servers = 3;
    const lambda = 2.55;
    const run = runQueue(servers, lambda, "exponential");
    expectWaitNear(run, erlangC(servers, lambda) / (servers - lambda));
    expect(run.integralsExact).toBe(true);
    expect(run.meanWaiting).toBeCloseTo(run.arrivalRate * run.meanWaitUnits, 9);
  });

  it("M/D/1 at ρ = 0.9: mean wait matches Pollaczek–Khinchine, Wq = ρ / (2μ(1 - ρ))", () => {
    const lambda = 0.9;
    const run = runQueue(1, lambda, "deterministic");
    expectWaitNear(run, lambda / (2 * (1 - lambda)));
    expect(run.integralsExact).toBe(true);
    // Every service takes exactly one unit, so time in system is the wait plus exactly 1.
    expect(run.meanSojournUnits - run.meanWaitUnits).toBeCloseTo(1, 9);
  });

  it("Erlang C reduces to ρ for one server, as the M/M/1 formula requires", () => {
    expect(erlangC(1, 0.9)).toBeCloseTo(0.9, 12);
    // Published table value: c = 2, a = 1 gives C = 1/3.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });
});
