// Knobs of the storage resources every architecture builds on: a block volume (EBS gp3 by default) and an object
// store (S3 Standard or Express by default), with its SDK retry policy. Sources: architectures.md B1, B2, section 0.

import { SDK_STANDARD_RETRY, type BlockVolumeConfig, type ObjectStoreConfig, type RetryPolicy } from "../storage/defaults.ts";
import { enumField, integerField, numberField } from "./basicFields.ts";
import { latencyDistributionField } from "./distributionField.ts";
import { knobObjectField, type KnobTable } from "./knobs.ts";
import { byteRateField, bytesField, durationField, durationSecondsField, eventRateField } from "./quantityFields.ts";

/** Block volume knobs (BlockVolumeConfig). */
export const VOLUME_KNOBS: KnobTable<BlockVolumeConfig> = {
  capacity: { key: "capacityBytes", field: bytesField({ positive: true }), doc: "Provisioned size.", source: "gp3 spans 1 GiB–16 TiB (B2); 1 TiB is an assumption" },
  throughput: { key: "throughputBytesPerSecond", field: byteRateField(), doc: "Throughput cap.", source: "gp3 \"125 MiB/s included\" (B2)" },
  iops: { key: "iops", field: numberField(0, Number.POSITIVE_INFINITY, { minExclusive: true, unit: "I/O per s" }), doc: "I/O operations per second cap.", source: "gp3 \"3,000 IOPS included\" (B2)" },
  ioSizeMax: { key: "ioBytesMax", field: bytesField({ positive: true }), doc: "Largest single I/O; bigger requests cost several I/Os.", source: "EBS counts I/O in 256 KiB units (AWS CloudWatch EBS metrics)" },
  readLatency: { key: "readLatencyMicros", field: latencyDistributionField(), doc: "Device latency of a read, after service.", source: "\"single-digit millisecond latency\" (B2); shape assumed" },
  writeLatency: { key: "writeLatencyMicros", field: latencyDistributionField(), doc: "Latency until a write is durable, after service.", source: "durable flush \"averaging 2.6ms on gp3\" (B2, klite)" },
  writebackChunkSize: { key: "writebackChunkBytes", field: bytesField({ positive: true }), doc: "Dirty bytes background writeback issues per turn.", source: "assumption (4 maximal I/Os)" },
  queueRequestsMax: { key: "queueRequestsMax", field: integerField(1), doc: "Requests that may wait before the volume reports overload.", source: "bound, not a device figure" },
};

/** SDK retry knobs (RetryPolicy). */
export const RETRY_KNOBS: KnobTable<RetryPolicy> = {
  maxAttempts: { key: "maxAttempts", field: integerField(1, 255), doc: "Attempts per request, the first included.", source: "AWS SDK standard retry mode: 3 attempts" },
  baseDelay: { key: "baseDelayMicros", field: durationField(), doc: "Backoff base after a server error.", source: "aws-sdk-js-v3 DEFAULT_RETRY_DELAY_BASE" },
  throttlingBaseDelay: { key: "throttlingBaseDelayMicros", field: durationField(), doc: "Backoff base after 503 SlowDown.", source: "aws-sdk-js-v3 THROTTLING_RETRY_DELAY_BASE" },
  maxBackoff: { key: "maxBackoffMicros", field: durationField(), doc: "Cap on one backoff.", source: "aws-sdk-js-v3 MAXIMUM_RETRY_DELAY" },
  quotaTokens: { key: "quotaTokens", field: integerField(0), doc: "Retry quota per client host.", source: "aws-sdk-js-v3 INITIAL_RETRY_TOKENS" },
  retryCostTokens: { key: "retryCostTokens", field: integerField(0), doc: "Tokens one retry takes.", source: "aws-sdk-js-v3 RETRY_COST" },
  timeoutRetryCostTokens: { key: "timeoutRetryCostTokens", field: integerField(0), doc: "Tokens a retry after a timeout takes.", source: "aws-sdk-js-v3 TIMEOUT_RETRY_COST" },
  noRetryIncrementTokens: { key: "noRetryIncrementTokens", field: integerField(0), doc: "Tokens a first-attempt success returns.", source: "aws-sdk-js-v3 NO_RETRY_INCREMENT" },
};

/** Object store knobs (ObjectStoreConfig less storageClass and zone, which each model sets for its buckets). */
export const OBJECT_STORE_KNOBS: KnobTable<ObjectStoreConfig> = {
  endpointBandwidth: { key: "endpointBytesPerSecond", field: byteRateField(), doc: "The service endpoint's bandwidth each way.", source: "assumption: S3's aggregate never binds (1 TB/s)" },
  connectionBandwidth: { key: "perConnectionBytesPerSecond", field: byteRateField(), doc: "Rate one connection streams a body at.", source: "\"about 93 MB/s per thread\" (dvassallo/s3-benchmark)" },
  putFirstByte: { key: "putFirstByteMicros", field: latencyDistributionField(), doc: "Time until the service answers a PUT, body excluded.", source: "B1: medians \"tens of milliseconds\"; Inkless PUT p99 200–400 ms" },
  getFirstByte: { key: "getFirstByteMicros", field: latencyDistributionField(), doc: "Time to first byte of a GET.", source: "B1: \"90th percentile ... around 20 ms\"" },
  putRequestRate: { key: "putRequestsPerSecond", field: eventRateField(), doc: "PUT-class requests admitted per second per prefix (or bucket).", source: "\"3,500 PUT/COPY/POST/DELETE ... per prefix\" (section 0)" },
  getRequestRate: { key: "getRequestsPerSecond", field: eventRateField(), doc: "GET/HEAD requests admitted per second per prefix (or bucket).", source: "\"5,500 GET/HEAD ... per prefix\" (section 0)" },
  rateBurst: { key: "rateBurstSeconds", field: durationSecondsField(), doc: "Token-bucket depth, as time at the rate.", source: "assumption: one second" },
  rateLimitScope: { key: "rateLimitScope", field: enumField(["prefix", "bucket"] as const), doc: "Whether rate limits apply per prefix or per bucket.", source: "S3 Standard per prefix; directory buckets per bucket (B1)" },
  attemptTimeout: { key: "attemptTimeoutMicros", field: durationField(), doc: "How long an attempt waits for a store that does not answer.", source: "AWS: retry requests unanswered after 2 s (B1)" },
  retry: { key: "retry", field: knobObjectField(RETRY_KNOBS, "object (retry table)", (partial) => ({ ...SDK_STANDARD_RETRY, ...partial })), doc: "Client retry policy.", source: "AWS SDK standard retry mode" },
};

/** A block volume's overrides as one field. */
export function volumeField() {
  return knobObjectField(VOLUME_KNOBS, "object (volume table)");
}

/** An object store's overrides as one field. */
export function objectStoreField() {
  return knobObjectField(OBJECT_STORE_KNOBS, "object (object store table)");
}
