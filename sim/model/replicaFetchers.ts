// Follower replication as Kafka does it: for every (leader, follower) broker pair one fetcher pulls, in one request,
// all the partitions the follower replicates from that leader. The leader learns a follower's progress from its
// next fetch, which is what moves the high watermark; an idle fetch waits replica.fetch.wait.max.ms at the leader.

import { FlowClass } from "../network/index.ts";
import { resolveFidelity } from "./fidelity.ts";
import { LongPolls } from "./longPolls.ts";
import type { KafkaArchitecture } from "./kafka.ts";
import { wholeWireBytes } from "./wireBytes.ts";

const Kind = {
  fetchArrived: 30,
  fetchLost: 31,
  responseArrived: 32,
  responseLost: 33,
  waitExpired: 34,
  retry: 35,
  diskReadDone: 36,
  throttleDone: 37,
  flush: 38,
} as const;

const State = { idle: 0, travelling: 1, parked: 2, reading: 3, responding: 4, dead: 5 } as const;

// replication.quota.window.size.seconds: 1 (QuotaConfig), the window the throttled rate is averaged over.
const QUOTA_WINDOW_MICROS = 1_000_000;
// replica.fetch.backoff.ms: 1000 (ReplicationConfigs.java), the pause after a failed fetch.
const FETCH_BACKOFF_MICROS = 1_000_000;

interface Pair {
  id: number;
  leader: number;
  follower: number;
  groups: number[];
  /** Index of the follower in each group's replica list. */
  replicaIndex: number[];
  state: number;
  snapEnd: Float64Array;
  snapHw: Float64Array;
  bytes: number;
  /** Per group: when the follower was last caught up (Kafka's lastCaughtUpTimeMs), µs. */
  caughtUpMicros: Float64Array;
  /** Per group: the leader's log end offset when the previous fetch arrived (bytes). */
  leoAtLastFetch: Float64Array;
  /** When the previous fetch arrived, µs. */
  lastFetchMicros: number;
  catchingUp: boolean;
  /** The fraction of a byte its responses so far left over (wireBytes.ts). */
  wireCarry: number;
}

/** A reassignment in progress: the replica that leaves once the new one is in sync. */
export interface PendingMove {
  from: number;
  to: number;
  startedMicros: number;
  bytes: number;
}

/** Every replica fetcher of the cluster. */
export class ReplicaFetchers {
  readonly pendingRemovals = new Map<number, PendingMove>();
  #pairs: Pair[] = [];
  #active: Pair[][] = [];
  #throttleFreeMicros: number[] = [];
  readonly #polls: LongPolls<Pair>;

  constructor(readonly arch: KafkaArchitecture) {
    const coalesceMicros = resolveFidelity(arch.world.workload.fidelity).coalesceMicros;
    for (let i = 0; i < arch.brokers.length; i++) {
      this.#active.push([]);
      this.#throttleFreeMicros.push(0);
    }
    this.#polls = new LongPolls<Pair>(arch.world.engine, arch.actor, Kind.waitExpired, arch.brokers.length, {
      isParked: (pair) => pair.state === State.parked,
      isReady: (pair) => this.#pairHasData(pair),
      answer: (pair) => this.#respond(pair),
    }, coalesceMicros > 0 ? { micros: coalesceMicros, flushKind: Kind.flush } : undefined);
  }

  /** Rebuilds the fetcher pairs from current leadership; in-flight work of old pairs is ignored when it returns. */
  rebuild(): void {
    const arch = this.arch;
    const now = arch.world.engine.nowMicros;
    for (const p of this.#pairs) p.state = State.dead;
    this.#pairs = [];
    const byKey = new Map<number, Pair>();
    const n = arch.brokers.length;
    for (const g of arch.groups) {
      if (g.leader < 0) continue;
      for (let i = 0; i < g.replicas.length; i++) {
        const follower = g.replicas[i];
        if (follower === g.leader) continue;
        const key = g.leader * n + follower;
        let pair = byKey.get(key);
        if (!pair) {
          pair = {
            id: 0, leader: g.leader, follower, groups: [], replicaIndex: [], state: State.idle,
            snapEnd: new Float64Array(0), snapHw: new Float64Array(0), bytes: 0,
            caughtUpMicros: new Float64Array(0), leoAtLastFetch: new Float64Array(0), lastFetchMicros: now, catchingUp: false, wireCarry: 0,
          };
          byKey.set(key, pair);
        }
        pair.groups.push(g.id);
        pair.replicaIndex.push(i);
      }
    }
    for (let b = 0; b < n; b++) {
      this.#active[b] = [];
      this.#polls.clear(b);
    }
    for (const pair of byKey.values()) {
      pair.id = this.#allPairs.length;
      pair.snapEnd = new Float64Array(pair.groups.length);
      pair.snapHw = new Float64Array(pair.groups.length);
      pair.caughtUpMicros = new Float64Array(pair.groups.length).fill(now);
      pair.leoAtLastFetch = new Float64Array(pair.groups.length);
      for (let i = 0; i < pair.groups.length; i++) pair.leoAtLastFetch[i] = arch.groups[pair.groups[i]].leo;
      pair.catchingUp = pair.groups.some((g, i) => !arch.groups[g].inSync[pair.replicaIndex[i]]);
      this.#allPairs.push(pair);
      this.#pairs.push(pair);
      this.#active[pair.leader].push(pair);
      if (arch.brokers[pair.follower].up) this.#sendFetch(pair);
    }
  }

  // Every pair ever made, indexed by id, so late events can find (and ignore) dead ones.
  readonly #allPairs: Pair[] = [];

  /** Answers parked fetches of followers of this leader that now have data to copy. */
  wakeLeader(leader: number): void {
    this.#polls.wake(leader);
  }

  /** Drops from the ISR followers of this leader that have not caught up within replica.lag.time.max.ms. */
  expireLaggards(leader: number): void {
    const arch = this.arch;
    const now = arch.world.engine.nowMicros;
    let shrunk = false;
    for (const pair of this.#active[leader]) {
      // Each partition on its own: Kafka's Partition.getOutOfSyncReplicas compares every replica's lastCaughtUpTimeMs.
      let pairShrunk = false;
      for (let i = 0; i < pair.groups.length; i++) {
        if (now - pair.caughtUpMicros[i] <= arch.config.replicaLagTimeMaxMicros) continue;
        const g = arch.groups[pair.groups[i]];
        if (g.inSync[pair.replicaIndex[i]]) {
          g.inSync[pair.replicaIndex[i]] = false;
          pairShrunk = true;
        }
      }
      shrunk ||= pairShrunk;
      if (pairShrunk && !pair.catchingUp) {
        pair.catchingUp = true;
        arch.world.timeline.push({ atMicros: now, what: "follower dropped from ISR", broker: pair.follower });
      }
    }
    if (shrunk) arch.advanceHighWatermarks(leader, arch.brokers[leader].led);
  }

  receive(kind: number, a: number, _b: number): void {
    if (kind === Kind.waitExpired) return this.#polls.expire(a);
    if (kind === Kind.flush) return this.#polls.flush(a);
    const pair = this.#allPairs[a];
    if (pair === undefined || pair.state === State.dead) return;
    switch (kind) {
      case Kind.fetchArrived: return this.#fetchArrived(pair);
      case Kind.responseArrived: return this.#responseArrived(pair);
      case Kind.fetchLost:
      case Kind.responseLost:
        pair.state = State.idle;
        this.arch.world.engine.send(this.arch.actor, Kind.retry, FETCH_BACKOFF_MICROS, pair.id);
        return;
      case Kind.retry:
        if (pair.state === State.idle && this.arch.brokers[pair.follower].up) this.#sendFetch(pair);
        return;
      case Kind.diskReadDone: return this.#send(pair);
      case Kind.throttleDone: return this.#transfer(pair);
      default: throw new RangeError(`replica fetchers: unknown event kind ${kind}`);
    }
  }

  #sendFetch(pair: Pair): void {
    const arch = this.arch;
    pair.state = State.travelling;
    arch.world.network.transfer(
      arch.brokers[pair.follower].host, arch.brokers[pair.leader].host, 0, FlowClass.replication,
      arch.actor, Kind.fetchArrived, pair.id, 0, undefined, Kind.fetchLost,
    );
  }

  #fetchArrived(pair: Pair): void {
    if (pair.state !== State.travelling) return;
    const arch = this.arch;
    const now = arch.world.engine.nowMicros;
    let allInSync = true;
    const joined: number[] = [];
    for (let i = 0; i < pair.groups.length; i++) {
      const g = arch.groups[pair.groups[i]];
      const ri = pair.replicaIndex[i];
      g.reportedLeo[ri] = g.replicaLeo[ri];
      // Replica.updateFetchState: caught up now when the fetch reaches the leader's log end, and caught up as of the
      // previous fetch when it reaches the log end the leader had then. A follower that trails by a steady round
      // trip (a slower link) therefore stays in sync; only one falling further behind ages out.
      if (g.replicaLeo[ri] >= g.leo) pair.caughtUpMicros[i] = now;
      else if (g.replicaLeo[ri] >= pair.leoAtLastFetch[i]) pair.caughtUpMicros[i] = Math.max(pair.caughtUpMicros[i], pair.lastFetchMicros);
      pair.leoAtLastFetch[i] = g.leo;
      if (!g.inSync[ri]) {
        if (g.replicaLeo[ri] >= g.hw) {
          g.inSync[ri] = true;
          if (this.pendingRemovals.has(g.id)) joined.push(g.id);
        } else allInSync = false;
      }
    }
    pair.lastFetchMicros = now;
    if (pair.catchingUp && allInSync) {
      pair.catchingUp = false;
      arch.world.timeline.push({ atMicros: now, what: "follower back in ISR", broker: pair.follower });
    }
    arch.advanceHighWatermarks(pair.leader, pair.groups);
    for (const g of joined) arch.completeReassignment(g);
    if (pair.state !== State.travelling) return;
    const ready = this.#pairHasData(pair);
    if (ready && !this.#polls.coalescing) return this.#respond(pair);
    pair.state = State.parked;
    this.#polls.park(pair.leader, pair, arch.world.engine.nowMicros + arch.config.replicaFetchWaitMaxMicros);
    // Coarse fidelity: a fetch that finds data joins the leader's next batch of answers.
    if (ready) this.#polls.wake(pair.leader);
  }

  #pairHasData(pair: Pair): boolean {
    const groups = this.arch.groups;
    for (let i = 0; i < pair.groups.length; i++) {
      const g = groups[pair.groups[i]];
      if (g.leo > g.replicaLeo[pair.replicaIndex[i]]) return true;
    }
    return false;
  }

  // Snapshots what the response carries: replica.fetch.max.bytes per partition, replica.fetch.response.max.bytes in all.
  #respond(pair: Pair): void {
    const arch = this.arch;
    const config = arch.config;
    let budget = config.replicaFetchResponseMaxBytes;
    let bytes = 0;
    let cold = false;
    const leader = arch.brokers[pair.leader];
    for (let i = 0; i < pair.groups.length; i++) {
      const g = arch.groups[pair.groups[i]];
      const ri = pair.replicaIndex[i];
      const from = g.replicaLeo[ri];
      const take = Math.max(0, Math.min(g.leo - from, config.replicaFetchMaxBytes * g.partitions, budget));
      budget -= take;
      bytes += take;
      pair.snapEnd[i] = from + take;
      pair.snapHw[i] = g.hw;
      if (take > 0 && !cold) {
        const li = g.replicaIndex(pair.leader);
        cold = !leader.cache.holds(arch.cacheClocks[g.id][li].clockAt(from));
      }
    }
    pair.bytes = bytes;
    pair.state = State.reading;
    if (cold && bytes >= 1) {
      // A follower far behind reads what has left the leader's page cache from its disk.
      leader.cache.insert(bytes);
      leader.volume.read(Math.ceil(bytes), arch.actor, Kind.diskReadDone, pair.id);
      return;
    }
    this.#send(pair);
  }

  // Catch-up traffic honours leader.replication.throttled.rate as a token bucket per leader.
  #send(pair: Pair): void {
    if (pair.state !== State.reading) return;
    const arch = this.arch;
    const rate = arch.config.recoveryThrottleBytesPerSecond;
    if (pair.catchingUp && Number.isFinite(rate) && pair.bytes > 0) {
      const now = arch.world.engine.nowMicros;
      // Kafka's replication quota averages over its sample window (replication.quota.window.size.seconds = 1), so
      // unused credit of the last second carries over: the bucket may start up to one window in the past.
      const start = Math.max(now - QUOTA_WINDOW_MICROS, this.#throttleFreeMicros[pair.leader]);
      const free = start + Math.ceil((pair.bytes / rate) * 1e6);
      this.#throttleFreeMicros[pair.leader] = free;
      pair.state = State.responding;
      if (free <= now) return this.#transfer(pair);
      arch.world.engine.send(arch.actor, Kind.throttleDone, free - now, pair.id);
      return;
    }
    pair.state = State.responding;
    this.#transfer(pair);
  }

  #transfer(pair: Pair): void {
    const arch = this.arch;
    arch.world.network.transfer(
      arch.brokers[pair.leader].host, arch.brokers[pair.follower].host, wholeWireBytes(pair, pair.bytes),
      pair.catchingUp ? FlowClass.recovery : FlowClass.replication,
      arch.actor, Kind.responseArrived, pair.id, 0, undefined, Kind.responseLost,
    );
  }

  #responseArrived(pair: Pair): void {
    if (pair.state !== State.responding) return;
    const arch = this.arch;
    const follower = arch.brokers[pair.follower];
    const clockFrom = follower.cache.clock;
    const clockTo = follower.cache.insert(pair.bytes);
    for (let i = 0; i < pair.groups.length; i++) {
      const g = arch.groups[pair.groups[i]];
      const ri = pair.replicaIndex[i];
      if (pair.snapEnd[i] > g.replicaLeo[ri]) {
        g.replicaLeo[ri] = pair.snapEnd[i];
        arch.cacheClocks[g.id][ri].append(pair.snapEnd[i], clockFrom, clockTo);
      }
      if (pair.snapHw[i] > g.knownHw[ri]) g.knownHw[ri] = pair.snapHw[i];
    }
    if (pair.bytes >= 1) follower.volume.writeBuffered(Math.ceil(pair.bytes));
    arch.consumers.wakeGroups(pair.follower, pair.groups);
    this.#sendFetch(pair);
  }
}
