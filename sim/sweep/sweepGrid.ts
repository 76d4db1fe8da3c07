// The grid of a sweep: `--vary path=v1,v2,…` entries multiplied out into points (the first entry varies slowest),
// the seeds derived from the scenario's, the canonical (point, seed) order of rows, and the round-robin share of
// that order a `--shard i/n` runs.

import { InputError } from "../errors.ts";
import { parseFieldPath, parseOverrideValue, type SetOverride } from "../scenario/setOverrides.ts";

/** One varied field and the values it takes, as typed and as read. */
export interface VaryEntry {
  path: string;
  /** Each value as typed, e.g. "200MiB/s". */
  texts: string[];
  /** The overrides that set each value. */
  overrides: SetOverride[];
}

/** Most --vary entries. */
export const VARY_MAX = 8;
/** Most values of one entry. */
export const VALUES_MAX = 1000;
/** Most grid points. */
export const POINTS_MAX = 10_000;
/** Most seeds per point. */
export const SEEDS_MAX = 10_000;
/** Most (point, seed) rows in one sweep. */
export const ROWS_MAX = 1_000_000;

/** The commas of `text` outside brackets, braces and quotes: where a value list splits. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== "") {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") depth++;
    else if ((c === "]" || c === "}") && depth > 0) depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/** Parses one `--vary path=v1,v2,…` (commas inside [ ], { } or quotes do not split); throws InputError. */
export function parseVary(text: string, field = "--vary"): VaryEntry {
  if (typeof text !== "string") throw new InputError(field, text, "path=v1,v2,...");
  const equals = text.indexOf("=");
  if (equals <= 0) throw new InputError(field, text, "path=v1,v2,..., e.g. workload.producerRate=50MiB/s,100MiB/s");
  const path = text.slice(0, equals).trim();
  const steps = parseFieldPath(path, field);
  const texts = splitTopLevel(text.slice(equals + 1));
  if (texts.length > VALUES_MAX) throw new InputError(field, text, `at most ${VALUES_MAX} values`);
  if (texts.some((t) => t === "")) throw new InputError(field, text, "values separated by single commas, none empty");
  if (new Set(texts).size !== texts.length) throw new InputError(field, text, "distinct values (one appears twice)");
  const overrides = texts.map((t) => ({ pathText: path, path: steps, value: parseOverrideValue(t, `${field} ${path}`) }));
  return { path, texts, overrides };
}

/** Checks a list of entries: within bounds and each path varied once. */
export function checkVaryEntries(entries: readonly VaryEntry[]): void {
  if (entries.length > VARY_MAX) throw new InputError("--vary", entries.length, `at most ${VARY_MAX} --vary options`);
  const paths = entries.map((e) => e.path);
  const repeated = paths.find((p, i) => paths.indexOf(p) !== i);
  if (repeated !== undefined) throw new InputError("--vary", repeated, "each path varied once (list all its values in one --vary)");
  const points = entries.reduce((n, e) => n * e.texts.length, 1);
  if (points > POINTS_MAX) throw new InputError("--vary", points, `a grid of at most ${POINTS_MAX} points`);
}

/** The grid's points in canonical order: each point is the value index of every entry, the first varying slowest.
 * No entries give one point with no values. */
export function gridPoints(entries: readonly VaryEntry[]): number[][] {
  let points: number[][] = [[]];
  for (const entry of entries) points = points.flatMap((p) => entry.texts.map((_, v) => [...p, v]));
  return points;
}

/** How seeds are derived, as the report states it. */
export const SEED_RULE = "seed i of N = (base seed + i) mod 2^32, i = 0 … N−1: seed 0 is the scenario's own, and `bytepath run --seed S` reproduces any run";

/** Seed i of a sweep from the base seed (see SEED_RULE). */
export function sweepSeed(baseSeed: number, i: number): number {
  if (!Number.isSafeInteger(baseSeed) || baseSeed < 0 || baseSeed >= 2 ** 32) throw new InputError("seed", baseSeed, "a whole number from 0 to 4294967295");
  if (!Number.isSafeInteger(i) || i < 0) throw new InputError("i", i, "a seed index >= 0");
  return (baseSeed + i) % 2 ** 32;
}

/** A shard: index from 1 to count. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n); throws InputError. */
export function parseShard(text: string, field = "--shard"): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(String(text));
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!(count >= 1 && count <= 10_000 && index >= 1 && index <= count)) throw new InputError(field, text, "i/n with 1 <= i <= n <= 10000, e.g. 2/4");
  return { index, count };
}

/** The canonical row numbers (row r = point × seeds + seed index) a shard runs: r with r mod count = index − 1. */
export function shardRows(points: number, seeds: number, shard: Shard | null): number[] {
  if (!Number.isSafeInteger(points) || points < 1) throw new InputError("points", points, "a whole number >= 1");
  if (!Number.isSafeInteger(seeds) || seeds < 1 || seeds > SEEDS_MAX) throw new InputError("seeds", seeds, `a whole number from 1 to ${SEEDS_MAX}`);
  const total = points * seeds;
  if (total > ROWS_MAX) throw new InputError("rows", total, `at most ${ROWS_MAX} (point, seed) rows`);
  const rows: number[] = [];
  const first = shard === null ? 0 : shard.index - 1;
  const step = shard === null ? 1 : shard.count;
  for (let r = first; r < total; r += step) rows.push(r);
  return rows;
}
