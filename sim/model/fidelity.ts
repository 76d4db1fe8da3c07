// How finely a run simulates the request traffic between clients, brokers and replicas. Exact (the default) answers
// every fetch the way Kafka does; coarse mode trades a stated latency error for far fewer events on long, large runs.
// The knob's meaning, its error bound and the tests that check it are in scenarios/models/fidelity.md.

import { InputError } from "../errors.ts";

/** Simulation fidelity of the fetch protocol (consumer and replica long polls). */
export interface Fidelity {
  /**
   * Coalescing window, µs; 0 = exact. With a window W > 0 a broker answers its waiting fetches (consumer fetches
   * and follower fetches alike) in one batch at most once per W: data that becomes visible within W of the last
   * batch waits for the next one. Each fetch hop then adds at most W of latency; bytes are unchanged.
   */
  coalesceMicros: number;
  /**
   * Whether consumers of different groups in one zone, reading the same groups from the same broker at the same
   * positions, share one fetch session whose response carries each member's bytes (one transfer to the first
   * member's host). Flow bytes by class and zone pair are unchanged; per-host NIC figures of the members are not.
   * Only with coalesceMicros > 0.
   */
  shareSessions: boolean;
}

/** Request-faithful simulation: every fetch answered as Kafka answers it. */
export const EXACT_FIDELITY: Fidelity = { coalesceMicros: 0, shareSessions: false };

/** Longest coalescing window accepted, µs: beyond a second it would no longer be a fidelity setting but a change of protocol. */
const COALESCE_MICROS_MAX = 1_000_000;

/** Checks a fidelity setting (absent = exact) and fills in what is missing; throws InputError naming the field. */
export function resolveFidelity(fidelity: Partial<Fidelity> | undefined, path = "workload.fidelity"): Fidelity {
  if (fidelity === undefined) return EXACT_FIDELITY;
  if (typeof fidelity !== "object" || fidelity === null) throw new InputError(path, fidelity, "an object { coalesceMicros, shareSessions }");
  const coalesceMicros = fidelity.coalesceMicros ?? 0;
  if (!Number.isSafeInteger(coalesceMicros) || coalesceMicros < 0 || coalesceMicros > COALESCE_MICROS_MAX) {
    throw new InputError(`${path}.coalesceMicros`, coalesceMicros, `a whole number of µs from 0 (exact) to ${COALESCE_MICROS_MAX}`);
  }
  const shareSessions = fidelity.shareSessions ?? false;
  if (typeof shareSessions !== "boolean") throw new InputError(`${path}.shareSessions`, shareSessions, "true or false");
  if (shareSessions && coalesceMicros === 0) {
    throw new InputError(`${path}.shareSessions`, shareSessions, "false when coalesceMicros is 0 (exact mode shares nothing)");
  }
  return { coalesceMicros, shareSessions };
}
