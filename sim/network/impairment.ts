// A network impairment: a time window during which a host, a zone, or the cross-zone paths between two zones are
// down, slower, lossy or narrower. Plain data, validated once when added, so a bad scenario fails at load time.

import { InputError, requireFinite, requireNonNegativeInteger, requirePositive, requireRatio } from "../errors.ts";
import type { Micros } from "../units.ts";

/** What an impairment covers: one host, one zone (its hosts and every link touching it), or a zone pair's paths. */
export type ImpairmentScope =
  | { kind: "host"; host: number }
  | { kind: "zone"; zone: number }
  | { kind: "zonePair"; zoneA: number; zoneB: number };

/** A time-indexed degradation; effects given together apply together. */
export interface Impairment {
  scope: ImpairmentScope;
  /** Start of the window, in µs (not before now). */
  fromMicros: Micros;
  /** End of the window, in µs (after fromMicros); Infinity for an impairment that never ends. */
  untilMicros: Micros;
  /** Transfers touching the scope are aborted and new ones fail at once. */
  down?: boolean;
  /** Extra one-way latency for transfers touching the scope, in µs. */
  addedLatencyMicros?: Micros;
  /** Probability each TCP segment is lost, in [0, 1). */
  lossRatio?: number;
  /** Capacity multiplier on the affected links (> 0; 0.5 halves them). */
  bandwidthFactor?: number;
}

/** Checks an impairment against the network's shape and clock; throws InputError naming the bad field. */
export function validateImpairment(impairment: Impairment, hostCount: number, zones: number, nowMicros: Micros): Impairment {
  if (typeof impairment !== "object" || impairment === null) throw new InputError("impairment", impairment, "an object");
  validateScope(impairment.scope, hostCount, zones);
  const from = requireNonNegativeInteger("impairment.fromMicros", impairment.fromMicros);
  if (from < nowMicros) throw new InputError("impairment.fromMicros", from, `a time >= now (${nowMicros} µs)`);
  const until = impairment.untilMicros;
  if (!(until === Number.POSITIVE_INFINITY || (Number.isSafeInteger(until) && until > from))) {
    throw new InputError("impairment.untilMicros", until, `a whole number of µs > fromMicros (${from}), or Infinity`);
  }
  if (impairment.down !== undefined && typeof impairment.down !== "boolean") {
    throw new InputError("impairment.down", impairment.down, "a boolean");
  }
  if (impairment.addedLatencyMicros !== undefined) {
    requireNonNegativeInteger("impairment.addedLatencyMicros", impairment.addedLatencyMicros);
  }
  if (impairment.lossRatio !== undefined) {
    if (requireRatio("impairment.lossRatio", impairment.lossRatio) === 1) {
      throw new InputError("impairment.lossRatio", 1, "a ratio below 1 (use down for a dead path)");
    }
  }
  if (impairment.bandwidthFactor !== undefined) requirePositive("impairment.bandwidthFactor", impairment.bandwidthFactor);
  if (
    impairment.down !== true &&
    impairment.addedLatencyMicros === undefined &&
    impairment.lossRatio === undefined &&
    impairment.bandwidthFactor === undefined
  ) {
    throw new InputError("impairment", impairment, "at least one of down, addedLatencyMicros, lossRatio, bandwidthFactor");
  }
  return impairment;
}

function validateScope(scope: ImpairmentScope, hostCount: number, zones: number): void {
  if (typeof scope !== "object" || scope === null) throw new InputError("impairment.scope", scope, "an object");
  switch (scope.kind) {
    case "host":
      requireIndex("impairment.scope.host", scope.host, hostCount, "a host id");
      return;
    case "zone":
      requireIndex("impairment.scope.zone", scope.zone, zones, "a zone number");
      return;
    case "zonePair":
      requireIndex("impairment.scope.zoneA", scope.zoneA, zones, "a zone number");
      requireIndex("impairment.scope.zoneB", scope.zoneB, zones, "a zone number");
      if (scope.zoneA === scope.zoneB) {
        throw new InputError("impairment.scope.zoneB", scope.zoneB, `a zone other than zoneA (${scope.zoneA})`);
      }
      return;
    default:
      throw new InputError("impairment.scope.kind", (scope as { kind: unknown }).kind, '"host", "zone" or "zonePair"');
  }
}

/** Checks a whole number in [0, count); `what` describes it in the error. */
export function requireIndex(field: string, value: unknown, count: number, what: string): number {
  requireFinite(field, value);
  const n = value as number;
  if (!Number.isInteger(n) || n < 0 || n >= count) {
    throw new InputError(field, value, count > 0 ? `${what} from 0 to ${count - 1}` : `${what} (none exist yet)`);
  }
  return n;
}
