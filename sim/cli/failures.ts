// What a command's failure means for its exit code (Node only): invalid input (2) — a scenario, a flag, a value —
// with every field-level message and no stack trace; anything else is internal (3), with what reproduces it.

/** Exit codes of every command. */
export const EXIT = {
  /** Every threshold holds. */
  ok: 0,
  /** A threshold failed. */
  thresholdFailed: 1,
  /** Invalid input: the scenario or the command line. */
  invalidInput: 2,
  /** An internal error or a broken invariant. */
  internal: 3,
} as const;

/** Error names that mean the input was wrong; names survive a worker boundary where classes do not. */
const INPUT_ERRORS = new Set(["InputError", "ScenarioError", "PriceBookError", "InvalidInput"]);

/** Printed after a scenario's problems when they kept the checks across its sections from running. */
export const CROSS_CHECKS_PENDING =
  "note: the checks across sections (faults against the cluster, replicas against brokers, producer limits against the rate, thresholds against faults) run once these are fixed, and may find more";

/** True for an error caused by the input rather than by bytepath. */
export function isInputError(error: unknown): boolean {
  return error instanceof Error && INPUT_ERRORS.has(error.name);
}

/** Invalid input whose message is already the whole line to print: `<argument>: <value> <problem>, expected ...`,
 * for what InputError's `expected ... (got ...)` shape reads badly (a directory, a binary file, a run report). */
export class InvalidInput extends Error {
  override name = "InvalidInput";
}

/** An internal failure found after the runs (an invariant broken, a run stopped short): the lines that say what
 * happened and how to reproduce it. */
export class InternalFailure extends Error {
  override name = "InternalFailure";
  constructor(readonly lines: readonly string[]) {
    super(lines.join("\n"));
  }
}
