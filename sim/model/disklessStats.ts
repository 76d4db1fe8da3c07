// Counters of the diskless model and the report built from them: batches, object-store requests by type and
// purpose, stored bytes, per-zone cache hit ratios, compaction and agent-loss outcomes.

import type { ObjectStore } from "../storage/objectStore.ts";
import type { DisklessCompactor } from "./disklessCompactor.ts";
import type { DisklessObjectIndex } from "./disklessObjectIndex.ts";
import type { DisklessReads } from "./disklessReads.ts";

/** Diskless counters; report() turns them and the stores' counters into plain figures. */
export class DisklessStats {
  batches = 0;
  batchesClosedBySize = 0;
  batchBytesTotal = 0;
  batchBytesMax = 0;
  /** Longest time a batch stayed open, µs. */
  batchAgeMicrosMax = 0;
  /** Ingestion PUTs completed (one per stored copy). */
  ingestPutRequests = 0;
  ingestPutBytes = 0;
  ingestPutFailures = 0;
  committedObjects = 0;
  committedBytes = 0;
  /** Sum over committed L0 objects of ceil(bytes / chunkBytes): the GETs a zone pays to read everything once. */
  committedChunks = 0;
  abandonedBatches = 0;
  /** Bytes buffered or uploading on crashed agents, failed back to clients unacknowledged. */
  unackedBytesFailed = 0;
  /** Bytes committed whose clients had already been told of a failure (they retry: duplicates). */
  unansweredCommittedBytes = 0;
  objectCopiesDeleted = 0;
  retentionDeletedObjects = 0;

  /** Counts a batch closed after ageMicros with bytes. */
  batchClosed(bytes: number, ageMicros: number, bySize: boolean): void {
    this.batches++;
    if (bySize) this.batchesClosedBySize++;
    this.batchBytesTotal += bytes;
    this.batchBytesMax = Math.max(this.batchBytesMax, bytes);
    this.batchAgeMicrosMax = Math.max(this.batchAgeMicrosMax, ageMicros);
  }

  /** Counts one stored copy of an ingestion object. */
  ingestPutDone(bytes: number): void {
    this.ingestPutRequests++;
    this.ingestPutBytes += bytes;
  }

  /** Counts an object the control plane committed. */
  objectCommitted(bytes: number, chunks: number): void {
    this.committedObjects++;
    this.committedBytes += bytes;
    this.committedChunks += chunks;
  }

  /** The architecture's figures, as plain numbers. */
  report(stores: readonly ObjectStore[], reads: DisklessReads, compactor: DisklessCompactor, index: DisklessObjectIndex): Record<string, number> {
    const r: Record<string, number> = {
      batches: this.batches,
      batchesClosedBySize: this.batchesClosedBySize,
      meanBatchBytes: this.batches === 0 ? 0 : this.batchBytesTotal / this.batches,
      maxBatchBytes: this.batchBytesMax,
      maxBatchAgeMicros: this.batchAgeMicrosMax,
      committedObjects: this.committedObjects,
      committedBytes: this.committedBytes,
      committedChunks: this.committedChunks,
      ingestPutRequests: this.ingestPutRequests,
      ingestPutBytes: this.ingestPutBytes,
      ingestPutFailures: this.ingestPutFailures,
      compactionRuns: compactor.runs,
      compactionFailures: compactor.failures,
      compactedObjects: compactor.compactedObjects,
      compactionGetRequests: compactor.getRequests,
      compactionGetBytes: compactor.getBytes,
      compactionPutRequests: compactor.putRequests,
      compactionPutBytes: compactor.putBytes,
      readGetFailures: reads.getFailures,
      abandonedBatches: this.abandonedBatches,
      unackedBytesFailed: this.unackedBytesFailed,
      unansweredCommittedBytes: this.unansweredCommittedBytes,
      objectCopiesDeleted: this.objectCopiesDeleted,
      retentionDeletedObjects: this.retentionDeletedObjects,
      indexedObjects: index.size - index.head,
    };
    let put = 0, get = 0, del = 0, bytesPut = 0, bytesGot = 0, stored = 0, storedByteMicros = 0, expressStored = 0;
    for (const store of stores) {
      const s = store.stats();
      put += s.putRequests;
      get += s.getRequests;
      del += s.deleteRequests;
      bytesPut += s.bytesPut;
      bytesGot += s.bytesGot;
      stored += s.storedBytes;
      storedByteMicros += s.storedByteMicros;
      if (store.config.storageClass === "express") expressStored += s.storedBytes;
    }
    Object.assign(r, {
      s3PutRequests: put, s3GetRequests: get, s3DeleteRequests: del, s3BytesPut: bytesPut, s3BytesGot: bytesGot,
      // The S3 figures share their names with the other models' (s3StoredBytes as in AutoMQ and tiered Kafka), so
      // the comparison table and the sampler read one name for every architecture.
      s3StoredBytes: stored, expressStoredBytes: expressStored, s3StoredByteMicros: storedByteMicros,
    });
    for (let z = 0; z < reads.caches.length; z++) {
      r[`cacheHitRatioZone${z}`] = reads.caches[z].stats().hitRatio;
      r[`readGetsZone${z}`] = reads.getsByZone[z];
      r[`readGetBytesZone${z}`] = reads.getBytesByZone[z];
    }
    return r;
  }
}
