// Chart 1: produce p99 and end-to-end p99 of every interval over simulated time, one line per architecture (a gap
// where an interval acknowledged nothing), on a log scale when the values span a wide range, with the fault
// windows shaded, the narrative's steps marked and the produce SLO of each run drawn dashed.

import { line, max, min, pointer, scaleLinear, scaleLog, type ScaleContinuousNumeric, type ScaleLinear } from "d3";
import type { RunReport, ScenarioReport } from "../../sim/report/reportTypes.ts";
import { appendHeading, appendLegend, bottomAxis, createFrame, leftAxis, type Frame, type LegendItem, type PageContext } from "./chartFrame.ts";
import { formatMs, formatSeconds } from "./format.ts";
import { drawFaultWindows, drawNarrativeMarkers, drawWarmup } from "./timeMarks.ts";

type LatencyKey = "publishLatency" | "endToEndLatency";

/** One interval's p99 at its midpoint, ms; null when the interval recorded nothing. */
interface Point {
  startSeconds: number;
  midSeconds: number;
  p99: number | null;
}

// Above this ratio between the largest and smallest value a linear axis flattens the steady state into the floor.
const LOG_SCALE_RATIO = 20;
// Up to this many intervals every recorded one gets a dot.
const DOTS_MAX = 240;

/** Renders the produce and end-to-end p99 charts into host. */
export function renderLatencyCharts(host: HTMLElement, report: ScenarioReport, page: PageContext): void {
  const legend: LegendItem[] = page.architectures.map((name) => ({ label: name, colour: page.colour(name), mark: "line" }));
  if (report.runs.some((r) => r.slo)) legend.push({ label: "produce p99 SLO of the run", colour: "#57606a", mark: "dashed" });
  if (report.scenario.faults.length > 0) legend.push({ label: "fault window", colour: "#e5534b", mark: "band" });
  appendLegend(host, legend);
  latencyChart(host, report, page, "publishLatency", "produce-p99", "Produce latency p99 per interval");
  latencyChart(host, report, page, "endToEndLatency", "end-to-end-p99", "End-to-end latency p99 per interval");
}

/** The interval p99s of a run on a full grid of intervals from 0 to the run's end. */
export function latencyGrid(run: RunReport, key: LatencyKey): Point[] {
  const width = run.result.intervals.intervalSeconds;
  const count = Math.max(0, Math.ceil(run.result.simulatedSeconds / width - 1e-9));
  const p99 = new Array<number | null>(count).fill(null);
  for (const interval of run.result.intervals[key] ?? []) {
    const k = Math.round(interval.startSeconds / width);
    if (k >= 0 && k < count && interval.count > 0 && Number.isFinite(interval.p99) && interval.p99 > 0) p99[k] = interval.p99;
  }
  return p99.map((value, k) => ({ startSeconds: k * width, midSeconds: (k + 0.5) * width, p99: value }));
}

function latencyChart(host: HTMLElement, report: ScenarioReport, page: PageContext, key: LatencyKey, chart: string, title: string): void {
  const grids = report.runs.map((run) => ({ run, points: latencyGrid(run, key) }));
  const slos = key === "publishLatency" ? report.runs.filter((r) => r.slo && r.slo.produceP99Ms > 0).map((r) => ({ architecture: r.architecture, ms: r.slo.produceP99Ms })) : [];
  const values = grids.flatMap((g) => g.points.map((p) => p.p99).filter((v): v is number => v !== null));
  appendHeading(host, title);
  const frame = createFrame(host, chart, title, 240, { top: 26, right: 120, bottom: 44, left: 76 });
  if (values.length === 0) {
    frame.plot.append("text").attr("class", "empty").attr("x", frame.width / 2).attr("y", frame.height / 2).attr("text-anchor", "middle").text("No interval recorded a latency.");
    return;
  }
  const endSeconds = Math.max(report.scenario.simulatedSeconds, ...report.runs.map((r) => r.result.simulatedSeconds));
  const x = scaleLinear().domain([0, endSeconds]).range([0, frame.width]);
  const all = [...values, ...slos.map((s) => s.ms)];
  // d3's min and max, not Math's: a long run has more values than a call's arguments may hold.
  const lo = min(all) as number;
  const hi = max(all) as number;
  const log = hi / lo >= LOG_SCALE_RATIO;
  const y: ScaleContinuousNumeric<number, number> = log ? scaleLog().domain([lo / 1.4, hi * 1.4]).range([frame.height, 0]) : scaleLinear().domain([0, hi * 1.08]).nice().range([frame.height, 0]);
  drawWarmup(frame, x, warmupSeconds(report));
  drawFaultWindows(frame, x, report.scenario.faults, page.tooltip);
  leftAxis(frame, y, log ? "p99 (log scale)" : "p99", formatTick, log ? logTicks(y.domain() as [number, number]) : undefined);
  bottomAxis(frame, x, "simulated time, s", (s) => formatSeconds(s));
  for (const { run, points } of grids) {
    const colour = page.colour(run.architecture);
    const path = line<Point>()
      .defined((p) => p.p99 !== null)
      .x((p) => x(p.midSeconds))
      .y((p) => y(p.p99 as number));
    frame.plot.append("path").attr("class", "series").attr("d", path(points)).attr("stroke", colour).attr("data-architecture", run.architecture);
    // Dots keep isolated intervals (a lone interval between gaps) visible, as a line needs two points; on long runs
    // only those, or the dots would bury the lines.
    const lone = (k: number) => (points[k - 1]?.p99 ?? null) === null && (points[k + 1]?.p99 ?? null) === null;
    const dots = points.filter((p, k) => p.p99 !== null && (points.length <= DOTS_MAX || lone(k)));
    frame.plot.append("g").attr("fill", colour).selectAll("circle").data(dots).join("circle").attr("class", "dot").attr("cx", (p) => x(p.midSeconds)).attr("cy", (p) => y(p.p99 as number)).attr("r", 2);
  }
  const labelY = spreadLabels(slos.map((slo) => y(slo.ms)), 12);
  slos.forEach((slo, i) => {
    const g = frame.plot.append("g").attr("class", "slo");
    g.append("line").attr("x2", frame.width).attr("y1", y(slo.ms)).attr("y2", y(slo.ms)).attr("stroke", page.colour(slo.architecture));
    g.append("text").attr("x", frame.width + 6).attr("y", labelY[i]).attr("dy", "0.35em").attr("fill", page.colour(slo.architecture)).text(`SLO ${formatMs(slo.ms)}`);
  });
  drawNarrativeMarkers(frame, x, report.scenario.narrative, page.tooltip);
  hoverReadout(frame.plot, frame.width, frame.height, x, grids, report, page);
}

function hoverReadout(plot: Frame["plot"], width: number, height: number, x: ScaleLinear<number, number>, grids: { run: RunReport; points: Point[] }[], report: ScenarioReport, page: PageContext): void {
  const rule = plot.append("line").attr("class", "hover-rule").attr("y1", 0).attr("y2", height).style("display", "none");
  const intervalSeconds = grids[0]?.run.result.intervals.intervalSeconds ?? 1;
  plot
    .append("rect")
    .attr("class", "hover-area")
    .attr("width", width)
    .attr("height", height)
    .on("mousemove", (event: MouseEvent) => {
      const [px] = pointer(event);
      const k = Math.floor(x.invert(px) / intervalSeconds);
      const start = k * intervalSeconds;
      rule.style("display", null).attr("x1", x(start + intervalSeconds / 2)).attr("x2", x(start + intervalSeconds / 2));
      const faults = report.scenario.faults.filter((f) => f.atSeconds <= start && start < f.atSeconds + (f.durationSeconds ?? 0)).map((f) => f.name);
      const lines = [`${formatSeconds(start)} – ${formatSeconds(start + intervalSeconds)}${faults.length > 0 ? ` (during ${faults.join(", ")})` : ""}`];
      for (const { run, points } of grids) lines.push(`${run.architecture}: ${points[k]?.p99 != null ? formatMs(points[k].p99 as number) : "nothing recorded"}`);
      page.tooltip.show(event, lines);
    })
    .on("mouseleave", () => {
      rule.style("display", "none");
      page.tooltip.hide();
    });
}

/** Label positions near wanted (px), moved apart to at least gap px, in the same order. */
function spreadLabels(wanted: readonly number[], gap: number): number[] {
  const order = wanted.map((_, i) => i).sort((a, b) => wanted[a] - wanted[b]);
  const placed = [...wanted];
  for (let j = 1; j < order.length; j++) placed[order[j]] = Math.max(wanted[order[j]], placed[order[j - 1]] + gap);
  return placed;
}

function warmupSeconds(report: ScenarioReport): number {
  const run = report.runs[0];
  return run ? Math.max(0, run.result.simulatedSeconds - run.result.measuredSeconds) : 0;
}

function formatTick(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toPrecision(3))} s` : `${Number(ms.toPrecision(3))} ms`;
}

// Decades and their 2× and 5× steps inside the domain; only decades when that would crowd the axis.
function logTicks([lo, hi]: [number, number]): number[] {
  const ticks: number[] = [];
  for (let decade = 10 ** Math.floor(Math.log10(lo)); decade <= hi; decade *= 10) {
    for (const step of [1, 2, 5]) if (decade * step >= lo && decade * step <= hi) ticks.push(decade * step);
  }
  return ticks.length > 9 ? ticks.filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9) : ticks;
}
