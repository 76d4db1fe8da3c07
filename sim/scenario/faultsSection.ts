// The `faults` section of a scenario: a timeline of faults from the fault catalogue, written with human units
// (`at: 3 min`, `addedLatency: 20 ms`) and converted to the catalogue's plain data in µs.

import { z } from "zod";
import { InputError } from "../errors.ts";
import type { Fault, FaultKind } from "../faults/fault.ts";
import { FAULT_FIELDS, FAULT_KINDS, validateFaults, type FaultShape } from "../faults/validateFaults.ts";
import { formatDuration } from "../quantity.ts";
import { booleanField, enumField, integerField, nameField, numberField } from "./basicFields.ts";
import { leafField, Problem, type Field } from "./field.ts";
import type { ReferenceRow } from "./knobs.ts";
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
    if (typeof value === "string" && !/^\s*-/.test(value)) return new Problem(`"${value}" is not "earliest" or a time (expected e.g. "30 s")`);
    return new Problem(`expected "earliest" or a time such as "30 s" (got ${typeof value === "string" ? `"${value}"` : String(value)})`);
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
  const shape: Record<string, z.ZodType> = {
    kind: z.literal(kind),
    name: nameField().schema.meta({ description: "Unique name of the fault; thresholds (`during <name>`) and reports use it." }).optional(),
  };
  for (const name of spec.required) shape[faultFileName(name)] = fields[name];
  for (const name of spec.optional) shape[faultFileName(name)] = fields[name].optional();
  return z.strictObject(shape);
}

/** A fault of the file: the catalogue's plain data and the name the file gave it, if any. */
export interface NamedFault {
  fault: Fault;
  name?: string;
}

/** The `faults` list: items of every kind, converted to catalogue faults (µs, catalogue field names) with their
 * names kept apart, since the catalogue has no names. */
export function faultsField(): z.ZodType<NamedFault[]> {
  const fields = fieldSchemas();
  const kinds = FAULT_KINDS.map((kind) => kindSchema(kind, fields));
  const item = z.discriminatedUnion("kind", kinds as unknown as [z.ZodObject, ...z.ZodObject[]]);
  return z
    .array(item)
    .max(FAULTS_MAX)
    .transform((items) => items.map((item) => (typeof item.name === "string" ? { fault: toCatalogue(item), name: item.name } : { fault: toCatalogue(item) })));
}

function toCatalogue(item: Record<string, unknown>): Fault {
  const fault: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (value === undefined || key === "name") continue;
    const catalogueName = Object.keys(FILE_NAMES).find((name) => FILE_NAMES[name] === key) ?? key;
    fault[catalogueName] = value;
  }
  return fault as unknown as Fault;
}

/** Rows of the field reference: one per fault kind, with its fields under their file names. */
export function faultReferenceRows(): ReferenceRow[] {
  return FAULT_KINDS.map((kind) => {
    const spec = FAULT_FIELDS[kind];
    const names = (list: readonly string[]) => list.map((name) => `\`${faultFileName(name)}\``).join(", ");
    const optional = spec.optional.length > 0 ? `; optional ${names(spec.optional)}` : "";
    const effects = spec.effects ? `; at least one of ${names(spec.effects)}` : "";
    return { field: kind, unit: "fault", default: "—", meaning: `${KIND_MEANINGS[kind]} Fields: ${names(spec.required)}${optional}${effects}.`, source: "sim/faults" };
  });
}

const KIND_MEANINGS: Readonly<Record<FaultKind, string>> = {
  zoneOutage: "Every host, client and link of `zone` goes down; its brokers restart when it returns.",
  zoneBrownout: "Cross-zone paths of `zone` (or only to `toZone`) gain `addedLatency` (duration), lose `lossRatio` of segments or scale by `bandwidthFactor`.",
  networkPartition: "`brokers` (indices) are cut off the network while their processes run.",
  brokerCrash: "`broker` dies; restarts after `duration` if given; `volumeLost` loses its disk.",
  brokerReplacement: "`broker` is lost with its volume; an empty replacement starts `duration` later.",
  scaleOut: "`brokers` join at `at` and take an even share of partitions.",
  scaleIn: "`brokers` leave at `at`; their partitions move to the others.",
  s3Brownout: "Object stores answer `latencyFactor` (>= 1) times slower and refuse `errorRatio` of requests; `stores`: all, standard or express.",
  s3ExpressZoneLoss: "The S3 Express bucket(s) of `zone` stop answering.",
  ebsDegradation: "Volumes (of `broker`, or all) scale throughput and IOPS by factors in (0, 1] and gain `addedLatency`.",
  replay: "Subscription `subscription` is reset to `to` (\"earliest\" or a time) and reads again.",
  trafficRamp: "Traffic grows linearly from `fromFactor` (default 1) to `toFactor` × the workload's rate over `duration`.",
  trafficSpike: "Traffic is `factor` × the workload's rate for `duration`.",
  controlPlaneSlowdown: "Diskless control-plane commits take `factor` times longer.",
};

/** A fault's problem in file terms: its path, the value and the message. */
export interface FaultProblem {
  path: Array<string | number>;
  input: unknown;
  message: string;
}

/** The catalogue's checks of converted faults against one run's shape: the first problem of each fault, in file
 * terms. The clock starts at 0; the end is the run's, so a fault beginning after it is reported. */
export function checkFaultsFit(faults: readonly Fault[], shape: Omit<FaultShape, "nowMicros">): FaultProblem[] {
  return faults.flatMap((fault, index) => {
    const problem = checkOne(fault, index, { ...shape, nowMicros: 0 });
    return problem ? [problem] : [];
  });
}

function checkOne(fault: Fault, index: number, shape: FaultShape): FaultProblem | undefined {
  try {
    validateFaults([fault], shape);
    return undefined;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const match = /^faults\[0\](?:\.(\w+))?/.exec(error.field);
    const path: Array<string | number> = ["faults", index];
    if (match?.[1] !== undefined) path.push(faultFileName(match[1]));
    const field = match?.[1] ?? "";
    const value = typeof error.value === "number" && /Micros$|^at$|^duration$/.test(field) ? formatDuration(error.value) : error.value;
    let expected = error.expected.replace(/(\d+) µs/g, (_, us: string) => formatDuration(Number(us)));
    for (const [name, fileName] of Object.entries(FILE_NAMES)) expected = expected.replaceAll(name, fileName);
    const got = typeof value === "object" && value !== null ? "" : ` (got ${String(value)})`;
    return { path, input: error.value, message: `must be ${expected}${got}` };
  }
}
