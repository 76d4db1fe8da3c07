import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../sim/errors.ts";
import {
  QUANTITY_CHARS_MAX,
  formatByteRate,
  formatBytes,
  formatDuration,
  parseByteRate,
  parseBytes,
  parseDuration,
  parseRatePerSecond,
} from "../sim/quantity.ts";

const SECOND = 1_000_000;

describe("parseDuration", () => {
  it.each([
    ["500 us", 500],
    ["500 µs", 500],
    ["500 μs", 500],
    ["250 ms", 250_000],
    ["250ms", 250_000],
    [" 90 s ", 90 * SECOND],
    ["5 min", 300 * SECOND],
    ["1.5 h", 5_400 * SECOND],
    ["1 hour", 3_600 * SECOND],
    ["7 d", 7 * 86_400 * SECOND],
    ["2 days", 2 * 86_400 * SECOND],
    ["1 week", 7 * 86_400 * SECOND],
    ["1.1 s", 1_100_000],
    ["2.5e3 ms", 2_500_000],
    ["0.4 us", 0],
  ])("reads %j as %i µs", (text, micros) => {
    expect(parseDuration("d", text)).toBe(micros);
  });

  it("rejects bare numbers as ambiguous, whether numbers or numeric strings", () => {
    expect(() => parseDuration("broker.flushInterval", 250)).toThrow(
      /^broker\.flushInterval: expected a duration with a unit, such as "250 ms".* \(a bare number is ambiguous\) \(got 250\)$/,
    );
    expect(() => parseDuration("broker.flushInterval", "250")).toThrow(/a bare number is ambiguous/);
  });

  it("rejects units of something else, e.g. metres for minutes", () => {
    expect(() => parseDuration("d", "5 m")).toThrow(/^d: expected a duration with a unit.*\(got "5 m"\)$/);
    expect(() => parseDuration("d", "5 MiB")).toThrow(InputError);
  });

  it("rejects durations beyond 2^53 µs", () => {
    expect(() => parseDuration("d", "1e9 d")).toThrow(/at most 9007199254740991/);
  });
});

describe("parseBytes", () => {
  it.each([
    ["1 B", 1],
    ["512 KiB", 512 * 1024],
    ["8 MiB", 8 * 2 ** 20],
    ["1 GiB", 2 ** 30],
    ["1 TiB", 2 ** 40],
    ["1 KB", 1_000],
    ["1 kB", 1_000],
    ["1 MB", 1e6],
    ["1 GB", 1e9],
    ["2 TB", 2e12],
    ["1 Kb", 125],
    ["8 Mb", 1e6],
    ["1 Gb", 1.25e8],
    ["1.5 KiB", 1_536],
    ["1024", 1_024],
  ])("reads %j as %i bytes", (text, bytes) => {
    expect(parseBytes("size", text)).toBe(bytes);
  });

  it("takes a bare whole number as bytes and refuses a fractional one", () => {
    expect(parseBytes("size", 4_096)).toBe(4_096);
    expect(() => parseBytes("size", 1.5)).toThrow(/bare numbers are whole units/);
  });

  it("refuses millibits and millibytes, which no one means", () => {
    expect(() => parseBytes("size", "100 mb")).toThrow(InputError);
    expect(() => parseBytes("size", "100 mB")).toThrow(InputError);
  });
});

describe("parseByteRate", () => {
  it.each([
    ["100 MiB/s", 100 * 2 ** 20],
    ["1 GiB/s", 2 ** 30],
    ["1.25 GB/s", 1.25e9],
    ["10 Gbps", 1.25e9],
    ["100 Mbps", 1.25e7],
    ["8 Mb/s", 1e6],
    ["100 MBps", 1e8],
    ["1 KB/s", 1_000],
    ["60 MiB/min", 2 ** 20],
    ["1 MiB/ms", 1_000 * 2 ** 20],
  ])("reads %j as %d bytes per second", (text, rate) => {
    expect(parseByteRate("rate", text)).toBe(rate);
  });

  it("names the field, the value and an example when the unit is a size, not a rate", () => {
    expect(() => parseByteRate("workload.producerRate", "100 MiB")).toThrow(
      'workload.producerRate: expected a byte rate such as "100 MiB/s", "1.25 GB/s" or "10 Gbps" (got "100 MiB")',
    );
  });

  it("takes a bare number as bytes per second", () => {
    expect(parseByteRate("rate", 5e8)).toBe(5e8);
  });
});

describe("parseRatePerSecond", () => {
  it.each([
    ["5000/s", 5_000],
    ["5000 / s", 5_000],
    ["300/min", 5],
    ["1/ms", 1_000],
    ["36/h", 0.01],
    ["10 Hz", 10],
  ])("reads %j as %d per second", (text, rate) => {
    expect(parseRatePerSecond("rate", text)).toBe(rate);
  });

  it("takes a bare number as per second and rejects a byte rate", () => {
    expect(parseRatePerSecond("rate", 5_000)).toBe(5_000);
    expect(() => parseRatePerSecond("rate", "5 MiB/s")).toThrow(/^rate: expected a rate such as "5000\/s"/);
  });
});

describe("quantity parsing", () => {
  it.each([
    ["an expression", "1+1 s"],
    ["a product", "2*3 ms"],
    ["a function call", "cos(0) s"],
    ["a unit power", "5 ms^2"],
    ["two units", "5 s s"],
    ["a unit alone", "ms"],
    ["hex", "0x10 ms"],
    ["Infinity", "Infinity ms"],
    ["an overflowing number", "1e400 s"],
    ["a negative number", "-5 s"],
    ["an empty string", ""],
    ["null", null],
    ["an object", { value: 5, unit: "s" }],
    ["a boolean", true],
    ["NaN", Number.NaN],
  ])("rejects %s with an InputError", (_, value) => {
    expect(() => parseDuration("d", value)).toThrow(InputError);
    expect(() => parseBytes("b", value)).toThrow(InputError);
  });

  it(`rejects strings longer than ${QUANTITY_CHARS_MAX} characters before parsing them`, () => {
    const long = `1${"0".repeat(QUANTITY_CHARS_MAX)} ms`;
    expect(() => parseDuration("d", long)).toThrow(InputError);
  });

  it("returns a finite non-negative number or throws InputError for any input (fuzz)", () => {
    const unitish = fc.constantFrom("ms", "s", "µs", "d", "MiB", "KB", "b", "Gbps", "/s", "/min", "MiB/s", "m", "xyz", "");
    const grammarish = fc
      .tuple(fc.oneof(fc.double(), fc.integer(), fc.constant("1e308")), fc.constantFrom("", " ", "  "), unitish)
      .map(([n, space, unit]) => `${n}${space}${unit}`);
    // Characters near the grammar (digits, signs, exponents, unit letters, both micro signs, operators) find more
    // edge cases per draw than arbitrary Unicode, and generate far faster.
    const near = fc.string({ unit: fc.constantFrom(..."0123456789.eE+-/ ^*()µμsmhdBbKMGTiupxy\u0000😀"), maxLength: 80 });
    const anyValue = fc.oneof(near, grammarish, fc.string({ maxLength: 20 }), fc.double(), fc.constantFrom(null, undefined, {}, [], true));
    const parsers: Array<[(field: string, value: unknown) => number, boolean]> = [
      [parseDuration, true],
      [parseBytes, true],
      [parseByteRate, false],
      [parseRatePerSecond, false],
    ];
    // Plain checks rather than expect() per draw: this property runs 8,000 parses and should stay fast.
    fc.assert(
      fc.property(anyValue, (value) => {
        for (const [parse, integer] of parsers) {
          let result: number;
          try {
            result = parse("f", value);
          } catch (error) {
            if (!(error instanceof InputError)) throw error;
            continue;
          }
          if (!(Number.isFinite(result) && result >= 0)) throw new Error(`${parse.name} returned ${result}`);
          if (integer && !Number.isSafeInteger(result)) throw new Error(`${parse.name} returned ${result}, not whole`);
        }
      }),
      { seed: 7, numRuns: 2_000 },
    );
  });
});

describe("formatting", () => {
  it.each([
    [0, "0 B"],
    [512, "512 B"],
    [1_536, "1.5 KiB"],
    [8 * 2 ** 20, "8 MiB"],
    [2 ** 20 - 1, "1 MiB"],
    [1.5 * 2 ** 30, "1.5 GiB"],
  ])("formats %i bytes as %j", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([
    [0, "0 µs"],
    [500, "500 µs"],
    [250_000, "250 ms"],
    [90 * SECOND, "1.5 min"],
    [5_400 * SECOND, "1.5 h"],
    [7 * 86_400 * SECOND, "7 d"],
    [60 * SECOND - 1, "1 min"],
  ])("formats %i µs as %j", (micros, text) => {
    expect(formatDuration(micros)).toBe(text);
  });

  it("formats byte rates with binary units", () => {
    expect(formatByteRate(100 * 2 ** 20)).toBe("100 MiB/s");
  });

  it("parses what it formats back to within its 4 significant digits", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 50 }), (n) => {
        expect(Math.abs(parseDuration("d", formatDuration(n)) - n)).toBeLessThanOrEqual(n * 5e-4 + 0.5);
        expect(Math.abs(parseBytes("b", formatBytes(n)) - n)).toBeLessThanOrEqual(n * 5e-4 + 0.5);
        expect(Math.abs(parseByteRate("r", formatByteRate(n)) - n)).toBeLessThanOrEqual(n * 5e-4);
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it("rejects non-finite values", () => {
    expect(() => formatBytes(Number.NaN)).toThrow(/^bytes: expected a finite number/);
    expect(() => formatDuration(Infinity)).toThrow(InputError);
  });
});
