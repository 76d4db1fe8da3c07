import { describe, it, expect } from "vitest";
import { InputError } from "../../sim/errors.ts";
import { INSTANCE_TYPES } from "../../sim/model/cluster.ts";
import { createRun, type Run } from "../../sim/model/run.ts";
import type { S3Sink } from "../../sim/model/s3Sink.ts";
import { resolveS3SinkConfig, type S3SinkConfig } from "../../sim/model/s3SinkConfig.ts";
import { DEFAULT_CONSUMER, createWorkload } from "../../sim/model/workload.ts";
import { FlowClass, Locality } from "../../sim/network/index.ts";
import { S3_STANDARD_DEFAULTS } from "../../sim/storage/defaults.ts";
import { MiB } from "../../sim/units.ts";

const SEED = 3;
const SECOND = 1_000_000;

interface Rig {
  sink?: Partial<S3SinkConfig>;
  partitions?: number;
  brokersPerZone?: number;
  recordsPerSecond?: number;
  messageBytes?: number;
  seconds?: number;
  rack?: boolean;
}

/** A small classic-Kafka run (3 zones, RF 3, one subscription of 3 consumers) with or without the sink. */
function build(o: Rig): Run {
  const rack = o.rack ?? false;
  return createRun({
    seed: SEED,
    intervalMicros: SECOND,
    workload: createWorkload({
      producerRate: o.recordsPerSecond ?? 6_000,
      messageBytes: o.messageBytes ?? 1024,
      partitionsPerTopic: o.partitions ?? 12,
      consumerPerSubscription: 3,
      producersPerTopic: 3,
      testDurationMicros: (o.seconds ?? 6) * SECOND,
      consumer: { ...DEFAULT_CONSUMER, clientRack: rack },
    }),
    cluster: { zones: 3, brokersPerZone: o.brokersPerZone ?? 1, instance: INSTANCE_TYPES["r6i.xlarge"] },
    architecture: { kind: "kafka", kafka: { followerFetching: rack } },
    sink: o.sink,
  });
}

function runToEnd(o: Rig): { run: Run; sink: S3Sink } {
  const run = build(o);
  run.advance(run.endMicros);
  if (!run.sink) throw new Error(`seed=${SEED}: the run has no sink`);
  return { run, sink: run.sink };
}

// The preset-like run several tests read (flush.size 1,000, 6 s); built once.
let baseline: { run: Run; sink: S3Sink } | undefined;
function baselineRun(): { run: Run; sink: S3Sink } {
  baseline ??= runToEnd({ sink: { flushSize: 1000 } });
  return baseline;
}

/** Partitions whose task sits outside the zone of the group's leader (the broker it fetches from without KIP-392). */
function crossPartitions(run: Run, sink: S3Sink): number {
  let cross = 0;
  for (const g of run.arch.groups) {
    for (const t of sink.tasks) if (run.world.brokers[g.leader].zone !== t.zone) cross += t.partitionsOf(g.id);
  }
  return cross;
}

/** PUT-class requests of one multipart upload: Create + ceil(bytes / part) UploadPart + Complete (A5). */
function multipartRequests(bytes: number, partBytes: number): number {
  return Math.ceil(bytes / partBytes) + 2;
}

describe("S3 sink settings", () => {
  it.each([
    [{ flushSize: 0 }, "sink.flushSize"],
    [{ flushSize: 2.5 }, "sink.flushSize"],
    [{ tasks: 0 }, "sink.tasks"],
    [{ partBytes: -1 }, "sink.partBytes"],
    [{ rotateIntervalMicros: 0 }, "sink.rotateIntervalMicros"],
    [{ rotateIntervalMicros: 60 * SECOND }, "sink.rotateIntervalMicros"],
    [{ placement: { kind: "pinned", zone: 3 } }, "sink.placement.zone"],
    [{ placement: { kind: "nowhere" } }, "sink.placement"],
  ] as const)("rejects %o naming %s", (overrides, field) => {
    let error: unknown;
    try {
      resolveS3SinkConfig(overrides as Partial<S3SinkConfig>, 3);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
  });

  it("keeps the connector's defaults and the preset's stated flush.size", () => {
    const c = resolveS3SinkConfig({}, 3);
    expect(c.partBytes).toBe(25 * MiB);
    expect(c.rotateIntervalMicros).toBe(-1);
    expect(c.flushSize).toBe(10_000);
    expect(c.offsetFlushIntervalMicros).toBe(60 * SECOND);
    expect(resolveS3SinkConfig({ rotateIntervalMicros: 60 * SECOND, partitionDurationMicros: 3600 * SECOND }, 3).rotateIntervalMicros).toBe(60 * SECOND);
  });
});

describe("S3 sink", () => {
  it("commits every file at exactly flush.size records, one per partition per round", () => {
    // 12 partitions at 500 records/s each: a 1,000-record file fills every 2 s, so 6 s allow 3 rounds per partition.
    const { run, sink } = baselineRun();
    const partitions = 12;
    const rounds = Math.floor((6 * 500) / 1000);
    expect(sink.fileRecords.min, `seed=${SEED}`).toBe(1000);
    expect(sink.fileRecords.max).toBe(1000);
    // The last round may still be committing when the run ends.
    expect(sink.files).toBeGreaterThanOrEqual(partitions * (rounds - 1));
    expect(sink.files).toBeLessThanOrEqual(partitions * rounds);
    expect(sink.exportedRecords).toBe(sink.files * 1000);
    expect(run.sink?.report().sinkFiles).toBe(sink.files);
  });

  it("puts exactly the exported bytes to S3, with ceil(bytes / part) + 2 requests per file", () => {
    const { sink } = baselineRun();
    const fileBytes = 1000 * 1024;
    const s = sink.store.stats();
    expect(sink.files).toBeGreaterThan(0);
    expect(sink.exportedBytes).toBe(sink.files * fileBytes);
    // Conservation: the parts of visible files sum to their bytes; every other PUT byte belongs to a file not yet
    // visible; every delivered byte is in exactly one place (a visible file, an open file, a commit, or waiting).
    expect(sink.putBytesVisible).toBe(sink.exportedBytes);
    expect(s.bytesPut).toBe(sink.putBytesVisible + sink.uploadingBytes());
    expect(Math.abs(sink.deliveredBytes - sink.exportedBytes - sink.pendingBytes())).toBeLessThan(1e-6 * sink.deliveredBytes);
    expect(sink.putRequestsVisible).toBe(sink.files * multipartRequests(fileBytes, 25 * MiB));
    expect(s.putRequests).toBe(sink.putRequestsIssued);
    expect(s.storedBytes).toBe(s.bytesPut);
  });

  it("streams full parts while a file fills, so a commit uploads only the last part", () => {
    // 3 partitions at 10 MiB/s each; 60,000-record files (58.6 MiB) are 3 parts of 25 MiB, full after 5.9 s.
    const perConnection = S3_STANDARD_DEFAULTS.perConnectionBytesPerSecond;
    const run = build({ sink: { flushSize: 60_000, tasks: 1 }, partitions: 3, recordsPerSecond: 30_720, seconds: 8 });
    run.advance(5.5 * SECOND);
    const sink = run.sink!;
    expect(sink.files, `seed=${SEED}`).toBe(0);
    expect(sink.store.stats().bytesPut).toBe(3 * 2 * 25 * MiB);
    run.advance(run.endMicros);
    const fileBytes = 60_000 * 1024;
    expect(sink.files).toBe(3);
    expect(sink.putRequestsVisible).toBe(3 * multipartRequests(fileBytes, 25 * MiB));
    expect(sink.putBytesVisible).toBe(3 * fileBytes);
    // Uploading a whole file body at commit would take fileBytes / perConnection per file; streaming leaves the last
    // 8.6 MiB part and two short requests. (Each partition is its own group here: one file per commit.)
    const commitPerFile = sink.commitMicros.mean() / (sink.files / sink.commitMicros.count);
    expect(commitPerFile).toBeLessThan((fileBytes / perConnection) * SECOND);
    expect(commitPerFile).toBeGreaterThan(((fileBytes - 2 * 25 * MiB) / perConnection) * SECOND);
  });

  it("rotates at rotate.interval.ms of record time, and at the time-based partitioner's boundaries", () => {
    const { sink } = runToEnd({ sink: { flushSize: 1_000_000, rotateIntervalMicros: 2 * SECOND, partitionDurationMicros: 3600 * SECOND } });
    // Files span 2 s of record time, so 500 records/s/partition gives 1,000 records; the boundary record starts the
    // next file, so a span can fall short by the gap between two records' intended times (a producer batch at most).
    expect(sink.files, `seed=${SEED}`).toBeGreaterThanOrEqual(12 * 2);
    // The boundary is found to within a byte of group offset: well under a µs of record time.
    expect(sink.fileSpanMicros.max).toBeLessThan(2 * SECOND + 10);
    expect(sink.fileSpanMicros.min).toBeGreaterThan(1.99 * SECOND);
    expect(Math.abs(sink.fileRecords.mean() - 1000)).toBeLessThan(10);

    const hourly = runToEnd({ sink: { flushSize: 1_000_000, rotateIntervalMicros: 3 * SECOND, partitionDurationMicros: 4 * SECOND } }).sink;
    // Record times [0, 3), [3, 4), [4, 7): the 4 s boundary cuts the second file short.
    expect(hourly.fileSpanMicros.max).toBeLessThan(3 * SECOND + 10);
    expect(hourly.fileSpanMicros.min).toBeLessThan(1.01 * SECOND);
    expect(hourly.fileSpanMicros.min).toBeGreaterThan(0.99 * SECOND);
  });

  it("keeps export lag within the rotation span plus fetch wait and upload time", () => {
    const { sink } = runToEnd({ sink: { flushSize: 1000 }, seconds: 8 });
    const span = (1000 / 500) * SECOND;
    const fetchWait = DEFAULT_CONSUMER.fetchMaxWaitMicros;
    const commitMax = sink.commitMicros.max;
    const lag = sink.exportLagMicros;
    expect(lag.count, `seed=${SEED}`).toBeGreaterThan(0);
    // Records are spread evenly over a file's span, so the mean waits half of it before the commit even starts.
    expect(lag.mean()).toBeGreaterThan(span / 2);
    expect(lag.mean()).toBeLessThan(span / 2 + fetchWait + commitMax);
    // The oldest record waits the span, its delivery, another group's commit on the same thread, then its own.
    expect(lag.max).toBeLessThan(span + fetchWait + 2 * commitMax);
    expect(lag.max).toBeGreaterThan(span);
  });

  it("adds one consumer group's fetch bytes as flow class export, leaving OMB's consume bytes and stats alone", () => {
    const without = build({ seconds: 4 });
    without.advance(without.endMicros);
    const { run } = runToEnd({ sink: { flushSize: 1000 }, seconds: 4 });
    const net = (r: Run, f: number) => r.world.network.bytesMoved(f, Locality.sameZone) + r.world.network.bytesMoved(f, Locality.crossZone);
    const published = run.world.stats.publishedBytes;
    expect(Math.abs(net(run, FlowClass.consume) / net(without, FlowClass.consume) - 1), `seed=${SEED}`).toBeLessThan(0.01);
    expect(Math.abs(run.world.stats.consumedBytes / without.world.stats.consumedBytes - 1)).toBeLessThan(0.01);
    expect(Math.abs(run.world.stats.consumedBytes / published - 1)).toBeLessThan(0.02);
    expect(net(without, FlowClass.export)).toBe(0);
    // The sink's group reads what the workload's group reads: every published byte, less the tail still in flight.
    expect(Math.abs(net(run, FlowClass.export) / net(run, FlowClass.consume) - 1)).toBeLessThan(0.02);
    expect(run.sink!.deliveredBytes / published).toBeGreaterThan(0.98);
  });

  it("crosses zones only where a task's groups lead in another zone, and never with client.rack and follower fetching", () => {
    // Workers pinned to zone 0 read leaders spread evenly over 3 zones: 2/3 of the fetch bytes cross (section 0).
    const { run, sink } = runToEnd({ sink: { flushSize: 1000, placement: { kind: "pinned", zone: 0 } }, brokersPerZone: 2, seconds: 4 });
    const total = run.arch.groups.reduce((sum, g) => sum + g.partitions, 0);
    const cross = crossPartitions(run, sink);
    const net = run.world.network;
    const measured = net.bytesMoved(FlowClass.export, Locality.crossZone);
    const fraction = measured / (measured + net.bytesMoved(FlowClass.export, Locality.sameZone));
    expect(cross / total, `seed=${SEED}`).toBeCloseTo(2 / 3, 10);
    expect(Math.abs(fraction - cross / total)).toBeLessThan(0.02);

    // Spread workers: each task's partitions of a group cross unless the group's leader is in the task's zone.
    const spread = runToEnd({ sink: { flushSize: 1000 }, brokersPerZone: 2, seconds: 4 });
    const spreadCross = crossPartitions(spread.run, spread.sink);
    expect(spreadCross).toBeGreaterThan(0);
    const n = spread.run.world.network;
    const x = n.bytesMoved(FlowClass.export, Locality.crossZone);
    expect(Math.abs(x / (x + n.bytesMoved(FlowClass.export, Locality.sameZone)) - spreadCross / total)).toBeLessThan(0.02);

    const rackAware = runToEnd({ sink: { flushSize: 1000 }, brokersPerZone: 2, seconds: 4, rack: true }).run;
    expect(rackAware.world.network.bytesMoved(FlowClass.export, Locality.crossZone)).toBe(0);
    expect(rackAware.world.network.bytesMoved(FlowClass.export, Locality.sameZone)).toBeGreaterThan(0);
  });

  it("retries requests through an S3 outage and still exports every byte once", () => {
    // 8 s without answers outlasts the SDK's three attempts of 2 s each, so requests fail and are issued again.
    const run = build({ sink: { flushSize: 1000 }, seconds: 14 });
    run.sink!.store.addImpairment({ startMicros: 1.5 * SECOND, endMicros: 9.5 * SECOND, unavailable: true });
    run.advance(run.endMicros);
    const sink = run.sink!;
    expect(sink.requestFailures, `seed=${SEED}`).toBeGreaterThan(0);
    expect(sink.files).toBeGreaterThanOrEqual(12 * 3);
    expect(sink.putBytesVisible).toBe(sink.exportedBytes);
    expect(sink.store.stats().bytesPut).toBe(sink.putBytesVisible + sink.uploadingBytes());
    expect(Math.abs(sink.deliveredBytes - sink.exportedBytes - sink.pendingBytes())).toBeLessThan(1e-6 * sink.deliveredBytes);
    // Files due during the outage wait for it to end.
    expect(sink.exportLagMicros.max).toBeGreaterThan(8 * SECOND);
  });
});
