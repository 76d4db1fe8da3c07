// Consumer clients and the fetch protocol, shared by every architecture. A subscription reads one topic (OMB), and
// each of its consumers an equal share of that topic's partitions in every group holding some; it holds one fetch
// session per broker that serves it. A fetch waits at the broker until fetch.min.bytes are visible or
// fetch.max.wait.ms passes (long polling), then the architecture reads the data from wherever it lives (page cache,
// disk, cache, object store) and the response crosses the network.

import { InputError } from "../errors.ts";
import { FlowClass } from "../network/index.ts";
import type { PartitionGroup } from "./partitionGroups.ts";
import { resolveFidelity } from "./fidelity.ts";
import { LongPolls } from "./longPolls.ts";
import { TopicLayout } from "./topicLayout.ts";
import { wholeWireBytes } from "./wireBytes.ts";
import type { Architecture, World } from "./world.ts";

const Kind = { fetchArrived: 1, fetchLost: 2, waitExpired: 3, responseArrived: 4, responseLost: 5, retry: 6, backlogCheck: 7, flush: 8 } as const;
const State = { idle: 0, travelling: 1, parked: 2, reading: 3, responding: 4, dead: 5 } as const;

// Fetch requests and response headers are left out of the byte accounting (incremental fetch sessions, KIP-227,
// keep them to tens of bytes): requests travel as latency-only messages, responses carry their records' bytes.
// After a failed fetch the client backs off retry.backoff.ms (100 ms default) before trying the new routes.
const FETCH_RETRY_MICROS = 100_000;
const BACKLOG_CHECK_MICROS = 100_000;

/** One consumer client to create: its network host, zone and subscription, plus options add-ons use. */
export interface ConsumerHostSpec {
  host: number;
  zone: number;
  subscription: number;
  /** The topic its subscription reads (OMB: each subscription reads one topic); absent = every topic, as an
   * add-on exporting all records does. */
  topic?: number;
  /** Consumers sharing each group this one reads (default: the workload's consumerPerSubscription). */
  readers?: number;
  /** Fraction of each group's partitions it reads (0 = none), overriding readers; asked when its sessions open. */
  share?: (group: number) => number;
  /** Whether its records count in RunStats (OMB's consume rate and end-to-end latency); default true. */
  measured?: boolean;
  /** Flow class of its fetch requests and responses (default FlowClass.consume). */
  flowClass?: number;
}

/** Told of every group range a consumer received: offsets in group bytes, wireBytes its share, records its share. */
export type DeliveryHook = (
  consumer: number, group: number, fromOffset: number, toOffset: number, wireBytes: number, records: number, nowMicros: number,
) => void;

interface ConsumerState {
  index: number;
  subscription: number;
  /** The topic it reads, or -1 for every topic. */
  topic: number;
  zone: number;
  host: number;
  readers: number;
  measured: boolean;
  flowClass: number;
  share: ((group: number) => number) | undefined;
  /** Per group: the divisor of its bytes this consumer reads (1 / share), when share is given. */
  divisors: Float64Array | undefined;
  positions: number[];
  routesVersion: number;
  sessions: number[];
  paused: boolean;
  /** Whether it fetches through sessions shared with other groups' consumers in its zone (coarse fidelity). */
  shared: boolean;
  /** The fraction of a byte its responses so far left over (wireBytes.ts). */
  wireCarry: number;
}

/** What a fetch response reads: the session's groups and, per group, [from, to) in group bytes. */
export interface SessionRead {
  consumer: number;
  groups: readonly number[];
  from: Float64Array;
  to: Float64Array;
}

/** Every consumer client of a run, as one actor, with their fetch sessions. */
export class Consumers {
  readonly actor: number;
  readonly consumers: ConsumerState[] = [];
  /** Wire bytes measured consumers were moved back by resetSubscription: they may read that much twice. */
  rewoundBytes = 0;
  /** Optional observer of delivered ranges (the S3 sink add-on); called once per group per response. */
  onDelivered: DeliveryHook | undefined;
  #arch!: Architecture;
  // Session pool, indexed by session id.
  #sessConsumer: number[] = [];
  #sessBroker: number[] = [];
  #sessGroups: (readonly number[])[] = [];
  #sessEnds: Float64Array[] = [];
  // Per session, per group slot: what divides the group's bytes for each consumer (see sessionReaders).
  #sessReaders: Float64Array[] = [];
  // Per session, made once: the view readForFetch gets, whose `from` is filled when a response is decided.
  #sessViews: SessionRead[] = [];
  #sessState: number[] = [];
  #sessBytes: number[] = [];
  // Consumers a session serves: [owner] alone, or every member of a shared session (coarse fidelity).
  #sessMembers: (readonly number[])[] = [];
  readonly #polls: LongPolls<number>;
  readonly #shareSessions: boolean;
  readonly #perSubscription: number;
  readonly #compression: number;
  #layout!: TopicLayout;

  constructor(readonly world: World, hosts: readonly ConsumerHostSpec[]) {
    const topics = world.workload.topics;
    hosts.forEach((h, index) => {
      if (h.topic !== undefined && (!Number.isSafeInteger(h.topic) || h.topic < 0 || h.topic >= topics)) {
        throw new InputError(`consumers[${index}].topic`, h.topic, `a topic from 0 to ${topics - 1}`);
      }
    });
    this.actor = world.engine.register("consumers", this);
    this.#perSubscription = world.workload.consumerPerSubscription;
    this.#compression = world.workload.producer.compressionRatio;
    const fidelity = resolveFidelity(world.workload.fidelity);
    this.#shareSessions = fidelity.shareSessions;
    hosts.forEach((h, index) => {
      const measured = h.measured ?? true;
      const flowClass = h.flowClass ?? FlowClass.consume;
      this.consumers.push({
        index, subscription: h.subscription, topic: h.topic ?? -1, zone: h.zone, host: h.host, readers: h.readers ?? this.#perSubscription,
        measured, flowClass, share: h.share, divisors: undefined,
        positions: [], routesVersion: -1, sessions: [], paused: false,
        // Only plain OMB consumers share: add-ons keep their own shares, flow class and delivery hook.
        shared: this.#shareSessions && measured && flowClass === FlowClass.consume && h.share === undefined,
        wireCarry: 0,
      });
    });
    this.#polls = new LongPolls<number>(world.engine, this.actor, Kind.waitExpired, world.brokers.length, {
      isParked: (session) => this.#sessState[session] === State.parked,
      isReady: (session) => this.#availableBytes(session) >= this.world.workload.consumer.fetchMinBytes,
      answer: (session) => this.#respond(session),
      // With one topic every session reads every group its broker serves, so an index by group would only add work
      // to each park; with several, most of a broker's parked fetches read groups that new data did not touch.
      ...(world.workload.topics > 1 ? { groupsOf: (session: number) => this.#sessGroups[session] } : {}),
    }, fidelity.coalesceMicros > 0 ? { micros: fidelity.coalesceMicros, flushKind: Kind.flush } : undefined);
  }

  /** Binds the architecture and starts fetching (after the backlog fills, in OMB backlog mode). */
  start(arch: Architecture): void {
    this.#arch = arch;
    this.#layout = new TopicLayout(arch.groups, this.world.workload.topics, this.world.workload.partitionsPerTopic);
    const backlog = this.world.workload.consumerBacklogBytes > 0;
    for (const c of this.consumers) c.paused = backlog;
    if (!backlog) this.#openAll(this.consumers);
    if (backlog) this.world.engine.send(this.actor, Kind.backlogCheck, BACKLOG_CHECK_MICROS);
  }

  /** Position of a consumer in a group's log (group bytes). */
  position(consumer: number, group: number): number {
    return this.consumers[consumer].positions[group] ?? 0;
  }

  /** Sets where a consumer reads next in a group (used by replay faults and reassignment). */
  seek(consumer: number, group: number, offset: number): void {
    this.consumers[consumer].positions[group] = offset;
  }

  /**
   * Resets every consumer of a subscription (a consumer group) to the log start ("earliest") or to the first offset
   * meant to be sent at or after timeMicros, as kafka-consumer-groups --reset-offsets does for a replay. Fetches in
   * flight are abandoned (their responses, when they arrive, are dropped) and new sessions open at once.
   */
  resetSubscription(subscription: number, to: "earliest" | number): void {
    const members = this.consumers.filter((c) => c.subscription === subscription);
    if (members.length === 0) throw new InputError("subscription", subscription, "the index of a subscription that has consumers");
    if (to !== "earliest" && (typeof to !== "number" || !Number.isFinite(to))) throw new InputError("to", to, '"earliest" or a time in µs');
    for (const c of members) {
      for (const g of this.#arch.groups) {
        const readers = this.#readersOf(c, g.id);
        if (readers <= 0) continue;
        const offset = to === "earliest" ? g.logStart : g.index.offsetAtTime(to);
        const position = Math.min(g.hw, Math.max(g.logStart, offset));
        const back = (c.positions[g.id] ?? 0) - position;
        if (back > 0 && c.measured) this.rewoundBytes += back / readers;
        c.positions[g.id] = position;
      }
      if (!c.shared) this.#openUnlessPaused(c);
    }
    // Shared sessions regroup: the reset members now read elsewhere than the other groups' consumers.
    if (this.#shareSessions) this.#openAll(members.filter((c) => c.shared));
  }

  /** The groups, current positions and response ends of a session being read (group bytes). */
  sessionRead(session: number): SessionRead {
    return this.#sessViews[session];
  }

  /** What divides the group in `slot` for each consumer of a session: each reads (to - from) / sessionReaders bytes. */
  sessionReaders(session: number, slot: number): number {
    return this.#sessReaders[session][slot];
  }

  /** Wire bytes below the high watermarks that measured consumers have yet to read, over all of them (OMB backlog). */
  backlogBytes(): number {
    const groups = this.#arch.groups;
    let backlog = 0;
    for (const c of this.consumers) {
      if (!c.measured) continue;
      // A topic's consumer visits only the groups holding its topic: in a run of many, most hold none of it.
      const ids = c.topic >= 0 && c.divisors === undefined ? this.#layout.groupsOf(c.topic) : undefined;
      const count = ids ? ids.length : groups.length;
      for (let i = 0; i < count; i++) {
        const g = groups[ids ? ids[i] : i];
        const readers = this.#readersOf(c, g.id);
        const unread = g.hw - (c.positions[g.id] ?? 0);
        if (readers > 0 && unread > 0) backlog += unread / readers;
      }
    }
    return backlog;
  }

  /** Consumers a session's response serves: 1, or more for a shared session (coarse fidelity); bytes read scale by it. */
  sessionMembers(session: number): number {
    return this.#sessMembers[session].length;
  }

  /** Shortens what a session's response carries from the group in `slot` (e.g. one remote partition per fetch). */
  trimRead(session: number, slot: number, end: number): void {
    const ends = this.#sessEnds[session];
    const c = this.consumers[this.#sessConsumer[session]];
    const from = c.positions[this.#sessGroups[session][slot]] ?? 0;
    const clamped = Math.max(from, Math.min(end, ends[slot]));
    this.#sessBytes[session] -= ((ends[slot] - clamped) / this.#sessReaders[session][slot]) * this.#sessMembers[session].length;
    ends[slot] = clamped;
  }

  /** Zone of the consumer that owns a session. */
  sessionZone(session: number): number {
    return this.consumers[this.#sessConsumer[session]].zone;
  }

  /** Bytes a session's pending response carries (wire bytes). */
  sessionBytes(session: number): number {
    return this.#sessBytes[session];
  }

  /** Wakes fetches parked on broker: call after data became visible there. */
  wake(broker: number): void {
    this.#polls.wake(broker);
  }

  /** Wakes the fetches parked on broker that read any of these groups: call after data became visible in them. */
  wakeGroups(broker: number, groups: readonly number[]): void {
    this.#polls.wakeGroups(broker, groups);
  }

  /** Sends a session's response once the architecture has read its data; extraMicros models read time already spent. */
  respond(session: number): void {
    if (this.#sessState[session] !== State.reading) return;
    this.#sessState[session] = State.responding;
    const broker = this.#sessBroker[session];
    const c = this.consumers[this.#sessConsumer[session]];
    this.world.network.transfer(
      this.world.brokerHosts[broker], c.host, wholeWireBytes(c, this.#sessBytes[session]),
      c.flowClass, this.actor, Kind.responseArrived, session, 0, undefined, Kind.responseLost,
    );
  }

  receive(kind: number, a: number, b: number): void {
    switch (kind) {
      case Kind.fetchArrived: return this.#fetchArrived(a);
      case Kind.waitExpired: return this.#polls.expire(a);
      case Kind.responseArrived: return this.#responseArrived(a);
      case Kind.fetchLost:
      case Kind.responseLost: return this.#lost(a);
      case Kind.retry: return this.#retry(a);
      case Kind.backlogCheck: return this.#backlogCheck();
      case Kind.flush: return this.#polls.flush(a);
      default: throw new InputError("consumers event kind", kind, "a fetch protocol event");
    }
  }

  // Opens the sessions of consumers (shared ones regrouped per zone), skipping paused ones.
  #openAll(consumers: readonly ConsumerState[]): void {
    const zones = new Set<number>();
    for (const c of consumers) {
      if (c.shared) zones.add(c.zone);
      else this.#openUnlessPaused(c);
    }
    for (const zone of zones) this.#openShared(zone);
  }

  #openUnlessPaused(c: ConsumerState): void {
    if (!c.paused) this.#openSessions(c);
  }

  #openSessions(c: ConsumerState): void {
    if (c.shared) return this.#openShared(c.zone);
    this.#closeSessions(c);
    const share = c.share;
    if (share) c.divisors = Float64Array.from(this.#arch.groups, (g) => (share(g.id) > 0 ? 1 / share(g.id) : 0));
    for (const route of this.#arch.fetchRoutes(c.zone)) {
      const groups = this.#readGroups(c, route.groups);
      if (groups.length === 0) continue;
      this.#sendFetch(this.#addSession([c], route.broker, groups));
    }
  }

  #closeSessions(c: ConsumerState): void {
    for (const s of c.sessions) this.#sessState[s] = State.dead;
    c.sessions = [];
    c.routesVersion = this.#arch.routesVersion;
  }

  // Coarse fidelity: the zone's shared consumers of one topic that read a route's groups from the same positions get
  // one session.
  #openShared(zone: number): void {
    const cohort = this.consumers.filter((c) => c.shared && c.zone === zone && !c.paused);
    for (const c of cohort) this.#closeSessions(c);
    for (const route of this.#arch.fetchRoutes(zone)) {
      if (route.groups.length === 0) continue;
      const groupsByTopic = new Map<number, readonly number[]>();
      const byPosition = new Map<string, ConsumerState[]>();
      for (const c of cohort) {
        let groups = groupsByTopic.get(c.topic);
        if (!groups) groupsByTopic.set(c.topic, (groups = this.#readGroups(c, route.groups)));
        if (groups.length === 0) continue;
        const key = `${c.topic}:${c.readers}:${groups.map((g) => c.positions[g] ?? 0).join(",")}`;
        const members = byPosition.get(key);
        if (members) members.push(c);
        else byPosition.set(key, [c]);
      }
      for (const members of byPosition.values()) {
        this.#sendFetch(this.#addSession(members, route.broker, groupsByTopic.get(members[0].topic) as readonly number[]));
      }
    }
  }

  // The groups of a route a consumer reads: those holding partitions of its topic, or of its share.
  #readGroups(c: ConsumerState, groups: readonly number[]): readonly number[] {
    if (c.divisors === undefined && c.topic < 0) return groups;
    return groups.filter((g) => this.#readersOf(c, g) > 0);
  }

  #addSession(members: readonly ConsumerState[], broker: number, groups: readonly number[]): number {
    const owner = members[0];
    const id = this.#sessConsumer.length;
    this.#sessConsumer.push(owner.index);
    this.#sessMembers.push(members.map((c) => c.index));
    this.#sessBroker.push(broker);
    this.#sessGroups.push(groups);
    const ends = new Float64Array(groups.length);
    this.#sessEnds.push(ends);
    this.#sessViews.push({ consumer: owner.index, groups, from: new Float64Array(groups.length), to: ends });
    this.#sessReaders.push(Float64Array.from(groups, (g) => this.#readersOf(owner, g)));
    this.#sessState.push(State.idle);
    this.#sessBytes.push(0);
    for (const c of members) c.sessions.push(id);
    return id;
  }

  // A member of a shared session moved on its own (a seek): the zone regroups before anything is read.
  #membersDiverged(session: number): boolean {
    const members = this.#sessMembers[session];
    if (members.length === 1) return false;
    const groups = this.#sessGroups[session];
    const owner = this.consumers[members[0]].positions;
    for (let m = 1; m < members.length; m++) {
      const positions = this.consumers[members[m]].positions;
      for (let i = 0; i < groups.length; i++) if ((positions[groups[i]] ?? 0) !== (owner[groups[i]] ?? 0)) return true;
    }
    return false;
  }

  #sendFetch(session: number): void {
    const c = this.consumers[this.#sessConsumer[session]];
    if (c.routesVersion !== this.#arch.routesVersion) {
      this.#openSessions(c);
      return;
    }
    this.#sessState[session] = State.travelling;
    const broker = this.#sessBroker[session];
    this.world.network.transfer(c.host, this.world.brokerHosts[broker], 0, c.flowClass, this.actor, Kind.fetchArrived, session, 0, undefined, Kind.fetchLost);
  }

  #fetchArrived(session: number): void {
    if (this.#sessState[session] !== State.travelling) return;
    const broker = this.#sessBroker[session];
    if (!this.#arch.isServing(broker)) return this.#lost(session);
    const ready = this.#availableBytes(session) >= this.world.workload.consumer.fetchMinBytes;
    if (ready && !this.#polls.coalescing) return this.#respond(session);
    this.#sessState[session] = State.parked;
    this.#polls.park(broker, session, this.world.engine.nowMicros + this.world.workload.consumer.fetchMaxWaitMicros);
    // Coarse fidelity: a fetch that finds data joins the broker's next batch of answers.
    if (ready) this.#polls.wake(broker);
  }

  // Bytes this consumer could read from the session's groups right now (wire bytes, its share of each group).
  #availableBytes(session: number): number {
    const c = this.consumers[this.#sessConsumer[session]];
    const groups = this.#sessGroups[session];
    const readers = this.#sessReaders[session];
    const broker = this.#sessBroker[session];
    const all = this.#arch.groups;
    let bytes = 0;
    for (let i = 0; i < groups.length; i++) {
      const end = this.#arch.visibleEnd(all[groups[i]], broker);
      const pos = c.positions[groups[i]] ?? 0;
      if (end > pos) bytes += (end - pos) / readers[i];
    }
    return bytes;
  }

  // Decides how much the response carries, within fetch.max.bytes and max.partition.fetch.bytes per partition.
  #respond(session: number): void {
    const c = this.consumers[this.#sessConsumer[session]];
    if (this.#shareSessions && this.#membersDiverged(session)) return this.#openShared(c.zone);
    const groups = this.#sessGroups[session];
    const broker = this.#sessBroker[session];
    const ends = this.#sessEnds[session];
    const starts = this.#sessViews[session].from;
    const slotReaders = this.#sessReaders[session];
    const all = this.#arch.groups;
    const settings = this.world.workload.consumer;
    let budget = settings.fetchMaxBytes;
    let total = 0;
    for (let i = 0; i < groups.length; i++) {
      const group: PartitionGroup = all[groups[i]];
      const readers = slotReaders[i];
      let pos = Math.max(c.positions[groups[i]] ?? 0, group.logStart);
      if (pos > group.leo) {
        // A permitted loss truncated the log below what this consumer had read: Kafka answers OFFSET_OUT_OF_RANGE
        // and the consumer resets to the latest offset (auto.offset.reset = latest), reading that stretch again.
        if (c.measured) this.rewoundBytes += (pos - group.hw) / readers;
        pos = group.hw;
      }
      c.positions[groups[i]] = pos;
      starts[i] = pos;
      const end = this.#arch.visibleEnd(group, broker);
      // Its own partitions of the group: the topic's there, split over the subscription's consumers.
      const partitionsRead = group.partitions / readers;
      const mine = Math.max(0, (end - pos) / readers);
      const take = Math.min(mine, settings.partitionFetchMaxBytes * partitionsRead, budget);
      budget -= take;
      total += take;
      ends[i] = pos + take * readers;
    }
    this.#sessBytes[session] = total * this.#sessMembers[session].length;
    this.#sessState[session] = State.reading;
    this.#arch.readForFetch(session, broker);
  }

  #responseArrived(session: number): void {
    if (this.#sessState[session] !== State.responding) return;
    const members = this.#sessMembers[session];
    if (members.length > 1 && !this.#membersDiverged(session)) {
      // Members at one position receive identical ranges: their figures are recorded once, weighted by their number.
      this.#deliver(this.consumers[members[0]], session, members.length);
      for (let m = 1; m < members.length; m++) this.#deliver(this.consumers[members[m]], session, 0);
    } else {
      for (let m = 0; m < members.length; m++) this.#deliver(this.consumers[members[m]], session, 1);
    }
    this.#sessState[session] = State.idle;
    this.#sendFetch(session);
  }

  // Hands a response's ranges to one consumer it serves: positions, and rates and end-to-end latency counted
  // `weight` times (0 when another member at the same position counted them).
  #deliver(c: ConsumerState, session: number, weight: number): void {
    const groups = this.#sessGroups[session];
    const ends = this.#sessEnds[session];
    const readers = this.#sessReaders[session];
    const all = this.#arch.groups;
    const now = this.world.engine.nowMicros;
    const stats = this.world.stats;
    const messageBytes = this.world.workload.messageBytes;
    for (let i = 0; i < groups.length; i++) {
      const from = c.positions[groups[i]] ?? 0;
      const to = ends[i];
      if (to <= from) continue;
      const wireBytes = (to - from) / readers[i];
      const bytes = wireBytes * this.#compression;
      const records = bytes / messageBytes;
      // Add-on consumers (the S3 sink's workers) are not OMB's subscriptions: they stay out of its rates and latency.
      if (c.measured && weight > 0) {
        const index = all[groups[i]].index;
        stats.recordEndToEnd(now, index.timeAt(from), index.timeBefore(to), records * weight);
        stats.countConsumed(now, records * weight, bytes * weight);
      }
      c.positions[groups[i]] = to;
      this.onDelivered?.(c.index, groups[i], from, to, wireBytes, records, now);
    }
  }

  // What divides group's bytes for consumer c: 0 when it reads none of them. A topic's consumer reads the topic's
  // share of the group's partitions (all partitions carry the same bytes), split over its subscription's consumers.
  #readersOf(c: ConsumerState, group: number): number {
    if (c.divisors) return c.divisors[group];
    if (c.topic < 0) return c.readers;
    const partitions = this.#layout.partitionsIn(c.topic, group);
    const all = this.#arch.groups[group].partitions;
    if (partitions >= all) return c.readers;
    return partitions > 0 ? (c.readers * all) / partitions : 0;
  }

  #lost(session: number): void {
    if (this.#sessState[session] === State.dead) return;
    this.#sessState[session] = State.idle;
    this.world.engine.send(this.actor, Kind.retry, FETCH_RETRY_MICROS, session);
  }

  #retry(session: number): void {
    if (this.#sessState[session] !== State.idle) return;
    const c = this.consumers[this.#sessConsumer[session]];
    if (c.routesVersion !== this.#arch.routesVersion) this.#openSessions(c);
    else this.#sendFetch(session);
  }

  #backlogCheck(): void {
    if (this.world.stats.publishedBytes < this.world.workload.consumerBacklogBytes) {
      this.world.engine.send(this.actor, Kind.backlogCheck, BACKLOG_CHECK_MICROS);
      return;
    }
    for (const c of this.consumers) c.paused = false;
    this.#openAll(this.consumers);
  }
}
