// Metrics for simulated runs: histograms, time-weighted gauges and per-interval series. Re-exports only.

export { Histogram, LOWEST_TRACKED_VALUE, percentileRank, type HistogramData, type LatencySummary } from "./histogram.ts";
export { TimeWeightedGauge } from "./timeWeightedGauge.ts";
export { IntervalSeries, INTERVALS_MAX, intervalIndex, requireIntervalMicros, type IntervalSnapshot } from "./intervalSeries.ts";
export { IntervalHistograms, type IntervalHistogramOptions } from "./intervalHistograms.ts";
