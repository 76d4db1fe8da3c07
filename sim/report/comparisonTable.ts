// A side-by-side text table of run results: one column per architecture, one row per figure a reader compares
// first (latency percentiles, throughput, cross-zone bytes, object-store requests, bytes stored, invariants).

import type { RunResultSummary } from "../model/result.ts";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

interface Row {
  label: string;
  value: (r: RunResultSummary) => string;
}

const fixed = (digits: number) => (x: number) => (Number.isFinite(x) ? x.toFixed(digits) : "-");
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const figure = (r: RunResultSummary, key: string) => r.architectureFigures[key];
const optional = (x: number | undefined, format: (x: number) => string) => (x === undefined ? "-" : format(x));

const ROWS: Row[] = [
  { label: "publish p50 (ms)", value: (r) => ms(r.publishLatency50pct) },
  { label: "publish p99 (ms)", value: (r) => ms(r.publishLatency99pct) },
  { label: "publish p99.9 (ms)", value: (r) => ms(r.publishLatency999pct) },
  { label: "end-to-end p50 (ms)", value: (r) => ms(r.endToEndLatency50pct) },
  { label: "end-to-end p99 (ms)", value: (r) => ms(r.endToEndLatency99pct) },
  { label: "published (MiB/s)", value: (r) => fixed(1)(r.publishBytesRate / MiB) },
  { label: "consumed (MiB/s)", value: (r) => fixed(1)(r.consumeBytesRate / MiB) },
  { label: "produce errors", value: (r) => String(r.produceErrors) },
  { label: "cross-zone (MiB/s)", value: (r) => fixed(1)(r.crossZoneBytes / r.simulatedSeconds / MiB) },
  { label: "cross-zone per produced byte", value: (r) => fixed(3)(r.crossZoneBytesPerProducedByte) },
  { label: "to/from object store (MiB/s)", value: (r) => fixed(1)(r.objectStoreBytes / r.simulatedSeconds / MiB) },
  { label: "S3 PUT requests/s", value: (r) => optional(figure(r, "s3PutRequests"), (x) => fixed(1)(x / r.simulatedSeconds)) },
  { label: "S3 GET requests/s", value: (r) => optional(figure(r, "s3GetRequests"), (x) => fixed(1)(x / r.simulatedSeconds)) },
  { label: "broker NIC in/out, busiest (%)", value: (r) => `${fixed(0)(r.brokerNetwork.inMax * 100)}/${fixed(0)(r.brokerNetwork.outMax * 100)}` },
  { label: "stored on volumes (GiB)", value: (r) => optional(figure(r, "volumeStoredBytes"), (x) => fixed(2)(x / GiB)) },
  { label: "stored in S3 (GiB)", value: (r) => optional(figure(r, "s3StoredBytes"), (x) => fixed(2)(x / GiB)) },
  { label: "acked bytes lost", value: (r) => String(Math.round(r.invariants.ackedBytesLost)) },
  { label: "invariants", value: (r) => (r.invariants.violations.length === 0 ? "ok" : `${r.invariants.violations.length} broken`) },
];

/** Renders results side by side as a fixed-width text table. */
export function comparisonTable(results: readonly RunResultSummary[]): string {
  const header = ["", ...results.map((r) => r.architecture)];
  const body = ROWS.map((row) => [row.label, ...results.map((r) => row.value(r))]);
  const widths = header.map((_, c) => Math.max(...[header, ...body].map((line) => line[c].length)));
  const render = (line: string[]) => line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  return [render(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(render)].join("\n");
}
