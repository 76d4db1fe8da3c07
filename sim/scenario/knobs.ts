// Knob tables: each maps scenario keys in human units onto a model config's fields (`linger: "5 ms"` onto
// lingerMicros), with the text of the field reference. From one table come the schema, the conversion to a
// Partial of the config, the reverse mapping for model errors, and the reference rows.

import { z } from "zod";
import type { Field } from "./field.ts";

/** One scenario key: the config field it sets, how it is written, and what the reference says about it. */
export type KnobOf<T> = {
  [K in keyof T]-?: { key: K; field: Field<NonNullable<T[K]>>; doc: string; source: string };
}[keyof T];

/** Scenario key → knob, for one config type T. */
export type KnobTable<T> = Readonly<Record<string, KnobOf<T>>>;

/** One row of the field reference. */
export interface ReferenceRow {
  field: string;
  unit: string;
  default: string;
  meaning: string;
  source: string;
}

/** The zod shape of a table: every key optional, each described for editors. */
export function knobShape<T>(table: KnobTable<T>): Record<string, z.ZodOptional<z.ZodType>> {
  const shape: Record<string, z.ZodOptional<z.ZodType>> = {};
  for (const [name, knob] of Object.entries(table)) shape[name] = knob.field.schema.meta({ description: knob.doc }).optional();
  return shape;
}

/** The converted values of the keys a file set, under the config's own field names. */
export function knobsToConfig<T>(table: KnobTable<T>, values: Record<string, unknown>): Partial<T> {
  const config: Partial<T> = {};
  for (const [name, value] of Object.entries(values)) {
    const knob = Object.hasOwn(table, name) ? table[name] : undefined;
    if (knob !== undefined && value !== undefined) config[knob.key] = value as T[typeof knob.key];
  }
  return config;
}

/** A nested block of knobs (e.g. a volume's) as one field; `fill` completes configs the model needs whole. Two
 * keys that set the same config field (testDuration and testDurationMinutes) may not both be given. */
export function knobObjectField<T, R = Partial<T>>(table: KnobTable<T>, unit: string, fill?: (partial: Partial<T>) => R): Field<R> {
  const schema = z.strictObject(knobShape(table)).transform((values, ctx) => {
    const setBy = new Map<PropertyKey, string>();
    for (const [name, value] of Object.entries(values)) {
      const key = Object.hasOwn(table, name) ? table[name].key : undefined;
      if (key === undefined || value === undefined) continue;
      const earlier = setBy.get(key);
      if (earlier !== undefined) ctx.issues.push({ code: "custom", message: `conflicts with ${earlier} (set one of them)`, input: value, path: [name] });
      setBy.set(key, name);
    }
    const partial = knobsToConfig(table, values);
    return fill ? fill(partial) : (partial as R);
  });
  return { schema, unit, format: () => "see its table" };
}

/** The scenario key that sets config field `key`, if the table has one. */
export function scenarioKeyOf<T>(table: KnobTable<T>, key: string): string | undefined {
  for (const [name, knob] of Object.entries(table)) if (knob.key === key) return name;
  return undefined;
}

/** Reference rows of a table, with defaults taken from the model's own default config. */
export function knobRows<T>(table: KnobTable<T>, defaults: Partial<T>, prefix = ""): ReferenceRow[] {
  return Object.entries(table).map(([name, knob]) => {
    const value = defaults[knob.key];
    return {
      field: `${prefix}${name}`,
      unit: knob.field.unit,
      default: value === undefined ? "—" : (knob.field.format as (v: unknown) => string)(value),
      meaning: knob.doc,
      source: knob.source,
    };
  });
}
