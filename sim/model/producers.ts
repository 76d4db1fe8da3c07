// Open-loop producer clients, all in one actor. Each writes to one topic (OMB: producersPerTopic per topic, the
// producer rate split evenly over all of them). Records are offered at a constant rate and accumulate per target
// broker; every linger interval (or sooner when a batch fills) each target with room in flight gets one request
// carrying everything accumulated. Latency runs from each record's intended send time, so a client that falls
// behind shows it (no coordinated omission); time spent waiting for buffer memory is reported separately, as OMB does.

import { InputError } from "../errors.ts";
import { FlowClass } from "../network/index.ts";
import { Series } from "./runStats.ts";
import { TopicLayout } from "./topicLayout.ts";
import { wholeWireBytes } from "./wireBytes.ts";
import { ArchEvent, ProduceError, type Architecture, type ProduceRoute, type World } from "./world.ts";

const Kind = { tick: 1, response: 2, responseLost: 3 } as const;

// With linger.ms = 0 the client sends whenever a connection has room; ticking at 1 ms bounds the event count and
// adds at most 1 ms of batching, a simplification stated in the architecture pages.
const MIN_TICK_MICROS = 1_000;

interface RouteState extends ProduceRoute {
  bytes: number;
  records: number;
  fromMicros: number;
  toMicros: number;
  blockedUntilMicros: number;
}

/** One producer client to create: its network host, zone and the topic it writes to. */
export interface ProducerHostSpec {
  host: number;
  zone: number;
  topic: number;
}

interface ProducerState {
  index: number;
  zone: number;
  host: number;
  topic: number;
  /** Its share of the workload's producer rate (records/s) before any rate factor. */
  baseRecordsPerSecond: number;
  wireBytesPerSecond: number;
  recordsPerSecond: number;
  tickMicros: number;
  lastTickMicros: number;
  routesVersion: number;
  routes: RouteState[];
  inFlight: Int32Array;
  inFlightBytes: number;
  bufferedBytes: number;
  deferredBytes: number;
  deferredRecords: number;
  deferredFromMicros: number;
  /** The client's host is down with its zone: the application offers nothing and its requests are gone. */
  down: boolean;
  /** Bumped when the client goes down, so responses to requests of its previous life are ignored. */
  epoch: number;
  /** The fraction of a byte its requests so far left over (wireBytes.ts). */
  wireCarry: number;
}

/** Every producer client of a run, as one actor; requests are pooled in typed arrays. */
export class Producers {
  readonly actor: number;
  readonly producers: ProducerState[] = [];
  #arch!: Architecture;
  // Request pool, indexed by request id.
  #reqProducer = new Int32Array(256);
  #reqBroker = new Int32Array(256);
  #reqBytes = new Float64Array(256);
  #reqRecords = new Float64Array(256);
  #reqFrom = new Float64Array(256);
  #reqTo = new Float64Array(256);
  #reqEpoch = new Int32Array(256);
  #free: number[] = [];
  #used = 0;
  #compression: number;
  #layout!: TopicLayout;

  constructor(readonly world: World, hosts: readonly ProducerHostSpec[]) {
    const { workload, engine } = world;
    const count = hosts.length;
    const perTopic = new Array<number>(workload.topics).fill(0);
    hosts.forEach((h, i) => {
      if (!Number.isSafeInteger(h.topic) || h.topic < 0 || h.topic >= workload.topics) {
        throw new InputError(`producers[${i}].topic`, h.topic, `a topic from 0 to ${workload.topics - 1}`);
      }
      perTopic[h.topic]++;
    });
    this.actor = engine.register("producers", this);
    this.#compression = workload.producer.compressionRatio;
    const rng = world.rng.fork("producers");
    for (let i = 0; i < count; i++) {
      // OMB's producerRate is the total: an equal part per topic, shared by that topic's producers.
      const recordsPerSecond = workload.producerRate / workload.topics / perTopic[hosts[i].topic];
      this.producers.push({
        index: i,
        zone: hosts[i].zone,
        host: hosts[i].host,
        topic: hosts[i].topic,
        baseRecordsPerSecond: recordsPerSecond,
        wireBytesPerSecond: (recordsPerSecond * workload.messageBytes) / this.#compression,
        recordsPerSecond,
        tickMicros: MIN_TICK_MICROS,
        lastTickMicros: 0,
        routesVersion: -1,
        routes: [],
        inFlight: new Int32Array(world.brokers.length),
        inFlightBytes: 0,
        bufferedBytes: 0,
        deferredBytes: 0,
        deferredRecords: 0,
        deferredFromMicros: 0,
        down: false,
        epoch: 0,
        wireCarry: 0,
      });
    }
    // Clients start at different instants within one tick, as real clients do, so requests do not arrive in lockstep.
    this.#startOffsets = this.producers.map(() => rng.int(0, 1_000));
  }

  readonly #startOffsets: number[];

  /** Binds the architecture and starts every producer's tick. */
  start(arch: Architecture): void {
    this.#arch = arch;
    this.#layout = new TopicLayout(arch.groups, this.world.workload.topics, this.world.workload.partitionsPerTopic);
    for (const p of this.producers) {
      this.#refreshRoutes(p);
      p.lastTickMicros = this.world.engine.nowMicros + this.#startOffsets[p.index];
      this.world.engine.send(this.actor, Kind.tick, this.#startOffsets[p.index] + p.tickMicros, p.index);
    }
  }

  receive(kind: number, a: number, b: number): void {
    if (kind === Kind.tick) this.#tick(this.producers[a]);
    else if (kind === Kind.response) this.#response(a, b);
    // A response cut off by a fault (the client's zone or the path went down): the client sees its connection drop
    // and retries the request, as for a broker that dies; without this its in-flight slot would never come back.
    else if (kind === Kind.responseLost) this.#response(a, ProduceError.notLeader);
    else throw new InputError("producers event kind", kind, "tick, response or responseLost");
  }

  /** Wire bytes of a request (after compression, before framing). */
  requestBytes(request: number): number {
    return this.#reqBytes[request];
  }

  /** Records in a request. */
  requestRecords(request: number): number {
    return this.#reqRecords[request];
  }

  /** Earliest intended send time of the request's records, µs. */
  requestFromMicros(request: number): number {
    return this.#reqFrom[request];
  }

  /** Latest intended send time of the request's records, µs. */
  requestToMicros(request: number): number {
    return this.#reqTo[request];
  }

  /** Network host of the producer that sent a request. */
  requestHost(request: number): number {
    return this.producers[this.#reqProducer[request]].host;
  }

  /** Zone of the producer that sent a request. */
  requestZone(request: number): number {
    return this.producers[this.#reqProducer[request]].zone;
  }

  /** Sends the produce response from broker back to the client; error is a ProduceError. */
  complete(request: number, fromBroker: number, error: number): void {
    const host = this.requestHost(request);
    this.world.network.transfer(this.world.brokerHosts[fromBroker], host, 0, FlowClass.produce, this.actor, Kind.response, request, error, undefined, Kind.responseLost);
  }

  /**
   * Scales every producer's offered rate to `factor` times the workload's rate from now on (traffic growth and
   * spikes); records offered since each producer's last tick are handed over at the old rate first.
   */
  setRateFactor(factor: number): void {
    if (typeof factor !== "number" || !Number.isFinite(factor) || factor <= 0) throw new InputError("rateFactor", factor, "a finite number > 0");
    const now = this.world.engine.nowMicros;
    for (const p of this.producers) {
      if (now > p.lastTickMicros) {
        this.#offer(p, now - p.lastTickMicros, now);
        p.lastTickMicros = now;
      }
      p.recordsPerSecond = p.baseRecordsPerSecond * factor;
      p.wireBytesPerSecond = (p.recordsPerSecond * this.world.workload.messageBytes) / this.#compression;
      // The batch fill time depends on the rate: the next tick re-reads the routes and recomputes the tick.
      p.routesVersion = -1;
    }
  }

  /**
   * Takes the producers of a zone down or back up with their hosts (a zone outage). A client whose machine is down
   * runs no application: it offers no records while down, and what it held unsent or in flight dies with it —
   * never acknowledged, so not a durability loss; the records are counted in stats.clientDownRecords. Back up, it
   * starts afresh from that instant.
   */
  setZoneDown(zone: number, down: boolean): void {
    if (!Number.isSafeInteger(zone) || zone < 0 || zone >= this.world.zones) throw new InputError("zone", zone, `a zone from 0 to ${this.world.zones - 1}`);
    const now = this.world.engine.nowMicros;
    for (const p of this.producers) {
      if (p.zone !== zone || p.down === down) continue;
      if (down) {
        if (now > p.lastTickMicros) this.#offer(p, now - p.lastTickMicros, now);
        let records = p.deferredRecords;
        for (const route of p.routes) {
          records += route.records;
          route.bytes = 0;
          route.records = 0;
        }
        for (let id = 0; id < this.#used; id++) {
          if (this.#reqProducer[id] === p.index && this.#reqEpoch[id] === p.epoch && !this.#free.includes(id)) records += this.#reqRecords[id];
        }
        this.world.stats.clientDownRecords += records;
        p.deferredBytes = 0;
        p.deferredRecords = 0;
        p.bufferedBytes = 0;
        p.inFlightBytes = 0;
        p.inFlight.fill(0);
        p.epoch++;
      }
      p.down = down;
      p.lastTickMicros = now;
    }
  }

  /** Fails a request at once, as a client sees its connection drop when a broker dies. */
  fail(request: number, error: number): void {
    this.world.engine.send(this.actor, Kind.response, 0, request, error);
  }

  #tick(p: ProducerState): void {
    const now = this.world.engine.nowMicros;
    if (p.down) {
      p.lastTickMicros = now;
      this.world.engine.send(this.actor, Kind.tick, p.tickMicros, p.index);
      return;
    }
    if (p.routesVersion !== this.#arch.routesVersion) this.#refreshRoutes(p);
    const elapsed = now - p.lastTickMicros;
    p.lastTickMicros = now;
    this.#offer(p, elapsed, now);
    const acksZero = this.world.workload.producer.acks === "0";
    const maxInFlight = this.world.workload.producer.maxInFlight;
    for (let r = 0; r < p.routes.length; r++) {
      const route = p.routes[r];
      if (route.blockedUntilMicros > now) continue;
      // A backlog larger than max.request.size leaves in several requests, as many as the connection has room for.
      while (route.bytes > 0 && (acksZero || p.inFlight[route.broker] < maxInFlight)) this.#send(p, route, now);
    }
    this.world.engine.send(this.actor, Kind.tick, p.tickMicros, p.index);
  }

  // Hands `elapsed` µs of records to the client, deferring what does not fit in buffer.memory.
  #offer(p: ProducerState, elapsed: number, now: number): void {
    const workload = this.world.workload;
    const offeredBytes = (p.wireBytesPerSecond * elapsed) / 1e6;
    const offeredRecords = (p.recordsPerSecond * elapsed) / 1e6;
    if (p.deferredBytes === 0) p.deferredFromMicros = now - elapsed;
    p.deferredBytes += offeredBytes;
    p.deferredRecords += offeredRecords;
    const room = workload.producer.bufferBytes - p.bufferedBytes - p.inFlightBytes;
    // With no broker to send to (every leader or agent down), records wait in the application: publish delay grows.
    // A full buffer admits nothing until at least one whole record fits (KafkaProducer's BufferPool blocks an append
    // until the memory it asks for is free); floating-point crumbs of room would otherwise become requests carrying
    // a trillionth of a byte, each holding an in-flight slot.
    if (room < workload.messageBytes / this.#compression || p.deferredBytes <= 0 || p.routes.length === 0) return;
    const share = Math.min(1, room / p.deferredBytes);
    const bytes = p.deferredBytes * share;
    const records = p.deferredRecords * share;
    const fromMicros = p.deferredFromMicros;
    if (share < 1) {
      // Records that waited for buffer space: their delay is reported, their latency still counts from intent.
      this.world.stats.recordPublishDelay(now, now - (fromMicros + now) / 2, records);
      p.deferredFromMicros = fromMicros + (now - fromMicros) * share;
    } else if (p.deferredFromMicros < now - elapsed) {
      this.world.stats.recordPublishDelay(now, now - (fromMicros + now) / 2, records);
    }
    p.deferredBytes -= bytes;
    p.deferredRecords -= records;
    p.bufferedBytes += bytes;
    for (const route of p.routes) {
      if (route.bytes === 0) route.fromMicros = fromMicros;
      route.bytes += bytes * route.share;
      route.records += records * route.share;
      route.toMicros = now;
    }
  }

  #send(p: ProducerState, route: RouteState, now: number): void {
    const id = this.#allocate();
    // The oldest records go first; a request takes at most max.request.size of them.
    const share = Math.min(1, this.world.workload.producer.maxRequestBytes / route.bytes);
    const bytes = route.bytes * share;
    const records = route.records * share;
    const splitMicros = route.fromMicros + (route.toMicros - route.fromMicros) * share;
    this.#reqProducer[id] = p.index;
    this.#reqBroker[id] = route.broker;
    this.#reqBytes[id] = bytes;
    this.#reqRecords[id] = records;
    this.#reqFrom[id] = route.fromMicros;
    this.#reqTo[id] = splitMicros;
    this.#reqEpoch[id] = p.epoch;
    p.bufferedBytes -= bytes;
    if (share < 1) {
      route.bytes -= bytes;
      route.records -= records;
      route.fromMicros = splitMicros;
    } else {
      route.bytes = 0;
      route.records = 0;
    }
    if (this.world.workload.producer.acks === "0") {
      // acks=0: the client counts a record as sent once it is written to the socket.
      this.#recordSuccess(id, now);
    } else {
      p.inFlight[route.broker]++;
      p.inFlightBytes += this.#reqBytes[id];
    }
    const arch = this.#arch;
    this.world.network.transfer(
      p.host,
      this.world.brokerHosts[route.broker],
      // Protocol headers are left out of the byte accounting (well under 1% at these batch sizes), so flow totals
      // compare directly with the closed forms.
      wholeWireBytes(p, this.#reqBytes[id]),
      FlowClass.produce,
      arch.actor,
      ArchEvent.produceArrived,
      id,
      route.broker,
      undefined,
      ArchEvent.produceLost,
    );
  }

  #response(id: number, error: number): void {
    const p = this.producers[this.#reqProducer[id]];
    const now = this.world.engine.nowMicros;
    // A request of a client that has since gone down: nobody is left to see its answer.
    if (this.#reqEpoch[id] !== p.epoch) {
      this.#release(id);
      return;
    }
    if (this.world.workload.producer.acks === "0") {
      this.#release(id);
      return;
    }
    const broker = this.#reqBroker[id];
    p.inFlight[broker]--;
    p.inFlightBytes -= this.#reqBytes[id];
    if (error === ProduceError.none) {
      this.#recordSuccess(id, now);
      this.#release(id);
    } else {
      this.#retry(p, id, now);
    }
    // A freed slot lets an already lingered batch go at once, as Kafka's sender does.
    const maxInFlight = this.world.workload.producer.maxInFlight;
    for (const route of p.routes) {
      if (route.broker !== broker || route.blockedUntilMicros > now) continue;
      while (route.bytes > 0 && now - route.fromMicros >= this.world.workload.producer.lingerMicros && p.inFlight[broker] < maxInFlight) {
        this.#send(p, route, now);
      }
    }
  }

  #recordSuccess(id: number, now: number): void {
    const stats = this.world.stats;
    const records = this.#reqRecords[id];
    const bytes = this.#reqBytes[id] * this.#compression;
    stats.countPublished(now, records, bytes);
    stats.recordPublish(now, this.#reqFrom[id], this.#reqTo[id], records);
  }

  // A failed request's records go back to the accumulators with their intended times, after retry.backoff.ms.
  #retry(p: ProducerState, id: number, now: number): void {
    const stats = this.world.stats;
    stats.produceErrors++;
    stats.produceRetries++;
    stats.series.add(now, Series.produceErrors, 1);
    if (p.routesVersion !== this.#arch.routesVersion) this.#refreshRoutes(p);
    const bytes = this.#reqBytes[id];
    const records = this.#reqRecords[id];
    if (p.routes.length === 0) {
      this.#defer(p, bytes, records, this.#reqFrom[id]);
      this.#release(id);
      return;
    }
    const backoff = this.world.workload.producer.retryBackoffMicros;
    for (const route of p.routes) {
      route.fromMicros = route.bytes === 0 ? this.#reqFrom[id] : Math.min(route.fromMicros, this.#reqFrom[id]);
      route.toMicros = Math.max(route.toMicros, this.#reqTo[id]);
      route.bytes += bytes * route.share;
      route.records += records * route.share;
      route.blockedUntilMicros = now + backoff;
    }
    p.bufferedBytes += bytes;
    this.#release(id);
  }

  #refreshRoutes(p: ProducerState): void {
    const fresh = this.#routesFor(p);
    let bytes = 0;
    let records = 0;
    let fromMicros = Number.POSITIVE_INFINITY;
    let toMicros = 0;
    let blockedUntil = 0;
    for (const route of p.routes) {
      bytes += route.bytes;
      records += route.records;
      if (route.bytes > 0) fromMicros = Math.min(fromMicros, route.fromMicros);
      toMicros = Math.max(toMicros, route.toMicros);
      blockedUntil = Math.max(blockedUntil, route.blockedUntilMicros);
    }
    if (fresh.length === 0 && bytes > 0) {
      this.#defer(p, bytes, records, fromMicros);
      p.bufferedBytes -= bytes;
      bytes = 0;
      records = 0;
    }
    const workload = this.world.workload;
    p.routes = fresh.map((route) => ({
      ...route,
      bytes: bytes * route.share,
      records: records * route.share,
      fromMicros: bytes > 0 ? fromMicros : 0,
      toMicros,
      blockedUntilMicros: blockedUntil,
    }));
    p.routesVersion = this.#arch.routesVersion;
    // A batch closes at linger.ms or when batch.size fills, whichever is first; per partition the fill time is
    // batch.size over the partition's share of this client's rate (it writes to its topic's partitions only).
    const perPartitionBytesPerSecond = p.wireBytesPerSecond / workload.partitionsPerTopic;
    const fillMicros = (workload.producer.batchBytes / perPartitionBytesPerSecond) * 1e6;
    p.tickMicros = Math.max(MIN_TICK_MICROS, Math.round(Math.min(workload.producer.lingerMicros || MIN_TICK_MICROS, fillMicros)));
  }

  // Records with nowhere to go (no partition of the topic has a leader) wait in the application, as unsent records,
  // with their intended send times; they leave again once routes exist.
  #defer(p: ProducerState, bytes: number, records: number, fromMicros: number): void {
    p.deferredFromMicros = p.deferredBytes === 0 ? fromMicros : Math.min(p.deferredFromMicros, fromMicros);
    p.deferredBytes += bytes;
    p.deferredRecords += records;
  }

  // A producer writes only to its topic's partitions. Where the architecture routes to partition leaders (each
  // route's share is what its broker leads), a topic's producers go to the leaders of its partitions, by how many
  // each leads; a routing that lets any server of the zone take any partition (agents, zone proxies) is the same
  // for every topic and stands as it is. Either way each broker receives, over all topics, what it would if every
  // producer wrote everywhere, since all partitions carry the same bytes.
  #routesFor(p: ProducerState): readonly ProduceRoute[] {
    const routes = this.#arch.produceRoutes(p.zone);
    if (this.world.workload.topics === 1 || !this.#arch.produceToLeaders) return routes;
    const groups = this.#arch.groups;
    const ids = this.#layout.groupsOf(p.topic);
    const partitions = this.#layout.partitionsOf(p.topic);
    const led = new Float64Array(this.world.brokers.length);
    let online = 0;
    for (let i = 0; i < ids.length; i++) {
      const leader = groups[ids[i]].leader;
      if (leader < 0) continue;
      led[leader] += partitions[i];
      online += partitions[i];
    }
    const mine: ProduceRoute[] = [];
    for (const route of routes) if (led[route.broker] > 0) mine.push({ broker: route.broker, share: led[route.broker] / online });
    return mine;
  }

  #allocate(): number {
    const id = this.#free.pop();
    if (id !== undefined) return id;
    if (this.#used === this.#reqBytes.length) this.#grow();
    return this.#used++;
  }

  #release(id: number): void {
    this.#free.push(id);
  }

  #grow(): void {
    const size = this.#reqBytes.length * 2;
    const grow = <T extends Float64Array | Int32Array>(from: T, make: (n: number) => T): T => {
      const to = make(size);
      to.set(from);
      return to;
    };
    this.#reqProducer = grow(this.#reqProducer, (n) => new Int32Array(n));
    this.#reqBroker = grow(this.#reqBroker, (n) => new Int32Array(n));
    this.#reqBytes = grow(this.#reqBytes, (n) => new Float64Array(n));
    this.#reqRecords = grow(this.#reqRecords, (n) => new Float64Array(n));
    this.#reqFrom = grow(this.#reqFrom, (n) => new Float64Array(n));
    this.#reqTo = grow(this.#reqTo, (n) => new Float64Array(n));
    this.#reqEpoch = grow(this.#reqEpoch, (n) => new Int32Array(n));
  }
}
