// The `narrative` section of a scenario: timed teaching steps shown beside a run — when (a time of the run), a
// title, what to look for, and the metrics worth watching (names of the threshold metric catalogue).

import { z } from "zod";
import { describeValue } from "../errors.ts";
import { formatDuration } from "../quantity.ts";
import type { NarrativeStep } from "../report/reportTypes.ts";
import { findMetric, metricNames } from "../thresholds/metricCatalogue.ts";
import { textField } from "./basicFields.ts";
import { didYouMean } from "./didYouMean.ts";
import { leafField, Problem, type Field } from "./field.ts";
import { durationField } from "./quantityFields.ts";

/** Most steps one narrative holds. */
export const NARRATIVE_STEPS_MAX = 64;
/** Longest title, in characters. */
export const TITLE_CHARS_MAX = 120;

/** A short title. */
function titleField(): Field<string> {
  return leafField("text", { type: "string", minLength: 1, maxLength: TITLE_CHARS_MAX }, "a short title", (value) => {
    if (typeof value !== "string" || value.trim() === "") return new Problem(`expected a short title (got ${describeValue(value)})`);
    if (value.length > TITLE_CHARS_MAX) return new Problem(`must be at most ${TITLE_CHARS_MAX} characters (got ${value.length})`);
    return value.trim();
  }, (value) => value);
}

/** A metric name as written (friendly or canonical), checked against the catalogue. */
function watchField(): Field<string> {
  return leafField("metric", { type: "string", examples: ["produce p99", "cross-zone bytes per produced byte"] }, `a metric such as "produce p99"`, (value) => {
    if (typeof value !== "string") return new Problem(`expected a metric name such as "produce p99" (got ${describeValue(value)})`);
    if (findMetric(value) !== undefined) return value.trim().replace(/\s+/g, " ");
    const near = didYouMean(value.toLowerCase(), metricNames());
    return new Problem(`${describeValue(value)} is not a metric${near ? ` (did you mean ${near}?)` : ""}; expected a metric of scenarios/README.md such as "produce p99"`);
  }, (value) => value);
}

/** The `narrative` list, to steps in seconds. */
export function narrativeField(): z.ZodType<NarrativeStep[]> {
  const describe = <T extends z.ZodType>(schema: T, description: string) => schema.meta({ description });
  const step = z
    .strictObject({
      at: describe(durationField().schema, "When the step applies, from the start of the run."),
      title: describe(titleField().schema, "A short title."),
      text: describe(textField().schema, "What to watch and what it means."),
      watch: describe(z.array(watchField().schema).max(16), "Metrics worth watching at this step (names as in thresholds).").optional(),
    })
    .transform((s): NarrativeStep => ({ atSeconds: s.at / 1e6, title: s.title, text: s.text, watch: s.watch ?? [] }));
  return z.array(step).max(NARRATIVE_STEPS_MAX);
}

/** Problems of the steps against the run: each must begin before the run ends and not before the step above it. */
export function checkNarrative(steps: readonly NarrativeStep[], endMicros: number): Array<{ path: Array<string | number>; input: unknown; message: string }> {
  const problems: Array<{ path: Array<string | number>; input: unknown; message: string }> = [];
  steps.forEach((step, i) => {
    const path = ["narrative", i, "at"];
    if (step.atSeconds * 1e6 >= endMicros) problems.push({ path, input: step.atSeconds, message: `must be a time before the run's end (${seconds(endMicros / 1e6)}) (got ${seconds(step.atSeconds)})` });
    else if (i > 0 && step.atSeconds < steps[i - 1].atSeconds) {
      problems.push({ path, input: step.atSeconds, message: `must not be before narrative[${i - 1}].at (${seconds(steps[i - 1].atSeconds)}): steps are in time order (got ${seconds(step.atSeconds)})` });
    }
  });
  return problems;
}

function seconds(s: number): string {
  return formatDuration(Math.round(s * 1e6));
}
