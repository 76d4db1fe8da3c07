// The Kafka Connect S3 sink add-on (A5): one more consumer group whose workers, one sink task each, write every Kafka
// partition's records into files in the sink's own bucket. Wires the workers into the run, assigns partitions to
// tasks, routes S3 answers to the task that waits for them, and reports what the export cost.

import type { Actor } from "../engine.ts";
import { SimInvariantError } from "../errors.ts";
import { Histogram } from "../metrics/index.ts";
import { FlowClass, Locality } from "../network/index.ts";
import type { Rng } from "../random.ts";
import { ObjectStore } from "../storage/objectStore.ts";
import type { ConsumerHostSpec, Consumers } from "./consumers.ts";
import type { PartitionGroup } from "./partitionGroups.ts";
import { UploadKind, type FileBatch } from "./s3SinkFiles.ts";
import { resolveS3SinkConfig, type S3SinkConfig } from "./s3SinkConfig.ts";
import { SinkTask, type TaskContext } from "./s3SinkTask.ts";
import { clientZone } from "./workload.ts";
import type { Architecture, World } from "./world.ts";

const Kind = { ...UploadKind, offsetFlush: 10 } as const;
// Export lag can grow far past a second when the sink falls behind; a week bounds the histograms.
const LAG_HIGHEST_MICROS = 7 * 86_400_000_000;
const SPREAD_POINTS = 4;
const MICROS_PER_HOUR = 3_600_000_000;

/** The S3 sink: its tasks and their workers, its bucket, and the export's counters and latencies. */
export class S3Sink implements Actor, TaskContext {
  readonly actor: number;
  readonly config: S3SinkConfig;
  /** The sink's own bucket (S3 Standard unless overridden): the exported second copy lives here. */
  readonly store: ObjectStore;
  readonly tasks: SinkTask[] = [];
  readonly compression: number;
  readonly messageBytes: number;
  /** Export lag: a record's intended send time to its file being visible in S3, µs, weighted by records. */
  readonly exportLagMicros = new Histogram({ highestValue: LAG_HIGHEST_MICROS });
  /** A batch's rotation to its last file visible (the task thread blocked meanwhile), µs. */
  readonly commitMicros = new Histogram({ highestValue: LAG_HIGHEST_MICROS });
  /** Records per visible file. */
  readonly fileRecords = new Histogram({ highestValue: 2 ** 40 });
  /** Record-time span of visible files (last minus first intended send time), µs. */
  readonly fileSpanMicros = new Histogram({ highestValue: LAG_HIGHEST_MICROS });
  files = 0;
  /** Bytes and records in files visible in S3 (uncompressed, as ByteArrayFormat writes them). */
  exportedBytes = 0;
  exportedRecords = 0;
  /** Uncompressed bytes handed to the tasks by their consumers, redeliveries excluded. */
  deliveredBytes = 0;
  redeliveredBytes = 0;
  /** Uncompressed bytes the consumers jumped over (deleted by retention before the sink read them). */
  skippedBytes = 0;
  /** PUT-class requests issued, and those of files already visible. */
  putRequestsIssued = 0;
  putRequestsVisible = 0;
  /** UploadPart bytes of files already visible. */
  putBytesVisible = 0;
  /** Requests the SDK gave up on (each issued again after s3.retry.backoff.ms). */
  requestFailures = 0;
  offsetCommits = 0;
  groups: readonly PartitionGroup[] = [];
  readonly #world: World;
  readonly #rng: Rng;
  #taskOf = new Int32Array(0);

  constructor(world: World, overrides: Partial<S3SinkConfig>, readonly subscription: number) {
    this.#world = world;
    this.#rng = world.rng.fork("connect-s3-sink");
    this.config = resolveS3SinkConfig(overrides, world.zones);
    this.compression = world.workload.producer.compressionRatio;
    this.messageBytes = world.workload.messageBytes;
    const nic = this.config.workerNetworkBytesPerSecond;
    for (let t = 0; t < this.config.tasks; t++) {
      const zone = clientZone(this.config.placement, t, world.zones);
      const host = world.network.addHost({ name: `connect-worker-${t}`, zone, egressBytesPerSecond: nic, ingressBytesPerSecond: nic });
      this.tasks.push(new SinkTask(t, zone, host, this));
    }
    this.store = new ObjectStore(world.engine, world.network, "connect-s3-bucket", world.rng.fork("connect-s3-bucket"), this.config.store);
    this.actor = world.engine.register("connect-s3-sink", this);
  }

  /** Simulated time now, µs. */
  get nowMicros(): number {
    return this.#world.engine.nowMicros;
  }

  /** s3.part.size, bytes. */
  get partBytes(): number {
    return this.config.partBytes;
  }

  /** The worker consumers to create: one per task, reading its partitions' share of each group, outside RunStats,
   * fetching as flow class "export". */
  consumerHosts(): ConsumerHostSpec[] {
    return this.tasks.map((t) => ({
      host: t.host, zone: t.zone, subscription: this.subscription, measured: false, flowClass: FlowClass.export,
      share: (group: number) => t.partitionsOf(group) / this.groups[group].partitions,
    }));
  }

  /** Assigns partitions to tasks and listens to the consumers. Each group's partitions are spread evenly over the
   * tasks, as a range assignor's contiguous ranges cut across the brokers' leaders; the remainders go to the least
   * loaded tasks, ties broken at random like the assignor's order of member ids, so no layout lines tasks up with
   * leaders' zones. Rack-agnostic, as Connect's default assignors are. */
  bind(arch: Architecture, consumers: Consumers): void {
    const groups = arch.groups;
    const n = this.tasks.length;
    this.groups = groups;
    for (const t of this.tasks) t.bind(groups.length, n);
    const load = new Float64Array(n);
    const key = new Float64Array(n);
    const order = this.tasks.map((t) => t.index);
    for (const g of groups) {
      const base = Math.floor(g.partitions / n);
      for (let t = 0; t < n; t++) key[t] = this.#rng.next();
      order.sort((x, y) => load[x] - load[y] || key[x] - key[y]);
      for (let k = 0; k < n; k++) {
        const t = order[k];
        const files = base + (k < g.partitions - base * n ? 1 : 0);
        this.tasks[t].assign(g.id, files);
        load[t] += files;
      }
    }
    this.#taskOf = new Int32Array(consumers.consumers.length).fill(-1);
    let next = 0;
    for (const c of consumers.consumers) if (c.subscription === this.subscription) this.#taskOf[c.index] = next++;
    if (next !== this.tasks.length) throw new SimInvariantError(`s3 sink: ${next} worker consumers for ${this.tasks.length} tasks`);
    if (consumers.onDelivered) throw new SimInvariantError("s3 sink: the consumers' delivery hook is already taken");
    consumers.onDelivered = (consumer, group, from, to) => {
      const t = consumer < this.#taskOf.length ? this.#taskOf[consumer] : -1;
      if (t >= 0) this.tasks[t].deliver(group, from, to);
    };
  }

  /** Starts each worker's offset.flush.interval.ms timer. */
  start(): void {
    for (const t of this.tasks) this.#world.engine.send(this.actor, Kind.offsetFlush, this.config.offsetFlushIntervalMicros, t.index);
  }

  /** Counts a PUT-class request a batch issues. */
  countRequest(): void {
    this.putRequestsIssued++;
  }

  receive(kind: number, a: number, b: number, ref: unknown): void {
    if (kind === Kind.offsetFlush) return this.#offsetFlush(a);
    const batch = ref as FileBatch;
    switch (kind) {
      case Kind.created:
      case Kind.partDone:
      case Kind.completed:
        if (batch.onDone(kind, a, b)) this.#fileVisible(batch, a);
        return this.tasks[batch.worker].resume(batch);
      case Kind.createFailed:
      case Kind.partFailed:
      case Kind.completeFailed:
        // The SDK gave up after its retries; the task backs off s3.retry.backoff.ms and issues the request again.
        this.requestFailures++;
        return this.#world.engine.send(this.actor, kind + 3, this.config.retryBackoffMicros, a, b, ref);
      case Kind.reissueCreate:
      case Kind.reissuePart:
      case Kind.reissueComplete:
        return batch.reissue(kind - 6, a, b);
      default:
        throw new SimInvariantError(`s3 sink: unexpected event kind ${kind}`);
    }
  }

  /** Uncompressed bytes delivered to the tasks and not yet in a visible file. */
  pendingBytes(): number {
    let bytes = 0;
    for (const t of this.tasks) bytes += t.pendingBytes();
    return bytes;
  }

  /** Part bytes already in S3 for files not yet visible. */
  uploadingBytes(): number {
    let bytes = 0;
    for (const t of this.tasks) bytes += t.uploadingBytes();
    return bytes;
  }

  /** Sink figures for the result, plain numbers (bytes, requests, ms, files per hour, ratios). */
  report(): Record<string, number> {
    const now = this.nowMicros;
    const net = this.#world.network;
    const s = this.store.stats();
    const lag = this.exportLagMicros.summary();
    let blocked = 0;
    let uncommitted = 0;
    for (const t of this.tasks) {
      blocked += t.blockedMicros + (t.busy ? now - t.busySinceMicros : 0);
      uncommitted += t.uncommittedBytes();
    }
    return {
      sinkTasks: this.tasks.length,
      sinkFiles: this.files,
      sinkFilesPerHour: now > 0 ? (this.files * MICROS_PER_HOUR) / now : 0,
      sinkExportedBytes: this.exportedBytes,
      sinkExportedRecords: this.exportedRecords,
      sinkPendingBytes: this.pendingBytes(),
      sinkPutRequests: s.putRequests,
      sinkPutBytes: s.bytesPut,
      sinkStoredBytes: s.storedBytes,
      sinkStoredByteMicros: s.storedByteMicros,
      sinkExportLagMeanMs: lag.mean / 1000,
      sinkExportLagP50Ms: lag.p50 / 1000,
      sinkExportLagP99Ms: lag.p99 / 1000,
      sinkExportLagMaxMs: lag.max / 1000,
      sinkCommitMeanMs: this.commitMicros.mean() / 1000,
      sinkTaskBlockedRatio: now > 0 ? blocked / (now * this.tasks.length) : 0,
      sinkFetchSameZoneBytes: net.bytesMoved(FlowClass.export, Locality.sameZone),
      sinkFetchCrossZoneBytes: net.bytesMoved(FlowClass.export, Locality.crossZone),
      sinkUploadBytes: net.bytesMoved(FlowClass.export, Locality.objectStore),
      sinkUncommittedOffsetBytes: uncommitted,
      sinkOffsetCommits: this.offsetCommits,
      sinkRequestFailures: this.requestFailures,
    };
  }

  #fileVisible(batch: FileBatch, file: number): void {
    const now = this.nowMicros;
    const records = batch.fileBytes / this.messageBytes;
    this.files++;
    this.exportedBytes += batch.fileBytes;
    this.exportedRecords += records;
    this.fileRecords.record(records);
    this.putRequestsVisible += batch.requestsOf(file);
    this.putBytesVisible += batch.uploadedBytesOf(file);
    if (now >= this.#world.stats.measureFromMicros) recordSpread(this.exportLagMicros, now, batch.fromMicros, batch.toMicros, records);
    if (!batch.done) return;
    this.commitMicros.record(now - batch.rotatedAtMicros);
    this.fileSpanMicros.record(Math.max(0, batch.toMicros - batch.fromMicros));
  }

  // The worker commits the offsets preCommit returns (those of files in S3) every offset.flush.interval.ms.
  #offsetFlush(t: number): void {
    this.tasks[t].flushOffsets();
    this.offsetCommits++;
    this.#world.engine.send(this.actor, Kind.offsetFlush, this.config.offsetFlushIntervalMicros, t);
  }
}

// A file's records were meant to be sent evenly over [fromMicros, toMicros]: four evenly spaced points, each weighted
// by a quarter of them, keep that spread in the histogram without per-record work.
function recordSpread(histogram: Histogram, nowMicros: number, fromMicros: number, toMicros: number, records: number): void {
  const total = Math.round(records);
  if (total <= 0) return;
  const base = Math.floor(total / SPREAD_POINTS);
  const extra = total - base * SPREAD_POINTS;
  const step = (toMicros - fromMicros) / SPREAD_POINTS;
  for (let i = 0; i < SPREAD_POINTS; i++) {
    const weight = base + (i < extra ? 1 : 0);
    const lag = Math.round(nowMicros - (fromMicros + (i + 0.5) * step));
    if (weight > 0) histogram.record(Math.min(LAG_HIGHEST_MICROS, Math.max(0, lag)), weight);
  }
}
