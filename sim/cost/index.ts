// The cost model's public surface, re-exports only: price books, metering a run, pricing it, rendering the result.

export * from "./priceBook.ts";
export { parsePriceBook, overridePriceBook, type PriceBookOverrides } from "./priceBookSchema.ts";
export { PriceBookError, type PriceBookIssue } from "./priceBookError.ts";
export { meterRun, type MeterAction, type MeterOptions, type RunUsage, type StateMark, type StateWindow } from "./meterRun.ts";
export { readUsage, runFacts, DEFAULT_RETENTION_MICROS, type RunFacts, type UsageReading, type StoreReading, type VolumeReading } from "./runProbe.ts";
export { usageWindow, slopePerSecond, type WindowUsage, type StoreWindow, type VolumeWindow } from "./usageWindow.ts";
export { costLines, type CostLine, type ResolvedAssumptions } from "./costLines.ts";
export { costOfRun, extrapolation, totalsOf, formatNumber, formatDuration, type CostAssumptions, type CostReport, type CostTotals, type Extrapolation, type StateCost } from "./costReport.ts";
export { BYTE_PATHS, COST_CATEGORIES, pathOfFlow, type BytePath, type CostCategory } from "./bytePaths.ts";
export { renderCostMarkdown, renderCostComparisonMarkdown, usd } from "./costMarkdown.ts";
