// What a parsed threshold is: a check ("produce p99 < 50 ms during zone-outage") resolved against its scenario —
// the catalogue's metric, the comparison, the limit in the metric's base unit and the stretch of the run it covers.

import type { DecisionArea } from "../report/reportTypes.ts";

/** The comparisons a check may make. */
export const THRESHOLD_OPERATORS = ["<", "<=", ">", ">="] as const;
/** One comparison. */
export type ThresholdOperator = (typeof THRESHOLD_OPERATORS)[number];

/** What a failed threshold means for its area: blocking blocks it, risk is an accepted risk. */
export const THRESHOLD_SEVERITIES = ["blocking", "risk"] as const;
/** One severity. */
export type ThresholdSeverity = (typeof THRESHOLD_SEVERITIES)[number];

/** The stretch of a run a threshold judges: the whole measured run, the measured time before the first fault, or one
 * fault's window [its start, the next later fault's start or the run's end). */
export type ThresholdScope = { kind: "run" } | { kind: "steady" } | { kind: "fault"; index: number; name: string };

/** A threshold of a scenario, checked against the scenario's faults and architectures. */
export interface Threshold {
  /** The check as written. */
  check: string;
  /** Canonical metric id of the catalogue (sim/thresholds/metricCatalogue.ts), e.g. "publishLatency99pct". */
  metric: string;
  operator: ThresholdOperator;
  /** The limit in the base unit of the metric's dimension: µs, bytes, bytes/s, per second, a count, a ratio, USD
   * per month or USD. */
  limit: number;
  scope: ThresholdScope;
  area: DecisionArea;
  severity: ThresholdSeverity;
  /** Names of the architectures it applies to; absent: every architecture. */
  architectures?: string[];
}

/** The label of a scope in reports: "whole run", "steady" or the fault's name. */
export function scopeLabel(scope: ThresholdScope): string {
  return scope.kind === "run" ? "whole run" : scope.kind === "steady" ? "steady" : scope.name;
}
