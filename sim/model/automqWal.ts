// AutoMQ's write-ahead log: appends of all a broker's partitions go into one WAL and are acknowledged once durable.
// A block WAL (EBS, regional EBS) writes with Direct IO and group commit — up to walWritesInFlightMax writes at once,
// later appends wait and leave together; the S3 WAL batches 250 ms or 8 MiB into one PUT. Records retire in order,
// which advances each group's durable end (its high watermark). Appends beyond the log cache, the block WAL ring or
// the S3 WAL's unflushed bound wait (back-pressure) until an upload or a PUT frees room.

import type { Actor } from "../engine.ts";
import { FlowClass } from "../network/index.ts";
import { MICROS_PER_SECOND } from "../units.ts";
import type { AutomqArchitecture } from "./automq.ts";
import { emptyRecord, type AutomqBroker, type WalRecord } from "./automqBroker.ts";
import { AutomqFastRetry } from "./automqFastRetry.ts";

const Kind = { volumeWritten: 1, walPut: 2, walPutFailed: 3, batchTimer: 4, retryPut: 5, issueTimer: 6 } as const;

// A WAL PUT that failed after the SDK's own retries is tried again after this pause; records retire in order, so
// the WAL cannot skip it. ASSUMPTION: 1 s, the order of S3's advice to retry slow requests after 2 s (B1).
const PUT_RETRY_MICROS = 1 * MICROS_PER_SECOND;

/** The WAL of every broker of one AutoMQ architecture (one engine actor). */
export class AutomqWal implements Actor {
  readonly actor: number;
  /** The S3 WAL's PUTs, fast-retried. */
  readonly puts: AutomqFastRetry;

  constructor(readonly arch: AutomqArchitecture) {
    this.actor = arch.world.engine.register(`${arch.name}.wal`, this);
    this.puts = new AutomqFastRetry(arch, "wal");
  }

  receive(kind: number, a: number, b: number): void {
    const broker = this.arch.brokers[a];
    switch (kind) {
      case Kind.volumeWritten:
      case Kind.walPut:
        return this.#written(broker, b);
      case Kind.walPutFailed:
        return this.arch.world.engine.send(this.actor, Kind.retryPut, PUT_RETRY_MICROS, a, b);
      case Kind.retryPut: {
        const rec = findRecord(broker, b);
        if (rec) this.#putRecord(broker, rec);
        return;
      }
      case Kind.issueTimer:
        broker.walIssueArmed = false;
        if (broker.up) this.#issueBlock(broker);
        return;
      case Kind.batchTimer:
        if (b === broker.batchGen && broker.up) this.#flushS3(broker);
        return;
      default:
        throw new Error(`${this.arch.name}.wal: unexpected event kind ${kind}`);
    }
  }

  /** Appends bytes of a broker's partitions (spread over the groups it leads by partition count); the ack
   * (AckKind, id, token) is answered when they are durable, or refused at once when the broker leads nothing.
   * With linkBytes the WAL write carries link records of that many bytes instead of the bytes themselves. */
  append(b: AutomqBroker, bytes: number, fromMicros: number, toMicros: number, ackKind: number, ackId: number, ackToken: number,
    linkBytes = -1): void {
    if (!b.up || b.led.length === 0) {
      this.arch.ackDone(ackKind, ackId, ackToken, false, b.index);
      return;
    }
    if (b.blocked.length > 0 || !this.#admits(b, bytes, linkBytes < 0 ? bytes : linkBytes)) {
      b.blocked.push({ bytes, linkBytes, fromMicros, toMicros, ackKind, ackId, ackToken });
      // A full log cache forces an upload of what is durable, as S3Storage does under back-pressure.
      this.arch.uploader.kick(b, true);
      return;
    }
    this.#admit(b, bytes, linkBytes, fromMicros, toMicros, ackKind, ackId, ackToken);
  }

  /** Admits waiting appends that now fit; called after uploads and PUTs free room. */
  drainBlocked(b: AutomqBroker): void {
    let n = 0;
    while (n < b.blocked.length && b.up && b.led.length > 0) {
      const w = b.blocked[n];
      if (!this.#admits(b, w.bytes, w.linkBytes < 0 ? w.bytes : w.linkBytes)) break;
      n++;
      this.#admit(b, w.bytes, w.linkBytes, w.fromMicros, w.toMicros, w.ackKind, w.ackId, w.ackToken);
    }
    if (n > 0) b.blocked.splice(0, n);
    if (b.up && b.led.length === 0 && b.blocked.length > 0) {
      // The broker lost its partitions while appends waited: they are answered NOT_LEADER and retried elsewhere.
      const refused = b.blocked.splice(0);
      for (const w of refused) this.arch.ackDone(w.ackKind, w.ackId, w.ackToken, false, b.index);
    }
  }

  /** Sends the open S3 WAL batch now (a partition closing must not wait for batchInterval). */
  flushNow(b: AutomqBroker): void {
    if (this.arch.config.walKind === "s3") this.#flushS3(b);
  }

  /** Drops everything not yet durable (the broker crashed): every waiting ack fails. */
  dropVolatile(b: AutomqBroker): void {
    const failed: number[] = [];
    for (const rec of b.inFlight) failed.push(...rec.acks);
    failed.push(...b.open.acks);
    for (const w of b.blocked) failed.push(w.ackKind, w.ackId, w.ackToken);
    b.inFlight = [];
    b.open = emptyRecord(0);
    b.blocked = [];
    b.writesInFlight = 0;
    b.unflushedBytes = 0;
    b.batchGen++;
    b.walAppended = b.walDurable;
    for (let i = 0; i < failed.length; i += 3) this.arch.ackDone(failed[i], failed[i + 1], failed[i + 2], false, b.index);
  }

  #admits(b: AutomqBroker, bytes: number, objectBytes: number): boolean {
    const c = this.arch.config;
    const unuploaded = b.walAppended - b.walUploaded;
    // An append larger than a whole bound still goes through alone, or it would wait forever.
    if (unuploaded > 0 && unuploaded + bytes > c.walCacheBytes) return false;
    // DefaultWriter counts the records it buffers (bufferedDataBytes): link records, for routed data.
    if (c.walKind === "s3") return b.unflushedBytes === 0 || b.unflushedBytes + objectBytes <= c.s3WalUnflushedBytesMax;
    return unuploaded === 0 || unuploaded + bytes <= c.walCapacityBytes;
  }

  #admit(b: AutomqBroker, bytes: number, linkBytes: number, fromMicros: number, toMicros: number, ackKind: number, ackId: number, ackToken: number): void {
    const arch = this.arch;
    const rec = b.open;
    let partitions = 0;
    for (const gi of b.led) partitions += arch.groups[gi].partitions;
    const clockFrom = b.logCache.clock;
    const clockTo = b.logCache.insert(bytes);
    for (const gi of b.led) {
      const g = arch.groups[gi];
      g.leo += (bytes * g.partitions) / partitions;
      arch.logClocks[gi].append(g.leo, clockFrom, clockTo);
      const at = rec.groups.indexOf(gi);
      if (at >= 0) rec.targets[at] = g.leo;
      else {
        rec.groups.push(gi);
        rec.targets.push(g.leo);
      }
    }
    if (rec.bytes === 0) rec.openedMicros = arch.world.engine.nowMicros;
    if (fromMicros < rec.windowFromMicros) rec.windowFromMicros = fromMicros;
    if (toMicros > rec.windowToMicros) rec.windowToMicros = toMicros;
    rec.bytes += bytes;
    const objectBytes = linkBytes < 0 ? bytes : linkBytes;
    rec.objectBytes += objectBytes;
    if (linkBytes >= 0) rec.linkedBytes += bytes;
    rec.acks.push(ackKind, ackId, ackToken);
    b.walAppended += bytes;
    if (arch.config.walKind !== "s3") return this.#issueBlock(b);
    b.unflushedBytes += objectBytes;
    if (rec.objectBytes >= arch.config.s3WalBatchBytesMax) this.#flushS3(b);
    else if (rec.acks.length === 3) arch.world.engine.send(this.actor, Kind.batchTimer, arch.config.s3WalBatchIntervalMicros, b.index, b.batchGen);
  }

  // Group commit: a write leaves as soon as a thread is free and the IOPS budget allows, carrying everything
  // appended since the last one; pacing at s3.wal.iops keeps the volume's own queue short.
  #issueBlock(b: AutomqBroker): void {
    const c = this.arch.config;
    const engine = this.arch.world.engine;
    while (b.writesInFlight < c.walWritesInFlightMax && b.open.bytes > 0 && b.volume) {
      const now = engine.nowMicros;
      if (b.walNextIssueMicros > now) {
        if (!b.walIssueArmed) {
          b.walIssueArmed = true;
          engine.send(this.actor, Kind.issueTimer, Math.ceil(b.walNextIssueMicros - now), b.index);
        }
        return;
      }
      const rec = this.#issue(b);
      const aligned = Math.ceil(rec.objectBytes / c.walAlignBytes) * c.walAlignBytes;
      const ios = Math.max(1, Math.ceil(aligned / (b.volume.config.ioBytesMax)));
      b.walNextIssueMicros = Math.max(now, b.walNextIssueMicros) + (ios * 1e6) / c.walIopsMax;
      b.walBytesWritten += aligned;
      b.volume.writeSync(aligned, this.actor, Kind.volumeWritten, b.index, rec.seq);
    }
  }

  #flushS3(b: AutomqBroker): void {
    if (b.open.bytes === 0 || b.writesInFlight >= this.arch.config.s3WalUploadsInFlightMax) return;
    b.batchGen++;
    this.#putRecord(b, this.#issue(b));
  }

  #putRecord(b: AutomqBroker, rec: WalRecord): void {
    const arch = this.arch;
    this.puts.put(b.index, b.host, Math.ceil(rec.objectBytes), FlowClass.wal, this.actor, Kind.walPut, b.index, rec.seq, Kind.walPutFailed);
  }

  #issue(b: AutomqBroker): WalRecord {
    const rec = b.open;
    rec.seq = b.nextSeq++;
    b.open = emptyRecord(0);
    b.inFlight.push(rec);
    b.writesInFlight++;
    b.walWrites++;
    return rec;
  }

  #written(b: AutomqBroker, seq: number): void {
    const rec = findRecord(b, seq);
    if (!rec || rec.done) return;
    rec.done = true;
    b.writesInFlight--;
    const s3 = this.arch.config.walKind === "s3";
    if (s3) {
      b.unflushedBytes -= rec.objectBytes;
      b.walBytesWritten += Math.ceil(rec.objectBytes);
    }
    // Retire every record now durable before anyone reads, so readers see one consistent end.
    let retired = 0;
    while (retired < b.inFlight.length && b.inFlight[retired].done) this.#retire(b, b.inFlight[retired++]);
    for (const done of b.inFlight.splice(0, retired)) this.arch.onDurable(b, done);
    if (!s3) this.#issueBlock(b);
    else {
      const c = this.arch.config;
      const waited = this.arch.world.engine.nowMicros - b.open.openedMicros;
      if (b.open.objectBytes >= c.s3WalBatchBytesMax || (b.open.bytes > 0 && waited >= c.s3WalBatchIntervalMicros)) this.#flushS3(b);
    }
    this.drainBlocked(b);
  }

  #retire(b: AutomqBroker, rec: WalRecord): void {
    const arch = this.arch;
    b.walDurable += rec.bytes;
    for (let i = 0; i < rec.groups.length; i++) {
      const g = arch.groups[rec.groups[i]];
      if (rec.targets[i] > g.hw) g.hw = rec.targets[i];
      if (rec.targets[i] > g.ackedEnd) g.ackedEnd = rec.targets[i];
      // Indexed once durable, not at append: consumers time a response's end by the entry at that offset, which must
      // not be a later, still volatile append (an S3 WAL batch is 250 ms younger).
      g.index.append(rec.targets[i], rec.windowFromMicros, rec.windowToMicros);
    }
    if (arch.config.walKind === "s3") b.walObjects.push(b.walDurable, Math.ceil(rec.objectBytes), rec.linkedBytes);
    for (let i = 0; i < rec.acks.length; i += 3) arch.ackDone(rec.acks[i], rec.acks[i + 1], rec.acks[i + 2], true, b.index);
  }
}

function findRecord(b: AutomqBroker, seq: number): WalRecord | undefined {
  if (b.inFlight.length === 0) return undefined;
  const rec = b.inFlight[seq - b.inFlight[0].seq];
  return rec !== undefined && rec.seq === seq ? rec : undefined;
}
