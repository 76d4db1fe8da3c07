// The storage and memory resources: byte-bounded LRU caches, EBS-like block volumes and S3-like object stores,
// with their factory defaults. Re-exports only.

export { ByteLruCache } from "./byteCache.ts";
export type { ByteCacheStats } from "./byteCache.ts";
export { BlockVolume, serviceMicros } from "./blockVolume.ts";
export type { BlockVolumeStats } from "./blockVolume.ts";
export { DegradationSchedule } from "./degradation.ts";
export type { Degradation, DegradationState } from "./degradation.ts";
export { ObjectStore } from "./objectStore.ts";
export type { ObjectStoreStats } from "./objectStoreStats.ts";
export { StoreImpairmentSchedule } from "./storeImpairment.ts";
export type { StoreImpairment, StoreConditions } from "./storeImpairment.ts";
export { backoffMicros, RetryQuotas } from "./sdkRetry.ts";
export { validateBlockVolumeConfig, validateObjectStoreConfig } from "./validateConfig.ts";
export {
  EBS_IO_BYTES_MAX,
  GP3_DEFAULTS,
  S3_EXPRESS_DEFAULTS,
  S3_MULTIPART_PART_BYTES_DEFAULT,
  S3_STANDARD_DEFAULTS,
  SDK_STANDARD_RETRY,
} from "./defaults.ts";
export type { BlockVolumeConfig, ObjectStoreConfig, RetryPolicy } from "./defaults.ts";
