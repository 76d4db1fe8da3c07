import { describe, expect, it } from "vitest";
import { ARCHITECTURE_KINDS } from "../../sim/model/architectures.ts";
import { COMMON_ITEM_KEYS, EXTRA_ITEM_KEYS, KIND_TABLES } from "../../sim/scenario/architectureSection.ts";
import { scenarioJsonSchema } from "../../sim/scenario/index.ts";
import { WORKLOAD_KNOBS } from "../../sim/scenario/workloadKnobs.ts";

type Json = Record<string, any>;
const schema = scenarioJsonSchema() as Json;

describe("the published JSON Schema", () => {
  it("requires name and architectures and flags unknown top-level keys", () => {
    expect(schema.required).toEqual(["name", "architectures"]);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["name", "seed", "extends", "workload", "cluster", "sink", "$schema"]));
  });

  it("offers one variant per architecture kind, each with exactly the keys the parser accepts", () => {
    const variants: Json[] = schema.properties.architectures.items.oneOf;
    expect(variants.map((v) => v.properties.kind.const).sort()).toEqual([...ARCHITECTURE_KINDS].sort());
    for (const variant of variants) {
      const kind = variant.properties.kind.const as keyof typeof KIND_TABLES;
      const expected = [...COMMON_ITEM_KEYS, ...KIND_TABLES[kind].flatMap((table) => Object.keys(table)), ...(EXTRA_ITEM_KEYS[kind] ?? [])];
      expect(Object.keys(variant.properties).sort(), kind).toEqual([...new Set(expected)].sort());
      expect(variant.additionalProperties, kind).toBe(false);
      expect(variant.required, kind).toEqual(["kind"]);
    }
  });

  it("describes every workload field for hover text and types quantities as strings with a unit pattern", () => {
    const workload = schema.properties.workload;
    expect(Object.keys(workload.properties)).toEqual(Object.keys(WORKLOAD_KNOBS));
    for (const [key, property] of Object.entries<Json>(workload.properties)) expect(property.description, key).toBe(WORKLOAD_KNOBS[key].doc);
    const pattern = new RegExp(workload.properties.testDuration.pattern);
    expect(["90 s", "250ms", "1.5 h"].every((text) => pattern.test(text))).toBe(true);
    expect(["5 minutes after", "90", "s"].some((text) => pattern.test(text))).toBe(false);
  });
});
