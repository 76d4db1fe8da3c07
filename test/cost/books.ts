// Price books for the cost tests: the committed AWS us-east-1 book, as JSON and parsed, and the same book with
// the conventions AutoMQ's cost table needs (GiB and a 30-day month).

import { readFileSync } from "node:fs";
import { overridePriceBook, parsePriceBook, type PriceBook } from "../../sim/cost/index.ts";

/** The committed AWS us-east-1 book, as untrusted JSON. */
export function awsBookJson(): Record<string, any> {
  return JSON.parse(readFileSync(new URL("../../scenarios/prices/aws-us-east-1.json", import.meta.url), "utf8"));
}

/** The committed book, validated. */
export function awsBook(): PriceBook {
  return parsePriceBook(awsBookJson(), "aws-us-east-1.json");
}

/** The committed book with GiB and a 30-day month, the only conventions AutoMQ's B0 table reproduces with. */
export function automqConventionsBook(): PriceBook {
  return overridePriceBook(awsBook(), { gigabyte: "GiB", month: { days: 30 } }, "AutoMQ benchmark conventions");
}
