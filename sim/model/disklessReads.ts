// The diskless read path: a fetch names group byte ranges; they map to byte ranges inside committed objects, and
// those to chunk-aligned ranges (4 MiB by default). Each zone keeps one chunk cache (WarpStream: "A cache is
// maintained per Availability Zone"); a miss GETs that one chunk, and fetches that want a chunk already being
// fetched in their zone wait for the same GET, so a zone pays about one GET per chunk however many read it.
// The GET is made by the zone's agent responsible for the object, not by whichever agent asked first: WarpStream's
// agents share files over a consistent-hash ring and "the responsible Agent pages the file chunk into memory" (docs
// read-path). Handing the bytes from that agent to the one serving the fetch is not modelled (see diskless.md).

import type { Engine } from "../engine.ts";
import { assert } from "../errors.ts";
import { FlowClass } from "../network/index.ts";
import { ByteLruCache } from "../storage/byteCache.ts";
import type { ObjectStore } from "../storage/objectStore.ts";
import type { Consumers } from "./consumers.ts";
import { DisklessEvent } from "./disklessEvents.ts";
import type { DisklessObjectIndex } from "./disklessObjectIndex.ts";

// Chunk keys are objectId * CHUNK_SLOTS + chunk index: room for objects of 2^20 chunks (4 TiB at 4 MiB).
const CHUNK_SLOTS = 2 ** 20;
// Object keys are spread over this many S3 prefixes, as randomized key names do, so no prefix limit binds.
const PREFIXES = 256;

/** S3 key prefix of an object (spreads request-rate limits as randomized key names do). */
export function objectPrefix(id: number): number {
  return id % PREFIXES;
}

/** The store to read an object from: a copy in the reader's zone, else the regional bucket, else any copy. */
export function preferredStore(mask: number, zone: number, storeZones: readonly number[]): number {
  assert(mask !== 0, "diskless read: object has no stored copy");
  for (let s = 0; s < storeZones.length; s++) if ((mask & (1 << s)) !== 0 && storeZones[s] === zone) return s;
  if ((mask & 1) !== 0) return 0;
  return 31 - Math.clz32(mask & -mask);
}

/** Per-zone chunk caches and the cache-miss GETs behind fetches. */
export class DisklessReads {
  readonly caches: ByteLruCache[];
  /** Cache-miss GETs issued per zone. */
  readonly getsByZone: Float64Array;
  /** Bytes of those GETs per zone. */
  readonly getBytesByZone: Float64Array;
  /** GETs that failed after the SDK's retries (their waiters were answered anyway). */
  getFailures = 0;
  readonly #inflight: Map<number, number[]>[] = [];
  readonly #pending: number[] = [];
  #consumers!: Consumers;

  constructor(
    readonly engine: Engine,
    readonly actor: number,
    readonly index: DisklessObjectIndex,
    readonly stores: readonly ObjectStore[],
    readonly storeZones: readonly number[],
    /** Per group: its share of every object (its partitions over all partitions). */
    readonly shares: Float64Array,
    /** Per group: where its slice starts inside an object, as a fraction of the object. */
    readonly sliceStarts: Float64Array,
    readonly chunkBytes: number,
    cacheBytesByZone: readonly number[],
    /** Network host that loads an object's chunks into a zone's cache (default: the agent serving the fetch). */
    readonly loaderHost: (zone: number, objectId: number, readerHost: number) => number = (_z, _id, readerHost) => readerHost,
  ) {
    this.caches = cacheBytesByZone.map((bytes) => new ByteLruCache(bytes));
    this.getsByZone = new Float64Array(cacheBytesByZone.length);
    this.getBytesByZone = new Float64Array(cacheBytesByZone.length);
    for (let z = 0; z < cacheBytesByZone.length; z++) this.#inflight.push(new Map());
  }

  /** Binds the consumers whose fetch sessions are read. */
  bind(consumers: Consumers): void {
    this.#consumers = consumers;
  }

  /** Reads a fetch session's ranges for an agent in `zone` at network host `host`; answers it when all is there. */
  read(session: number, zone: number, host: number): void {
    const consumers = this.#consumers;
    const { groups, from, to } = consumers.sessionRead(session);
    let waits = 0;
    for (let i = 0; i < groups.length; i++) {
      if (to[i] <= from[i]) continue;
      const g = groups[i];
      waits += this.#readRange(g, from[i] / this.shares[g], to[i] / this.shares[g], zone, host, session);
    }
    if (waits === 0) consumers.respond(session);
    else this.#pending[session] = waits;
  }

  /** A chunk GET arrived: cache it (already reserved) and answer the fetches that waited for it. */
  onGetDone(key: number, zone: number): void {
    this.#release(key, zone);
  }

  /** A chunk GET failed for good: forget the reservation; waiters are answered (the model has no fetch errors). */
  onGetFailed(key: number, zone: number): void {
    this.getFailures++;
    this.caches[zone].delete(key);
    this.#release(key, zone);
  }

  // Walks the committed objects overlapping stream range [from, to) and looks up the chunks holding group g's slice.
  #readRange(g: number, from: number, to: number, zone: number, host: number, session: number): number {
    const index = this.index;
    const start = Math.max(from, index.startBytes);
    const end = Math.min(to, index.endBytes);
    let p = index.entryAt(start);
    if (p < 0) return 0;
    const share = this.shares[g];
    const chunk = this.chunkBytes;
    let waits = 0;
    for (; p < index.size; p++) {
      const objectStart = index.startAt(p);
      if (objectStart >= end) break;
      const id = index.idAt(p);
      const bytes = index.bytesOf(id);
      const lo = Math.max(start, objectStart) - objectStart;
      const hi = Math.min(end, objectStart + bytes) - objectStart;
      if (hi <= lo) continue;
      const slice = bytes * this.sliceStarts[g];
      const chunks = Math.ceil(bytes / chunk);
      const first = Math.max(0, Math.floor((slice + lo * share) / chunk));
      const last = Math.min(chunks - 1, Math.ceil((slice + hi * share) / chunk) - 1);
      for (let c = first; c <= last; c++) waits += this.#lookup(id, c, Math.min(chunk, bytes - c * chunk), zone, host, session);
    }
    return waits;
  }

  // 1 when the session must wait for a GET (new or already in flight), 0 on a cache hit.
  #lookup(id: number, c: number, size: number, zone: number, host: number, session: number): number {
    assert(c < CHUNK_SLOTS, `diskless read: chunk ${c} of object ${id} beyond the key space`);
    const key = id * CHUNK_SLOTS + c;
    const inflight = this.#inflight[zone];
    const cache = this.caches[zone];
    const waiting = inflight.get(key);
    if (waiting !== undefined) {
      cache.get(key, size);
      waiting.push(session);
      return 1;
    }
    if (cache.get(key, size)) return 0;
    // Reserve the entry now so eviction order follows the first request, as a cache filled on demand does.
    cache.put(key, size);
    inflight.set(key, [session]);
    this.getsByZone[zone]++;
    this.getBytesByZone[zone] += size;
    const store = preferredStore(this.index.maskOf(id), zone, this.storeZones);
    this.stores[store].get(this.loaderHost(zone, id, host), size, objectPrefix(id), FlowClass.s3Get, this.actor, DisklessEvent.getDone, key, zone, undefined, DisklessEvent.getFailed);
    return 1;
  }

  #release(key: number, zone: number): void {
    const inflight = this.#inflight[zone];
    const waiting = inflight.get(key);
    if (waiting === undefined) return;
    inflight.delete(key);
    for (const session of waiting) {
      if (--this.#pending[session] === 0) this.#consumers.respond(session);
    }
  }
}
