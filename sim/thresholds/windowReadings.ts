// Result and cost metrics over a window of a run (a fault's window or the steady stretch), from the report's
// per-interval data: the worst interval's latency, interval totals pro-rated by how much of each interval the
// window covers, and the time-weighted monthly rate of the cost states the window spans.

import type { CostTotals } from "../cost/costReport.ts";
import type { RunReport } from "../report/reportTypes.ts";
import { noRecordsNote } from "./latencyReadings.ts";
import type { Reading, ReadingContext } from "./metricCatalogue.ts";

/** A stretch of simulated time, seconds from the start of the run: [fromSeconds, toSeconds). */
export interface RunWindow {
  fromSeconds: number;
  toSeconds: number;
}

/** How much of [start, start + width) lies in the window, seconds. */
function overlapSeconds(start: number, width: number, span: RunWindow): number {
  return Math.max(0, Math.min(start + width, span.toSeconds) - Math.max(start, span.fromSeconds));
}

const trim = (x: number) => Number(x.toPrecision(12));

/** The worst interval's p50, p99 or max latency (ms) among the intervals the window touches that recorded any; null
 * with the reason when none did. */
export function latencyInWindow(run: RunReport, span: RunWindow, which: "publishLatency" | "endToEndLatency", stat: "p50" | "p99" | "max", context?: ReadingContext): Reading {
  const width = run.result.intervals.intervalSeconds;
  let worst: number | null = null;
  let count = 0;
  for (const interval of run.result.intervals[which]) {
    if (interval.count === 0 || overlapSeconds(interval.startSeconds, width, span) <= 0) continue;
    worst = Math.max(worst ?? 0, interval[stat]);
    count++;
  }
  if (worst === null) return { value: null, note: noRecordsNote(run, which, context, span) };
  return { value: worst, note: `worst ${stat} of the window's ${count} intervals (${width} s each)` };
}

/** The total of the named series over the window; an interval the window covers in part counts in proportion. */
export function seriesInWindow(run: RunReport, span: RunWindow, include: (name: string) => boolean): Reading {
  const { total, seconds } = totalInWindow(run, span, include);
  if (seconds <= 0) return { value: null, note: "the window holds no measured interval" };
  return { value: trim(total) };
}

/** The mean per-second rate of a series over the span. */
export function rateInWindow(run: RunReport, span: RunWindow, series: string): Reading {
  const { total, seconds } = totalInWindow(run, span, (name) => name === series);
  if (seconds <= 0) return { value: null, note: "the window holds no measured interval" };
  return { value: trim(total / seconds), note: "mean over the window's intervals" };
}

/** Cross-zone bytes per byte produced on the wire, over the span. The run's own ratio fixes the compression
 * between the uncompressed published series and wire bytes: wire bytes = cross-zone bytes / ratio. */
export function perProducedInWindow(run: RunReport, span: RunWindow): Reading {
  const crossZone = (name: string) => /^bytes\.[^.]+\.crossZone$/.test(name);
  const published = (name: string) => name === "publishedBytes";
  const all: RunWindow = { fromSeconds: 0, toSeconds: Number.POSITIVE_INFINITY };
  const publishedWindow = totalInWindow(run, span, published).total;
  if (publishedWindow === 0) return { value: null, note: "nothing was produced in the window" };
  const crossTotal = totalInWindow(run, all, crossZone).total;
  if (crossTotal === 0 || run.result.crossZoneBytesPerProducedByte === 0) return { value: 0 };
  const wirePerPublished = crossTotal / run.result.crossZoneBytesPerProducedByte / totalInWindow(run, all, published).total;
  return { value: trim(totalInWindow(run, span, crossZone).total / (publishedWindow * wirePerPublished)) };
}

/** The run's cross-zone bytes per produced byte; null when nothing was produced (no byte to divide by). */
export function perProducedOverRun(run: RunReport): Reading {
  const published = run.result.intervals?.series?.publishedBytes;
  if (Array.isArray(published) && published.every((v) => v === 0)) return { value: null, note: "nothing was produced in the run" };
  return { value: run.result.crossZoneBytesPerProducedByte };
}

function totalInWindow(run: RunReport, span: RunWindow, include: (name: string) => boolean): { total: number; seconds: number } {
  const { intervalSeconds: width, series } = run.result.intervals;
  let total = 0;
  let seconds = 0;
  let length = 0;
  for (const [name, values] of Object.entries(series)) {
    if (!include(name)) continue;
    length = Math.max(length, values.length);
    values.forEach((v, i) => {
      total += (v * overlapSeconds(i * width, width, span)) / width;
    });
  }
  // Time covered: the intervals the run has (every series spans the run; absent ones were all zero).
  const intervals = Math.max(length, Math.ceil(run.result.simulatedSeconds / width - 1e-9));
  for (let i = 0; i < intervals; i++) seconds += overlapSeconds(i * width, Math.min(width, run.result.simulatedSeconds - i * width), span);
  return { total, seconds };
}

/** The time-weighted monthly rate (USD/month) of the cost states the window overlaps. */
export function costInWindow(run: RunReport, span: RunWindow, pick: (totals: CostTotals) => number): Reading {
  let weighted = 0;
  let seconds = 0;
  const names = new Set<string>();
  for (const state of run.cost.states) {
    const overlap = Math.max(0, Math.min(state.toSeconds, span.toSeconds) - Math.max(state.fromSeconds, span.fromSeconds));
    if (overlap <= 0) continue;
    weighted += pick(state.totals) * overlap;
    seconds += overlap;
    names.add(state.name);
  }
  if (seconds <= 0) return { value: null, note: "no priced state in the window" };
  return { value: weighted / seconds, note: `time-weighted over the cost states ${[...names].join(", ")}` };
}
