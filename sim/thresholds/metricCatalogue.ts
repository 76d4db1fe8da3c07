// The metrics a threshold can judge: each with its canonical name, the friendly names people write, its dimension,
// the unit reports show it in, and how to read it from a RunReport over the whole run, a window of the run (a
// fault's or the steady stretch), or one fault's recovery report.

import { BYTE_PATHS, COST_CATEGORIES } from "../cost/bytePaths.ts";
import type { RecoveryReport, RunReport } from "../report/reportTypes.ts";
import { latencyOverRun } from "./latencyReadings.ts";
import { costInWindow, latencyInWindow, perProducedInWindow, perProducedOverRun, rateInWindow, seriesInWindow, type RunWindow } from "./windowReadings.ts";

/** What a metric measures, which decides the units its limit may be written in. */
export type Dimension = "time" | "bytes" | "byteRate" | "rate" | "count" | "ratio" | "usdPerMonth" | "usd";

/** A value read from a run, in the metric's display unit; null when the run cannot tell, with the reason. */
export interface Reading {
  value: number | null;
  note?: string;
}

/** What the scenario knows about a run that its report does not carry, for saying why a reading is null. */
export interface ReadingContext {
  /** Uncompressed bytes producers publish before consumers start (OMB consumerBacklogSizeGB); 0: none. */
  consumerBacklogBytes: number;
}

/** One metric of the catalogue. */
export interface Metric {
  /** Canonical name, e.g. "publishLatency99pct", "recovery.timeToSloSeconds", "cost.usdPerMonth". */
  id: string;
  /** Friendly names, e.g. "produce p99" (matched without regard to case). */
  aliases: readonly string[];
  dimension: Dimension;
  /** The unit reports show it in: "ms", "s", "bytes", "B/s", "/s", "count", "ratio", "USD/month" or "USD". */
  unit: string;
  /** One line for the reference. */
  meaning: string;
  /** Over the whole measured run. */
  whole?: (run: RunReport, context?: ReadingContext) => Reading;
  /** Over a window of the run (the steady stretch or a fault's window). */
  window?: (run: RunReport, window: RunWindow, context?: ReadingContext) => Reading;
  /** Over one fault, from its recovery report; preferred to `window` in a fault's scope. */
  fault?: (recovery: RecoveryReport) => Reading;
}

/** Base units (µs for time, else the display unit itself) per display unit. */
export function baseUnitsPerDisplayUnit(metric: Metric): number {
  if (metric.dimension !== "time") return 1;
  return metric.unit === "ms" ? 1_000 : 1_000_000;
}

const value = (v: number | null | undefined, note?: string): Reading => (v === undefined || v === null ? { value: null, note } : { value: v });

// ---- result metrics ---------------------------------------------------------------------------------------------

const PERCENTILES: ReadonlyArray<[suffix: string, names: string[], window?: "p50" | "p99" | "max"]> = [
  ["Avg", ["mean", "avg"]],
  ["50pct", ["p50"], "p50"],
  ["75pct", ["p75"]],
  ["95pct", ["p95"]],
  ["99pct", ["p99"], "p99"],
  ["999pct", ["p99.9", "p999"]],
  ["9999pct", ["p99.99", "p9999"]],
  ["Max", ["max"], "max"],
];

function latencyMetrics(prefix: "publishLatency" | "endToEndLatency" | "publishDelayLatency", words: string[], what: string): Metric[] {
  const intervals = prefix === "publishLatency" ? "publishLatency" : prefix === "endToEndLatency" ? "endToEndLatency" : undefined;
  return PERCENTILES.map(([suffix, names, windowStat]): Metric => {
    const id = `${prefix}${suffix}`;
    const metric: Metric = {
      id,
      aliases: words.flatMap((word) => names.map((name) => `${word} ${name}`)),
      dimension: "time",
      unit: "ms",
      meaning: `${what} ${names[0]}, ms (OMB's ${id})`,
      // An empty histogram's percentiles are no value, not 0 ms: null when no record was measured.
      whole: (run, context) => latencyOverRun(run, prefix, id, context),
    };
    if (intervals && windowStat) metric.window = (run, window, context) => latencyInWindow(run, window, intervals, windowStat, context);
    return metric;
  });
}

function rateMetric(id: "publishRate" | "consumeRate" | "publishBytesRate" | "consumeBytesRate", aliases: string[], series: string, meaning: string): Metric {
  const bytes = id.endsWith("BytesRate");
  return {
    id,
    aliases,
    dimension: bytes ? "byteRate" : "rate",
    unit: bytes ? "B/s" : "/s",
    meaning,
    whole: (run) => value(run.result[id]),
    window: (run, window) => rateInWindow(run, window, series),
  };
}

const RESULT_METRICS: Metric[] = [
  ...latencyMetrics("publishLatency", ["produce", "publish"], "Produce latency"),
  ...latencyMetrics("endToEndLatency", ["end-to-end"], "End-to-end latency"),
  ...latencyMetrics("publishDelayLatency", ["publish delay"], "Publish delay (time a full producer buffer held records back)"),
  rateMetric("publishRate", ["publish rate", "produce rate"], "publishedRecords", "Messages acknowledged per second (OMB publishRate)"),
  rateMetric("consumeRate", ["consume rate"], "consumedRecords", "Messages consumed per second, all subscriptions (OMB consumeRate)"),
  rateMetric("publishBytesRate", ["publish throughput", "produce throughput"], "publishedBytes", "Uncompressed bytes acknowledged per second"),
  rateMetric("consumeBytesRate", ["consume throughput"], "consumedBytes", "Uncompressed bytes consumed per second"),
  {
    id: "backlogBytes",
    aliases: ["backlog"],
    dimension: "bytes",
    unit: "bytes",
    meaning: "Bytes not yet consumed at the end of the run, all subscriptions (OMB backlog)",
    whole: (run) => value(run.result.backlogBytes),
  },
  {
    id: "produceErrors",
    aliases: ["produce errors"],
    dimension: "count",
    unit: "count",
    meaning: "Produce requests that failed; in a fault's scope, those of its window (its recovery report)",
    whole: (run) => value(run.result.produceErrors),
    window: (run, window) => seriesInWindow(run, window, (name) => name === "produceErrors"),
    fault: (recovery) => value(recovery.produceErrors),
  },
  {
    id: "crossZoneBytes",
    aliases: ["cross-zone bytes"],
    dimension: "bytes",
    unit: "bytes",
    meaning: "Bytes that crossed zones, every flow",
    whole: (run) => value(run.result.crossZoneBytes),
    window: (run, window) => seriesInWindow(run, window, (name) => /^bytes\.[^.]+\.crossZone$/.test(name)),
  },
  {
    id: "crossZoneBytesPerProducedByte",
    aliases: ["cross-zone bytes per produced byte"],
    dimension: "ratio",
    unit: "ratio",
    meaning: "Cross-zone bytes per byte produced (on the wire)",
    whole: perProducedOverRun,
    window: perProducedInWindow,
  },
  {
    id: "objectStoreBytes",
    aliases: ["object store bytes"],
    dimension: "bytes",
    unit: "bytes",
    meaning: "Bytes moved to and from object stores",
    whole: (run) => value(run.result.objectStoreBytes),
    window: (run, window) => seriesInWindow(run, window, (name) => /^bytes\.[^.]+\.objectStore$/.test(name)),
  },
  ...(["inMean", "inMax", "outMean", "outMax"] as const).map((key): Metric => ({
    id: `brokerNetwork.${key}`,
    aliases: [`broker network ${key.startsWith("in") ? "in" : "out"} ${key.endsWith("Mean") ? "mean" : "max"}`],
    dimension: "ratio",
    unit: "ratio",
    meaning: `Broker NIC utilisation ${key.startsWith("in") ? "in" : "out"}, ${key.endsWith("Mean") ? "mean over brokers" : "busiest broker"}, 0-1`,
    whole: (run) => value(run.result.brokerNetwork[key]),
  })),
  {
    id: "invariants.ackedBytesLost",
    aliases: [],
    dimension: "bytes",
    unit: "bytes",
    meaning: "Bytes acknowledged to producers and then lost, whole run",
    whole: (run) => value(run.result.invariants.ackedBytesLost),
  },
];

// ---- recovery metrics (per fault) ---------------------------------------------------------------------------------

type RecoveryField = { [K in keyof RecoveryReport]: RecoveryReport[K] extends number | null ? K : never }[keyof RecoveryReport];

const NEVER: Partial<Record<RecoveryField, string>> = {
  detectSeconds: "not detected within the fault's window",
  durabilityRestoredSeconds: "durability not restored within the fault's window",
  reassignmentCompletedSeconds: "no reassignment completed within the fault's window (or not a scale fault)",
  produceP99MaxMs: "no produce latency recorded in the fault's window",
  timeToSloSeconds: "produce p99 not back under the SLO within the fault's window",
  lagBaselineBytes: "no backlog sample before the fault",
  lagBackToBaselineSeconds: "backlog not back to its baseline within the fault's window",
};

function recoveryMetric(field: RecoveryField, aliases: string[], dimension: Dimension, unit: string, meaning: string): Metric {
  return { id: `recovery.${field}`, aliases, dimension, unit, meaning, fault: (r) => value(r[field], NEVER[field]) };
}

const RECOVERY_METRICS: Metric[] = [
  recoveryMetric("detectSeconds", ["time to detect"], "time", "s", "From the fault's start until an election, fencing, ISR shrink or agent loss showed it was noticed"),
  recoveryMetric("offlinePartitionsMax", ["offline partitions"], "count", "count", "Most partitions without a serving leader at once"),
  recoveryMetric("offlineSeconds", ["offline time"], "time", "s", "How long any partition had no serving leader"),
  recoveryMetric("underReplicatedPartitionsMax", ["under-replicated partitions"], "count", "count", "Most partitions below full durability at once"),
  recoveryMetric("durabilityRestoredSeconds", ["time to durability"], "time", "s", "Until every partition was fully durable again"),
  recoveryMetric("reassignmentCompletedSeconds", ["time to reassign"], "time", "s", "Scale faults: until every planned move finished"),
  recoveryMetric("produceErrors", [], "count", "count", "Produce requests that failed in the fault's window"),
  recoveryMetric("produceRetries", ["produce retries"], "count", "count", "Produce requests retried in the fault's window"),
  recoveryMetric("produceP99MaxMs", ["worst produce p99"], "time", "ms", "Worst interval produce p99 in the fault's window"),
  recoveryMetric("timeToSloSeconds", ["time to SLO"], "time", "s", "Until every later interval's produce p99 was under the SLO"),
  recoveryMetric("lagBaselineBytes", ["lag baseline"], "bytes", "bytes", "Backlog before the fault"),
  recoveryMetric("lagMaxBytes", ["peak lag", "lag max"], "bytes", "bytes", "Largest backlog in the fault's window"),
  recoveryMetric("lagBackToBaselineSeconds", ["lag recovery time"], "time", "s", "Until the backlog was back to its baseline for good"),
  recoveryMetric("ackedBytesLost", ["acked bytes lost"], "bytes", "bytes", "Uncompressed bytes acknowledged and then lost"),
  recoveryMetric("ackedRecordsLost", ["acked records lost"], "count", "count", "Records acknowledged and then lost"),
  recoveryMetric("recoveryBytes", ["recovery bytes"], "bytes", "bytes", "Bytes of catch-up, re-replication and WAL read-back"),
  recoveryMetric("recoveryCrossZoneBytes", ["recovery cross-zone bytes"], "bytes", "bytes", "Recovery bytes that crossed zones"),
];

// ---- cost metrics -------------------------------------------------------------------------------------------------

const CATEGORY_WORDS: Readonly<Record<string, string>> = { compute: "compute", storage: "storage", s3Api: "S3 API", crossZone: "cross-zone" };

const COST_METRICS: Metric[] = [
  {
    id: "cost.usdPerMonth",
    aliases: ["cost", "monthly cost"],
    dimension: "usdPerMonth",
    unit: "USD/month",
    meaning: "The bill as a monthly rate; in a window, the time-weighted rate of the cost states it spans",
    whole: (run) => value(run.cost.totals.usdPerMonth),
    window: (run, window) => costInWindow(run, window, (t) => t.usdPerMonth),
  },
  ...COST_CATEGORIES.map((category): Metric => ({
    id: `cost.${category}`,
    aliases: [`${CATEGORY_WORDS[category]} cost`],
    dimension: "usdPerMonth",
    unit: "USD/month",
    meaning: `The ${CATEGORY_WORDS[category]} part of the bill, per month`,
    whole: (run) => value(run.cost.totals.byCategory[category]),
    window: (run, window) => costInWindow(run, window, (t) => t.byCategory[category]),
  })),
  ...BYTE_PATHS.map((path): Metric => ({
    id: `cost.path.${path}`,
    aliases: [`${path.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} path cost`],
    dimension: "usdPerMonth",
    unit: "USD/month",
    meaning: `The bill's ${path} byte path, per month`,
    whole: (run) => value(run.cost.totals.byPath[path]),
    window: (run, window) => costInWindow(run, window, (t) => t.byPath[path]),
  })),
  {
    id: "incidentCost.usd",
    aliases: ["incident cost"],
    dimension: "usd",
    unit: "USD",
    meaning: "What the faults' states cost above the steady rate over their length, USD (0 without faults)",
    whole: (run) => (run.incidentCost ? value(run.incidentCost.usd) : run.recovery.length === 0 ? value(0) : value(null, "no steady state to compare the faults' states with")),
  },
];

/** Every metric with a fixed name, in reference order. */
export const METRICS: readonly Metric[] = [...RESULT_METRICS, ...RECOVERY_METRICS, ...COST_METRICS];

const BY_NAME: ReadonlyMap<string, Metric> = (() => {
  const map = new Map<string, Metric>();
  for (const metric of METRICS) for (const name of [metric.id, ...metric.aliases]) map.set(name.toLowerCase(), metric);
  return map;
})();

/** A figure of the architecture's own report (`figures.<key>`): its dimension follows the key's unit suffix. */
function figureMetric(key: string): Metric {
  const [dimension, unit]: [Dimension, string] = /Bytes$/.test(key)
    ? ["bytes", "bytes"]
    : /Ratio$/.test(key)
      ? ["ratio", "ratio"]
      : /Seconds$/.test(key)
        ? ["time", "s"]
        : /Ms$/.test(key)
          ? ["time", "ms"]
          : ["count", "count"];
  return {
    id: `figures.${key}`,
    aliases: [],
    dimension,
    unit,
    meaning: "A figure of the architecture's own report",
    whole: (run) => (Object.hasOwn(run.result.architectureFigures, key) ? value(run.result.architectureFigures[key]) : value(null, `${run.kind} reports no figure ${key}`)),
  };
}

/** Names of figures: identifiers. */
const FIGURE = /^figures\.([A-Za-z][A-Za-z0-9]*)$/;

/** The metric a name (canonical or friendly; case and runs of spaces do not matter) stands for, if any. */
export function findMetric(name: string): Metric | undefined {
  if (typeof name !== "string") return undefined;
  const figure = FIGURE.exec(name.trim());
  if (figure) return figureMetric(figure[1]);
  return BY_NAME.get(name.trim().replace(/\s+/g, " ").toLowerCase());
}

/** Every name findMetric knows (friendly names first), for suggestions. */
export function metricNames(): string[] {
  return [...METRICS.flatMap((m) => m.aliases), ...METRICS.map((m) => m.id)];
}

/** Which scopes a metric can be read in. */
export function metricScopes(metric: Metric): { run: boolean; window: boolean; fault: boolean } {
  return { run: metric.whole !== undefined, window: metric.window !== undefined, fault: metric.fault !== undefined || metric.window !== undefined };
}
