import { beforeAll, describe, expect, it } from "vitest";
import { METRIC_ROWS, recoveryRows } from "../../sim/report/comparisonRows.ts";
import { intervalsCsv } from "../../sim/report/csvReport.ts";
import { markdownReport } from "../../sim/report/markdownReport.ts";
import type { RunReport, ScenarioReport } from "../../sim/report/reportTypes.ts";
import { runToReport } from "../../sim/report/runSession.ts";
import { buildScenarioReport, sessionOptionsFor } from "../../sim/report/scenarioReport.ts";
import { terminalReport } from "../../sim/report/terminalReport.ts";
import { parseScenario, scenarioToRunConfigs } from "../../sim/scenario/index.ts";

// Classic Kafka (volumes only) beside diskless (S3 only), with a crash so the recovery table shows.
const SCENARIO = `
name: rows
seed: 5
cluster: { zones: 3, brokersPerZone: 1, instance: r6i.xlarge }
workload: { partitionsPerTopic: 3, producerRate: 2 MiB/s, producersPerTopic: 1, consumerPerSubscription: 1, subscriptionsPerTopic: 1, testDuration: 12 s, warmupDuration: 0 s }
sampleInterval: 4 s
architectures: [{ kind: kafka }, { kind: diskless }]
faults: [{ name: crash, kind: brokerCrash, at: 4 s, duration: 4 s, broker: 0 }]
`;

const GiB = 1024 ** 3;
let report: ScenarioReport;

beforeAll(() => {
  const scenario = parseScenario(SCENARIO, "rows.yaml");
  const options = sessionOptionsFor(scenario);
  report = buildScenarioReport(scenario, scenarioToRunConfigs(scenario).map((config, i) => runToReport(config, options[i])));
});

const row = (label: string) => {
  const found = METRIC_ROWS.find((r) => r.label === label);
  if (!found) throw new Error(`no row ${label}`);
  return found;
};
const run = (kind: string) => report.runs.find((r) => r.kind === kind) as RunReport;

describe("the comparison rows", () => {
  it("show the bytes diskless keeps in S3, and a dash for classic Kafka, which keeps none there", () => {
    const diskless = run("diskless");
    const stored = diskless.result.architectureFigures.s3StoredBytes;
    expect(stored).toBeGreaterThan(0);
    expect(row("stored in S3 (GiB)").value(diskless)).toBe((stored / GiB).toFixed(2));
    expect(row("stored in S3 (GiB)").value(run("kafka"))).toBe("-");
    expect(row("stored on volumes (GiB)").value(run("kafka"))).not.toBe("-");
  });

  it("print acked records lost as whole records in the terminal and Markdown, and a loss under half a record as <1", () => {
    const lost = (records: number): ScenarioReport => ({
      ...report,
      runs: report.runs.map((r, i) => (i === 0 ? { ...r, recovery: r.recovery.map((f) => ({ ...f, ackedRecordsLost: records })) } : r)),
    });
    const fractional = lost(1169643.944860206);
    const cell = recoveryRows(0).find((r) => r.label === "acked records lost")?.value;
    expect(cell?.(fractional.runs[0])).toBe("1169644");
    expect(markdownReport(fractional)).toMatch(/^\| acked records lost \| 1169644 \| 0 \|$/m);
    expect(terminalReport(fractional)).toMatch(/^acked records lost +1169644 +0$/m);
    expect(terminalReport(fractional)).not.toContain("1169643.9");
    expect(cell?.(lost(0.3).runs[0])).toBe("<1");
    expect(cell?.(lost(2.5).runs[0])).toBe("3");
  });

  it("show a dash, not 0.00, for every latency of a run that measured no record, in the terminal and Markdown", () => {
    // A run that acknowledged and consumed nothing: the result writes 0 ms for each empty histogram's percentiles.
    const silent: ScenarioReport = {
      ...report,
      runs: report.runs.map((r, i) => {
        if (i > 0) return r;
        const zero = { publishLatency50pct: 0, publishLatency99pct: 0, publishLatency999pct: 0, endToEndLatency50pct: 0, endToEndLatency99pct: 0 };
        return { ...r, result: { ...r.result, ...zero, intervals: { ...r.result.intervals, publishLatency: [], endToEndLatency: [] } } };
      }),
    };
    const labels = ["publish p50 (ms)", "publish p99 (ms)", "publish p99.9 (ms)", "end-to-end p50 (ms)", "end-to-end p99 (ms)"];
    expect(labels.map((label) => row(label).value(silent.runs[0]))).toEqual(["-", "-", "-", "-", "-"]);
    // The other run measured its latencies, and a measured 0 would still read 0.00: only missing records give a dash.
    for (const label of labels) expect(row(label).value(silent.runs[1])).toMatch(/^\d/);
    const text = terminalReport(silent);
    const markdown = markdownReport(silent);
    for (const label of labels) {
      const escaped = label.replace(/[().]/g, "\\$&");
      expect(text).toMatch(new RegExp(`^${escaped} +- +\\d`, "m"));
      expect(markdown).toMatch(new RegExp(`^\\| ${escaped} \\| - \\| \\d`, "m"));
    }
  });

  it("write one CSV row per interval of each run, with no row past the run's end", () => {
    const lines = intervalsCsv(report).trimEnd().split("\n");
    const header = lines[0].split(",");
    const rows = lines.slice(1).map((l) => l.split(","));
    for (const r of report.runs) {
      const intervals = Math.ceil(r.result.simulatedSeconds / r.result.intervals.intervalSeconds);
      expect(intervals).toBe(3);
      const mine = rows.filter((cells) => cells[0] === r.architecture);
      expect(mine).toHaveLength(intervals);
      for (const [name, values] of Object.entries(r.result.intervals.series)) expect(values, name).toHaveLength(intervals);
      // Every row carries the run's per-interval series, none of them blank.
      for (const cells of mine) for (const name of Object.keys(r.result.intervals.series)) expect(cells[header.indexOf(name)], name).not.toBe("");
    }
  });
});
