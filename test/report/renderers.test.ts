import { beforeAll, describe, expect, it } from "vitest";
import { csvField, intervalsCsv } from "../../sim/report/csvReport.ts";
import { junitReport } from "../../sim/report/junitReport.ts";
import { junitXml } from "../../sim/report/junitXml.ts";
import { markdownReport, verdict } from "../../sim/report/markdownReport.ts";
import type { ScenarioReport } from "../../sim/report/reportTypes.ts";
import { runToReport } from "../../sim/report/runSession.ts";
import { buildScenarioReport, sessionOptionsFor } from "../../sim/report/scenarioReport.ts";
import { ANSI_STYLE } from "../../sim/report/style.ts";
import { terminalReport } from "../../sim/report/terminalReport.ts";
import { textTable } from "../../sim/report/textTable.ts";
import { parseScenario, scenarioToRunConfigs } from "../../sim/scenario/index.ts";

// Two architectures, a broker crash and one threshold that holds, one that fails and one risk: every section shows.
const SCENARIO = `
name: tiny
seed: 2
cluster: { zones: 3, brokersPerZone: 1, instance: r6i.xlarge }
workload: { partitionsPerTopic: 3, producerRate: 1 MiB/s, producersPerTopic: 1, consumerPerSubscription: 1, subscriptionsPerTopic: 1, testDuration: 12 s, warmupDuration: 0 s }
sampleInterval: 4 s
architectures: [{ kind: kafka }, { kind: diskless }]
faults: [{ name: crash, kind: brokerCrash, at: 4 s, duration: 4 s, broker: 0 }]
thresholds:
  - { check: "produce p99 < 1 ms", area: write-path }
  - { check: "acked records lost <= 0 during crash", area: storage-independence }
  - { check: "cost < $1/month", area: operations, severity: risk }
`;

let report: ScenarioReport;

beforeAll(() => {
  const scenario = parseScenario(SCENARIO, "tiny.yaml");
  const options = sessionOptionsFor(scenario);
  report = buildScenarioReport(scenario, scenarioToRunConfigs(scenario).map((config, i) => runToReport(config, options[i])));
});

describe("report renderers", () => {
  it("write JUnit with one case per threshold × architecture and a failure for each failed one", () => {
    const xml = junitReport(report);
    const failed = report.thresholds.filter((o) => !o.pass);
    expect(xml.match(/<testcase /g)).toHaveLength(report.thresholds.length);
    expect(xml.match(/<failure /g)).toHaveLength(failed.length);
    expect(xml).toContain(`<testsuites name="bytepath tiny" tests="${report.thresholds.length}" failures="${failed.length}" errors="0">`);
    expect(failed.length).toBeGreaterThan(0);
    for (const o of failed) expect(xml).toContain(`classname="bytepath.tiny.${o.architecture}" name="[${o.index}] ${o.check.replaceAll("<", "&lt;")}"`);
    expect(xml).toMatch(/<failure message="measured [^"]+ ms, limit &lt; 1 ms, margin −[^"]+ ms" type="blocking">/);
    expect(xml).not.toMatch(/time=/);
  });

  it("escape XML in names and messages", () => {
    const xml = junitXml(`a<b & "c"`, [{ name: "s'", properties: [["k", "<v>"]], cases: [{ classname: "c", name: "x > y", failure: { message: "&", type: "t", details: "<d>" } }] }]);
    expect(xml).toContain('<testsuites name="a&lt;b &amp; &quot;c&quot;" tests="1" failures="1" errors="0">');
    expect(xml).toContain('<testsuite name="s&apos;"');
    expect(xml).toContain('<property name="k" value="&lt;v&gt;"/>');
    expect(xml).toContain('<failure message="&amp;" type="t">&lt;d&gt;</failure>');
  });

  it("write the time series as CSV: one row per architecture × interval, every series a column", () => {
    const lines = intervalsCsv(report).trimEnd().split("\n");
    const header = lines[0].split(",");
    const rows = lines.slice(1).map((l) => l.split(","));
    const column = (name: string) => header.indexOf(name);
    for (const run of report.runs) {
      const mine = rows.filter((r) => r[0] === run.architecture);
      const published = run.result.intervals.series.publishedBytes;
      expect(mine.length).toBeGreaterThanOrEqual(published.length);
      published.forEach((value, i) => expect(Number(mine[i][column("publishedBytes")])).toBe(value));
      mine.forEach((r, i) => expect(Number(r[column("intervalStartSeconds")])).toBe(i * 4));
      for (const p of run.result.intervals.publishLatency) expect(Number(mine[p.startSeconds / 4][column("publishLatency.p99Ms")])).toBe(p.p99);
    }
    expect(rows.every((r) => r.length === header.length)).toBe(true);
  });

  it("quote CSV fields only when they need it", () => {
    expect([csvField("a"), csvField('a,"b"'), csvField(1.5), csvField(null)]).toEqual(["a", '"a,""b"""', "1.5", ""]);
  });

  it("write Markdown with the verdict, the scorecard, every outcome's measured value, recovery and cost", () => {
    const md = markdownReport(report);
    const failed = report.thresholds.filter((o) => !o.pass).length;
    expect(verdict(report)).toBe(`${failed} of ${report.thresholds.length} threshold checks failed (${report.thresholds.filter((o) => !o.pass && o.severity === "blocking").length} blocking, ${report.thresholds.filter((o) => !o.pass && o.severity === "risk").length} risk)`);
    expect(md.split("\n")[0]).toBe(`## bytepath tiny: ${verdict(report)}`);
    for (const heading of ["### Scorecard", "### Key figures", "### Recovery from crash (brokerCrash at 4 s for 4 s)", "### Cost"]) expect(md).toContain(heading);
    expect(md.match(/^\| (pass|risk|\*\*fail\*\*) \|/gm)).toHaveLength(report.thresholds.length);
    expect(md).toContain(`scenario hash \`${report.scenario.hash}\``);
  });

  it("write terminal text with colour only when asked, and compare's order leads with the scorecard", () => {
    const plain = terminalReport(report);
    expect(plain).not.toContain("\u001b[");
    expect(terminalReport(report, ANSI_STYLE)).toContain("\u001b[31m");
    expect(plain).toContain("Recovery from crash");
    expect(plain).toContain("cost ($/month)");
    const compare = terminalReport(report, undefined, "scorecard-first");
    expect(compare.indexOf("Scorecard")).toBeLessThan(compare.indexOf("Thresholds"));
    expect(compare.indexOf("Thresholds")).toBeLessThan(compare.indexOf("publish p50"));
    expect(plain.indexOf("publish p50")).toBeLessThan(plain.indexOf("Scorecard"));
  });

  it("align painted cells by their text, not their colour codes", () => {
    const paint = (s: string) => `<${s}>`;
    const table = textTable(["", "x"], [["a", { text: "1", paint }], ["bb", "22"]]);
    expect(table.split("\n")).toEqual(["     x", "--  --", "a   < 1>", "bb  22"]);
  });
});
