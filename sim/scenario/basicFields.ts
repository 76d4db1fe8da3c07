// Fields without units: whole numbers, ratios and other plain numbers, switches, choices, names, and where clients
// run. Each rejects with a message naming the value and the accepted range or choices.

import { describeValue } from "../errors.ts";
import type { ClientPlacement } from "../model/workload.ts";
import { didYouMean } from "./didYouMean.ts";
import { leafField, Problem, type Field } from "./field.ts";

/** A whole number in [min, max]; `unit` names what it counts (the reference's unit column). */
export function integerField(min: number, max = Number.MAX_SAFE_INTEGER, unit = "count"): Field<number> {
  const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
  return leafField(unit, { type: "integer", minimum: min, maximum: max }, `a whole number ${range}`, (value) => {
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
      return new Problem(`expected a whole number ${range} (got ${describeValue(value)})`);
    }
    return value;
  }, String);
}

/** A finite number in [min, max], or (min, max] when minExclusive. */
export function numberField(min: number, max: number, options: { minExclusive?: boolean; unit?: string } = {}): Field<number> {
  const exclusive = options.minExclusive === true;
  const range = max === Number.POSITIVE_INFINITY ? `${exclusive ? ">" : ">="} ${min}` : `${exclusive ? "above" : "from"} ${min} ${exclusive ? "and at most" : "to"} ${max}`;
  const json = exclusive ? { type: "number", exclusiveMinimum: min } : { type: "number", minimum: min };
  return leafField(options.unit ?? "number", max === Number.POSITIVE_INFINITY ? json : { ...json, maximum: max }, `a number ${range}`, (value) => {
    const inRange = typeof value === "number" && Number.isFinite(value) && (exclusive ? value > min : value >= min) && value <= max;
    if (!inRange) return new Problem(`expected a number ${range} (got ${describeValue(value)})`);
    return value;
  }, String);
}

/** true or false; YAML's yes/no/on/off are strings in YAML 1.2, so they are refused rather than guessed. */
export function booleanField(): Field<boolean> {
  return leafField("true / false", { type: "boolean" }, "true or false", (value) => {
    if (typeof value !== "boolean") return new Problem(`expected true or false (got ${describeValue(value)})`);
    return value;
  }, String);
}

/** One of `values`; `aliases` maps other spellings (e.g. acks -1) to a value. */
export function enumField<T extends string>(values: readonly T[], aliases: ReadonlyArray<[unknown, T]> = []): Field<T> {
  const json = { enum: [...values, ...aliases.map(([alias]) => alias)] };
  return leafField("choice", json, `one of ${values.join(", ")}`, (value) => {
    if (typeof value === "string" && (values as readonly string[]).includes(value)) return value as T;
    const alias = aliases.find(([spelling]) => spelling === value);
    if (alias) return alias[1];
    return new Problem(notOneOf(value, values));
  }, (value) => value);
}

/** The message for a value outside a set of choices, with the nearest choice when it looks like a typo. */
export function notOneOf(value: unknown, values: readonly string[]): string {
  const list = values.join(", ");
  const suggestion = typeof value === "string" ? didYouMean(value, values) : undefined;
  return `${describeValue(value)} is not one of ${list}${suggestion ? ` (did you mean ${suggestion}?)` : ""}`;
}

/** Scenario and architecture names: they label runs, reports and files, so they are short and plain. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A name matching NAME_PATTERN. */
export function nameField(): Field<string> {
  return leafField("name", { type: "string", pattern: NAME_PATTERN.source }, `a name such as "steady-state"`, (value) => {
    if (typeof value !== "string" || !NAME_PATTERN.test(value)) {
      return new Problem(`expected a name of letters, digits, ".", "_" or "-", at most 64 characters (got ${describeValue(value)})`);
    }
    return value;
  }, (value) => value);
}

/** Longest description kept, in characters. */
export const DESCRIPTION_CHARS_MAX = 4000;

/** Free text (a description), at most DESCRIPTION_CHARS_MAX characters. */
export function textField(): Field<string> {
  return leafField("text", { type: "string", maxLength: DESCRIPTION_CHARS_MAX }, "text", (value) => {
    if (typeof value !== "string") return new Problem(`expected text (got ${describeValue(value)})`);
    if (value.length > DESCRIPTION_CHARS_MAX) return new Problem(`must be at most ${DESCRIPTION_CHARS_MAX} characters (got ${value.length})`);
    return value;
  }, (value) => value);
}

/** Where clients run: "spread" round-robin over the zones, or `{ pinned: <zone> }`. */
export function placementField(): Field<ClientPlacement> {
  const json = {
    oneOf: [
      { const: "spread" },
      { type: "object", properties: { pinned: { type: "integer", minimum: 0, maximum: 15 } }, required: ["pinned"], additionalProperties: false },
    ],
  };
  return leafField("placement", json, `"spread" or { pinned: <zone> }`, (value) => {
    if (value === "spread") return { kind: "spread" };
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const zone = (value as { pinned?: unknown }).pinned;
      if (keys.length === 1 && keys[0] === "pinned" && typeof zone === "number" && Number.isSafeInteger(zone) && zone >= 0 && zone < 16) {
        return { kind: "pinned", zone };
      }
    }
    return new Problem(`expected "spread" or { pinned: <zone from 0> } (got ${describeValue(value)})`);
  }, (placement) => (placement.kind === "spread" ? "spread" : `{ pinned: ${placement.zone} }`));
}
