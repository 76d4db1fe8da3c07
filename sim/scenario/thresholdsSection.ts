// The `thresholds` section of a scenario: pass/fail checks such as "produce p99 < 50 ms during zone-outage", each
// with its decision area and severity. The check is read on its own first; its scope and architectures are then
// resolved against the scenario's faults and architectures, every problem at the path a reader would edit.

import { z } from "zod";
import { describeValue } from "../errors.ts";
import { formatDuration } from "../quantity.ts";
import { DECISION_AREAS, type DecisionArea } from "../report/reportTypes.ts";
import type { Metric } from "../thresholds/metricCatalogue.ts";
import { parseCheck, type ParsedCheck } from "../thresholds/parseCheck.ts";
import { THRESHOLD_SEVERITIES, type Threshold, type ThresholdScope, type ThresholdSeverity } from "../thresholds/threshold.ts";
import { enumField, nameField } from "./basicFields.ts";
import { didYouMean } from "./didYouMean.ts";
import type { NamedFault } from "./faultsSection.ts";
import { leafField, Problem, type Field } from "./field.ts";

/** Most thresholds one scenario holds. */
export const THRESHOLDS_MAX = 256;

/** A threshold as the file gives it, its check read but not yet resolved against the scenario. */
export interface ThresholdDraft {
  check: { text: string; parsed: ParsedCheck };
  area: DecisionArea;
  severity?: ThresholdSeverity;
  architectures?: string[];
}

/** The scope word that means "the measured time before the first fault". */
export const STEADY_SCOPE = "steady";

/** A check string, read by sim/thresholds/parseCheck.ts. */
function checkField(): Field<{ text: string; parsed: ParsedCheck }> {
  const json = { type: "string", examples: ["produce p99 < 50 ms during zone-outage", "cost < $40000/month", "acked records lost <= 0"] };
  return leafField("check", json, `a check such as "produce p99 < 50 ms during zone-outage"`, (value) => {
    const parsed = parseCheck(value);
    return "problem" in parsed ? new Problem(parsed.problem) : { text: (value as string).trim(), parsed };
  }, (value) => value.text);
}

/** The `thresholds` list, each item's check read. */
export function thresholdsField(): z.ZodType<ThresholdDraft[]> {
  const describe = <T extends z.ZodType>(schema: T, description: string) => schema.meta({ description });
  const item = z.strictObject({
    check: describe(checkField().schema, "<metric> <op> <value> [during <fault name | fault kind | steady>], op one of <, <=, >, >=."),
    area: describe(enumField(DECISION_AREAS).schema, "The decision area of the scorecard a failure counts against."),
    severity: describe(enumField(THRESHOLD_SEVERITIES).schema, "blocking (default): a failure blocks the area; risk: a failure is an accepted risk.").optional(),
    architectures: describe(z.array(nameField().schema).min(1), "The architectures (by name) it applies to; default every one.").optional(),
  });
  return z.array(item).max(THRESHOLDS_MAX) as unknown as z.ZodType<ThresholdDraft[]>;
}

/** A problem of a threshold against its scenario: path, value and message. */
export interface ThresholdProblem {
  path: Array<string | number>;
  input: unknown;
  message: string;
}

/** The thresholds resolved against the scenario's faults and architecture names, or the problems found.
 * `warmupMicrosMax` is the longest warm-up of the scenario's runs: the steady stretch starts after it. */
export function resolveThresholds(drafts: readonly ThresholdDraft[], faults: readonly NamedFault[], architectures: readonly string[], warmupMicrosMax: number): { thresholds: Threshold[]; problems: ThresholdProblem[] } {
  const thresholds: Threshold[] = [];
  const problems: ThresholdProblem[] = [];
  drafts.forEach((draft, index) => {
    const path = ["thresholds", index];
    const scope = resolveScope(draft.check.parsed, faults, warmupMicrosMax);
    if (typeof scope === "string") problems.push({ path: [...path, "check"], input: draft.check.text, message: scope });
    draft.architectures?.forEach((name, j) => {
      if (architectures.includes(name)) return;
      const near = didYouMean(name, architectures);
      problems.push({ path: [...path, "architectures", j], input: name, message: `${describeValue(name)} names no architecture${near ? ` (did you mean ${near}?)` : ""}; the scenario has ${architectures.join(", ")}` });
    });
    if (typeof scope === "string") return;
    const { metric, operator, limit } = draft.check.parsed;
    const threshold: Threshold = { check: draft.check.text, metric: metric.id, operator, limit, scope, area: draft.area, severity: draft.severity ?? "blocking" };
    if (draft.architectures !== undefined) threshold.architectures = [...draft.architectures];
    thresholds.push(threshold);
  });
  return { thresholds, problems };
}

/** The scope of a check, or the message saying why it has none. */
function resolveScope(check: ParsedCheck, faults: readonly NamedFault[], warmupMicrosMax: number): ThresholdScope | string {
  const { metric, scope: word } = check;
  const what = metricName(metric);
  const names = faults.map((f, i) => f.name ?? `${f.fault.kind} (faults[${i}])`);
  const listed = faults.length === 0 ? "the scenario has no faults" : `its faults: ${names.join(", ")}`;
  if (word === undefined) {
    if (metric.whole) return { kind: "run" };
    if (faults.length === 1) return faultScope(0, faults);
    if (faults.length === 0) return `${what} is measured per fault, and the scenario has no faults`;
    return `${what} is measured per fault: add "during <fault>" (${listed})`;
  }
  if (word === STEADY_SCOPE) {
    if (!metric.window) return `${what} cannot be measured in the steady stretch: ${windowHint(metric)}`;
    const first = Math.min(...faults.map((f) => f.fault.at));
    if (first <= warmupMicrosMax) return `"during steady": the first fault begins at ${formatDuration(first)}, by the end of warm-up (${formatDuration(warmupMicrosMax)}), so no measured time comes before it`;
    return { kind: "steady" };
  }
  let index = faults.findIndex((f) => f.name === word);
  if (index < 0) {
    const ofKind = faults.flatMap((f, i) => (f.fault.kind === word ? [i] : []));
    if (ofKind.length > 1) return `${describeValue(word)} is the kind of several faults (${ofKind.map((i) => `faults[${i}]`).join(", ")}): give each a name and write "during <name>"`;
    index = ofKind.length === 1 ? ofKind[0] : -1;
  }
  if (index < 0) {
    const near = didYouMean(word, [...faults.flatMap((f) => (f.name ? [f.name] : [])), ...faults.map((f) => f.fault.kind), STEADY_SCOPE]);
    return `"during ${word}": ${describeValue(word)} names no fault${near ? ` (did you mean ${near}?)` : ""}; ${listed}, or "steady"`;
  }
  if (metric.fault || metric.window) return faultScope(index, faults);
  return `${what} cannot be measured in a fault's window: ${windowHint(metric)}`;
}

function faultScope(index: number, faults: readonly NamedFault[]): ThresholdScope {
  return { kind: "fault", index, name: faults[index].name ?? faults[index].fault.kind };
}

function metricName(metric: Metric): string {
  return metric.aliases[0] ?? metric.id;
}

function windowHint(metric: Metric): string {
  if (metric.fault && !metric.whole) return `it is measured per fault (write "during <fault>")`;
  if (/^(publish|endToEnd)Latency/.test(metric.id)) return "per-interval latency keeps p50, p99 and max (e.g. produce p99); drop \"during\" for the whole run";
  return "it is read over the whole run only; drop \"during\"";
}
