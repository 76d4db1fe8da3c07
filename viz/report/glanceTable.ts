// The figures a reader compares first, side by side: one column per architecture, over the measured run.

import { select } from "d3";
import type { RunReport, ScenarioReport } from "../../sim/report/reportTypes.ts";
import type { PageContext } from "./chartFrame.ts";
import { formatByteRate, formatMs, formatNumber, formatUsd } from "./format.ts";

/** A whole-run latency as text: "7.9 ms", or "–" when no record was measured for it. The result writes 0 for a
 * percentile of an empty histogram; no record counted in any interval means no value (the terminal's rule, from
 * sim/thresholds/latencyReadings.ts), not 0 ms. */
function glanceLatency(run: RunReport, measure: "publishLatency" | "endToEndLatency", ms: number): string {
  const intervals: readonly { count: number }[] | undefined = run.result.intervals?.[measure];
  if (Array.isArray(intervals) && !intervals.some((i) => i.count > 0)) return "–";
  return formatMs(ms);
}

const FIGURES: { label: string; value: (run: RunReport) => string }[] = [
  { label: "Produce latency p50 / p99 / p99.9", value: (r) => [r.result.publishLatency50pct, r.result.publishLatency99pct, r.result.publishLatency999pct].map((ms) => glanceLatency(r, "publishLatency", ms)).join(" / ") },
  { label: "End-to-end latency p50 / p99", value: (r) => [r.result.endToEndLatency50pct, r.result.endToEndLatency99pct].map((ms) => glanceLatency(r, "endToEndLatency", ms)).join(" / ") },
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
