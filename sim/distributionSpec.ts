// The plain-data description of a distribution (what scenario files hold) and its validation: every kind, its
// fields and their constraints, with errors that name the caller's field path, e.g. "s3.putLatency.sigma".

import { InputError, describeValue } from "./errors.ts";

/** A distribution as plain data, in the caller's unit (µs for latencies, bytes for sizes). */
export type DistributionSpec =
  | { kind: "deterministic"; value: number }
  | { kind: "uniform"; min: number; max: number }
  | { kind: "exponential"; mean: number }
  | { kind: "normal"; mean: number; stddev: number; min?: number; max?: number }
  | { kind: "lognormal"; median: number; sigma: number }
  | { kind: "pareto"; scale: number; shape: number }
  | { kind: "boundedPareto"; min: number; max: number; shape: number }
  | { kind: "empirical"; quantiles: Array<[p: number, value: number]> };

/** Every kind, in the order error messages list them. */
export const DISTRIBUTION_KINDS = [
  "deterministic", "uniform", "exponential", "normal", "lognormal", "pareto", "boundedPareto", "empirical",
] as const;

/** Longest empirical quantile table accepted. */
export const EMPIRICAL_KNOTS_MAX = 10_000;

const FIELDS: Record<DistributionSpec["kind"], readonly string[]> = {
  deterministic: ["value"],
  uniform: ["min", "max"],
  exponential: ["mean"],
  normal: ["mean", "stddev", "min", "max"],
  lognormal: ["median", "sigma"],
  pareto: ["scale", "shape"],
  boundedPareto: ["min", "max", "shape"],
  empirical: ["quantiles"],
};

/** Validates an untrusted spec; returns a fresh copy or throws InputError naming e.g. "s3.putLatency.sigma". */
export function validateDistribution(spec: unknown, field: string): DistributionSpec {
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
    throw new InputError(field, spec, `a distribution object such as { "kind": "exponential", "mean": 5000 }`);
  }
  const record = spec as Record<string, unknown>;
  const kind = record.kind;
  if (typeof kind !== "string" || !Object.hasOwn(FIELDS, kind)) {
    throw new InputError(`${field}.kind`, kind, `one of ${DISTRIBUTION_KINDS.map((k) => `"${k}"`).join(", ")}`);
  }
  const known = FIELDS[kind as DistributionSpec["kind"]];
  for (const key of Object.keys(record)) {
    if (key !== "kind" && !known.includes(key)) {
      throw new InputError(`${field}.${key}`, record[key], `only the fields of a ${kind} distribution: ${known.join(", ")}`);
    }
  }
  const num = (key: string) => finite(`${field}.${key}`, record[key]);
  const positive = (key: string) => atLeast(`${field}.${key}`, num(key), 0, false);
  const nonNegative = (key: string) => atLeast(`${field}.${key}`, num(key), 0, true);
  switch (kind as DistributionSpec["kind"]) {
    case "deterministic":
      return { kind: "deterministic", value: num("value") };
    case "uniform":
      return { kind: "uniform", min: num("min"), max: atLeast(`${field}.max`, num("max"), num("min"), true) };
    case "exponential":
      return { kind: "exponential", mean: positive("mean") };
    case "normal":
      return validateNormal(record, field, num, nonNegative);
    case "lognormal":
      return { kind: "lognormal", median: positive("median"), sigma: nonNegative("sigma") };
    case "pareto":
      return { kind: "pareto", scale: positive("scale"), shape: positive("shape") };
    case "boundedPareto": {
      const min = positive("min");
      return { kind: "boundedPareto", min, max: atLeast(`${field}.max`, num("max"), min, false), shape: positive("shape") };
    }
    case "empirical":
      return { kind: "empirical", quantiles: validateQuantiles(record.quantiles, `${field}.quantiles`) };
  }
}

function validateNormal(
  record: Record<string, unknown>,
  field: string,
  num: (key: string) => number,
  nonNegative: (key: string) => number,
): DistributionSpec {
  const spec: DistributionSpec = { kind: "normal", mean: num("mean"), stddev: nonNegative("stddev") };
  if (record.min !== undefined) spec.min = num("min");
  if (record.max !== undefined) spec.max = num("max");
  if (spec.min !== undefined && spec.max !== undefined) atLeast(`${field}.max`, spec.max, spec.min, true);
  return spec;
}

function validateQuantiles(value: unknown, field: string): Array<[number, number]> {
  const example = `a table like [[0, 800], [0.5, 1000], [0.99, 5000], [1, 20000]] of [p, value] pairs`;
  if (!Array.isArray(value) || value.length < 2 || value.length > EMPIRICAL_KNOTS_MAX) {
    throw new InputError(field, value, `${example}, 2 to ${EMPIRICAL_KNOTS_MAX} rows`);
  }
  const table: Array<[number, number]> = [];
  for (let i = 0; i < value.length; i++) {
    const row: unknown = value[i];
    if (!Array.isArray(row) || row.length !== 2) throw new InputError(`${field}[${i}]`, row, "a [p, value] pair");
    const p = finite(`${field}[${i}][0]`, row[0]);
    const v = finite(`${field}[${i}][1]`, row[1]);
    if (p < 0 || p > 1) throw new InputError(`${field}[${i}][0]`, p, "a probability between 0 and 1");
    if (i > 0 && p < table[i - 1][0]) throw new InputError(`${field}[${i}][0]`, p, `p >= ${table[i - 1][0]} (non-decreasing)`);
    if (i > 0 && v < table[i - 1][1]) throw new InputError(`${field}[${i}][1]`, v, `a value >= ${table[i - 1][1]} (non-decreasing)`);
    table.push([p, v]);
  }
  if (table[0][0] !== 0) throw new InputError(`${field}[0][0]`, table[0][0], "p = 0 in the first row");
  if (table[table.length - 1][0] !== 1) throw new InputError(`${field}[${table.length - 1}][0]`, table[table.length - 1][0], "p = 1 in the last row");
  return table;
}

function finite(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new InputError(field, value, "a finite number");
  return value;
}

function atLeast(field: string, value: number, bound: number, inclusive: boolean): number {
  if (inclusive ? value < bound : value <= bound) throw new InputError(field, value, `a number ${inclusive ? ">=" : ">"} ${bound}`);
  return value;
}

/** Renders a spec for messages and logs, e.g. `lognormal(median=800, sigma=0.5)`. */
export function describeDistribution(spec: DistributionSpec): string {
  const { kind, ...rest } = spec;
  const parts = Object.entries(rest).map(([key, value]) => `${key}=${describeValue(value)}`);
  return `${kind}(${parts.join(", ")})`;
}
