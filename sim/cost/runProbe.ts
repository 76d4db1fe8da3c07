// What the cost model reads off a run, and the one place that knows where each architecture keeps its billable
// resources: object stores (request counters, stored bytes and their time integral), block volumes (provisioned
// size and performance, and the log bytes each holds), the network's bytes by flow class × locality.

import { AutomqArchitecture } from "../model/automq.ts";
import { DisklessArchitecture } from "../model/diskless.ts";
import { KafkaArchitecture } from "../model/kafka.ts";
import { KAFKA_DEFAULTS } from "../model/kafkaConfig.ts";
import type { Run } from "../model/run.ts";
import { TieredKafkaArchitecture } from "../model/tieredKafka.ts";
import { FLOW_CLASS_COUNT, LOCALITY_COUNT } from "../network/flowClass.ts";
import type { ObjectStore } from "../storage/objectStore.ts";

/** One object store's counters at an instant (totals since the run began). */
export interface StoreReading {
  name: string;
  storageClass: "standard" | "express";
  putRequests: number;
  getRequests: number;
  deleteRequests: number;
  /** Bytes of completed PUTs and GETs, in bytes. */
  bytesPut: number;
  bytesGot: number;
  /** Bytes stored now, in bytes. */
  storedBytes: number;
  /** Integral of stored bytes over time, in byte·µs. */
  storedByteMicros: number;
}

/** One block volume at an instant. */
export interface VolumeReading {
  name: string;
  /** "log": a Kafka data volume, billed at its retention-sized capacity; "wal": a fixed-size write-ahead log ring. */
  role: "log" | "wal";
  broker: number;
  /** Provisioned size, IOPS and throughput from the volume's configuration, in bytes, I/O per s and bytes/s. */
  capacityBytes: number;
  iops: number;
  throughputBytesPerSecond: number;
  /** Log bytes the broker keeps on this volume now (replicas' local logs), in bytes; 0 for WAL volumes. */
  logBytes: number;
}

/** Everything billable about a run at one instant. */
export interface UsageReading {
  atMicros: number;
  /** Delivered bytes indexed flowClass × LOCALITY_COUNT + locality, totals since the run began. */
  bytesMoved: number[];
  stores: StoreReading[];
  volumes: VolumeReading[];
  /** Uncompressed bytes acknowledged to producers and read by the workload's consumers, totals. */
  publishedBytes: number;
  consumedBytes: number;
}

/** What does not change during a run: what is running and the retention its storage is sized for. */
export interface RunFacts {
  architecture: string;
  kind: string;
  instanceType: string;
  /** Brokers (or agents) billed for the whole run. */
  brokers: number;
  zones: number;
  /** Topic retention (retention.ms) as configured in the model, µs; undefined when the model has no such knob. */
  configuredRetentionMicros: number | undefined;
  /** How long log volumes keep data locally with tiered storage (local.retention.ms), µs; undefined without tiering. */
  configuredLocalRetentionMicros: number | undefined;
  warmupMicros: number;
  endMicros: number;
}

/** The run's constant facts. */
export function runFacts(run: Run): RunFacts {
  const { arch, config, world } = run;
  let retention: number | undefined;
  let localRetention: number | undefined;
  if (arch instanceof KafkaArchitecture) {
    retention = arch.config.retentionMicros;
    if (arch instanceof TieredKafkaArchitecture) localRetention = arch.tiered.localRetentionMicros;
  } else if (arch instanceof DisklessArchitecture) {
    retention = arch.config.retentionMicros;
  }
  return {
    architecture: arch.name,
    kind: config.architecture.kind,
    instanceType: config.cluster.instance.name,
    brokers: world.brokers.length,
    zones: world.zones,
    configuredRetentionMicros: retention,
    configuredLocalRetentionMicros: localRetention,
    warmupMicros: world.workload.warmupDurationMicros,
    endMicros: run.endMicros,
  };
}

/** Kafka's default topic retention (log.retention.ms = 7 days, architectures.md A1), for models without a knob. */
export const DEFAULT_RETENTION_MICROS = KAFKA_DEFAULTS.retentionMicros;

/** Reads every billable counter of the run now. */
export function readUsage(run: Run): UsageReading {
  const { world } = run;
  const bytesMoved: number[] = new Array(FLOW_CLASS_COUNT * LOCALITY_COUNT);
  for (let f = 0; f < FLOW_CLASS_COUNT; f++) {
    for (let l = 0; l < LOCALITY_COUNT; l++) bytesMoved[f * LOCALITY_COUNT + l] = world.network.bytesMoved(f, l);
  }
  return {
    atMicros: world.engine.nowMicros,
    bytesMoved,
    stores: storesOf(run).map(readStore),
    volumes: readVolumes(run),
    publishedBytes: world.stats.publishedBytes,
    consumedBytes: world.stats.consumedBytes,
  };
}

function storesOf(run: Run): ObjectStore[] {
  const { arch } = run;
  const stores: ObjectStore[] = [];
  if (arch instanceof TieredKafkaArchitecture || arch instanceof AutomqArchitecture) stores.push(arch.store);
  else if (arch instanceof DisklessArchitecture) stores.push(...arch.stores);
  if (run.sink) stores.push(run.sink.store);
  return stores;
}

function readStore(store: ObjectStore): StoreReading {
  const s = store.stats();
  return {
    name: store.name,
    storageClass: store.config.storageClass,
    putRequests: s.putRequests,
    getRequests: s.getRequests,
    deleteRequests: s.deleteRequests,
    bytesPut: s.bytesPut,
    bytesGot: s.bytesGot,
    storedBytes: s.storedBytes,
    storedByteMicros: s.storedByteMicros,
  };
}

function readVolumes(run: Run): VolumeReading[] {
  const { arch } = run;
  if (arch instanceof KafkaArchitecture) {
    const logBytes = arch.storedBytesByBroker();
    return arch.brokers.map((b) => volumeReading(b.volume.name, "log", b.index, b.volume.config, logBytes[b.index]));
  }
  if (arch instanceof AutomqArchitecture) {
    const out: VolumeReading[] = [];
    for (const b of arch.brokers) if (b.volume) out.push(volumeReading(b.volume.name, "wal", b.index, b.volume.config, 0));
    return out;
  }
  return [];
}

function volumeReading(name: string, role: "log" | "wal", broker: number, config: { capacityBytes: number; iops: number; throughputBytesPerSecond: number }, logBytes: number): VolumeReading {
  return { name, role, broker, capacityBytes: config.capacityBytes, iops: config.iops, throughputBytesPerSecond: config.throughputBytesPerSecond, logBytes };
}
