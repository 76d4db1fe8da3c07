// The workload every architecture runs: OpenMessaging Benchmark's fields, plus a byte-rate form, client zones and
// the producer and consumer settings that shape latency. Held in base units (bytes, µs, per second) once normalised.

import { InputError, requireFinite, requireNonNegative, requirePositive } from "../errors.ts";
import { MICROS_PER_MS, MICROS_PER_SECOND } from "../units.ts";
import { resolveFidelity, type Fidelity } from "./fidelity.ts";

/** Producer client settings, in base units. Defaults are Apache Kafka 4.0's (ProducerConfig.java, KIP-1030). */
export interface ProducerSettings {
  /** "all", "1" or "0". */
  acks: "all" | "1" | "0";
  /** linger.ms as µs: 5 ms since Kafka 4.0 (KIP-1030; was 0). */
  lingerMicros: number;
  /** batch.size in bytes: 16384. */
  batchBytes: number;
  /** Uncompressed bytes per compressed byte on the wire and on disk (1 = compression.type none, the default). */
  compressionRatio: number;
  /** max.in.flight.requests.per.connection: 5. */
  maxInFlight: number;
  /** buffer.memory in bytes: 32 MiB. */
  bufferBytes: number;
  /** max.request.size in bytes: 1 MiB; a request never carries more, so a backlog leaves in several requests. */
  maxRequestBytes: number;
  /** request.timeout.ms as µs: 30000 ms. */
  requestTimeoutMicros: number;
  /** retry.backoff.ms as µs: 100 ms. */
  retryBackoffMicros: number;
}

/** Consumer client settings, in base units. Defaults are Apache Kafka's (ConsumerConfig.java). */
export interface ConsumerSettings {
  /** fetch.min.bytes: 1. */
  fetchMinBytes: number;
  /** fetch.max.wait.ms as µs: 500 ms. */
  fetchMaxWaitMicros: number;
  /** fetch.max.bytes: 50 MiB. */
  fetchMaxBytes: number;
  /** max.partition.fetch.bytes: 1 MiB. */
  partitionFetchMaxBytes: number;
  /** Whether consumers set client.rack (KIP-392 fetch from follower where the brokers allow it). */
  clientRack: boolean;
}

/** Where clients run: spread round-robin over zones, or pinned to one zone. */
export type ClientPlacement = { kind: "spread" } | { kind: "pinned"; zone: number };

/** A workload in base units: OMB's fields with rates resolved. */
export interface Workload {
  topics: number;
  partitionsPerTopic: number;
  /** Bytes per message before compression. */
  messageBytes: number;
  /** Messages per second over all producers (OMB producerRate): an equal part per topic, shared by its producers. */
  producerRate: number;
  producersPerTopic: number;
  subscriptionsPerTopic: number;
  consumerPerSubscription: number;
  /** OMB backlog mode: bytes to accumulate before consumers start (0 = consumers run from the start). */
  consumerBacklogBytes: number;
  /** Measured phase, µs (OMB testDurationMinutes). */
  testDurationMicros: number;
  /** Warm-up before measurement, µs (OMB warmupDurationMinutes). */
  warmupDurationMicros: number;
  /** OMB keyDistributor; every choice spreads records evenly over partitions at this model's granularity. */
  keyDistributor: "NO_KEY" | "KEY_ROUND_ROBIN" | "RANDOM_NANO";
  producerPlacement: ClientPlacement;
  consumerPlacement: ClientPlacement;
  producer: ProducerSettings;
  consumer: ConsumerSettings;
  /** How finely the fetch protocol is simulated (fidelity.ts); absent = exact. Not an OMB field: a simulator knob. */
  fidelity?: Fidelity;
}

export const DEFAULT_PRODUCER: ProducerSettings = {
  acks: "all",
  lingerMicros: 5 * MICROS_PER_MS,
  batchBytes: 16_384,
  compressionRatio: 1,
  maxInFlight: 5,
  bufferBytes: 32 * 1024 * 1024,
  maxRequestBytes: 1024 * 1024,
  requestTimeoutMicros: 30_000 * MICROS_PER_MS,
  retryBackoffMicros: 100 * MICROS_PER_MS,
};

export const DEFAULT_CONSUMER: ConsumerSettings = {
  fetchMinBytes: 1,
  fetchMaxWaitMicros: 500 * MICROS_PER_MS,
  fetchMaxBytes: 50 * 1024 * 1024,
  partitionFetchMaxBytes: 1024 * 1024,
  clientRack: false,
};

/** Bytes per second the producers offer before compression. */
export function produceBytesPerSecond(workload: Workload): number {
  return workload.producerRate * workload.messageBytes;
}

/** Total partitions over all topics. */
export function partitionCount(workload: Workload): number {
  return workload.topics * workload.partitionsPerTopic;
}

/** Consumer groups over all topics (OMB subscriptions). */
export function consumerGroupCount(workload: Workload): number {
  return workload.topics * workload.subscriptionsPerTopic;
}

/** Checks a normalised workload's numbers; throws InputError naming the field. */
export function checkWorkload(w: Workload, path = "workload"): Workload {
  for (const field of ["topics", "partitionsPerTopic", "producersPerTopic", "subscriptionsPerTopic", "consumerPerSubscription"] as const) {
    const value = w[field];
    if (!Number.isSafeInteger(value) || value < (field === "subscriptionsPerTopic" ? 0 : 1)) {
      throw new InputError(`${path}.${field}`, value, field === "subscriptionsPerTopic" ? "a whole number >= 0" : "a whole number >= 1");
    }
  }
  requirePositive(`${path}.messageSize`, w.messageBytes);
  requirePositive(`${path}.producerRate`, w.producerRate);
  requireNonNegative(`${path}.consumerBacklogSize`, w.consumerBacklogBytes);
  requirePositive(`${path}.testDuration`, w.testDurationMicros);
  requireNonNegative(`${path}.warmupDuration`, w.warmupDurationMicros);
  requirePositive(`${path}.producer.batchSize`, w.producer.batchBytes);
  requireNonNegative(`${path}.producer.lingerMs`, w.producer.lingerMicros);
  if (requireFinite(`${path}.producer.compressionRatio`, w.producer.compressionRatio) < 1) {
    throw new InputError(`${path}.producer.compressionRatio`, w.producer.compressionRatio, "a ratio >= 1 (uncompressed / compressed)");
  }
  if (!Number.isSafeInteger(w.producer.maxInFlight) || w.producer.maxInFlight < 1) {
    throw new InputError(`${path}.producer.maxInFlight`, w.producer.maxInFlight, "a whole number >= 1");
  }
  requirePositive(`${path}.producer.maxRequestSize`, w.producer.maxRequestBytes);
  requirePositive(`${path}.producer.bufferMemory`, w.producer.bufferBytes);
  if (!["all", "1", "0"].includes(w.producer.acks)) throw new InputError(`${path}.producer.acks`, w.producer.acks, `"all", "1" or "0"`);
  requirePositive(`${path}.consumer.fetchMaxBytes`, w.consumer.fetchMaxBytes);
  requireNonNegative(`${path}.consumer.fetchMaxWaitMs`, w.consumer.fetchMaxWaitMicros);
  if (w.fidelity !== undefined) resolveFidelity(w.fidelity, `${path}.fidelity`);
  return w;
}

/** Options of createWorkload: any workload field, client settings in part, and the rate as bytes/s if preferred. */
export type WorkloadOptions = Omit<Partial<Workload>, "producer" | "consumer" | "fidelity"> & {
  produceBytesPerSecond?: number;
  /** Coarse fidelity for long or large runs (fidelity.ts); absent = exact. */
  fidelity?: Partial<Fidelity>;
  producer?: Partial<ProducerSettings>;
  consumer?: Partial<ConsumerSettings>;
};

/** A workload from OMB-style numbers; rate either as messages/s or as bytes/s. Used by presets and tests. */
export function createWorkload(options: WorkloadOptions): Workload {
  const messageBytes = options.messageBytes ?? 1024;
  const producerRate = options.produceBytesPerSecond !== undefined
    ? options.produceBytesPerSecond / messageBytes
    : (options.producerRate ?? 10_000);
  const { produceBytesPerSecond: _ignored, fidelity, ...rest } = options;
  return checkWorkload({
    topics: 1,
    partitionsPerTopic: 64,
    producersPerTopic: 3,
    subscriptionsPerTopic: 1,
    consumerPerSubscription: 3,
    consumerBacklogBytes: 0,
    testDurationMicros: 60 * MICROS_PER_SECOND,
    warmupDurationMicros: 0,
    keyDistributor: "NO_KEY",
    producerPlacement: { kind: "spread" },
    consumerPlacement: { kind: "spread" },
    ...rest,
    messageBytes,
    producerRate,
    producer: { ...DEFAULT_PRODUCER, ...options.producer },
    consumer: { ...DEFAULT_CONSUMER, ...options.consumer },
    // Left out when exact, so an exact workload is the same plain data it always was.
    ...(fidelity === undefined ? {} : { fidelity: resolveFidelity(fidelity) }),
  });
}

/** The zone a client runs in. */
export function clientZone(placement: ClientPlacement, index: number, zones: number): number {
  return placement.kind === "pinned" ? placement.zone : index % zones;
}
