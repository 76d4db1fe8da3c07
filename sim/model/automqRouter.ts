// AutoMQ's zone router (automq.zonerouter.channels): a broker receiving produce data for a partition led in another
// zone batches it for 250 ms or 8 MiB into one S3 object (the router channel), then sends the leader a small RPC
// naming its range; the leader GETs the range (its log cache needs the records), appends link records pointing into
// the channel object to its WAL and answers once durable; the proxy answers the client when every leader of the batch
// has. Only the RPCs cross zones. The channel object holds the data until every leader has uploaded what it links to.
// Shape from RouterOutV2.java (channel append, then a proxy request with the channel offset), RouterInV2.java (GET,
// then an append carrying the channel offset) and S3Storage.append0 (a record with a channel offset goes to the WAL
// as toLinkRecord), ZeroZone V2; the reference's description (A3).

import type { Actor } from "../engine.ts";
import { FlowClass } from "../network/index.ts";
import type { AutomqArchitecture } from "./automq.ts";
import { AckKind, type AutomqBroker } from "./automqBroker.ts";
import { AutomqFastRetry } from "./automqFastRetry.ts";

/** One link record in the leader's WAL, bytes; one per routed producer batch. */
// LinkRecord.encode: magic 1 + last offset 8 + timestamp type 4 + max timestamp 8 + leader epoch 4 = 25, plus its
// ChannelOffset (ChannelOffset.of: 13 + the WAL record offset, about 20); ASSUMPTION: about as much again for the
// StreamRecordBatch and WAL record headers around it.
export const LINK_RECORD_BYTES = 120;

const Kind = { batchTimer: 1, putDone: 2, putFailed: 3, rpcArrived: 4, rpcLost: 5, got: 6, getFailed: 7, answerArrived: 8, answerLost: 9 } as const;

/** One leader's share of a channel batch and the request parts it answers. */
interface Slot {
  leader: number;
  bytes: number;
  fromMicros: number;
  toMicros: number;
  /** Pairs (request, token). */
  parts: number[];
  done: boolean;
}

/** One router channel object being written and delivered. */
interface ChannelBatch {
  id: number;
  proxy: AutomqBroker;
  bytes: number;
  objectBytes: number;
  slots: Slot[];
  pending: number;
  stored: boolean;
  /** Leaders' link records into this object not yet covered by an upload. */
  linked: number;
  /** Every slot is answered: only uploads keep the object. */
  finished: boolean;
}

/** The zone-router channels of every broker of one AutoMQ architecture (one engine actor). */
export class AutomqRouter implements Actor {
  readonly actor: number;
  readonly #open = new Map<number, ChannelBatch>();
  readonly #live = new Map<number, ChannelBatch>();
  /** Finished channel objects still linked from some leader's un-uploaded WAL data. */
  readonly #linkedOnly = new Map<number, ChannelBatch>();
  /** Per leader: triples (WAL position its link records end at, channel batch, leader epoch), in WAL order. */
  readonly #links: number[][];
  #nextId = 1;
  #gen: number[] = [];
  /** Bytes written to router channel objects. */
  channelBytes = 0;
  /** The channel objects' PUTs, fast-retried as the S3 WAL's are. */
  readonly puts: AutomqFastRetry;

  constructor(readonly arch: AutomqArchitecture) {
    this.actor = arch.world.engine.register(`${arch.name}.router`, this);
    this.puts = new AutomqFastRetry(arch, "router");
    this.#links = arch.brokers.map(() => []);
  }

  /** Adds a request part for leader to the proxy's open channel batch. */
  enqueue(proxy: AutomqBroker, leader: number, bytes: number, fromMicros: number, toMicros: number, request: number, token: number): void {
    const c = this.arch.config;
    let batch = this.#open.get(proxy.index);
    if (!batch) {
      batch = { id: this.#nextId++, proxy, bytes: 0, objectBytes: 0, slots: [], pending: 0, stored: false, linked: 0, finished: false };
      this.#open.set(proxy.index, batch);
      this.#gen[proxy.index] = batch.id;
      this.arch.world.engine.send(this.actor, Kind.batchTimer, c.routerBatchIntervalMicros, proxy.index, batch.id);
    }
    let slot: Slot | undefined;
    for (const s of batch.slots) if (s.leader === leader) slot = s;
    if (!slot) {
      slot = { leader, bytes: 0, fromMicros, toMicros, parts: [], done: false };
      batch.slots.push(slot);
    }
    slot.bytes += bytes;
    slot.fromMicros = Math.min(slot.fromMicros, fromMicros);
    slot.toMicros = Math.max(slot.toMicros, toMicros);
    slot.parts.push(request, token);
    batch.bytes += bytes;
    if (batch.bytes >= c.routerBatchBytesMax) this.#flush(proxy.index);
  }

  /** A leader lost a slot it had accepted (it crashed before the data was durable): the proxy sees the drop. */
  slotLost(batchId: number, slotIndex: number): void {
    const batch = this.#live.get(batchId);
    if (batch) this.#finish(batch, slotIndex, false);
  }

  /** A leader's WAL made a slot durable: it answers the proxy (or, when it is the proxy, the slot is done). */
  slotDurable(batchId: number, slotIndex: number, leader: AutomqBroker): void {
    const batch = this.#live.get(batchId);
    if (!batch) return;
    // Retiring the record has already moved walDurable past it: that is the position an upload must cover.
    this.#links[leader.index].push(leader.walDurable, batchId, leader.epoch);
    batch.linked++;
    if (batch.proxy === leader) return this.#finish(batch, slotIndex, true);
    this.arch.world.network.transfer(leader.host, batch.proxy.host, this.arch.config.rpcBytes, FlowClass.proxy, this.actor, Kind.answerArrived, batchId, slotIndex, undefined, Kind.answerLost);
  }

  /** A leader committed an upload (or its WAL was recovered and released): channel objects it no longer links to
   * are deleted once no other leader does. */
  uploaded(leader: AutomqBroker): void {
    const links = this.#links[leader.index];
    let n = 0;
    // Links written in an earlier life went with that WAL: recovery re-uploaded their data.
    while (n < links.length && (links[n + 2] !== leader.epoch || links[n] <= leader.walUploaded + 1)) {
      const id = links[n + 1];
      n += 3;
      const batch = this.#live.get(id) ?? this.#linkedOnly.get(id);
      if (!batch || --batch.linked > 0 || !batch.finished) continue;
      this.#linkedOnly.delete(id);
      this.arch.store.delete(batch.objectBytes, this.arch.nextPrefix(), 1);
    }
    if (n > 0) links.splice(0, n);
  }

  /** Forgets a crashed proxy's open batch (its requests were failed with the connection). */
  dropOpen(proxy: AutomqBroker): void {
    this.#open.delete(proxy.index);
  }

  receive(kind: number, a: number, b: number): void {
    switch (kind) {
      case Kind.batchTimer:
        if (this.#gen[a] === b) this.#flush(a);
        return;
      case Kind.putDone:
        return this.#stored(a);
      case Kind.putFailed:
        return this.#failAll(a);
      case Kind.rpcArrived:
        return this.#rpcArrived(a, b);
      case Kind.got:
        return this.#got(a, b);
      case Kind.answerArrived: {
        const batch = this.#live.get(a);
        if (batch) this.#finish(batch, b, true);
        return;
      }
      case Kind.rpcLost:
      case Kind.getFailed:
      case Kind.answerLost:
        return this.slotLost(a, b);
      default:
        throw new Error(`${this.arch.name}.router: unexpected event kind ${kind}`);
    }
  }

  #flush(proxyIndex: number): void {
    const batch = this.#open.get(proxyIndex);
    if (!batch) return;
    this.#open.delete(proxyIndex);
    this.#gen[proxyIndex] = 0;
    batch.objectBytes = Math.ceil(batch.bytes);
    batch.pending = batch.slots.length;
    this.#live.set(batch.id, batch);
    this.channelBytes += batch.objectBytes;
    const arch = this.arch;
    this.puts.put(batch.proxy.index, batch.proxy.host, batch.objectBytes, FlowClass.proxy, this.actor, Kind.putDone, batch.id, 0, Kind.putFailed);
  }

  #stored(batchId: number): void {
    const batch = this.#live.get(batchId);
    if (!batch) return;
    batch.stored = true;
    const arch = this.arch;
    for (let i = 0; i < batch.slots.length; i++) {
      const slot = batch.slots[i];
      const leader = arch.brokers[slot.leader];
      if (leader === batch.proxy) {
        // router_channel mode for local partitions: the proxy holds the bytes, so it appends without a GET.
        arch.wal.append(leader, slot.bytes, slot.fromMicros, slot.toMicros, AckKind.slot, batch.id, i, this.#walBytes(slot.bytes));
      } else {
        arch.world.network.transfer(batch.proxy.host, leader.host, arch.config.rpcBytes, FlowClass.proxy, this.actor, Kind.rpcArrived, batch.id, i, undefined, Kind.rpcLost);
      }
    }
  }

  #rpcArrived(batchId: number, slotIndex: number): void {
    const batch = this.#live.get(batchId);
    if (!batch) return;
    const slot = batch.slots[slotIndex];
    const leader = this.arch.brokers[slot.leader];
    if (!leader.up || leader.led.length === 0) return this.#finish(batch, slotIndex, false);
    this.arch.store.get(leader.host, Math.ceil(slot.bytes), this.arch.nextPrefix(), FlowClass.s3Get, this.actor, Kind.got, batchId, slotIndex, undefined, Kind.getFailed);
  }

  #got(batchId: number, slotIndex: number): void {
    const batch = this.#live.get(batchId);
    if (!batch) return;
    const slot = batch.slots[slotIndex];
    const leader = this.arch.brokers[slot.leader];
    if (!leader.up) return this.#finish(batch, slotIndex, false);
    this.arch.wal.append(leader, slot.bytes, slot.fromMicros, slot.toMicros, AckKind.slot, batchId, slotIndex, this.#walBytes(slot.bytes));
  }

  // What the leader's WAL write carries for routed bytes: one link record per producer batch (RouterOutV2 appends
  // each partition's records of a request as one channel record).
  #walBytes(bytes: number): number {
    return this.arch.reads.polls.batchesIn(bytes) * LINK_RECORD_BYTES;
  }

  #failAll(batchId: number): void {
    const batch = this.#live.get(batchId);
    if (!batch) return;
    for (let i = 0; i < batch.slots.length; i++) this.#finish(batch, i, false);
  }

  #finish(batch: ChannelBatch, slotIndex: number, ok: boolean): void {
    const slot = batch.slots[slotIndex];
    if (slot.done) return;
    slot.done = true;
    for (let i = 0; i < slot.parts.length; i += 2) this.arch.partDone(slot.parts[i], slot.parts[i + 1], ok);
    if (--batch.pending > 0) return;
    this.#live.delete(batch.id);
    if (!batch.stored) return;
    batch.finished = true;
    // The leaders' WALs point into the object until they upload the data it holds.
    if (batch.linked > 0) this.#linkedOnly.set(batch.id, batch);
    else this.arch.store.delete(batch.objectBytes, this.arch.nextPrefix(), 1);
  }
}
