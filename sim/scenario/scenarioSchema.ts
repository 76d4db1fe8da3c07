// The scenario file format as one zod schema — strict objects all the way down — from which come both the
// parser (file values to internal units, every problem collected) and the JSON Schema editors use.

import { z } from "zod";
import { architectureSchema } from "./architectureSection.ts";
import { assembleScenario, type ScenarioValues } from "./assembleScenario.ts";
import { integerField, nameField, textField } from "./basicFields.ts";
import { clusterField, networkField } from "./clusterKnobs.ts";
import { knobObjectField } from "./knobs.ts";
import { costField } from "./costSection.ts";
import { faultsField } from "./faultsSection.ts";
import { narrativeField } from "./narrativeSection.ts";
import { sloField } from "./sloSection.ts";
import { thresholdsField } from "./thresholdsSection.ts";
import { durationField } from "./quantityFields.ts";
import { ARCHITECTURES_MAX, type Scenario } from "./scenario.ts";
import { SINK_KNOBS } from "./sinkKnobs.ts";
import { workloadField } from "./workloadKnobs.ts";

/** Top-level keys kept for what comes later, each with what it will hold (none today). */
export const RESERVED_KEYS: Readonly<Record<string, string>> = {};

/** The schema of the top level, before assembly: each section converted, cross-section checks not yet run. */
function sectionsSchema() {
  const describe = <T extends z.ZodType>(schema: T, description: string) => schema.meta({ description });
  return z.strictObject({
    $schema: describe(textField().schema, "The JSON Schema of this file, for editors; ignored by the parser.").optional(),
    name: describe(nameField().schema, "Name of the scenario; a library scenario's file is <name>.yaml."),
    description: describe(textField().schema, "What the scenario teaches.").optional(),
    seed: describe(integerField(0, 2 ** 32 - 1).schema, "Seed of every run; the same seed gives the same result.").optional(),
    extends: describe(nameField().schema, "A library scenario to start from; this file's fields override it (objects merge, lists replace).").optional(),
    architectures: describe(z.array(architectureSchema()).min(1).max(ARCHITECTURES_MAX), "The architectures to compare, each on the same workload and cluster unless it overrides them."),
    workload: describe(workloadField().schema, "What the clients do: OpenMessaging Benchmark's workload fields, client zones and client settings.").optional(),
    cluster: describe(clusterField().schema, "Zones, brokers per zone and the instance type.").optional(),
    network: describe(networkField().schema, "Latencies and zone-to-zone capacity of the region.").optional(),
    sink: describe(knobObjectField(SINK_KNOBS, "object (sink table)").schema, "Adds a Kafka Connect S3 sink export to every architecture ({} for its preset).").optional(),
    sampleInterval: describe(durationField({ positive: true, maxMicros: 86_400_000_000 }).schema, "Width of result series and latency histograms.").optional(),
    eventBudget: describe(integerField(1).schema, "Events one run may take before it stops and says so.").optional(),
    slo: describe(sloField(), "The produce-latency objective recovery is judged against: { produceP99 }.").optional(),
    cost: describe(costField(), "How runs are priced: { priceBook, prices, retention, localRetention, volumeHeadroom }.").optional(),
    faults: describe(faultsField(), "The fault timeline of every architecture's run: items { kind, name?, at, duration?, ...the kind's fields }.").optional(),
    thresholds: describe(thresholdsField(), "Pass/fail checks of every run: items { check, area, severity?, architectures? }.").optional(),
    narrative: describe(narrativeField(), "Timed teaching steps shown beside a run: items { at, title, text, watch? }.").optional(),
  });
}

let sections: ReturnType<typeof sectionsSchema> | undefined;

/** Whether a composed scenario tree passes every section's own checks, so that the checks across sections run. */
export function sectionsValid(tree: unknown): boolean {
  sections ??= sectionsSchema();
  return sections.safeParse(tree).success;
}
let cached: z.ZodType<Scenario> | undefined;

/** The full scenario schema: sections, then assembly into a Scenario, judging only `architectures` (by name) when
 * given (see assembleScenario). Built once for every architecture. */
export function scenarioSchema(architectures?: readonly string[]): z.ZodType<Scenario> {
  sections ??= sectionsSchema();
  if (architectures !== undefined) return sections.transform((values, ctx) => assembleScenario(values as ScenarioValues, ctx, architectures) ?? z.NEVER);
  cached ??= sections.transform((values, ctx) => assembleScenario(values as ScenarioValues, ctx) ?? z.NEVER);
  return cached;
}

/** The JSON Schema of scenario files (draft 2020-12), for editors: completion, hover text and checks. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(sectionsSchema(), { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: "bytepath scenario",
    description: "A comparison to run: architectures, cluster and workload, with human units (\"250 ms\", \"8 MiB\", \"100 MiB/s\"). See scenarios/README.md.",
    ...schema,
  };
}
