// The `cost` section of a scenario: the bundled price book, changes to its prices (checked against the book, each
// problem at its path) and the sizing assumptions a run cannot measure — retention, local retention, headroom.

import { z } from "zod";
import type { CostAssumptions } from "../cost/costReport.ts";
import { PRICE_LINE_IDS } from "../cost/priceBook.ts";
import { PriceBookError } from "../cost/priceBookError.ts";
import { overridePriceBook, type PriceBookOverrides } from "../cost/priceBookSchema.ts";
import { describeValue } from "../errors.ts";
import { defaultPriceBook } from "../report/runSession.ts";
import { enumField, numberField } from "./basicFields.ts";
import { didYouMean } from "./didYouMean.ts";
import { durationField } from "./quantityFields.ts";
import { PRICE_BOOK_NAMES, type ScenarioCost } from "./scenario.ts";

/** The keys of `cost.prices` (PriceBookOverrides). */
const PRICE_KEYS = ["gigabyte", "month", "lines", "instances"] as const;

/** Largest volume headroom accepted: ten times the retained bytes is already far past any sizing rule. */
export const VOLUME_HEADROOM_MAX = 10;

/** `cost.prices`: changes to the book's lines, instances or conventions, checked by applying them to the book. */
function pricesField(): z.ZodType<PriceBookOverrides> {
  const json = {
    type: "object",
    properties: { gigabyte: { enum: ["GB", "GiB"] }, month: { type: "object" }, lines: { type: "object", propertyNames: { enum: [...PRICE_LINE_IDS] } }, instances: { type: "object" } },
    additionalProperties: false,
    description: "Changes to the price book, e.g. { lines: { interZoneTransferOut: { price: 0.01 } } }.",
  };
  return z
    .unknown()
    .transform((value, ctx) => {
      const fail = (path: Array<string | number>, message: string) => {
        ctx.issues.push({ code: "custom", message, input: value, path });
        return z.NEVER;
      };
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return fail([], `expected an object of price changes such as { lines: { interZoneTransferOut: { price: 0.01 } } } (got ${describeValue(value)})`);
      }
      const unknown = Object.keys(value).filter((key) => !(PRICE_KEYS as readonly string[]).includes(key));
      if (unknown.length > 0) {
        for (const key of unknown) fail([key], `unknown field (${suggest(key, PRICE_KEYS) ?? `expected one of ${PRICE_KEYS.join(", ")}`})`);
        return z.NEVER;
      }
      try {
        overridePriceBook(defaultPriceBook(), value as PriceBookOverrides, "cost.prices");
      } catch (error) {
        if (!(error instanceof PriceBookError)) throw error;
        const book = defaultPriceBook();
        for (const issue of error.issues) {
          const path = issue.path.split(/\.|\[(\d+)\]/).filter((part) => part !== undefined && part !== "").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
          const known = path[0] === "lines" ? PRICE_LINE_IDS : path[0] === "instances" ? Object.keys(book.instances) : [];
          const message = issue.message.startsWith("unknown key") && path.length === 2 ? `unknown ${path[0] === "lines" ? "price line" : "field"}${hintFor(String(path[1]), known)}` : issue.message;
          fail(path, message);
        }
        return z.NEVER;
      }
      return structuredClone(value) as PriceBookOverrides;
    })
    .meta(json);
}

function suggest(key: string, known: readonly string[]): string | undefined {
  const near = didYouMean(key, known);
  return near === undefined ? undefined : `did you mean ${near}?`;
}

function hintFor(key: string, known: readonly string[]): string {
  const near = suggest(key, known);
  return near === undefined ? "" : ` (${near})`;
}

/** The `cost` object, to ScenarioCost. */
export function costField(): z.ZodType<ScenarioCost> {
  const describe = <T extends z.ZodType>(schema: T, description: string) => schema.meta({ description });
  return z
    .strictObject({
      priceBook: describe(enumField(PRICE_BOOK_NAMES).schema, "A bundled price book (scenarios/prices/<name>.json).").optional(),
      prices: pricesField().optional(),
      retention: describe(durationField({ positive: true }).schema, "Retention of object-store data (default: the model's retention.ms, else 7 d).").optional(),
      localRetention: describe(durationField({ positive: true }).schema, "Retention of log volumes (default: tiered storage's local retention, else retention).").optional(),
      volumeHeadroom: describe(numberField(0, VOLUME_HEADROOM_MAX, { unit: "ratio" }).schema, "Free space on log volumes as a fraction of retained bytes (0.125: 12.5% larger).").optional(),
    })
    .transform((values): ScenarioCost => {
      const assumptions: CostAssumptions = {};
      if (values.retention !== undefined) assumptions.retentionMicros = values.retention;
      if (values.localRetention !== undefined) assumptions.localRetentionMicros = values.localRetention;
      if (values.volumeHeadroom !== undefined) assumptions.volumeHeadroomRatio = values.volumeHeadroom;
      const cost: ScenarioCost = { priceBook: values.priceBook ?? PRICE_BOOK_NAMES[0], assumptions };
      if (values.prices !== undefined) cost.prices = values.prices;
      return cost;
    });
}

/** The cost section of a scenario without one. */
export function defaultCost(): ScenarioCost {
  return { priceBook: PRICE_BOOK_NAMES[0], assumptions: {} };
}
