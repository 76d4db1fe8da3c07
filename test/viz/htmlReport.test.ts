import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScenarioReport } from "../../sim/report/reportTypes.ts";
import { formatBytes, formatUsd } from "../../viz/report/format.ts";
import { latencyGrid } from "../../viz/report/latencyChart.ts";
import { loadReportAssets } from "../../viz/report/loadReportAssets.ts";
import { MILESTONES } from "../../viz/report/recoveryChart.ts";
import { renderHtmlReport } from "../../viz/report/renderHtmlReport.ts";
import { BARE_SCENARIO, OUTAGE_SCENARIO, bodyAttributes, chartsIn, countOf, dumpDom, findChromium, scenarioReportOf, sectionOf } from "./support.ts";

const chromium = findChromium();

// Without Chromium the report's page is untested: fine on a laptop, never in CI.
describe.skipIf(!chromium && !process.env.CI)("the HTML report, opened in headless Chromium", () => {
  const dir = mkdtempSync(join(tmpdir(), "bytepath-report-"));
  let outage: ScenarioReport;
  let bare: ScenarioReport;
  const doms: Record<"outage" | "bare" | "broken" | "silent", string> = { outage: "", bare: "", broken: "", silent: "" };

  beforeAll(async () => {
    if (!chromium) throw new Error(`Chromium not found at ${process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"}: CI must install it (apt-get install chromium) or set CHROMIUM_PATH`);
    outage = scenarioReportOf(OUTAGE_SCENARIO);
    bare = scenarioReportOf(BARE_SCENARIO);
    // A report whose first run lost its cost totals: the cost section must fail alone.
    const broken = structuredClone(outage);
    (broken.runs[0].cost as { totals: unknown }).totals = null;
    // A report whose first run measured no latency: its result reads 0 ms, its produce p99 threshold no value.
    const silent = structuredClone(outage);
    Object.assign(silent.runs[0].result, { publishLatency50pct: 0, publishLatency99pct: 0, publishLatency999pct: 0, endToEndLatency50pct: 0, endToEndLatency99pct: 0 });
    silent.runs[0].result.intervals.publishLatency = [];
    silent.runs[0].result.intervals.endToEndLatency = [];
    Object.assign(silent.thresholds[0], { measured: null, margin: null, pass: false, note: "no records were acknowledged in the measured span: fails" });
    const assets = await loadReportAssets();
    const pages = { outage, bare, broken, silent };
    await Promise.all(
      (Object.keys(pages) as (keyof typeof pages)[]).map(async (name) => {
        const file = join(dir, `${name}.html`);
        writeFileSync(file, renderHtmlReport(pages[name], assets));
        doms[name] = await dumpDom(chromium, file);
      }),
    );
    // Three browser starts on two busy cores can take a while; the page itself draws in well under a second.
  }, 150_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("draws every section of a two-architecture report with a fault, and says it is ready with no errors", () => {
    const body = bodyAttributes(doms.outage);
    expect(body["data-errors"]).toBeUndefined();
    expect(body["data-ready"]).toBe("true");
    expect([...chartsIn(doms.outage).keys()].sort()).toEqual(["cost-by-category", "cost-by-path", "cross-zone-bytes", "cross-zone-rate", "end-to-end-p99", "produce-p99", "recovery-0"]);
    for (const id of ["glance", "scorecard", "latency", "cross-zone", "recovery", "cost", "thresholds"]) expect(sectionOf(doms.outage, id)).not.toBe("");
  });

  it("draws one latency line per architecture, broken where an interval recorded nothing, with a dot per recorded interval", () => {
    const charts = chartsIn(doms.outage);
    for (const [chart, key] of [["produce-p99", "publishLatency"], ["end-to-end-p99", "endToEndLatency"]] as const) {
      const svg = charts.get(chart)!;
      const paths = [...svg.matchAll(/<path class="series" d="([^"]*)"[^>]*data-architecture="([^"]+)"/g)];
      expect(paths.map((p) => p[2])).toEqual(outage.runs.map((r) => r.architecture));
      outage.runs.forEach((run, i) => {
        const recorded = latencyGrid(run, key).map((p) => p.p99 !== null);
        // A sub-path starts at every recorded interval whose predecessor recorded nothing.
        const pieces = recorded.filter((r, k) => r && (k === 0 || !recorded[k - 1])).length;
        expect(countOf(paths[i][1], /M/g)).toBe(pieces);
      });
      const recordedTotal = outage.runs.reduce((sum, run) => sum + latencyGrid(run, key).filter((p) => p.p99 !== null).length, 0);
      expect(countOf(svg, /class="dot"/g)).toBe(recordedTotal);
      expect(countOf(svg, /class="fault-window"/g)).toBe(outage.scenario.faults.length);
      expect(countOf(svg, /class="narrative-mark"/g)).toBe(outage.scenario.narrative.length);
    }
    // Kafka acknowledged nothing for part of the outage, so its produce line has a gap.
    const kafka = latencyGrid(outage.runs[0], "publishLatency");
    expect(kafka.some((p) => p.p99 === null)).toBe(true);
  });

  it("stacks one cross-zone segment per flow class that crossed zones, each bar totalling the run's cross-zone bytes", () => {
    const svg = chartsIn(doms.outage).get("cross-zone-bytes")!;
    const segments = outage.runs.reduce((sum, run) => sum + Object.values(run.result.bytes).filter((b) => b.crossZone > 0).length, 0);
    expect(countOf(svg, /class="segment"/g)).toBe(segments);
    const totals = [...svg.matchAll(/class="bar-total-value">([^<]*)</g)].map((m) => m[1]);
    expect(totals).toEqual(outage.runs.map((run) => formatBytes(run.result.crossZoneBytes)));
    expect(countOf(chartsIn(doms.outage).get("cross-zone-rate")!, /class="area"/g)).toBeGreaterThan(0);
  });

  it("marks every recovery milestone of every architecture, outlined when it never happened in the window", () => {
    const svg = chartsIn(doms.outage).get("recovery-0")!;
    expect(countOf(svg, /class="milestone-bar( missing)?"/g)).toBe(MILESTONES.length * outage.runs.length);
    const missing = outage.runs.reduce((sum, run) => sum + MILESTONES.filter((m) => run.recovery[0][m.key] === null).length, 0);
    expect(countOf(svg, /class="milestone-bar missing"/g)).toBe(missing);
  });

  it("prints each architecture's monthly cost as the sum of its categories and of its byte paths", () => {
    for (const chart of ["cost-by-category", "cost-by-path"]) {
      const totals = [...chartsIn(doms.outage).get(chart)!.matchAll(/class="bar-total-value">([^<]*)</g)].map((m) => m[1]);
      expect(totals).toEqual(outage.runs.map((run) => formatUsd(run.cost.totals.usdPerMonth)));
    }
    expect(sectionOf(doms.outage, "cost")).toContain(outage.runs[0].cost.extrapolation.statement);
  });

  it("colours every scorecard cell by its state and lists every threshold outcome with its verdict", () => {
    const states = [...sectionOf(doms.outage, "scorecard").matchAll(/data-state="([^"]+)"/g)].map((m) => m[1]);
    const { scorecard } = outage;
    expect(states).toEqual(scorecard.architectures.flatMap((a) => scorecard.areas.map((area) => scorecard.cells.find((c) => c.architecture === a && c.area === area)!.state)));
    expect(states).toContain("blocked");
    const thresholds = sectionOf(doms.outage, "thresholds");
    expect(countOf(thresholds, /class="verdict verdict-/g)).toBe(outage.thresholds.length);
    expect(countOf(thresholds, /class="verdict verdict-pass"/g)).toBe(outage.thresholds.filter((o) => o.pass).length);
  });

  it("shows latencies with no measured record as a dash at a glance, and an unmeasured threshold as no value", () => {
    const glance = sectionOf(doms.silent, "glance");
    expect(glance).toMatch(/Produce latency p50 \/ p99 \/ p99\.9<\/th><td>– \/ – \/ –<\/td><td>\d/);
    expect(glance).toMatch(/End-to-end latency p50 \/ p99<\/th><td>– \/ –<\/td><td>\d/);
    expect(glance).not.toContain("0 ms");
    const thresholds = sectionOf(doms.silent, "thresholds");
    expect(thresholds).toContain('<td class="number">no value</td>');
    expect(countOf(thresholds, />no value</g)).toBe(1);
  });

  it("draws a one-architecture report without faults, thresholds or narrative, saying what is absent", () => {
    const body = bodyAttributes(doms.bare);
    expect(body["data-errors"]).toBeUndefined();
    expect(body["data-ready"]).toBe("true");
    expect([...chartsIn(doms.bare).keys()].sort()).toEqual(["cost-by-category", "cost-by-path", "cross-zone-bytes", "cross-zone-rate", "end-to-end-p99", "produce-p99"]);
    expect(sectionOf(doms.bare, "recovery")).toContain("no faults");
    expect(sectionOf(doms.bare, "thresholds")).toContain("sets no thresholds");
    expect(countOf(sectionOf(doms.bare, "scorecard"), /data-state="accepted-risk"/g)).toBe(bare.scorecard.areas.length);
    expect(doms.bare).not.toContain('id="narrative"');
  });

  it("shows a failing section's error in its place, records it, and still draws every other section", () => {
    const body = bodyAttributes(doms.broken);
    expect(body["data-ready"]).toBe("false");
    // The glance table reads the totals too; every other section draws as before.
    expect(body["data-errors"].split("\n").map((line) => line.split(":")[0])).toEqual(["glance", "cost"]);
    expect(body["data-errors"]).toContain("TypeError");
    for (const id of ["glance", "cost"]) expect(sectionOf(doms.broken, id)).toContain('class="chart-error"');
    expect([...chartsIn(doms.broken).keys()].sort()).toEqual(["cross-zone-bytes", "cross-zone-rate", "end-to-end-p99", "produce-p99", "recovery-0"]);
  });
});
