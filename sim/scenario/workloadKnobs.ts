// Workload knobs: OpenMessaging Benchmark's workload fields as OMB writes them (producerRate in messages/s,
// testDurationMinutes, consumerBacklogSizeGB), their human-unit forms, client zones, and the producer and consumer
// client settings. Converted to createWorkload's options (sim/model/workload.ts).

import { describeValue } from "../errors.ts";
import { formatByteRate, parseByteRate, parseRatePerSecond } from "../quantity.ts";
import { EXACT_FIDELITY, type Fidelity } from "../model/fidelity.ts";
import { DEFAULT_CONSUMER, DEFAULT_PRODUCER, createWorkload, type ConsumerSettings, type ProducerSettings, type WorkloadOptions } from "../model/workload.ts";
import { GiB, MiB } from "../units.ts";
import { booleanField, enumField, integerField, numberField, placementField } from "./basicFields.ts";
import { leafField, Problem, type Field } from "./field.ts";
import { knobObjectField, type KnobTable } from "./knobs.ts";
import { attempt, byteRateProblem, bytesField, durationField } from "./quantityFields.ts";

/** Longest test or warm-up phase, µs: 30 days. */
export const PHASE_MICROS_MAX = 30 * 86_400_000_000;

/** Producer client knobs (ProducerSettings); defaults are Kafka 4.0's. */
export const PRODUCER_KNOBS: KnobTable<ProducerSettings> = {
  acks: { key: "acks", field: enumField(["all", "1", "0"] as const, [[-1, "all"], ["-1", "all"], [1, "1"], [0, "0"]]), doc: "Replicas that must have a record before the producer's request completes.", source: "`acks` = all (A1, ProducerConfig.java)" },
  linger: { key: "lingerMicros", field: durationField(), doc: "How long a batch waits for more records.", source: "`linger.ms` = 5 since Kafka 4.0 (A1, KIP-1030)" },
  batchSize: { key: "batchBytes", field: bytesField({ positive: true, maxBytes: 1024 * MiB }), doc: "Largest batch per partition.", source: "`batch.size` = 16384 (A1)" },
  compressionRatio: { key: "compressionRatio", field: numberField(1, 100, { unit: "ratio" }), doc: "Uncompressed bytes per compressed byte; 1 = no compression.", source: "`compression.type` = none (A1)" },
  maxInFlight: { key: "maxInFlight", field: integerField(1, 1000), doc: "Requests in flight per connection.", source: "`max.in.flight.requests.per.connection` = 5 (A1)" },
  bufferMemory: { key: "bufferBytes", field: bytesField({ positive: true }), doc: "Memory for records waiting to be sent.", source: "`buffer.memory` = 32 MiB (A1)" },
  maxRequestSize: { key: "maxRequestBytes", field: bytesField({ positive: true, maxBytes: 1024 * MiB }), doc: "Largest produce request; a backlog leaves in several.", source: "`max.request.size` = 1048576 (ProducerConfig.java)" },
  requestTimeout: { key: "requestTimeoutMicros", field: durationField({ positive: true }), doc: "How long a request may wait for its answer.", source: "`request.timeout.ms` = 30000 (A1)" },
  retryBackoff: { key: "retryBackoffMicros", field: durationField(), doc: "Wait before a failed request is retried.", source: "`retry.backoff.ms` = 100 (ProducerConfig.java)" },
};

/** Consumer client knobs (ConsumerSettings); defaults are Kafka's. */
export const CONSUMER_KNOBS: KnobTable<ConsumerSettings> = {
  fetchMinBytes: { key: "fetchMinBytes", field: bytesField(), doc: "Bytes a fetch waits for before it is answered.", source: "`fetch.min.bytes` = 1 (A1)" },
  fetchMaxWait: { key: "fetchMaxWaitMicros", field: durationField(), doc: "Longest a fetch waits for fetchMinBytes.", source: "`fetch.max.wait.ms` = 500 (A1)" },
  fetchMaxBytes: { key: "fetchMaxBytes", field: bytesField({ positive: true }), doc: "Bytes in one fetch response.", source: "`fetch.max.bytes` = 50 MiB (A1)" },
  maxPartitionFetchBytes: { key: "partitionFetchMaxBytes", field: bytesField({ positive: true }), doc: "Bytes per partition in one fetch response.", source: "`max.partition.fetch.bytes` = 1 MiB (A1)" },
  clientRack: { key: "clientRack", field: booleanField(), doc: "Consumers set client.rack, so follower fetching can serve them in-zone.", source: "KIP-392 (A1)" },
};

/** Simulation fidelity knobs (Fidelity); absent = exact. Their error bound: scenarios/models/fidelity.md. */
export const FIDELITY_KNOBS: KnobTable<Fidelity> = {
  coalesce: { key: "coalesceMicros", field: durationField({ maxMicros: 1_000_000 }), doc: "Window within which a broker answers its waiting fetches in one batch; 0 = exact. Adds at most this per fetch hop.", source: "bytepath (scenarios/models/fidelity.md)" },
  shareSessions: { key: "shareSessions", field: booleanField(), doc: "Consumers of different groups in one zone at the same positions share one fetch session (only with coalesce > 0).", source: "bytepath (scenarios/models/fidelity.md)" },
};

/** The producers' offered rate: OMB's messages per second, or bytes per second. */
export type ProducerRate = { messagesPerSecond: number } | { bytesPerSecond: number };

/** createWorkload's options with the rate as one field, so layers can replace it whichever way it was written. */
export type WorkloadLayer = Omit<WorkloadOptions, "producerRate" | "produceBytesPerSecond"> & { rate?: ProducerRate };

const RATE_EXPECTED = `messages/s such as 102400 or "5000/s", or a byte rate such as "100 MiB/s"`;

/** producerRate: a bare number is messages/s (OMB); a string is a byte rate ("100 MiB/s") or a message rate ("5000 msg/s"). */
function producerRateField(): Field<ProducerRate> {
  const json = { type: ["number", "string"], examples: [102400, "100 MiB/s", "5000 msg/s"] };
  return leafField("messages/s or byte rate", json, RATE_EXPECTED, (value) => {
    if (typeof value === "number") {
      if (!Number.isFinite(value) || value <= 0) return new Problem(`must be > 0 (got ${describeValue(value)})`);
      return { messagesPerSecond: value };
    }
    if (typeof value !== "string") return new Problem(`expected ${RATE_EXPECTED} (got ${describeValue(value)})`);
    if (/^\s*-/.test(value)) return new Problem(`must be > 0 (got ${describeValue(value)})`);
    // A unit is required in a string: "1000" alone could mean messages or bytes.
    if (!/[A-Za-z/]/.test(value)) return new Problem(`${describeValue(value)} has no unit (expected ${RATE_EXPECTED})`);
    const messages = /^(.*?)\s*(?:msgs?|messages?|records?)\s*\/(.*)$/.exec(value);
    const bytesPerSecond = messages ? undefined : attempt(() => parseByteRate("rate", value));
    const perSecond = attempt(() => parseRatePerSecond("rate", messages ? `${messages[1]}/${messages[2]}` : value));
    const rate = bytesPerSecond !== undefined ? { bytesPerSecond } : perSecond !== undefined ? { messagesPerSecond: perSecond } : undefined;
    if (rate === undefined) return new Problem(`${describeValue(value)} is not a rate (expected ${RATE_EXPECTED})`);
    if ((bytesPerSecond ?? perSecond) === 0) return new Problem(`must be > 0 (got ${describeValue(value)})`);
    // A message rate's bytes depend on messageSize: the scenario checks that bound once both are known.
    return (bytesPerSecond !== undefined && byteRateProblem(value, bytesPerSecond)) || rate;
  }, (rate) => ("bytesPerSecond" in rate ? formatByteRate(rate.bytesPerSecond) : String(rate.messagesPerSecond)));
}

/** A number of minutes (OMB's durations), to whole µs. */
function minutesField(positive: boolean): Field<number> {
  const minutes = numberField(0, PHASE_MICROS_MAX / 60e6, { minExclusive: positive, unit: "minutes" });
  return { schema: minutes.schema.transform((m) => Math.round(m * 60e6)), unit: "minutes", format: (micros) => String(micros / 60e6) };
}

/** A number of GiB (OMB's consumerBacklogSizeGB, which OMB multiplies by 1024³), to whole bytes. */
function gibField(): Field<number> {
  const gib = numberField(0, 1e6, { unit: "GiB" });
  return { schema: gib.schema.transform((g) => Math.round(g * GiB)), unit: "GiB", format: (bytes) => String(bytes / GiB) };
}

const OMB = "OpenMessaging Benchmark Workload.java";

/** Workload knobs; pairs such as testDuration / testDurationMinutes set the same field and exclude each other. */
export const WORKLOAD_KNOBS: KnobTable<WorkloadLayer> = {
  topics: { key: "topics", field: integerField(1, 1000), doc: "Topics, alike: each gets an equal part of producerRate, its own producers and its own subscriptions.", source: OMB },
  partitionsPerTopic: { key: "partitionsPerTopic", field: integerField(1, 100_000), doc: "Partitions per topic.", source: OMB },
  messageSize: { key: "messageBytes", field: bytesField({ positive: true, maxBytes: 100 * MiB }), doc: "Bytes per message before compression.", source: OMB },
  producerRate: { key: "rate", field: producerRateField(), doc: "Offered load over all producers of all topics: messages/s (OMB) or a byte rate.", source: `${OMB} (messages/s); byte form is bytepath's` },
  producersPerTopic: { key: "producersPerTopic", field: integerField(1, 10_000), doc: "Producer clients per topic, each writing only to its topic.", source: OMB },
  subscriptionsPerTopic: { key: "subscriptionsPerTopic", field: integerField(0, 1000), doc: "Consumer groups per topic, each reading only its topic.", source: OMB },
  consumerPerSubscription: { key: "consumerPerSubscription", field: integerField(1, 10_000), doc: "Consumers in each group.", source: OMB },
  consumerBacklogSizeGB: { key: "consumerBacklogBytes", field: gibField(), doc: "Backlog (GiB, as OMB counts it) to build before consumers start; 0 = read from the start.", source: `${OMB}; WorkloadGenerator multiplies by 1024³` },
  consumerBacklogSize: { key: "consumerBacklogBytes", field: bytesField(), doc: "consumerBacklogSizeGB as a size.", source: "bytepath" },
  testDurationMinutes: { key: "testDurationMicros", field: minutesField(true), doc: "Measured phase, minutes.", source: OMB },
  testDuration: { key: "testDurationMicros", field: durationField({ positive: true, maxMicros: PHASE_MICROS_MAX }), doc: "testDurationMinutes as a duration.", source: "bytepath" },
  warmupDurationMinutes: { key: "warmupDurationMicros", field: minutesField(false), doc: "Warm-up before measurement, minutes (OMB's own default is 1).", source: OMB },
  warmupDuration: { key: "warmupDurationMicros", field: durationField({ maxMicros: PHASE_MICROS_MAX }), doc: "warmupDurationMinutes as a duration.", source: "bytepath" },
  keyDistributor: { key: "keyDistributor", field: enumField(["NO_KEY", "KEY_ROUND_ROBIN", "RANDOM_NANO"] as const), doc: "How records are keyed; each spreads evenly over partitions here.", source: OMB },
  producerZones: { key: "producerPlacement", field: placementField(), doc: "Producers spread round-robin over zones, or pinned to one.", source: "bytepath" },
  consumerZones: { key: "consumerPlacement", field: placementField(), doc: "Consumers spread round-robin over zones, or pinned to one.", source: "bytepath" },
  producer: { key: "producer", field: knobObjectField(PRODUCER_KNOBS, "object (producer table)"), doc: "Producer client settings.", source: "Kafka ProducerConfig" },
  consumer: { key: "consumer", field: knobObjectField(CONSUMER_KNOBS, "object (consumer table)"), doc: "Consumer client settings.", source: "Kafka ConsumerConfig" },
  fidelity: { key: "fidelity", field: knobObjectField(FIDELITY_KNOBS, "object (fidelity table)"), doc: "How finely fetches are simulated: exact by default; coarse for long, large runs.", source: "bytepath (scenarios/models/fidelity.md)" },
};

/** The workload as one field. */
export function workloadField(): Field<WorkloadLayer> {
  return knobObjectField(WORKLOAD_KNOBS, "object (workload table)");
}

/** Layers a per-architecture workload over the scenario's: fields replace, producer and consumer settings merge. */
export function layerWorkload(base: WorkloadLayer, over: WorkloadLayer): WorkloadLayer {
  const layered: WorkloadLayer = { ...base, ...over, producer: { ...base.producer, ...over.producer }, consumer: { ...base.consumer, ...over.consumer } };
  if (base.fidelity !== undefined || over.fidelity !== undefined) layered.fidelity = { ...base.fidelity, ...over.fidelity };
  return layered;
}

/** createWorkload's options for a layer. */
export function workloadOptions(layer: WorkloadLayer): WorkloadOptions {
  const { rate, ...rest } = layer;
  if (rate === undefined) return rest;
  return "bytesPerSecond" in rate ? { ...rest, produceBytesPerSecond: rate.bytesPerSecond } : { ...rest, producerRate: rate.messagesPerSecond };
}

/** The defaults a workload starts from, as a layer (for the field reference). */
export function workloadDefaults(): WorkloadLayer {
  const { producerRate, ...rest } = createWorkload({});
  return { ...rest, rate: { messagesPerSecond: producerRate }, producer: DEFAULT_PRODUCER, consumer: DEFAULT_CONSUMER, fidelity: EXACT_FIDELITY };
}
