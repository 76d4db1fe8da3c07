// Checks a fault list against the run it will be applied to, before anything is scheduled: every problem is an
// InputError naming the field as `faults[i].field`, the value and what was expected, so a scenario fails at load.

import { InputError } from "../errors.ts";
import type { Fault, FaultKind } from "./fault.ts";

/** What a fault list is checked against: the run's shape and clock. */
export interface FaultShape {
  zones: number;
  brokers: number;
  subscriptions: number;
  /** The run's clock when the faults are applied, µs: no fault may begin before it. */
  nowMicros: number;
  /** The run's end, µs: a fault must begin before it. */
  endMicros: number;
}

/** The fields of one fault kind (besides `kind`). */
export interface FaultFields {
  required: readonly string[];
  optional: readonly string[];
  /** At least one of these must be given (the fault must do something). */
  effects?: readonly string[];
}

/** Every fault kind's fields, for a scenario format to map its own names onto (times and durations are µs). */
export const FAULT_FIELDS: Readonly<Record<FaultKind, FaultFields>> = {
  zoneOutage: { required: ["at", "duration", "zone"], optional: [] },
  zoneBrownout: {
    required: ["at", "duration", "zone"],
    optional: ["toZone", "addedLatencyMicros", "lossRatio", "bandwidthFactor"],
    effects: ["addedLatencyMicros", "lossRatio", "bandwidthFactor"],
  },
  networkPartition: { required: ["at", "duration", "brokers"], optional: [] },
  brokerCrash: { required: ["at", "broker"], optional: ["duration", "volumeLost"] },
  brokerReplacement: { required: ["at", "duration", "broker"], optional: [] },
  scaleOut: { required: ["at", "brokers"], optional: [] },
  scaleIn: { required: ["at", "brokers"], optional: [] },
  s3Brownout: { required: ["at", "duration"], optional: ["latencyFactor", "errorRatio", "stores"], effects: ["latencyFactor", "errorRatio"] },
  s3ExpressZoneLoss: { required: ["at", "duration", "zone"], optional: [] },
  ebsDegradation: {
    required: ["at", "duration"],
    optional: ["broker", "throughputFactor", "iopsFactor", "addedLatencyMicros"],
    effects: ["throughputFactor", "iopsFactor", "addedLatencyMicros"],
  },
  replay: { required: ["at", "subscription", "to"], optional: [] },
  trafficRamp: { required: ["at", "duration", "toFactor"], optional: ["fromFactor"] },
  trafficSpike: { required: ["at", "duration", "factor"], optional: [] },
  controlPlaneSlowdown: { required: ["at", "duration", "factor"], optional: [] },
};

/** Fault kinds applyFaults knows, in catalogue order. */
export const FAULT_KINDS = Object.keys(FAULT_FIELDS) as readonly FaultKind[];

type FieldCheck = (field: string, value: unknown, shape: FaultShape, fault: Record<string, unknown>) => void;

const FIELD_CHECKS: Readonly<Record<string, FieldCheck>> = {
  at: (field, v, shape) => {
    wholeMicros(field, v, 0);
    if ((v as number) < shape.nowMicros) throw new InputError(field, v, `a time >= the run's clock (${shape.nowMicros} µs)`);
    if ((v as number) >= shape.endMicros) throw new InputError(field, v, `a time before the run's end (${shape.endMicros} µs)`);
  },
  duration: (field, v) => wholeMicros(field, v, 1),
  zone: (field, v, shape) => index(field, v, shape.zones, "a zone"),
  toZone: (field, v, shape, fault) => {
    index(field, v, shape.zones, "a zone");
    if (v === fault.zone) throw new InputError(field, v, `a zone other than zone (${String(fault.zone)})`);
  },
  broker: (field, v, shape) => index(field, v, shape.brokers, "a broker index"),
  brokers: (field, v, shape) => {
    if (!Array.isArray(v) || v.length === 0) throw new InputError(field, v, "a non-empty list of broker indices");
    v.forEach((b, i) => index(`${field}[${i}]`, b, shape.brokers, "a broker index"));
    if (new Set(v).size !== v.length) throw new InputError(field, v, "distinct broker indices");
    if (v.length >= shape.brokers) throw new InputError(field, v, `fewer than all ${shape.brokers} brokers (some must keep serving)`);
  },
  volumeLost: (field, v) => {
    if (typeof v !== "boolean") throw new InputError(field, v, "true or false");
  },
  addedLatencyMicros: (field, v) => wholeMicros(field, v, 0),
  lossRatio: (field, v) => {
    if (typeof v !== "number" || !(v >= 0 && v < 1)) throw new InputError(field, v, "a ratio from 0 up to (not including) 1");
  },
  bandwidthFactor: (field, v) => positive(field, v),
  latencyFactor: (field, v) => {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 1) throw new InputError(field, v, "a finite number >= 1");
  },
  errorRatio: (field, v) => {
    if (typeof v !== "number" || !(v >= 0 && v <= 1)) throw new InputError(field, v, "a ratio between 0 and 1");
  },
  stores: (field, v) => {
    if (v !== "all" && v !== "standard" && v !== "express") throw new InputError(field, v, '"all", "standard" or "express"');
  },
  throughputFactor: (field, v) => unitFactor(field, v),
  iopsFactor: (field, v) => unitFactor(field, v),
  subscription: (field, v, shape) => index(field, v, shape.subscriptions, "a subscription index"),
  to: (field, v, _shape, fault) => {
    if (v === "earliest") return;
    if (typeof v !== "number" || !Number.isSafeInteger(v)) throw new InputError(field, v, '"earliest" or a whole number of µs');
    if (typeof fault.at === "number" && v > fault.at) throw new InputError(field, v, `a time at or before at (${fault.at} µs)`);
  },
  toFactor: (field, v) => positive(field, v),
  fromFactor: (field, v) => positive(field, v),
  factor: (field, v) => positive(field, v),
};

/** Checks every fault of a list; returns plain copies in list order, or throws InputError naming faults[i].field. */
export function validateFaults(faults: unknown, shape: FaultShape): Fault[] {
  if (!Array.isArray(faults)) throw new InputError("faults", faults, "a list of faults");
  return faults.map((fault, i) => validateFault(fault, `faults[${i}]`, shape));
}

function validateFault(fault: unknown, path: string, shape: FaultShape): Fault {
  if (typeof fault !== "object" || fault === null || Array.isArray(fault)) throw new InputError(path, fault, "a fault object with a kind");
  const record = fault as Record<string, unknown>;
  const kind = record.kind;
  if (typeof kind !== "string" || !Object.hasOwn(FAULT_FIELDS, kind)) throw new InputError(`${path}.kind`, kind, `one of ${FAULT_KINDS.join(", ")}`);
  const spec = FAULT_FIELDS[kind as FaultKind];
  const known = new Set(["kind", ...spec.required, ...spec.optional]);
  for (const key of Object.keys(record)) {
    if (!known.has(key)) throw new InputError(`${path}.${key}`, record[key], `no such field on a ${kind} fault (fields: ${[...known].join(", ")})`);
  }
  for (const key of spec.required) {
    if (record[key] === undefined) throw new InputError(`${path}.${key}`, undefined, `a value (${kind} needs ${spec.required.join(", ")})`);
  }
  for (const key of [...spec.required, ...spec.optional]) {
    if (record[key] !== undefined) FIELD_CHECKS[key](`${path}.${key}`, record[key], shape, record);
  }
  if (spec.effects && spec.effects.every((key) => record[key] === undefined)) {
    throw new InputError(path, fault, `a ${kind} with at least one of ${spec.effects.join(", ")}`);
  }
  if (typeof record.duration === "number" && !Number.isSafeInteger((record.at as number) + record.duration)) {
    throw new InputError(`${path}.duration`, record.duration, "a duration that ends within the simulator's clock range");
  }
  const copy = { ...record };
  if (Array.isArray(record.brokers)) copy.brokers = [...record.brokers];
  return copy as unknown as Fault;
}

function wholeMicros(field: string, v: unknown, min: number): void {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min) throw new InputError(field, v, `a whole number of µs >= ${min}`);
}

function index(field: string, v: unknown, count: number, what: string): void {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0 || v >= count) throw new InputError(field, v, `${what} from 0 to ${count - 1}`);
}

function positive(field: string, v: unknown): void {
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) throw new InputError(field, v, "a finite number > 0");
}

function unitFactor(field: string, v: unknown): void {
  if (typeof v !== "number" || !(v > 0 && v <= 1)) throw new InputError(field, v, "a factor in (0, 1]");
}
