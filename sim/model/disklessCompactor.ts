// Background compaction of a diskless log: once enough small multi-partition ingestion (L0) objects are committed,
// an agent GETs them, writes one larger partition-ordered (L1) object to the regional S3 Standard bucket, commits
// it to the control plane, and the L0 objects are deleted. Jobs run on several agents at once over consecutive
// runs of L0 objects; their results are applied in log order. Each byte is read and written once per compaction;
// with S3 Express ingestion this is also what moves data out of the expensive zonal buckets.

import type { Engine } from "../engine.ts";
import { assert } from "../errors.ts";
import { FlowClass } from "../network/index.ts";
import type { ObjectStore } from "../storage/objectStore.ts";
import { DisklessEvent } from "./disklessEvents.ts";
import { ObjectLevel, type DisklessObjectIndex } from "./disklessObjectIndex.ts";
import { objectPrefix, preferredStore } from "./disklessReads.ts";

// The compacted object goes to the regional bucket (store 0).
const STANDARD_STORE = 0;

/** What the compactor needs from the architecture. */
export interface CompactorSite {
  /** A live agent to run the next job on, or -1 when none is up. */
  pickAgent(): number;
  agentHost(agent: number): number;
  agentZone(agent: number): number;
  /** Live agents now; at most jobsPerAgent jobs per live agent run at once. */
  liveAgents(): number;
  /** One control-plane commit's latency, µs. */
  commitDelayMicros(): number;
  /** Marks an object deleted and deletes every stored copy. */
  deleteObject(id: number): void;
}

/** Settings the compactor takes from DisklessConfig. */
export interface CompactorSettings {
  filesMin: number;
  delayMicros: number;
  checkMicros: number;
  readConcurrency: number;
  jobsPerAgent: number;
}

const JobState = { reading: 0, writing: 1, committing: 2, committed: 3, stalled: 4 } as const;

interface Job {
  run: number;
  agent: number;
  sources: number[];
  nextGet: number;
  getsLeft: number;
  compactedId: number;
  state: number;
}

/** The L0 → L1 compaction scheduler and its running jobs. */
export class DisklessCompactor {
  /** Jobs committed and applied. */
  runs = 0;
  /** Job attempts abandoned after a GET or PUT failed (the job starts over on another agent). */
  failures = 0;
  /** L0 objects rewritten and deleted. */
  compactedObjects = 0;
  /** Source GETs issued and their bytes. */
  getRequests = 0;
  getBytes = 0;
  /** Compacted-object PUTs completed and their bytes. */
  putRequests = 0;
  putBytes = 0;
  // Jobs in log order: job i's sources follow job i-1's. L0 entries [l0From, l0From + #assigned) belong to them.
  readonly #jobs: Job[] = [];
  readonly #byRun = new Map<number, Job>();
  #assigned = 0;
  #nextRun = 0;

  constructor(
    readonly engine: Engine,
    readonly actor: number,
    readonly index: DisklessObjectIndex,
    readonly stores: readonly ObjectStore[],
    readonly storeZones: readonly number[],
    readonly site: CompactorSite,
    readonly settings: CompactorSettings,
  ) {}

  /** Whether any job holds L0 objects (they must stay in the index until it is applied). */
  get active(): boolean {
    return this.#jobs.length > 0;
  }

  /** Starts the periodic scheduler. */
  start(): void {
    this.engine.send(this.actor, DisklessEvent.compactionCheck, this.settings.checkMicros);
  }

  /** Handles the compaction events the architecture forwards. */
  receive(kind: number, a: number, b: number): void {
    if (kind === DisklessEvent.compactionCheck) {
      this.#check();
      this.engine.send(this.actor, DisklessEvent.compactionCheck, this.settings.checkMicros);
      return;
    }
    const job = this.#byRun.get(a);
    if (kind === DisklessEvent.compactionPutDone) return this.#putDone(job, b);
    if (job === undefined) return;
    switch (kind) {
      case DisklessEvent.compactionGetDone: return this.#getDone(job);
      case DisklessEvent.compactionFailed: return this.#failed(job);
      case DisklessEvent.compactionCommitDone: return this.#commitDone(job);
    }
  }

  // Restarts stalled jobs, then starts new ones while L0 objects old enough are waiting and agents are free.
  #check(): void {
    for (const job of this.#jobs) if (job.state === JobState.stalled) this.#startReading(job);
    const { filesMin, delayMicros, jobsPerAgent } = this.settings;
    const index = this.index;
    while (this.#jobs.length < this.site.liveAgents() * jobsPerAgent) {
      const from = index.l0From + this.#assigned;
      if (index.size - from < filesMin) return;
      if (index.committedMicrosOf(index.idAt(from + filesMin - 1)) > this.engine.nowMicros - delayMicros) return;
      const sources: number[] = [];
      for (let p = from; p < from + filesMin; p++) sources.push(index.idAt(p));
      const job: Job = { run: -1, agent: -1, sources, nextGet: 0, getsLeft: 0, compactedId: -1, state: JobState.stalled };
      this.#jobs.push(job);
      this.#assigned += filesMin;
      if (!this.#startReading(job)) return;
    }
  }

  // (Re)starts a job on a live agent: reads its sources readConcurrency at a time. False when no agent is up.
  #startReading(job: Job): boolean {
    const agent = this.site.pickAgent();
    if (agent < 0) return false;
    if (job.run >= 0) this.#byRun.delete(job.run);
    job.run = this.#nextRun++;
    this.#byRun.set(job.run, job);
    job.agent = agent;
    job.state = JobState.reading;
    job.nextGet = 0;
    job.getsLeft = job.sources.length;
    job.compactedId = -1;
    for (let i = 0; i < Math.min(this.settings.readConcurrency, job.sources.length); i++) this.#getNext(job);
    return true;
  }

  // Reads the next source object into the compacting agent, from the copy nearest to it.
  #getNext(job: Job): void {
    const id = job.sources[job.nextGet++];
    const bytes = this.index.bytesOf(id);
    const store = preferredStore(this.index.maskOf(id), this.site.agentZone(job.agent), this.storeZones);
    this.getRequests++;
    this.getBytes += bytes;
    this.stores[store].get(this.site.agentHost(job.agent), bytes, objectPrefix(id), FlowClass.s3Get, this.actor,
      DisklessEvent.compactionGetDone, job.run, 0, undefined, DisklessEvent.compactionFailed);
  }

  #getDone(job: Job): void {
    if (job.state !== JobState.reading) return;
    if (job.nextGet < job.sources.length) this.#getNext(job);
    if (--job.getsLeft > 0) return;
    const index = this.index;
    let bytes = 0;
    let newest = 0;
    for (const id of job.sources) {
      bytes += index.bytesOf(id);
      newest = Math.max(newest, index.newestMicrosOf(id));
    }
    // One PutObject: 32 objects of at most 8 MiB stay far under S3's 5 GB single-PUT limit.
    job.compactedId = index.createObject(bytes, ObjectLevel.l1, newest);
    job.state = JobState.writing;
    this.stores[STANDARD_STORE].put(this.site.agentHost(job.agent), bytes, objectPrefix(job.compactedId), FlowClass.s3Put, this.actor,
      DisklessEvent.compactionPutDone, job.run, job.compactedId, undefined, DisklessEvent.compactionFailed);
  }

  #putDone(job: Job | undefined, id: number): void {
    this.putRequests++;
    this.putBytes += this.index.bytesOf(id);
    this.index.addCopy(id, STANDARD_STORE);
    // An attempt abandoned while its PUT was on the way leaves an orphan object: delete it at once.
    if (job === undefined || job.compactedId !== id || job.state !== JobState.writing) return this.site.deleteObject(id);
    job.state = JobState.committing;
    this.engine.send(this.actor, DisklessEvent.compactionCommitDone, this.site.commitDelayMicros(), job.run);
  }

  // A GET or PUT failed for good: the job waits for the next check and starts over on a live agent.
  #failed(job: Job): void {
    if (job.state !== JobState.reading && job.state !== JobState.writing) return;
    this.failures++;
    this.#byRun.delete(job.run);
    job.run = -1;
    job.state = JobState.stalled;
  }

  // A job's L1 object is committed; results are applied in log order, so an early finisher waits for its elders.
  #commitDone(job: Job): void {
    job.state = JobState.committed;
    const index = this.index;
    while (this.#jobs.length > 0 && this.#jobs[0].state === JobState.committed) {
      const head = this.#jobs.shift() as Job;
      for (let i = 0; i < head.sources.length; i++) {
        assert(index.idAt(index.l0From + i) === head.sources[i], `diskless compaction: source ${head.sources[i]} left the L0 prefix`);
      }
      index.replaceL0Prefix(head.sources.length, head.compactedId);
      for (const id of head.sources) this.site.deleteObject(id);
      this.#assigned -= head.sources.length;
      this.#byRun.delete(head.run);
      this.compactedObjects += head.sources.length;
      this.runs++;
    }
    // A backlog (a burst, or jobs lost to failures) is worked off back to back, not one job per check.
    this.#check();
  }
}
