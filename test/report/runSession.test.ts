import { describe, expect, it } from "vitest";
import { applyFaults, recoveryMetrics } from "../../sim/faults/index.ts";
import { InputError } from "../../sim/errors.ts";
import { createRun } from "../../sim/model/run.ts";
import { RunSession, runToReport } from "../../sim/report/runSession.ts";
import { smallRunConfig } from "../support/runs.ts";

const S = 1_000_000;
const outage = { kind: "zoneOutage", at: 6 * S, duration: 4 * S, zone: 0 };

function faultedConfig(seed = 1) {
  return { ...smallRunConfig({ seed, workload: { testDurationMicros: 16 * S } }), faults: [outage] };
}

describe("a run session", () => {
  it("gives the same report however the run is sliced", () => {
    const whole = runToReport(faultedConfig(), {}, undefined, 60 * S);
    const sliced = runToReport(faultedConfig(), {}, undefined, 370_000);
    expect(JSON.stringify(sliced)).toBe(JSON.stringify(whole));
  });

  it("splits the bill into steady, failure and recovery states at the fault's edges", () => {
    const report = runToReport(faultedConfig());
    expect(report.cost.states.map((s) => [s.name, s.fromSeconds, s.toSeconds])).toEqual([
      ["steady", 0, 6],
      ["failure", 6, 10],
      ["recovery", 10, 16],
    ]);
    // The incident's cost is what the non-steady states cost above the steady rate over their own length.
    const month = report.cost.book.monthSeconds;
    const steady = report.cost.states[0].totals.usdPerMonth;
    const expected = report.cost.states.slice(1).reduce((sum, s) => sum + ((s.totals.usdPerMonth - steady) * (s.toSeconds - s.fromSeconds)) / month, 0);
    expect(report.incidentCost!.usd).toBeCloseTo(expected, 9);
    expect(report.incidentCost!.statement).toMatch(/^failure 4 s at [+−]\$[\d,]+\/month, recovery 6 s at [+−]\$[\d,]+\/month over the steady \$[\d,]+\/month$/);
  });

  it("reports each fault's recovery in seconds, as the recovery metrics measure it in µs", () => {
    const report = runToReport(faultedConfig(), { faultNames: ["zone-a-dark"], produceP99SloMicros: 40_000 });
    const run = createRun(smallRunConfig({ workload: { testDurationMicros: 16 * S } }));
    const faults = applyFaults(run, [outage]);
    run.advance(run.endMicros);
    const [m] = recoveryMetrics(faults, { produceP99SloMicros: 40_000 });
    const [r] = report.recovery;
    expect(r.name).toBe("zone-a-dark");
    expect(r.detectSeconds).toBe(m.detectMicros! / S);
    expect(r.offlineSeconds).toBe(m.offlineMicros / S);
    expect(r.timeToSloSeconds).toBe(m.produceP99BackUnderSloMicros === null ? null : m.produceP99BackUnderSloMicros / S);
    expect(r.recoveryCrossZoneBytes).toBe(m.recoveryCrossZoneBytes);
    expect(r.ackedRecordsLost).toBe(0);
    expect(report.slo).toEqual({ produceP99Ms: 40, source: "scenario" });
  });

  it("derives the SLO from the run's own pre-fault p99 when the scenario sets none", () => {
    const report = runToReport(faultedConfig());
    const before = report.result.intervals.publishLatency.filter((i) => i.startSeconds + 1 <= 6 && i.count > 0);
    expect(report.slo.produceP99Ms).toBeCloseTo(2 * Math.max(...before.map((i) => i.p99)), 9);
    expect(report.slo.source).toMatch(/^2 × this run's worst pre-fault interval p99/);
  });

  it("has one steady state and no incident cost without faults", () => {
    const report = runToReport(smallRunConfig());
    expect(report.cost.states.map((s) => s.name)).toEqual(["steady"]);
    expect(report.recovery).toEqual([]);
    expect(report.incidentCost).toBeNull();
  });

  it("can report part-way through, and the finished report does not depend on it", () => {
    const session = new RunSession(faultedConfig());
    session.advance(8 * S);
    const partial = session.report();
    expect(partial.result.simulatedSeconds).toBe(8);
    expect(partial.cost.states.map((s) => s.name)).toEqual(["steady", "failure"]);
    session.advance(session.endMicros);
    expect(JSON.stringify(session.report())).toBe(JSON.stringify(runToReport(faultedConfig())));
  });

  it("rejects bad options by name", () => {
    expect(() => new RunSession(smallRunConfig(), { sampleMicros: 0 })).toThrow(/options\.sampleMicros/);
    expect(() => new RunSession(smallRunConfig(), { produceP99SloMicros: Number.NaN })).toThrow(InputError);
    expect(() => runToReport(smallRunConfig(), {}, undefined, -1)).toThrow(/sliceMicros/);
    expect(() => new RunSession(smallRunConfig()).advance(Number.NaN)).toThrow(/untilMicros/);
  });
});
