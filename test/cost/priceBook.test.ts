import { describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import {
  bytesPerGigabyte,
  instanceCost,
  instanceLine,
  lineCost,
  monthLabel,
  monthSeconds,
  overridePriceBook,
  parsePriceBook,
  PRICE_LINE_IDS,
  PriceBookError,
} from "../../sim/cost/index.ts";
import { awsBook, awsBookJson } from "./books.ts";

describe("price book", () => {
  it("gives every line of the AWS us-east-1 book a price, a unit, a source and a date", () => {
    const book = awsBook();
    for (const id of PRICE_LINE_IDS) {
      const line = book.lines[id];
      expect(line.price !== undefined || line.tiers !== undefined, id).toBe(true);
      expect(line.source.length, id).toBeGreaterThan(20);
      expect(line.date, id).toMatch(/^(\d{4}(-\d{2}(-\d{2})?)?|undated)$/);
    }
    for (const [name, line] of Object.entries(book.instances)) expect(["USD/hour", "USD/month"], name).toContain(line.unit);
    // AWS bills per GB of 10^9 bytes and quotes months of 730 hours (architectures.md C note on GB vs GiB).
    expect([book.gigabyte, monthSeconds(book), monthLabel(book)]).toEqual(["GB", 730 * 3600, "730-hour month"]);
  });

  it("charges a byte crossing zones $0.01 out plus $0.01 in (section 0: effective $0.02/GB)", () => {
    const { lines } = awsBook();
    expect(lineCost(lines.interZoneTransferOut, 1) + lineCost(lines.interZoneTransferIn, 1)).toBeCloseTo(0.02, 12);
  });

  it("prices S3 Standard storage in tiers: 50 TB at $0.023, 450 TB at $0.022, the rest at $0.021", () => {
    const { lines } = awsBook();
    expect(lineCost(lines.s3StandardStorage, 1_000)).toBeCloseTo(23, 9);
    expect(lineCost(lines.s3StandardStorage, 50_000)).toBeCloseTo(1_150, 9);
    expect(lineCost(lines.s3StandardStorage, 600_000)).toBeCloseTo(50_000 * 0.023 + 450_000 * 0.022 + 100_000 * 0.021, 6);
  });

  it("prices S3 Standard requests per 1,000: PUT $0.005, GET $0.0004, DELETE free", () => {
    const { lines } = awsBook();
    expect(lineCost(lines.s3StandardPut, 1_000_000 / 1000)).toBeCloseTo(5, 9);
    expect(lineCost(lines.s3StandardGet, 10_000 / 1000)).toBeCloseTo(0.004, 12);
    expect(lineCost(lines.s3StandardDelete, 1e9)).toBe(0);
  });

  it("prices S3 Express storage, requests and per-GB upload and retrieval; reproduces the FAQ's worked example", () => {
    const { lines } = awsBook();
    expect(lineCost(lines.s3ExpressStorage, 10)).toBeCloseTo(1.1, 9);
    expect(lineCost(lines.s3ExpressPut, 1000)).toBeCloseTo(1.13, 9);
    expect(lineCost(lines.s3ExpressGet, 1000)).toBeCloseTo(0.03, 9);
    expect(lineCost(lines.s3ExpressRetrieval, 100)).toBeCloseTo(0.06, 9);
    // The FAQ: 1,000,000 uploads of 10 KB cost 10 KB / 1,048,576 × 1,000,000 × $0.0032 (its GB is 2^30 bytes).
    const gb = (1_000_000 * 10 * 1024) / 2 ** 30;
    expect(lineCost(lines.s3ExpressUpload, gb)).toBeCloseTo((10 / 1_048_576) * 1_000_000 * 0.0032, 12);
  });

  it("prices gp3 at $0.08 per GB-month, IOPS above 3,000 at $0.005 and MiB/s above 125 at $0.04", () => {
    const { lines } = awsBook();
    expect(lineCost(lines.ebsGp3Storage, 1_000)).toBeCloseTo(80, 9);
    expect(lineCost(lines.ebsGp3Iops, 3_000)).toBe(0);
    expect(lineCost(lines.ebsGp3Iops, 16_000)).toBeCloseTo(13_000 * 0.005, 9);
    expect(lineCost(lines.ebsGp3Throughput, 125)).toBe(0);
    expect(lineCost(lines.ebsGp3Throughput, 1_000)).toBeCloseTo(875 * 0.04, 9);
  });

  it("prices PrivateLink per endpoint-hour and data processed in tiers (1 PB at $0.01, 4 PB at $0.006)", () => {
    const { lines } = awsBook();
    expect(lineCost(lines.privateLinkEndpoint, 730)).toBeCloseTo(7.3, 9);
    expect(lineCost(lines.privateLinkData, 2_000_000)).toBeCloseTo(1_000_000 * 0.01 + 1_000_000 * 0.006, 6);
    expect(lineCost(lines.privateLinkData, 6_000_000)).toBeCloseTo(10_000 + 24_000 + 1_000_000 * 0.004, 6);
  });

  it("bills instances by the hour or by the month: m7g.4xlarge's $476.544/month is $0.6528/h over 730 h", () => {
    const book = awsBook();
    const month = monthSeconds(book);
    expect(instanceCost(book, instanceLine(book, "r6i.xlarge"), 3_600)).toBeCloseTo(0.252, 12);
    expect(instanceCost(book, instanceLine(book, "m5.xlarge"), month)).toBeCloseTo(0.192 * 730, 9);
    expect(instanceCost(book, instanceLine(book, "m7g.4xlarge"), month)).toBeCloseTo(476.544, 9);
    expect(instanceCost(book, instanceLine(book, "m7g.4xlarge"), 3_600)).toBeCloseTo(0.6528, 9);
    expect(() => instanceLine(book, "c7gn.metal")).toThrow(InputError);
    expect(() => instanceLine(book, "c7gn.metal")).toThrow(/instances\.c7gn\.metal/);
  });

  it("makes GB vs GiB and the month's length explicit fields a scenario can override", () => {
    const book = awsBook();
    const automqConventions = overridePriceBook(book, { gigabyte: "GiB", month: { days: 30 } });
    expect([bytesPerGigabyte(book), bytesPerGigabyte(automqConventions)]).toEqual([1e9, 2 ** 30]);
    expect([monthSeconds(automqConventions), monthLabel(automqConventions)]).toEqual([2_592_000, "30-day month"]);
    // A flat price replaces the tiers (and vice versa); everything else of the line is kept.
    const flat = overridePriceBook(book, { lines: { s3StandardStorage: { price: 0.023 } } });
    expect(flat.lines.s3StandardStorage.tiers).toBeUndefined();
    expect(lineCost(flat.lines.s3StandardStorage, 600_000)).toBeCloseTo(13_800, 6);
    expect(flat.lines.s3StandardStorage.source).toBe(book.lines.s3StandardStorage.source);
    const withInstance = overridePriceBook(book, { instances: { "r6i.4xlarge": { price: 1.008, unit: "USD/hour", source: "test", date: "undated" } } });
    expect(instanceLine(withInstance, "r6i.4xlarge").price).toBe(1.008);
  });

  it("rejects a bad book with a PriceBookError naming every faulty line", () => {
    const bad = awsBookJson();
    bad.lines.s3StandardPut.unit = "USD/GB";
    delete bad.lines.ebsGp3Iops;
    bad.lines.s3StandardGett = { price: 1, unit: "USD/1000 requests", source: "typo", date: "2026" };
    bad.lines.s3StandardGet.price = -1;
    bad.lines.interZoneTransferIn.date = "April 2026";
    bad.lines.ebsGp3Storage.tiers = [{ price: 0.08 }];
    bad.gigabyte = "gb";
    bad.month = { days: 30, hours: 720 };
    let error: unknown;
    try {
      parsePriceBook(bad, "bad.json");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PriceBookError);
    const paths = (error as PriceBookError).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining([
      "lines.s3StandardPut.unit",
      "lines.ebsGp3Iops",
      "lines.s3StandardGett",
      "lines.s3StandardGet.price",
      "lines.interZoneTransferIn.date",
      "lines.ebsGp3Storage",
      "gigabyte",
      "month",
    ]));
    expect(String(error)).toMatch(/bad\.json \(8 problems\)/);
    expect(String(error)).toMatch(/lines\.s3StandardPut\.unit: unit of s3StandardPut must be "USD\/1000 requests" \(got "USD\/GB"\)/);
    expect(() => overridePriceBook(awsBook(), { lines: { s3StandardPut: { price: Number.NaN } } }, "scenario")).toThrow(/scenario.*\n  lines\.s3StandardPut\.price/);
    expect(() => lineCost(awsBook().lines.s3StandardPut, -1)).toThrow(InputError);
  });
});
