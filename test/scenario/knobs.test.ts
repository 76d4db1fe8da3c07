import { describe, expect, it } from "vitest";
import { AUTOMQ_DEFAULTS } from "../../sim/model/automqConfig.ts";
import { DISKLESS_DEFAULTS } from "../../sim/model/disklessConfig.ts";
import { KAFKA_DEFAULTS, TIERED_DEFAULTS } from "../../sim/model/kafkaConfig.ts";
import { S3_SINK_PRESET } from "../../sim/model/s3SinkConfig.ts";
import { DEFAULT_CONSUMER, DEFAULT_PRODUCER } from "../../sim/model/workload.ts";
import { CLUSTER_KNOBS, NETWORK_DEFAULTS, NETWORK_KNOBS } from "../../sim/scenario/clusterKnobs.ts";
import { AUTOMQ_KNOBS, DISKLESS_KNOBS } from "../../sim/scenario/disaggregatedKnobs.ts";
import { KAFKA_KNOBS, TIERED_KNOBS } from "../../sim/scenario/kafkaKnobs.ts";
import type { Field } from "../../sim/scenario/field.ts";
import { SCENARIO_DEFAULTS } from "../../sim/scenario/scenario.ts";
import { SINK_KNOBS } from "../../sim/scenario/sinkKnobs.ts";
import { OBJECT_STORE_KNOBS, RETRY_KNOBS, VOLUME_KNOBS } from "../../sim/scenario/storageKnobs.ts";
import { EXACT_FIDELITY } from "../../sim/model/fidelity.ts";
import { CONSUMER_KNOBS, FIDELITY_KNOBS, PRODUCER_KNOBS, WORKLOAD_KNOBS, workloadDefaults } from "../../sim/scenario/workloadKnobs.ts";
import { GP3_DEFAULTS, S3_STANDARD_DEFAULTS, SDK_STANDARD_RETRY } from "../../sim/storage/defaults.ts";

/** A knob table seen without its config type, so tables of different configs share one list. */
type AnyTable = Readonly<Record<string, { key: PropertyKey; field: Field<unknown>; doc: string; source: string }>>;
const any = (table: object) => table as unknown as AnyTable;

/** Each table with the model defaults it maps onto and the config fields it deliberately leaves out. */
const TABLES: Array<[string, AnyTable, object, string[]]> = [
  ["kafka", any(KAFKA_KNOBS), KAFKA_DEFAULTS, []],
  ["tiered", any(TIERED_KNOBS), TIERED_DEFAULTS, []],
  ["automq", any(AUTOMQ_KNOBS), AUTOMQ_DEFAULTS, []],
  ["diskless", any(DISKLESS_KNOBS), DISKLESS_DEFAULTS, []],
  ["sink", any(SINK_KNOBS), S3_SINK_PRESET, []],
  ["volume", any(VOLUME_KNOBS), GP3_DEFAULTS, []],
  // Each model sets its buckets' storage class and zone itself.
  ["objectStore", any(OBJECT_STORE_KNOBS), S3_STANDARD_DEFAULTS, ["storageClass", "zone"]],
  ["retry", any(RETRY_KNOBS), SDK_STANDARD_RETRY, []],
  ["producer", any(PRODUCER_KNOBS), DEFAULT_PRODUCER, []],
  ["consumer", any(CONSUMER_KNOBS), DEFAULT_CONSUMER, []],
  ["workload", any(WORKLOAD_KNOBS), workloadDefaults(), []],
  ["fidelity", any(FIDELITY_KNOBS), EXACT_FIDELITY, []],
  ["cluster", any(CLUSTER_KNOBS), SCENARIO_DEFAULTS.cluster, []],
  ["network", any(NETWORK_KNOBS), NETWORK_DEFAULTS, []],
];

describe("knob tables", () => {
  it.each(TABLES)("%s: every model setting has a scenario key, so a new setting cannot go unnoticed", (_name, table, defaults, omitted) => {
    const mapped = new Set(Object.values(table).map((knob) => String(knob.key)));
    const unmapped = Object.keys(defaults).filter((key) => !mapped.has(key) && !omitted.includes(key));
    expect(unmapped).toEqual([]);
  });

  it.each(TABLES)("%s: every default, written the way the reference shows it, parses back to the model's value", (_name, table, defaults) => {
    for (const [name, knob] of Object.entries(table)) {
      const value = (defaults as Record<string, unknown>)[String(knob.key)];
      if (typeof value !== "number" && typeof value !== "string" && typeof value !== "boolean") continue;
      const written = (knob.field.format as (v: unknown) => string)(value);
      // Numbers print as numbers, words as words; a formatted quantity is a string.
      const fileValue = typeof value === "boolean" ? value : /^-?\d+(\.\d+)?$/.test(written) ? Number(written) : written;
      const parsed = knob.field.schema.safeParse(fileValue);
      expect(parsed.success, `${name}: ${written}`).toBe(true);
      if (typeof value === "number" && Number.isFinite(value) && value !== 0) {
        // The reference rounds to four significant digits.
        expect(Math.abs((parsed.data as number) - value) / Math.abs(value), `${name}: ${written}`).toBeLessThan(1e-3);
      } else {
        expect(parsed.data, `${name}: ${written}`).toEqual(value);
      }
    }
  });

  it("has a source and a meaning for every key", () => {
    for (const [name, table] of TABLES.map(([n, t]) => [n, t] as const)) {
      for (const [key, knob] of Object.entries(table)) {
        expect(knob.doc.length, `${name}.${key}`).toBeGreaterThan(5);
        expect(knob.source.length, `${name}.${key}`).toBeGreaterThan(3);
      }
    }
  });
});
