// Marks on a chart's simulated-time axis: the warm-up (not measured), each fault's window shaded and named, and the
// narrative's steps as numbered markers matching the list at the top of the page.

import type { ScaleLinear } from "d3";
import type { FaultMarker, NarrativeStep } from "../../sim/report/reportTypes.ts";
import type { Frame } from "./chartFrame.ts";
import { formatSeconds } from "./format.ts";
import type { Tooltip } from "./tooltip.ts";

/** Shades [0, warmupSeconds) as the unmeasured warm-up. */
export function drawWarmup(frame: Frame, x: ScaleLinear<number, number>, warmupSeconds: number): void {
  if (!(warmupSeconds > 0)) return;
  const right = Math.min(frame.width, x(warmupSeconds));
  const g = frame.plot.insert("g", ":first-child").attr("class", "warmup");
  g.append("rect").attr("x", 0).attr("y", 0).attr("width", Math.max(0, right)).attr("height", frame.height);
  g.append("text").attr("x", 4).attr("y", frame.height - 6).text("warm-up");
}

/** Shades each fault's window (a line for an instantaneous fault); names it at the top when labelled. */
export function drawFaultWindows(frame: Frame, x: ScaleLinear<number, number>, faults: readonly FaultMarker[], tooltip: Tooltip, labelled = true): void {
  const [lo, hi] = x.domain();
  const g = frame.plot.insert("g", ":first-child").attr("class", "fault-windows");
  for (const fault of faults) {
    if (fault.atSeconds > hi) continue;
    const end = fault.atSeconds + (fault.durationSeconds ?? 0);
    const left = x(Math.max(lo, fault.atSeconds));
    const width = Math.max(2, x(Math.min(hi, end)) - left);
    const band = g.append("g").attr("class", "fault-window");
    band.append("rect").attr("x", left).attr("y", 0).attr("width", width).attr("height", frame.height);
    const lines = [fault.name, `${fault.kind} from ${formatSeconds(fault.atSeconds)}`, fault.durationSeconds === null ? "instantaneous" : `lasting ${formatSeconds(fault.durationSeconds)}`];
    band.on("mousemove", (event: MouseEvent) => tooltip.show(event, lines)).on("mouseleave", () => tooltip.hide());
    if (labelled) band.append("text").attr("class", "fault-label").attr("x", left + 4).attr("y", 13).text(fault.name);
  }
}

/** Numbered markers at each narrative step's time, above the plot, with a dotted rule down through it. */
export function drawNarrativeMarkers(frame: Frame, x: ScaleLinear<number, number>, steps: readonly NarrativeStep[], tooltip: Tooltip): void {
  const [lo, hi] = x.domain();
  const g = frame.plot.append("g").attr("class", "narrative-marks");
  steps.forEach((step, i) => {
    if (step.atSeconds < lo || step.atSeconds > hi) return;
    const mark = g.append("g").attr("class", "narrative-mark").attr("transform", `translate(${x(step.atSeconds)},0)`);
    mark.append("line").attr("y1", -8).attr("y2", frame.height);
    mark.append("circle").attr("cy", -14).attr("r", 8);
    mark.append("text").attr("y", -10).attr("text-anchor", "middle").text(String(i + 1));
    mark.on("mousemove", (event: MouseEvent) => tooltip.show(event, [`${i + 1}. ${step.title}`, `at ${formatSeconds(step.atSeconds)}`])).on("mouseleave", () => tooltip.hide());
  });
}
