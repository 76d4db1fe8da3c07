import { describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import type { ThresholdOutcome } from "../../sim/report/reportTypes.ts";
import { parseScenario } from "../../sim/scenario/index.ts";
import { evaluateThresholds } from "../../sim/thresholds/evaluateThresholds.ts";
import { FAKE_SCENARIO, fakeRun } from "./fakeRun.ts";

const withThresholds = (items: string[]) => parseScenario(`${FAKE_SCENARIO}thresholds:\n${items.map((i) => `  - ${i}\n`).join("")}`, "fake.yaml");
const brief = (o: ThresholdOutcome) => ({ architecture: o.architecture, measured: o.measured, limit: o.limit, unit: o.unit, margin: o.margin, pass: o.pass });

describe("evaluateThresholds on runs with known values", () => {
  const kafka = fakeRun("kafka");

  it("reads whole-run metrics from the result and says how far inside the limit they are, in the metric's unit", () => {
    const [p99, e2e, errors] = evaluateThresholds(withThresholds([
      "{ check: produce p99 < 50 ms, area: write-path }",
      "{ check: end-to-end p99 <= 0.03 s, area: read-path }",
      "{ check: produce errors <= 5, area: write-path }",
    ]), [kafka]);
    expect(brief(p99)).toEqual({ architecture: "kafka", measured: 30, limit: 50, unit: "ms", margin: 20, pass: true });
    expect(p99).toMatchObject({ index: 0, check: "produce p99 < 50 ms", metric: "publishLatency99pct", scope: "whole run", operator: "<", area: "write-path", severity: "blocking" });
    expect(brief(e2e)).toEqual({ architecture: "kafka", measured: 40, limit: 30, unit: "ms", margin: -10, pass: false });
    expect(brief(errors)).toMatchObject({ measured: 3, margin: 2, pass: true });
  });

  it("takes a fault window's latency as its worst interval and the steady stretch's from the intervals before the first fault", () => {
    const [outage, steady] = evaluateThresholds(withThresholds([
      "{ check: produce p99 < 50 ms during zone-outage, area: write-path }",
      "{ check: produce p99 < 50 ms during steady, area: write-path }",
    ]), [kafka]);
    // The outage's window is [40 s, 70 s): intervals 4, 5 and 6 with p99 80, 60 and 5 ms.
    expect(brief(outage)).toMatchObject({ measured: 80, margin: -30, pass: false });
    expect(outage.scope).toBe("zone-outage");
    expect(outage.note).toBe("worst p99 of the window's 3 intervals (10 s each)");
    expect(brief(steady)).toMatchObject({ measured: 5, margin: 45, pass: true });
    expect(steady.scope).toBe("steady");
  });

  it("averages rates over a window's intervals, with the margin's sign following a lower bound", () => {
    const [tight, loose] = evaluateThresholds(withThresholds([
      "{ check: publish rate >= 900/s during zone-outage, area: write-path }",
      "{ check: publish rate > 500/s during zone-outage, area: write-path }",
    ]), [kafka]);
    // 4,000 + 5,000 + 10,000 records over the window's 30 s.
    expect(tight.measured).toBeCloseTo(19_000 / 30, 9);
    expect(tight.margin).toBeCloseTo(19_000 / 30 - 900, 9);
    expect(tight.pass).toBe(false);
    expect(loose.margin).toBeCloseTo(19_000 / 30 - 500, 9);
    expect(loose.pass).toBe(true);
  });

  it("sums bytes over a window and keeps the run's compression in cross-zone bytes per produced byte", () => {
    const [bytes, steadyRatio, outageRatio] = evaluateThresholds(withThresholds([
      "{ check: cross-zone bytes < 10 MB during zone-outage, area: network-path }",
      "{ check: cross-zone bytes per produced byte <= 4 during steady, area: network-path }",
      "{ check: cross-zone bytes per produced byte <= 4 during zone-outage, area: network-path }",
    ]), [kafka]);
    expect(brief(bytes)).toMatchObject({ measured: 12e6, limit: 10e6, unit: "bytes", margin: -2e6, pass: false });
    expect(brief(steadyRatio)).toMatchObject({ measured: 4, margin: 0, pass: true });
    // 12 MB cross-zone over (0.4 + 0.5 + 1 MB uncompressed) / 2.
    expect(outageRatio.measured).toBeCloseTo(12e6 / 0.95e6, 9);
    expect(outageRatio.pass).toBe(false);
  });

  it("reads produce errors in a fault's scope from its recovery report, elsewhere from the interval series", () => {
    const [outage, steady] = evaluateThresholds(withThresholds([
      "{ check: produce errors <= 0 during zone-outage, area: write-path }",
      "{ check: produce errors <= 0 during steady, area: write-path }",
    ]), [fakeRun("kafka", (run) => (run.recovery[0].produceErrors = 7))]);
    expect(brief(outage)).toMatchObject({ measured: 7, margin: -7, pass: false });
    expect(brief(steady)).toMatchObject({ measured: 0, margin: 0, pass: true });
  });

  it("weights each cost state's monthly rate by the time it spends in the window", () => {
    const [outage, whole] = evaluateThresholds(withThresholds([
      "{ check: cost < $2500/month during zone-outage, area: operations, severity: risk }",
      "{ check: cost < $2500/month, area: operations }",
    ]), [kafka]);
    // Failure $3,000 for 20 s and recovery $2,000 for 10 s of the 30 s window.
    expect(outage.measured).toBeCloseTo(8000 / 3, 9);
    expect(outage).toMatchObject({ unit: "USD/month", limit: 2500, pass: false, severity: "risk" });
    expect(outage.note).toBe("time-weighted over the cost states failure, recovery");
    expect(brief(whole)).toMatchObject({ measured: 1900, margin: 600, pass: true });
  });

  it("reads recovery metrics from the fault's report, in seconds; a value never reached fails and says why", () => {
    const [never, brownout, lost] = evaluateThresholds(withThresholds([
      "{ check: time to SLO < 30 s during zone-outage, area: operations }",
      "{ check: time to SLO < 30 s during s3Brownout, area: operations }",
      "{ check: acked records lost <= 0 during zone-outage, area: storage-independence }",
    ]), [kafka]);
    expect(brief(never)).toEqual({ architecture: "kafka", measured: null, limit: 30, unit: "s", margin: null, pass: false });
    expect(never.note).toBe("produce p99 not back under the SLO within the fault's window: fails");
    expect(brief(brownout)).toMatchObject({ measured: 12, margin: 18, pass: true });
    expect(brief(lost)).toMatchObject({ measured: 0, margin: 0, pass: true });
  });

  it("judges each threshold on the architectures it names, threshold by threshold, in run order", () => {
    const diskless = fakeRun("diskless", (run) => (run.result.architectureFigures = {}));
    const outcomes = evaluateThresholds(withThresholds([
      "{ check: produce p99 < 50 ms, area: write-path }",
      "{ check: figures.pageCacheHitRatio >= 90%, area: read-path, architectures: [diskless] }",
      "{ check: figures.pageCacheHitRatio >= 90%, area: read-path, architectures: [kafka] }",
    ]), [kafka, diskless]);
    expect(outcomes.map((o) => [o.index, o.architecture, o.pass])).toEqual([
      [0, "kafka", true],
      [0, "diskless", true],
      [1, "diskless", false],
      [2, "kafka", true],
    ]);
    expect(outcomes[2].note).toBe("diskless reports no figure pageCacheHitRatio: fails");
    expect(outcomes[3].measured).toBe(0.95);
  });

  it("says a fault that never began within the run cannot be judged", () => {
    const cut = fakeRun("kafka", (run) => run.recovery.splice(1, 1));
    const [outcome] = evaluateThresholds(withThresholds(["{ check: time to SLO < 30 s during s3Brownout, area: operations }"]), [cut]);
    expect(outcome).toMatchObject({ measured: null, pass: false, note: `fault "s3Brownout" did not begin within the run: fails` });
  });

  it("takes incident cost as zero without faults and unknown without a steady state", () => {
    const scenario = withThresholds(["{ check: incident cost < $100, area: operations }"]);
    expect(evaluateThresholds(scenario, [kafka])[0]).toMatchObject({ measured: 25, unit: "USD", margin: 75, pass: true });
    const noSteady = fakeRun("kafka", (run) => (run.incidentCost = null));
    expect(evaluateThresholds(scenario, [noSteady])[0]).toMatchObject({ measured: null, pass: false, note: "no steady state to compare the faults' states with: fails" });
    const noFaults = fakeRun("kafka", (run) => ((run.incidentCost = null), (run.recovery = [])));
    expect(evaluateThresholds(scenario, [noFaults])[0]).toMatchObject({ measured: 0, pass: true });
  });

  it("refuses arguments that are not a scenario and runs, and runs of architectures the scenario lacks", () => {
    const scenario = withThresholds(["{ check: produce p99 < 50 ms, area: write-path }"]);
    expect(() => evaluateThresholds({} as never, [kafka])).toThrow(InputError);
    expect(() => evaluateThresholds(scenario, "runs" as never)).toThrow("runs: expected an array of RunReports");
    expect(() => evaluateThresholds(scenario, [null as never])).toThrow("runs[0]: expected a RunReport");
    expect(() => evaluateThresholds(scenario, [fakeRun("automq")])).toThrow(`runs[0].architecture: expected an architecture of scenario "fake" (kafka, diskless) (got "automq")`);
  });
});
