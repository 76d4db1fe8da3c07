// The `faults` section of a scenario: a timeline of faults from the fault catalogue, written with human units
// (`at: 3 min`, `addedLatency: 20 ms`) and converted to the catalogue's plain data in µs.

import { z } from "zod";
import { InputError } from "../errors.ts";
import type { Fault, FaultKind } from "../faults/fault.ts";
import { FAULT_FIELDS, FAULT_KINDS, validateFaults, type FaultShape } from "../faults/validateFaults.ts";
import { formatDuration } from "../quantity.ts";
import { booleanField, enumField, integerField, numberField } from "./basicFields.ts";
import { leafField, Problem, type Field } from "./field.ts";
import { durationField } from "./quantityFields.ts";

/** Most faults one scenario's timeline holds. */
export const FAULTS_MAX = 256;

/** A file field name of a fault and the catalogue field it becomes (times in the catalogue are µs). */
const FILE_NAMES: Readonly<Record<string, string>> = { addedLatencyMicros: "addedLatency" };

/** The file name of a catalogue field. */
export function faultFileName(field: string): string {
  return FILE_NAMES[field] ?? field;
}

/** `to` of a replay: "earliest" or a time of the run such as "30 s" (µs). */
function replayToField(): Field<"earliest" | number> {
  const duration = durationField();
  const json = { anyOf: [{ const: "earliest" }, duration.schema.meta() ?? {}] };
  return leafField("duration", json, `"earliest" or a time such as "30 s"`, (value) => {
    if (value === "earliest") return "earliest";
    const parsed = duration.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    return new Problem(`${parsed.error.issues[0]?.message ?? "is not a time"} (or "earliest")`);
  }, (value) => (value === "earliest" ? value : formatDuration(value)));
}

const positive = () => numberField(0, Number.POSITIVE_INFINITY, { minExclusive: true, unit: "factor" });

/** Every catalogue field's file form. */
function fieldSchemas(): Record<string, z.ZodType> {
  return {
    at: durationField().schema.meta({ description: "When the fault begins, from the start of the run." }),
    duration: durationField({ positive: true }).schema.meta({ description: "How long the fault lasts." }),
    zone: integerField(0, 63, "zone").schema,
    toZone: integerField(0, 63, "zone").schema,
    broker: integerField(0, 99_999, "broker").schema,
    brokers: z.array(integerField(0, 99_999, "broker").schema).min(1),
    volumeLost: booleanField().schema,
    addedLatencyMicros: durationField().schema,
    lossRatio: numberField(0, 1, { unit: "ratio" }).schema,
    bandwidthFactor: positive().schema,
    latencyFactor: numberField(1, Number.POSITIVE_INFINITY, { unit: "factor" }).schema,
    errorRatio: numberField(0, 1, { unit: "ratio" }).schema,
    stores: enumField(["all", "standard", "express"] as const).schema,
    throughputFactor: numberField(0, 1, { minExclusive: true, unit: "factor" }).schema,
    iopsFactor: numberField(0, 1, { minExclusive: true, unit: "factor" }).schema,
    subscription: integerField(0, 99_999, "subscription").schema,
    to: replayToField().schema,
    toFactor: positive().schema,
    fromFactor: positive().schema,
    factor: positive().schema,
  };
}

/** The schema of one kind's item: a strict object of its fields under their file names. */
function kindSchema(kind: FaultKind, fields: Record<string, z.ZodType>) {
  const spec = FAULT_FIELDS[kind];
  const shape: Record<string, z.ZodType> = { kind: z.literal(kind) };
  for (const name of spec.required) shape[faultFileName(name)] = fields[name];
  for (const name of spec.optional) shape[faultFileName(name)] = fields[name].optional();
  return z.strictObject(shape);
}

/** The `faults` list: items of every kind, converted to catalogue faults (µs, catalogue field names). */
export function faultsField(): z.ZodType<Fault[]> {
  const fields = fieldSchemas();
  const kinds = FAULT_KINDS.map((kind) => kindSchema(kind, fields));
  const item = z.discriminatedUnion("kind", kinds as unknown as [z.ZodObject, ...z.ZodObject[]]);
  return z.array(item).max(FAULTS_MAX).transform((items) => items.map(toCatalogue));
}

function toCatalogue(item: Record<string, unknown>): Fault {
  const fault: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (value === undefined) continue;
    const catalogueName = Object.keys(FILE_NAMES).find((name) => FILE_NAMES[name] === key) ?? key;
    fault[catalogueName] = value;
  }
  return fault as unknown as Fault;
}

/** A catalogue check of converted faults against one run's shape: the problem's file path and message, or
 * undefined when the list fits. The clock starts at 0; the end is the run's, so a fault past it is reported. */
export function checkFaultsFit(faults: readonly Fault[], shape: Omit<FaultShape, "nowMicros">): { path: Array<string | number>; input: unknown; message: string } | undefined {
  try {
    validateFaults(faults, { ...shape, nowMicros: 0 });
    return undefined;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const match = /^faults\[(\d+)\](?:\.(\w+))?/.exec(error.field);
    const path: Array<string | number> = ["faults"];
    if (match) {
      path.push(Number(match[1]));
      if (match[2] !== undefined) path.push(faultFileName(match[2]));
    }
    const value = typeof error.value === "number" && /Micros$|^at$|^duration$/.test(match?.[2] ?? "") ? formatDuration(error.value) : error.value;
    return { path, input: error.value, message: `must be ${error.expected.replace(/(\d+) µs/g, (_, us: string) => formatDuration(Number(us)))} (got ${formatValue(value)})` };
  }
}

function formatValue(value: unknown): string {
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return String(value);
}
