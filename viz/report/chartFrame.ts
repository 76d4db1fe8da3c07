// What every chart of the page shares: the page context (colours, tooltip, architectures), an SVG frame with a
// plot area inside margins, axes with unit labels, HTML legends and notes. Charts are SVG in a fixed viewBox that
// scales to the page width, so text stays proportionate.

import { axisBottom, axisLeft, scaleLinear, select, type AxisScale, type Selection } from "d3";
import type { Tooltip } from "./tooltip.ts";

/** Width of every chart's viewBox, px; the page scales it to the column. */
export const CHART_WIDTH = 1080;

/** What charts need from the page. */
export interface PageContext {
  /** Architecture names in report order. */
  architectures: string[];
  colour(architecture: string): string;
  tooltip: Tooltip;
}

/** Margins around a plot area, px. */
export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** An SVG chart and its plot area; width and height are the plot area's, px. */
export interface Frame {
  svg: Selection<SVGSVGElement, unknown, null, undefined>;
  plot: Selection<SVGGElement, unknown, null, undefined>;
  width: number;
  height: number;
  margin: Margin;
}

/** Appends an SVG chart named `chart` (its data-chart attribute) with a plot area of plotHeight px. */
export function createFrame(host: HTMLElement, chart: string, label: string, plotHeight: number, margin: Margin): Frame {
  const height = plotHeight + margin.top + margin.bottom;
  const svg = select(host)
    .append("svg")
    .attr("class", "chart")
    .attr("data-chart", chart)
    .attr("viewBox", `0 0 ${CHART_WIDTH} ${height}`)
    .attr("role", "img")
    .attr("aria-label", label);
  const plot = svg.append("g").attr("transform", `translate(${margin.left},${margin.top})`);
  return { svg, plot, width: CHART_WIDTH - margin.left - margin.right, height: plotHeight, margin };
}

/** Ticks at round numbers of a unit (200 MiB, not 191 MiB): the axis end and tick values, in base units. */
export function unitTicks(max: number, unitSize: number, count = 6): { end: number; ticks: number[] } {
  const scaled = scaleLinear().domain([0, max > 0 ? max / unitSize : 1]).nice(count);
  return { end: scaled.domain()[1] * unitSize, ticks: scaled.ticks(count).map((t) => t * unitSize) };
}

/** Draws a bottom axis with a unit label under it; ticks is a count or the tick values. */
export function bottomAxis<D extends number>(frame: Frame, scale: AxisScale<D>, label: string, format: (d: D) => string, ticks: number | D[] = 8): void {
  const g = frame.plot.append("g").attr("class", "axis").attr("transform", `translate(0,${frame.height})`);
  const axis = axisBottom(scale).tickFormat((d) => format(d as D)).tickSizeOuter(0);
  if (Array.isArray(ticks)) axis.tickValues(ticks);
  else axis.ticks(ticks);
  g.call(axis);
  frame.plot.append("text").attr("class", "axis-label").attr("x", frame.width).attr("y", frame.height + 34).attr("text-anchor", "end").text(label);
}

/** Draws a left axis with light grid lines across the plot and a unit label along it. */
export function leftAxis<D extends number>(frame: Frame, scale: AxisScale<D>, label: string, format: (d: D) => string, tickValues?: D[]): void {
  const axis = axisLeft(scale).tickFormat((d) => format(d as D)).tickSizeOuter(0);
  if (tickValues) axis.tickValues(tickValues);
  else axis.ticks(5);
  const g = frame.plot.append("g").attr("class", "axis").call(axis);
  g.selectAll(".tick line").clone().attr("class", "grid").attr("x2", frame.width);
  if (label === "") return;
  frame.plot
    .append("text")
    .attr("class", "axis-label")
    .attr("transform", `translate(${16 - frame.margin.left},${frame.height / 2}) rotate(-90)`)
    .attr("text-anchor", "middle")
    .text(label);
}

/** A legend entry: a label and its colour, drawn as a swatch, a line or a dashed line. */
export interface LegendItem {
  label: string;
  colour: string;
  mark?: "swatch" | "line" | "dashed" | "band";
}

/** Appends an HTML legend (wraps with the page; readable without hovering). */
export function appendLegend(host: HTMLElement, items: readonly LegendItem[]): HTMLElement {
  const legend = select(host).append("div").attr("class", "legend");
  for (const item of items) {
    const entry = legend.append("span").attr("class", "legend-item");
    entry.append("span").attr("class", `legend-mark legend-${item.mark ?? "swatch"}`).style("--mark-colour", item.colour);
    entry.append("span").text(item.label);
  }
  return legend.node() as HTMLElement;
}

/** Appends a paragraph of explanatory text (class "note" or another). */
export function appendNote(host: HTMLElement, text: string, className = "note"): HTMLElement {
  return select(host).append("p").attr("class", className).text(text).node() as HTMLElement;
}

/** Appends a chart heading inside a section (h3). */
export function appendHeading(host: HTMLElement, text: string): HTMLElement {
  return select(host).append("h3").text(text).node() as HTMLElement;
}
