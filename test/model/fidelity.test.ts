import { describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import { EXACT_FIDELITY, resolveFidelity, type Fidelity } from "../../sim/model/fidelity.ts";
import type { ArchitectureSpec } from "../../sim/model/architectures.ts";
import type { KafkaArchitecture } from "../../sim/model/kafka.ts";
import type { RunResultSummary } from "../../sim/model/result.ts";
import { createWorkload } from "../../sim/model/workload.ts";
import { MiB, runToEnd, smallRun } from "../support/runs.ts";

// Three groups of three consumers over six brokers: every zone has one consumer of each group, so shared sessions
// serve three consumers each, as in the reference scenario.
function kafkaRun(fidelity: Partial<Fidelity> | undefined, architecture: ArchitectureSpec = { kind: "kafka" }) {
  return runToEnd({
    architecture,
    workload: {
      produceBytesPerSecond: 100 * MiB, partitionsPerTopic: 64, subscriptionsPerTopic: 3, consumerPerSubscription: 3,
      testDurationMicros: 4_000_000, consumer: { clientRack: true }, ...(fidelity ? { fidelity } : {}),
    },
    cluster: { brokersPerZone: 2 },
  });
}

const exact = kafkaRun(undefined);
const exactResult = exact.result();
const ms = (micros: number) => micros / 1000;

// The bound fidelity.md states: each coalesced hop waits at most W plus the time to send the burst it releases
// (at most another W), so publish (one hop: replication) is within 2W and end-to-end (two hops) within 4W, and
// coalescing only ever delays.
function expectWithinBound(coarse: RunResultSummary, exactRun: RunResultSummary, windowMicros: number): void {
  const slack = 0.1; // ms: histogram bucket resolution and one-request noise
  for (const p of ["50pct", "99pct"] as const) {
    const publish = coarse[`publishLatency${p}`] - exactRun[`publishLatency${p}`];
    const endToEnd = coarse[`endToEndLatency${p}`] - exactRun[`endToEndLatency${p}`];
    expect(publish, `publish ${p}`).toBeGreaterThan(-slack);
    expect(publish, `publish ${p}`).toBeLessThan(2 * ms(windowMicros) + slack);
    expect(endToEnd, `end-to-end ${p}`).toBeGreaterThan(-slack);
    expect(endToEnd, `end-to-end ${p}`).toBeLessThan(4 * ms(windowMicros) + slack);
  }
}

function expectSameBytes(coarse: RunResultSummary, exactRun: RunResultSummary): void {
  for (const [flow, byLocality] of Object.entries(exactRun.bytes)) {
    for (const [locality, bytes] of Object.entries(byLocality)) {
      const other = coarse.bytes[flow][locality as keyof typeof byLocality];
      if (bytes === 0) expect(other, `${flow}.${locality}`).toBe(0);
      else expect(Math.abs(other / bytes - 1), `${flow}.${locality}`).toBeLessThan(0.005);
    }
  }
  expect(Math.abs(coarse.publishBytesRate / exactRun.publishBytesRate - 1)).toBeLessThan(0.005);
  expect(Math.abs(coarse.consumeBytesRate / exactRun.consumeBytesRate - 1)).toBeLessThan(0.005);
  expect(Math.abs(coarse.crossZoneBytesPerProducedByte / exactRun.crossZoneBytesPerProducedByte - 1)).toBeLessThan(0.005);
}

describe("client fidelity", () => {
  it("is exact unless a workload asks otherwise, and asking for exact changes nothing", () => {
    expect(createWorkload({}).fidelity).toBeUndefined();
    expect(resolveFidelity(undefined)).toEqual(EXACT_FIDELITY);
    const explicit = kafkaRun({ coalesceMicros: 0 });
    expect(JSON.stringify(explicit.result())).toBe(JSON.stringify(exactResult));
  });

  it("rejects windows that are not whole µs from 0 to 1 s, and shared sessions without a window", () => {
    expect(() => resolveFidelity({ coalesceMicros: -1 })).toThrow(InputError);
    expect(() => resolveFidelity({ coalesceMicros: 1.5 })).toThrow(/coalesceMicros/);
    expect(() => resolveFidelity({ coalesceMicros: 2_000_000 })).toThrow(/coalesceMicros/);
    expect(() => resolveFidelity({ coalesceMicros: 0, shareSessions: true })).toThrow(/shareSessions/);
    expect(() => resolveFidelity({ coalesceMicros: 1000, shareSessions: "yes" as unknown as boolean })).toThrow(/shareSessions/);
    expect(() => createWorkload({ fidelity: { coalesceMicros: Number.NaN } })).toThrow(/workload\.fidelity\.coalesceMicros/);
  });

  it.each([1_000, 5_000])("with a %i µs window and shared sessions keeps every byte and stays within the latency bound", (window) => {
    const coarse = kafkaRun({ coalesceMicros: window, shareSessions: true });
    const result = coarse.result();
    expect(result.invariants.violations).toEqual([]);
    expect(exactResult.invariants.violations).toEqual([]);
    expect(result.invariants.ackedBytesLost).toBe(exactResult.invariants.ackedBytesLost);
    expectSameBytes(result, exactResult);
    expectWithinBound(result, exactResult, window);
    // The point of it: far fewer events for the same traffic.
    expect(coarse.world.engine.eventsTotal).toBeLessThan(0.6 * exact.world.engine.eventsTotal);
  });

  it("reads as many bytes through the page cache for a shared session as for each consumer's own", () => {
    const coarse = kafkaRun({ coalesceMicros: 1_000, shareSessions: true });
    // Each consumer's fetch reads its bytes on the broker; a shared session must read them for all its members.
    const served = (run: typeof exact) => (run.arch as KafkaArchitecture).brokers.reduce((sum, b) => sum + b.cache.hitBytes + b.cache.missBytes, 0);
    const consumed = (run: typeof exact) => run.world.stats.consumedBytes;
    expect(served(exact) / consumed(exact)).toBeGreaterThan(0.99);
    expect(Math.abs(served(coarse) / consumed(coarse) - served(exact) / consumed(exact))).toBeLessThan(0.005);
  });

  it("regroups shared sessions when one consumer group is reset, and every group still reads every byte", () => {
    const run = smallRun({
      workload: {
        produceBytesPerSecond: 50 * MiB, partitionsPerTopic: 64, subscriptionsPerTopic: 3, consumerPerSubscription: 3,
        testDurationMicros: 3_000_000, consumer: { clientRack: true }, fidelity: { coalesceMicros: 1_000, shareSessions: true },
      },
      cluster: { brokersPerZone: 2 },
    });
    run.advance(1_000_000);
    // Replay group 0 from the start: its consumers leave the shared sessions and read the first second again.
    run.consumers.resetSubscription(0, "earliest");
    run.advance(run.endMicros);
    run.sampler.sample();
    const stats = run.world.stats;
    expect(run.consumers.rewoundBytes).toBeGreaterThan(0);
    // Conservation: three groups read everything published, group 0 the rewound bytes once more; what is still in
    // flight at the end (a fetch round trip) is well under 1%.
    expect(stats.consumedBytes / (3 * stats.publishedBytes + run.consumers.rewoundBytes)).toBeGreaterThan(0.99);
    expect(stats.consumedBytes / (3 * stats.publishedBytes + run.consumers.rewoundBytes)).toBeLessThan(1.001);
    expect(run.sampler.violations).toEqual([]);
  });
});
