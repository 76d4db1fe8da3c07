import { describe, expect, it } from "vitest";
import type { KafkaArchitecture } from "../../sim/model/kafka.ts";
import type { TieredKafkaArchitecture } from "../../sim/model/tieredKafka.ts";
import { FlowClass, Locality } from "../../sim/network/index.ts";
import type { ArchitectureSpec } from "../../sim/model/architectures.ts";
import { TIERED_DEFAULTS } from "../../sim/model/kafkaConfig.ts";
import { MiB, runToEnd, smallRun } from "../support/runs.ts";

const recoveryBytes = (run: ReturnType<typeof smallRun>): number =>
  run.world.network.bytesMoved(FlowClass.recovery, Locality.sameZone) + run.world.network.bytesMoved(FlowClass.recovery, Locality.crossZone);

// Replaces broker 2 with an empty one after an hour of history has been retained (12 partitions × 120 MiB).
function replaceAfterHistory(architecture: ArchitectureSpec) {
  const run = smallRun({ architecture, workload: { produceBytesPerSecond: 2 * MiB, testDurationMicros: 60_000_000 } });
  const arch = run.arch as KafkaArchitecture;
  arch.preload(120 * MiB, 3_600e6);
  for (const c of run.consumers.consumers) for (const g of arch.groups) run.consumers.seek(c.index, g.id, g.leo);
  run.advance(1_000_000);
  arch.crashBroker(2, true);
  run.advance(12_000_000);
  arch.restartBroker(2);
  run.advance(run.endMicros);
  return { run, arch };
}

const tiered = (localMinutes: number): ArchitectureSpec => ({
  kind: "kafka-tiered",
  kafka: { segmentBytes: 8 * MiB, tiered: { ...TIERED_DEFAULTS, localRetentionMicros: localMinutes * 60e6 } },
});

describe("Kafka with tiered storage", () => {
  it("uploads each rolled segment once from the leader: S3 PUT bytes approach the produced bytes", () => {
    const run = runToEnd({ architecture: tiered(60), workload: { produceBytesPerSecond: 20 * MiB, testDurationMicros: 120_000_000 } });
    const result = run.result();
    const arch = run.arch as TieredKafkaArchitecture;
    const put = arch.store.stats().bytesPut;
    // Segments still active, or rolled in the last task interval, are not uploaded yet: at most a segment per
    // partition plus 30 s of data.
    const pending = 12 * 8 * MiB + 30 * 20 * MiB;
    expect(put).toBeLessThanOrEqual(result.publishBytesRate * result.measuredSeconds);
    expect(put).toBeGreaterThan(result.publishBytesRate * result.measuredSeconds - pending);
    expect(result.invariants.violations).toEqual([]);
  });

  it("makes a replacement broker copy only the local window, where classic Kafka copies every retained byte", () => {
    const classic = replaceAfterHistory({ kind: "kafka" });
    const tieredRun = replaceAfterHistory(tiered(10));
    const retained = 12 * 120 * MiB;
    expect(recoveryBytes(classic.run)).toBeGreaterThan(0.99 * retained);
    // Ten minutes of an hour, rounded to whole 8 MiB segments per partition, plus what arrived during the run.
    expect(recoveryBytes(tieredRun.run)).toBeLessThan(0.25 * retained);
    expect(recoveryBytes(tieredRun.run)).toBeGreaterThan(0.15 * retained);
    for (const { run } of [classic, tieredRun]) {
      expect(run.world.timeline.map((t) => t.what)).toContain("follower back in ISR");
      expect(run.result().invariants.ackedBytesLost).toBe(0);
    }
  });

  it("serves a replay below the local log start from S3, one remote partition per fetch", () => {
    const run = smallRun({ architecture: tiered(10), workload: { produceBytesPerSecond: 2 * MiB, testDurationMicros: 20_000_000 } });
    const arch = run.arch as TieredKafkaArchitecture;
    arch.preload(120 * MiB, 3_600e6);
    run.advance(run.endMicros);
    const figures = arch.report();
    expect(figures.remoteReads).toBeGreaterThan(0);
    // Each remote read carries at most max.partition.fetch.bytes (1 MiB) for one partition.
    expect(figures.remoteReadBytes / figures.remoteReads).toBeLessThanOrEqual(MiB);
    expect(run.world.network.bytesMoved(FlowClass.s3Get, Locality.objectStore)).toBeCloseTo(figures.remoteReadBytes, -3);
  });
});
