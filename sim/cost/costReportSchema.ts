// The cost report of one run (sim/cost/costReport.ts) as zod schemas: what `bytepath run --json` prints under
// runs[i].cost, every figure with its unit. Closed objects are strict, so a field the interfaces do not have is an
// error; sim/report/scenarioReportSchema.ts checks at compile time that these schemas and the interfaces agree.

import { z } from "zod";
import { BYTE_PATHS, COST_CATEGORIES, type BytePath, type CostCategory } from "./bytePaths.ts";

const usdPerMonth = (what: string) => z.number().describe(`${what}, US dollars per month ($/month).`);

// One strict field per member of a union of names, so a total by category or path lists every one of them.
function totalsBy<K extends string>(names: readonly K[], what: string) {
  const shape = Object.fromEntries(names.map((name) => [name, usdPerMonth(`${what} ${name}`)])) as Record<K, z.ZodNumber>;
  return z.strictObject(shape);
}

/** Schema of a bill category name (CostCategory). */
export const CostCategorySchema = z.enum(COST_CATEGORIES as unknown as [CostCategory, ...CostCategory[]]).describe("The bill category, as vendor cost tables group them.");

/** Schema of a byte path name (BytePath). */
export const BytePathSchema = z
  .enum(BYTE_PATHS as unknown as [BytePath, ...BytePath[]])
  .describe("The byte path that drives the cost: ingest, fan-out, recovery, retained (bytes at rest), or fixed (provisioned whatever moves).");

/** Schema of one line of a bill (CostLine), as a monthly rate. */
export const CostLineSchema = z.strictObject({
  id: z.string().describe('Stable identifier of the line, e.g. "compute.instances" or "crossZone.replication".'),
  label: z.string().describe('What the line bills, for people, e.g. "3 × r6i.xlarge".'),
  category: CostCategorySchema,
  path: BytePathSchema,
  quantity: z.number().describe("Billed quantity in one month at the window's rate, in `unit`."),
  unit: z.string().describe('Unit of quantity, e.g. "instance-hours", "GB-month", "GB", "requests".'),
  priceLines: z.array(z.string()).describe('The price-book entries priced, e.g. "lines.s3StandardPut" or "instances.m7g.4xlarge".'),
  usdPerMonth: usdPerMonth("The line's cost"),
});

/** Schema of the monthly totals of some lines (CostTotals). */
export const CostTotalsSchema = z.strictObject({
  usdPerMonth: usdPerMonth("Sum of the lines"),
  byCategory: totalsBy(COST_CATEGORIES, "Lines of category").describe("Totals by bill category, $/month."),
  byPath: totalsBy(BYTE_PATHS, "Lines on byte path").describe("Totals by byte path, $/month."),
});

/** Schema of how a simulated interval became a month (Extrapolation). */
export const ExtrapolationSchema = z.strictObject({
  simulatedSeconds: z.number().describe("Length of the measured interval, simulated seconds."),
  monthSeconds: z.number().describe("Length of the price book's month, seconds."),
  factor: z.number().describe("monthSeconds / simulatedSeconds (dimensionless)."),
  statement: z.string().describe('E.g. "20 simulated s × 131,400 = 730-hour month".'),
});

/** Schema of one state's cost (StateCost): what a month would cost if the system stayed in that state. */
export const StateCostSchema = z.strictObject({
  name: z.string().describe('The state: "steady", "failure", "recovery", "growth" or "replay".'),
  fromSeconds: z.number().describe("Start of the state, seconds of simulated time."),
  toSeconds: z.number().describe("End of the state, seconds of simulated time."),
  extrapolation: ExtrapolationSchema,
  totals: CostTotalsSchema,
  lines: z.array(CostLineSchema).describe("The state's line items, each a monthly rate."),
});

/** Schema of the cost of one run (CostReport). */
export const CostReportSchema = z.strictObject({
  architecture: z.string().describe("The architecture's name in the scenario."),
  kind: z.string().describe('The architecture kind, e.g. "kafka" or "diskless".'),
  book: z
    .strictObject({
      provider: z.string().describe('E.g. "aws".'),
      region: z.string().describe('E.g. "us-east-1".'),
      gigabyte: z.enum(["GB", "GiB"]).describe("What the book's prices per gigabyte mean: 10⁹ bytes (GB) or 2³⁰ bytes (GiB)."),
      month: z.string().describe('The book\'s month, e.g. "730-hour month".'),
      monthSeconds: z.number().describe("Length of that month, seconds."),
    })
    .describe("The price book the run was billed with."),
  extrapolation: ExtrapolationSchema.describe("Over the whole measured stretch (every state; warm-up excluded)."),
  publishedBytesPerSecond: z.number().describe("Uncompressed bytes per second acknowledged to producers over the measured stretch: the load this bill carries."),
  assumptions: z
    .strictObject({
      instances: z.string().describe('Brokers (or agents) billed, e.g. "3 × r6i.xlarge".'),
      retentionSeconds: z.number().describe("Retention of object-store data, seconds."),
      retentionFrom: z.string().describe("Where the retention came from (cost assumptions, the model's configuration, or Kafka's default)."),
      localRetentionSeconds: z.number().describe("Retention of log volumes, seconds."),
      volumeHeadroomRatio: z.number().describe("Free space on log volumes as a fraction of the retained bytes (0.125: volumes 12.5 % larger)."),
      retainedStoreClasses: z.array(z.string()).describe('Object-store classes whose growth is retained data ("standard", "express").'),
    })
    .describe("Sizing choices the run cannot measure, as resolved for this bill."),
  lines: z.array(CostLineSchema).describe("Line items over the whole measured stretch, each a monthly rate."),
  totals: CostTotalsSchema.describe("Totals of those lines, $/month."),
  states: z.array(StateCostSchema).describe("The bill of each state the run went through, in time order."),
  notes: z.array(z.string()).describe("How the bill was extrapolated, and warnings where a measured figure cannot carry it."),
});
