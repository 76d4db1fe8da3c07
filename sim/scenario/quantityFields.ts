// Fields measured in human units — durations, sizes, byte rates, event rates — parsed by sim/quantity.ts into µs,
// bytes and per-second figures. Strings are matched as `<number> <unit>`; nothing reaches an expression evaluator.

import { describeValue } from "../errors.ts";
import { formatByteRate, formatBytes, formatDuration, parseByteRate, parseBytes, parseDuration, parseRatePerSecond } from "../quantity.ts";
import { leafField, Problem, type Field } from "./field.ts";

const NUMBER = String.raw`[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?`;
const UNIT = String.raw`[A-Za-zµμ]+`;
/** Editors' check of a quantity string: a number, then a unit (optionally unit/unit or /unit). */
const QUANTITY_PATTERN = String.raw`^\s*${NUMBER}\s*(${UNIT})?\s*(/\s*${UNIT})?\s*$`;
/** Editors' check of a duration: a number and a unit, which is required. */
const DURATION_PATTERN = String.raw`^\s*${NUMBER}\s*${UNIT}\s*$`;

/** Longest duration accepted anywhere, µs: a year, well past any retention a run would set. */
export const DURATION_MICROS_MAX = 365 * 86_400_000_000;

/** Options of a duration field. */
export interface DurationOptions {
  /** Reject 0 (intervals, timeouts). */
  positive?: boolean;
  /** Accept "off", stored as -1 (the model's "disabled"). */
  off?: boolean;
  /** Largest value, µs (default DURATION_MICROS_MAX). */
  maxMicros?: number;
}

/** A duration such as "250 ms" or "7 d", to whole µs; bare numbers are refused as ambiguous. */
export function durationField(options: DurationOptions = {}): Field<number> {
  const { positive = false, off = false, maxMicros = DURATION_MICROS_MAX } = options;
  const orOff = off ? ` or "off"` : "";
  const json = { type: "string", pattern: off ? `^off$|${DURATION_PATTERN}` : DURATION_PATTERN, examples: ["250 ms", "90 s"] };
  return leafField("duration", json, `a duration such as "90 s"${orOff}`, (value) => {
    if (off && value === "off") return -1;
    if (typeof value === "number") {
      const hint = Number.isFinite(value) && value >= 0 ? `, e.g. "${value} ms" or "${value} s"` : `, e.g. "90 s"`;
      return new Problem(`${describeValue(value)} has no unit (expected a duration${hint}${orOff})`);
    }
    if (typeof value !== "string") return new Problem(`expected a duration such as "90 s"${orOff} (got ${describeValue(value)})`);
    const floor = positive ? "must be at least 1 µs" : "must be >= 0";
    const micros = attempt(() => parseDuration("duration", value));
    if (micros === undefined) return notA(value, "a duration", `e.g. "90 s"${orOff}`, floor);
    if (positive && micros === 0) return new Problem(`${floor} (got ${describeValue(value)})`);
    if (micros > maxMicros) return new Problem(`must be at most ${formatDuration(maxMicros)} (got ${describeValue(value)})`);
    return micros;
  }, (micros) => (micros === -1 ? "off" : formatDuration(micros)));
}

/** Options of a size field. */
export interface BytesOptions {
  positive?: boolean;
  /** Accept "auto", stored as -1 (the model derives the size). */
  auto?: boolean;
  maxBytes?: number;
}

/** A size such as "8 MiB" or a whole number of bytes, to bytes. */
export function bytesField(options: BytesOptions = {}): Field<number> {
  const { positive = false, auto = false, maxBytes = Number.MAX_SAFE_INTEGER } = options;
  const orAuto = auto ? ` or "auto"` : "";
  const json = { type: ["string", "integer"], pattern: auto ? `^auto$|${QUANTITY_PATTERN}` : QUANTITY_PATTERN, examples: ["8 MiB", 16384] };
  return leafField("bytes", json, `a size such as "8 MiB"${orAuto}`, (value) => {
    if (auto && value === "auto") return -1;
    if (typeof value === "number" && Number.isFinite(value) && !Number.isInteger(value)) {
      return new Problem(`${describeValue(value)} is not a whole number of bytes (expected e.g. "8 MiB" or 16384${orAuto})`);
    }
    if (typeof value !== "number" && typeof value !== "string") {
      return new Problem(`expected a size such as "8 MiB"${orAuto} (got ${describeValue(value)})`);
    }
    const floor = positive ? "must be > 0" : "must be >= 0";
    const bytes = attempt(() => parseBytes("size", value));
    if (bytes === undefined) return notA(value, "a size", `e.g. "8 MiB" or a whole number of bytes${orAuto}`, floor);
    if (positive && bytes === 0) return new Problem(`${floor} (got ${describeValue(value)})`);
    if (bytes > maxBytes) return new Problem(`must be at most ${formatBytes(maxBytes)} (got ${describeValue(value)})`);
    return bytes;
  }, (bytes) => (bytes === -1 ? "auto" : formatBytes(bytes)));
}

/** A byte rate such as "100 MiB/s" or "10 Gbps" (a bare number is bytes/s), to bytes/s; > 0. With `none`, "none"
 * means unlimited (Infinity). */
export function byteRateField(options: { none?: boolean } = {}): Field<number> {
  const none = options.none === true;
  const orNone = none ? ` or "none"` : "";
  const json = { type: ["string", "number"], pattern: none ? `^none$|${QUANTITY_PATTERN}` : QUANTITY_PATTERN, examples: ["100 MiB/s", "10 Gbps"] };
  return leafField("byte rate", json, `a byte rate such as "100 MiB/s"${orNone}`, (value) => {
    if (none && value === "none") return Number.POSITIVE_INFINITY;
    if (typeof value !== "number" && typeof value !== "string") {
      return new Problem(`expected a byte rate such as "100 MiB/s"${orNone} (got ${describeValue(value)})`);
    }
    const rate = attempt(() => parseByteRate("rate", value));
    if (rate === undefined) return notA(value, "a byte rate", `e.g. "100 MiB/s" or "10 Gbps"${orNone}`, "must be > 0");
    return byteRateProblem(value, rate) ?? rate;
  }, (rate) => (rate === Number.POSITIVE_INFINITY ? "none" : formatByteRate(rate)));
}

/** Fastest byte rate accepted anywhere, bytes/s: 1 PiB/s. That is about 36 times what the largest cluster a
 * scenario can build could carry (CLIENTS_MAX = 10,000 clients at the client NIC's 25 Gbit/s ≈ 28 TiB/s), so no
 * meaningful scenario is refused; and it keeps every float the model derives from a rate far from overflow — bytes
 * per tick (rate × elapsed µs), byte totals of the longest run (60 days at 1 PiB/s ≈ 5.8e21 B) — where a rate
 * such as 1e308 B/s becomes Infinity in its first product and the run quietly publishes nothing. */
export const BYTE_RATE_MAX = 2 ** 50;

/** The problem with a byte rate above BYTE_RATE_MAX or at 0, or undefined when it is in range. */
export function byteRateProblem(value: unknown, bytesPerSecond: number): Problem | undefined {
  if (bytesPerSecond === 0) return new Problem(`must be > 0 (got ${describeValue(value)})`);
  if (!(bytesPerSecond <= BYTE_RATE_MAX)) return new Problem(`must be at most ${formatByteRate(BYTE_RATE_MAX)} (got ${describeValue(value)})`);
  return undefined;
}

/** An event rate such as "3500/s" or "300/min" (a bare number is per second), to events per second; > 0. */
export function eventRateField(): Field<number> {
  const json = { type: ["string", "number"], pattern: QUANTITY_PATTERN, examples: ["3500/s", 5500] };
  return leafField("per second", json, `a rate such as "3500/s"`, (value) => {
    if (typeof value !== "number" && typeof value !== "string") return new Problem(`expected a rate such as "3500/s" (got ${describeValue(value)})`);
    const rate = attempt(() => parseRatePerSecond("rate", value));
    if (rate === undefined) return notA(value, "a rate", `e.g. "3500/s" or "300/min"`, "must be > 0");
    if (rate === 0) return new Problem(`must be > 0 (got ${describeValue(value)})`);
    return rate;
  }, (rate) => `${rate}/s`);
}

/** Runs a quantity parser; undefined when it rejects the value (its InputError carries a generic field name). */
export function attempt(parse: () => number): number | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

/** The message for a value that does not parse: a negative value gets the field's own lower bound (`floor`, the
 * same words its zero gets), the rest are named as not a quantity. */
function notA(value: string | number, what: string, expected: string, floor: string): Problem {
  const negative = typeof value === "number" ? value < 0 : /^\s*-/.test(value);
  if (negative) return new Problem(`${floor} (got ${describeValue(value)})`);
  return new Problem(`${describeValue(value)} is not ${what} (expected ${expected})`);
}

/** A duration stored as seconds (a float), for the few model fields kept in seconds; > 0. */
export function durationSecondsField(): Field<number> {
  const micros = durationField({ positive: true });
  return { schema: micros.schema.transform((value) => value / 1_000_000), unit: "duration", format: (seconds) => formatDuration(Math.round(seconds * 1_000_000)) };
}
