import { describe, it, expect } from "vitest";
import { InputError } from "../../sim/errors.ts";
import { FLOW_CLASS_NAMES, FlowClass, Locality } from "../../sim/network/index.ts";
import { INSTANCE_TYPES } from "../../sim/model/cluster.ts";
import { DisklessArchitecture } from "../../sim/model/diskless.ts";
import { DISKLESS_DEFAULTS, checkDisklessConfig, type DisklessConfig } from "../../sim/model/disklessConfig.ts";
import { createRun } from "../../sim/model/run.ts";
import { createWorkload, type ProducerSettings } from "../../sim/model/workload.ts";
import { MiB } from "../../sim/units.ts";

const SEED = 11;
// WarpStream asks for many produce requests in flight ("Not having enough outstanding requests is the single
// biggest reason for low write throughput", docs tuning-for-performance) and lists latencies for 25 ms and 10 ms
// linger (docs low-latency-clusters); these clients follow that advice.
const TUNED_PRODUCER: Partial<ProducerSettings> = { maxInFlight: 100, lingerMicros: 25_000 };

interface Rig {
  mibPerSecond?: number;
  seconds?: number;
  agentsPerZone?: number;
  subscriptions?: number;
  producer?: Partial<ProducerSettings>;
  diskless?: Partial<DisklessConfig>;
  instance?: string;
  seed?: number;
  /** Called before the run starts, and at each listed time (seconds) with the architecture. */
  script?: Array<[seconds: number, (arch: DisklessArchitecture) => void]>;
}

function runDiskless(rig: Rig = {}) {
  const seconds = rig.seconds ?? 15;
  const run = createRun({
    seed: rig.seed ?? SEED,
    intervalMicros: 5_000_000,
    workload: createWorkload({
      produceBytesPerSecond: (rig.mibPerSecond ?? 30) * MiB,
      partitionsPerTopic: 48,
      producersPerTopic: 3,
      subscriptionsPerTopic: rig.subscriptions ?? 2,
      consumerPerSubscription: 3,
      testDurationMicros: seconds * 1e6,
      producer: rig.producer ?? TUNED_PRODUCER,
    }),
    cluster: { zones: 3, brokersPerZone: rig.agentsPerZone ?? 2, instance: INSTANCE_TYPES[rig.instance ?? "r6i.xlarge"] },
    architecture: { kind: "diskless", diskless: rig.diskless },
  });
  const arch = run.arch as DisklessArchitecture;
  let at = 0;
  for (const [when, action] of rig.script ?? []) {
    run.advance(Math.round(when * 1e6));
    action(arch);
    at = when;
  }
  expect(at).toBeLessThan(seconds);
  run.advance(run.endMicros);
  const stats = run.world.stats;
  const net = run.world.network;
  let crossZone = 0;
  for (let f = 0; f < FLOW_CLASS_NAMES.length; f++) crossZone += net.bytesMoved(f, Locality.crossZone);
  return { run, arch, stats, net, report: arch.report(), crossZonePerProduced: crossZone / stats.publishedBytes, seconds };
}

function ms(micros: number): number {
  return micros / 1000;
}

describe("diskless architecture", () => {
  it("moves almost no bytes across zones when clients name their zone, and 2/3 per hop when they do not", () => {
    const aware = runDiskless();
    expect(aware.stats.publishedBytes).toBeGreaterThan(0.95 * 30 * MiB * aware.seconds);
    expect(aware.crossZonePerProduced).toBeLessThan(0.02);
    // Without a zone hint producers spread over all six agents and each group is served by one agent for every
    // zone: 2/3 of produce bytes and 2/3 of each consumer group's bytes cross zones (section 0 rule, 3 zones).
    const unaware = runDiskless({ diskless: { zoneAwareClients: false } });
    const expected = 2 / 3 + 2 * (2 / 3) * (unaware.stats.consumedBytes / 2 / unaware.stats.publishedBytes);
    expect(unaware.crossZonePerProduced).toBeGreaterThan(expected * 0.95);
    expect(unaware.crossZonePerProduced).toBeLessThan(expected * 1.05);
  });

  it("PUTs each produced byte to S3 once at ingestion and once more when compaction rewrites it", () => {
    const { report, stats, arch } = runDiskless();
    const produced = stats.publishedBytes;
    // Ingestion: one PUT per byte; objects still uploading at the end make it slightly more than what was acked.
    expect(report.ingestPutBytes / produced).toBeGreaterThan(0.99);
    expect(report.ingestPutBytes / produced).toBeLessThan(1.03);
    // Compaction PUTs exactly the bytes of the L0 objects it replaced, so total PUT bytes = ingest + compacted.
    expect(report.s3BytesPut).toBe(report.ingestPutBytes + report.compactionPutBytes);
    expect(report.compactionPutBytes / produced).toBeGreaterThan(0.6);
    // Byte conservation in the bucket: everything committed and not deleted is stored, plus at most the objects
    // still between PUT and commit (a few batches and one compacted object).
    const live = arch.index.endBytes - arch.index.startBytes;
    const inFlightMax = 6 * 2 * DISKLESS_DEFAULTS.batchBytesMax + 32 * DISKLESS_DEFAULTS.batchBytesMax;
    expect(report.s3StoredBytes).toBeGreaterThanOrEqual(live);
    expect(report.s3StoredBytes - live).toBeLessThan(inFlightMax);
    expect(report.s3DeleteRequests).toBe(report.compactedObjects);
  });

  it("acknowledges in hundreds of ms on S3 Standard, near WarpStream's published 250 ms p50 / 500 ms p99", () => {
    const { stats } = runDiskless();
    const publish = stats.publishLatency;
    // docs low-latency-clusters: "25ms linger, 250ms batch timeout (default), S3 Standard": p50 250 ms, p99 500 ms.
    expect(ms(publish.percentile(50))).toBeGreaterThan(180);
    expect(ms(publish.percentile(50))).toBeLessThan(350);
    expect(ms(publish.percentile(99))).toBeGreaterThan(300);
    expect(ms(publish.percentile(99))).toBeLessThan(650);
  });

  it("acknowledges faster on S3 Express, and under 80 ms p50 / 150 ms p99 with a 50 ms batch timeout", () => {
    const producer = { maxInFlight: 100, lingerMicros: 10_000 };
    const standard = runDiskless({ producer }).stats.publishLatency;
    const express = runDiskless({ producer, diskless: { ingestStorage: "express" } });
    const fast = runDiskless({ producer, diskless: { ingestStorage: "express", batchTimeoutMicros: 50_000 } }).stats.publishLatency;
    const slow = express.stats.publishLatency;
    expect(slow.percentile(50)).toBeLessThan(standard.percentile(50));
    expect(slow.percentile(99)).toBeLessThan(standard.percentile(99));
    expect(fast.percentile(50)).toBeLessThan(slow.percentile(50) / 2);
    // docs low-latency-clusters: "10ms linger, 50ms batch timeout, S3 Express": p50 < 80 ms, p99 < 150 ms.
    expect(ms(fast.percentile(50))).toBeLessThan(80);
    expect(ms(fast.percentile(99))).toBeLessThan(150);
    // Three zonal copies per object, acknowledged at two; compaction then moves the data to S3 Standard.
    const r = express.report;
    expect(r.ingestPutBytes / express.stats.publishedBytes).toBeGreaterThan(2.97);
    expect(r.ingestPutBytes / express.stats.publishedBytes).toBeLessThan(3.09);
    expect(r.expressStoredBytes).toBeLessThan(0.5 * r.s3StoredBytes);
  });

  it("closes a batch at 250 ms when traffic is light, holding the agent's rate times 250 ms", () => {
    const { report, stats, seconds } = runDiskless({ mibPerSecond: 12, agentsPerZone: 1 });
    expect(report.maxBatchAgeMicros).toBe(DISKLESS_DEFAULTS.batchTimeoutMicros);
    expect(report.batchesClosedBySize).toBe(0);
    const perAgentBytesPerSecond = stats.publishedBytes / seconds / 3;
    expect(report.meanBatchBytes / (perAgentBytesPerSecond * 0.25)).toBeGreaterThan(0.9);
    expect(report.meanBatchBytes / (perAgentBytesPerSecond * 0.25)).toBeLessThan(1.15);
  });

  it("closes a batch at 8 MiB when traffic is heavy, and reads pay one GET per 4 MiB chunk per zone", () => {
    // Compaction off: every read then hits the L0 objects whose chunks the closed form below counts.
    const { report, stats } = runDiskless({
      mibPerSecond: 120, agentsPerZone: 1, subscriptions: 2, instance: "r6i.4xlarge", seconds: 10, diskless: { compaction: false },
    });
    expect(report.batchesClosedBySize / report.batches).toBeGreaterThan(0.95);
    expect(report.maxBatchBytes).toBeLessThanOrEqual(DISKLESS_DEFAULTS.batchBytesMax);
    expect(report.maxBatchAgeMicros).toBeLessThan(DISKLESS_DEFAULTS.batchTimeoutMicros);
    expect(report.meanBatchBytes).toBeGreaterThan(0.9 * DISKLESS_DEFAULTS.batchBytesMax);
    for (let z = 0; z < 3; z++) {
      const gets = report[`readGetsZone${z}`];
      // "almost never pay for more than 1 GET request per 4MiB of data, per zone" (A4.1). An object just under
      // 8 MiB takes two GETs, so the ratio is 8 MiB over the mean object size, a few percent above one.
      const perChunk = gets / (report[`readGetBytesZone${z}`] / (4 * MiB));
      expect(perChunk).toBeGreaterThanOrEqual(1);
      expect(perChunk).toBeLessThan(1.1);
      expect(perChunk).toBeCloseTo(DISKLESS_DEFAULTS.batchBytesMax / report.meanBatchBytes, 1);
      // Every chunk of every committed object is fetched once per zone, however many consumers read it (the
      // last second or so of data may still be unread when the run stops).
      expect(gets).toBeLessThanOrEqual(report.committedChunks);
      expect(gets).toBeGreaterThan(0.9 * report.committedChunks);
      expect(report[`readGetBytesZone${z}`]).toBeLessThanOrEqual(stats.publishedBytes * 1.02);
      // Two consumer groups read each chunk in each zone: at least every second lookup is served from the cache.
      expect(report[`cacheHitRatioZone${z}`]).toBeGreaterThanOrEqual(0.5);
    }
  });

  it("loses no acknowledged record and moves no data when an agent crashes; its clients retry in the same zone", () => {
    const offered = 30 * MiB * 15;
    const { run, report, stats, net, arch, crossZonePerProduced } = runDiskless({
      script: [[5, (a) => a.crashBroker(0)], [10, (a) => a.restartBroker(0)]],
    });
    const timeline = run.world.timeline.map((t) => t.what);
    expect(timeline).toContain("agent crashed");
    expect(timeline).toContain("agent restarted");
    // Stateless agents: nothing is re-replicated or recovered, by any path.
    for (const locality of [Locality.sameZone, Locality.crossZone, Locality.objectStore]) {
      expect(net.bytesMoved(FlowClass.recovery, locality)).toBe(0);
      expect(net.bytesMoved(FlowClass.replication, locality)).toBe(0);
    }
    // What the crashed agent held unacknowledged failed back to its clients, which retried elsewhere in zone 0.
    expect(report.unackedBytesFailed).toBeGreaterThan(0);
    expect(stats.produceErrors).toBeGreaterThan(0);
    expect(crossZonePerProduced).toBeLessThan(0.02);
    expect(stats.publishedBytes).toBeGreaterThan(0.97 * offered);
    expect(stats.ackedBytesLost).toBe(0);
    for (const g of arch.groups) expect(g.ackedEnd).toBeLessThanOrEqual(g.hw);
    // The only extra upload is the retried data: ingestion PUTs exceed acknowledged bytes by at most what failed
    // (or was committed unanswered) plus the objects in flight at the end.
    const extra = report.ingestPutBytes - stats.publishedBytes;
    expect(extra).toBeLessThan(report.unackedBytesFailed + report.unansweredCommittedBytes + 6 * 2 * DISKLESS_DEFAULTS.batchBytesMax);
    expect(stats.consumedBytes).toBeGreaterThan(0.95 * 2 * stats.publishedBytes);
  });

  it("sends a zone's clients to other zones when the zone has no live agent (it favors availability)", () => {
    const offered = 30 * MiB * 12;
    const { report, stats, crossZonePerProduced } = runDiskless({ agentsPerZone: 1, seconds: 12, script: [[4, (a) => a.crashBroker(0)]] });
    expect(report.unackedBytesFailed).toBeGreaterThan(0);
    expect(stats.publishedBytes).toBeGreaterThan(0.95 * offered);
    expect(stats.ackedBytesLost).toBe(0);
    // For the last 8 of 12 s zone 0's producer (1/3 of the bytes) and consumers cross zones.
    expect(crossZonePerProduced).toBeGreaterThan(0.1);
  });

  it("fails uploads during an S3 error window back to their clients, who retry; nothing acknowledged is lost", () => {
    const offered = 30 * MiB * 15;
    const { report, stats, arch } = runDiskless({
      script: [[0, (a) => a.stores[0].addImpairment({ startMicros: 4_000_000, endMicros: 6_000_000, errorRatio: 1 })]],
    });
    expect(report.abandonedBatches).toBeGreaterThan(0);
    expect(report.ingestPutFailures).toBeGreaterThan(0);
    expect(stats.produceErrors).toBeGreaterThan(0);
    expect(stats.ackedBytesLost).toBe(0);
    expect(stats.publishedBytes).toBeGreaterThan(0.95 * offered);
    // No copy of an abandoned object stays behind: the bucket holds the live log plus at most objects in flight.
    const live = arch.index.endBytes - arch.index.startBytes;
    expect(report.s3StoredBytes).toBeGreaterThanOrEqual(live);
    expect(report.s3StoredBytes - live).toBeLessThan(6 * 2 * DISKLESS_DEFAULTS.batchBytesMax + 6 * 32 * DISKLESS_DEFAULTS.batchBytesMax);
  });

  it("keeps acknowledging at the quorum while one S3 Express zonal bucket is unreachable", () => {
    const offered = 30 * MiB * 15;
    const { report, stats } = runDiskless({
      diskless: { ingestStorage: "express" },
      script: [[0, (a) => a.stores[1].addImpairment({ startMicros: 3_000_000, endMicros: 9_000_000, unavailable: true })]],
    });
    // Copies to the lost bucket time out, but two of three still land before each commit.
    expect(report.ingestPutFailures).toBeGreaterThan(0);
    expect(report.abandonedBatches).toBe(0);
    expect(stats.produceErrors).toBe(0);
    expect(stats.publishedBytes).toBeGreaterThan(0.97 * offered);
    expect(stats.publishLatency.percentile(99)).toBeLessThan(1_000_000);
  });

  it("adds a slower control plane's commit time to every acknowledgement", () => {
    const nominal = runDiskless({ seconds: 10 }).stats.publishLatency.percentile(50);
    const factor = 21;
    const slow = runDiskless({ seconds: 10, script: [[0, (a) => a.setControlPlaneLatencyFactor(factor)]] }).stats.publishLatency.percentile(50);
    // The commit median is 6 ms (DISKLESS_DEFAULTS); x21 adds 120 ms to the median path.
    const added = ms(slow - nominal);
    expect(added).toBeGreaterThan(0.75 * 120);
    expect(added).toBeLessThan(1.25 * 120);
  });

  it("deletes whole objects past retention, keeping about retention times the produce rate stored", () => {
    const retentionSeconds = 4;
    const { report, stats, arch, seconds } = runDiskless({
      diskless: { retentionMicros: retentionSeconds * 1e6, retentionCheckMicros: 500_000 },
    });
    const rate = stats.publishedBytes / seconds;
    expect(report.retentionDeletedObjects).toBeGreaterThan(0);
    expect(report.s3DeleteRequests).toBe(report.compactedObjects + report.retentionDeletedObjects);
    // Deletion goes object by object (a compacted object spans 32 files, about 1.3 s here) and runs every 0.5 s.
    expect(report.s3StoredBytes).toBeGreaterThan(0.9 * retentionSeconds * rate);
    expect(report.s3StoredBytes).toBeLessThan((retentionSeconds + 3) * rate);
    for (const g of arch.groups) expect(g.logStart).toBeGreaterThan(0);
    expect(stats.consumedBytes).toBeGreaterThan(0.95 * 2 * stats.publishedBytes);
  });

  it("gives the same figures for the same seed", () => {
    const a = runDiskless({ seconds: 5 });
    const b = runDiskless({ seconds: 5 });
    expect(b.report).toEqual(a.report);
    expect(b.stats.publishLatency.summary()).toEqual(a.stats.publishLatency.summary());
  });

  it("rejects bad settings and calls with errors naming the field", () => {
    const bad = (patch: Partial<DisklessConfig>) => () => checkDisklessConfig({ ...DISKLESS_DEFAULTS, ...patch });
    expect(bad({ batchTimeoutMicros: -1 })).toThrow(/diskless\.batchTimeoutMicros/);
    expect(bad({ batchBytesMax: 0 })).toThrow(/diskless\.batchBytesMax/);
    expect(bad({ ingestStorage: "glacier" as never })).toThrow(/diskless\.ingestStorage/);
    expect(bad({ agentCacheMemoryRatio: 2 })).toThrow(/diskless\.agentCacheMemoryRatio/);
    expect(bad({ compactionFilesMin: 1 })).toThrow(/diskless\.compactionFilesMin/);
    expect(bad({ commitLatencyMicros: { kind: "gaussian" } as never })).toThrow(/diskless\.commitLatencyMicros\.kind/);
    expect(bad({ expressQuorum: 0 })).toThrow(InputError);
    expect(() => runDiskless({ seconds: 1, diskless: { ingestStorage: "express", expressQuorum: 4 } })).toThrow(/diskless\.expressQuorum/);
    const { arch } = runDiskless({ seconds: 1 });
    expect(() => arch.crashBroker(99)).toThrow(/crashBroker\.broker/);
    expect(() => arch.restartBroker(-1)).toThrow(/restartBroker\.broker/);
    expect(() => arch.setControlPlaneLatencyFactor(0)).toThrow(/controlPlaneLatencyFactor/);
    expect(() => arch.setControlPlaneLatencyFactor(Number.NaN)).toThrow(InputError);
  });
});
