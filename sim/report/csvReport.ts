// A scenario report's time series as CSV: one row per architecture × interval with the interval's latency
// percentiles and every per-interval series the runs recorded (a series a run lacks is an empty cell).

import type { ScenarioReport } from "./reportTypes.ts";

/** A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV line of fields, without its line break. */
export function csvLine(fields: readonly (string | number | null)[]): string {
  return fields.map(csvField).join(",");
}

const LATENCY_COLUMNS = ["p50Ms", "p99Ms", "maxMs", "count"] as const;

/** The time series as CSV with a header row; lines end in \n. */
export function intervalsCsv(report: ScenarioReport): string {
  const seriesNames = [...new Set(report.runs.flatMap((r) => Object.keys(r.result.intervals.series)))].sort();
  const header = [
    "architecture",
    "intervalStartSeconds",
    "intervalSeconds",
    ...LATENCY_COLUMNS.map((c) => `publishLatency.${c}`),
    ...LATENCY_COLUMNS.map((c) => `endToEndLatency.${c}`),
    ...seriesNames,
  ];
  const lines = [csvLine(header)];
  for (const run of report.runs) {
    const { intervalSeconds, publishLatency, endToEndLatency, series } = run.result.intervals;
    const publish = new Map(publishLatency.map((i) => [i.startSeconds, i]));
    const endToEnd = new Map(endToEndLatency.map((i) => [i.startSeconds, i]));
    const count = Math.max(0, ...Object.values(series).map((v) => v.length), publishLatency.length, endToEndLatency.length);
    for (let i = 0; i < count; i++) {
      // Interval starts are multiples of the width; rounding keeps 0.1 × 3 from printing as 0.30000000000000004.
      const start = Number((i * intervalSeconds).toPrecision(12));
      const p = publish.get(start);
      const e = endToEnd.get(start);
      lines.push(
        csvLine([
          run.architecture,
          start,
          intervalSeconds,
          ...(p ? [p.p50, p.p99, p.max, p.count] : [null, null, null, null]),
          ...(e ? [e.p50, e.p99, e.max, e.count] : [null, null, null, null]),
          ...seriesNames.map((name) => series[name]?.[i] ?? null),
        ]),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
