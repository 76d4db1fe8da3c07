import { describe, expect, it } from "vitest";
import { applyFaults, recoveryMetrics } from "../../sim/faults/index.ts";
import type { Fault } from "../../sim/faults/fault.ts";
import type { ArchitectureSpec } from "../../sim/model/architectures.ts";
import { smallRun } from "../support/runs.ts";
import { inputErrorOf } from "./support.ts";

const S = 1_000_000;
// A run is cheap to build; none of these advance it.
const kafka = () => smallRun({ workload: { testDurationMicros: 10 * S } });

describe("applyFaults input checks", () => {
  it.each([
    ["a list", { kind: "zoneOutage" }, "faults"],
    ["a known kind", [{ kind: "zoneOutrage", at: S, duration: S, zone: 0 }], "faults[0].kind"],
    ["every required field", [{ kind: "zoneOutage", at: S, zone: 0 }], "faults[0].duration"],
    ["no unknown field (a typo)", [{ kind: "trafficSpike", at: S, duration: S, factor: 2 }, { kind: "brokerCrash", at: S, broker: 0, durationMs: 5 }], "faults[1].durationMs"],
    ["a zone of the cluster", [{ kind: "zoneOutage", at: S, duration: S, zone: 3 }], "faults[0].zone"],
    ["whole µs for at", [{ kind: "brokerCrash", at: 1.5, broker: 0 }], "faults[0].at"],
    ["a start before the run's end", [{ kind: "brokerCrash", at: 10 * S, broker: 0 }], "faults[0].at"],
    ["a positive duration", [{ kind: "trafficSpike", at: S, duration: 0, factor: 2 }], "faults[0].duration"],
    ["a broker of the cluster", [{ kind: "brokerReplacement", at: S, duration: S, broker: -1 }], "faults[0].broker"],
    ["some brokers left serving", [{ kind: "scaleIn", at: S, brokers: [0, 1, 2] }], "faults[0].brokers"],
    ["distinct brokers", [{ kind: "networkPartition", at: S, duration: S, brokers: [1, 1] }], "faults[0].brokers"],
    ["a brownout that does something", [{ kind: "zoneBrownout", at: S, duration: S, zone: 0 }], "faults[0]"],
    ["a loss ratio below 1", [{ kind: "zoneBrownout", at: S, duration: S, zone: 0, lossRatio: 1 }], "faults[0].lossRatio"],
    ["another zone as toZone", [{ kind: "zoneBrownout", at: S, duration: S, zone: 1, toZone: 1, addedLatencyMicros: 5 }], "faults[0].toZone"],
    ["a replay target at or before its start", [{ kind: "replay", at: S, subscription: 0, to: 2 * S }], "faults[0].to"],
    ["an existing subscription", [{ kind: "replay", at: S, subscription: 1, to: "earliest" }], "faults[0].subscription"],
    ["a positive rate factor", [{ kind: "trafficRamp", at: S, duration: S, toFactor: -1 }], "faults[0].toFactor"],
    ["a volume factor in (0, 1]", [{ kind: "ebsDegradation", at: S, duration: S, throughputFactor: 2 }], "faults[0].throughputFactor"],
  ])("requires %s", (_what, faults, field) => {
    expect(inputErrorOf(() => applyFaults(kafka(), faults)).field).toBe(field);
  });

  it("leaves an architecture that lacks a fault's target unaffected and says so, so one timeline serves a comparison", () => {
    const cases: Array<[ArchitectureSpec, Fault, string]> = [
      [{ kind: "kafka" }, { kind: "s3Brownout", at: S, duration: S, latencyFactor: 3 }, "kafka unaffected by s3Brownout: it has no object store"],
      [{ kind: "diskless" }, { kind: "ebsDegradation", at: S, duration: S, iopsFactor: 0.5 }, "diskless unaffected by ebsDegradation: it has no block volumes"],
      [{ kind: "automq" }, { kind: "ebsDegradation", at: S, duration: S, broker: 1, addedLatencyMicros: 100 }, "automq unaffected by ebsDegradation: broker 1 has no block volume"],
      [{ kind: "automq" }, { kind: "controlPlaneSlowdown", at: S, duration: S, factor: 3 }, "automq unaffected by controlPlaneSlowdown: it has no separate control plane"],
      [{ kind: "diskless" }, { kind: "s3ExpressZoneLoss", at: S, duration: S, zone: 1 }, "diskless unaffected by s3ExpressZoneLoss: it has no S3 Express bucket in zone 1"],
    ];
    for (const [architecture, fault, says] of cases) {
      const run = smallRun({ architecture, workload: { testDurationMicros: 3 * S } });
      applyFaults(run, [fault]);
      run.advance(run.endMicros);
      expect(run.world.timeline.map((t) => t.what)).toContain(says);
      expect(run.result().invariants.violations).toEqual([]);
    }
    // Without the fault the same run gives the same figures: nothing was touched.
    const plain = smallRun({ workload: { testDurationMicros: 3 * S } });
    plain.advance(plain.endMicros);
    const faulted = smallRun({ workload: { testDurationMicros: 3 * S } });
    applyFaults(faulted, [cases[0][1]]);
    faulted.advance(faulted.endMicros);
    expect(faulted.result().publishLatency99pct).toBe(plain.result().publishLatency99pct);
    expect(faulted.result().bytes).toEqual(plain.result().bytes);
  });

  it("applies a scale-out only to a run that has not advanced, and one fault list per run", () => {
    const run = kafka();
    run.advance(S);
    expect(inputErrorOf(() => applyFaults(run, [{ kind: "scaleOut", at: 2 * S, brokers: [2] }])).field).toBe("faults[0].kind");
    expect(inputErrorOf(() => applyFaults(run, [{ kind: "brokerCrash", at: S / 2, broker: 0 }])).field).toBe("faults[0].at");
    applyFaults(run, []);
    expect(inputErrorOf(() => applyFaults(run, [])).field).toBe("run");
  });

  it("checks the recovery options and the client hooks faults drive", () => {
    const run = kafka();
    const faults = applyFaults(run, []);
    expect(inputErrorOf(() => recoveryMetrics(faults, { produceP99SloMicros: 0 })).field).toBe("produceP99SloMicros");
    expect(inputErrorOf(() => recoveryMetrics(faults, { produceP99SloMicros: 1, baselineIntervals: 0 })).field).toBe("baselineIntervals");
    expect(inputErrorOf(() => run.producers.setRateFactor(0)).field).toBe("rateFactor");
    expect(inputErrorOf(() => run.consumers.resetSubscription(5, "earliest")).field).toBe("subscription");
    expect(inputErrorOf(() => run.consumers.resetSubscription(0, Number.NaN)).field).toBe("to");
  });

  it("refuses a scale-out that leaves too few brokers for the replication factor, and leaves the run untouched", () => {
    const run = kafka();
    const layout = JSON.stringify(run.arch.groups.map((g) => [g.leader, g.replicas]));
    const refused = inputErrorOf(() => applyFaults(run, [{ kind: "scaleOut", at: S, brokers: [2] }]));
    expect(refused.field).toBe("faults[0].brokers");
    expect(refused.message).toContain("3 distinct brokers");
    expect(JSON.stringify(run.arch.groups.map((g) => [g.leader, g.replicas]))).toBe(layout);
    expect(() => applyFaults(run, [{ kind: "brokerCrash", at: S, broker: 2 }])).not.toThrow();
  });

  it("returns plain copies of the faults it validated", () => {
    const list = [{ kind: "scaleIn" as const, at: S, brokers: [1] }];
    const applied = applyFaults(kafka(), list);
    list[0].brokers.push(2);
    expect(applied.faults).toEqual([{ kind: "scaleIn", at: S, brokers: [1] }]);
  });
});
