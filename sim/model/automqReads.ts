// Where AutoMQ serves a fetch from. Tail reads hit the leader's log cache (or, with the zone router, the snapshot-read
// cache of an in-zone broker, filled by automqSnapshotReplay.ts); anything older goes through the block cache, whose
// misses become ranged GETs of s3.object.block.size blocks with readahead.

import type { Actor } from "../engine.ts";
import { FlowClass } from "../network/index.ts";
import type { AutomqArchitecture } from "./automq.ts";
import type { AutomqBroker } from "./automqBroker.ts";
import { AutomqSnapshotPolls } from "./automqSnapshotPolls.ts";
import { AutomqSnapshotReplay } from "./automqSnapshotReplay.ts";
import type { PageCache } from "./pageCache.ts";
import type { PartitionGroup } from "./partitionGroups.ts";

const Kind = { blockGot: 1, blockFailed: 2 } as const;
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

/** Fetch reads for one AutoMQ architecture (one engine actor), with its snapshot-read subscriptions and their polls. */
export class AutomqReads implements Actor {
  readonly actor: number;
  /** Snapshot-read subscriptions and what they load (zone router). */
  readonly snapshots: AutomqSnapshotReplay;
  /** The subscriptions' poll loops. */
  readonly polls: AutomqSnapshotPolls;
  readonly #inflight: Map<number, Stripe>[];
  #sessionWaits = new Int32Array(64);

  constructor(readonly arch: AutomqArchitecture) {
    this.actor = arch.world.engine.register(`${arch.name}.reads`, this);
    this.#inflight = arch.brokers.map(() => new Map());
    this.snapshots = new AutomqSnapshotReplay(arch);
    this.polls = new AutomqSnapshotPolls(arch, this.snapshots);
  }

  /** Bytes of group g a consumer fetching from broker may read. */
  visibleEnd(g: PartitionGroup, broker: number): number {
    if (g.leader === broker) return g.hw;
    return this.snapshots.readerEnd[g.id * this.arch.brokers.length + broker];
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
      const clock = leader ? arch.logClocks[g.id] : this.snapshots.clockOf(g.id, brokerIndex);
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

  /** A leader's newly durable WAL object (S3 WAL) or newly uploaded object (block WAL): its subscribers load it.
   * objectBytes is the WAL object's own size, linkedBytes the log bytes its link records point to, bytes. */
  offer(leader: AutomqBroker, groups: readonly number[], targets: readonly number[], bytes: number, uploaded: boolean, objectBytes = bytes,
    linkedBytes = 0): void {
    this.snapshots.offer(leader, groups, targets, bytes, uploaded, objectBytes, linkedBytes);
  }

  /** Subscribes anew along the current proxy mapping (leadership or membership changed). */
  resetSubscriptions(): void {
    this.snapshots.reset();
  }

  receive(kind: number, _a: number, _b: number, ref: unknown): void {
    switch (kind) {
      case Kind.blockGot:
        return this.#blockGot(ref as Stripe, true);
      case Kind.blockFailed:
        return this.#blockGot(ref as Stripe, false);
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
}
