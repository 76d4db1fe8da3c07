import { describe, expect, it } from "vitest";
import { applyFaults, recoveryMetrics } from "../../sim/faults/index.ts";
import type { ArchitectureSpec } from "../../sim/model/architectures.ts";
import type { KafkaArchitecture } from "../../sim/model/kafka.ts";
import { TIERED_DEFAULTS } from "../../sim/model/kafkaConfig.ts";
import { FlowClass, Locality } from "../../sim/network/index.ts";
import { MiB, smallRun } from "../support/runs.ts";
import { publishedPerInterval } from "./support.ts";

const S = 1_000_000;

describe("traffic faults", () => {
  it("offers factor × the rate during a spike and follows a ramp's line, then holds its end", () => {
    const rate = 20 * MiB;
    const run = smallRun({ workload: { produceBytesPerSecond: rate, testDurationMicros: 20 * S } });
    applyFaults(run, [
      { kind: "trafficSpike", at: 4 * S, duration: 4 * S, factor: 2 },
      { kind: "trafficRamp", at: 10 * S, duration: 5 * S, toFactor: 3 },
    ]);
    run.advance(run.endMicros);
    const close = (got: number, want: number): void => expect(Math.abs(got / want - 1)).toBeLessThan(0.02);
    for (const bytes of publishedPerInterval(run, 5 * S, 8 * S)) close(bytes, 2 * rate);
    for (const bytes of publishedPerInterval(run, 8 * S + S, 10 * S)) close(bytes, rate);
    // One step per second at the factor of its midpoint: 1.2, 1.6, 2.0, 2.4, 2.8 × the rate.
    publishedPerInterval(run, 11 * S, 15 * S).forEach((bytes, k) => close(bytes, (1.6 + 0.4 * k) * rate));
    for (const bytes of publishedPerInterval(run, 16 * S, 20 * S)) close(bytes, 3 * rate);
    expect(run.result().invariants.violations).toEqual([]);
  });
});

// History of 20 MiB per partition retained over an hour, consumers at the end; at 5 s the subscription replays it.
function replay(architecture: ArchitectureSpec) {
  const run = smallRun({ architecture, workload: { produceBytesPerSecond: 2 * MiB, testDurationMicros: 15 * S } });
  const arch = run.arch as KafkaArchitecture;
  arch.preload(20 * MiB, 3_600 * S);
  for (const c of run.consumers.consumers) for (const g of arch.groups) run.consumers.seek(c.index, g.id, g.leo);
  const faults = applyFaults(run, [{ kind: "replay", at: 5 * S, subscription: 0, to: "earliest" }]);
  const reads = () => ({ disk: arch.report().diskReadBytes, s3: run.world.network.bytesMoved(FlowClass.s3Get, Locality.objectStore) });
  run.advance(5 * S - 1);
  const before = reads();
  run.advance(5 * S);
  // What the rewind put back in front of the subscription: every group from its log start to its high watermark.
  const replayed = arch.groups.reduce((n, g) => n + g.hw - g.logStart, 0);
  run.advance(run.endMicros);
  const after = reads();
  const [m] = recoveryMetrics(faults, { produceP99SloMicros: 50_000 });
  return { run, m, replayed, diskRead: after.disk - before.disk, s3Read: after.s3 - before.s3 };
}

describe("replay", () => {
  it("reads a classic Kafka replay from disk: every replayed byte misses the page cache once", () => {
    const { run, m, replayed, diskRead, s3Read } = replay({ kind: "kafka" });
    expect(run.consumers.rewoundBytes).toBeCloseTo(replayed, -3);
    // A fetch starting in cold history counts whole as a miss, so the seconds of fresh data behind it do too.
    expect(diskRead / replayed).toBeGreaterThan(0.99);
    expect(diskRead / replayed).toBeLessThan(1.01);
    expect(s3Read).toBe(0);
    expect(m.lagMaxBytes).toBeCloseTo(replayed, -4);
    expect(m.lagBackToBaselineMicros).not.toBeNull();
    expect(m.lagBackToBaselineMicros!).toBeGreaterThan(0);
  });

  it("reads a tiered replay below the local window from S3 and the rest from disk", () => {
    const { m, replayed, diskRead, s3Read } = replay({
      kind: "kafka-tiered",
      kafka: { segmentBytes: 8 * MiB, tiered: { ...TIERED_DEFAULTS, localRetentionMicros: 600 * S } },
    });
    // Below the last 10 minutes, rounded down to whole 8 MiB segments: 16 of each partition's 20 MiB are remote.
    expect(s3Read).toBeCloseTo(12 * 16 * MiB, -4);
    expect((diskRead + s3Read) / replayed).toBeGreaterThan(0.99);
    expect((diskRead + s3Read) / replayed).toBeLessThan(1.01);
    expect(m.lagBackToBaselineMicros).not.toBeNull();
  });
});
