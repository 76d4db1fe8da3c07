import { describe, expect, it } from "vitest";
import { junitReport } from "../../sim/report/junitReport.ts";
import type { RunReport } from "../../sim/report/reportTypes.ts";
import { buildScenarioReport } from "../../sim/report/scenarioReport.ts";
import { outcomeSentence, terminalReport } from "../../sim/report/terminalReport.ts";
import { parseScenario } from "../../sim/scenario/index.ts";
import { thresholdsMarkdown } from "../../sim/scorecard/scorecardMarkdown.ts";
import { FAKE_SCENARIO, fakeRun } from "../thresholds/fakeRun.ts";

// The fake runs carry only the latency fields thresholds read; the figures table shows a few more.
const complete = (run: RunReport) => Object.assign(run.result, { publishLatency50pct: 1, publishLatency999pct: 31, endToEndLatency50pct: 1 });

describe("the terminal report of a threshold the run could not measure", () => {
  const scenario = parseScenario(`${FAKE_SCENARIO}thresholds: [{ check: produce p99 < 50 ms, area: write-path }]\n`, "fake.yaml");
  // kafka acknowledged nothing; diskless is the fake run as it is (produce p99 30 ms).
  const silent = fakeRun("kafka", (run) => {
    complete(run);
    run.result.intervals.publishLatency = [];
  });
  const report = buildScenarioReport(scenario, [silent, fakeRun("diskless", complete)]);
  const [kafka, diskless] = report.thresholds;

  it("shows the failed outcome as no value, with no margin, beside a measured one", () => {
    const row = terminalReport(report).split("\n").find((line) => line.startsWith("[0] produce p99 < 50 ms"));
    expect(row).toBeDefined();
    expect(row).toMatch(/FAIL no value\s+ok 30 ms$/);
    expect(row).not.toContain("(no value)");
  });

  it("says why in the outcome's sentence, and keeps the margin of a measured outcome", () => {
    expect(outcomeSentence(kafka)).toBe("[kafka] produce p99 < 50 ms: no value (no records were acknowledged in the measured span: fails), limit < 50 ms (blocking, write-path)");
    expect(outcomeSentence(diskless)).toBe("[diskless] produce p99 < 50 ms: measured 30 ms, limit < 50 ms, margin +20 ms (blocking, write-path)");
  });

  it("words the outcome as no value with its reason in Markdown and JUnit too, never as a dash or not measured", () => {
    const markdown = thresholdsMarkdown(report.thresholds);
    expect(markdown).toMatch(/^\| \*\*fail\*\* \| kafka \| write-path \| produce p99 < 50 ms \| publishLatency99pct \| no value \| < 50 ms \| - \| no records were acknowledged in the measured span: fails \|$/m);
    expect(markdown).not.toContain("—");
    const junit = junitReport(report);
    expect(junit).toContain('message="no value (no records were acknowledged in the measured span: fails), limit &lt; 50 ms"');
    expect(junit).not.toContain("not measured");
    expect(junit).toContain("measured 30 ms, limit &lt; 50 ms, margin +20 ms");
  });
});
