// The object store's counters by request type and outcome, kept as plain numeric fields and handed out as a plain
// snapshot. Request counts are what the bill is computed from (PUT-class and GET-class per 1,000); error and retry
// counts show brownouts and throttling.

import type { Bytes } from "../units.ts";

/** A snapshot of an ObjectStore's counters, as plain data. */
export interface ObjectStoreStats {
  /** PUT-class requests admitted: PutObject, and CreateMultipartUpload + UploadPart + Complete for multipart. */
  putRequests: number;
  /** GET-class requests admitted. */
  getRequests: number;
  /** Objects deleted (DeleteObject requests). */
  deleteRequests: number;
  /** Multipart uploads completed. */
  multipartUploads: number;
  /** Attempts answered 503 SlowDown by the rate limiter. */
  throttled: number;
  /** Attempts answered 500/503 by a brownout. */
  serverErrors: number;
  /** Attempts that got no answer (store unavailable) and timed out. */
  timeouts: number;
  /** Attempts cut by the network path going down. */
  connectionErrors: number;
  /** Attempts retried after a failure. */
  retries: number;
  /** Requests given up on and reported with failKind. */
  failures: number;
  /** Bytes of completed PUTs, in bytes. */
  bytesPut: Bytes;
  /** Bytes of completed GETs, in bytes. */
  bytesGot: Bytes;
  /** Bytes deleted, in bytes. */
  bytesDeleted: Bytes;
  /** Bytes stored now, in bytes. */
  storedBytes: Bytes;
  /** Integral of stored bytes over time since creation, in byte·µs. */
  storedByteMicros: number;
  /** Requests in flight now. */
  inFlight: number;
}

/** Mutable counters behind ObjectStoreStats. */
export class ObjectStoreCounters {
  putRequests = 0;
  getRequests = 0;
  deleteRequests = 0;
  multipartUploads = 0;
  throttled = 0;
  serverErrors = 0;
  timeouts = 0;
  connectionErrors = 0;
  retries = 0;
  failures = 0;
  bytesPut = 0;
  bytesGot = 0;
  bytesDeleted = 0;

  /** A plain copy, with the gauges the store owns filled in. */
  snapshot(storedBytes: Bytes, storedByteMicros: number, inFlight: number): ObjectStoreStats {
    return {
      putRequests: this.putRequests,
      getRequests: this.getRequests,
      deleteRequests: this.deleteRequests,
      multipartUploads: this.multipartUploads,
      throttled: this.throttled,
      serverErrors: this.serverErrors,
      timeouts: this.timeouts,
      connectionErrors: this.connectionErrors,
      retries: this.retries,
      failures: this.failures,
      bytesPut: this.bytesPut,
      bytesGot: this.bytesGot,
      bytesDeleted: this.bytesDeleted,
      storedBytes,
      storedByteMicros,
      inFlight,
    };
  }
}
