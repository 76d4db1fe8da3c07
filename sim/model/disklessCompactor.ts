// Background compaction of a diskless log: once enough small multi-partition ingestion (L0) objects are committed,
// one agent GETs them, writes one larger partition-ordered (L1) object to the regional S3 Standard bucket, commits
// it to the control plane, and the L0 objects are deleted. Each byte is read and written once per compaction;
// with S3 Express ingestion this is also what moves data out of the expensive zonal buckets.

import type { Engine } from "../engine.ts";
import { assert } from "../errors.ts";
import { FlowClass } from "../network/index.ts";
import type { ObjectStore } from "../storage/objectStore.ts";
import { DisklessEvent } from "./disklessEvents.ts";
import { ObjectLevel, type DisklessObjectIndex } from "./disklessObjectIndex.ts";
import { objectPrefix, preferredStore } from "./disklessReads.ts";

// The compacted object goes to the regional bucket (store 0) under its own prefix.
const STANDARD_STORE = 0;

/** What the compactor needs from the architecture. */
export interface CompactorSite {
  /** A live agent to run the next job on, or -1 when none is up. */
  pickAgent(): number;
  agentHost(agent: number): number;
  agentZone(agent: number): number;
  /** One control-plane commit's latency, µs. */
  commitDelayMicros(): number;
  /** Deletes every stored copy of an object (it is marked deleted in the index). */
  deleteObject(id: number): void;
}

/** The L0 → L1 compaction scheduler and its one running job. */
export class DisklessCompactor {
  /** Jobs committed. */
  runs = 0;
  /** Jobs abandoned after a GET or PUT failed (the L0 objects stay and are taken again). */
  failures = 0;
  /** L0 objects rewritten and deleted. */
  compactedObjects = 0;
  /** Source GETs issued and their bytes. */
  getRequests = 0;
  getBytes = 0;
  /** Compacted-object PUTs completed and their bytes. */
  putRequests = 0;
  putBytes = 0;
  #run = 0;
  #active = false;
  #agent = -1;
  #sources: number[] = [];
  #getsLeft = 0;
  #nextGet = 0;
  #compactedId = -1;

  constructor(
    readonly engine: Engine,
    readonly actor: number,
    readonly index: DisklessObjectIndex,
    readonly stores: readonly ObjectStore[],
    readonly storeZones: readonly number[],
    readonly site: CompactorSite,
    readonly filesMin: number,
    readonly delayMicros: number,
    readonly checkMicros: number,
    /** Source objects read at once, so a job does not take the agent's whole NIC from its fetches. */
    readonly readConcurrency: number,
  ) {}

  /** Whether a job is running (its L0 sources must stay in the index). */
  get active(): boolean {
    return this.#active;
  }

  start(): void {
    this.engine.send(this.actor, DisklessEvent.compactionCheck, this.checkMicros);
  }

  receive(kind: number, a: number, b: number): void {
    switch (kind) {
      case DisklessEvent.compactionCheck:
        this.#maybeBegin();
        this.engine.send(this.actor, DisklessEvent.compactionCheck, this.checkMicros);
        return;
      case DisklessEvent.compactionGetDone: return this.#getDone(a);
      case DisklessEvent.compactionPutDone: return this.#putDone(a, b);
      case DisklessEvent.compactionFailed: return this.#failed(a);
      case DisklessEvent.compactionCommitDone: return this.#commitDone(a);
    }
  }

  #maybeBegin(): void {
    if (this.#active) return;
    const index = this.index;
    const from = index.l0From;
    if (index.size - from < this.filesMin) return;
    const last = index.idAt(from + this.filesMin - 1);
    if (index.committedMicrosOf(last) > this.engine.nowMicros - this.delayMicros) return;
    const agent = this.site.pickAgent();
    if (agent < 0) return;
    this.#active = true;
    this.#agent = agent;
    this.#compactedId = -1;
    this.#sources = [];
    for (let p = from; p < from + this.filesMin; p++) this.#sources.push(index.idAt(p));
    this.#getsLeft = this.filesMin;
    this.#nextGet = 0;
    for (let i = 0; i < Math.min(this.readConcurrency, this.filesMin); i++) this.#getNext();
  }

  // Reads the next source object into the compacting agent, from the copy nearest to it.
  #getNext(): void {
    const id = this.#sources[this.#nextGet++];
    const bytes = this.index.bytesOf(id);
    const store = preferredStore(this.index.maskOf(id), this.site.agentZone(this.#agent), this.storeZones);
    this.getRequests++;
    this.getBytes += bytes;
    this.stores[store].get(this.site.agentHost(this.#agent), bytes, objectPrefix(id), FlowClass.s3Get, this.actor,
      DisklessEvent.compactionGetDone, this.#run, 0, undefined, DisklessEvent.compactionFailed);
  }

  #getDone(run: number): void {
    if (run !== this.#run) return;
    if (this.#nextGet < this.#sources.length) this.#getNext();
    if (--this.#getsLeft > 0) return;
    const index = this.index;
    let bytes = 0;
    let newest = 0;
    for (const id of this.#sources) {
      bytes += index.bytesOf(id);
      newest = Math.max(newest, index.newestMicrosOf(id));
    }
    // One PutObject: 32 objects of at most 8 MiB stay far under S3's 5 GB single-PUT limit.
    const id = index.createObject(bytes, ObjectLevel.l1, newest);
    this.#compactedId = id;
    this.stores[STANDARD_STORE].put(this.site.agentHost(this.#agent), bytes, objectPrefix(id), FlowClass.s3Put, this.actor,
      DisklessEvent.compactionPutDone, run, id, undefined, DisklessEvent.compactionFailed);
  }

  #putDone(run: number, id: number): void {
    this.putRequests++;
    this.putBytes += this.index.bytesOf(id);
    this.index.addCopy(id, STANDARD_STORE);
    // A job abandoned while its PUT was on the way leaves an orphan object: delete it at once.
    if (run !== this.#run) return this.site.deleteObject(id);
    this.engine.send(this.actor, DisklessEvent.compactionCommitDone, this.site.commitDelayMicros(), run);
  }

  #failed(run: number): void {
    if (run !== this.#run) return;
    this.failures++;
    this.#run++;
    this.#active = false;
  }

  #commitDone(run: number): void {
    if (run !== this.#run) return;
    const index = this.index;
    for (let i = 0; i < this.#sources.length; i++) {
      assert(index.idAt(index.l0From + i) === this.#sources[i], `diskless compaction: source ${this.#sources[i]} left the L0 prefix`);
    }
    index.replaceL0Prefix(this.#sources.length, this.#compactedId);
    for (const id of this.#sources) this.site.deleteObject(id);
    this.compactedObjects += this.#sources.length;
    this.runs++;
    this.#run++;
    this.#active = false;
    // A backlog (a burst, or jobs lost to failures) is worked off back to back, not one job per check.
    this.#maybeBegin();
  }
}
