// AutoMQ's zone router (automq.zonerouter.channels): a broker receiving produce data for a partition led in another
// zone batches it for 250 ms or 8 MiB into one S3 object (the router channel), then sends the leader a small RPC
// naming its range; the leader GETs the range, appends it to its WAL and answers once durable; the proxy answers the
// client when every leader of the batch has. Only the RPCs cross zones. Shape from RouterOutV2.java (channel append,
// then a proxy request with the channel offset) and the reference's description (A3).

import type { Actor } from "../engine.ts";
import { FlowClass } from "../network/index.ts";
import type { AutomqArchitecture } from "./automq.ts";
import { AckKind, type AutomqBroker } from "./automqBroker.ts";

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
}

/** The zone-router channels of every broker of one AutoMQ architecture (one engine actor). */
export class AutomqRouter implements Actor {
  readonly actor: number;
  readonly #open = new Map<number, ChannelBatch>();
  readonly #live = new Map<number, ChannelBatch>();
  #nextId = 1;
  #gen: number[] = [];
  /** Bytes written to router channel objects. */
  channelBytes = 0;

  constructor(readonly arch: AutomqArchitecture) {
    this.actor = arch.world.engine.register(`${arch.name}.router`, this);
  }

  /** Adds a request part for leader to the proxy's open channel batch. */
  enqueue(proxy: AutomqBroker, leader: number, bytes: number, fromMicros: number, toMicros: number, request: number, token: number): void {
    const c = this.arch.config;
    let batch = this.#open.get(proxy.index);
    if (!batch) {
      batch = { id: this.#nextId++, proxy, bytes: 0, objectBytes: 0, slots: [], pending: 0, stored: false };
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
    if (batch.proxy === leader) return this.#finish(batch, slotIndex, true);
    this.arch.world.network.transfer(leader.host, batch.proxy.host, this.arch.config.rpcBytes, FlowClass.proxy, this.actor, Kind.answerArrived, batchId, slotIndex, undefined, Kind.answerLost);
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
    arch.store.put(batch.proxy.host, batch.objectBytes, arch.nextPrefix(), FlowClass.proxy, this.actor, Kind.putDone, batch.id, 0, undefined, Kind.putFailed);
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
        arch.wal.append(leader, slot.bytes, slot.fromMicros, slot.toMicros, AckKind.slot, batch.id, i);
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
    this.arch.wal.append(leader, slot.bytes, slot.fromMicros, slot.toMicros, AckKind.slot, batchId, slotIndex);
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
    // Every leader has the bytes in its own WAL now: the channel object is no longer needed.
    if (batch.stored) this.arch.store.delete(batch.objectBytes, this.arch.nextPrefix(), 1);
  }
}
