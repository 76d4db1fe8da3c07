import { describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import type { AutomqArchitecture } from "../../sim/model/automq.ts";
import {
  blockCacheAutoBytes,
  resolveAutomqConfig,
  uploadThresholdAutoBytes,
  walCacheAutoBytes,
  type AutomqConfig,
} from "../../sim/model/automqConfig.ts";
import { LINK_RECORD_BYTES } from "../../sim/model/automqRouter.ts";
import { producerBatchBytes } from "../../sim/model/automqSnapshotPolls.ts";
import type { Run } from "../../sim/model/run.ts";
import { FLOW_CLASS_NAMES, FlowClass, Locality } from "../../sim/network/index.ts";
import { GiB, MiB, runToEnd, smallRun, type SmallRunOptions } from "../support/runs.ts";

const KiB = 1024;

function automq(config: Partial<AutomqConfig> = {}, options: Omit<SmallRunOptions, "architecture"> = {}): SmallRunOptions {
  return { ...options, architecture: { kind: "automq", automq: config } };
}

function archOf(run: Run): AutomqArchitecture {
  return run.arch as AutomqArchitecture;
}

describe("AutoMQ settings", () => {
  it("sizes the log cache, block cache and upload threshold with AutoMQ's auto formulas", () => {
    // The reference's worked examples: M = 6 G gives a 2 G log cache, M = 12 G gives 6 G.
    expect(walCacheAutoBytes(6 * GiB)).toBe(2 * GiB);
    expect(walCacheAutoBytes(12 * GiB)).toBe(6 * GiB);
    expect(blockCacheAutoBytes(6 * GiB)).toBe(1 * GiB);
    expect(blockCacheAutoBytes(12 * GiB)).toBe(3 * GiB);
    expect(uploadThresholdAutoBytes(2 * GiB)).toBe(500 * MiB);
    expect(uploadThresholdAutoBytes(600 * MiB)).toBe(200 * MiB);
    const c = resolveAutomqConfig({});
    expect([c.walCacheBytes, c.blockCacheBytes, c.uploadThresholdBytes]).toEqual([2 * GiB, 1 * GiB, 500 * MiB]);
  });

  it("rejects bad settings with an InputError naming the field", () => {
    expect(() => resolveAutomqConfig({ walKind: "nfs" as never })).toThrow(/automq\.walKind/);
    expect(() => resolveAutomqConfig({ s3WalBatchIntervalMicros: 0 })).toThrow(/automq\.s3WalBatchIntervalMicros/);
    expect(() => resolveAutomqConfig({ uploadIntervalMicros: 2.5 })).toThrow(InputError);
    expect(() => resolveAutomqConfig({ walCacheBytes: 64 * MiB, uploadThresholdBytes: 128 * MiB })).toThrow(/uploadThresholdBytes/);
    const arch = archOf(smallRun(automq()));
    expect(() => arch.crashBroker(7, false)).toThrow(/crashBroker\.broker/);
    expect(() => arch.reassign(0, arch.groups[0].leader)).toThrow(/reassign\.to/);
    expect(() => arch.reassign(99, 1)).toThrow(/reassign\.group/);
  });
});

describe("AutoMQ", () => {
  it("keeps every partition on a single replica: one partition group per broker", () => {
    const arch = archOf(smallRun(automq({}, { cluster: { brokersPerZone: 2 } })));
    expect(arch.groups.length).toBe(6);
    for (const g of arch.groups) expect(g.replicas.length).toBe(1);
    expect(new Set(arch.groups.map((g) => g.leader)).size).toBe(6);
  });

  it("moves 2/3 + F·2/3 cross-zone bytes per produced byte without the zone router (no replication traffic)", () => {
    const result = runToEnd(automq({ walKind: "s3" }, { workload: { subscriptionsPerTopic: 2 } })).result();
    expect(result.invariants.violations).toEqual([]);
    const expected = 2 / 3 + 2 * (2 / 3);
    expect(result.crossZoneBytesPerProducedByte / expected).toBeGreaterThan(0.97);
    expect(result.crossZoneBytesPerProducedByte / expected).toBeLessThan(1.03);
  });

  it("moves no data across zones with the zone router and rack-aware consumers: only RPCs and snapshot polls", () => {
    for (const walKind of ["s3", "ebs"] as const) {
      const run = runToEnd(automq({ walKind, zoneRouter: true }, { workload: { subscriptionsPerTopic: 2, testDurationMicros: 10_000_000, consumer: { clientRack: true } } }));
      const result = run.result();
      expect(result.invariants.violations).toEqual([]);
      const net = run.world.network;
      for (let flow = 0; flow < FLOW_CLASS_NAMES.length; flow++) {
        if (flow === FlowClass.control || flow === FlowClass.proxy) continue;
        expect(net.bytesMoved(flow, Locality.crossZone), FLOW_CLASS_NAMES[flow]).toBe(0);
      }
      // The control bytes are the polls' and their patches', message for message (each exchange rounds up one byte).
      const c = archOf(run).config;
      const f = result.architectureFigures;
      const polls = f.snapshotPolls * (c.snapshotPollRequestBytes + c.snapshotPollAnswerBytes + 2 * c.packetHeaderBytes) + f.snapshotPatches * c.snapshotPatchBytes;
      expect(net.bytesMoved(FlowClass.control, Locality.crossZone) / polls).toBeCloseTo(1, 2);
      // The data still reached every consumer: through S3 (router channel GETs and snapshot-read loads).
      expect(result.consumeBytesRate / result.publishBytesRate).toBeGreaterThan(1.8);
      expect(result.architectureFigures.routerChannelBytes).toBeGreaterThan(0);
      expect(result.architectureFigures.snapshotReplayedBytes).toBeGreaterThan(0);
    }
  });

  it("PUTs each byte twice with the S3 WAL (WAL object, then stream set object) and once with the EBS WAL", () => {
    const ratios: number[] = [];
    for (const walKind of ["s3", "ebs"] as const) {
      const run = runToEnd(automq({ walKind, uploadIntervalMicros: 500_000 }, { workload: { produceBytesPerSecond: 10 * MiB, producersPerTopic: 1, testDurationMicros: 20_000_000 } }));
      const result = run.result();
      const figures = result.architectureFigures;
      const produced = result.publishBytesRate * result.measuredSeconds;
      ratios.push(figures.s3BytesPut / produced);
      // Conservation: every PUT byte is a stored WAL object, an uploaded byte or a fast retry's second copy; objects
      // of an upload whose commit is still in flight at the end are the only difference.
      const walPut = walKind === "s3" ? figures.walBytesWritten + figures.fastRetryExtraBytes : 0;
      expect(figures.s3BytesPut).toBeGreaterThanOrEqual(walPut + figures.uploadedBytes - 1);
      expect(figures.s3BytesPut / (walPut + figures.uploadedBytes)).toBeLessThan(1.01);
      expect(figures.unuploadedBytes / produced).toBeLessThan(0.05);
    }
    expect(Math.abs(ratios[0] - 2) / 2).toBeLessThan(0.05);
    expect(Math.abs(ratios[1] - 1)).toBeLessThan(0.05);
  });

  it("paces a threshold upload at the rate its data came in, and sends a forced upload at once", () => {
    // 6 MiB/s over 3 brokers leading 4 partitions each: 2 MiB/s per broker, 8 MiB uploads of four 2 MiB stream objects.
    const writeRate = 2 * MiB;
    const uploads = (config: Partial<AutomqConfig>) => {
      const run = smallRun(automq({ walKind: "s3", uploadThresholdBytes: 8 * MiB, streamObjectSplitBytes: 1 * MiB, ...config }, {
        workload: { produceBytesPerSecond: 3 * writeRate, producersPerTopic: 1, testDurationMicros: 24_000_000 },
      }));
      const arch = archOf(run);
      const host = arch.brokers[0].host;
      // Start times of each upload's object PUTs from broker 0, and its bytes.
      const seen: { bytes: number; starts: number[] }[] = [];
      const upload = arch.uploader.upload.bind(arch.uploader);
      arch.uploader.upload = (...args: Parameters<typeof upload>) => {
        // The first objects start inside upload(): record into the entry before it returns.
        const entry = { bytes: 0, starts: [] as number[] };
        if (args[2] === host) seen.push(entry);
        const u = upload(...args);
        entry.bytes = u ? u.bytes : 0;
        return u;
      };
      const put = arch.store.put.bind(arch.store);
      arch.store.put = (...args: Parameters<typeof put>) => {
        if (args[0] === host && args[3] === FlowClass.s3Put) seen[seen.length - 1].starts.push(run.world.engine.nowMicros);
        put(...args);
      };
      run.advance(run.endMicros);
      expect(run.result().invariants.violations).toEqual([]);
      return { seen: seen.filter((u) => u.starts.length === 4), paced: run.result().architectureFigures.pacedUploads };
    };
    const threshold = uploads({ uploadIntervalMicros: -1 });
    expect(threshold.seen.length).toBeGreaterThanOrEqual(3);
    expect(threshold.paced).toBeGreaterThanOrEqual(threshold.seen.length);
    // The first block's age includes the start of the run, before data flowed; later ones measure the write rate.
    for (const u of threshold.seen.slice(1)) {
      // Each object's bytes delay the next at the upload's rate, at least the rate the data came in
      // (S3Storage.uploadDeltaWAL0): three of four objects' worth of bytes at 2 MiB/s, or a little faster.
      const span = (u.starts[3] - u.starts[0]) / 1e6;
      const atWriteRate = (u.bytes * 3) / 4 / writeRate;
      expect(span).toBeLessThanOrEqual(atWriteRate * 1.01);
      expect(span).toBeGreaterThan(atWriteRate * 0.8);
    }
    // The interval upload is forced: no rate limit, every object leaves at once.
    const forced = uploads({ uploadThresholdBytes: 1 * GiB, uploadIntervalMicros: 4_000_000 });
    expect(forced.seen.length).toBeGreaterThanOrEqual(3);
    expect(forced.paced).toBe(0);
    for (const u of forced.seen) expect(u.starts[3]).toBe(u.starts[0]);
  });

  it("writes routed records to the leader's WAL as link records, one per producer batch, keeping the channel objects", () => {
    const workload = { testDurationMicros: 10_000_000, consumer: { clientRack: true } };
    // No upload during the run (threshold 1 GiB, no interval): no channel object may be deleted.
    const run = runToEnd(automq({ walKind: "s3", zoneRouter: true, uploadThresholdBytes: 1 * GiB, uploadIntervalMicros: -1 }, { workload }));
    const f = run.result().architectureFigures;
    // Every routed byte is in a channel object; the leader's WAL holds LINK_RECORD_BYTES per producer batch of it.
    const perByte = LINK_RECORD_BYTES / producerBatchBytes(run.world.workload);
    expect(f.walBytesWritten / f.routerChannelBytes / perByte).toBeGreaterThan(0.95);
    expect(f.walBytesWritten / f.routerChannelBytes / perByte).toBeLessThan(1.05);
    // Stored: every channel object and WAL object but those whose PUT was still in flight at the end.
    expect(f.s3StoredBytes).toBeGreaterThan(0.95 * (f.routerChannelBytes + f.walBytesWritten));
    expect(run.result().invariants.violations).toEqual([]);
  });

  it("deletes a router channel object once every leader has uploaded the data its link records point to", () => {
    const workload = { testDurationMicros: 10_000_000, consumer: { clientRack: true } };
    // Uploads every second: what is still stored beyond the uploaded data is about a second's worth of channel objects.
    const run = runToEnd(automq({ walKind: "s3", zoneRouter: true, uploadThresholdBytes: 1 * GiB, uploadIntervalMicros: 1_000_000 }, { workload }));
    const result = run.result();
    const f = result.architectureFigures;
    expect(f.s3DeleteRequests).toBeGreaterThan(0);
    expect(f.s3StoredBytes - f.uploadedBytes).toBeLessThan(2 * result.publishBytesRate);
    expect(f.s3StoredBytes - f.uploadedBytes).toBeGreaterThan(0);
    expect(result.invariants.violations).toEqual([]);
  });

  it("acknowledges in single-digit milliseconds with the EBS WAL and in hundreds with the S3 WAL", () => {
    // One producer with linger.ms = 1, as latency benchmarks run it: Kafka 4.0's default linger adds up to 5 ms of
    // client batching, and three producers ticking every millisecond would keep the 3,000-IOPS WAL 75% busy.
    const workload = { testDurationMicros: 10_000_000, producersPerTopic: 1, producer: { lingerMicros: 1000 } };
    const ebs = runToEnd(automq({ walKind: "ebs" }, { workload })).result();
    const s3 = runToEnd(automq({ walKind: "s3" }, { workload })).result();
    expect(ebs.publishLatency50pct).toBeLessThan(10);
    expect(ebs.publishLatency99pct).toBeLessThan(10);
    // The S3 WAL waits for its 250 ms batch and a PUT: hundreds of milliseconds (A3, OSS README).
    expect(s3.publishLatency50pct).toBeGreaterThan(100);
    expect(s3.publishLatency50pct).toBeLessThan(1000);
    expect(s3.publishLatency50pct).toBeGreaterThan(20 * ebs.publishLatency50pct);
    expect(s3.endToEndLatency50pct).toBeGreaterThanOrEqual(s3.publishLatency50pct);
  });

  it("loses no acknowledged record when a broker crashes: another broker recovers its WAL and reopens its partitions", () => {
    for (const walKind of ["ebs", "s3", "regional-ebs"] as const) {
      const run = smallRun(automq({ walKind }, { cluster: { brokersPerZone: 2 }, workload: { producersPerTopic: 1, consumerPerSubscription: 1, testDurationMicros: 32_000_000 } }));
      const arch = archOf(run);
      run.advance(5_000_000);
      const victim = arch.brokers[0];
      const orphaned = victim.led.slice();
      expect(arch.unuploadedBytes()).toBeGreaterThan(0);
      arch.crashBroker(0, false);
      run.advance(run.endMicros);
      run.sampler.sample();
      const result = run.result();
      expect(result.invariants.ackedBytesLost).toBe(0);
      expect(result.invariants.violations).toEqual([]);
      expect(result.timeline.map((t) => t.what)).toContain("failover done; partitions reopened");
      for (const gi of orphaned) {
        const g = arch.groups[gi];
        expect(g.leader).not.toBe(0);
        expect(g.leader).toBeGreaterThanOrEqual(0);
        expect(g.hw).toBeGreaterThanOrEqual(g.ackedEnd);
        // The EBS volume can only be attached in its own zone (broker 3 is broker 0's zone peer).
        if (walKind === "ebs") expect(result.timeline.find((t) => t.what.startsWith("failover: WAL"))?.broker).toBe(3);
      }
      const published = result.intervals.series.publishedBytes;
      expect(published[published.length - 2]).toBeGreaterThan(0.95 * 20 * MiB);
    }
  });

  it("lets a broker restarted before it is fenced recover its own WAL and keep its partitions", () => {
    const run = smallRun(automq({ walKind: "ebs" }, { workload: { testDurationMicros: 12_000_000 } }));
    const arch = archOf(run);
    run.advance(4_000_000);
    const led = arch.brokers[0].led.slice();
    arch.crashBroker(0, false);
    run.advance(6_000_000);
    arch.restartBroker(0);
    run.advance(run.endMicros);
    const result = run.result();
    expect(result.timeline.map((t) => t.what)).toEqual(["broker crashed", "broker restarted", "broker recovers its own WAL", "partitions reopened on the restarted broker"]);
    for (const gi of led) expect(arch.groups[gi].leader).toBe(0);
    expect(result.invariants.ackedBytesLost).toBe(0);
    expect(result.invariants.violations).toEqual([]);
  });

  it("loses the un-uploaded acknowledged data of a zonal EBS WAL that dies with its broker, but not of an S3 WAL", () => {
    const lost: number[] = [];
    for (const walKind of ["ebs", "s3"] as const) {
      const run = smallRun(automq({ walKind }, { workload: { testDurationMicros: 20_000_000 } }));
      run.advance(5_000_000);
      archOf(run).crashBroker(0, true);
      run.advance(run.endMicros);
      lost.push(run.result().invariants.ackedBytesLost);
    }
    expect(lost[0]).toBeGreaterThan(0);
    expect(lost[1]).toBe(0);
  });

  it("reassigns a partition group in seconds by force-uploading only its un-uploaded WAL data", () => {
    const run = smallRun(automq({ walKind: "ebs" }, { workload: { testDurationMicros: 20_000_000 } }));
    const arch = archOf(run);
    run.advance(10_000_000);
    const group = arch.groups[0];
    const pending = group.hw - arch.uploadedEnd[group.id];
    expect(pending).toBeGreaterThan(10 * MiB);
    const to = (group.leader + 1) % arch.brokers.length;
    arch.reassign(group.id, to);
    run.advance(run.endMicros);
    const result = run.result();
    const done = run.world.timeline.find((t) => t.what.startsWith("reassignment completed"));
    expect(done).toBeDefined();
    const seconds = (done!.atMicros - 10_000_000) / 1e6;
    expect(seconds).toBeLessThan(5);
    // What moved is the un-uploaded tail (plus what arrived while the partition closed), not the log.
    expect(done!.bytes!).toBeGreaterThanOrEqual(pending * 0.99);
    expect(done!.bytes!).toBeLessThan(pending * 1.1);
    expect(group.leader).toBe(to);
    expect(result.invariants.ackedBytesLost).toBe(0);
    expect(result.invariants.violations).toEqual([]);
  });

  it("never holds more un-uploaded data than its log cache: producers wait instead (back-pressure)", () => {
    const cache = 16 * MiB;
    const run = smallRun(automq({ walKind: "ebs", walCacheBytes: cache, uploadThresholdBytes: 8 * MiB }, { workload: { testDurationMicros: 5_000_000 } }));
    const arch = archOf(run);
    let most = 0;
    for (let t = 100_000; t <= run.endMicros; t += 100_000) {
      run.advance(t);
      for (const b of arch.brokers) most = Math.max(most, b.walAppended - b.walUploaded);
    }
    expect(most).toBeLessThanOrEqual(cache);
    expect(most).toBeGreaterThan(cache / 4);
    expect(run.result().publishBytesRate / (20 * MiB)).toBeGreaterThan(0.9);
  });

  it("serves data that left the log cache from S3 in 512 KiB ranged GETs through the block cache", () => {
    const run = runToEnd(automq({ walKind: "ebs", walCacheBytes: 8 * MiB, uploadThresholdBytes: 4 * MiB }, {
      workload: { produceBytesPerSecond: 10 * MiB, consumerBacklogBytes: 30 * MiB, testDurationMicros: 10_000_000 },
    }));
    const result = run.result();
    const f = result.architectureFigures;
    expect(f.s3GetRequests).toBeGreaterThan(0);
    expect(f.s3BytesGot / f.s3GetRequests).toBe(512 * KiB);
    expect(f.logCacheHitRatio).toBeLessThan(1);
    expect(result.consumeBytesRate / result.publishBytesRate).toBeGreaterThan(0.95);
    expect(result.invariants.violations).toEqual([]);
  });

  it("gives the same figures for the same seed", () => {
    const a = runToEnd(automq({ zoneRouter: true }, { seed: 7 })).result();
    const b = runToEnd(automq({ zoneRouter: true }, { seed: 7 })).result();
    expect(a.architectureFigures).toEqual(b.architectureFigures);
    expect(a.publishLatency99pct).toBe(b.publishLatency99pct);
  });
});
