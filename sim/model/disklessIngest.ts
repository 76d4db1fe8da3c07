// The diskless write path: each agent buffers produce requests across partitions until batchTimeout or
// batchBytesMax, PUTs the batch as one object (to the regional bucket, or to every S3 Express bucket and on at a
// quorum), asks the control plane to commit it — which assigns offsets and makes it visible — and then
// acknowledges every request in it. Nothing is acknowledged before both the PUT and the commit.

import type { Engine } from "../engine.ts";
import { assert } from "../errors.ts";
import { FlowClass } from "../network/index.ts";
import type { ObjectStore } from "../storage/objectStore.ts";
import type { Consumers } from "./consumers.ts";
import type { DisklessConfig } from "./disklessConfig.ts";
import { DisklessEvent } from "./disklessEvents.ts";
import { ObjectLevel, type DisklessObjectIndex } from "./disklessObjectIndex.ts";
import { objectPrefix } from "./disklessReads.ts";
import type { DisklessStats } from "./disklessStats.ts";
import type { PartitionGroup } from "./partitionGroups.ts";
import type { Producers } from "./producers.ts";
import { ProduceError } from "./world.ts";

const Stage = { buffering: 0, putting: 1, committing: 2, done: 3, abandoned: 4 } as const;

/** One agent: a zone-local, stateless broker. */
export interface DisklessAgent {
  index: number;
  zone: number;
  host: number;
  up: boolean;
  /** The batch being filled, if any. */
  open: DisklessBatch | undefined;
  /** Sequence of the last batch opened, to match its timer. */
  seq: number;
}

/** Produce requests an agent buffers into one object, from first request to acknowledgement. */
export interface DisklessBatch {
  /** Object id once flushed, -1 while buffering. */
  object: number;
  agent: number;
  seq: number;
  requests: number[];
  /** Wire bytes buffered. */
  bytes: number;
  /** Earliest and latest intended send time of its records, µs. */
  fromMicros: number;
  toMicros: number;
  openedMicros: number;
  stage: number;
  putsIssued: number;
  putsDone: number;
  putsOk: number;
  /** Its requests were already failed (agent crash, storage error); nobody is answered at commit. */
  unanswered: boolean;
}

/** What the write path needs from the architecture. */
export interface IngestSite {
  readonly engine: Engine;
  readonly actor: number;
  readonly config: DisklessConfig;
  readonly agents: readonly DisklessAgent[];
  readonly groups: readonly PartitionGroup[];
  /** Per group: its share of every object. */
  readonly shares: Float64Array;
  readonly index: DisklessObjectIndex;
  readonly stores: readonly ObjectStore[];
  readonly stats: DisklessStats;
  /** One control-plane commit's latency, µs. */
  commitDelayMicros(): number;
  /** Marks an object deleted and deletes its stored copies. */
  deleteObject(id: number): void;
  /** Deletes the copies in `mask` of an object already marked deleted. */
  deleteCopies(id: number, mask: number): void;
}

/** Agent batches, their uploads and commits. */
export class DisklessIngest {
  readonly #batches = new Map<number, DisklessBatch>();
  #producers!: Producers;
  #consumers!: Consumers;

  constructor(
    readonly site: IngestSite,
    /** Stores every object is PUT to. */
    readonly ingestStores: readonly number[],
    /** Stored copies needed before the commit. */
    readonly quorum: number,
  ) {}

  /** Binds the clients requests come from and fetches wait in. */
  bind(producers: Producers, consumers: Consumers): void {
    this.#producers = producers;
    this.#consumers = consumers;
  }

  /** A produce request arrived at an agent: add it to the open batch, closing batches that would overflow. */
  onProduce(request: number, broker: number): void {
    const { config, engine } = this.site;
    const agent = this.site.agents[broker];
    if (!agent.up) return;
    const bytes = this.#producers.requestBytes(request);
    if (agent.open !== undefined && agent.open.bytes + bytes > config.batchBytesMax) this.#flush(agent, true);
    if (agent.open === undefined) {
      agent.open = { object: -1, agent: broker, seq: ++agent.seq, requests: [], bytes: 0, fromMicros: Number.POSITIVE_INFINITY,
        toMicros: 0, openedMicros: engine.nowMicros, stage: Stage.buffering, putsIssued: 0, putsDone: 0, putsOk: 0, unanswered: false };
      engine.send(this.site.actor, DisklessEvent.batchTimer, config.batchTimeoutMicros, broker, agent.seq);
    }
    const batch = agent.open;
    batch.requests.push(request);
    batch.bytes += bytes;
    batch.fromMicros = Math.min(batch.fromMicros, this.#producers.requestFromMicros(request));
    batch.toMicros = Math.max(batch.toMicros, this.#producers.requestToMicros(request));
    if (batch.bytes >= config.batchBytesMax) this.#flush(agent, true);
  }

  /** The batchTimeout of batch `seq` on an agent ran out. */
  batchTimer(broker: number, seq: number): void {
    const agent = this.site.agents[broker];
    if (agent.up && agent.open !== undefined && agent.open.seq === seq) this.#flush(agent, false);
  }

  /** An ingestion PUT stored its copy. */
  putDone(id: number, store: number): void {
    const { index, stats } = this.site;
    stats.ingestPutDone(index.bytesOf(id));
    // A copy landing for an object already abandoned or compacted away is an orphan: delete it at once.
    if (index.isDeleted(id)) this.site.deleteCopies(id, 1 << store);
    else index.addCopy(id, store);
    const batch = this.#batches.get(id);
    if (batch === undefined) return;
    batch.putsDone++;
    batch.putsOk++;
    if (batch.stage === Stage.putting && batch.putsOk >= this.quorum) {
      batch.stage = Stage.committing;
      this.site.engine.send(this.site.actor, DisklessEvent.commitDone, this.site.commitDelayMicros(), id);
    }
    this.#retire(batch);
  }

  /** An ingestion PUT failed after the SDK's retries; the batch fails once its quorum is out of reach. */
  putFailed(id: number): void {
    const batch = this.#batches.get(id);
    if (batch === undefined) return;
    batch.putsDone++;
    this.site.stats.ingestPutFailures++;
    const reachable = batch.putsOk + batch.putsIssued - batch.putsDone;
    if (batch.stage === Stage.putting && reachable < this.quorum) this.#abandon(batch, ProduceError.storage, false);
    this.#retire(batch);
  }

  /** The control plane sequenced the object: every group's log grows by its slice, and the batch is acknowledged. */
  commitDone(id: number): void {
    const { index, engine, groups, shares, stats } = this.site;
    const batch = this.#batches.get(id);
    assert(batch !== undefined && batch.stage === Stage.committing, `diskless: commit of object ${id} that is not committing`);
    const end = index.commit(id, engine.nowMicros);
    for (const g of groups) {
      g.leo = end * shares[g.id];
      g.hw = g.leo;
      g.index.append(g.leo, batch.fromMicros, batch.toMicros);
    }
    const bytes = index.bytesOf(id);
    if (batch.unanswered) {
      stats.unansweredCommittedBytes += bytes;
    } else {
      for (const g of groups) g.ackedEnd = g.hw;
      for (const r of batch.requests) this.#producers.complete(r, batch.agent, ProduceError.none);
    }
    stats.objectCommitted(bytes, Math.ceil(bytes / this.site.config.chunkBytes));
    batch.stage = Stage.done;
    this.#retire(batch);
    for (const agent of this.site.agents) if (agent.up) this.#consumers.wake(agent.index);
  }

  /** An agent died: every request it holds unacknowledged fails back to its client. Returns those bytes. */
  failAgent(broker: number): number {
    const producers = this.#producers;
    const agent = this.site.agents[broker];
    let unacked = 0;
    if (agent.open !== undefined) {
      for (const r of agent.open.requests) producers.fail(r, ProduceError.notLeader);
      unacked += agent.open.bytes;
      agent.open = undefined;
    }
    for (const batch of this.#batches.values()) {
      if (batch.agent !== broker || batch.unanswered) continue;
      if (batch.stage === Stage.putting) {
        this.#abandon(batch, ProduceError.notLeader, true);
        unacked += batch.bytes;
      } else if (batch.stage === Stage.committing) {
        // The commit already left for the control plane and will land; the client never hears of it and retries.
        for (const r of batch.requests) producers.fail(r, ProduceError.notLeader);
        batch.unanswered = true;
      }
    }
    return unacked;
  }

  // Closes the open batch and uploads it as one object to every ingestion store.
  #flush(agent: DisklessAgent, bySize: boolean): void {
    const { index, engine, stores } = this.site;
    const batch = agent.open as DisklessBatch;
    agent.open = undefined;
    const bytes = Math.ceil(batch.bytes);
    const id = index.createObject(bytes, ObjectLevel.l0, batch.toMicros);
    batch.object = id;
    batch.stage = Stage.putting;
    batch.putsIssued = this.ingestStores.length;
    this.#batches.set(id, batch);
    this.site.stats.batchClosed(bytes, engine.nowMicros - batch.openedMicros, bySize);
    for (const s of this.ingestStores) {
      stores[s].put(agent.host, bytes, objectPrefix(id), FlowClass.s3Put, this.site.actor, DisklessEvent.putDone, id, s, undefined, DisklessEvent.putFailed);
    }
  }

  #abandon(batch: DisklessBatch, error: number, connectionDropped: boolean): void {
    for (const r of batch.requests) {
      if (connectionDropped || !this.site.agents[batch.agent].up) this.#producers.fail(r, error);
      else this.#producers.complete(r, batch.agent, error);
    }
    batch.stage = Stage.abandoned;
    batch.unanswered = true;
    this.site.stats.abandonedBatches++;
    this.site.deleteObject(batch.object);
  }

  #retire(batch: DisklessBatch): void {
    if ((batch.stage === Stage.done || batch.stage === Stage.abandoned) && batch.putsDone === batch.putsIssued) this.#batches.delete(batch.object);
  }
}
