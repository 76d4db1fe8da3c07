// Thresholds' public surface, re-exports only: the metric catalogue, the check parser and the evaluation.

export { THRESHOLD_OPERATORS, THRESHOLD_SEVERITIES, scopeLabel, type Threshold, type ThresholdOperator, type ThresholdScope, type ThresholdSeverity } from "./threshold.ts";
export { METRICS, findMetric, metricNames, metricScopes, baseUnitsPerDisplayUnit, type Dimension, type Metric, type Reading, type ReadingContext } from "./metricCatalogue.ts";
export { parseCheck, CHECK_CHARS_MAX, type ParsedCheck } from "./parseCheck.ts";
export { evaluateThresholds } from "./evaluateThresholds.ts";
export type { RunWindow } from "./windowReadings.ts";
