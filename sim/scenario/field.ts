// A scenario field: how a value is written in a file (checked, with a message that names the value and what was
// expected), what it becomes in internal units, and how an internal value is written back for the reference.

import { z } from "zod";

/** One kind of scenario value: schema from file value to internal value T, its unit and a formatter for T. */
export interface Field<T> {
  /** Checks and converts a file value; issues carry the whole message (the path is added by the parser). */
  readonly schema: z.ZodType<T>;
  /** Unit column of the field reference, e.g. "duration" or "bytes". */
  readonly unit: string;
  /** An internal value as a person would write it, e.g. 250000 µs → "250 ms". */
  format(value: T): string;
}

/** A rejected value; its message is the issue text, e.g. `"5 minutes after" is not a duration (expected e.g. "90 s")`. */
export class Problem {
  constructor(readonly message: string) {}
}

/** JSON Schema keywords describing the file form of a leaf value, for editors. */
export type JsonHint = Record<string, unknown>;

/** A leaf field: `check` returns the internal value or a Problem; `json` says what editors should expect and
 * `expected` what a person should write (for a missing required value). */
export function leafField<T>(
  unit: string,
  json: JsonHint,
  expected: string,
  check: (value: unknown) => T | Problem,
  format: (value: T) => string,
): Field<T> {
  const schema = z
    .unknown()
    .transform((value, ctx) => {
      const result = value === undefined ? new Problem(`missing (expected ${expected})`) : check(value);
      if (result instanceof Problem) {
        ctx.issues.push({ code: "custom", message: result.message, input: value });
        return z.NEVER;
      }
      return result;
    })
    .meta(json);
  return { schema, unit, format };
}
