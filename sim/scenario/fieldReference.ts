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
import { DECISION_AREAS } from "../report/reportTypes.ts";
import { METRICS, metricScopes, type Dimension } from "../thresholds/metricCatalogue.ts";
import { PRICE_BOOK_NAMES, SCENARIO_DEFAULTS } from "./scenario.ts";
import { SINK_KNOBS } from "./sinkKnobs.ts";
import { OBJECT_STORE_KNOBS, RETRY_KNOBS, VOLUME_KNOBS } from "./storageKnobs.ts";
import { EXACT_FIDELITY } from "../model/fidelity.ts";
import { CONSUMER_KNOBS, FIDELITY_KNOBS, PRODUCER_KNOBS, WORKLOAD_KNOBS, workloadDefaults } from "./workloadKnobs.ts";

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
  row("slo", "object", "per run", "The produce-latency objective recovery is judged against, see below.", "bytepath"),
  row("cost", "object", "see cost", "The price book, price changes and sizing assumptions, see below.", "bytepath"),
  row("faults", "list", "none", "The fault timeline of every architecture's run, see below.", "bytepath"),
  row("thresholds", "list", "none", "Pass/fail checks of every run, feeding the scorecard, see below.", "bytepath"),
  row("narrative", "list", "none", "Timed teaching steps shown beside a run, see below.", "bytepath"),
];

const SLO: ReferenceRow[] = [
  row("produceP99", "duration", "2 × the run's worst pre-fault interval p99", "Produce p99 objective; a fault's time to SLO is until every later interval's p99 is under it.", "bytepath"),
];

const COST: ReferenceRow[] = [
  row("priceBook", "choice", PRICE_BOOK_NAMES[0], `A bundled price book: ${PRICE_BOOK_NAMES.join(", ")} (scenarios/prices/<name>.json).`, "bytepath"),
  row("prices", "object", "none", "Changes to the book: `gigabyte`, `month`, `lines` (by line id, e.g. `interZoneTransferOut: { price: 0.01 }`), `instances`.", "bytepath"),
  row("retention", "duration", "the model's retention.ms, else 7 d", "Retention of object-store data, for sizing storage.", "Kafka log.retention.ms"),
  row("localRetention", "duration", "tiered storage's local retention, else retention", "Retention of log volumes.", "KIP-405"),
  row("volumeHeadroom", "ratio", "0", "Free space on log volumes as a fraction of the retained bytes.", "bytepath"),
];

const FAULT_ITEM: ReferenceRow[] = [
  row("kind", "choice", "required", "One of the fault kinds below.", "sim/faults"),
  row("name", "name", "the kind", "Unique name; thresholds say `during <name>` and reports label the fault with it. `steady` is reserved.", "bytepath"),
  row("at", "duration", "required", "When the fault begins, from the start of the run; it must begin before the run ends.", "sim/faults"),
  row("duration", "duration", "—", "How long it lasts, for the kinds that last.", "sim/faults"),
];

const THRESHOLD_ITEM: ReferenceRow[] = [
  row("check", "check", "required", "`<metric> <op> <value> [during <scope>]`, op one of `<`, `<=`, `>`, `>=`; metrics below. Scope: none (the measured run), a fault's name (or its kind when only one fault has it) for the fault's window — from its start to the next later fault's start or the run's end — or `steady` (measured time before the first fault).", "bytepath"),
  row("area", "choice", "required", `The scorecard area a failure counts against: ${DECISION_AREAS.join(", ")}.`, "bytepath"),
  row("severity", "choice", "blocking", "`blocking`: a failure blocks the area; `risk`: a failure is an accepted risk.", "bytepath"),
  row("architectures", "list", "every one", "Names of the architectures it applies to.", "bytepath"),
];

const NARRATIVE_ITEM: ReferenceRow[] = [
  row("at", "duration", "required", "When the step applies; before the run's end and not before the step above.", "bytepath"),
  row("title", "text", "required", "A short title (at most 120 characters).", "bytepath"),
  row("text", "text", "required", "What to watch and what it means.", "bytepath"),
  row("watch", "list", "[]", "Metric names (as in thresholds) worth watching at this step.", "bytepath"),
];

const DIMENSION_VALUES: Readonly<Record<Dimension, string>> = {
  time: "duration",
  bytes: "size",
  byteRate: "byte rate",
  rate: "rate",
  count: "number",
  ratio: "number or %",
  usdPerMonth: "`$N/month`",
  usd: "`$N`",
};

/** The metric catalogue as a table: names, how a limit is written, where it can be measured, meaning. */
function metricTable(): string {
  const lines = ["| metric | also written | limit as | unit shown | scopes | meaning |", "|---|---|---|---|---|---|"];
  for (const m of METRICS) {
    const scopes = metricScopes(m);
    const where = [scopes.run ? "run" : "", scopes.window ? "steady" : "", scopes.fault ? "fault" : ""].filter((w) => w !== "").join(", ");
    const aliases = m.aliases.map((a) => `\`${a}\``).join(", ") || "—";
    lines.push(`| \`${m.id}\` | ${aliases} | ${DIMENSION_VALUES[m.dimension]} | ${m.unit} | ${where} | ${m.meaning.replaceAll("|", "\\|")} |`);
  }
  lines.push("| `figures.<key>` | — | by the key's suffix (…Bytes size, …Ratio number, …Seconds duration, else number) | — | run | A figure of the architecture's own report (`architectureFigures`). |");
  return lines.join("\n");
}

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
    ["workload.fidelity", "Coarse fidelity trades a stated latency error for far fewer events (scenarios/models/fidelity.md).", knobRows(FIDELITY_KNOBS, EXACT_FIDELITY)],
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
    ["slo", "", SLO],
    ["cost", "", COST],
    ["Fault items (`faults[i]`)", "Every item has these, plus the fields of its kind below.", FAULT_ITEM],
    ["Fault kinds (`faults[i].kind`)", "", faultReferenceRows()],
    ["Threshold items (`thresholds[i]`)", "", THRESHOLD_ITEM],
    ["Narrative steps (`narrative[i]`)", "", NARRATIVE_ITEM],
  ];
  const tables = sections.map(([title, note, rows]) => `### ${title}\n\n${note ? `${note}\n\n` : ""}${table(rows)}`).join("\n\n");
  const metrics = "Names are case-insensitive. Scopes: `run` (no `during`), `steady` and `fault` (`during <fault>`). In a window, latencies are the worst interval's, rates the mean over the intervals, costs the time-weighted rate of the cost states; recovery metrics need a fault scope (the only fault when there is one).";
  return `${tables}\n\n### Threshold metrics (\`check\`)\n\n${metrics}\n\n${metricTable()}`;
}

function table(rows: ReferenceRow[]): string {
  const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
  const lines = ["| field | unit | default | meaning | source |", "|---|---|---|---|---|"];
  for (const r of rows) lines.push(`| \`${r.field}\` | ${cell(r.unit)} | ${cell(r.default)} | ${cell(r.meaning)} | ${cell(r.source)} |`);
  return lines.join("\n");
}
