// Puts a schema-checked scenario together: each architecture's workload and cluster (scenario values with its own
// overrides on top), then the checks that span sections — zones that exist, replicas that fit the brokers, unique
// names, the sink against each cluster — each reported at the path a reader would edit.

import type { z } from "zod";
import { InputError } from "../errors.ts";
import type { Fault } from "../faults/fault.ts";
import type { ClusterSpec } from "../model/cluster.ts";
import type { NarrativeStep } from "../report/reportTypes.ts";
import { DISKLESS_DEFAULTS } from "../model/disklessConfig.ts";
import { KAFKA_DEFAULTS } from "../model/kafkaConfig.ts";
import { resolveS3SinkConfig, type S3SinkConfig } from "../model/s3SinkConfig.ts";
import { createWorkload, type ClientPlacement, type Workload } from "../model/workload.ts";
import type { ArchitectureDraft } from "./architectureSection.ts";
import type { NetworkOverrides } from "./clusterKnobs.ts";
import { defaultCost } from "./costSection.ts";
import { checkFaultsFit, type NamedFault } from "./faultsSection.ts";
import { checkNarrative } from "./narrativeSection.ts";
import { resolveThresholds, STEADY_SCOPE, type ThresholdDraft } from "./thresholdsSection.ts";
import { MODEL_PATH, runModelCheck } from "./modelChecks.ts";
import { producerProblems } from "./producerFits.ts";
import { CLIENTS_MAX, PARTITIONS_MAX, SCENARIO_DEFAULTS, type Scenario, type ScenarioCost, type ScenarioRun, type ScenarioSlo } from "./scenario.ts";
import { SINK_KNOBS } from "./sinkKnobs.ts";
import { layerWorkload, workloadOptions, type WorkloadLayer } from "./workloadKnobs.ts";

/** The top level of a scenario after the schema: every section converted, nothing cross-checked yet. */
export interface ScenarioValues {
  name: string;
  description?: string;
  seed?: number;
  extends?: string;
  architectures: ArchitectureDraft[];
  workload?: WorkloadLayer;
  cluster?: Partial<ClusterSpec>;
  network?: Partial<NetworkOverrides>;
  sink?: Partial<S3SinkConfig>;
  sampleInterval?: number;
  eventBudget?: number;
  slo?: ScenarioSlo;
  cost?: ScenarioCost;
  faults?: NamedFault[];
  thresholds?: ThresholdDraft[];
  narrative?: NarrativeStep[];
}

type Context = { issues: z.core.$ZodRawIssue[] };
type Path = Array<string | number>;

/**
 * Builds the Scenario (source and extends are filled by parseScenario), or adds issues to ctx and returns undefined.
 * With `selected` (architecture names, as --arch picks them) the Scenario holds only those, and the checks of one
 * architecture against the shared sections (replicas that fit the brokers, zones and faults that exist) judge only
 * them: an architecture that will not run cannot refuse the ones that will. The file's own checks (schema, unique
 * names, thresholds, narrative) still cover every item. A selection naming an architecture the scenario lacks judges
 * none and keeps them all, so the caller (parseScenario) can refuse the stray against the whole list, unburied.
 */
export function assembleScenario(values: ScenarioValues, ctx: Context, selected?: readonly string[]): Scenario | undefined {
  const issuesBefore = ctx.issues.length;
  const named = values.faults ?? [];
  const faults = named.map((f) => f.fault);
  checkFaultNames(ctx, named);
  const cluster: ClusterSpec = { ...SCENARIO_DEFAULTS.cluster, ...values.cluster };
  const workload = buildWorkload(ctx, values.workload ?? {}, ["workload"]);
  if (workload) {
    checkSizes(ctx, workload, ["workload"]);
    checkProducer(ctx, workload, values.workload ?? {}, values.workload ?? {}, ["workload"], false);
  }
  const stray = selected?.some((name) => !values.architectures.some((a) => a.name === name)) ?? false;
  const judged = (name: string) => selected === undefined || (!stray && selected.includes(name));
  const runs: ScenarioRun[] = [];
  // Every item's run, judged or not: the warm-up and the end of the run the whole file describes, so thresholds and
  // the narrative resolve as they do without a selection.
  const built: ScenarioRun[] = [];
  values.architectures.forEach((draft, index) => {
    const earlier = values.architectures.findIndex((other) => other.name === draft.name);
    if (earlier < index) {
      issue(ctx, ["architectures", index, "name"], draft.name, `"${draft.name}" is already the name of architectures[${earlier}] (names must be unique)`);
    }
    const run = assembleRun(judged(draft.name) ? ctx : { issues: [] }, values, faults, draft, index, cluster, workload);
    if (run) built.push(run);
    if (run && (judged(draft.name) || stray)) runs.push(run);
  });
  // Checks of the shared sections run once per architecture; a problem they share is reported once.
  const seen = new Set<string>();
  const fresh: typeof ctx.issues = [];
  for (const added of ctx.issues.splice(issuesBefore)) {
    const key = `${added.path?.join(".")}: ${added.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push(added);
  }
  const warmupMicrosMax = Math.max(0, ...built.map((r) => r.workload.warmupDurationMicros));
  const resolved = resolveThresholds(values.thresholds ?? [], named, values.architectures.map((a) => a.name), warmupMicrosMax);
  for (const problem of resolved.problems) fresh.push({ code: "custom", message: problem.message, input: problem.input, path: problem.path });
  const narrative = values.narrative ?? [];
  if (built.length > 0) {
    const endMicros = Math.max(...built.map((r) => r.workload.warmupDurationMicros + r.workload.testDurationMicros));
    for (const problem of checkNarrative(narrative, endMicros)) fresh.push({ code: "custom", message: problem.message, input: problem.input, path: problem.path });
  }
  ctx.issues.push(...fresh);
  if (fresh.length > 0 || workload === undefined) return undefined;
  const scenario: Scenario = {
    name: values.name,
    description: values.description ?? "",
    seed: values.seed ?? SCENARIO_DEFAULTS.seed,
    source: "",
    extends: [],
    workload,
    cluster,
    network: values.network ?? {},
    sampleIntervalMicros: values.sampleInterval ?? SCENARIO_DEFAULTS.sampleIntervalMicros,
    architectures: runs,
    faults,
    faultNames: named.map((f) => f.name ?? f.fault.kind),
    slo: values.slo ?? {},
    cost: values.cost ?? defaultCost(),
    thresholds: resolved.thresholds,
    narrative,
  };
  if (values.eventBudget !== undefined) scenario.eventBudget = values.eventBudget;
  if (values.sink !== undefined) scenario.sink = values.sink;
  return scenario;
}

/** Fault names unique among the named, and never the scope word for the stretch before the first fault. */
function checkFaultNames(ctx: Context, named: readonly NamedFault[]): void {
  named.forEach((f, index) => {
    if (f.name === undefined) return;
    const earlier = named.findIndex((other) => other.name === f.name);
    if (f.name === STEADY_SCOPE) issue(ctx, ["faults", index, "name"], f.name, `"${STEADY_SCOPE}" means the time before the first fault in thresholds (choose another name)`);
    else if (earlier < index) issue(ctx, ["faults", index, "name"], f.name, `"${f.name}" is already the name of faults[${earlier}] (names must be unique)`);
  });
}

/** One architecture's run: the scenario's workload and cluster with its overrides, checked against each other. */
function assembleRun(ctx: Context, values: ScenarioValues, faults: readonly Fault[], draft: ArchitectureDraft, index: number, cluster: ClusterSpec, workload: Workload | undefined): ScenarioRun | undefined {
  const itemPath: Path = ["architectures", index];
  const runCluster: ClusterSpec = { ...cluster, ...draft.cluster };
  const layer = draft.workload ? layerWorkload(values.workload ?? {}, draft.workload) : (values.workload ?? {});
  const runWorkload = draft.workload ? buildWorkload(ctx, layer, [...itemPath, "workload"]) : workload;
  if (draft.workload && runWorkload) {
    checkSizes(ctx, runWorkload, [...itemPath, "workload"]);
    checkProducer(ctx, runWorkload, draft.workload, layer, [...itemPath, "workload"], true);
  }
  // A problem caused by this item's own cluster is said to be this architecture's.
  const suffix = draft.cluster ? ` for architecture "${draft.name}"` : "";
  for (const [key, field] of [["producerPlacement", "producerZones"], ["consumerPlacement", "consumerZones"]] as const) {
    const placement = layer[key];
    if (placement?.kind !== "pinned" || placement.zone < runCluster.zones) continue;
    const path: Path = draft.workload?.[key] !== undefined ? [...itemPath, "workload", field] : ["workload", field];
    issue(ctx, path, placement, `must be a zone from 0 to ${runCluster.zones - 1} (got ${describePlacement(placement)})${suffix}`);
  }
  const clusterPath = (key: keyof ClusterSpec): Path => (draft.cluster?.[key] !== undefined ? [...itemPath, "cluster", key] : ["cluster", key]);
  checkArchitectureFits(ctx, draft, runCluster, itemPath, clusterPath);
  const sinkPlacement = values.sink?.placement;
  if (sinkPlacement?.kind === "pinned" && sinkPlacement.zone >= runCluster.zones) {
    issue(ctx, ["sink", "zones"], sinkPlacement, `must be a zone from 0 to ${runCluster.zones - 1} (got ${describePlacement(sinkPlacement)})${suffix}`);
  } else if (values.sink) {
    runModelCheck(ctx, ["sink"], SINK_KNOBS, () => resolveS3SinkConfig(values.sink ?? {}, runCluster.zones, MODEL_PATH));
  }
  if (faults.length > 0 && runWorkload) checkFaults(ctx, faults, runCluster, runWorkload, suffix);
  return runWorkload && { name: draft.name, architecture: draft.spec, workload: runWorkload, cluster: runCluster };
}

/** The fault timeline against this run: zones, brokers and subscriptions that exist, times within the run. */
function checkFaults(ctx: Context, faults: readonly Fault[], cluster: ClusterSpec, workload: Workload, suffix: string): void {
  const problems = checkFaultsFit(faults, {
    zones: cluster.zones,
    brokers: cluster.zones * cluster.brokersPerZone,
    subscriptions: workload.topics * workload.subscriptionsPerTopic,
    endMicros: workload.warmupDurationMicros + workload.testDurationMicros,
  });
  for (const problem of problems) issue(ctx, problem.path, problem.input, `${problem.message}${suffix}`);
}

function issue(ctx: Context, path: Path, input: unknown, message: string): void {
  ctx.issues.push({ code: "custom", message, input, path });
}

function describePlacement(placement: ClientPlacement): string {
  return placement.kind === "spread" ? "spread" : `{ pinned: ${placement.zone} }`;
}

/** createWorkload on a layer; its InputError (field "workload.x") becomes an issue under path. */
function buildWorkload(ctx: Context, layer: WorkloadLayer, path: Path): Workload | undefined {
  try {
    return createWorkload(workloadOptions(layer));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    issue(ctx, [...path, ...error.field.split(".").slice(1)], error.value, `must be ${error.expected} (got ${String(error.value)})`);
    return undefined;
  }
}

/** Partitions and clients within the bounds a run can be built with. */
function checkSizes(ctx: Context, w: Workload, path: Path): void {
  const partitions = w.topics * w.partitionsPerTopic;
  if (partitions > PARTITIONS_MAX) issue(ctx, [...path, "partitionsPerTopic"], w.partitionsPerTopic, `topics × partitionsPerTopic must be at most ${PARTITIONS_MAX} (got ${partitions})`);
  const producers = w.topics * w.producersPerTopic;
  if (producers > CLIENTS_MAX) issue(ctx, [...path, "producersPerTopic"], w.producersPerTopic, `topics × producersPerTopic must be at most ${CLIENTS_MAX} (got ${producers})`);
  const consumers = w.topics * w.subscriptionsPerTopic * w.consumerPerSubscription;
  if (consumers > CLIENTS_MAX) {
    issue(ctx, [...path, "consumerPerSubscription"], w.consumerPerSubscription, `topics × subscriptionsPerTopic × consumerPerSubscription must be at most ${CLIENTS_MAX} (got ${consumers})`);
  }
}

/** Records that fit the producer's buffer and requests, and an offered load in range (producerFits.ts). */
function checkProducer(ctx: Context, w: Workload, own: WorkloadLayer, effective: WorkloadLayer, path: Path, inherited: boolean): void {
  for (const problem of producerProblems(w, own, effective, inherited)) issue(ctx, [...path, ...problem.path], problem.input, problem.message);
}

/** Replicas that fit the brokers (Kafka) and an S3 Express quorum that fits the buckets (diskless). */
function checkArchitectureFits(ctx: Context, draft: ArchitectureDraft, cluster: ClusterSpec, itemPath: Path, clusterPath: (key: keyof ClusterSpec) => Path): void {
  const spec = draft.spec;
  const brokers = cluster.zones * cluster.brokersPerZone;
  if (spec.kind === "kafka" || spec.kind === "kafka-tiered") {
    const rf = spec.kafka?.replicationFactor ?? KAFKA_DEFAULTS.replicationFactor;
    if (rf <= brokers) return;
    const path = spec.kafka?.replicationFactor !== undefined ? [...itemPath, "replicationFactor"] : clusterPath("brokersPerZone");
    issue(ctx, path, rf, `replicationFactor ${rf} of architecture "${draft.name}" needs at least ${rf} brokers (the cluster has ${cluster.zones} × ${cluster.brokersPerZone} = ${brokers})`);
  } else if (spec.kind === "diskless") {
    const c = { ...DISKLESS_DEFAULTS, ...spec.diskless };
    const buckets = c.expressBuckets === 0 ? cluster.zones : c.expressBuckets;
    if (c.ingestStorage !== "express" || c.expressQuorum <= buckets) return;
    const path = spec.diskless?.expressQuorum !== undefined ? [...itemPath, "expressQuorum"] : [...itemPath, "expressBuckets"];
    issue(ctx, path, c.expressQuorum, `expressQuorum ${c.expressQuorum} of architecture "${draft.name}" needs at least ${c.expressQuorum} S3 Express buckets (it has ${buckets})`);
  }
}
