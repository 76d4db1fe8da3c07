// Chart 3: how each fault played out, per architecture: for every recovery milestone (detected, durability
// restored, produce p99 back under the SLO, consumer lag back to baseline) a bar from the fault's start to the
// moment it happened, on the simulated-time axis with the fault's window shaded; then the counts behind them.

import { scaleBand, scaleLinear, select } from "d3";
import type { RecoveryReport, RunReport, ScenarioReport } from "../../sim/report/reportTypes.ts";
import { appendHeading, appendNote, bottomAxis, createFrame, type PageContext } from "./chartFrame.ts";
import { formatBytes, formatMs, formatNumber, formatSeconds } from "./format.ts";

/** The milestones, as seconds after the fault's start. */
export const MILESTONES = [
  { key: "detectSeconds", label: "Detected" },
  { key: "durabilityRestoredSeconds", label: "Durability restored" },
  { key: "timeToSloSeconds", label: "p99 back under SLO" },
  { key: "lagBackToBaselineSeconds", label: "Lag back to baseline" },
] as const;

const ROW_HEIGHT = 16;
const GROUP_GAP = 12;

/** One fault as every run saw it. */
interface FaultRecoveries {
  index: number;
  name: string;
  kind: string;
  entries: { run: RunReport; recovery: RecoveryReport }[];
}

/** Groups the runs' recovery reports by fault index, in fault order. */
export function recoveriesByFault(report: ScenarioReport): FaultRecoveries[] {
  const byIndex = new Map<number, FaultRecoveries>();
  for (const run of report.runs) {
    for (const recovery of run.recovery ?? []) {
      let fault = byIndex.get(recovery.index);
      if (!fault) byIndex.set(recovery.index, (fault = { index: recovery.index, name: recovery.name, kind: recovery.kind, entries: [] }));
      fault.entries.push({ run, recovery });
    }
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

/** Renders one timeline and one table per fault; a note when the scenario has none. */
export function renderRecoveryCharts(host: HTMLElement, report: ScenarioReport, page: PageContext): void {
  const faults = recoveriesByFault(report);
  if (faults.length === 0) {
    appendNote(host, report.scenario.faults.length === 0 ? "This scenario has no faults, so there is no recovery to show." : "The runs reported no recovery for this scenario's faults.");
    return;
  }
  for (const fault of faults) {
    appendHeading(host, `${fault.name} (${fault.kind})`);
    timeline(host, fault, page);
    recoveryTable(host, fault, page);
  }
}

function timeline(host: HTMLElement, fault: FaultRecoveries, page: PageContext): void {
  const first = fault.entries[0].recovery;
  const start = first.startAtSeconds;
  const windowEnd = Math.max(...fault.entries.map((e) => e.recovery.windowEndAtSeconds));
  const rows = MILESTONES.flatMap((m, g) => fault.entries.map((e, i) => ({ milestone: m, group: g, first: i === 0, ...e })));
  const groups = MILESTONES.length;
  const perGroup = fault.entries.length;
  const frame = createFrame(host, `recovery-${fault.index}`, `Recovery timeline of ${fault.name}`, groups * perGroup * ROW_HEIGHT + (groups - 1) * GROUP_GAP + 6, { top: 26, right: 150, bottom: 44, left: 260 });
  const span = Math.max(1e-6, windowEnd - start);
  const x = scaleLinear().domain([start - span * 0.04, windowEnd]).range([0, frame.width]);
  const y = (group: number, i: number) => group * (perGroup * ROW_HEIGHT + GROUP_GAP) + i * ROW_HEIGHT;
  const band = scaleBand<number>().domain([0]).range([0, ROW_HEIGHT]).padding(0.18);
  // The fault's own window, then the measurement window's end: after it, nothing counts as this fault's recovery.
  const faultWindow = frame.plot.append("g").attr("class", "fault-windows");
  faultWindow.append("rect").attr("class", "fault-window-rect").attr("x", x(start)).attr("width", Math.max(2, x(first.endAtSeconds) - x(start))).attr("height", frame.height);
  faultWindow.append("text").attr("class", "fault-label").attr("x", x(start) + 4).attr("y", -8).text(`${fault.name}: ${formatSeconds(first.endAtSeconds - start)}`);
  frame.plot.append("line").attr("class", "window-end").attr("x1", x(windowEnd)).attr("x2", x(windowEnd)).attr("y1", -4).attr("y2", frame.height);
  frame.plot.append("text").attr("class", "axis-label").attr("x", x(windowEnd)).attr("y", -8).attr("text-anchor", "end").text("window ends");
  bottomAxis(frame, x, "simulated time, s", (s) => formatSeconds(s), 8);
  for (const row of rows) {
    const top = y(row.group, fault.entries.findIndex((e) => e.run === row.run));
    const g = frame.plot.append("g").attr("class", "milestone").attr("transform", `translate(0,${top})`);
    if (row.first) g.append("text").attr("class", "milestone-label").attr("x", -110).attr("y", ROW_HEIGHT / 2).attr("dy", "0.35em").attr("text-anchor", "end").text(row.milestone.label);
    g.append("text").attr("class", "row-architecture").attr("x", -12).attr("y", ROW_HEIGHT / 2).attr("dy", "0.35em").attr("text-anchor", "end").attr("fill", page.colour(row.run.architecture)).text(row.run.architecture);
    const seconds = row.recovery[row.milestone.key];
    const colour = page.colour(row.run.architecture);
    const barTop = band(0) ?? 0;
    const reached = seconds !== null && Number.isFinite(seconds);
    const endX = reached ? x(row.recovery.startAtSeconds + seconds) : x(windowEnd);
    const bar = g.append("rect").attr("class", reached ? "milestone-bar" : "milestone-bar missing").attr("x", x(row.recovery.startAtSeconds)).attr("y", barTop).attr("width", Math.max(2, endX - x(row.recovery.startAtSeconds))).attr("height", band.bandwidth());
    if (reached) bar.attr("fill", colour);
    else bar.attr("stroke", colour);
    g.append("text").attr("class", "milestone-value").attr("x", endX + 6).attr("y", ROW_HEIGHT / 2).attr("dy", "0.35em").text(reached ? `+${formatSeconds(seconds)}` : "not within the window");
    const detail = row.milestone.key === "detectSeconds" && row.recovery.detectedBy ? ` (${row.recovery.detectedBy})` : "";
    g.on("mousemove", (event: MouseEvent) => page.tooltip.show(event, [`${row.run.architecture}: ${row.milestone.label.toLowerCase()}`, reached ? `${formatSeconds(seconds)} after the fault began${detail}` : "did not happen before the window ended"])).on("mouseleave", () => page.tooltip.hide());
  }
}

/** The counts behind the timeline, one column per architecture. */
const FIGURES: { label: string; value: (r: RecoveryReport, run: RunReport) => string }[] = [
  { label: "Detected by", value: (r) => r.detectedBy ?? "–" },
  { label: "Offline partitions (max) / time offline", value: (r) => `${formatNumber(r.offlinePartitionsMax)} / ${formatSeconds(r.offlineSeconds)}` },
  { label: "Under-replicated partitions (max)", value: (r) => formatNumber(r.underReplicatedPartitionsMax) },
  { label: "Reassignment completed", value: (r) => (r.reassignmentCompletedSeconds === null ? "–" : `+${formatSeconds(r.reassignmentCompletedSeconds)}`) },
  { label: "Produce errors / retries", value: (r) => `${formatNumber(r.produceErrors)} / ${formatNumber(r.produceRetries)}` },
  { label: "Worst interval produce p99 (SLO)", value: (r, run) => `${r.produceP99MaxMs === null ? "–" : formatMs(r.produceP99MaxMs)} (${formatMs(run.slo.produceP99Ms)})` },
  { label: "Consumer lag, max (baseline)", value: (r) => `${formatBytes(r.lagMaxBytes)} (${r.lagBaselineBytes === null ? "–" : formatBytes(r.lagBaselineBytes)})` },
  { label: "Acknowledged records lost", value: (r) => `${formatNumber(r.ackedRecordsLost)} (${formatBytes(r.ackedBytesLost)})` },
  { label: "Recovery bytes (cross-zone)", value: (r) => `${formatBytes(r.recoveryBytes)} (${formatBytes(r.recoveryCrossZoneBytes)})` },
];

function recoveryTable(host: HTMLElement, fault: FaultRecoveries, page: PageContext): void {
  const table = select(host).append("table").attr("class", "figures");
  const head = table.append("thead").append("tr");
  head.append("th").text("");
  for (const { run } of fault.entries) head.append("th").append("span").attr("class", "arch-name").style("--arch-colour", page.colour(run.architecture)).text(run.architecture);
  const body = table.append("tbody");
  for (const figure of FIGURES) {
    const tr = body.append("tr");
    tr.append("th").attr("scope", "row").text(figure.label);
    for (const { run, recovery } of fault.entries) tr.append("td").text(figure.value(recovery, run));
  }
}
