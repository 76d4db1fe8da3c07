// A cloud price book as plain data: every line a flat or tiered price with its unit, source and date, and the two
// conventions vendors disagree on — how many bytes a "GB" is and how long a month is — as explicit fields, so a
// cost table that only reproduces with GiB and a 30-day month says so in its book rather than in its arithmetic.

import { InputError } from "../errors.ts";

/** Units a price line may be quoted in; "GB" means the book's gigabyte (10^9 or 2^30 bytes). */
export const PRICE_UNITS = [
  "USD/GB",
  "USD/GB-month",
  "USD/1000 requests",
  "USD/hour",
  "USD/month",
  "USD/IOPS-month",
  "USD/MiBps-month",
] as const;

/** One of PRICE_UNITS. */
export type PriceUnit = (typeof PRICE_UNITS)[number];

/** The lines every book carries, each with the unit it must be quoted in. */
export const LINE_UNITS = {
  interZoneTransferOut: "USD/GB",
  interZoneTransferIn: "USD/GB",
  s3StandardStorage: "USD/GB-month",
  s3StandardPut: "USD/1000 requests",
  s3StandardGet: "USD/1000 requests",
  s3StandardDelete: "USD/1000 requests",
  s3ExpressStorage: "USD/GB-month",
  s3ExpressPut: "USD/1000 requests",
  s3ExpressGet: "USD/1000 requests",
  s3ExpressDelete: "USD/1000 requests",
  s3ExpressUpload: "USD/GB",
  s3ExpressRetrieval: "USD/GB",
  ebsGp3Storage: "USD/GB-month",
  ebsGp3Iops: "USD/IOPS-month",
  ebsGp3Throughput: "USD/MiBps-month",
  privateLinkEndpoint: "USD/hour",
  privateLinkData: "USD/GB",
} as const satisfies Record<string, PriceUnit>;

/** Name of a line every book carries. */
export type PriceLineId = keyof typeof LINE_UNITS;

/** Line ids in book order. */
export const PRICE_LINE_IDS = Object.keys(LINE_UNITS) as PriceLineId[];

/** Units an instance may be priced in. */
export const INSTANCE_UNITS = ["USD/hour", "USD/month"] as const;

/** One band of a tiered price: `price` per unit for the quantity up to `upTo` (cumulative; absent on the last). */
export interface PriceTier {
  upTo?: number;
  price: number;
}

/** One priced item: a flat `price` or `tiers`, never both. */
export interface PriceLine {
  price?: number;
  tiers?: PriceTier[];
  unit: PriceUnit;
  /** Quantity given free per resource before the price applies (gp3: 3,000 IOPS, 125 MiB/s), in the line's unit. */
  included?: number;
  /** Where the price comes from: URL or document, and which figure. */
  source: string;
  /** When the source was published or read: YYYY, YYYY-MM, YYYY-MM-DD, or "undated". */
  date: string;
  note?: string;
}

/** How long the book's month is: whole days (30) or hours (730, AWS's monthly convention). */
export type MonthSpec = { days: number; hours?: undefined } | { hours: number; days?: undefined };

/** A validated price book for one provider and region. */
export interface PriceBook {
  provider: string;
  region: string;
  currency: "USD";
  /** What "GB" in every unit means: "GB" = 10^9 bytes (AWS billing), "GiB" = 2^30 bytes. */
  gigabyte: "GB" | "GiB";
  month: MonthSpec;
  about?: string;
  lines: Record<PriceLineId, PriceLine>;
  /** Instance prices by EC2 instance type name. */
  instances: Record<string, PriceLine>;
}

/** Bytes in the book's gigabyte. */
export function bytesPerGigabyte(book: PriceBook): number {
  return book.gigabyte === "GiB" ? 2 ** 30 : 1e9;
}

/** Seconds in the book's month. */
export function monthSeconds(book: PriceBook): number {
  return book.month.days !== undefined ? book.month.days * 86_400 : book.month.hours * 3_600;
}

/** The month as people say it: "30-day month" or "730-hour month". */
export function monthLabel(book: PriceBook): string {
  return book.month.days !== undefined ? `${book.month.days}-day month` : `${book.month.hours}-hour month`;
}

/** Cost of `quantity` units of one resource under a line: the included quantity is free, then flat or tiered. */
export function lineCost(line: PriceLine, quantity: number): number {
  if (!Number.isFinite(quantity) || quantity < 0) throw new InputError("quantity", quantity, "a finite number >= 0");
  const billed = Math.max(0, quantity - (line.included ?? 0));
  if (line.price !== undefined) return billed * line.price;
  let cost = 0;
  let below = 0;
  for (const tier of line.tiers ?? []) {
    const top = tier.upTo ?? Number.POSITIVE_INFINITY;
    if (billed <= below) break;
    cost += (Math.min(billed, top) - below) * tier.price;
    below = top;
  }
  return cost;
}

/** The price line of an instance type; throws InputError naming `instances.<type>` when the book lacks it. */
export function instanceLine(book: PriceBook, instanceType: string): PriceLine {
  const line = Object.prototype.hasOwnProperty.call(book.instances, instanceType) ? book.instances[instanceType] : undefined;
  if (!line) {
    throw new InputError(`instances.${instanceType}`, undefined, `a price for instance type ${instanceType} in the ${book.provider} ${book.region} book (it has ${Object.keys(book.instances).join(", ")})`);
  }
  return line;
}

/** Cost of running one instance for `seconds` under its line (hourly, or a monthly price prorated over the month). */
export function instanceCost(book: PriceBook, line: PriceLine, seconds: number): number {
  if (line.unit === "USD/hour") return lineCost(line, seconds / 3_600);
  return lineCost(line, seconds / monthSeconds(book));
}
