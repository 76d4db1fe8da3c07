// A pool of worker threads, each exposing the run-session API over Comlink (Node only). Jobs — a run config and its
// session options — go to whichever worker is free, and are advanced in slices of simulated time from here, so the
// caller sees progress without callbacks crossing the boundary. Results come back in job order: each run is its own
// engine and seed, so they are the same however many workers there are and whichever ran what.

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { wrap, releaseProxy, type Remote } from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import type { SessionApi } from "../api/sessionApi.ts";
import type { RunConfig } from "../model/run.ts";
import type { RunReport } from "../report/reportTypes.ts";
import type { RunSessionOptions } from "../report/runSession.ts";

/** One run to do. */
export interface RunJob {
  config: RunConfig;
  options: RunSessionOptions;
}

/** A job's progress after a slice. */
export interface JobProgress {
  job: number;
  nowMicros: number;
  endMicros: number;
  done: boolean;
}

/** Options of WorkerPool.run. */
export interface PoolRunOptions {
  /** Called after every slice of every job, and once when a job's report is in. */
  onProgress?: (progress: JobProgress) => void;
  /** Called with each job's report as it arrives (in completion order, not job order). */
  onReport?: (job: number, report: RunReport) => void;
  /** Simulated time per advance call, µs (default 10 s): how often progress is seen. */
  sliceMicros?: number;
  /** Keep the reports in the result (default true); a sweep that reduces them in onReport passes false. */
  keepReports?: boolean;
}

/** A job that threw: which one, and the error (as it crossed the thread boundary: name, message and stack kept). */
export class JobFailure extends Error {
  override name = "JobFailure";
  constructor(
    readonly job: number,
    readonly error: unknown,
  ) {
    super(error instanceof Error ? error.message : String(error));
  }
}

/** The default pool size: one worker per core. */
export function defaultWorkers(): number {
  return availableParallelism();
}

const SLICE_MICROS = 10_000_000;

interface Member {
  worker: Worker;
  api: Remote<SessionApi>;
  /** Rejects when the thread dies, so a pending call never waits forever. */
  died: Promise<never>;
}

/** Worker threads running run sessions; close() when done. */
export class WorkerPool {
  readonly size: number;
  readonly #members: Member[] = [];
  #closed = false;

  /** A pool of `size` workers (default: one per core); threads start on first use. */
  constructor(size = defaultWorkers()) {
    if (!Number.isSafeInteger(size) || size < 1 || size > 256) throw new RangeError(`workers: expected a whole number from 1 to 256 (got ${size})`);
    this.size = size;
  }

  /** Runs every job and returns their reports in job order (or an empty list with keepReports: false); the first
   * job to fail stops the others from starting and rejects with a JobFailure. */
  async run(jobs: readonly RunJob[], options: PoolRunOptions = {}): Promise<RunReport[]> {
    if (this.#closed) throw new Error("worker pool: used after close()");
    const slice = options.sliceMicros ?? SLICE_MICROS;
    const keep = options.keepReports ?? true;
    const reports: RunReport[] = new Array(keep ? jobs.length : 0);
    let next = 0;
    let failure: unknown;
    const drive = async (member: Member): Promise<void> => {
      while (failure === undefined && next < jobs.length) {
        const index = next++;
        try {
          const report = await runJob(member, jobs[index], index, slice, options.onProgress);
          if (keep) reports[index] = report;
          options.onReport?.(index, report);
        } catch (error) {
          failure ??= new JobFailure(index, error);
        }
      }
    };
    const count = Math.min(this.size, jobs.length);
    while (this.#members.length < count) this.#members.push(startMember());
    await Promise.all(this.#members.slice(0, count).map(drive));
    if (failure !== undefined) throw failure;
    return reports;
  }

  /** Stops every thread. */
  async close(): Promise<void> {
    this.#closed = true;
    const members = this.#members.splice(0);
    for (const m of members) m.api[releaseProxy]();
    await Promise.all(members.map((m) => m.worker.terminate()));
  }
}

function startMember(): Member {
  const worker = new Worker(new URL("./sessionWorker.mjs", import.meta.url));
  const died = new Promise<never>((_, reject) => {
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`worker thread exited with code ${code}`)));
  });
  // Nobody may await `died` while the member idles; its rejection is seen through the race in call().
  died.catch(() => undefined);
  return { worker, api: wrap<SessionApi>(nodeEndpoint(worker)), died };
}

function call<T>(member: Member, promise: Promise<T>): Promise<T> {
  return Promise.race([promise, member.died]);
}

async function runJob(member: Member, job: RunJob, index: number, sliceMicros: number, onProgress: PoolRunOptions["onProgress"]): Promise<RunReport> {
  const id = await call(member, member.api.start(job.config, job.options));
  try {
    let now = 0;
    for (;;) {
      const p = await call(member, member.api.advance(id, now + sliceMicros));
      onProgress?.({ job: index, nowMicros: p.nowMicros, endMicros: p.endMicros, done: p.done });
      if (p.done || p.stalled) break;
      now = p.nowMicros;
    }
    return await call(member, member.api.report(id));
  } finally {
    await call(member, member.api.dispose(id)).catch(() => undefined);
  }
}
