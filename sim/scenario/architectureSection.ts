// One item of a scenario's `architectures:` list: `{ kind, name?, extends?, ...knobs, workload?, cluster? }`. The
// knobs are the kind's table (kafkaKnobs.ts, disaggregatedKnobs.ts); workload and cluster override the scenario's
// for this architecture only. Each kind's own model validation runs here, so its errors carry scenario paths.

import { z } from "zod";
import { resolveAutomqConfig } from "../model/automqConfig.ts";
import type { ArchitectureSpec } from "../model/architectures.ts";
import type { ClusterSpec } from "../model/cluster.ts";
import { checkDisklessConfig, DISKLESS_DEFAULTS } from "../model/disklessConfig.ts";
import { KAFKA_DEFAULTS, TIERED_DEFAULTS, type KafkaConfig } from "../model/kafkaConfig.ts";
import { GP3_DEFAULTS, S3_EXPRESS_DEFAULTS, S3_STANDARD_DEFAULTS, type BlockVolumeConfig, type ObjectStoreConfig } from "../storage/defaults.ts";
import { validateBlockVolumeConfig, validateObjectStoreConfig } from "../storage/validateConfig.ts";
import { nameField } from "./basicFields.ts";
import { clusterField } from "./clusterKnobs.ts";
import { AUTOMQ_KNOBS, DISKLESS_KNOBS } from "./disaggregatedKnobs.ts";
import { KAFKA_KNOBS, TIERED_KNOBS } from "./kafkaKnobs.ts";
import { knobShape, knobsToConfig, type KnobTable } from "./knobs.ts";
import { MODEL_PATH, runModelCheck } from "./modelChecks.ts";
import { OBJECT_STORE_KNOBS, VOLUME_KNOBS, objectStoreField, volumeField } from "./storageKnobs.ts";
import { workloadField, type WorkloadLayer } from "./workloadKnobs.ts";

/** An architecture as parsed: its run spec and what it overrides of the scenario's workload and cluster. */
export interface ArchitectureDraft {
  name: string;
  spec: ArchitectureSpec;
  workload?: WorkloadLayer;
  cluster?: Partial<ClusterSpec>;
}

/** Knob tables by kind: the keys each kind accepts besides kind, name, extends, workload and cluster. */
export const KIND_TABLES = {
  kafka: [KAFKA_KNOBS],
  "kafka-tiered": [KAFKA_KNOBS, TIERED_KNOBS],
  automq: [AUTOMQ_KNOBS],
  diskless: [DISKLESS_KNOBS],
} as const;

/** Keys a kind accepts outside its knob tables. */
export const EXTRA_ITEM_KEYS: Readonly<Record<string, readonly string[]>> = { kafka: ["volume"], "kafka-tiered": ["volume", "objectStore"] };

/** Keys every item accepts whatever its kind. */
export const COMMON_ITEM_KEYS = ["kind", "name", "extends", "workload", "cluster"] as const;

type Context = { issues: z.core.$ZodRawIssue[] };
type Values = Record<string, unknown>;

function common() {
  return {
    name: nameField().schema.meta({ description: "Unique label of this run (default: the kind)." }).optional(),
    extends: nameField().schema.meta({ description: "An earlier architecture of this list, or of the extended scenario, to start from." }).optional(),
    workload: workloadField().schema.meta({ description: "Workload fields that differ for this architecture." }).optional(),
    cluster: clusterField().schema.meta({ description: "Cluster fields that differ for this architecture." }).optional(),
  };
}

/** The schema of one architecture item, discriminated by kind. */
export function architectureSchema() {
  const volume = volumeField().schema.meta({ description: "Overrides of each broker's EBS gp3 volume." }).optional();
  const objectStore = objectStoreField().schema.meta({ description: "Overrides of the tiered-storage S3 bucket." }).optional();
  return z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("kafka"), ...common(), ...knobShape(KAFKA_KNOBS), volume }).transform((v, ctx) => kafkaDraft(v, ctx, false)),
    z.strictObject({ kind: z.literal("kafka-tiered"), ...common(), ...knobShape(KAFKA_KNOBS), ...knobShape(TIERED_KNOBS), volume, objectStore })
      .transform((v, ctx) => kafkaDraft(v, ctx, true)),
    z.strictObject({ kind: z.literal("automq"), ...common(), ...knobShape(AUTOMQ_KNOBS) }).transform(automqDraft),
    z.strictObject({ kind: z.literal("diskless"), ...common(), ...knobShape(DISKLESS_KNOBS) }).transform(disklessDraft),
  ]);
}

function draft(values: Values, spec: ArchitectureSpec): ArchitectureDraft {
  const result: ArchitectureDraft = { name: spec.name ?? spec.kind, spec };
  if (values.workload !== undefined) result.workload = values.workload as WorkloadLayer;
  if (values.cluster !== undefined) result.cluster = values.cluster as Partial<ClusterSpec>;
  return result;
}

function nonEmpty(object: object): boolean {
  return Object.keys(object).length > 0;
}

function kafkaDraft(values: Values, ctx: Context, tiered: boolean): ArchitectureDraft {
  const name = (values.name as string | undefined) ?? (tiered ? "kafka-tiered" : "kafka");
  const kafka: Partial<KafkaConfig> = knobsToConfig(KAFKA_KNOBS, values);
  const merged = { ...KAFKA_DEFAULTS, ...kafka };
  if (merged.minInsyncReplicas > merged.replicationFactor) {
    const key = kafka.minInsyncReplicas !== undefined ? "minInsyncReplicas" : "replicationFactor";
    const message = key === "minInsyncReplicas"
      ? `must be at most replicationFactor, ${merged.replicationFactor} (got ${merged.minInsyncReplicas})`
      : `must be at least minInsyncReplicas, ${merged.minInsyncReplicas} (got ${merged.replicationFactor})`;
    ctx.issues.push({ code: "custom", message, input: values[key], path: [key] });
  }
  const volume = values.volume as Partial<BlockVolumeConfig> | undefined;
  if (volume) runModelCheck(ctx, ["volume"], VOLUME_KNOBS, () => validateBlockVolumeConfig({ ...GP3_DEFAULTS, ...volume }));
  const store = values.objectStore as Partial<ObjectStoreConfig> | undefined;
  if (store) runModelCheck(ctx, ["objectStore"], OBJECT_STORE_KNOBS, () => validateObjectStoreConfig({ ...S3_STANDARD_DEFAULTS, ...store }));
  const tieredPart = tiered ? knobsToConfig(TIERED_KNOBS, values) : {};
  if (nonEmpty(tieredPart)) kafka.tiered = { ...TIERED_DEFAULTS, ...tieredPart };
  const spec: ArchitectureSpec = tiered ? { kind: "kafka-tiered", name } : { kind: "kafka", name };
  if (nonEmpty(kafka)) spec.kafka = kafka;
  if (volume) spec.volume = volume;
  if (store && spec.kind === "kafka-tiered") spec.objectStore = store;
  return draft(values, spec);
}

function automqDraft(values: Values, ctx: Context): ArchitectureDraft {
  const automq = knobsToConfig(AUTOMQ_KNOBS, values);
  runModelCheck(ctx, [], AUTOMQ_KNOBS, () => resolveAutomqConfig(automq, MODEL_PATH));
  checkStores(ctx, AUTOMQ_KNOBS, { walVolume: automq.walVolume }, { objectStore: [automq.objectStore, S3_STANDARD_DEFAULTS] });
  const spec: ArchitectureSpec = { kind: "automq", name: (values.name as string | undefined) ?? "automq" };
  if (nonEmpty(automq)) spec.automq = automq;
  return draft(values, spec);
}

function disklessDraft(values: Values, ctx: Context): ArchitectureDraft {
  const diskless = knobsToConfig(DISKLESS_KNOBS, values);
  runModelCheck(ctx, [], DISKLESS_KNOBS, () => checkDisklessConfig({ ...DISKLESS_DEFAULTS, ...diskless }, MODEL_PATH));
  checkStores(ctx, DISKLESS_KNOBS, {}, { standardStore: [diskless.standardStore, S3_STANDARD_DEFAULTS], expressStore: [diskless.expressStore, S3_EXPRESS_DEFAULTS] });
  const spec: ArchitectureSpec = { kind: "diskless", name: (values.name as string | undefined) ?? "diskless" };
  if (nonEmpty(diskless)) spec.diskless = diskless;
  return draft(values, spec);
}

/** Validates nested volume and store overrides against the defaults they will be spread over (a WAL volume's own
 * preset only changes size, throughput and IOPS, which the gp3 base checks the same way). */
function checkStores<T>(
  ctx: Context,
  table: KnobTable<T>,
  volumes: Record<string, Partial<BlockVolumeConfig> | undefined>,
  stores: Record<string, [Partial<ObjectStoreConfig> | undefined, ObjectStoreConfig]>,
): void {
  const keyOf = (modelKey: string) => Object.entries(table).find(([, k]) => k.key === modelKey)?.[0] ?? modelKey;
  for (const [key, volume] of Object.entries(volumes)) {
    if (volume) runModelCheck(ctx, [keyOf(key)], VOLUME_KNOBS, () => validateBlockVolumeConfig({ ...GP3_DEFAULTS, ...volume }));
  }
  for (const [key, [store, base]] of Object.entries(stores)) {
    if (store) runModelCheck(ctx, [keyOf(key)], OBJECT_STORE_KNOBS, () => validateObjectStoreConfig({ ...base, ...store }));
  }
}
