// Chart 2: bytes that crossed zones, by flow class, per architecture: the run's totals as stacked bars, and when the
// run kept per-interval byte series ("bytes.<flow>.crossZone"), the rate over time as stacked areas, one panel per
// architecture on a shared scale, fault windows shaded.

import { area, curveStepAfter, max, pointer, scaleLinear, stack } from "d3";
import type { RunReport, ScenarioReport } from "../../sim/report/reportTypes.ts";
import { appendHeading, appendLegend, appendNote, bottomAxis, createFrame, leftAxis, unitTicks, type PageContext } from "./chartFrame.ts";
import { byteUnit, formatByteRate, formatBytes, formatNumber, formatSeconds } from "./format.ts";
import { partPalette } from "./palette.ts";
import { stackedBars } from "./stackedBars.ts";
import { drawFaultWindows } from "./timeMarks.ts";

const SERIES = /^bytes\.(.+)\.crossZone$/;
// Panels shrink when there are many, so seven architectures still fit a screen or two.
const panelHeightFor = (panels: number) => (panels <= 3 ? 110 : 76);
const PANEL_GAP = 34;

/** Flow classes that moved cross-zone bytes in any run, in order of first appearance. */
export function crossZoneFlows(runs: readonly RunReport[]): string[] {
  const flows: string[] = [];
  for (const run of runs) {
    for (const [flow, bytes] of Object.entries(run.result.bytes ?? {})) if (bytes.crossZone > 0 && !flows.includes(flow)) flows.push(flow);
    for (const name of Object.keys(run.result.intervals.series ?? {})) {
      const flow = SERIES.exec(name)?.[1];
      if (flow && !flows.includes(flow)) flows.push(flow);
    }
  }
  return flows;
}

/** Renders the totals bars and, when the runs kept byte series, the rates over time. */
export function renderCrossZoneCharts(host: HTMLElement, report: ScenarioReport, page: PageContext): void {
  const flows = crossZoneFlows(report.runs);
  const colour = partPalette(flows);
  if (flows.length === 0) {
    appendNote(host, "No bytes crossed a zone boundary in any run.");
    return;
  }
  const unit = byteUnit(Math.max(...report.runs.map((run) => flows.reduce((sum, flow) => sum + (run.result.bytes?.[flow]?.crossZone ?? 0), 0))));
  stackedBars(host, page, {
    chart: "cross-zone-bytes",
    unitSize: unit.bytes,
    tickFormat: (bytes) => `${formatNumber(bytes / unit.bytes)} ${unit.name}`,
    title: "Cross-zone bytes over the run, by flow class",
    keys: flows,
    keyLabel: (flow) => flow,
    keyColour: colour,
    format: formatBytes,
    axisLabel: "bytes that crossed a zone",
    rows: report.runs.map((run) => ({
      label: run.architecture,
      colour: page.colour(run.architecture),
      values: Object.fromEntries(flows.map((flow) => [flow, run.result.bytes?.[flow]?.crossZone ?? 0])),
      note: `${formatNumber(run.result.crossZoneBytesPerProducedByte)} per produced byte`,
    })),
  });
  if (report.runs.some((run) => Object.keys(run.result.intervals.series ?? {}).some((name) => SERIES.test(name)))) {
    appendHeading(host, "Cross-zone bytes per second over simulated time, by flow class");
    appendLegend(host, flows.map((flow) => ({ label: flow, colour: colour(flow) })));
    ratePanels(host, report, page, flows, colour);
  }
}

/** Rows of bytes per second by flow, one per interval. */
function rateRows(run: RunReport, flows: readonly string[]): Record<string, number>[] {
  const { intervalSeconds, series } = run.result.intervals;
  const count = Math.max(0, ...flows.map((flow) => series?.[`bytes.${flow}.crossZone`]?.length ?? 0));
  const rows: Record<string, number>[] = [];
  for (let k = 0; k < count; k++) rows.push(Object.fromEntries(flows.map((flow) => [flow, Math.max(0, series?.[`bytes.${flow}.crossZone`]?.[k] ?? 0) / intervalSeconds])));
  return rows;
}

function ratePanels(host: HTMLElement, report: ScenarioReport, page: PageContext, flows: string[], colour: (flow: string) => string): void {
  const panels = report.runs.map((run) => ({ run, rows: rateRows(run, flows) }));
  const panelHeight = panelHeightFor(panels.length);
  const frame = createFrame(host, "cross-zone-rate", "Cross-zone bytes per second over simulated time", panels.length * (panelHeight + PANEL_GAP) - PANEL_GAP, { top: 30, right: 40, bottom: 44, left: 96 });
  const endSeconds = Math.max(report.scenario.simulatedSeconds, ...report.runs.map((r) => r.result.simulatedSeconds));
  const x = scaleLinear().domain([0, endSeconds]).range([0, frame.width]);
  const peak = Math.max(1, max(panels, ({ rows }) => max(rows, (row) => flows.reduce((sum, f) => sum + row[f], 0))) ?? 0);
  const unit = byteUnit(peak);
  const axis = unitTicks(peak, unit.bytes, 3);
  const y = scaleLinear().domain([0, axis.end]).range([panelHeight, 0]);
  const layers = stack<Record<string, number>>().keys(flows);
  panels.forEach(({ run, rows }, i) => {
    const intervalSeconds = run.result.intervals.intervalSeconds;
    const panel = { ...frame, plot: frame.plot.append("g").attr("transform", `translate(0,${i * (panelHeight + PANEL_GAP)})`), height: panelHeight };
    drawFaultWindows(panel, x, report.scenario.faults, page.tooltip, i === 0);
    leftAxis(panel, y, i === 0 ? "bytes/s" : "", (v) => `${formatNumber(v / unit.bytes)} ${unit.name}/s`, axis.ticks);
    panel.plot.append("text").attr("class", "panel-title").attr("x", 6).attr("y", -8).attr("fill", page.colour(run.architecture)).text(run.architecture);
    // Each row's value holds for its whole interval: step after the interval's start, closed at the run's end.
    const steps = [...rows, rows[rows.length - 1] ?? Object.fromEntries(flows.map((f) => [f, 0]))];
    const shape = area<[number, number]>()
      .curve(curveStepAfter)
      .x((_, k) => x(k * intervalSeconds))
      .y0((d) => y(d[0]))
      .y1((d) => y(d[1]));
    for (const layer of layers(steps)) panel.plot.append("path").attr("class", "area").attr("fill", colour(layer.key)).attr("d", shape(layer as unknown as [number, number][]));
    panel.plot.append("line").attr("class", "baseline").attr("x2", frame.width).attr("y1", panelHeight).attr("y2", panelHeight);
    panel.plot
      .append("rect")
      .attr("class", "hover-area")
      .attr("width", frame.width)
      .attr("height", panelHeight)
      .on("mousemove", (event: MouseEvent) => {
        const k = Math.floor(x.invert(pointer(event)[0]) / intervalSeconds);
        const row = rows[k];
        if (!row) return page.tooltip.hide();
        const total = flows.reduce((sum, f) => sum + row[f], 0);
        const lines = [`${run.architecture}, ${formatSeconds(k * intervalSeconds)} – ${formatSeconds((k + 1) * intervalSeconds)}`, `all flows: ${formatByteRate(total)}`];
        for (const f of flows) if (row[f] > 0) lines.push(`${f}: ${formatByteRate(row[f])}`);
        page.tooltip.show(event, lines);
      })
      .on("mouseleave", () => page.tooltip.hide());
  });
  bottomAxis(frame, x, "simulated time, s", (s) => formatSeconds(s));
}
