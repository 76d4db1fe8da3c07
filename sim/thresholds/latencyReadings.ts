// Latency readings that know when there is nothing to read: a percentile of an empty histogram is no value, not
// 0 ms, so a latency metric reads null — with why — when no record was measured for it in the span.

import type { RunReport } from "../report/reportTypes.ts";
import type { Reading, ReadingContext } from "./metricCatalogue.ts";
import type { RunWindow } from "./windowReadings.ts";

/** The latency measurements of a run, by OMB's field prefix. */
export type LatencyMeasure = "publishLatency" | "endToEndLatency" | "publishDelayLatency";

// OMB's consumerBacklogSizeGB counts GiB (WorkloadGenerator multiplies by 1024³); the note speaks its unit.
const OMB_GB = 1024 ** 3;

const sum = (values: readonly number[]) => values.reduce((total, v) => total + (Number.isFinite(v) ? v : 0), 0);

/** Records the measure's per-interval histograms hold over the measured run (their counts summed); null when the
 * result carries no per-interval counts for it (publish delay, or a report without intervals). */
export function measuredRecordCount(run: RunReport, measure: LatencyMeasure): number | null {
  if (measure === "publishDelayLatency") return null;
  const intervals = run.result.intervals?.[measure];
  return Array.isArray(intervals) ? sum(intervals.map((i) => i.count)) : null;
}

/** Why a measure holds no records in a span (the whole measured run when `span` is absent), e.g. "no records were
 * consumed in the measured span (consumers never started: backlog of 100 GB not reached; 2.93 GB published)". */
export function noRecordsNote(run: RunReport, measure: LatencyMeasure, context?: ReadingContext, span?: RunWindow): string {
  if (measure === "publishLatency") return "no records were acknowledged in the measured span";
  if (measure === "publishDelayLatency") return "no records were acknowledged in the measured span (and none that waited for buffer space was sent)";
  const why = consumersWaiting(run, context, span);
  return `no records were consumed in the measured span${why === undefined ? "" : ` (${why})`}`;
}

// Consumers in OMB's backlog mode start once producers have published the backlog: if the run's published bytes
// (uncompressed, as the model compares them) never reached it, they never started; if the bytes published by the
// end of the intervals the span touches fall short of it, they had not started by the span's end.
function consumersWaiting(run: RunReport, context: ReadingContext | undefined, span: RunWindow | undefined): string | undefined {
  const backlog = context?.consumerBacklogBytes ?? 0;
  const published = run.result.intervals?.series?.publishedBytes;
  if (!(backlog > 0) || !Array.isArray(published)) return undefined;
  const gb = (bytes: number) => `${Number((bytes / OMB_GB).toPrecision(3))} GB`;
  const total = sum(published);
  if (total < backlog) return `consumers never started: backlog of ${gb(backlog)} not reached; ${gb(total)} published`;
  if (span === undefined) return undefined;
  const width = run.result.intervals.intervalSeconds;
  // Every interval that starts before the span ends, whole: at least what was published by then.
  const byEnd = sum(published.filter((_, i) => i * width < span.toSeconds));
  if (byEnd < backlog) return `consumers had not started by the span's end: backlog of ${gb(backlog)} not reached`;
  return undefined;
}

/** A whole-run latency field of the result (ms), e.g. publishLatency99pct; null with the reason when no record was
 * measured for it. Publish delay, whose count the result does not carry, reads null only when nothing was
 * acknowledged and no delay was recorded: with records acknowledged, an empty delay histogram means none waited. */
export function latencyOverRun(run: RunReport, measure: LatencyMeasure, field: string, context?: ReadingContext): Reading {
  const fields = run.result as unknown as Record<string, number | undefined>;
  const v = fields[field];
  if (v === undefined || v === null) return { value: null };
  if (measure === "publishDelayLatency") {
    const acknowledged = measuredRecordCount(run, "publishLatency");
    if (acknowledged === 0 && !((fields.publishDelayLatencyMax ?? 0) > 0)) return { value: null, note: noRecordsNote(run, measure, context) };
    return { value: v };
  }
  const count = measuredRecordCount(run, measure);
  if (count === 0) return { value: null, note: noRecordsNote(run, measure, context) };
  return { value: v };
}
