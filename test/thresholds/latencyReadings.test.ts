import { describe, expect, it } from "vitest";
import type { RunReport, ThresholdOutcome } from "../../sim/report/reportTypes.ts";
import { parseScenario } from "../../sim/scenario/index.ts";
import { evaluateThresholds } from "../../sim/thresholds/evaluateThresholds.ts";
import { METRICS } from "../../sim/thresholds/metricCatalogue.ts";
import { FAKE_SCENARIO, fakeRun } from "./fakeRun.ts";

const withThresholds = (items: string[], workload = "") =>
  parseScenario(`${FAKE_SCENARIO.replace("warmupDuration: 0 s", `warmupDuration: 0 s${workload}`)}thresholds:\n${items.map((i) => `  - ${i}\n`).join("")}`, "fake.yaml");
const judged = (o: ThresholdOutcome) => ({ measured: o.measured, margin: o.margin, pass: o.pass, note: o.note });

const ACKED_NONE = "no records were acknowledged in the measured span";
const CONSUMED_NONE = "no records were consumed in the measured span";
const OMB_GB = 1024 ** 3;

// What an empty histogram leaves in a result: every percentile 0 and no interval that recorded anything.
function emptied(run: RunReport, prefix: "publishLatency" | "endToEndLatency" | "publishDelayLatency"): void {
  const fields = run.result as unknown as Record<string, number>;
  for (const suffix of ["Avg", "50pct", "75pct", "95pct", "99pct", "999pct", "9999pct", "Max"]) fields[`${prefix}${suffix}`] = 0;
  if (prefix !== "publishDelayLatency") run.result.intervals[prefix] = [];
}

/** A run that acknowledged nothing: no produce latency, no publish delay, nothing published or consumed. */
const ackedNothing = () =>
  fakeRun("kafka", (run) => {
    emptied(run, "publishLatency");
    emptied(run, "publishDelayLatency");
    emptied(run, "endToEndLatency");
    run.result.publishRate = 0;
    run.result.publishBytesRate = 0;
    const { series } = run.result.intervals;
    series.publishedRecords = series.publishedRecords.map(() => 0);
    series.publishedBytes = series.publishedBytes.map(() => 0);
  });

/** A run that published normally and consumed nothing. */
const consumedNothing = () => fakeRun("kafka", (run) => emptied(run, "endToEndLatency"));

/** The fake run with no latency recorded in the outage's intervals (4, 5 and 6: [40 s, 70 s)), as a run whose
 * producers and consumers stalled through it reports them: omitted, not zero-filled. */
const silentOutage = () =>
  fakeRun("kafka", (run) => {
    const outside = (i: { startSeconds: number }) => i.startSeconds < 40 || i.startSeconds >= 70;
    run.result.intervals.publishLatency = run.result.intervals.publishLatency.filter(outside);
    run.result.intervals.endToEndLatency = run.result.intervals.endToEndLatency.filter(outside);
  });

describe("latency thresholds on a run that measured no records", () => {
  it("fail produce p99 < 20 ms with no value and say that nothing was acknowledged", () => {
    const [outcome] = evaluateThresholds(withThresholds(["{ check: produce p99 < 20 ms, area: write-path }"]), [ackedNothing()]);
    expect(judged(outcome)).toEqual({ measured: null, margin: null, pass: false, note: `${ACKED_NONE}: fails` });
  });

  it("read every whole-run latency metric of the catalogue as no value, not 0 ms", () => {
    const latency = METRICS.filter((m) => /^(publish|endToEnd|publishDelay)Latency/.test(m.id));
    // Eight statistics for each of the three measurements.
    expect(latency).toHaveLength(24);
    const run = ackedNothing();
    for (const metric of latency) {
      const reading = metric.whole?.(run);
      expect(reading?.value, metric.id).toBeNull();
      expect(reading?.note, metric.id).toMatch(metric.id.startsWith("endToEnd") ? CONSUMED_NONE : ACKED_NONE);
    }
  });

  it("fail an end-to-end threshold when nothing was consumed, while produce latency still reads its value", () => {
    const [e2e, produce] = evaluateThresholds(withThresholds([
      "{ check: end-to-end p99 < 20 ms, area: read-path }",
      "{ check: produce p99 < 50 ms, area: write-path }",
    ]), [consumedNothing()]);
    expect(judged(e2e)).toEqual({ measured: null, margin: null, pass: false, note: `${CONSUMED_NONE}: fails` });
    expect(judged(produce)).toEqual({ measured: 30, margin: 20, pass: true, note: undefined });
  });

  it("say that consumers never started when the run published less than the backlog they wait for", () => {
    const scenario = withThresholds(["{ check: end-to-end p99 < 20 ms, area: read-path }"], ", consumerBacklogSizeGB: 100");
    expect(scenario.architectures[0].workload.consumerBacklogBytes).toBe(100 * OMB_GB);
    const run = consumedNothing();
    const [outcome] = evaluateThresholds(scenario, [run]);
    // The fake run publishes 89,000 records of 100 bytes: 8.9 MB, far short of 100 GiB.
    const published = Number((8.9e6 / OMB_GB).toPrecision(3));
    expect(outcome.note).toBe(`${CONSUMED_NONE} (consumers never started: backlog of 100 GB not reached; ${published} GB published): fails`);
    expect(outcome.pass).toBe(false);
  });

  it("leave the backlog out of the note once producers had published it", () => {
    // 5 MB: reached by the end of the run (8.9 MB) and by the end of the outage's intervals (5.9 MB), not by the
    // end of the steady stretch's four intervals (4 MB).
    const scenario = withThresholds([
      "{ check: end-to-end p99 < 20 ms, area: read-path }",
      "{ check: end-to-end p99 < 20 ms during zone-outage, area: read-path }",
      "{ check: end-to-end p99 < 20 ms during steady, area: read-path }",
    ], ", consumerBacklogSize: 5 MB");
    expect(scenario.architectures[0].workload.consumerBacklogBytes).toBe(5e6);
    const [whole, outage, steady] = evaluateThresholds(scenario, [consumedNothing()]);
    expect(whole.note).toBe(`${CONSUMED_NONE}: fails`);
    expect(outage.note).toBe(`${CONSUMED_NONE}: fails`);
    expect(steady.note).toBe(`${CONSUMED_NONE} (consumers had not started by the span's end: backlog of ${Number((5e6 / OMB_GB).toPrecision(3))} GB not reached): fails`);
  });

  it("read publish delay as no value only when nothing was acknowledged and no delay was recorded", () => {
    const check = ["{ check: publish delay p99 < 100 ms, area: write-path }"];
    const [none] = evaluateThresholds(withThresholds(check), [ackedNothing()]);
    expect(judged(none)).toMatchObject({ measured: null, pass: false });
    expect(none.note).toMatch(new RegExp(`^${ACKED_NONE}`));
    // Records acknowledged and none held back for buffer space: no record waited, a true 0.
    const [noneWaited] = evaluateThresholds(withThresholds(check), [fakeRun("kafka", (run) => emptied(run, "publishDelayLatency"))]);
    expect(judged(noneWaited)).toEqual({ measured: 0, margin: 100, pass: true, note: undefined });
    // Nothing acknowledged, yet records that waited were sent: their delay is a measurement.
    const stuck = ackedNothing();
    Object.assign(stuck.result, { publishDelayLatency99pct: 250, publishDelayLatencyMax: 300 });
    const [waited] = evaluateThresholds(withThresholds(check), [stuck]);
    expect(judged(waited)).toEqual({ measured: 250, margin: -150, pass: false, note: undefined });
  });

  it("keep rates and bytes at a measured 0, judged against the limit", () => {
    const [rate, bytes] = evaluateThresholds(withThresholds([
      "{ check: publish rate >= 1/s, area: write-path }",
      "{ check: publish throughput >= 98 MiB/s during zone-outage, area: write-path }",
    ]), [ackedNothing()]);
    expect(judged(rate)).toEqual({ measured: 0, margin: -1, pass: false, note: undefined });
    expect(bytes).toMatchObject({ measured: 0, pass: false });
    expect(bytes.margin).toBeCloseTo(-98 * 2 ** 20, 6);
  });

  it("read cross-zone bytes per produced byte as no value when nothing was produced, over the run and in a window", () => {
    const [whole, steady] = evaluateThresholds(withThresholds([
      "{ check: cross-zone bytes per produced byte <= 2.7, area: network-path }",
      "{ check: cross-zone bytes per produced byte <= 2.7 during steady, area: network-path }",
    ]), [ackedNothing()]);
    expect(judged(whole)).toEqual({ measured: null, margin: null, pass: false, note: "nothing was produced in the run: fails" });
    expect(judged(steady)).toEqual({ measured: null, margin: null, pass: false, note: "nothing was produced in the window: fails" });
  });
});

describe("latency thresholds during a span with no records", () => {
  it("read null in a fault's window whose intervals recorded nothing, and the worst interval elsewhere", () => {
    const [produce, e2e, steady, brownout] = evaluateThresholds(withThresholds([
      "{ check: produce p99 < 50 ms during zone-outage, area: write-path }",
      "{ check: end-to-end max < 50 ms during zone-outage, area: read-path }",
      "{ check: produce p99 < 50 ms during steady, area: write-path }",
      "{ check: produce p99 < 50 ms during s3Brownout, area: write-path }",
    ]), [silentOutage()]);
    expect(judged(produce)).toEqual({ measured: null, margin: null, pass: false, note: `${ACKED_NONE}: fails` });
    expect(judged(e2e)).toEqual({ measured: null, margin: null, pass: false, note: `${CONSUMED_NONE}: fails` });
    // The steady stretch [0, 40 s) and the brownout's window [70 s, 100 s) still hold 5 ms intervals.
    expect(judged(steady)).toMatchObject({ measured: 5, margin: 45, pass: true });
    expect(judged(brownout)).toMatchObject({ measured: 5, margin: 45, pass: true });
  });

  it("still read the whole run's value when only some intervals are empty", () => {
    const [outcome] = evaluateThresholds(withThresholds(["{ check: produce p99 < 50 ms, area: write-path }"]), [silentOutage()]);
    expect(judged(outcome)).toEqual({ measured: 30, margin: 20, pass: true, note: undefined });
  });
});

describe("latency thresholds on a run that measured records", () => {
  it("judge the same values as before, every statistic that the result carries", () => {
    const run = fakeRun("kafka");
    const [p99, p95, e2e, outage] = evaluateThresholds(withThresholds([
      "{ check: produce p99 < 50 ms, area: write-path }",
      "{ check: produce p95 < 5 ms, area: write-path }",
      "{ check: end-to-end p99 <= 0.03 s, area: read-path }",
      "{ check: produce p99 < 50 ms during zone-outage, area: write-path }",
    ]), [run]);
    expect(judged(p99)).toEqual({ measured: run.result.publishLatency99pct, margin: 20, pass: true, note: undefined });
    expect(judged(p95)).toEqual({ measured: run.result.publishLatency95pct, margin: -2, pass: false, note: undefined });
    expect(judged(e2e)).toEqual({ measured: run.result.endToEndLatency99pct, margin: -10, pass: false, note: undefined });
    expect(judged(outage)).toEqual({ measured: 80, margin: -30, pass: false, note: "worst p99 of the window's 3 intervals (10 s each)" });
  });
});
