// The figures a reader compares first, side by side: one column per architecture, over the measured run.

import { select } from "d3";
import type { RunReport, ScenarioReport } from "../../sim/report/reportTypes.ts";
import type { PageContext } from "./chartFrame.ts";
import { formatByteRate, formatMs, formatNumber, formatUsd } from "./format.ts";

const FIGURES: { label: string; value: (run: RunReport) => string }[] = [
  { label: "Produce latency p50 / p99 / p99.9", value: (r) => `${formatMs(r.result.publishLatency50pct)} / ${formatMs(r.result.publishLatency99pct)} / ${formatMs(r.result.publishLatency999pct)}` },
  { label: "End-to-end latency p50 / p99", value: (r) => `${formatMs(r.result.endToEndLatency50pct)} / ${formatMs(r.result.endToEndLatency99pct)}` },
  { label: "Published / consumed", value: (r) => `${formatByteRate(r.result.publishBytesRate)} / ${formatByteRate(r.result.consumeBytesRate)}` },
  { label: "Produce errors", value: (r) => formatNumber(r.result.produceErrors) },
  { label: "Cross-zone bytes per produced byte", value: (r) => formatNumber(r.result.crossZoneBytesPerProducedByte) },
  { label: "Cost per month", value: (r) => (r.cost ? formatUsd(r.cost.totals.usdPerMonth) : "–") },
  { label: "Invariants", value: (r) => (r.result.invariants.violations.length === 0 ? "all held" : `${r.result.invariants.violations.length} broken`) },
];

/** Renders the at-a-glance table. */
export function renderGlance(host: HTMLElement, report: ScenarioReport, page: PageContext): void {
  const table = select(host).append("table").attr("class", "figures glance").attr("data-chart", "glance");
  const head = table.append("thead").append("tr");
  head.append("th").text("");
  for (const run of report.runs) head.append("th").attr("scope", "col").append("span").attr("class", "arch-name").style("--arch-colour", page.colour(run.architecture)).text(run.architecture);
  const body = table.append("tbody");
  for (const figure of FIGURES) {
    const tr = body.append("tr");
    tr.append("th").attr("scope", "row").text(figure.label);
    for (const run of report.runs) tr.append("td").text(figure.value(run));
  }
  const broken = report.runs.flatMap((run) => run.result.invariants.violations.map((v) => `${run.architecture}: ${v}`));
  if (broken.length > 0) {
    const list = select(host).append("ul").attr("class", "violations");
    for (const line of broken) list.append("li").text(line);
  }
}
