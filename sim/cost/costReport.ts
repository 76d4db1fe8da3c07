// The cost of a metered run as plain data: line items for the whole measured stretch and for each state, totals by
// category and byte path, every figure a monthly rate, with the extrapolation and the sizing assumptions stated in
// the report itself ("20 simulated s × 129,600 = 30-day month"; "storage sized for 3 days of retention").

import { InputError, requireNonNegative, requirePositive } from "../errors.ts";
import { BYTE_PATHS, COST_CATEGORIES, type BytePath, type CostCategory } from "./bytePaths.ts";
import { costLines, type CostLine, type ResolvedAssumptions } from "./costLines.ts";
import type { RunUsage } from "./meterRun.ts";
import { monthLabel, monthSeconds, type PriceBook } from "./priceBook.ts";
import { DEFAULT_RETENTION_MICROS, type RunFacts } from "./runProbe.ts";
import { usageWindow, type WindowUsage } from "./usageWindow.ts";

/** Sizing choices the run cannot measure; every one is echoed in the report. */
export interface CostAssumptions {
  /** Retention of object-store data, µs. Default: the model's configured retention.ms, else Kafka's 7 days. */
  retentionMicros?: number;
  /** Retention of log volumes, µs. Default: the model's local retention (tiered storage), else retentionMicros. */
  localRetentionMicros?: number;
  /** Free space on log volumes as a fraction of the retained bytes (0.125: volumes 12.5% larger). Default 0. */
  volumeHeadroomRatio?: number;
  /** Store classes holding retained data, extrapolated over retention (default ["standard"]); the others (the
   * models use S3 Express as an ingest buffer compacted into Standard) are billed at their measured mean. */
  retainedStoreClasses?: Array<"standard" | "express">;
}

/** How the simulated interval became a month. */
export interface Extrapolation {
  simulatedSeconds: number;
  monthSeconds: number;
  /** monthSeconds / simulatedSeconds. */
  factor: number;
  /** E.g. "20 simulated s × 129,600 = 30-day month". */
  statement: string;
}

/** Monthly totals. */
export interface CostTotals {
  usdPerMonth: number;
  byCategory: Record<CostCategory, number>;
  byPath: Record<BytePath, number>;
}

/** One state's cost: what a month would cost if the system stayed in that state. */
export interface StateCost {
  name: string;
  fromSeconds: number;
  toSeconds: number;
  extrapolation: Extrapolation;
  totals: CostTotals;
  lines: CostLine[];
}

/** The cost of one run. */
export interface CostReport {
  architecture: string;
  kind: string;
  book: { provider: string; region: string; gigabyte: "GB" | "GiB"; month: string; monthSeconds: number };
  /** Over the whole measured stretch (every state; warm-up excluded). */
  extrapolation: Extrapolation;
  /** Uncompressed bytes per second acknowledged to producers over the measured stretch: the load this bill carries. */
  publishedBytesPerSecond: number;
  assumptions: {
    instances: string;
    retentionSeconds: number;
    retentionFrom: string;
    localRetentionSeconds: number;
    volumeHeadroomRatio: number;
    retainedStoreClasses: string[];
  };
  lines: CostLine[];
  totals: CostTotals;
  states: StateCost[];
  notes: string[];
}

/** Prices a metered run with a book; throws InputError on bad assumptions or a book missing the instance type. */
export function costOfRun(usage: RunUsage, book: PriceBook, assumptions: CostAssumptions = {}): CostReport {
  const facts = usage?.facts;
  if (!facts || !Array.isArray(usage.states) || usage.states.length === 0) throw new InputError("usage", usage, "a metered run (meterRun's result) with at least one state");
  const { resolved, retentionFrom } = resolveAssumptions(facts, assumptions);
  const from = usage.states[0].fromMicros;
  const to = usage.states[usage.states.length - 1].toMicros;
  const span = usageWindow(usage, from, to);
  const lines = costLines(span, facts, book, resolved);
  const states = usage.states.map((s): StateCost => {
    const stateLines = costLines(usageWindow(usage, s.fromMicros, s.toMicros), facts, book, resolved);
    return { name: s.name, fromSeconds: s.fromMicros / 1e6, toSeconds: s.toMicros / 1e6, extrapolation: extrapolation(book, s.toMicros - s.fromMicros), totals: totalsOf(stateLines), lines: stateLines };
  });
  return {
    architecture: facts.architecture,
    kind: facts.kind,
    book: { provider: book.provider, region: book.region, gigabyte: book.gigabyte, month: monthLabel(book), monthSeconds: monthSeconds(book) },
    extrapolation: extrapolation(book, to - from),
    publishedBytesPerSecond: span.publishedBytes / span.seconds,
    assumptions: {
      instances: `${facts.brokers} × ${facts.instanceType}`,
      retentionSeconds: resolved.retentionSeconds,
      retentionFrom,
      localRetentionSeconds: resolved.localRetentionSeconds,
      volumeHeadroomRatio: resolved.volumeHeadroomRatio,
      retainedStoreClasses: [...resolved.retainedStoreClasses],
    },
    lines,
    totals: totalsOf(lines),
    states,
    notes: [...notesFor(facts, resolved, span), ...warningsFor(span, resolved)],
  };
}

/** Monthly totals of some lines. */
export function totalsOf(lines: readonly CostLine[]): CostTotals {
  const byCategory = Object.fromEntries(COST_CATEGORIES.map((c) => [c, 0])) as Record<CostCategory, number>;
  const byPath = Object.fromEntries(BYTE_PATHS.map((p) => [p, 0])) as Record<BytePath, number>;
  let usdPerMonth = 0;
  for (const line of lines) {
    byCategory[line.category] += line.usdPerMonth;
    byPath[line.path] += line.usdPerMonth;
    usdPerMonth += line.usdPerMonth;
  }
  return { usdPerMonth, byCategory, byPath };
}

/** The factor from a simulated interval to the book's month, and the sentence that says so. */
export function extrapolation(book: PriceBook, simulatedMicros: number): Extrapolation {
  const simulatedSeconds = requirePositive("simulatedMicros", simulatedMicros) / 1e6;
  const month = monthSeconds(book);
  const factor = month / simulatedSeconds;
  return { simulatedSeconds, monthSeconds: month, factor, statement: `${formatNumber(simulatedSeconds)} simulated s × ${formatNumber(factor)} = ${monthLabel(book)}` };
}

function resolveAssumptions(facts: RunFacts, a: CostAssumptions): { resolved: ResolvedAssumptions; retentionFrom: string } {
  if (typeof a !== "object" || a === null) throw new InputError("assumptions", a, "an object of cost assumptions");
  const retentionMicros = a.retentionMicros ?? facts.configuredRetentionMicros ?? DEFAULT_RETENTION_MICROS;
  requirePositive("assumptions.retentionMicros", retentionMicros);
  const localMicros = a.localRetentionMicros ?? facts.configuredLocalRetentionMicros ?? retentionMicros;
  requirePositive("assumptions.localRetentionMicros", localMicros);
  const headroom = requireNonNegative("assumptions.volumeHeadroomRatio", a.volumeHeadroomRatio ?? 0);
  const classes = a.retainedStoreClasses ?? ["standard"];
  if (!Array.isArray(classes) || classes.some((c) => c !== "standard" && c !== "express")) {
    throw new InputError("assumptions.retainedStoreClasses", classes, `a list of "standard" and "express"`);
  }
  const retentionFrom = a.retentionMicros !== undefined ? "cost assumptions"
    : facts.configuredRetentionMicros !== undefined ? `${facts.kind} configuration` : "Kafka's default log.retention.ms, the model having no retention knob";
  return {
    resolved: { retentionSeconds: retentionMicros / 1e6, localRetentionSeconds: localMicros / 1e6, volumeHeadroomRatio: headroom, retainedStoreClasses: classes },
    retentionFrom,
  };
}

function notesFor(facts: RunFacts, a: ResolvedAssumptions, span: WindowUsage): string[] {
  const days = formatDuration;
  const notes = [
    `Nobody simulates ${days(a.retentionSeconds)}: retained storage is the steady-state growth measured over ${formatNumber(span.seconds)} simulated s (a least-squares fit of stored and log bytes), kept for the retention (${days(a.retentionSeconds)}${span.volumes.some((v) => v.role === "log") ? `; log volumes ${days(a.localRetentionSeconds)}` : ""}) — not data that was simulated.`,
  ];
  if (span.volumes.some((v) => v.role === "log")) {
    notes.push(`Log volumes are provisioned at their retained bytes × ${formatNumber(1 + a.volumeHeadroomRatio, 3)} (headroom ${formatNumber(a.volumeHeadroomRatio * 100, 3)}%), rounded up to whole gigabytes per volume.`);
  }
  if (span.volumes.some((v) => v.role === "wal")) notes.push("WAL volumes are billed at their configured size and performance, whatever they hold.");
  if (span.stores.length > 0) {
    notes.push("S3 requests are split between byte paths in proportion to the bytes each flow class moved to or from the object store: the store counts requests by type, not by flow class.");
  }
  notes.push(`Compute bills the ${facts.brokers} brokers (or agents) for the whole month; client machines are not billed.`);
  return notes;
}

// Where a measured figure cannot carry the extrapolation, the report says so instead of billing nothing quietly.
function warningsFor(span: WindowUsage, a: ResolvedAssumptions): string[] {
  const out: string[] = [];
  for (const s of span.stores) {
    if (a.retainedStoreClasses.includes(s.storageClass) && s.bytesPut > 0 && s.storedGrowthBytesPerSecond <= 0) {
      out.push(`${s.name}: stored bytes did not grow over the span although ${formatNumber(s.bytesPut / 2 ** 20)} MiB were PUT (deletes kept pace, or uploads had not settled): no retention is billed for it; run longer than its upload or compaction cycle.`);
    }
  }
  if (span.publishedBytes > 0 && span.stores.every((s) => s.bytesPut === 0) && span.volumes.every((v) => v.role !== "log")) {
    out.push("Nothing reached retained storage over the span (no object-store PUTs, no log volumes): uploads may not have started; run longer than the upload interval to bill retention.");
  }
  return out;
}

/** A retention as people say it: "3 days", "6 h", "20 s". */
export function formatDuration(seconds: number): string {
  if (seconds >= 86_400) return `${formatNumber(seconds / 86_400)} days`;
  if (seconds >= 3_600) return `${formatNumber(seconds / 3_600)} h`;
  return `${formatNumber(seconds)} s`;
}

/** 129600 -> "129,600"; 20 -> "20"; 1.5 -> "1.5"; below 100, up to `digits` decimals (default 2). */
export function formatNumber(x: number, digits = 2): string {
  const rounded = Math.abs(x) >= 100 ? Math.round(x) : x;
  return rounded.toLocaleString("en-US", { maximumFractionDigits: digits });
}
