// Validation of price books and of a scenario's overrides of them: one strict zod schema, every issue collected and
// reported with the path of the line it concerns (`lines.ebsGp3Iops.unit: expected "USD/IOPS-month" ...`).

import { z } from "zod";
import { describeValue } from "../errors.ts";
import { INSTANCE_UNITS, LINE_UNITS, PRICE_LINE_IDS, PRICE_UNITS, type PriceBook, type PriceLine, type PriceLineId } from "./priceBook.ts";
import { PriceBookError, type PriceBookIssue } from "./priceBookError.ts";

const DATE = /^(\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?|undated)$/;

const amount = (what: string) =>
  z.number({ error: (issue) => `${what} must be a finite number (got ${describeValue(issue.input)})` })
    .refine((x) => Number.isFinite(x) && x >= 0, { error: (issue) => `${what} must be a number >= 0 (got ${describeValue(issue.input)})` });

const tierSchema = z.strictObject({ upTo: amount("upTo").optional(), price: amount("price") });

const lineSchema = z
  .strictObject({
    price: amount("price").optional(),
    tiers: z.array(tierSchema).min(1, { error: "tiers must list at least one tier" }).optional(),
    unit: z.enum(PRICE_UNITS, { error: (issue) => `unit must be one of ${PRICE_UNITS.map((u) => `"${u}"`).join(", ")} (got ${describeValue(issue.input)})` }),
    included: amount("included").optional(),
    source: z.string({ error: "source must name where the price comes from" }).min(1, { error: "source must name where the price comes from" }),
    date: z.string({ error: `date must be YYYY, YYYY-MM, YYYY-MM-DD or "undated"` }).regex(DATE, { error: (issue) => `date must be YYYY, YYYY-MM, YYYY-MM-DD or "undated" (got ${describeValue(issue.input)})` }),
    note: z.string().optional(),
  })
  .superRefine((line, ctx) => {
    if ((line.price === undefined) === (line.tiers === undefined)) {
      ctx.addIssue({ code: "custom", message: "give exactly one of price (flat) or tiers", path: [] });
      return;
    }
    const tiers = line.tiers ?? [];
    tiers.forEach((tier, i) => {
      const last = i === tiers.length - 1;
      if (last && tier.upTo !== undefined) ctx.addIssue({ code: "custom", message: "the last tier must have no upTo (it covers everything above)", path: ["tiers", i, "upTo"] });
      if (!last && tier.upTo === undefined) ctx.addIssue({ code: "custom", message: "every tier but the last needs upTo", path: ["tiers", i, "upTo"] });
      const previous = i > 0 ? tiers[i - 1].upTo : 0;
      if (!last && tier.upTo !== undefined && previous !== undefined && tier.upTo <= previous) {
        ctx.addIssue({ code: "custom", message: `upTo must grow from tier to tier (got ${tier.upTo} after ${previous})`, path: ["tiers", i, "upTo"] });
      }
    });
  });

const linesSchema = z.strictObject(
  Object.fromEntries(PRICE_LINE_IDS.map((id) => [id, lineSchema.refine((line) => line.unit === LINE_UNITS[id], {
    error: (issue) => `unit of ${id} must be "${LINE_UNITS[id]}" (got ${describeValue((issue.input as PriceLine).unit)})`,
    path: ["unit"],
  })])) as Record<PriceLineId, typeof lineSchema>,
);

const instanceSchema = lineSchema.refine((line) => (INSTANCE_UNITS as readonly string[]).includes(line.unit), {
  error: (issue) => `an instance is priced in ${INSTANCE_UNITS.map((u) => `"${u}"`).join(" or ")} (got ${describeValue((issue.input as PriceLine).unit)})`,
  path: ["unit"],
});

const monthSchema = z
  .strictObject({ days: amount("days").optional(), hours: amount("hours").optional() })
  .refine((m) => (m.days === undefined) !== (m.hours === undefined), { error: "give exactly one of days or hours" })
  .refine((m) => (m.days ?? m.hours ?? 0) > 0, { error: "a month must last more than zero" });

const bookSchema = z.strictObject({
  provider: z.string().min(1),
  region: z.string().min(1),
  currency: z.literal("USD", { error: (issue) => `only "USD" books are supported (got ${describeValue(issue.input)})` }),
  gigabyte: z.enum(["GB", "GiB"], { error: (issue) => `gigabyte must be "GB" (10^9 bytes) or "GiB" (2^30 bytes) (got ${describeValue(issue.input)})` }),
  month: monthSchema,
  about: z.string().optional(),
  lines: linesSchema,
  instances: z.record(z.string().min(1), instanceSchema),
});

/** Parses untrusted data into a PriceBook; throws PriceBookError listing every problem with its path. */
export function parsePriceBook(input: unknown, source = "<inline>"): PriceBook {
  const result = bookSchema.safeParse(input);
  if (!result.success) throw new PriceBookError(source, issuesOf(result.error));
  return result.data as PriceBook;
}

/** What a scenario may change in a book: the conventions, and any line or instance, in whole or in part. */
export interface PriceBookOverrides {
  gigabyte?: "GB" | "GiB";
  month?: { days: number } | { hours: number };
  lines?: Partial<Record<PriceLineId, Partial<PriceLine>>>;
  instances?: Record<string, Partial<PriceLine>>;
}

/** A copy of the book with overrides applied, validated again (errors name the overridden line). A line given a
 * flat price loses its tiers and vice versa. */
export function overridePriceBook(book: PriceBook, overrides: PriceBookOverrides, source = "<overrides>"): PriceBook {
  if (typeof overrides !== "object" || overrides === null) {
    throw new PriceBookError(source, [{ path: "(overrides)", message: `expected an object of overrides (got ${describeValue(overrides)})` }]);
  }
  const merged: Record<string, unknown> = { ...book, ...overrides, lines: mergeLines(book.lines, overrides.lines), instances: mergeLines(book.instances, overrides.instances) };
  if (overrides.month) merged.month = { ...overrides.month };
  return parsePriceBook(merged, source);
}

function mergeLines(base: Record<string, PriceLine>, changes: Record<string, Partial<PriceLine>> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [id, change] of Object.entries(changes ?? {})) {
    const previous = Object.prototype.hasOwnProperty.call(base, id) ? base[id] : undefined;
    if (typeof change !== "object" || change === null) {
      out[id] = change;
      continue;
    }
    const line: Record<string, unknown> = { ...previous, ...change };
    if (change.price !== undefined && change.tiers === undefined) delete line.tiers;
    if (change.tiers !== undefined && change.price === undefined) delete line.price;
    out[id] = line;
  }
  return out;
}

function issuesOf(error: z.ZodError): PriceBookIssue[] {
  const issues: PriceBookIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) issues.push({ path: path === "" ? key : `${path}.${key}`, message: "unknown key (a typo?)" });
      continue;
    }
    const missing = issue.code === "invalid_type" && issue.input === undefined;
    issues.push({ path: path || "(book)", message: missing ? "missing" : issue.message });
  }
  return issues;
}
