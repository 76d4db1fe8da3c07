// Snapshot reads with the zone router: an in-zone broker subscribes to each leader it proxies for, learns from the
// leader's answers (automqSnapshotPolls.ts) which WAL objects (S3 WAL) or uploaded objects (block WAL) are new, and
// loads them from S3 into its snapshot-read cache. Every object is fetched by its own GET as soon as it is known, many
// at once, and applied in order: a partition becomes readable there once its data and all before it are loaded
// (SubscriberReplayer, SnapshotReadCache.WalReplay/ObjectReplay and the WAL's DefaultReader in AutoMQ/automq).

import type { Actor } from "../engine.ts";
import { FlowClass } from "../network/index.ts";
import type { AutomqArchitecture } from "./automq.ts";
import type { AutomqBroker } from "./automqBroker.ts";
import { CacheClockIndex, type PageCache } from "./pageCache.ts";

const Kind = { got: 1, failed: 2 } as const;

/** One object a subscriber loads: a leader's S3 WAL object, or an object its block WAL was uploaded into. */
export interface ReplayEntry {
  bytes: number;
  /** A WAL object's own bytes (records, link records), and the log bytes its link records point into channel objects. */
  objectBytes: number;
  linkedBytes: number;
  /** Groups the object carries and the log end each reaches with it (group bytes); shared, never mutated. */
  groups: readonly number[];
  targets: readonly number[];
  /** An uploaded object (loaded within snapshotObjectLoadBytesMax) rather than a WAL object (loaded at once). */
  uploaded: boolean;
  /** GETs not yet answered; -1 before the first is sent. */
  pending: number;
  /** Whether every GET brought its bytes (a failed one leaves the range to be read from S3 on demand). */
  ok: boolean;
}

/** One (leader, reader) subscription with its poll loop state and the objects on their way to the reader. */
export interface Subscription {
  readonly index: number;
  readonly gen: number;
  readonly leader: AutomqBroker;
  readonly reader: AutomqBroker;
  /** Objects the leader made readable that no answer has carried yet, oldest first. */
  unseen: ReplayEntry[];
  /** Objects travelling in the answer in flight. */
  answering: ReplayEntry[];
  /** Objects learned and being loaded, oldest first; applied from the front as they complete. */
  loading: ReplayEntry[];
  /** Entries of `loading` before this index have their GETs sent. */
  started: number;
  /** Bytes of uploaded objects being loaded now. */
  uploadedBytesLoading: number;
  /** Producer batches appended by the leader since the last answer (each moves one partition's high watermark). */
  batches: number;
  /** Polls folded into the exchange in flight, when its request left (µs), and the last round trip (µs). */
  polls: number;
  sentMicros: number;
  roundTripMicros: number;
}

/** The snapshot-read subscriptions of one AutoMQ architecture and the loads behind them (one engine actor). */
export class AutomqSnapshotReplay implements Actor {
  readonly actor: number;
  /** Per group × broker: how far a snapshot reader has loaded the group (group bytes). */
  readonly readerEnd: Float64Array;
  /** Bytes snapshot readers loaded from S3, and the GETs that loaded them. */
  replayedBytes = 0;
  replayGets = 0;
  /** Called with every subscription created (the poll loop starts there). */
  onSubscribed: (sub: Subscription) => void = () => {};
  readonly #clocks: (CacheClockIndex | undefined)[];
  readonly #subs: (Subscription | undefined)[];
  #gen = 1;

  constructor(readonly arch: AutomqArchitecture) {
    this.actor = arch.world.engine.register(`${arch.name}.snapshots`, this);
    const n = arch.brokers.length;
    this.readerEnd = new Float64Array(arch.groups.length * n);
    this.#clocks = new Array(arch.groups.length * n).fill(undefined);
    this.#subs = new Array(n * n).fill(undefined);
  }

  /** Snapshot-cache clock index of a group on a reader, if the reader has loaded any of it. */
  clockOf(group: number, broker: number): CacheClockIndex | undefined {
    return this.#clocks[group * this.arch.brokers.length + broker];
  }

  /** The subscription live at index with generation gen, if any. */
  live(index: number, gen: number): Subscription | undefined {
    const sub = this.#subs[index];
    return sub && sub.gen === gen ? sub : undefined;
  }

  /** Drops every subscription and subscribes anew along the current proxy mapping (leadership or membership moved). */
  reset(): void {
    this.#subs.fill(undefined);
    const arch = this.arch;
    if (!arch.config.zoneRouter) return;
    const kicked = new Set<number>();
    for (const leader of arch.brokers) {
      for (let zone = 0; zone < arch.world.zones; zone++) {
        if (zone === leader.zone) continue;
        const r = arch.proxyFor(leader.index, zone);
        if (r < 0 || r === leader.index) continue;
        this.#subscribe(leader, arch.brokers[r]);
        kicked.add(leader.index);
      }
    }
    // A new subscriber's first poll asks the leader to commit its WAL (ZeroZone V2, SubscriberRequester with session
    // epoch 0), so what it will not replay is readable from the main storage.
    for (const b of kicked) arch.uploader.kick(arch.brokers[b], true);
  }

  /** A leader made an object readable to its subscribers: they learn of it with their next poll answer. */
  offer(leader: AutomqBroker, groups: readonly number[], targets: readonly number[], bytes: number, uploaded: boolean, objectBytes = bytes,
    linkedBytes = 0): void {
    if (!leader.up || groups.length === 0 || bytes <= 0) return;
    const n = this.arch.brokers.length;
    for (let r = 0; r < n; r++) {
      const sub = this.#subs[leader.index * n + r];
      if (sub) sub.unseen.push({ bytes, objectBytes, linkedBytes, groups, targets, uploaded, pending: -1, ok: true });
    }
  }

  /** A leader appended `batches` producer batches: partitions whose high watermark moved, for the next answers. */
  appended(leader: AutomqBroker, batches: number): void {
    const n = this.arch.brokers.length;
    for (let r = 0; r < n; r++) {
      const sub = this.#subs[leader.index * n + r];
      if (sub) sub.batches += batches;
    }
  }

  /** An answer reached the reader: it starts loading the objects the answer named. */
  learn(sub: Subscription): void {
    for (const entry of sub.answering) sub.loading.push(entry);
    sub.answering.length = 0;
    this.#startLoads(sub);
  }

  receive(kind: number, a: number, b: number, ref: unknown): void {
    if (kind !== Kind.got && kind !== Kind.failed) throw new Error(`${this.arch.name}.snapshots: unexpected event kind ${kind}`);
    const sub = this.live(a, b);
    const entry = ref as ReplayEntry;
    if (!sub) return;
    if (kind === Kind.failed) entry.ok = false;
    if (--entry.pending > 0) return;
    if (entry.uploaded) sub.uploadedBytesLoading -= entry.bytes;
    this.#applyReady(sub);
    this.#startLoads(sub);
  }

  #subscribe(leader: AutomqBroker, reader: AutomqBroker): void {
    const n = this.arch.brokers.length;
    const index = leader.index * n + reader.index;
    const sub: Subscription = {
      index, gen: this.#gen++, leader, reader, unseen: [], answering: [], loading: [], started: 0, uploadedBytesLoading: 0,
      batches: 0, polls: 0, sentMicros: 0, roundTripMicros: 0,
    };
    this.#subs[index] = sub;
    // A new subscriber starts from what S3 objects already hold: anything older is read through the block cache.
    for (const gi of leader.led) {
      const at = gi * n + reader.index;
      const start = Math.max(this.readerEnd[at], this.arch.uploadedEnd[gi]);
      this.readerEnd[at] = start;
      this.#clocks[at] = staleClock(start, reader.snapshotCache);
    }
    this.onSubscribed(sub);
  }

  // Sends the GETs of learned objects not yet started: WAL objects at once, uploaded objects while under the bound.
  #startLoads(sub: Subscription): void {
    const c = this.arch.config;
    if (!sub.reader.up) return;
    for (; sub.started < sub.loading.length; sub.started++) {
      const entry = sub.loading[sub.started];
      if (entry.uploaded && sub.uploadedBytesLoading > 0 && sub.uploadedBytesLoading + entry.bytes > c.snapshotObjectLoadBytesMax) return;
      // A WAL object is one ranged GET "to the end" (DefaultReader), and the channel data its link records point to
      // one ranged GET per channel object's worth (DefaultLinkRecordDecoder; adjacent ranges merged); an uploaded
      // object is read in parts.
      const reads = entry.uploaded ? entry.bytes : entry.objectBytes;
      const part = entry.uploaded ? c.objectPartBytes : reads;
      const parts = Math.max(1, Math.ceil(reads / part));
      const links = entry.linkedBytes > 0 ? Math.ceil(entry.linkedBytes / c.routerBatchBytesMax) : 0;
      entry.pending = parts + links;
      if (entry.uploaded) sub.uploadedBytesLoading += entry.bytes;
      for (let i = 0; i < parts; i++) this.#get(sub, entry, Math.ceil(Math.min(part, reads - i * part)));
      for (let i = 0; i < links; i++) this.#get(sub, entry, Math.ceil(Math.min(c.routerBatchBytesMax, entry.linkedBytes - i * c.routerBatchBytesMax)));
    }
  }

  #get(sub: Subscription, entry: ReplayEntry, bytes: number): void {
    this.arch.store.get(sub.reader.host, bytes, this.arch.nextPrefix(), FlowClass.s3Get, this.actor, Kind.got, sub.index, sub.gen, entry, Kind.failed);
    this.replayGets++;
  }

  // Applies loaded objects from the front, in order: their data enters the snapshot cache and becomes readable.
  #applyReady(sub: Subscription): void {
    const n = this.arch.brokers.length;
    const r = sub.reader;
    const cache: PageCache = r.snapshotCache;
    let applied = 0;
    while (applied < sub.loading.length && sub.loading[applied].pending === 0) {
      const entry = sub.loading[applied++];
      const clockFrom = cache.clock;
      // A failed load is skipped by the cache: the snapshot still moves on, and reads of that range go to S3.
      const clockTo = entry.ok ? cache.insert(entry.bytes) : clockFrom;
      if (entry.ok) this.replayedBytes += entry.bytes;
      const stale = cache.clock - cache.capacityBytes - 1;
      for (let i = 0; i < entry.groups.length; i++) {
        const at = entry.groups[i] * n + r.index;
        if (entry.targets[i] <= this.readerEnd[at]) continue;
        this.readerEnd[at] = entry.targets[i];
        const clock = (this.#clocks[at] ??= staleClock(0, cache));
        if (entry.ok) clock.append(entry.targets[i], clockFrom, clockTo);
        else clock.append(entry.targets[i], stale, stale);
      }
    }
    if (applied === 0) return;
    sub.loading.splice(0, applied);
    sub.started -= applied;
    this.arch.consumers.wake(r.index);
  }
}

/** A clock index whose offsets below `offset` read as long evicted: data from before this cache knew the log. */
export function staleClock(offset: number, cache: PageCache): CacheClockIndex {
  const index = new CacheClockIndex();
  const stale = cache.clock - cache.capacityBytes - 1;
  if (offset > 0) index.append(offset, stale, stale);
  return index;
}
