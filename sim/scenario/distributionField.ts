// A latency distribution written with durations: { kind: lognormal, median: "2 ms", sigma: 0.5 } becomes the
// model's DistributionSpec in µs, then passes the same validation the samplers use (min <= max, ordered quantiles).

import { z } from "zod";
import { EMPIRICAL_KNOTS_MAX, validateDistribution, type DistributionSpec } from "../distributionSpec.ts";
import { describeValue, InputError } from "../errors.ts";
import { formatDuration } from "../quantity.ts";
import { numberField } from "./basicFields.ts";
import type { Field } from "./field.ts";
import { durationField } from "./quantityFields.ts";

/** Fields of a spec that are not durations: shapes, sigmas and probabilities. */
const PLAIN_NUMBERS = new Set(["sigma", "shape"]);

/** A latency distribution in durations, to a DistributionSpec in µs. */
export function latencyDistributionField(): Field<DistributionSpec> {
  const time = durationField().schema;
  const positiveTime = durationField({ positive: true }).schema;
  const spread = numberField(0, 100).schema;
  const shape = numberField(0, 100, { minExclusive: true }).schema;
  const probability = numberField(0, 1).schema;
  const schema = z
    .discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("deterministic"), value: time }),
      z.strictObject({ kind: z.literal("uniform"), min: time, max: time }),
      z.strictObject({ kind: z.literal("exponential"), mean: positiveTime }),
      z.strictObject({ kind: z.literal("normal"), mean: time, stddev: time, min: time.optional(), max: time.optional() }),
      z.strictObject({ kind: z.literal("lognormal"), median: positiveTime, sigma: spread }),
      z.strictObject({ kind: z.literal("pareto"), scale: positiveTime, shape }),
      z.strictObject({ kind: z.literal("boundedPareto"), min: positiveTime, max: positiveTime, shape }),
      z.strictObject({ kind: z.literal("empirical"), quantiles: z.array(z.tuple([probability, time])).min(2).max(EMPIRICAL_KNOTS_MAX) }),
    ])
    .transform((spec, ctx) => {
      try {
        return validateDistribution(spec, "§");
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const path = pathOf(error.field);
        const key = path.filter((part) => typeof part === "string").pop() ?? "";
        // validateDistribution speaks µs; time-valued fields are shown as durations, as the file writes them.
        const isTime = !PLAIN_NUMBERS.has(key) && path[path.length - 1] !== 0;
        const shown = typeof error.value === "number" && isTime ? formatDuration(error.value) : describeValue(error.value);
        const expected = isTime ? error.expected.replace(/^a number (?=[<>])/, "").replace(/(>=?|<=?) (\d+(?:\.\d+)?)(?!\d)/g, (_, op: string, n: string) => `${op} ${formatDuration(Number(n))}`) : error.expected;
        ctx.issues.push({ code: "custom", message: `must be ${expected} (got ${shown})`, input: error.value, path });
        return z.NEVER;
      }
    })
    .meta({ examples: [{ kind: "lognormal", median: "2 ms", sigma: 0.5 }] });
  return { schema, unit: "distribution", format: formatDistribution };
}

/** "§.quantiles[2][1]" (the field name validateDistribution builds) → ["quantiles", 2, 1]. */
function pathOf(field: string): Array<string | number> {
  const path: Array<string | number> = [];
  for (const match of field.replace(/^§\.?/, "").matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    path.push(match[2] !== undefined ? Number(match[2]) : match[1]);
  }
  return path;
}

/** e.g. "lognormal (median 2 ms, sigma 0.5)" or "empirical (p50 30 ms, p99 180 ms, ...)". */
export function formatDistribution(spec: DistributionSpec): string {
  if (spec.kind === "empirical") {
    return `empirical (${spec.quantiles.map(([p, micros]) => `p${Number((p * 100).toPrecision(6))} ${formatDuration(micros)}`).join(", ")})`;
  }
  const { kind, ...rest } = spec;
  const parts = Object.entries(rest).map(([key, value]) => `${key} ${PLAIN_NUMBERS.has(key) ? value : formatDuration(value as number)}`);
  return `${kind} (${parts.join(", ")})`;
}
