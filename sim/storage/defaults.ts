// Factory defaults for the storage resources, as plain data: EBS gp3, S3 Standard and S3 Express One Zone. Every
// number cites its source (architectures.md section and the primary it quotes); numbers the reference marks
// "not found" are chosen here, flagged ASSUMPTION, and say what they were anchored on.

import type { DistributionSpec } from "../distribution.ts";
import { KiB, MiB, TiB } from "../units.ts";

/** Configuration of an EBS-like block volume. Rates in bytes/s and I/O per s; latencies in µs. */
export interface BlockVolumeConfig {
  /** Provisioned size, in bytes. */
  capacityBytes: number;
  /** Throughput cap, in bytes/s. */
  throughputBytesPerSecond: number;
  /** I/O operations per second cap. */
  iops: number;
  /** Largest single I/O; a request of n bytes costs ceil(n / ioBytesMax) I/Os (at least one), in bytes. */
  ioBytesMax: number;
  /** Per-request device latency of reads, added after service, in µs. */
  readLatencyMicros: DistributionSpec;
  /** Per-request latency until a write is durable, added after service, in µs. */
  writeLatencyMicros: DistributionSpec;
  /** Dirty bytes background writeback issues per turn between foreground requests, in bytes. */
  writebackChunkBytes: number;
  /** Requests that may wait in the FIFO before the volume reports overload, a count. */
  queueRequestsMax: number;
}

/** SDK-style retry policy for object store requests. Delays in µs. */
export interface RetryPolicy {
  /** Attempts per request including the first (standard mode: 3). */
  maxAttempts: number;
  /** Backoff base for non-throttling errors (500 InternalError), in µs. */
  baseDelayMicros: number;
  /** Backoff base for throttling errors (503 SlowDown), in µs. */
  throttlingBaseDelayMicros: number;
  /** Cap on a single backoff, in µs. */
  maxBackoffMicros: number;
  /** Retry quota per client host, in tokens. */
  quotaTokens: number;
  /** Tokens a retry takes from the quota. */
  retryCostTokens: number;
  /** Tokens a retry takes when the failed attempt timed out (no answer at all). */
  timeoutRetryCostTokens: number;
  /** Tokens returned by a request that succeeded on its first attempt. */
  noRetryIncrementTokens: number;
}

/** Configuration of an S3-like object store. Rates in bytes/s and requests/s; latencies in µs. */
export interface ObjectStoreConfig {
  /** "standard" (regional) or "express" (one zone); tells the cost model which price list applies. */
  storageClass: "standard" | "express";
  /** Zone of the endpoint host: -1 for a regional service, else the zone of a zonal bucket. */
  zone: number;
  /** The endpoint host's NIC, each direction, in bytes/s: effectively unbounded so clients' NICs bind first. */
  endpointBytesPerSecond: number;
  /** Rate one connection streams a body at, in bytes/s. */
  perConnectionBytesPerSecond: number;
  /** Time from a PUT-class request until the service answers, excluding the body transfer, in µs. */
  putFirstByteMicros: DistributionSpec;
  /** Time to first byte of a GET-class request, in µs. */
  getFirstByteMicros: DistributionSpec;
  /** PUT/COPY/POST/DELETE requests admitted per second, per prefix (or per bucket, see rateLimitScope). */
  putRequestsPerSecond: number;
  /** GET/HEAD requests admitted per second, per prefix (or per bucket). */
  getRequestsPerSecond: number;
  /** Token-bucket depth as seconds of the rate: how large a burst passes before 503 SlowDown. */
  rateBurstSeconds: number;
  /** Whether rate limits apply per prefix (S3 Standard) or to the whole bucket (directory buckets). */
  rateLimitScope: "prefix" | "bucket";
  /** How long an attempt waits for a store that does not answer (zone loss) before giving up, in µs. */
  attemptTimeoutMicros: number;
  /** Client retry policy. */
  retry: RetryPolicy;
}

/** Largest I/O EBS counts as one operation: "I/O operations that are larger than 256K are counted in 256K capacity
 * units. For example, a 1024K I/O would count as 4 consumed IOPS" (AWS CloudWatch EBS metric
 * VolumeConsumedReadWriteOps), in bytes. */
export const EBS_IO_BYTES_MAX = 256 * KiB;

/** EBS gp3 at its included baseline (architectures.md B2, AWS EBS docs). */
export const GP3_DEFAULTS: BlockVolumeConfig = {
  // ASSUMPTION: gp3 spans 1 GiB-16 TiB (B2); 1 TiB is a typical broker data volume, chosen here, not sourced.
  capacityBytes: 1 * TiB,
  // "3,000 IOPS & 125 MiB/s included" (B2, AWS EBS docs general-purpose.html).
  throughputBytesPerSecond: 125 * MiB,
  iops: 3000,
  ioBytesMax: EBS_IO_BYTES_MAX,
  // AWS: "single-digit millisecond latency" (B2). No distribution is published (ASSUMPTION on the shape): reads are
  // lognormal with median 1 ms, sigma 0.5 (p99 = 1 ms * e^(2.326*0.5) = 3.2 ms, single-digit).
  readLatencyMicros: { kind: "lognormal", median: 1000, sigma: 0.5 },
  // klite measured a durable flush "averaging 2.6ms on gp3" (B2, klite.dev stress test). Median 2 ms, sigma 0.5
  // gives mean 2 ms * e^(0.125) = 2.27 ms, plus 0.06-0.25 ms to move a 64-256 KiB batch at that rig's 1,000 MiB/s:
  // about 2.4-2.5 ms, near the measured 2.6 ms; p99 = 6.4 ms stays single-digit. Shape is an ASSUMPTION.
  writeLatencyMicros: { kind: "lognormal", median: 2000, sigma: 0.5 },
  // ASSUMPTION: writeback moves dirty pages in 1 MiB turns (4 maximal I/Os) between foreground requests, so a large
  // buffered burst shares the volume instead of blocking reads for seconds. Not sourced.
  writebackChunkBytes: 4 * EBS_IO_BYTES_MAX,
  // A bound on the FIFO (house style: every queue is bounded); a million waiting requests is far past saturation.
  queueRequestsMax: 1_000_000,
};

/** AWS SDK standard retry mode, as implemented in aws/aws-sdk-js-v3 packages/middleware-retry (constants.ts,
 * delayDecider.ts, defaultRetryQuota.ts); max attempts from the AWS SDKs reference guide "Retry behavior". */
export const SDK_STANDARD_RETRY: RetryPolicy = {
  // "If retry_mode is standard – Makes three attempts" (docs.aws.amazon.com/sdkref/.../feature-retry-behavior).
  maxAttempts: 3,
  // DEFAULT_RETRY_DELAY_BASE = 100 ms; THROTTLING_RETRY_DELAY_BASE = 500 ms; MAXIMUM_RETRY_DELAY = 20 s; the delay
  // is floor(min(max, random * 2^attempts * base)), i.e. full jitter.
  baseDelayMicros: 100_000,
  throttlingBaseDelayMicros: 500_000,
  maxBackoffMicros: 20_000_000,
  // INITIAL_RETRY_TOKENS = 500, RETRY_COST = 5, TIMEOUT_RETRY_COST = 10, NO_RETRY_INCREMENT = 1.
  quotaTokens: 500,
  retryCostTokens: 5,
  timeoutRetryCostTokens: 10,
  noRetryIncrementTokens: 1,
};

/** S3 Standard (architectures.md section 0 and B1). */
export const S3_STANDARD_DEFAULTS: ObjectStoreConfig = {
  storageClass: "standard",
  zone: -1,
  // ASSUMPTION: S3's aggregate bandwidth never binds at the modelled scale; 1 TB/s keeps the endpoint out of the way.
  endpointBytesPerSecond: 1e12,
  // "S3 seems to deliver downloads at a rate of about 93 MB/s per thread" (dvassallo/s3-benchmark README, 2019).
  // Uploads use the same rate: ASSUMPTION, no upload figure found.
  perConnectionBytesPerSecond: 93e6,
  // PUT, fitted by hand as an empirical quantile table (linear between points), in µs:
  //  - p50 30 ms: AWS says small requests have "median latencies ... in the tens of milliseconds" (B1 whitepaper).
  //  - p99 180 ms: Inkless observed "P99 latencies of 200-400ms for 2-8 MiB segments" (B1, PERFORMANCE.md). With the
  //    body at 93 MB/s (2 MiB 22.5 ms, 8 MiB 90 ms) a 180 ms p99 gives PUT p99s of 203 ms and 270 ms: inside it.
  //  - p99.9 400 ms and max 2 s: ASSUMPTION (the full CDF is "not found", B1); the 2 s cap is where AWS advises
  //    retrying a slow request (B1 whitepaper), so slower answers are treated as not happening.
  //  - p0 8 ms and p90 70 ms: ASSUMPTION, interpolated to keep the body of the curve smooth.
  putFirstByteMicros: {
    kind: "empirical",
    quantiles: [[0, 8_000], [0.5, 30_000], [0.9, 70_000], [0.99, 180_000], [0.999, 400_000], [1, 2_000_000]],
  },
  // GET time to first byte, same form:
  //  - p90 20 ms: "90th percentile time to first byte is typically around 20 ms regardless of the object size" (B1).
  //  - p50 12 ms: "tens of milliseconds" medians (B1 whitepaper) and below the 20 ms p90: ASSUMPTION within both.
  //  - p99 60 ms, p99.9 200 ms, max 2 s: ASSUMPTION (tail "not found"); cross-check against Inkless's "100-200ms for
  //    2-8 MiB objects" (B1): an 8 MiB GET is 12 + 90 = 102 ms at the median and 150 ms at p99, inside the range;
  //    a 2 MiB GET (35 ms median) comes in under it — Inkless times a whole fetch stage, not one GET.
  getFirstByteMicros: {
    kind: "empirical",
    quantiles: [[0, 4_000], [0.5, 12_000], [0.9, 20_000], [0.99, 60_000], [0.999, 200_000], [1, 2_000_000]],
  },
  // "at least 3,500 PUT/COPY/POST/DELETE or 5,500 GET/HEAD requests per second per partitioned Amazon S3 prefix"
  // (section 0, AWS Knowledge Center). Prefix auto-partitioning (30-60 min) is not modelled: limits are fixed.
  putRequestsPerSecond: 3500,
  getRequestsPerSecond: 5500,
  // ASSUMPTION: AWS publishes no burst allowance; a bucket one second deep is the plain reading of "per second".
  rateBurstSeconds: 1,
  rateLimitScope: "prefix",
  // AWS advises retrying GET/PUT that have not answered after 2 s (B1 whitepaper, timeouts-and-retries page).
  attemptTimeoutMicros: 2_000_000,
  retry: SDK_STANDARD_RETRY,
};

/** S3 Express One Zone directory bucket (architectures.md B1). Set `zone` to the bucket's zone. */
export const S3_EXPRESS_DEFAULTS: ObjectStoreConfig = {
  ...S3_STANDARD_DEFAULTS,
  storageClass: "express",
  // ASSUMPTION: zone 0 until the caller places the bucket; a directory bucket lives in exactly one zone.
  zone: 0,
  // AWS: "consistent single-digit millisecond data access" (B1, s3-express-differences). No quantiles published:
  // ASSUMPTION tables with p99 under 10 ms as "consistent single-digit" implies, and a rare tail to 200 ms.
  putFirstByteMicros: {
    kind: "empirical",
    quantiles: [[0, 1_500], [0.5, 4_000], [0.9, 6_500], [0.99, 9_500], [0.999, 25_000], [1, 200_000]],
  },
  getFirstByteMicros: {
    kind: "empirical",
    quantiles: [[0, 1_000], [0.5, 3_000], [0.9, 5_000], [0.99, 9_000], [0.999, 20_000], [1, 200_000]],
  },
  // perConnectionBytesPerSecond (93 MB/s) and attemptTimeoutMicros (2 s) are inherited from Standard: ASSUMPTION,
  // no Express-specific figures found. Directory buckets serve "hundreds of thousands of requests per second"
  // (B1), per bucket rather than per prefix.
  // ASSUMPTION: 200,000/s of each class, the low end of "hundreds of thousands".
  putRequestsPerSecond: 200_000,
  getRequestsPerSecond: 200_000,
  rateLimitScope: "bucket",
};

/** Part size for callers that upload multipart: Kafka Connect's `s3.part.size` = 25 MiB (A5), in bytes. */
export const S3_MULTIPART_PART_BYTES_DEFAULT = 25 * MiB;
