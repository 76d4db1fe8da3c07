// The shape of a sweep's report: a scenario run over a grid of field values × seeds, one row per (grid point,
// seed) in canonical order with each architecture's figures and threshold outcomes, and — once every row is in —
// the aggregate per point × architecture × metric (mean, standard deviation, 95 % Student-t interval) and each
// threshold's pass rate. A shard file is the same shape with a subset of the rows and no aggregates.
// `sweepJsonSchema()` is published as scenarios/sweep.schema.json.

import { z } from "zod";

const number = z.number();
const nullableNumber = z.number().nullable();

/** One figure of the aggregate: over the seeds at a grid point where the run had a value for it. */
export const MetricStatsSchema = z.object({
  metric: z.string().describe("The metric's name (see SweepReport.metrics)."),
  n: number.describe("Seeds with a value (a recovery time is null when the run never recovered)."),
  mean: nullableNumber.describe("Mean over those seeds; null when n = 0."),
  sd: nullableNumber.describe("Sample standard deviation (n − 1 in the denominator); null when n < 2."),
  ciLow: nullableNumber.describe("Lower end of the 95 % confidence interval of the mean, mean − t(0.975, n−1)·sd/√n; null when n < 2."),
  ciHigh: nullableNumber.describe("Upper end of that interval; null when n < 2."),
});

/** A threshold over the seeds at a grid point. */
export const ThresholdStatsSchema = z.object({
  index: number.describe("Position of the threshold in the scenario's list."),
  passes: number,
  n: number.describe("Seeds the threshold was judged on for this architecture."),
  passRate: number.describe("passes / n (0 to 1)."),
  measured: MetricStatsSchema.describe("The measured value over the seeds, in the threshold's unit."),
});

/** One architecture's run at one (point, seed), reduced to the figures the sweep aggregates. */
export const SweepRunSchema = z.object({
  architecture: z.string(),
  stoppedBy: z.string().describe('"end", or "eventBudget" when the run stopped short.'),
  invariantViolations: number,
  metrics: z.array(nullableNumber).describe("Values in the order of SweepReport.metrics; null where the run cannot tell."),
  thresholds: z.array(z.object({ index: number, pass: z.boolean(), measured: nullableNumber, margin: nullableNumber })),
});

/** One (grid point, seed): every architecture's run. */
export const SweepRowSchema = z.object({
  point: number,
  seedIndex: number,
  seed: number,
  runs: z.array(SweepRunSchema),
});

/** One grid point × architecture, over the seeds. */
export const SweepAggregateSchema = z.object({
  point: number,
  architecture: z.string(),
  metrics: z.array(MetricStatsSchema),
  thresholds: z.array(ThresholdStatsSchema),
});

/** Schema of a sweep report (version it when it changes). */
export const SweepReportSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal("sweep"),
  scenario: z.object({
    name: z.string(),
    source: z.string(),
    hash: z.string().describe("scenarioHash of the scenario with --set and --minutes applied, before the grid's values."),
    seed: number.describe("The base seed the seeds are derived from."),
  }),
  architectures: z.array(z.string()).describe("The architectures run, in the scenario's order."),
  vary: z.array(z.object({ path: z.string(), values: z.array(z.string()).describe("As typed; each is read as YAML.") })),
  seeds: z.object({
    count: number,
    rule: z.string().describe("How seed i is derived from the base seed."),
    values: z.array(number),
  }),
  points: z
    .array(z.object({ index: number, values: z.array(z.string()).describe("One per vary entry."), hash: z.string().describe("scenarioHash at this point.") }))
    .describe("The grid in canonical order: the first --vary varies slowest."),
  metrics: z.array(z.object({ name: z.string(), unit: z.string(), description: z.string() })),
  thresholds: z.array(z.object({ index: number, check: z.string(), area: z.string(), severity: z.string(), unit: z.string().describe("Unit of measured values and margins.") })),
  shard: z.object({ index: number.describe("From 1."), count: number }).nullable().describe("Null for a whole sweep (or merged shards)."),
  rows: z.array(SweepRowSchema).describe("Canonical order: by point, then seed; a row r belongs to shard (r mod count) + 1."),
  aggregates: z.array(SweepAggregateSchema).nullable().describe("By point, then architecture; null in a shard file."),
});

/** One figure over the seeds. */
export type MetricStats = z.infer<typeof MetricStatsSchema>;
/** A threshold over the seeds. */
export type ThresholdStats = z.infer<typeof ThresholdStatsSchema>;
/** One architecture's reduced run. */
export type SweepRun = z.infer<typeof SweepRunSchema>;
/** One (grid point, seed). */
export type SweepRow = z.infer<typeof SweepRowSchema>;
/** One point × architecture over the seeds. */
export type SweepAggregate = z.infer<typeof SweepAggregateSchema>;
/** A sweep's report, or one shard of it. */
export type SweepReport = z.infer<typeof SweepReportSchema>;
/** Everything of a sweep report except its rows, shard and aggregates: what every shard of one sweep shares. */
export type SweepDefinition = Omit<SweepReport, "shard" | "rows" | "aggregates">;

/** The JSON Schema of a sweep report (scenarios/sweep.schema.json). */
export function sweepJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(SweepReportSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
  return { $schema: schema.$schema, title: "bytepath sweep report", description: "The output of `bytepath sweep --json` and `bytepath merge --json`.", ...schema };
}
