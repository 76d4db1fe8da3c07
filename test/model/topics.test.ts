import { describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import { FLOW_CLASS_NAMES, FlowClass, Locality } from "../../sim/network/index.ts";
import type { ArchitectureSpec } from "../../sim/model/architectures.ts";
import { Consumers } from "../../sim/model/consumers.ts";
import type { KafkaArchitecture } from "../../sim/model/kafka.ts";
import { Producers } from "../../sim/model/producers.ts";
import type { Run } from "../../sim/model/run.ts";
import { TopicLayout } from "../../sim/model/topicLayout.ts";
import type { WorkloadOptions } from "../../sim/model/workload.ts";
import { MiB, smallRun } from "../support/runs.ts";

// OMB: every topic has subscriptionsPerTopic subscriptions reading only it, and producerRate is the total over all
// producers. So at one total rate the consume rate is F × the publish rate whatever the topic count.
const F = 2;
const RATE = 20 * MiB;
const WARMUP_MICROS = 2_000_000;
const MEASURED_MICROS = 4_000_000;

function runTopics(topics: number, architecture: ArchitectureSpec, extra: WorkloadOptions = {}, brokersPerZone = 1): Run {
  const run = smallRun({
    architecture,
    cluster: { brokersPerZone },
    workload: {
      topics,
      produceBytesPerSecond: RATE,
      subscriptionsPerTopic: F,
      warmupDurationMicros: WARMUP_MICROS,
      testDurationMicros: MEASURED_MICROS,
      ...extra,
    },
  });
  run.advance(run.endMicros);
  return run;
}

function crossZonePerProducedByte(run: Run): number {
  let crossZone = 0;
  for (let f = 0; f < FLOW_CLASS_NAMES.length; f++) crossZone += run.world.network.bytesMoved(f, Locality.crossZone);
  return crossZone / run.world.stats.publishedBytes;
}

// What conservation allows: each logged byte belongs to one topic and is read once by each of its F subscriptions.
function expectConserved(run: Run): void {
  let logged = 0;
  for (const g of run.arch.groups) logged += g.leo;
  expect(run.world.stats.consumedBytes).toBeLessThanOrEqual(F * logged + 1);
  expect(run.sampler.violations).toEqual([]);
}

// ackSeconds: how long acknowledgements trail the offered records (the last records of the run are still unacked).
function expectOmbRates(run: Run, ackSeconds: number): void {
  const stats = run.world.stats;
  const seconds = (WARMUP_MICROS + MEASURED_MICROS) / 1e6;
  expect(stats.publishedBytes / (RATE * seconds)).toBeGreaterThan(1 - ackSeconds / seconds - 0.01);
  expect(stats.publishedBytes / (RATE * seconds)).toBeLessThan(1.001);
  // Steady state, past the warm-up: what one window publishes, F subscriptions consume.
  expect(stats.measuredConsumedBytes / stats.measuredPublishedBytes).toBeGreaterThan(F * 0.98);
  expect(stats.measuredConsumedBytes / stats.measuredPublishedBytes).toBeLessThan(F * 1.02);
}

describe("a workload of several topics", () => {
  it.each([1, 2, 5])("consumes F × the publish rate and moves 2/3 + 2 + F·2/3 cross-zone bytes per produced byte on classic Kafka (%i topics)", (topics) => {
    // 3 zones, RF 3, consumers fetching from leaders: 2/3 of produce bytes reach a leader in another zone, each
    // byte goes to the 2 followers in the other zones, and each subscription fetches 2/3 of its bytes across zones.
    const run = runTopics(topics, { kind: "kafka", kafka: { followerFetching: false } });
    expectOmbRates(run, 0.01);
    const expected = 2 / 3 + 2 + (F * 2) / 3;
    expect(crossZonePerProducedByte(run)).toBeGreaterThan(expected * 0.98);
    expect(crossZonePerProducedByte(run)).toBeLessThan(expected * 1.02);
    expectConserved(run);
    // The backlog counts each subscription against its own topic only: a few ms of data, not the other topics' logs.
    expect(run.consumers.backlogBytes()).toBeLessThan(F * RATE * 0.05);
  });

  it.each([1, 2, 5])("consumes F × the publish rate and moves 2/3 + F·2/3 cross-zone bytes per produced byte on zone-blind diskless agents (%i topics)", (topics) => {
    // Agents write to S3 (no replication traffic); clients that do not name their zone reach an agent in another
    // zone 2/3 of the time, once per produced byte and once per byte each subscription reads.
    const run = runTopics(topics, { kind: "diskless", diskless: { zoneAwareClients: false } }, { producer: { maxInFlight: 100, lingerMicros: 25_000 } }, 2);
    // An S3 PUT per batch: acknowledgements trail by about 250 ms (p50) to 500 ms (p99).
    expectOmbRates(run, 0.5);
    const expected = 2 / 3 + (F * 2) / 3;
    // Reads trail writes by an S3 round trip, so the run's last fraction of a second is not yet read: allow 4%.
    expect(crossZonePerProducedByte(run)).toBeGreaterThan(expected * 0.96);
    expect(crossZonePerProducedByte(run)).toBeLessThan(expected * 1.02);
    expectConserved(run);
  });

  it("moves exactly the bytes produced and read when each request and response carries a sliver of a record", () => {
    // 60 topics at 120 KiB/s: a producer offers ~0.7 KiB/s, a few bytes per broker per 5 ms linger, and a consumer's
    // share of a response is a few bytes. Transfers move whole bytes; rounding each one up would add a byte apiece.
    const run = smallRun({ workload: { topics: 60, partitionsPerTopic: 3, produceBytesPerSecond: 120 * 1024, subscriptionsPerTopic: 1, testDurationMicros: 3_000_000 } });
    run.advance(run.endMicros);
    const net = run.world.network;
    const stats = run.world.stats;
    const moved = (flow: number) => net.bytesMoved(flow, Locality.sameZone) + net.bytesMoved(flow, Locality.crossZone);
    expect(moved(FlowClass.produce) / stats.publishedBytes).toBeGreaterThan(0.99);
    expect(moved(FlowClass.produce) / stats.publishedBytes).toBeLessThan(1.03);
    expect(moved(FlowClass.consume) / stats.consumedBytes).toBeGreaterThan(0.99);
    expect(moved(FlowClass.consume) / stats.consumedBytes).toBeLessThan(1.01);
    const expected = 2 / 3 + 2 + 2 / 3;
    expect(crossZonePerProducedByte(run)).toBeGreaterThan(expected * 0.97);
    expect(crossZonePerProducedByte(run)).toBeLessThan(expected * 1.03);
  });

  it("sends each topic's records only to the leaders of its partitions, and reads them only from there", () => {
    // Two topics of 3 partitions on 6 brokers: topic 0 is led by brokers 0-2, topic 1 by brokers 3-5.
    const run = smallRun({ cluster: { brokersPerZone: 2 }, workload: { topics: 2, partitionsPerTopic: 3, testDurationMicros: 1_000_000 } });
    run.advance(500_000);
    const layout = new TopicLayout(run.arch.groups, 2, 3);
    const leadersOf = (topic: number) => new Set([...layout.groupsOf(topic)].map((g) => run.arch.groups[g].leader));
    for (const p of run.producers.producers) {
      const leaders = leadersOf(p.topic);
      expect(p.routes.length).toBe(3);
      for (const route of p.routes) expect(leaders.has(route.broker)).toBe(true);
    }
    for (const c of run.consumers.consumers) {
      const own = new Set(layout.groupsOf(c.topic));
      for (const session of c.sessions) {
        for (const g of run.consumers.sessionRead(session).groups) expect(own.has(g)).toBe(true);
      }
    }
    // Each topic's half of the rate went to its own three leaders.
    const logged = (topic: number) => [...layout.groupsOf(topic)].reduce((sum, g) => sum + run.arch.groups[g].leo, 0);
    expect(logged(0) / logged(1)).toBeGreaterThan(0.95);
    expect(logged(0) / logged(1)).toBeLessThan(1.05);
  });

  it("holds a topic's records while none of its partitions has a leader, and publishes them once one has", () => {
    // RF 1: when the leader of topic 0's only partition dies, the controller finds no replica to elect after its
    // 9 s session timeout, and the partition stays offline until the broker returns.
    const run = smallRun({
      architecture: { kind: "kafka", kafka: { replicationFactor: 1, minInsyncReplicas: 1 } },
      workload: { topics: 3, partitionsPerTopic: 1, produceBytesPerSecond: 3 * MiB, testDurationMicros: 20_000_000 },
    });
    const arch = run.arch as KafkaArchitecture;
    const leader = arch.groups.find((g) => g.partitionIds.includes(0))!.leader;
    run.advance(1_000_000);
    arch.crashBroker(leader, false);
    run.advance(12_000_000);
    const held = run.producers.producers.filter((p) => p.topic === 0);
    for (const p of held) expect(p.routes).toEqual([]);
    // Eleven seconds of topic 0's records wait in its producers (buffered, then held back); nothing was dropped.
    const waiting = held.reduce((sum, p) => sum + p.deferredRecords, 0);
    expect(waiting / ((MiB / 1024) * 11)).toBeGreaterThan(0.97);
    arch.restartBroker(leader);
    run.advance(run.endMicros);
    // Back online, the backlog drains: every record offered over the run is acknowledged but the last moments'.
    const offered = ((3 * MiB) / 1024) * 20;
    expect(run.world.stats.publishedRecords / offered).toBeGreaterThan(0.99);
    expect(run.world.stats.publishedRecords / offered).toBeLessThan(1.0001);
  });

  it("rejects a producer or consumer whose topic is not one of the workload's with InputError", () => {
    const run = smallRun({ workload: { topics: 2 } });
    expect(() => new Producers(run.world, [{ host: 0, zone: 0, topic: 2 }])).toThrow(InputError);
    expect(() => new Producers(run.world, [{ host: 0, zone: 0, topic: -1 }])).toThrow(/producers\[0\]\.topic/);
    expect(() => new Consumers(run.world, [{ host: 0, zone: 0, subscription: 0, topic: 1.5 }])).toThrow(/consumers\[0\]\.topic/);
  });
});
