// The scenario report (sim/report/reportTypes.ts) as zod schemas: what `bytepath run --json` and `bytepath compare
// --json` print, every figure with its unit. Objects are strict, so an extra field is an error, and type-level checks
// at the end fail `tsc` when these schemas and the interfaces drift apart. Published as scenarios/report.schema.json.

import { z } from "zod";
import type { CostLine } from "../cost/costLines.ts";
import type { CostReport, CostTotals, Extrapolation, StateCost } from "../cost/costReport.ts";
import { CostLineSchema, CostReportSchema, CostTotalsSchema, ExtrapolationSchema, StateCostSchema } from "../cost/costReportSchema.ts";
import type { FaultKind } from "../faults/fault.ts";
import { FAULT_KINDS } from "../faults/validateFaults.ts";
import { RunResultSchema } from "../model/result.ts";
import { DECISION_AREAS, SCORECARD_STATES } from "./reportTypes.ts";
import type { FaultMarker, IncidentCost, NarrativeStep, RecoveryReport, RunReport, ScenarioReport, Scorecard, ScorecardCell, SloReport, ThresholdOutcome } from "./reportTypes.ts";

const index = z.number().int().nonnegative();
const seconds = (what: string) => z.number().describe(`${what}, seconds.`);
const secondsAfterStart = (what: string) => z.number().nullable().describe(`Seconds after the fault's start until ${what}; null: not reached before the next fault or the run's end.`);
const count = (what: string) => z.number().describe(`${what} (count).`);
const bytes = (what: string) => z.number().describe(`${what}, bytes.`);

// RunResultSchema strips unknown keys when it parses; here every object in it is made strict, each description kept,
// so an extra field anywhere under runs[i].result is caught as well.
function strictDeep<T extends z.ZodType>(schema: T): T {
  const s: z.ZodType = schema;
  let out: z.ZodType;
  if (s instanceof z.ZodObject) out = z.strictObject(Object.fromEntries(Object.entries(s.shape).map(([key, field]) => [key, strictDeep(field as z.ZodType)])));
  else if (s instanceof z.ZodArray) out = z.array(strictDeep(s.element as z.ZodType));
  else if (s instanceof z.ZodRecord) out = z.record(s.keyType, strictDeep(s.valueType as z.ZodType));
  else if (s instanceof z.ZodOptional) out = strictDeep(s.unwrap() as z.ZodType).optional();
  else if (s instanceof z.ZodNullable) out = strictDeep(s.unwrap() as z.ZodType).nullable();
  else return schema;
  return (s.description === undefined ? out : out.describe(s.description)) as unknown as T;
}

/** Schema of a fault kind name (FaultKind). */
export const FaultKindSchema = z.enum(FAULT_KINDS as unknown as [FaultKind, ...FaultKind[]]).describe("The fault's kind, as in the scenario's faults list.");

/** Schema of a decision area name. */
export const DecisionAreaSchema = z.enum(DECISION_AREAS).describe("A decision area of the production-readiness scorecard.");

/** Schema of how one fault played out in one run (RecoveryReport). */
export const RecoveryReportSchema = z.strictObject({
  index: index.describe("Position of the fault in the scenario's faults list."),
  name: z.string().describe("The fault's name in the scenario (its kind when unnamed)."),
  kind: FaultKindSchema,
  startAtSeconds: seconds("When the fault began, simulated time"),
  endAtSeconds: seconds("When its direct effect ended (start + duration, or the start for an instantaneous fault), simulated time"),
  windowEndAtSeconds: seconds("End of the window these figures cover (the next fault's start or the run's end), simulated time"),
  detectSeconds: secondsAfterStart("the first timeline entry that shows the failure was noticed (an election, fencing, an ISR shrink, an agent gone)"),
  detectedBy: z.string().nullable().describe("That timeline entry's text; null with detectSeconds."),
  offlinePartitionsMax: count("Most partitions without a serving leader at once"),
  offlineSeconds: seconds("How long any partition had no serving leader"),
  underReplicatedPartitionsMax: count("Most partitions below full durability at once"),
  durabilityRestoredSeconds: secondsAfterStart("the under-replicated count last returned to zero"),
  reassignmentCompletedSeconds: secondsAfterStart("every planned partition move finished (scale faults; null for other kinds)"),
  produceErrors: count("Produce errors in the window"),
  produceRetries: count("Produce retries in the window"),
  produceP99MaxMs: z.number().nullable().describe("Worst per-interval produce p99 in the window, ms; null when no interval of the window had a reading."),
  timeToSloSeconds: secondsAfterStart("every later interval's produce p99 was under the SLO"),
  lagBaselineBytes: z.number().nullable().describe("Consumer backlog before the fault (largest of the pre-fault samples), bytes; null without a pre-fault sample."),
  lagMaxBytes: bytes("Peak consumer backlog in the window"),
  lagBackToBaselineSeconds: secondsAfterStart("the backlog was back near its baseline for good"),
  ackedBytesLost: bytes("Uncompressed bytes acknowledged to producers and then lost"),
  ackedRecordsLost: count("Records acknowledged to producers and then lost"),
  recoveryBytes: bytes("Bytes moved to recover (catch-up, re-replication, WAL read-back)"),
  recoveryCrossZoneBytes: bytes("Of those, bytes that crossed zones"),
});

/** Schema of the produce-latency SLO recovery is judged against (SloReport). */
export const SloReportSchema = z.strictObject({
  produceP99Ms: z.number().describe("Produce p99 SLO, ms."),
  source: z.string().describe('"scenario", or how a default was derived (e.g. "2 × this run\'s worst pre-fault interval p99 (…)").'),
});

/** Schema of what the faults added to the bill (IncidentCost). */
export const IncidentCostSchema = z.strictObject({
  usd: z.number().describe("US dollars ($, not per month) the non-steady states cost above the steady rate over their simulated length; negative when cheaper."),
  statement: z.string().describe('E.g. "failure 5 s at +$163/month, recovery 7 s at +$11/month over the steady $614/month".'),
});

/** Schema of one architecture's run, reported (RunReport). */
export const RunReportSchema = z.strictObject({
  schemaVersion: z.literal(1).describe("Version of this shape; it changes when the shape does."),
  architecture: z.string().describe("The architecture's name in the scenario."),
  kind: z.string().describe('The architecture kind, e.g. "kafka", "kafka-tiered", "automq", "diskless".'),
  seed: z.number().describe("The seed the run used."),
  result: strictDeep(RunResultSchema).describe("The run's result (the shape of scenarios/result.schema.json)."),
  slo: SloReportSchema,
  recovery: z.array(RecoveryReportSchema).describe("One entry per fault that began within the run, in the scenario's order."),
  cost: CostReportSchema.describe("The run's bill, every figure a monthly rate."),
  incidentCost: IncidentCostSchema.nullable().describe("Null when the run has no faults, or no steady state to compare against."),
});

/** Schema of one threshold judged on one architecture's run (ThresholdOutcome). */
export const ThresholdOutcomeSchema = z.strictObject({
  index: index.describe("Position of the threshold in the scenario's thresholds list."),
  check: z.string().describe('The threshold as written, e.g. "produce p99 < 50 ms during zone-outage".'),
  architecture: z.string(),
  area: DecisionAreaSchema,
  severity: z.enum(["blocking", "risk"]).describe("blocking: a failure blocks the area; risk: a failure is an accepted risk."),
  metric: z.string().describe('The canonical metric name, e.g. "publishLatency99pct" or "recovery.timeToSloSeconds".'),
  scope: z.string().describe('"whole run", a fault\'s name, or "steady".'),
  operator: z.enum(["<", "<=", ">", ">="]),
  limit: z.number().describe("The limit, in `unit`."),
  measured: z.number().nullable().describe("The measured value, in `unit`; null when the run cannot tell (which fails the threshold)."),
  unit: z.string().describe('Unit of limit, measured and margin, e.g. "ms", "s", "bytes", "$/month".'),
  margin: z.number().nullable().describe("How far inside the limit the value is, in `unit` (negative: outside); null with measured."),
  pass: z.boolean(),
  note: z.string().optional().describe('How the value was read, e.g. "worst 10 s interval in the window", "no recovery within the run".'),
});

/** Schema of one architecture × decision area of the scorecard (ScorecardCell). */
export const ScorecardCellSchema = z.strictObject({
  architecture: z.string(),
  area: DecisionAreaSchema,
  state: z.enum(SCORECARD_STATES),
  reason: z.string().describe("Why: the failed thresholds that decided it, or that all held, or that none covers the area."),
  evidence: z.array(index).describe("Indices into the report's thresholds list."),
});

/** Schema of the production-readiness scorecard (Scorecard). */
export const ScorecardSchema = z.strictObject({
  architectures: z.array(z.string()).describe("In run order."),
  areas: z.array(DecisionAreaSchema).describe("In display order."),
  cells: z.array(ScorecardCellSchema).describe("One per architecture × area, by architecture then area."),
});

/** Schema of a timed teaching step of the narrative (NarrativeStep). */
export const NarrativeStepSchema = z.strictObject({
  atSeconds: seconds("When the step begins, simulated time"),
  title: z.string(),
  text: z.string(),
  watch: z.array(z.string()).describe("Metric names worth watching at this step."),
});

/** Schema of a fault of the scenario's timeline (FaultMarker). */
export const FaultMarkerSchema = z.strictObject({
  index: index.describe("Position of the fault in the scenario's faults list."),
  name: z.string().describe("The fault's name in the scenario (its kind when unnamed)."),
  kind: FaultKindSchema,
  atSeconds: seconds("When the fault begins, simulated time"),
  durationSeconds: z.number().nullable().describe("How long it acts, seconds; null for an instantaneous fault."),
});

/** Schema of a scenario run on every architecture it compares (ScenarioReport). */
export const ScenarioReportSchema = z.strictObject({
  schemaVersion: z.literal(1).describe("Version of this shape; it changes when the shape does."),
  scenario: z.strictObject({
    name: z.string(),
    description: z.string(),
    source: z.string().describe("Where the scenario was read from: a file path or a library name."),
    hash: z.string().describe("A hash of the parsed scenario after overrides (16 hex digits): with the seed, what reproduces the runs."),
    seed: z.number().describe("The seed the runs used."),
    simulatedSeconds: seconds("The longest architecture's warm-up plus test duration, simulated time"),
    faults: z.array(FaultMarkerSchema).describe("The scenario's timeline of faults, in its order."),
    narrative: z.array(NarrativeStepSchema).describe("The scenario's teaching steps, in its order."),
  }),
  runs: z.array(RunReportSchema).describe("One per architecture, in the scenario's order."),
  thresholds: z.array(ThresholdOutcomeSchema).describe("Each threshold judged on each architecture's run."),
  scorecard: ScorecardSchema,
});

/** The JSON Schema (draft 2020-12) of a scenario report: scenarios/report.schema.json. */
export function scenarioReportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioReportSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
  return { $schema: schema.$schema, title: "bytepath scenario report", description: "The output of `bytepath run --json` and `bytepath compare --json`.", ...schema };
}

// Compile-time agreement of each schema with its interface, both ways: a field added, removed, renamed, made optional
// or retyped on either side fails `tsc` on the line of that interface ("'false' does not satisfy the constraint").
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Holds<T extends true> = T;
type _SchemasAgree = [
  Holds<Same<z.infer<typeof CostLineSchema>, CostLine>>,
  Holds<Same<z.infer<typeof CostTotalsSchema>, CostTotals>>,
  Holds<Same<z.infer<typeof ExtrapolationSchema>, Extrapolation>>,
  Holds<Same<z.infer<typeof StateCostSchema>, StateCost>>,
  Holds<Same<z.infer<typeof CostReportSchema>, CostReport>>,
  Holds<Same<z.infer<typeof RecoveryReportSchema>, RecoveryReport>>,
  Holds<Same<z.infer<typeof SloReportSchema>, SloReport>>,
  Holds<Same<z.infer<typeof IncidentCostSchema>, IncidentCost>>,
  Holds<Same<z.infer<typeof RunReportSchema>, RunReport>>,
  Holds<Same<z.infer<typeof ThresholdOutcomeSchema>, ThresholdOutcome>>,
  Holds<Same<z.infer<typeof ScorecardCellSchema>, ScorecardCell>>,
  Holds<Same<z.infer<typeof ScorecardSchema>, Scorecard>>,
  Holds<Same<z.infer<typeof NarrativeStepSchema>, NarrativeStep>>,
  Holds<Same<z.infer<typeof FaultMarkerSchema>, FaultMarker>>,
  Holds<Same<z.infer<typeof ScenarioReportSchema>, ScenarioReport>>,
];
