// Event kinds the diskless architecture actor receives: its own timers and the completions of the object-store
// requests and control-plane commits it starts. Numbered above ArchEvent's kinds (1, 2), in one table so the
// helpers that share the actor (reads, compaction) cannot collide.

/** Event kinds addressed to the diskless architecture actor. */
export const DisklessEvent = {
  /** a = agent, b = batch sequence: the open batch reached batchTimeout. */
  batchTimer: 10,
  /** a = object, b = store: an ingestion PUT stored its copy. */
  putDone: 11,
  /** a = object, b = store: an ingestion PUT failed after the SDK's retries. */
  putFailed: 12,
  /** a = object: the control plane committed the object and assigned its offsets. */
  commitDone: 13,
  /** a = chunk key, b = zone: a cache-miss GET arrived. */
  getDone: 14,
  /** a = chunk key, b = zone: a cache-miss GET failed after the SDK's retries. */
  getFailed: 15,
  /** Periodic: look for compaction work. */
  compactionCheck: 20,
  /** a = run: one source object of a compaction run was read. */
  compactionGetDone: 21,
  /** a = run: the compacted object was stored. */
  compactionPutDone: 22,
  /** a = run: a GET or PUT of the run failed. */
  compactionFailed: 23,
  /** a = run: the control plane committed the compacted object. */
  compactionCommitDone: 24,
  /** Periodic: delete objects past retention. */
  retentionCheck: 30,
} as const;
