// Where AutoMQ serves a fetch from. Tail reads hit the leader's log cache (or, with the zone router, the snapshot-read
// cache of an in-zone broker); anything older goes through the block cache, whose misses become ranged GETs of
// s3.object.block.size blocks with readahead. Snapshot reads: an in-zone broker subscribes to each leader it proxies
// for, learns the leader's confirmed WAL end by RPC and replays the leader's WAL from S3 (SubscriberRequester and
// SubscriberReplayer in AutoMQ/automq core/.../zerozone; the docs: "AutoMQ in AZ2 will directly read the already
// written data from S3"), so data is visible there one RPC and one GET after it is durable on the leader.

import type { Actor } from "../engine.ts";
import { FlowClass } from "../network/index.ts";
import type { AutomqArchitecture } from "./automq.ts";
import type { AutomqBroker } from "./automqBroker.ts";
import { CacheClockIndex, type PageCache } from "./pageCache.ts";
import type { PartitionGroup } from "./partitionGroups.ts";

const Kind = { blockGot: 1, blockFailed: 2, noticeArrived: 3, noticeLost: 4, replayGot: 5, replayFailed: 6 } as const;
// Block-cache keys pack (stripe, consumer share, group); groups above this count would collide.
const GROUP_KEY_SPACE = 1 << 16;

/** A stripe of blocks (one per partition of a consumer's share) being fetched from S3 into a broker's block cache. */
interface Stripe {
  key: number;
  broker: AutomqBroker;
  epoch: number;
  bytes: number;
  pending: number;
  waiters: number[];
}

/** One snapshot-read subscription: reader replays leader's WAL. */
interface Subscriber {
  leader: AutomqBroker;
  reader: AutomqBroker;
  gen: number;
  busy: boolean;
  bytes: number;
  groups: number[];
  targets: number[];
  flightBytes: number;
  flightGroups: number[];
  flightTargets: number[];
}

/** Fetch reads and snapshot-read replication for one AutoMQ architecture (one engine actor). */
export class AutomqReads implements Actor {
  readonly actor: number;
  /** Per group × broker: how far a snapshot reader has replayed the group (group bytes). */
  readonly readerEnd: Float64Array;
  /** Bytes snapshot readers fetched from S3 by replaying leaders' WALs. */
  replayedBytes = 0;
  readonly #snapClocks: (CacheClockIndex | undefined)[];
  readonly #subs: (Subscriber | undefined)[];
  readonly #inflight: Map<number, Stripe>[];
  #sessionWaits = new Int32Array(64);
  #gen = 1;

  constructor(readonly arch: AutomqArchitecture) {
    this.actor = arch.world.engine.register(`${arch.name}.reads`, this);
    const n = arch.brokers.length;
    this.readerEnd = new Float64Array(arch.groups.length * n);
    this.#snapClocks = new Array(arch.groups.length * n).fill(undefined);
    this.#subs = new Array(n * n).fill(undefined);
    this.#inflight = arch.brokers.map(() => new Map());
  }

  /** Bytes of group g a consumer fetching from broker may read. */
  visibleEnd(g: PartitionGroup, broker: number): number {
    if (g.leader === broker) return g.hw;
    return this.readerEnd[g.id * this.arch.brokers.length + broker];
  }

  /** Reads a fetch session's data on broker from memory or S3, then lets the consumers respond. */
  readForFetch(session: number, brokerIndex: number): void {
    const arch = this.arch;
    const consumers = arch.consumers;
    const b = arch.brokers[brokerIndex];
    if (!b.up) return consumers.respond(session);
    const { consumer, groups, from, to } = consumers.sessionRead(session);
    const perSub = arch.world.workload.consumerPerSubscription;
    // A shared session (coarse fidelity) reads for each consumer it serves, as their own fetches would.
    const members = consumers.sessionMembers(session);
    let waits = 0;
    for (let i = 0; i < groups.length; i++) {
      const bytes = ((to[i] - from[i]) / perSub) * members;
      if (bytes <= 0) continue;
      const g = arch.groups[groups[i]];
      const leader = g.leader === brokerIndex;
      const clock = leader ? arch.logClocks[g.id] : this.#snapClocks[g.id * arch.brokers.length + brokerIndex];
      const cache: PageCache = leader ? b.logCache : b.snapshotCache;
      if (clock && cache.holds(clock.clockAt(from[i]))) {
        cache.hitBytes += bytes;
        continue;
      }
      cache.missBytes += bytes;
      waits += this.#readBlocks(b, session, g, consumer % perSub, from[i], to[i]);
    }
    if (waits === 0) return consumers.respond(session);
    if (session >= this.#sessionWaits.length) {
      const grown = new Int32Array(Math.max(session + 1, this.#sessionWaits.length * 2));
      grown.set(this.#sessionWaits);
      this.#sessionWaits = grown;
    }
    this.#sessionWaits[session] = waits;
  }

  /** A leader's newly durable (S3 WAL) or newly uploaded (block WAL) data: its subscribed readers replay it. */
  offer(leader: AutomqBroker, groups: readonly number[], targets: readonly number[], bytes: number): void {
    const arch = this.arch;
    if (!leader.up || groups.length === 0) return;
    for (let zone = 0; zone < arch.world.zones; zone++) {
      if (zone === leader.zone) continue;
      const r = arch.proxyFor(leader.index, zone);
      if (r < 0 || r === leader.index) continue;
      const sub = this.#subscriber(leader, arch.brokers[r]);
      for (let i = 0; i < groups.length; i++) setMax(sub.groups, sub.targets, groups[i], targets[i]);
      sub.bytes += bytes;
      if (!sub.busy) this.#notice(sub);
    }
  }

  /** Forgets every subscription (leadership or proxy mapping changed); new ones start from what is uploaded. */
  resetSubscriptions(): void {
    this.#subs.fill(undefined);
  }

  receive(kind: number, a: number, b: number, ref: unknown): void {
    switch (kind) {
      case Kind.blockGot:
        return this.#blockGot(ref as Stripe, true);
      case Kind.blockFailed:
        return this.#blockGot(ref as Stripe, false);
      case Kind.noticeArrived:
        return this.#noticeArrived(a, b);
      case Kind.replayGot:
        return this.#replayGot(a, b);
      case Kind.noticeLost:
      case Kind.replayFailed:
        return this.#replayLost(a, b);
      default:
        throw new Error(`${this.arch.name}.reads: unexpected event kind ${kind}`);
    }
  }

  // Block-cache lookups for [from, to) of one consumer share; misses (and readahead) start ranged GETs. Returns how
  // many stripes the session now waits for.
  #readBlocks(b: AutomqBroker, session: number, g: PartitionGroup, share: number, from: number, to: number): number {
    const c = this.arch.config;
    const perSub = this.arch.world.workload.consumerPerSubscription;
    const stripeBytes = c.objectBlockBytes * g.partitions;
    const gets = Math.max(1, Math.round(g.partitions / perSub));
    const first = Math.floor(from / stripeBytes);
    const last = Math.floor((to - 1) / stripeBytes);
    let waits = 0;
    for (let s = first; s <= last + c.readaheadBlocks; s++) {
      if (s > last && s * stripeBytes >= g.hw) break;
      const key = (s * perSub + share) * GROUP_KEY_SPACE + g.id;
      const wanted = s <= last;
      if (wanted ? b.blockCache.get(key, gets * c.objectBlockBytes) : b.blockCache.has(key)) continue;
      let stripe = this.#inflight[b.index].get(key);
      if (!stripe) {
        stripe = { key, broker: b, epoch: b.epoch, bytes: gets * c.objectBlockBytes, pending: gets, waiters: [] };
        this.#inflight[b.index].set(key, stripe);
        for (let i = 0; i < gets; i++) {
          this.arch.store.get(b.host, c.objectBlockBytes, this.arch.nextPrefix(), FlowClass.s3Get, this.actor, Kind.blockGot, 0, 0, stripe, Kind.blockFailed);
        }
      }
      if (wanted) {
        stripe.waiters.push(session);
        waits++;
      }
    }
    return waits;
  }

  #blockGot(stripe: Stripe, ok: boolean): void {
    if (--stripe.pending > 0) return;
    this.#inflight[stripe.broker.index].delete(stripe.key);
    // A failed GET is not cached; the fetch is still answered, and a later one retries (a simplification).
    if (ok && stripe.epoch === stripe.broker.epoch) stripe.broker.blockCache.put(stripe.key, stripe.bytes);
    for (const session of stripe.waiters) {
      if (--this.#sessionWaits[session] === 0) this.arch.consumers.respond(session);
    }
  }

  #subscriber(leader: AutomqBroker, reader: AutomqBroker): Subscriber {
    const n = this.arch.brokers.length;
    const existing = this.#subs[leader.index * n + reader.index];
    if (existing) return existing;
    const sub: Subscriber = { leader, reader, gen: this.#gen++, busy: false, bytes: 0, groups: [], targets: [], flightBytes: 0, flightGroups: [], flightTargets: [] };
    this.#subs[leader.index * n + reader.index] = sub;
    // A new subscriber starts from what S3 objects already hold, and (ZeroZone V2) asks the leader to commit its WAL
    // so that the part it will not replay is readable from the main storage (SubscriberRequester requestCommit).
    for (const gi of leader.led) {
      const at = gi * n + reader.index;
      const start = Math.max(this.readerEnd[at], this.arch.uploadedEnd[gi]);
      this.readerEnd[at] = start;
      this.#snapClocks[at] = staleClock(start, reader.snapshotCache);
    }
    this.arch.uploader.kick(leader, true);
    return sub;
  }

  #notice(sub: Subscriber): void {
    const n = this.arch.brokers.length;
    sub.busy = true;
    this.arch.world.network.transfer(sub.leader.host, sub.reader.host, this.arch.config.rpcBytes, FlowClass.control, this.actor, Kind.noticeArrived, sub.leader.index * n + sub.reader.index, sub.gen, undefined, Kind.noticeLost);
  }

  #live(index: number, gen: number): Subscriber | undefined {
    const sub = this.#subs[index];
    return sub && sub.gen === gen ? sub : undefined;
  }

  #noticeArrived(index: number, gen: number): void {
    const sub = this.#live(index, gen);
    if (!sub) return;
    if (sub.bytes <= 0 || !sub.reader.up) {
      sub.busy = false;
      return;
    }
    [sub.flightGroups, sub.groups] = [sub.groups, sub.flightGroups];
    [sub.flightTargets, sub.targets] = [sub.targets, sub.flightTargets];
    sub.groups.length = 0;
    sub.targets.length = 0;
    sub.flightBytes = sub.bytes;
    sub.bytes = 0;
    this.arch.store.get(sub.reader.host, Math.ceil(sub.flightBytes), this.arch.nextPrefix(), FlowClass.s3Get, this.actor, Kind.replayGot, index, gen, undefined, Kind.replayFailed);
  }

  #replayGot(index: number, gen: number): void {
    const sub = this.#live(index, gen);
    if (!sub) return;
    const n = this.arch.brokers.length;
    const r = sub.reader;
    const clockFrom = r.snapshotCache.clock;
    const clockTo = r.snapshotCache.insert(sub.flightBytes);
    this.replayedBytes += sub.flightBytes;
    for (let i = 0; i < sub.flightGroups.length; i++) {
      const at = sub.flightGroups[i] * n + r.index;
      if (sub.flightTargets[i] <= this.readerEnd[at]) continue;
      this.readerEnd[at] = sub.flightTargets[i];
      (this.#snapClocks[at] ??= staleClock(0, r.snapshotCache)).append(sub.flightTargets[i], clockFrom, clockTo);
    }
    sub.flightGroups.length = 0;
    sub.flightTargets.length = 0;
    sub.flightBytes = 0;
    this.arch.consumers.wake(r.index);
    if (sub.bytes > 0) this.#notice(sub);
    else sub.busy = false;
  }

  // A lost notice or GET: what was in flight goes back to the pending set and is tried with the next offer.
  #replayLost(index: number, gen: number): void {
    const sub = this.#live(index, gen);
    if (!sub) return;
    for (let i = 0; i < sub.flightGroups.length; i++) setMax(sub.groups, sub.targets, sub.flightGroups[i], sub.flightTargets[i]);
    sub.bytes += sub.flightBytes;
    sub.flightGroups.length = 0;
    sub.flightTargets.length = 0;
    sub.flightBytes = 0;
    sub.busy = false;
  }
}

function setMax(groups: number[], targets: number[], group: number, target: number): void {
  const at = groups.indexOf(group);
  if (at < 0) {
    groups.push(group);
    targets.push(target);
  } else if (target > targets[at]) targets[at] = target;
}

/** A clock index whose offsets below `offset` read as long evicted: data from before this cache knew the log. */
export function staleClock(offset: number, cache: PageCache): CacheClockIndex {
  const index = new CacheClockIndex();
  const stale = cache.clock - cache.capacityBytes - 1;
  if (offset > 0) index.append(offset, stale, stale);
  return index;
}
