import { describe, expect, it } from "vitest";
import { costOfRun, meterRun, usageWindow, type CostReport } from "../../sim/cost/index.ts";
import { InputError } from "../../sim/errors.ts";
import type { KafkaArchitecture } from "../../sim/model/kafka.ts";
import { MiB, smallRun } from "../support/runs.ts";
import { awsBook } from "./books.ts";

const crossZoneGb = (report: CostReport) => report.lines.filter((l) => l.category === "crossZone").reduce((s, l) => s + l.quantity, 0);

describe("metering a run", () => {
  it("leaves the run as it would be unmetered: reading in slices changes nothing", () => {
    const options = { workload: { warmupDurationMicros: 1_000_000 } };
    const plain = smallRun(options);
    plain.advance(plain.endMicros);
    const metered = smallRun(options);
    meterRun(metered, { sampleMicros: 100_000 });
    const [a, b] = [plain.result(), metered.result()];
    expect(b.bytes).toEqual(a.bytes);
    expect(b.publishLatency99pct).toBe(a.publishLatency99pct);
    expect(b.architectureFigures).toEqual(a.architectureFigures);
  });

  it("measures classic Kafka's log growth as replication factor × produced bytes and its cross-zone bytes as 2/3 + 2 + 2/3 per produced byte", () => {
    const run = smallRun({ workload: { warmupDurationMicros: 1_000_000, testDurationMicros: 4_000_000 } });
    const usage = meterRun(run);
    const w = usageWindow(usage, 1_000_000, run.endMicros);
    const produced = w.publishedBytes / w.seconds;
    const logGrowth = w.volumes.reduce((s, v) => s + v.logGrowthBytesPerSecond, 0);
    // Every replica appends every produced byte (RF = 3): conservation, measured on the logs.
    expect(logGrowth / (3 * produced)).toBeGreaterThan(0.97);
    expect(logGrowth / (3 * produced)).toBeLessThan(1.03);
    // Section 0's closed form with clients not rack-aware and one consumer group: 2/3 + (RF − 1) + 2/3.
    const report = costOfRun(usage, awsBook());
    const producedGb = (produced * report.extrapolation.monthSeconds) / 1e9;
    expect(crossZoneGb(report) / producedGb).toBeCloseTo(2 / 3 + 2 + 2 / 3, 1);
    // Storage: the log volumes hold 7 days (Kafka's default retention) of RF × the produced rate.
    const capacity = report.lines.find((l) => l.id === "storage.logVolumes")!;
    expect(capacity.quantity / ((3 * produced * 7 * 86_400) / 1e9)).toBeCloseTo(1, 1);
  });

  it("measures AutoMQ's S3 growth as the produced rate once uploads run, and bills its retention", () => {
    const run = smallRun({
      architecture: { kind: "automq", automq: { walKind: "ebs", uploadIntervalMicros: 500_000 } },
      workload: { warmupDurationMicros: 2_000_000, testDurationMicros: 6_000_000 },
    });
    const usage = meterRun(run);
    const report = costOfRun(usage, awsBook(), { retentionMicros: 86_400_000_000 });
    const w = usageWindow(usage, 2_000_000, run.endMicros);
    const growth = w.stores[0].storedGrowthBytesPerSecond / (w.publishedBytes / w.seconds);
    expect(growth).toBeGreaterThan(0.9);
    expect(growth).toBeLessThan(1.1);
    expect(report.totals.byPath.retained).toBeGreaterThan(0);
    expect(report.notes.join(" ")).not.toMatch(/did not grow/);
  });

  it("prices each state on its own: a lost broker's catch-up shows up on the recovery path only after it restarts", () => {
    const run = smallRun({ workload: { warmupDurationMicros: 1_000_000, testDurationMicros: 7_000_000 } });
    const kafka = run.arch as KafkaArchitecture;
    const usage = meterRun(run, {
      states: [{ name: "steady", fromMicros: 1_000_000 }, { name: "broker lost", fromMicros: 3_000_000 }, { name: "catch-up", fromMicros: 4_000_000 }],
      actions: [{ atMicros: 3_000_000, apply: () => kafka.crashBroker(1, true) }, { atMicros: 4_000_000, apply: () => kafka.restartBroker(1) }],
    });
    const report = costOfRun(usage, awsBook());
    const [steady, lost, catchUp] = report.states;
    expect(report.states.map((s) => [s.name, s.fromSeconds, s.toSeconds])).toEqual([["steady", 1, 3], ["broker lost", 3, 4], ["catch-up", 4, 8]]);
    expect(steady.totals.byPath.recovery).toBe(0);
    expect(lost.totals.byPath.recovery).toBe(0);
    expect(catchUp.totals.byPath.recovery).toBeGreaterThan(0);
    expect(catchUp.extrapolation.statement).toBe("4 simulated s × 657,000 = 730-hour month");
    // The whole-run figures cover every state: its recovery bytes are the catch-up state's, diluted over 7 s.
    expect(report.totals.byPath.recovery).toBeCloseTo((catchUp.totals.byPath.recovery * 4) / 7, 3);
  });

  it("rejects bad options with an InputError naming the field", () => {
    const run = smallRun();
    expect(() => meterRun(run, { sampleMicros: 0 })).toThrow(/meter\.sampleMicros/);
    expect(() => meterRun(run, { states: [] })).toThrow(/meter\.states/);
    expect(() => meterRun(run, { states: [{ name: "b", fromMicros: 2_000_000 }, { name: "a", fromMicros: 1_000_000 }] })).toThrow(/meter\.states\[1\]\.fromMicros/);
    expect(() => meterRun(run, { states: [{ name: "", fromMicros: 0 }] })).toThrow(/meter\.states\[0\]\.name/);
    expect(() => meterRun(run, { actions: [{ atMicros: 99e6, apply: () => undefined }] })).toThrow(InputError);
    const usage = meterRun(smallRun(), { sampleMicros: 1_000_000 });
    expect(() => usageWindow(usage, 500_000, 5_000_000)).toThrow(/span\.fromMicros/);
    expect(() => usageWindow(usage, 2_000_000, 1_000_000)).toThrow(/span\.toMicros/);
  });
});
