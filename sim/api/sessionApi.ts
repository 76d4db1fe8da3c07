// The run-session API a worker exposes: start a run from plain data, advance it in slices of simulated time, and
// collect its report. Environment-neutral (no Node, no DOM), so a CLI worker thread and a browser web worker can
// expose the same object; only plain data crosses it, and the caller paces the run by how far it asks to advance.

import { InputError } from "../errors.ts";
import type { RunConfig } from "../model/run.ts";
import type { RunResultSummary } from "../model/result.ts";
import type { RunReport } from "../report/reportTypes.ts";
import { RunSession, type RunSessionOptions, type SessionProgress } from "../report/runSession.ts";

/** Most sessions one API holds at once; a caller that forgets dispose() hits this instead of exhausting memory. */
export const SESSIONS_MAX = 64;

/** Where a run stands after a call to advance. */
export interface ApiProgress extends SessionProgress {
  /** The run stopped short of its end (its event budget ran out): advancing it further does nothing. */
  stalled: boolean;
}

/** Runs as numbered sessions; every method takes and returns plain data. */
export interface SessionApi {
  /** Builds a run; returns its session id. Throws InputError (or a model's) for a bad config or options. */
  start(config: RunConfig, options?: RunSessionOptions): number;
  /** Advances a session to untilMicros of simulated time (clamped to its end). */
  advance(id: number, untilMicros: number): ApiProgress;
  /** The result so far, without recovery or cost: cheap enough for a live view between slices. */
  result(id: number): RunResultSummary;
  /** The full report of what the session has run so far (the final report once done). */
  report(id: number): RunReport;
  /** Forgets a session; ids are never reused. */
  dispose(id: number): void;
  /** Sessions currently held. */
  count(): number;
}

/** A fresh API object with no sessions. */
export function createSessionApi(): SessionApi {
  const sessions = new Map<number, RunSession>();
  let nextId = 1;
  const get = (id: number): RunSession => {
    const session = Number.isSafeInteger(id) ? sessions.get(id) : undefined;
    if (session === undefined) throw new InputError("id", id, `the id of a live session (live: ${[...sessions.keys()].join(", ") || "none"})`);
    return session;
  };
  return {
    start(config, options = {}) {
      if (typeof config !== "object" || config === null) throw new InputError("config", config, "a RunConfig object");
      if (sessions.size >= SESSIONS_MAX) throw new InputError("sessions", sessions.size, `at most ${SESSIONS_MAX} live sessions (dispose finished ones)`);
      const session = new RunSession(config, options);
      const id = nextId++;
      sessions.set(id, session);
      return id;
    },
    advance(id, untilMicros) {
      const session = get(id);
      if (typeof untilMicros !== "number" || !Number.isFinite(untilMicros)) throw new InputError("untilMicros", untilMicros, "a simulated time in µs");
      const progress = session.advance(untilMicros);
      // A session stops short of the time asked for only when its event budget ran out.
      return { ...progress, stalled: !progress.done && progress.nowMicros < Math.min(untilMicros, progress.endMicros) };
    },
    result(id) {
      return get(id).result();
    },
    report(id) {
      return get(id).report();
    },
    dispose(id) {
      get(id);
      sessions.delete(id);
    },
    count() {
      return sessions.size;
    },
  };
}
