// One S3 sink task on its Connect worker: a single thread that writes delivered records into each owned partition's
// open file and blocks on CreateMultipartUpload and on file commits, as TopicPartitionWriter does (A5). Records
// delivered while it is blocked wait, in arrival order, until it is free again.

import type { PartitionGroup } from "./partitionGroups.ts";
import type { S3SinkConfig } from "./s3SinkConfig.ts";
import { FileBatch, type BatchContext } from "./s3SinkFiles.ts";

// Each file is keyed by its Kafka partition (topics/<topic>/partition=<p>/...): one S3 prefix per partition.
const PREFIXES_PER_TASK_GROUP = 65_536;

/** What a task needs from its sink: settings, the groups, the clock, the counters it feeds. */
export interface TaskContext extends BatchContext {
  readonly config: S3SinkConfig;
  readonly groups: readonly PartitionGroup[];
  /** Uncompressed bytes per wire byte. */
  readonly compression: number;
  readonly messageBytes: number;
  readonly nowMicros: number;
  deliveredBytes: number;
  redeliveredBytes: number;
  skippedBytes: number;
}

/** A sink task and its worker: owned groups, write positions (group bytes) and the thread's state. */
export class SinkTask {
  /** Whether the thread is inside a blocking call (CreateMultipartUpload, or a file commit). */
  busy = false;
  busySinceMicros = 0;
  /** Time the thread spent blocked so far, µs. */
  blockedMicros = 0;
  /** Groups some of whose partitions this task owns. */
  readonly groups: number[] = [];
  #files = new Int32Array(0);
  #tasks = 1;
  /** The batch whose files the thread is committing, if any. */
  committing: FileBatch | undefined;
  #deliveredTo = new Float64Array(0);
  #processedTo = new Float64Array(0);
  #visibleTo = new Float64Array(0);
  #committedTo = new Float64Array(0);
  #open: (FileBatch | undefined)[] = [];
  #queued = new Uint8Array(0);
  readonly #queue: number[] = [];
  // Per group, [at, bytes] pairs of jumps the consumer made while earlier records still waited for the thread.
  readonly #gaps = new Map<number, number[]>();

  constructor(readonly index: number, readonly zone: number, readonly host: number, readonly sink: TaskContext) {}

  /** Partitions (one open file each) this task owns in a group. */
  partitionsOf(group: number): number {
    return group < this.#files.length ? this.#files[group] : 0;
  }

  /** Gives the task `files` partitions of group g. */
  assign(g: number, files: number): void {
    this.#files[g] = files;
    if (files > 0) this.groups.push(g);
  }

  /** Sizes the per-group state once the architecture's groups exist. */
  bind(groupCount: number, tasks: number): void {
    this.#files = new Int32Array(groupCount);
    this.#tasks = tasks;
    this.#deliveredTo = new Float64Array(groupCount);
    this.#processedTo = new Float64Array(groupCount);
    this.#visibleTo = new Float64Array(groupCount);
    this.#committedTo = new Float64Array(groupCount);
    this.#open = new Array(groupCount).fill(undefined);
    this.#queued = new Uint8Array(groupCount);
  }

  /** The task's consumer received [from, to) of group g (group bytes). */
  deliver(g: number, from: number, to: number): void {
    const sink = this.sink;
    const have = this.#deliveredTo[g];
    const scale = this.#scale(g);
    if (to <= have) {
      sink.redeliveredBytes += (to - from) * scale;
      return;
    }
    if (from < have) sink.redeliveredBytes += (have - from) * scale;
    else if (from > have) this.#skip(g, have, from);
    sink.deliveredBytes += (to - Math.max(from, have)) * scale;
    this.#deliveredTo[g] = to;
    if (!this.#queued[g]) {
      this.#queued[g] = 1;
      this.#queue.push(g);
    }
    this.#work();
  }

  /** A request of one of this task's batches answered: rotate, or let the thread go on, as the batch says. */
  resume(batch: FileBatch): void {
    if (batch.done) {
      this.committing = undefined;
      this.#visibleTo[batch.group] = batch.endOffset;
    }
    if (batch.rotateDue) {
      batch.rotateDue = false;
      this.#rotate(batch);
    } else if (batch.threadFree) {
      batch.threadFree = false;
      this.busy = false;
      this.blockedMicros += this.sink.nowMicros - this.busySinceMicros;
      this.#work();
    }
  }

  /** preCommit: the offsets of files already in S3 become the group's committed offsets. */
  flushOffsets(): void {
    for (const g of this.groups) this.#committedTo[g] = this.#visibleTo[g];
  }

  /** Uncompressed bytes delivered and not yet in a visible file: unwritten, in open files, or being committed. */
  pendingBytes(): number {
    let bytes = 0;
    for (const g of this.groups) {
      let offsets = this.#deliveredTo[g] - this.#processedTo[g];
      const gaps = this.#gaps.get(g);
      if (gaps) for (let i = 1; i < gaps.length; i += 2) offsets -= gaps[i];
      const open = this.#open[g];
      if (open) offsets += open.endOffset - open.startOffset - open.gapBytes;
      bytes += offsets * this.#scale(g);
    }
    const c = this.committing;
    return bytes + (c ? (c.files - c.filesVisible) * c.fileBytes : 0);
  }

  /** Part bytes already in S3 for files not yet visible (open or being committed). */
  uploadingBytes(): number {
    let bytes = this.committing?.uploadingBytes() ?? 0;
    for (const g of this.groups) bytes += this.#open[g]?.uploadingBytes() ?? 0;
    return bytes;
  }

  /** Uncompressed bytes delivered past the last committed offsets: what a restarted task would read again. */
  uncommittedBytes(): number {
    let bytes = 0;
    for (const g of this.groups) bytes += (this.#deliveredTo[g] - this.#committedTo[g]) * this.#scale(g);
    return bytes;
  }

  // Uncompressed bytes of this task's partitions per byte of group offset.
  #scale(g: number): number {
    return (this.sink.compression * this.#files[g]) / this.sink.groups[g].partitions;
  }

  // The thread writes queued records in arrival order until a blocking S3 call stops it.
  #work(): void {
    while (!this.busy && this.#queue.length > 0) {
      const g = this.#queue[0];
      this.#write(g);
      if (this.busy) return;
      this.#queue.shift();
      this.#queued[g] = 0;
    }
  }

  // Writes group g's delivered records into its open files; a file ends at flush.size records or the time boundary.
  #write(g: number): void {
    const sink = this.sink;
    const c = sink.compression;
    while (!this.busy) {
      const gaps = this.#gaps.get(g);
      const gapAt = gaps && gaps.length > 0 ? gaps[0] : Number.POSITIVE_INFINITY;
      const end = Math.min(this.#deliveredTo[g], gapAt);
      const from = this.#processedTo[g];
      if (from >= end) {
        if (from !== gapAt || !gaps) return;
        this.#jump(g, gaps.shift()!, gaps.shift()!);
        continue;
      }
      const batch = this.#open[g] ?? this.#openBatch(g, from);
      // Group offsets per byte of one partition's file: every partition of the group holds the same bytes.
      const perFile = sink.groups[g].partitions / c;
      const base = batch.startOffset + batch.gapBytes;
      const sizeEnd = base + sink.config.flushSize * sink.messageBytes * perFile;
      const partEnd = base + (batch.partsIssued + 1) * sink.partBytes * perFile;
      let stop = Math.min(end, sizeEnd, partEnd);
      let rotate = stop >= sizeEnd;
      const timeEnd = this.#timeBoundary(g, batch, from, stop);
      if (timeEnd <= stop) {
        stop = timeEnd;
        rotate = true;
      }
      this.#processedTo[g] = stop;
      batch.endOffset = stop;
      if (stop >= partEnd && batch.fillPart(rotate)) return this.#block();
      if (rotate) return this.#rotate(batch);
    }
  }

  #openBatch(g: number, from: number): FileBatch {
    const group = this.sink.groups[g];
    const prefix = (g * this.#tasks + this.index) * PREFIXES_PER_TASK_GROUP;
    const batch = new FileBatch(this.sink, this.index, this.host, g, this.#files[g], from, group.index.timeAt(from), prefix);
    this.#open[g] = batch;
    return batch;
  }

  // rotate.interval.ms (record time since the file's first record) and the TimeBasedPartitioner's encoded-partition
  // boundary: the first offset in [from, stop] whose intended send time reaches the earlier of the two.
  #timeBoundary(g: number, batch: FileBatch, from: number, stop: number): number {
    const interval = this.sink.config.rotateIntervalMicros;
    const duration = this.sink.config.partitionDurationMicros;
    if (interval <= 0 && duration <= 0) return Number.POSITIVE_INFINITY;
    let target = interval > 0 ? batch.fromMicros + interval : Number.POSITIVE_INFINITY;
    if (duration > 0) target = Math.min(target, (Math.floor(batch.fromMicros / duration) + 1) * duration);
    const index = this.sink.groups[g].index;
    if (index.timeAt(stop) < target) return Number.POSITIVE_INFINITY;
    let lo = from;
    let hi = stop;
    if (index.timeAt(lo) >= target) return lo;
    // Bisection to within a byte of group offset: a handful of index look-ups, once per file.
    for (let i = 0; i < 64 && hi - lo > 1; i++) {
      const mid = (lo + hi) / 2;
      if (index.timeAt(mid) >= target) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  #rotate(batch: FileBatch): void {
    const sink = this.sink;
    this.#open[batch.group] = undefined;
    this.committing = batch;
    this.#block();
    const group = sink.groups[batch.group];
    const bytes = Math.round(((batch.endOffset - batch.startOffset - batch.gapBytes) * sink.compression) / group.partitions);
    batch.rotate(bytes, group.index.timeAt(batch.endOffset), sink.nowMicros);
  }

  #block(): void {
    if (this.busy) return;
    this.busy = true;
    this.busySinceMicros = this.sink.nowMicros;
  }

  // A jump in the consumer's position: applied now if nothing waits before it, else when the thread gets there.
  #skip(g: number, at: number, to: number): void {
    this.sink.skippedBytes += (to - at) * this.#scale(g);
    if (this.#processedTo[g] < at) {
      const gaps = this.#gaps.get(g) ?? [];
      gaps.push(at, to - at);
      this.#gaps.set(g, gaps);
      return;
    }
    this.#jump(g, at, to - at);
  }

  #jump(g: number, at: number, bytes: number): void {
    this.#processedTo[g] = at + bytes;
    const batch = this.#open[g];
    if (batch) batch.gapBytes += bytes;
  }
}
