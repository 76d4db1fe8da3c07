// Validation of storage configs at construction, so a bad field fails loudly with its name before a run starts
// rather than as a NaN deep inside one. Distribution fields are validated by createSampler when they are used.

import { InputError, requireNonNegativeInteger, requirePositive } from "../errors.ts";
import type { BlockVolumeConfig, ObjectStoreConfig } from "./defaults.ts";

/** Checks a block volume config (distributions are checked when their samplers are built); returns a frozen copy. */
export function validateBlockVolumeConfig(config: BlockVolumeConfig): BlockVolumeConfig {
  requireNonNegativeInteger("capacityBytes", config.capacityBytes);
  requirePositive("throughputBytesPerSecond", config.throughputBytesPerSecond);
  requirePositive("iops", config.iops);
  requirePositive("ioBytesMax", config.ioBytesMax);
  requireNonNegativeInteger("ioBytesMax", config.ioBytesMax);
  requirePositive("writebackChunkBytes", config.writebackChunkBytes);
  requireNonNegativeInteger("writebackChunkBytes", config.writebackChunkBytes);
  requirePositive("queueRequestsMax", config.queueRequestsMax);
  requireNonNegativeInteger("queueRequestsMax", config.queueRequestsMax);
  return Object.freeze({ ...config });
}

/** Checks an object store config (distributions are checked when their samplers are built); returns a frozen copy. */
export function validateObjectStoreConfig(config: ObjectStoreConfig): ObjectStoreConfig {
  if (config.storageClass !== "standard" && config.storageClass !== "express") {
    throw new InputError("storageClass", config.storageClass, `"standard" or "express"`);
  }
  if (!Number.isInteger(config.zone) || config.zone < -1) throw new InputError("zone", config.zone, "-1 (regional) or a zone number");
  requirePositive("endpointBytesPerSecond", config.endpointBytesPerSecond);
  requirePositive("perConnectionBytesPerSecond", config.perConnectionBytesPerSecond);
  requirePositive("putRequestsPerSecond", config.putRequestsPerSecond);
  requirePositive("getRequestsPerSecond", config.getRequestsPerSecond);
  requirePositive("rateBurstSeconds", config.rateBurstSeconds);
  // A bucket shallower than one token would refuse every request forever.
  const depth = Math.min(config.putRequestsPerSecond, config.getRequestsPerSecond) * config.rateBurstSeconds;
  if (depth < 1) throw new InputError("rateBurstSeconds", config.rateBurstSeconds, "a depth of at least one request per bucket");
  if (config.rateLimitScope !== "prefix" && config.rateLimitScope !== "bucket") {
    throw new InputError("rateLimitScope", config.rateLimitScope, `"prefix" or "bucket"`);
  }
  requireNonNegativeInteger("attemptTimeoutMicros", config.attemptTimeoutMicros);
  const r = config.retry;
  if (typeof r !== "object" || r === null) throw new InputError("retry", r, "a RetryPolicy object");
  const attempts = requireNonNegativeInteger("retry.maxAttempts", r.maxAttempts);
  if (attempts < 1 || attempts > 255) throw new InputError("retry.maxAttempts", attempts, "a whole number from 1 to 255");
  for (const key of ["baseDelayMicros", "throttlingBaseDelayMicros", "maxBackoffMicros"] as const) {
    requireNonNegativeInteger(`retry.${key}`, r[key]);
  }
  for (const key of ["quotaTokens", "retryCostTokens", "timeoutRetryCostTokens", "noRetryIncrementTokens"] as const) {
    requireNonNegativeInteger(`retry.${key}`, r[key]);
  }
  return Object.freeze({ ...config, retry: Object.freeze({ ...r }) });
}
