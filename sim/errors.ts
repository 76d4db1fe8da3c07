// The two kinds of failure bytepath reports: a caller gave bad input, or the simulator broke its own invariant.
// Both carry plain messages in the `subject: problem (got X)` shape so they read well in a terminal and survive
// structured clone across a worker boundary (name and message are kept; prototypes are not).

/** Bad input at a public entry point: names the field, the value it got and what was expected. */
export class InputError extends Error {
  override name = "InputError";
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`${field}: expected ${expected} (got ${describeValue(value)})`);
  }
}

/** A broken simulator invariant: a bug in bytepath or a model, never the user's fault. */
export class SimInvariantError extends Error {
  override name = "SimInvariantError";
}

/** Throws SimInvariantError when cond is false; message says which invariant and what was seen. */
export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new SimInvariantError(message);
}

/** Renders an untrusted value for an error message without ever throwing or printing megabytes. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Checks a finite number; the field name is used in the error. */
export function requireFinite(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new InputError(field, value, "a finite number");
  return value;
}

/** Checks a number >= 0 (rates, sizes, ratios' lower bound). */
export function requireNonNegative(field: string, value: unknown): number {
  const n = requireFinite(field, value);
  if (n < 0) throw new InputError(field, value, "a number >= 0");
  return n;
}

/** Checks a number > 0 (bandwidths, means). */
export function requirePositive(field: string, value: unknown): number {
  const n = requireFinite(field, value);
  if (n <= 0) throw new InputError(field, value, "a number > 0");
  return n;
}

/** Checks a safe, non-negative integer (µs delays, byte counts). */
export function requireNonNegativeInteger(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new InputError(field, value, "a whole number >= 0");
  }
  return value;
}

/** Checks a probability in [0, 1]. */
export function requireRatio(field: string, value: unknown): number {
  const n = requireFinite(field, value);
  if (n < 0 || n > 1) throw new InputError(field, value, "a ratio between 0 and 1");
  return n;
}
