// Moving WAL data into S3 objects: a broker uploads its durable, not yet uploaded data as one stream set object
// (SSO) — streams with more than s3.stream.object.split.size in the upload get their own stream objects (SO) —
// when it reaches s3.wal.upload.threshold or every s3.wal.upload.interval.ms, commits the objects to the controller,
// then trims its WAL. Every compaction interval the broker merges its SSOs (GET them, PUT the result, delete the
// sources after the delete retention). A threshold upload is paced at the broker's write rate, as AutoMQ's upload
// task does; forced uploads (interval, back-pressure, reassignment, failover recovery) go at once and hurry a paced one.

import type { Actor } from "../engine.ts";
import { FlowClass } from "../network/index.ts";
import { MICROS_PER_SECOND } from "../units.ts";
import type { AutomqArchitecture } from "./automq.ts";
import { WAL_OBJECT_FIELDS, type AutomqBroker } from "./automqBroker.ts";
import { AutomqUploadRate } from "./automqUploadRate.ts";

const Kind = { intervalTimer: 1, putDone: 2, putFailed: 3, retryPut: 4, committed: 5, compactionTimer: 6, compactGot: 7, compactGetFailed: 8, deleteDue: 9, paceTimer: 10 } as const;

// ASSUMPTION: an object PUT that failed after the SDK's retries is tried again after 1 s (not sourced).
const RETRY_MICROS = 1 * MICROS_PER_SECOND;

/** One upload: the groups it covers and the log end each reaches once it is committed. */
export interface Upload {
  readonly source: AutomqBroker;
  readonly host: number;
  readonly epoch: number;
  /** A broker's own periodic or threshold upload (as opposed to a forced one). */
  readonly regular: boolean;
  readonly groups: number[];
  readonly targets: number[];
  bytes: number;
  pending: number;
  sso: number;
  readonly onCommitted: ((u: Upload) => void) | undefined;
  /** Object sizes in the order the rate limiter admits them (stream objects, then the SSO), bytes. */
  readonly objects: number[];
  /** Objects already started. */
  started: number;
  /** Pace of a threshold upload, bytes/s; Infinity for a forced one, or once hurried. */
  rateBytesPerSecond: number;
}

interface Compaction {
  broker: AutomqBroker;
  sizes: number[];
  bytes: number;
  pending: number;
}

/** SSO uploads, forced uploads and SSO compaction for one AutoMQ architecture (one engine actor). */
export class AutomqUploader implements Actor {
  readonly actor: number;
  uploads = 0;
  uploadedBytes = 0;
  compactions = 0;
  compactedBytes = 0;
  /** Threshold uploads that were paced (started below the unlimited rate). */
  pacedUploads = 0;
  readonly #rate: AutomqUploadRate;
  // Per broker: the regular upload in flight, and whether a forced upload waits for it.
  readonly #current: (Upload | undefined)[];
  readonly #forceNext: Uint8Array;

  constructor(readonly arch: AutomqArchitecture) {
    this.actor = arch.world.engine.register(`${arch.name}.uploader`, this);
    const n = arch.brokers.length;
    this.#rate = new AutomqUploadRate(n);
    this.#current = new Array<Upload | undefined>(n).fill(undefined);
    this.#forceNext = new Uint8Array(n);
  }

  /** Starts every broker's upload and compaction timers. */
  start(): void {
    const engine = this.arch.world.engine;
    const interval = this.#intervalMicros();
    for (const b of this.arch.brokers) {
      if (interval > 0) engine.send(this.actor, Kind.intervalTimer, interval, b.index);
      engine.send(this.actor, Kind.compactionTimer, this.arch.config.compactionIntervalMicros, b.index);
    }
  }

  receive(kind: number, a: number, b: number, ref: unknown): void {
    const engine = this.arch.world.engine;
    switch (kind) {
      case Kind.intervalTimer:
        this.kick(this.arch.brokers[a], true);
        return engine.send(this.actor, Kind.intervalTimer, this.#intervalMicros(), a);
      case Kind.putDone: {
        const u = ref as Upload;
        if (--u.pending === 0) engine.send(this.actor, Kind.committed, this.arch.config.metadataCommitMicros, 0, 0, u);
        return;
      }
      case Kind.putFailed:
        return engine.send(this.actor, Kind.retryPut, RETRY_MICROS, a, b, ref);
      case Kind.retryPut:
        return this.#put(ref as Upload, a);
      case Kind.committed:
        return this.#committed(ref as Upload);
      case Kind.compactionTimer:
        this.#compact(this.arch.brokers[a]);
        return engine.send(this.actor, Kind.compactionTimer, this.arch.config.compactionIntervalMicros, a);
      case Kind.compactGot:
        return this.#compactGot(ref as Compaction);
      case Kind.compactGetFailed:
        // The merge is abandoned; the sources stay and are merged next time.
        return;
      case Kind.deleteDue:
        return this.arch.store.delete(a, this.arch.nextPrefix(), b);
      case Kind.paceTimer:
        return this.#release(ref as Upload);
      default:
        throw new Error(`${this.arch.name}.uploader: unexpected event kind ${kind}`);
    }
  }

  /** Durable bytes of a broker's led groups not yet in an upload. */
  pendingBytes(b: AutomqBroker): number {
    let bytes = 0;
    for (const gi of b.led) bytes += Math.max(0, this.arch.groups[gi].hw - this.arch.uploadingEnd[gi]);
    return bytes;
  }

  /** Starts the broker's regular upload when it has reached the threshold, paced at its write rate, or at once when
   * forced; a forced kick during a paced upload hurries it and uploads the rest as soon as it is committed. */
  kick(b: AutomqBroker, force: boolean): void {
    if (!b.up || b.failover !== 0) return;
    if (b.uploading) {
      const current = this.#current[b.index];
      if (force && current) {
        this.#forceNext[b.index] = 1;
        // S3Storage.uploadDeltaWAL: a forced upload bursts the tasks in flight (DefaultUploadWriteAheadLogTask.burst).
        if (current.rateBytesPerSecond !== Number.POSITIVE_INFINITY) {
          current.rateBytesPerSecond = Number.POSITIVE_INFINITY;
          this.#release(current);
        }
      }
      return;
    }
    const bytes = this.pendingBytes(b);
    if (bytes <= 0 || (!force && bytes < this.arch.config.uploadThresholdBytes)) return;
    const now = this.arch.world.engine.nowMicros;
    const rate = force ? Number.POSITIVE_INFINITY : this.#rate.rate(b, bytes, now);
    this.#rate.opened(b, now);
    this.#forceNext[b.index] = 0;
    const u = this.upload(b, b.led, b.host, true, undefined, rate);
    if (!u) return;
    b.uploading = true;
    this.#current[b.index] = u;
    if (rate !== Number.POSITIVE_INFINITY) this.pacedUploads++;
  }

  /** Uploads groups' durable data beyond what is uploaded (or being uploaded) from host, its objects paced at
   * rateBytesPerSecond (default: all at once); returns the upload, or undefined when there was nothing to upload
   * (onCommitted is then not called). */
  upload(source: AutomqBroker, groupIds: readonly number[], host: number, regular: boolean, onCommitted: ((u: Upload) => void) | undefined,
    rateBytesPerSecond = Number.POSITIVE_INFINITY): Upload | undefined {
    const arch = this.arch;
    const c = arch.config;
    const u: Upload = {
      source, host, epoch: source.epoch, regular, groups: [], targets: [], bytes: 0, pending: 0, sso: 0, onCommitted,
      objects: [], started: 0, rateBytesPerSecond,
    };
    let sso = 0;
    const streamObjects = u.objects;
    for (const gi of groupIds) {
      const g = arch.groups[gi];
      const bytes = g.hw - arch.uploadingEnd[gi];
      if (bytes <= 0) continue;
      arch.uploadingEnd[gi] = g.hw;
      u.groups.push(gi);
      u.targets.push(g.hw);
      u.bytes += bytes;
      const perPartition = bytes / g.partitions;
      if (perPartition >= c.streamObjectSplitBytes) {
        for (let p = 0; p < g.partitions; p++) streamObjects.push(Math.ceil(perPartition));
      } else sso += bytes;
    }
    if (u.bytes <= 0) return undefined;
    if (sso > 0) {
      u.sso = Math.ceil(sso);
      u.objects.push(u.sso);
    }
    u.pending = u.objects.length;
    this.uploads++;
    this.#release(u);
    return u;
  }

  // Starts the upload's next objects. AutoMQ's AsyncRateLimiter wraps a Guava RateLimiter: an acquire passes at once
  // when the limiter is free and its bytes delay the next one, so object k starts sum(sizes before k) / rate after the
  // first. Stream objects acquire one by one, then the SSO (DefaultUploadWriteAheadLogTask.upload0; the SSO's
  // per-stream acquires are folded into one, which starts it when its first stream would be admitted).
  #release(u: Upload): void {
    // A regular upload of a broker that crashed meanwhile stops; failover re-uploads its data.
    if (u.regular && u.epoch !== u.source.epoch) return;
    while (u.started < u.objects.length) {
      const size = u.objects[u.started++];
      this.#put(u, size);
      if (u.rateBytesPerSecond !== Number.POSITIVE_INFINITY && u.started < u.objects.length) {
        const wait = Math.max(1, Math.ceil((size * MICROS_PER_SECOND) / u.rateBytesPerSecond));
        this.arch.world.engine.send(this.actor, Kind.paceTimer, wait, 0, 0, u);
        return;
      }
    }
  }

  #intervalMicros(): number {
    const c = this.arch.config;
    // With a block WAL the zone router needs the data in S3 for other zones to read it: the 1 s commit of
    // ZeroZone V0 (automqConfig.ts) sets the pace.
    if (c.zoneRouter && c.walKind !== "s3") return c.uploadIntervalMicros > 0 ? Math.min(c.uploadIntervalMicros, c.snapshotCommitIntervalMicros) : c.snapshotCommitIntervalMicros;
    return c.uploadIntervalMicros;
  }

  #put(u: Upload, bytes: number): void {
    const arch = this.arch;
    const part = arch.config.objectPartBytes;
    if (bytes > part) arch.store.putMultipart(u.host, bytes, part, arch.nextPrefix(), FlowClass.s3Put, this.actor, Kind.putDone, bytes, 0, u, Kind.putFailed);
    else arch.store.put(u.host, bytes, arch.nextPrefix(), FlowClass.s3Put, this.actor, Kind.putDone, bytes, 0, u, Kind.putFailed);
  }

  #committed(u: Upload): void {
    const arch = this.arch;
    const b = u.source;
    // A regular upload by a broker that crashed meanwhile never reached the controller; failover re-uploads it.
    if (u.regular && u.epoch !== b.epoch) return;
    for (let i = 0; i < u.groups.length; i++) {
      const gi = u.groups[i];
      if (u.targets[i] > arch.uploadedEnd[gi]) arch.uploadedEnd[gi] = u.targets[i];
    }
    b.walUploaded += u.bytes;
    this.uploadedBytes += u.bytes;
    if (u.sso > 0) b.ssoSizes.push(u.sso);
    this.#trimWal(b);
    let forced = false;
    if (u.regular) {
      b.uploading = false;
      if (this.#current[b.index] === u) this.#current[b.index] = undefined;
      forced = this.#forceNext[b.index] === 1;
    }
    arch.onUploaded(b, u);
    u.onCommitted?.(u);
    arch.wal.drainBlocked(b);
    this.kick(b, forced);
  }

  // S3 WAL objects whose every byte is now in stream objects are deleted (the WAL trim).
  #trimWal(b: AutomqBroker): void {
    let n = 0;
    let bytes = 0;
    // Positions are sums of fractional bytes in two orders; a byte of slack absorbs their rounding.
    while (n < b.walObjects.length && b.walObjects[n] <= b.walUploaded + 1) {
      bytes += b.walObjects[n + 1];
      n += WAL_OBJECT_FIELDS;
    }
    if (n === 0) return;
    b.walObjects.splice(0, n);
    this.arch.store.delete(bytes, this.arch.nextPrefix(), n / WAL_OBJECT_FIELDS);
  }

  // SSO compaction: GET every uncompacted SSO, PUT the merged data (split into stream objects when large enough),
  // delete the sources after the retention. Request counts follow object sizes; the rewrite is a simplification of
  // AutoMQ's planner, which merges at most s3.stream.set.object.compaction.max.num (500) objects per run.
  #compact(b: AutomqBroker): void {
    if (!b.up || b.ssoSizes.length < 2) return;
    const sizes = b.ssoSizes.splice(0, 500);
    let bytes = 0;
    for (const s of sizes) bytes += s;
    const job: Compaction = { broker: b, sizes, bytes, pending: sizes.length };
    for (const s of sizes) this.arch.store.get(b.host, s, this.arch.nextPrefix(), FlowClass.s3Get, this.actor, Kind.compactGot, 0, 0, job, Kind.compactGetFailed);
  }

  #compactGot(job: Compaction): void {
    if (--job.pending > 0) return;
    const arch = this.arch;
    const b = job.broker;
    let partitions = 0;
    for (const gi of b.led) partitions += arch.groups[gi].partitions;
    const perPartition = partitions > 0 ? job.bytes / partitions : 0;
    const outputs = perPartition >= arch.config.streamObjectSplitBytes ? new Array<number>(partitions).fill(Math.ceil(perPartition)) : [job.bytes];
    const u: Upload = {
      source: b, host: b.host, epoch: b.epoch, regular: false, groups: [], targets: [], bytes: 0, pending: outputs.length, sso: 0,
      onCommitted: () => {
        if (outputs.length === 1) b.ssoSizes.push(job.bytes);
        arch.world.engine.send(this.actor, Kind.deleteDue, arch.config.objectDeleteRetentionMicros, job.bytes, job.sizes.length);
      },
      objects: outputs, started: 0, rateBytesPerSecond: Number.POSITIVE_INFINITY,
    };
    this.compactions++;
    this.compactedBytes += job.bytes;
    this.#release(u);
  }
}
