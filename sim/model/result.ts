// The result of one run as plain data: OMB's names where OMB has them (publishRate, publishLatency99pct, ...),
// latencies in milliseconds, rates per second, bytes by flow class and locality, the architecture's own figures, the
// invariant checks and the timeline. `resultSchema` is the published JSON Schema of this shape.

import { z } from "zod";
import type { LatencySummary } from "../metrics/index.ts";
import { FLOW_CLASS_NAMES, LOCALITY_NAMES } from "../network/index.ts";
import { faultTargets } from "../faults/faultTargets.ts";
import type { Run } from "./run.ts";
import type { Sampler } from "./sampler.ts";
import { produceBytesPerSecond } from "./workload.ts";

const LATENCY_SUFFIXES = ["Avg", "50pct", "75pct", "95pct", "99pct", "999pct", "9999pct", "Max"] as const;
type LatencySuffix = (typeof LATENCY_SUFFIXES)[number];

// OMB's latency field names for one measurement (publishLatencyAvg ... publishLatencyMax), all in ms.
function latencyFields<P extends string>(prefix: P): Record<`${P}${LatencySuffix}`, z.ZodNumber> {
  return Object.fromEntries(
    LATENCY_SUFFIXES.map((suffix) => [`${prefix}${suffix}`, z.number().describe(`${prefix} ${suffix === "Avg" ? "mean" : suffix === "Max" ? "maximum" : suffix.replace("pct", "th percentile")}, ms (OMB's name)`)]),
  ) as Record<`${P}${LatencySuffix}`, z.ZodNumber>;
}

const localityBytes = z.object({ sameZone: z.number(), crossZone: z.number(), objectStore: z.number() });

const intervalLatency = z.object({ startSeconds: z.number(), p50: z.number(), p99: z.number(), max: z.number(), count: z.number() });

/** Schema of one run's result (the stable shape; version it when it changes). */
export const RunResultSchema = z.object({
  schemaVersion: z.literal(1),
  architecture: z.string(),
  kind: z.string(),
  seed: z.number(),
  simulatedSeconds: z.number(),
  measuredSeconds: z.number(),
  events: z.number(),
  stoppedBy: z.string(),
  /** Messages per second acknowledged (OMB publishRate), over the measured phase. */
  publishRate: z.number().describe("Messages per second acknowledged (OMB publishRate), over the measured phase."),
  /** Messages per second consumed by all subscriptions (OMB consumeRate). */
  consumeRate: z.number().describe("Messages per second consumed by all subscriptions (OMB consumeRate)."),
  /** Uncompressed bytes per second acknowledged. */
  publishBytesRate: z.number().describe("Uncompressed bytes per second acknowledged."),
  consumeBytesRate: z.number(),
  /** Bytes not yet consumed at the end, over all subscriptions (OMB backlog, in bytes). */
  backlogBytes: z.number().describe("Bytes not yet consumed at the end, over all subscriptions (OMB backlog, in bytes)."),
  produceErrors: z.number(),
  /** Records producers held unsent or in flight when a zone outage took their machines down (never acknowledged). */
  clientDownRecords: z.number().describe("Records producers held unsent or in flight when a zone outage took their machines down (never acknowledged)."),
  ...latencyFields("publishLatency"),
  ...latencyFields("publishDelayLatency"),
  ...latencyFields("endToEndLatency"),
  /** Bytes moved per flow class, split by locality; totals over the run. */
  bytes: z.record(z.string(), localityBytes).describe("Bytes moved per flow class, split by locality; totals over the run."),
  crossZoneBytes: z.number(),
  /** Cross-zone bytes per acknowledged produced byte. */
  crossZoneBytesPerProducedByte: z.number().describe("Cross-zone bytes per acknowledged produced byte."),
  /** Bytes sent to or received from every object store of the run, S3 Standard and S3 Express alike. */
  objectStoreBytes: z
    .number()
    .describe(
      "Bytes sent to or received from every object store of the run (the architecture's and an S3 sink's), S3 Standard and S3 Express alike. " +
        "An S3 Express One Zone bucket is a zonal host, so its bytes are also counted as same-zone or cross-zone (crossZoneBytes, bytes.<flow>.crossZone); " +
        "the objectStore locality in `bytes` covers only the regional endpoints.",
    ),
  /** Broker (or agent) NIC utilisation over the run: mean over brokers and the busiest broker, each direction, 0-1. */
  brokerNetwork: z.object({ inMean: z.number(), inMax: z.number(), outMean: z.number(), outMax: z.number() }).describe("Broker (or agent) NIC utilisation over the run: mean over brokers and the busiest broker, each direction, 0-1."),
  /** Architecture-specific figures (bytes stored, cache hit ratios, object-store requests by type...). */
  architectureFigures: z
    .record(z.string(), z.number())
    .describe(
      "Architecture-specific figures (bytes stored, cache hit ratios, object-store requests by type...). " +
        "Every model that keeps data in object stores names their bytes stored s3StoredBytes; block volumes' log bytes are volumeStoredBytes.",
    ),
  /** Kafka Connect S3 sink figures, when the run exports. */
  sinkFigures: z.record(z.string(), z.number()).optional().describe("Kafka Connect S3 sink figures, when the run exports."),
  invariants: z.object({ violations: z.array(z.string()), ackedBytesLost: z.number() }),
  timeline: z.array(z.object({ atSeconds: z.number(), what: z.string(), broker: z.number().optional(), group: z.number().optional(), bytes: z.number().optional() })),
  intervals: z.object({
    intervalSeconds: z.number(),
    publishLatency: z.array(intervalLatency),
    endToEndLatency: z.array(intervalLatency),
    series: z.record(z.string(), z.array(z.number())),
  }),
});

/** One run's result. */
export type RunResultSummary = z.infer<typeof RunResultSchema>;

/** The JSON Schema of a run result, for editors and CI consumers. */
export function resultJsonSchema(): unknown {
  return z.toJSONSchema(RunResultSchema);
}

function latency(prefix: string, s: LatencySummary): Record<string, number> {
  const ms = (micros: number) => Math.round(micros) / 1000;
  return {
    [`${prefix}Avg`]: ms(s.count === 0 ? 0 : s.mean),
    [`${prefix}50pct`]: ms(s.p50),
    [`${prefix}75pct`]: ms(s.p75),
    [`${prefix}95pct`]: ms(s.p95),
    [`${prefix}99pct`]: ms(s.p99),
    [`${prefix}999pct`]: ms(s.p999),
    [`${prefix}9999pct`]: ms(s.p9999),
    [`${prefix}Max`]: ms(s.max),
  };
}

/** Builds the plain-data result of a run that has advanced to its end (or as far as it got). */
export function summarizeRun(run: Run, sampler: Sampler): RunResultSummary {
  const { world, arch, config } = run;
  const { stats, network, engine, workload } = world;
  const now = engine.nowMicros;
  const measuredSeconds = Math.max(1e-9, (now - workload.warmupDurationMicros) / 1e6);
  const bytes: Record<string, { sameZone: number; crossZone: number; objectStore: number }> = {};
  let crossZone = 0;
  let objectStore = 0;
  FLOW_CLASS_NAMES.forEach((name, f) => {
    const [sameZone, cross, store] = LOCALITY_NAMES.map((_, l) => network.bytesMoved(f, l));
    crossZone += cross;
    if (sameZone + cross + store > 0) bytes[name] = { sameZone, crossZone: cross, objectStore: store };
  });
  // Counted at the stores' endpoints, not by locality: an S3 Express bucket is a host in one zone, so its bytes are
  // same-zone or cross-zone on the network (and stay counted there), yet they are object-store traffic all the same.
  for (const { store } of faultTargets(run).stores) {
    const { egress, ingress } = network.hostBytes(store.host);
    objectStore += egress + ingress;
  }
  const intervalLatency = (summaries: Array<LatencySummary & { startMicros: number }>) =>
    summaries.map((s) => ({ startSeconds: s.startMicros / 1e6, p50: s.p50 / 1000, p99: s.p99 / 1000, max: s.max / 1000, count: s.count }));
  const seriesSnapshot = stats.series.snapshot(now);
  const series: Record<string, number[]> = {};
  seriesSnapshot.names.forEach((name, i) => {
    series[name] = Array.from(seriesSnapshot.values[i]);
  });
  const netSeries = network.intervalSnapshot();
  const intervals = seriesSnapshot.values[0]?.length ?? 0;
  netSeries.names.forEach((name, i) => {
    const values = runIntervals(netSeries.values[i], intervals);
    if (values.some((v) => v > 0)) series[`bytes.${name}`] = values;
  });
  series.storedBytes = sampler.storedBytes;
  const result: RunResultSummary = {
    schemaVersion: 1,
    architecture: arch.name,
    kind: config.architecture.kind,
    seed: config.seed,
    simulatedSeconds: now / 1e6,
    measuredSeconds,
    events: engine.eventsTotal,
    stoppedBy: now >= run.endMicros ? "end" : "eventBudget",
    publishRate: stats.measuredPublishedRecords / measuredSeconds,
    consumeRate: stats.measuredConsumedRecords / measuredSeconds,
    publishBytesRate: stats.measuredPublishedBytes / measuredSeconds,
    consumeBytesRate: stats.measuredConsumedBytes / measuredSeconds,
    backlogBytes: lastValue(series.backlogBytes),
    produceErrors: stats.produceErrors,
    clientDownRecords: stats.clientDownRecords,
    ...(latency("publishLatency", stats.publishLatency.summary()) as object),
    ...(latency("publishDelayLatency", stats.publishDelayLatency.summary()) as object),
    ...(latency("endToEndLatency", stats.endToEndLatency.summary()) as object),
    bytes,
    crossZoneBytes: crossZone,
    crossZoneBytesPerProducedByte: stats.publishedBytes === 0 ? 0 : crossZone / (stats.publishedBytes / workload.producer.compressionRatio),
    objectStoreBytes: objectStore,
    brokerNetwork: brokerNetworkUtilisation(run),
    architectureFigures: arch.report(),
    ...(run.sink ? { sinkFigures: run.sink.report() } : {}),
    invariants: { violations: [...sampler.violations, ...conservationViolations(run)], ackedBytesLost: stats.ackedBytesLost },
    timeline: world.timeline.map((t) => ({ ...t, atMicros: undefined, atSeconds: t.atMicros / 1e6 })).map(({ atMicros: _drop, ...rest }) => rest),
    intervals: {
      intervalSeconds: stats.intervalMicros / 1e6,
      publishLatency: intervalLatency(stats.publishLatencyByInterval.summaries()),
      endToEndLatency: intervalLatency(stats.endToEndLatencyByInterval.summaries()),
      series,
    },
  } as RunResultSummary;
  return result;
}

function brokerNetworkUtilisation(run: Run): { inMean: number; inMax: number; outMean: number; outMax: number } {
  const { world, config } = run;
  const seconds = Math.max(1e-9, world.engine.nowMicros / 1e6);
  const capacity = config.cluster.instance.networkBytesPerSecond * seconds;
  const out = { inMean: 0, inMax: 0, outMean: 0, outMax: 0 };
  const n = world.brokerHosts.length;
  for (const host of world.brokerHosts) {
    const { egress, ingress } = world.network.hostBytes(host);
    out.inMean += ingress / capacity / n;
    out.outMean += egress / capacity / n;
    out.inMax = Math.max(out.inMax, ingress / capacity);
    out.outMax = Math.max(out.outMax, egress / capacity);
  }
  return out;
}

// The run's series cover the intervals that start before its end, [0, end). The network's snapshot also has the
// interval holding the end instant, which for a run ending on an interval boundary starts at the end: it holds only
// bytes delivered at that last instant. Those go to the last interval, so the series still sum to the totals.
function runIntervals(values: Float64Array, intervals: number): number[] {
  if (intervals <= 0 || values.length <= intervals) return Array.from(values);
  const out = Array.from(values.subarray(0, intervals));
  for (let i = intervals; i < values.length; i++) out[intervals - 1] += values[i];
  return out;
}

function lastValue(values: number[] | undefined): number {
  return values && values.length > 0 ? values[values.length - 1] : 0;
}

// Bytes conserved: what producers had acknowledged is in the logs (less what a permitted loss took), and consumers
// never read past what was written.
function conservationViolations(run: Run): string[] {
  const { world, arch } = run;
  const compression = world.workload.producer.compressionRatio;
  let logged = 0;
  let acked = 0;
  for (const g of arch.groups) {
    logged += g.leo;
    acked += g.ackedEnd;
  }
  const out: string[] = [];
  const publishedWire = world.stats.publishedBytes / compression;
  const tolerance = 1 + publishedWire * 1e-9;
  if (world.workload.producer.acks !== "0" && publishedWire - world.stats.ackedBytesLost / compression > logged + tolerance) {
    out.push(`bytes not conserved: ${publishedWire} acknowledged bytes but only ${logged} bytes in the logs`);
  }
  if (acked > logged + tolerance) out.push(`bytes not conserved: acknowledged offsets (${acked}) past the log ends (${logged})`);
  const consumedWire = world.stats.consumedBytes / compression;
  // Replays rewind consumers: what they read again is readable twice.
  // Each logged byte belongs to one topic, read by that topic's subscriptions only.
  const readable = logged * world.workload.subscriptionsPerTopic + run.consumers.rewoundBytes;
  if (consumedWire > readable + tolerance) out.push(`bytes not conserved: consumers read ${consumedWire} bytes of ${readable} written per subscription`);
  return out;
}
