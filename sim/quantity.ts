// Human units in scenario files ("250 ms", "8 MiB", "100 MiB/s", "5000/s") parsed to internal units (µs, bytes,
// per second), and formatted back for people. Strings are matched as `<number> <unit>` first; only the unit part
// reaches mathjs, as a unit (never as an expression), in a private instance created on first use.

import type { MathJsInstance, Unit } from "mathjs";
// The single-file build: importing it takes ~0.14 s in Node against ~1.4 s for the ESM entry's ≈1,260 modules,
// a cost every CLI run, worker and test file touching scenarios would pay. Same library, same API.
import mathjs from "mathjs/lib/browser/math.js";
import { InputError } from "./errors.ts";
import type { Bytes, Micros } from "./units.ts";

/** Longest string accepted: nothing human-written is longer, and a cap keeps every parse fast. */
export const QUANTITY_CHARS_MAX = 64;

// A number (JS syntax, no hex or Infinity), optional spaces, then a unit: a word, a word / word, or / word.
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-zµμ]*)\s*(?:\/\s*([A-Za-zµμ]+))?$/;
// mathjs's parser knows only ASCII letters, so both micro signs (U+00B5, U+03BC) become "u".
const MICRO = /[µμ]/g;

interface QuantityKind {
  /** What the value must measure, as a mathjs unit that is also the unit returned. */
  target: string;
  expected: string;
  /** What a number without a unit means: refused, or already in the target unit (whole, for integer kinds). */
  bare: "reject" | "accept";
  /** Integer kinds (µs, bytes) round to the nearest whole unit; rates stay floats. */
  integer: boolean;
}

const DURATION: QuantityKind = {
  target: "us",
  expected: `a duration with a unit, such as "250 ms", "90 s", "1.5 h" or "7 d"`,
  bare: "reject",
  integer: true,
};
const BYTES: QuantityKind = {
  target: "B",
  expected: `a size such as "8 MiB", "1 GB", "512 KiB" or a whole number of bytes`,
  bare: "accept",
  integer: true,
};
const BYTE_RATE: QuantityKind = {
  target: "B/s",
  expected: `a byte rate such as "100 MiB/s", "1.25 GB/s" or "10 Gbps"`,
  bare: "accept",
  integer: false,
};
const RATE: QuantityKind = {
  target: "s^-1",
  expected: `a rate such as "5000/s" or "300/min"`,
  bare: "accept",
  integer: false,
};

/** Parses a duration like "250 ms", "7 d", "500 µs" to whole µs; bare numbers are rejected as ambiguous. */
export function parseDuration(field: string, value: unknown): Micros {
  return parseQuantity(field, value, DURATION);
}

/** Parses a size like "8 MiB", "1 GB" (decimal), "512 KiB" (binary) to whole bytes; a bare number is bytes. */
export function parseBytes(field: string, value: unknown): Bytes {
  return parseQuantity(field, value, BYTES);
}

/** Parses a byte rate like "100 MiB/s", "1.25 GB/s", "10 Gbps" (bits) to bytes per second; a bare number is B/s. */
export function parseByteRate(field: string, value: unknown): number {
  return parseQuantity(field, value, BYTE_RATE);
}

/** Parses an event rate like "5000/s" or "300/min" to events per second; a bare number is per second. */
export function parseRatePerSecond(field: string, value: unknown): number {
  return parseQuantity(field, value, RATE);
}

function parseQuantity(field: string, value: unknown, kind: QuantityKind): number {
  const ambiguous = `${kind.expected} (a bare number is ambiguous)`;
  let amount: number;
  let bare = true;
  if (typeof value === "number") {
    amount = value;
  } else if (typeof value === "string" && value.length <= QUANTITY_CHARS_MAX) {
    const match = QUANTITY.exec(value.trim());
    if (match === null) throw new InputError(field, value, kind.expected);
    const [, numberText, numerator, denominator] = match;
    amount = Number(numberText);
    if (numerator !== "" || denominator !== undefined) {
      bare = false;
      const unitText = `${numerator}${denominator === undefined ? "" : `/${denominator}`}`.replace(MICRO, "u");
      const factor = conversionFactor(unitText, kind);
      if (factor === undefined) throw new InputError(field, value, kind.expected);
      amount *= factor;
    }
  } else {
    throw new InputError(field, value, kind.expected);
  }
  if (bare && kind.bare === "reject") throw new InputError(field, value, ambiguous);
  if (!Number.isFinite(amount) || amount < 0) throw new InputError(field, value, `${kind.expected}, finite and >= 0`);
  if (!kind.integer) return snapRate(amount) + 0; // + 0 turns -0 into 0
  // A bare count is taken literally, so it must already be whole; with a unit, rounding is the conversion.
  if (bare && !Number.isInteger(amount)) throw new InputError(field, value, `${kind.expected} (bare numbers are whole units)`);
  const rounded = Math.round(amount);
  if (!Number.isSafeInteger(rounded)) throw new InputError(field, value, `${kind.expected}, at most ${Number.MAX_SAFE_INTEGER}`);
  return rounded + 0;
}

/** Rates are floats by design; 12 significant digits drop the conversion noise (5.000000000000001 → 5). */
function snapRate(value: number): number {
  return Number(value.toPrecision(12));
}

// ---- the private mathjs instance --------------------------------------------------------------------------------

let unitMath: MathJsInstance | undefined;
// Factors per (target, unit text), so repeated fields cost one Map lookup. Bounded: past the cap we just parse.
const factorCache = new Map<string, number | undefined>();
const FACTOR_CACHE_MAX = 512;

/** How many target units one `unitText` is, or undefined if mathjs does not know it or it measures something else. */
function conversionFactor(unitText: string, kind: QuantityKind): number | undefined {
  const key = `${kind.target} ${unitText}`;
  if (factorCache.has(key)) return factorCache.get(key);
  const factor = computeFactor(unitText, kind);
  if (factorCache.size < FACTOR_CACHE_MAX) factorCache.set(key, factor);
  return factor;
}

function computeFactor(unitText: string, kind: QuantityKind): number | undefined {
  const math = getUnitMath();
  let unit: Unit;
  try {
    unit = math.Unit.parse(`1 ${unitText}`);
  } catch {
    return undefined;
  }
  if (!unit.equalBase(math.Unit.parse(`1 ${kind.target}`))) return undefined;
  // "100 mb" would be millibits: nobody means that, so sub-unit prefixes on bits and bytes are refused.
  for (const component of unit.units) {
    const prefix = component.prefix as unknown as { value: number };
    if (DATA_UNITS.has(component.unit.name) && prefix.value < 1) return undefined;
  }
  const factor = unit.toNumber(kind.target);
  return Number.isFinite(factor) && factor > 0 ? factor : undefined;
}

const DATA_UNITS = new Set(["b", "B", "bits", "bytes", "bps", "Bps", "KB", "MB", "GB", "TB", "PB", "Kb", "Kbps", "KBps"]);

/** Creates the unit-only mathjs instance once, on first use, and adds the units mathjs lacks. */
function getUnitMath(): MathJsInstance {
  if (unitMath !== undefined) return unitMath;
  const { create, createUnitDependencies, unitDependencies } = mathjs;
  const math = create({ createUnitDependencies, unitDependencies }, {});
  const missing: Record<string, string | { definition: string; prefixes: string }> = {
    d: "1 day",
    // Decimal sizes with an upper-case K, as storage vendors write them (mathjs has only kB).
    KB: "1000 B",
    Kb: "1000 b",
    // Bits and bytes per second, with SI prefixes: "10 Gbps", "100 MBps".
    bps: { definition: "1 b/s", prefixes: "short" },
    Bps: { definition: "1 B/s", prefixes: "short" },
    Kbps: "1000 b/s",
    KBps: "1000 B/s",
  };
  for (const [name, definition] of Object.entries(missing)) {
    if (!math.Unit.isValuelessUnit(name)) math.createUnit(name, definition);
  }
  unitMath = math;
  return math;
}

// ---- formatting -------------------------------------------------------------------------------------------------

const BYTE_UNITS: Array<[string, number]> = [
  ["EiB", 2 ** 60], ["PiB", 2 ** 50], ["TiB", 2 ** 40], ["GiB", 2 ** 30], ["MiB", 2 ** 20], ["KiB", 2 ** 10], ["B", 1],
];
const DURATION_UNITS: Array<[string, number]> = [
  ["d", 86_400_000_000], ["h", 3_600_000_000], ["min", 60_000_000], ["s", 1_000_000], ["ms", 1_000], ["µs", 1],
];

/** Formats bytes with binary units and up to 4 significant digits, e.g. "8 MiB", "1.5 GiB", "512 B". */
export function formatBytes(bytes: Bytes): string {
  return formatScaled("bytes", bytes, BYTE_UNITS, "");
}

/** Formats µs with the largest fitting unit and up to 4 significant digits, e.g. "250 ms", "1.5 h", "7 d". */
export function formatDuration(micros: Micros): string {
  return formatScaled("micros", micros, DURATION_UNITS, "");
}

/** Formats bytes per second with binary units, e.g. "100 MiB/s". */
export function formatByteRate(bytesPerSecond: number): string {
  return formatScaled("bytesPerSecond", bytesPerSecond, BYTE_UNITS, "/s");
}

function formatScaled(field: string, value: number, units: Array<[string, number]>, suffix: string): string {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new InputError(field, value, "a finite number");
  const magnitude = Math.abs(value);
  for (let i = 0; i < units.length; i++) {
    const [name, size] = units[i];
    if (magnitude < size && i < units.length - 1) continue;
    const shown = Number((magnitude / size).toPrecision(4));
    // 1023.97 KiB rounds to 1024 KiB; say 1 MiB instead.
    if (i > 0 && shown * size >= units[i - 1][1]) return `${value < 0 ? "-" : ""}1 ${units[i - 1][0]}${suffix}`;
    return `${value < 0 ? "-" : ""}${shown} ${name}${suffix}`;
  }
  throw new InputError(field, value, "a number in range"); // unreachable: the last unit always fits
}
