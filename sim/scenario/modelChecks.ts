// Runs a model's own validation (resolveAutomqConfig, checkDisklessConfig, the storage validators...) at parse
// time and turns its InputError into a scenario issue at the scenario's path, named with the scenario's key.

import { z } from "zod";
import { describeValue, InputError } from "../errors.ts";
import type { KnobTable } from "./knobs.ts";
import { formatPath } from "./scenarioError.ts";
import { RETRY_KNOBS } from "./storageKnobs.ts";

/** Prefix handed to model validators as their path, so their field names can be mapped back. */
export const MODEL_PATH = "§";

type Context = { issues: z.core.$ZodRawIssue[] };

/** Runs `check`; an InputError it throws becomes an issue at basePath + the scenario key of the model field. */
export function runModelCheck<T>(ctx: Context, basePath: Array<string | number>, table: KnobTable<T>, check: () => void): boolean {
  try {
    check();
    return true;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const segments = error.field.replace(new RegExp(`^${MODEL_PATH}\\.?`), "").split(".").filter((s) => s !== "");
    const [first = "", ...rest] = segments;
    const knob = Object.entries(table).find(([, k]) => k.key === first);
    // The retry policy is the one nested table model validators name by its own keys ("retry.baseDelayMicros").
    const nested = first === "retry" ? rest.map((key) => Object.entries(RETRY_KNOBS).find(([, k]) => k.key === key)?.[0] ?? key) : rest;
    const path = [...basePath, ...(knob ? [knob[0]] : segments.length > 0 ? [first] : []), ...nested];
    // The model's text names fields its own way ("§.partitionDurationMicros", "walCacheBytes"): use the file's names.
    const prefix = basePath.length > 0 ? `${formatPath(basePath)}.` : "";
    let expected = error.expected;
    for (const [name, k] of Object.entries(table)) {
      expected = expected.replaceAll(`${MODEL_PATH}.${String(k.key)}`, `${prefix}${name}`).replace(new RegExp(`\\b${String(k.key)}\\b`, "g"), name);
    }
    const format = rest.length === 0 ? knob?.[1].field.format : undefined;
    ctx.issues.push({ code: "custom", message: `must be ${expected} (got ${shown(error.value, format)})`, input: error.value, path });
    return false;
  }
}

/** A model value as the scenario writes it when the knob's formatter accepts it, else as-is. */
function shown(value: unknown, format: ((value: never) => string) | undefined): string {
  if (format === undefined || typeof value !== "number" || !Number.isFinite(value)) return describeValue(value);
  try {
    return (format as (value: number) => string)(value);
  } catch {
    return describeValue(value);
  }
}
