// Horizontal stacked bars, one row per architecture and one segment per part (a flow class, a cost category, a
// byte path): each row's total printed at its end, wide segments labelled with their value, every segment
// explained on hover.

import { scaleBand, scaleLinear } from "d3";
import { appendHeading, appendLegend, bottomAxis, createFrame, unitTicks, type PageContext } from "./chartFrame.ts";

/** One bar: an architecture's values by part key. */
export interface BarRow {
  label: string;
  colour: string;
  values: Record<string, number>;
  /** Printed after the total, e.g. "1.99 cross-zone bytes per produced byte". */
  note?: string;
}

/** What to draw and how to name it. */
export interface StackedBarsOptions {
  /** The SVG's data-chart name. */
  chart: string;
  title: string;
  /** Parts in stacking order. */
  keys: readonly string[];
  keyLabel(key: string): string;
  keyColour(key: string): string;
  format(value: number): string;
  axisLabel: string;
  /** Ticks fall on round multiples of this unit (e.g. 1 MiB); the tick labels use tickFormat (default format). */
  unitSize?: number;
  tickFormat?(value: number): string;
  rows: readonly BarRow[];
}

const ROW_HEIGHT = 34;
// Segments narrower than this carry their value in the tooltip only.
const LABEL_MIN_WIDTH = 64;

/** Appends the legend of the parts and the bars. */
export function stackedBars(host: HTMLElement, page: PageContext, options: StackedBarsOptions): void {
  const { keys, rows } = options;
  appendHeading(host, options.title);
  appendLegend(host, keys.map((key) => ({ label: options.keyLabel(key), colour: options.keyColour(key) })));
  const frame = createFrame(host, options.chart, options.title, Math.max(1, rows.length) * ROW_HEIGHT, { top: 8, right: 250, bottom: 44, left: 150 });
  const totals = rows.map((row) => keys.reduce((sum, key) => sum + Math.max(0, row.values[key] ?? 0), 0));
  const axis = unitTicks(Math.max(...totals, 0), options.unitSize ?? 1);
  const x = scaleLinear().domain([0, axis.end]).range([0, frame.width]);
  const y = scaleBand<number>().domain(rows.map((_, i) => i)).range([0, frame.height]).padding(0.25);
  bottomAxis(frame, x, options.axisLabel, options.tickFormat ?? options.format, axis.ticks);
  frame.plot.selectAll(".axis .tick line").clone().attr("class", "grid").attr("y2", -frame.height);
  rows.forEach((row, i) => {
    const top = y(i) ?? 0;
    const g = frame.plot.append("g").attr("class", "bar-row").attr("data-row", row.label);
    const label = g.append("g").attr("class", "row-label").attr("transform", `translate(-12,${top + y.bandwidth() / 2})`);
    label.append("text").attr("text-anchor", "end").attr("dy", "0.35em").attr("x", -16).text(row.label);
    label.append("rect").attr("class", "row-swatch").attr("x", -10).attr("y", -5).attr("width", 10).attr("height", 10).attr("fill", row.colour);
    let left = 0;
    for (const key of keys) {
      const value = Math.max(0, row.values[key] ?? 0);
      if (value === 0) continue;
      const width = x(left + value) - x(left);
      const segment = g.append("g").attr("class", "segment");
      segment.append("rect").attr("x", x(left)).attr("y", top).attr("width", width).attr("height", y.bandwidth()).attr("fill", options.keyColour(key));
      if (width >= LABEL_MIN_WIDTH) {
        segment.append("text").attr("class", "segment-label").attr("x", x(left) + width / 2).attr("y", top + y.bandwidth() / 2).attr("dy", "0.35em").attr("text-anchor", "middle").text(options.format(value));
      }
      const share = totals[i] > 0 ? ` (${Math.round((100 * value) / totals[i])}% of ${options.format(totals[i])})` : "";
      segment.on("mousemove", (event: MouseEvent) => page.tooltip.show(event, [row.label, `${options.keyLabel(key)}: ${options.format(value)}${share}`])).on("mouseleave", () => page.tooltip.hide());
      left += value;
    }
    const total = g.append("text").attr("class", "bar-total").attr("x", x(totals[i]) + 8).attr("y", top + y.bandwidth() / 2).attr("dy", "0.35em");
    total.append("tspan").attr("class", "bar-total-value").text(options.format(totals[i]));
    if (row.note) total.append("tspan").attr("class", "bar-total-note").text(`  ${row.note}`);
  });
}
