// Cluster and network knobs: zones, brokers (or agents) per zone and their instance type — one of the named types
// in sim/model/cluster.ts or one described in place — and the region's latencies (sim/network/networkConfig.ts).

import { z } from "zod";
import { describeValue } from "../errors.ts";
import { INSTANCE_TYPES, type ClusterSpec, type InstanceType } from "../model/cluster.ts";
import {
  CROSS_ZONE_LATENCY_MICROS_DEFAULT,
  SAME_ZONE_LATENCY_MICROS_DEFAULT,
  type NetworkConfig,
} from "../network/networkConfig.ts";
import { formatByteRate, formatBytes, parseByteRate, parseBytes } from "../quantity.ts";
import { integerField, NAME_PATTERN, notOneOf } from "./basicFields.ts";
import { didYouMean } from "./didYouMean.ts";
import type { Field } from "./field.ts";
import { knobObjectField, type KnobTable } from "./knobs.ts";
import { attempt, byteRateField, durationField } from "./quantityFields.ts";

const INSTANCE_KEYS = ["name", "vcpus", "memory", "network"] as const;

/** An instance type: a name from INSTANCE_TYPES, or { name, vcpus, memory: "32 GiB", network: "200 MB/s" }. */
function instanceField(): Field<InstanceType> {
  const names = Object.keys(INSTANCE_TYPES);
  const json = {
    oneOf: [
      { enum: names },
      {
        type: "object",
        properties: {
          name: { type: "string", pattern: NAME_PATTERN.source },
          vcpus: { type: "integer", minimum: 1, maximum: 1024 },
          memory: { type: ["string", "integer"], examples: ["32 GiB"] },
          network: { type: ["string", "number"], examples: ["10 Gbps"] },
        },
        required: [...INSTANCE_KEYS],
        additionalProperties: false,
      },
    ],
  };
  const schema = z
    .unknown()
    .transform((value, ctx) => {
      const problems = instanceProblems(value, names);
      for (const [path, message, input] of problems) ctx.issues.push({ code: "custom", message, input, path });
      if (problems.length > 0) return z.NEVER;
      if (typeof value === "string") return INSTANCE_TYPES[value];
      const { name, vcpus, memory, network } = value as Record<string, unknown>;
      return {
        name: name as string,
        vcpus: vcpus as number,
        memoryBytes: parseBytes("memory", memory),
        networkBytesPerSecond: parseByteRate("network", network),
      };
    })
    .meta(json);
  const format = (instance: InstanceType) =>
    INSTANCE_TYPES[instance.name] === instance ? instance.name : `${instance.name} (${instance.vcpus} vCPU, ${formatBytes(instance.memoryBytes)}, ${formatByteRate(instance.networkBytesPerSecond)})`;
  return { schema, unit: "name or object", format };
}

/** Every problem with an instance value, as [path, message, value]; none means it converts cleanly. */
function instanceProblems(value: unknown, names: readonly string[]): Array<[string[], string, unknown]> {
  if (typeof value === "string") return Object.hasOwn(INSTANCE_TYPES, value) ? [] : [[[], notOneOf(value, names), value]];
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [[[], `expected an instance type name or { name, vcpus, memory, network } (got ${describeValue(value)})`, value]];
  }
  const record = value as Record<string, unknown>;
  const problems: Array<[string[], string, unknown]> = [];
  for (const key of Object.keys(record)) {
    if ((INSTANCE_KEYS as readonly string[]).includes(key)) continue;
    const near = didYouMean(key, INSTANCE_KEYS);
    problems.push([[key], `unknown field${near ? ` (did you mean ${near}?)` : ` (expected ${INSTANCE_KEYS.join(", ")})`}`, record[key]]);
  }
  const expected: Record<(typeof INSTANCE_KEYS)[number], [string, (value: unknown) => boolean]> = {
    name: [`a name such as "m6i.2xlarge"`, (v) => typeof v === "string" && NAME_PATTERN.test(v)],
    vcpus: ["a whole number from 1 to 1024", (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 1 && v <= 1024],
    memory: [`a size > 0 such as "32 GiB"`, (v) => Boolean(attempt(() => parseBytes("memory", v)))],
    network: [`a byte rate > 0 such as "10 Gbps"`, (v) => Boolean(attempt(() => parseByteRate("network", v)))],
  };
  for (const key of INSTANCE_KEYS) {
    const [text, valid] = expected[key];
    const value = record[key];
    if (value === undefined) problems.push([[key], `missing (expected ${text})`, value]);
    else if (!valid(value)) problems.push([[key], `expected ${text} (got ${describeValue(value)})`, value]);
  }
  return problems;
}

/** Cluster knobs (ClusterSpec). */
export const CLUSTER_KNOBS: KnobTable<ClusterSpec> = {
  zones: { key: "zones", field: integerField(1, 16), doc: "Availability zones.", source: "3-zone deployments throughout the reference (section 0)" },
  brokersPerZone: { key: "brokersPerZone", field: integerField(1, 1000), doc: "Brokers (or agents) per zone.", source: "bytepath" },
  instance: { key: "instance", field: instanceField(), doc: `Broker instance: ${Object.keys(INSTANCE_TYPES).join(", ")}, or { name, vcpus, memory, network }.`, source: "sim/model/cluster.ts (price and sizing tables, section C)" },
};

/** The network settings a scenario may set (zones come from the cluster, the interval from sampleInterval). */
export type NetworkOverrides = Omit<NetworkConfig, "zones" | "intervalMicros">;

/** Network knobs (NetworkConfig). */
export const NETWORK_KNOBS: KnobTable<NetworkOverrides> = {
  sameZoneLatency: { key: "sameZoneLatencyMicros", field: durationField(), doc: "One-way latency between hosts in one zone.", source: "us-east-1 same-AZ ping 0.259–0.410 ms RTT (B3)" },
  crossZoneLatency: { key: "crossZoneLatencyMicros", field: durationField(), doc: "One-way latency between zones.", source: "us-east-1 cross-AZ ping 0.937–1.126 ms RTT (B3)" },
  zonePairBandwidth: { key: "zonePairBytesPerSecond", field: byteRateField(), doc: "Capacity between two zones, each way; default: what the hosts can push.", source: "bytepath" },
};

/** Network defaults, for the field reference. */
export const NETWORK_DEFAULTS: NetworkOverrides = {
  sameZoneLatencyMicros: SAME_ZONE_LATENCY_MICROS_DEFAULT,
  crossZoneLatencyMicros: CROSS_ZONE_LATENCY_MICROS_DEFAULT,
};

/** The cluster as one field (partial: a scenario fills it from defaults, an architecture from the scenario). */
export function clusterField(): Field<Partial<ClusterSpec>> {
  return knobObjectField(CLUSTER_KNOBS, "object (cluster table)");
}

/** The network as one field. */
export function networkField(): Field<Partial<NetworkOverrides>> {
  return knobObjectField(NETWORK_KNOBS, "object (network table)");
}
