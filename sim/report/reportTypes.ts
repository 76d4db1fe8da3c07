// The report shapes every consumer of a run reads — the CLI's outputs, the worker API, the HTML report and the
// playground: one run's report (result, recovery per fault, cost), and a scenario's (runs, thresholds, scorecard).
// Plain data only, so a report crosses a worker boundary or a JSON file unchanged.

import type { CostReport } from "../cost/costReport.ts";
import type { FaultKind } from "../faults/fault.ts";
import type { RunResultSummary } from "../model/result.ts";

/** The decision areas of the production-readiness scorecard, in display order. */
export const DECISION_AREAS = ["write-path", "read-path", "storage-independence", "network-path", "operations"] as const;
/** One decision area. */
export type DecisionArea = (typeof DECISION_AREAS)[number];

/** The states of a scorecard cell. */
export const SCORECARD_STATES = ["pass", "accepted-risk", "blocked"] as const;
/** One scorecard state. */
export type ScorecardState = (typeof SCORECARD_STATES)[number];

/** How one fault played out in one run; seconds are after the fault's start unless named …AtSeconds; null means
 * "did not happen within the fault's window" (see sim/faults/recoveryMetrics.ts for each definition). */
export interface RecoveryReport {
  index: number;
  /** The fault's name in the scenario (its kind when unnamed). */
  name: string;
  kind: FaultKind;
  startAtSeconds: number;
  endAtSeconds: number;
  windowEndAtSeconds: number;
  detectSeconds: number | null;
  detectedBy: string | null;
  offlinePartitionsMax: number;
  offlineSeconds: number;
  underReplicatedPartitionsMax: number;
  durabilityRestoredSeconds: number | null;
  reassignmentCompletedSeconds: number | null;
  produceErrors: number;
  produceRetries: number;
  /** Worst per-interval produce p99 in the fault's window, ms. */
  produceP99MaxMs: number | null;
  /** Until every later interval's produce p99 was under the SLO. */
  timeToSloSeconds: number | null;
  lagBaselineBytes: number | null;
  lagMaxBytes: number;
  lagBackToBaselineSeconds: number | null;
  ackedBytesLost: number;
  ackedRecordsLost: number;
  recoveryBytes: number;
  recoveryCrossZoneBytes: number;
}

/** The produce-latency SLO recovery is judged against, and where it came from. */
export interface SloReport {
  produceP99Ms: number;
  /** "scenario" or how a default was derived (e.g. "2 × this run's pre-fault p99"). */
  source: string;
}

/** What the faults added to the bill: each non-steady state's extra monthly rate, charged for the state's length. */
export interface IncidentCost {
  /** US dollars the non-steady states cost above the steady rate over their simulated length. */
  usd: number;
  /** E.g. "failure 120 s at +$3,100/month and recovery 60 s at +$800/month over steady". */
  statement: string;
}

/** One architecture's run, reported. */
export interface RunReport {
  schemaVersion: 1;
  architecture: string;
  kind: string;
  seed: number;
  result: RunResultSummary;
  slo: SloReport;
  recovery: RecoveryReport[];
  cost: CostReport;
  /** Null when the run has no steady state to compare against (a fault at the end of warm-up) or no faults. */
  incidentCost: IncidentCost | null;
}

/** One threshold judged on one architecture's run. */
export interface ThresholdOutcome {
  /** Position of the threshold in the scenario's list. */
  index: number;
  /** The threshold as written, e.g. "produce p99 < 50 ms during zone-outage". */
  check: string;
  architecture: string;
  area: DecisionArea;
  /** blocking: a failure blocks the area; risk: a failure is an accepted risk. */
  severity: "blocking" | "risk";
  /** The canonical metric name, e.g. "publishLatency99pct" or "recovery.timeToSloSeconds". */
  metric: string;
  /** "whole run", a fault's name, or "steady". */
  scope: string;
  operator: "<" | "<=" | ">" | ">=";
  /** The limit and the measured value in the metric's unit; measured is null when the run cannot tell (e.g. the
   * fault never recovered within the run, which fails any upper bound on a time). */
  limit: number;
  measured: number | null;
  unit: string;
  /** How far inside the limit the value is, in the unit (negative: outside); null with measured. */
  margin: number | null;
  pass: boolean;
  /** E.g. "worst 10 s interval in the window", "no recovery within the run". */
  note?: string;
}

/** One architecture × decision area. */
export interface ScorecardCell {
  architecture: string;
  area: DecisionArea;
  state: ScorecardState;
  /** Why: the failed thresholds that decided it, or that all held, or that none covers the area. */
  reason: string;
  /** Indices into ScenarioReport.thresholds. */
  evidence: number[];
}

/** The production-readiness scorecard. */
export interface Scorecard {
  architectures: string[];
  areas: DecisionArea[];
  cells: ScorecardCell[];
}

/** A timed teaching step of a scenario's narrative. */
export interface NarrativeStep {
  atSeconds: number;
  title: string;
  text: string;
  /** Metric names worth watching at this step. */
  watch: string[];
}

/** A fault of the scenario's timeline as the report shows it. */
export interface FaultMarker {
  index: number;
  name: string;
  kind: FaultKind;
  atSeconds: number;
  /** Null for instantaneous faults. */
  durationSeconds: number | null;
}

/** A scenario run on every architecture it compares. */
export interface ScenarioReport {
  schemaVersion: 1;
  scenario: {
    name: string;
    description: string;
    source: string;
    /** A hash of the parsed scenario (after overrides): with the seed, what reproduces the runs. */
    hash: string;
    seed: number;
    simulatedSeconds: number;
    faults: FaultMarker[];
    narrative: NarrativeStep[];
  };
  runs: RunReport[];
  thresholds: ThresholdOutcome[];
  scorecard: Scorecard;
}
