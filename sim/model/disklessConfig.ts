// Settings of the diskless model (WarpStream agents, KIP-1150 / Aiven Inkless brokers), in base units, with their
// sources: architectures.md A4.1 (WarpStream docs) and A4.2 (aiven/inkless docs), plus the WarpStream pages named
// beside each default. Numbers the reference marks "not found" are chosen here and flagged ASSUMPTION.

import type { DistributionSpec } from "../distribution.ts";
import { validateDistribution } from "../distribution.ts";
import { InputError, requirePositive, requireNonNegativeInteger } from "../errors.ts";
import type { ObjectStoreConfig } from "../storage/defaults.ts";
import { MiB, MICROS_PER_MS, MICROS_PER_SECOND } from "../units.ts";

const DAY_MICROS = 86_400 * MICROS_PER_SECOND;

/** Where agents write freshly ingested objects. */
export type DisklessIngestStorage = "standard" | "express";

/** Diskless settings, in base units (µs, bytes). */
export interface DisklessConfig {
  /** How long an agent buffers produce requests before it uploads them as one object, µs. */
  batchTimeoutMicros: number;
  /** Buffered bytes that close a batch at once, whatever its age, in bytes. */
  batchBytesMax: number;
  /** "standard": one regional S3 Standard bucket; "express": a quorum of S3 Express One Zone buckets. */
  ingestStorage: DisklessIngestStorage;
  /** S3 Express buckets written per object, one per zone in turn; 0 means one per zone of the cluster. */
  expressBuckets: number;
  /** S3 Express copies that must be stored before the object is committed. */
  expressQuorum: number;
  /** Time for the control plane (WarpStream) or batch coordinator (Inkless) to commit an object and assign
   * offsets, from the agent's call to its answer, in µs. */
  commitLatencyMicros: DistributionSpec;
  /** Size of the aligned ranges a cache miss GETs from an object, in bytes. */
  chunkBytes: number;
  /** Share of each agent's instance memory its object cache uses; a zone's cache is the sum over its agents. */
  agentCacheMemoryRatio: number;
  /** Clients name their zone (client.id warpstream_az / diskless_az), so agents in the same zone serve them. */
  zoneAwareClients: boolean;
  /** Whether background compaction rewrites ingestion (L0) objects into larger partition-ordered (L1) objects. */
  compaction: boolean;
  /** Committed L0 objects that start a compaction run; a run rewrites this many at once. */
  compactionFilesMin: number;
  /** Age an L0 object must reach after its commit before compaction may take it, µs. */
  compactionDelayMicros: number;
  /** How often the compaction scheduler looks for work, µs. */
  compactionCheckMicros: number;
  /** Source objects a compaction job reads at once. */
  compactionReadConcurrency: number;
  /** Compaction jobs that may run at once per live agent. */
  compactionJobsPerAgent: number;
  /** Topic retention: objects whose newest record is older are deleted, µs. */
  retentionMicros: number;
  /** How often retention runs, µs. */
  retentionCheckMicros: number;
  /** Overrides for the regional S3 Standard bucket (ingestion with "standard", and compacted objects). */
  standardStore: Partial<ObjectStoreConfig>;
  /** Overrides for every S3 Express bucket (its zone is set per bucket). */
  expressStore: Partial<ObjectStoreConfig>;
}

export const DISKLESS_DEFAULTS: DisklessConfig = {
  // WarpStream agents buffer "for 250ms, or until 8 MiB of data has been accumulated, whichever comes first"
  // (A4.1, docs write-path); Inkless rotates on inkless.produce.commit.interval.ms = 250 or
  // inkless.produce.buffer.max.bytes = 8 MiB (A4.2). The timeout "can be decreased as low as 50ms" (A4.1).
  batchTimeoutMicros: 250 * MICROS_PER_MS,
  batchBytesMax: 8 * MiB,
  ingestStorage: "standard",
  expressBuckets: 0,
  // WarpStream replicates ingested data "across a quorum of multiple S3 Express single-zone buckets" (A4.1,
  // docs s3-express). ASSUMPTION: three buckets (one per zone) and a majority of two, the smallest quorum that
  // survives one zone; WarpStream does not publish the numbers.
  expressQuorum: 2,
  // Inkless's Postgres batch coordinator commits in "~10-20ms" at p99 (A4.2, PERFORMANCE.md). WarpStream's
  // control-plane distribution is not found (reference section E): ASSUMPTION, the same curve. Lognormal with
  // median 6 ms and sigma 0.4 puts p99 at 6 ms * e^(2.326 * 0.4) = 15.2 ms, inside 10-20 ms; the median is an
  // ASSUMPTION (only the p99 is published).
  commitLatencyMicros: { kind: "lognormal", median: 6 * MICROS_PER_MS, sigma: 0.4 },
  // "you will almost never pay for more than 1 GET request per 4MiB of data, per zone" (A4.1, founder on HN).
  chunkBytes: 4 * MiB,
  // Agent cache size is "not found" (A4.1). ASSUMPTION: half of the instance memory; WarpStream asks for "at least
  // 4GiB of RAM per vCPU" (docs.warpstream.com instance-type-selection) and the agent holds little else.
  agentCacheMemoryRatio: 0.5,
  // A4.1: `warpstream_az` in client.id; A4.2: `diskless_az` or client.rack. Best-practice clients set it.
  zoneAwareClients: true,
  compaction: true,
  // WarpStream compacts "when the compaction system detects that there are a large number (currently 32) of L0
  // files" into bigger L1 files (docs.warpstream.com reference/protocol-and-feature-support/compacted-topics).
  compactionFilesMin: 32,
  // ASSUMPTION: no extra wait beyond the 32-file trigger; the knob lets a scenario keep L0 objects longer.
  compactionDelayMicros: 0,
  // ASSUMPTION: the scheduler looks once a second; WarpStream's cadence is not published (Inkless's merger runs
  // every file.merger.interval.ms = 60000, A4.2, but merges by a 100 MiB size threshold instead).
  compactionCheckMicros: 1 * MICROS_PER_SECOND,
  // ASSUMPTION: four source GETs at a time. Reading all 32 at once would take the agent's whole NIC from the
  // fetches it serves for most of a second; WarpStream's read concurrency for compaction is not published.
  compactionReadConcurrency: 4,
  // ASSUMPTION: one job per agent at a time. WarpStream runs compaction on its agents (docs "Agent Roles" can
  // dedicate some to it); a single cluster-wide job would rewrite only ~70 MB/s, far below GiB/s ingestion.
  compactionJobsPerAgent: 1,
  // Diskless topics keep Kafka's topic retention: log.retention.ms = 7 days (A1 defaults).
  retentionMicros: 7 * DAY_MICROS,
  // ASSUMPTION: Kafka's log.retention.check.interval.ms (300000) cadence; diskless implementations do not say.
  retentionCheckMicros: 300_000 * MICROS_PER_MS,
  standardStore: {},
  expressStore: {},
};

/** Checks a diskless config; throws InputError naming the field (prefixed with path). */
export function checkDisklessConfig(c: DisklessConfig, path = "diskless"): DisklessConfig {
  if (typeof c !== "object" || c === null) throw new InputError(path, c, "a DisklessConfig object");
  for (const key of ["batchTimeoutMicros", "batchBytesMax", "chunkBytes", "compactionCheckMicros", "retentionMicros", "retentionCheckMicros"] as const) {
    requirePositive(`${path}.${key}`, requireNonNegativeInteger(`${path}.${key}`, c[key]));
  }
  requireNonNegativeInteger(`${path}.compactionDelayMicros`, c.compactionDelayMicros);
  requireNonNegativeInteger(`${path}.expressBuckets`, c.expressBuckets);
  if (c.expressBuckets > 16) throw new InputError(`${path}.expressBuckets`, c.expressBuckets, "a whole number from 0 to 16");
  if (!Number.isSafeInteger(c.expressQuorum) || c.expressQuorum < 1) {
    throw new InputError(`${path}.expressQuorum`, c.expressQuorum, "a whole number >= 1");
  }
  for (const key of ["compactionReadConcurrency", "compactionJobsPerAgent"] as const) {
    if (!Number.isSafeInteger(c[key]) || c[key] < 1) throw new InputError(`${path}.${key}`, c[key], "a whole number >= 1");
  }
  if (!Number.isSafeInteger(c.compactionFilesMin) || c.compactionFilesMin < 2 || c.compactionFilesMin > 4096) {
    throw new InputError(`${path}.compactionFilesMin`, c.compactionFilesMin, "a whole number from 2 to 4096");
  }
  if (c.ingestStorage !== "standard" && c.ingestStorage !== "express") {
    throw new InputError(`${path}.ingestStorage`, c.ingestStorage, `"standard" or "express"`);
  }
  const ratio = requirePositive(`${path}.agentCacheMemoryRatio`, c.agentCacheMemoryRatio);
  if (ratio > 1) throw new InputError(`${path}.agentCacheMemoryRatio`, ratio, "a ratio above 0 and at most 1");
  for (const key of ["zoneAwareClients", "compaction"] as const) {
    if (typeof c[key] !== "boolean") throw new InputError(`${path}.${key}`, c[key], "true or false");
  }
  validateDistribution(c.commitLatencyMicros, `${path}.commitLatencyMicros`);
  for (const key of ["standardStore", "expressStore"] as const) {
    if (typeof c[key] !== "object" || c[key] === null) throw new InputError(`${path}.${key}`, c[key], "an object of ObjectStoreConfig overrides");
  }
  return c;
}
