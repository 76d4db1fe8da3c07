import { describe, expect, it } from "vitest";
import { applyFaults, recoveryMetrics, type Fault } from "../../sim/faults/index.ts";
import type { ArchitectureSpec } from "../../sim/model/architectures.ts";
import { MiB, smallRun } from "../support/runs.ts";

const S = 1_000_000;

// Every kind the architecture can take, one after another on a 3 × 2 cluster (broker 5 joins at 1 s), in 24 s.
function catalogue(extra: Fault[]): Fault[] {
  return [
    { kind: "scaleOut", at: S, brokers: [5] },
    { kind: "zoneBrownout", at: 2 * S, duration: S, zone: 1, addedLatencyMicros: 5_000, lossRatio: 0.001, bandwidthFactor: 0.5 },
    { kind: "networkPartition", at: 3.5 * S, duration: S / 2, brokers: [2] },
    { kind: "brokerCrash", at: 5 * S, duration: 2 * S, broker: 1 },
    { kind: "brokerReplacement", at: 8 * S, duration: 2 * S, broker: 0 },
    { kind: "trafficSpike", at: 11 * S, duration: S, factor: 1.5 },
    { kind: "trafficRamp", at: 12.5 * S, duration: S, toFactor: 0.5 },
    ...extra,
    { kind: "zoneOutage", at: 17 * S, duration: 3 * S, zone: 2 },
    { kind: "scaleIn", at: 21 * S, brokers: [3] },
  ];
}

const s3Brownout: Fault = { kind: "s3Brownout", at: 14 * S, duration: 2 * S, latencyFactor: 3, errorRatio: 0.05 };
const ebs: Fault = { kind: "ebsDegradation", at: 14 * S, duration: 2 * S, throughputFactor: 0.5, addedLatencyMicros: 2_000 };

describe("the fault catalogue", () => {
  it.each([
    ["kafka", { kind: "kafka" }, [ebs]],
    ["kafka-tiered", { kind: "kafka-tiered" }, [s3Brownout]],
    ["automq", { kind: "automq" }, [s3Brownout]],
    ["automq with an EBS WAL", { kind: "automq", automq: { walKind: "ebs" } }, [ebs]],
    ["diskless on S3 Express", { kind: "diskless", diskless: { ingestStorage: "express" } }, [
      { kind: "s3ExpressZoneLoss", at: 14 * S, duration: S, zone: 2 },
      { kind: "controlPlaneSlowdown", at: 15 * S, duration: S, factor: 3 },
    ]],
  ] as [string, ArchitectureSpec, Fault[]][])("plays every fault %s supports and keeps the run's invariants", (_name, architecture, extra) => {
    const run = smallRun({ architecture, cluster: { brokersPerZone: 2 }, workload: { produceBytesPerSecond: 8 * MiB, testDurationMicros: 24 * S } });
    const list = catalogue(extra);
    const faults = applyFaults(run, list);
    run.advance(run.endMicros);
    const metrics = recoveryMetrics(faults, { produceP99SloMicros: S });
    expect(metrics.map((m) => m.kind)).toEqual(list.map((f) => f.kind));
    const result = run.result();
    expect(result.invariants.violations).toEqual([]);
    // Only a lost single-zone EBS WAL may lose acknowledged data (AutoMQ's EBS WAL, in the replacement).
    const allowed = architecture.kind === "automq" && architecture.automq?.walKind === "ebs" ? ["brokerReplacement"] : [];
    for (const m of metrics) if (!allowed.includes(m.kind)) expect(m.ackedBytesLost).toBe(0);
    // Windows tile the run: each ends where the next fault begins.
    for (let i = 0; i + 1 < metrics.length; i++) expect(metrics[i].windowEndMicros).toBe(metrics[i + 1].startMicros);
    expect(run.world.timeline.filter((t) => t.what === "scaleIn completed")).toHaveLength(1);
  });
});
