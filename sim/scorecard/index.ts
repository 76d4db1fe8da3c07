// The scorecard's public surface, re-exports only: building it from thresholds' outcomes, and its markdown.

export { buildScorecard } from "./scorecard.ts";
export { scorecardMarkdown, thresholdsMarkdown, formatMeasure } from "./scorecardMarkdown.ts";
