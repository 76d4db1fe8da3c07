// The field reference of scenarios/README.md, generated from the knob tables and the models' own defaults so the
// page cannot drift from the parser: one markdown table per section.

import { AUTOMQ_DEFAULTS } from "../model/automqConfig.ts";
import { DISKLESS_DEFAULTS } from "../model/disklessConfig.ts";
import { KAFKA_DEFAULTS, TIERED_DEFAULTS } from "../model/kafkaConfig.ts";
import { S3_SINK_PRESET } from "../model/s3SinkConfig.ts";
import { DEFAULT_CONSUMER, DEFAULT_PRODUCER } from "../model/workload.ts";
import { formatDuration } from "../quantity.ts";
import { GP3_DEFAULTS, S3_STANDARD_DEFAULTS, SDK_STANDARD_RETRY } from "../storage/defaults.ts";
import { faultReferenceRows } from "./faultsSection.ts";
import { CLUSTER_KNOBS, NETWORK_DEFAULTS, NETWORK_KNOBS } from "./clusterKnobs.ts";
import { AUTOMQ_KNOBS, DISKLESS_KNOBS } from "./disaggregatedKnobs.ts";
import { KAFKA_KNOBS, TIERED_KNOBS } from "./kafkaKnobs.ts";
import { knobRows, type ReferenceRow } from "./knobs.ts";
import { SCENARIO_DEFAULTS } from "./scenario.ts";
import { SINK_KNOBS } from "./sinkKnobs.ts";
import { OBJECT_STORE_KNOBS, RETRY_KNOBS, VOLUME_KNOBS } from "./storageKnobs.ts";
import { CONSUMER_KNOBS, PRODUCER_KNOBS, WORKLOAD_KNOBS, workloadDefaults } from "./workloadKnobs.ts";

const row = (field: string, unit: string, value: string, meaning: string, source: string): ReferenceRow => ({ field, unit, default: value, meaning, source });

const TOP_LEVEL: ReferenceRow[] = [
  row("name", "name", "required", "Name of the scenario; a library file is `<name>.yaml`. Not inherited.", "bytepath"),
  row("description", "text", "\"\"", "What the scenario teaches. Not inherited.", "bytepath"),
  row("seed", "count", String(SCENARIO_DEFAULTS.seed), "Seed of every run; the same seed gives the same result.", "bytepath"),
  row("extends", "name", "—", "A library scenario to start from: objects merge, lists and values replace.", "bytepath"),
  row("architectures", "list", "required", "The architectures to compare (1 to 16), see below.", "bytepath"),
  row("workload", "object", "see workload", "What the clients do.", "OpenMessaging Benchmark"),
  row("cluster", "object", "3 zones × 2 r6i.xlarge", "Zones, brokers and instance type.", "bytepath default comparison"),
  row("network", "object", "see network", "Latencies and zone-to-zone capacity.", "B3"),
  row("sink", "object", "none", "Adds a Kafka Connect S3 sink to every architecture; `{}` for its preset.", "A5"),
  row("sampleInterval", "duration", formatDuration(SCENARIO_DEFAULTS.sampleIntervalMicros), "Width of result series and latency histograms.", "bytepath"),
  row("eventBudget", "count", "unbounded", "Events one run may take before it stops and says so.", "bytepath"),
  row("faults", "list", "none", "The fault timeline of every architecture's run, see below.", "bytepath"),
];

const ITEM: ReferenceRow[] = [
  row("kind", "choice", "required", "`kafka`, `kafka-tiered`, `automq` or `diskless`.", "bytepath"),
  row("name", "name", "the kind", "Unique label of the run.", "bytepath"),
  row("extends", "name", "—", "Start from an earlier item of this list, or of the extended scenario, by name; the kind must match.", "bytepath"),
  row("workload", "object", "the scenario's", "Workload fields that differ for this architecture (producer and consumer settings merge).", "bytepath"),
  row("cluster", "object", "the scenario's", "Cluster fields that differ for this architecture.", "bytepath"),
];

/** Markdown tables of every scenario field, with units, defaults, meanings and sources. */
export function fieldReferenceMarkdown(): string {
  const sections: Array<[string, string, ReferenceRow[]]> = [
    ["Top level", "", TOP_LEVEL],
    ["Architecture items (`architectures[i]`)", "Every kind accepts these, plus the fields of its kind below.", ITEM],
    ["workload", "", knobRows(WORKLOAD_KNOBS, workloadDefaults())],
    ["workload.producer", "", knobRows(PRODUCER_KNOBS, DEFAULT_PRODUCER)],
    ["workload.consumer", "", knobRows(CONSUMER_KNOBS, DEFAULT_CONSUMER)],
    ["cluster", "", knobRows(CLUSTER_KNOBS, SCENARIO_DEFAULTS.cluster)],
    ["network", "", knobRows(NETWORK_KNOBS, NETWORK_DEFAULTS)],
    ["kind: kafka and kafka-tiered", "Both accept `volume` (the block volume table) for each broker's disk.", knobRows(KAFKA_KNOBS, KAFKA_DEFAULTS)],
    ["kind: kafka-tiered (also)", "Also accepts `objectStore` (the object store table) for the tiered bucket.", knobRows(TIERED_KNOBS, TIERED_DEFAULTS)],
    ["kind: automq", "", knobRows(AUTOMQ_KNOBS, AUTOMQ_DEFAULTS)],
    ["kind: diskless", "", knobRows(DISKLESS_KNOBS, DISKLESS_DEFAULTS)],
    ["sink", "", knobRows(SINK_KNOBS, S3_SINK_PRESET)],
    ["Block volume (`volume`, `walVolume`)", "Defaults are EBS gp3's; AutoMQ's WAL volume starts from its own 10 GiB preset.", knobRows(VOLUME_KNOBS, GP3_DEFAULTS)],
    ["Object store (`objectStore`, `standardStore`, `expressStore`, `sink.store`)", "Defaults are S3 Standard's; `expressStore` starts from S3 Express One Zone's.", knobRows(OBJECT_STORE_KNOBS, S3_STANDARD_DEFAULTS)],
    ["Object store retry (`…Store.retry`)", "", knobRows(RETRY_KNOBS, SDK_STANDARD_RETRY)],
    ["Fault kinds (`faults[i].kind`)", "Every item has `kind` and `at` (a duration from the start of the run; it must begin before the run ends), and `duration` where the kind lasts.", faultReferenceRows()],
  ];
  return sections.map(([title, note, rows]) => `### ${title}\n\n${note ? `${note}\n\n` : ""}${table(rows)}`).join("\n\n");
}

function table(rows: ReferenceRow[]): string {
  const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
  const lines = ["| field | unit | default | meaning | source |", "|---|---|---|---|---|"];
  for (const r of rows) lines.push(`| \`${r.field}\` | ${cell(r.unit)} | ${cell(r.default)} | ${cell(r.meaning)} | ${cell(r.source)} |`);
  return lines.join("\n");
}
