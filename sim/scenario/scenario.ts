// What a parsed scenario is: a named comparison — one or more architectures, each with the workload and cluster
// it runs on — in internal units (µs, bytes), as plain data that crosses a worker boundary unchanged.

import type { CostAssumptions } from "../cost/costReport.ts";
import type { PriceBookOverrides } from "../cost/priceBookSchema.ts";
import type { Fault } from "../faults/fault.ts";
import type { ArchitectureSpec } from "../model/architectures.ts";
import { INSTANCE_TYPES, type ClusterSpec } from "../model/cluster.ts";
import type { S3SinkConfig } from "../model/s3SinkConfig.ts";
import type { NarrativeStep } from "../report/reportTypes.ts";
import type { Threshold } from "../thresholds/threshold.ts";
import type { Workload } from "../model/workload.ts";
import { MICROS_PER_SECOND } from "../units.ts";
import type { NetworkOverrides } from "./clusterKnobs.ts";

/** One architecture of a scenario with everything its run needs. */
export interface ScenarioRun {
  /** Unique within the scenario; the run's architecture name. */
  name: string;
  architecture: ArchitectureSpec;
  workload: Workload;
  cluster: ClusterSpec;
}

/** A validated scenario in internal units. */
export interface Scenario {
  name: string;
  /** What the scenario teaches. */
  description: string;
  /** Seed of every run (a caller may override it). */
  seed: number;
  /** Where the text came from (a file path, "<editor>", a library name). */
  source: string;
  /** Library scenarios this one extends, nearest first. */
  extends: string[];
  /** The scenario-level workload and cluster, before per-architecture overrides. */
  workload: Workload;
  cluster: ClusterSpec;
  network: Partial<NetworkOverrides>;
  /** Width of result series and latency histograms, µs. */
  sampleIntervalMicros: number;
  /** Event budget per run; absent = unbounded. */
  eventBudget?: number;
  /** Kafka Connect S3 sink overrides, when the scenario adds the sink to every architecture. */
  sink?: Partial<S3SinkConfig>;
  architectures: ScenarioRun[];
  /** The fault timeline of every architecture's run (times µs); empty for a steady run. */
  faults: Fault[];
  /** Each fault's name, by index: its `name` in the file, else its kind. */
  faultNames: string[];
  /** The produce-latency SLO recovery is judged against; empty: each run derives its own. */
  slo: ScenarioSlo;
  /** How the runs are priced. */
  cost: ScenarioCost;
  /** Pass/fail checks of every run, in file order. */
  thresholds: Threshold[];
  /** Timed teaching steps shown beside a run, in file order. */
  narrative: NarrativeStep[];
}

/** The scenario's service-level objective. */
export interface ScenarioSlo {
  /** Produce (publish) p99 latency, µs. */
  produceP99Micros?: number;
}

/** Price book names bundled with bytepath. */
export const PRICE_BOOK_NAMES = ["aws-us-east-1"] as const;

/** The scenario's pricing: a bundled book, changes to it, and the sizing assumptions the run cannot measure. */
export interface ScenarioCost {
  priceBook: (typeof PRICE_BOOK_NAMES)[number];
  /** Changes to the book's lines, instances or conventions, already checked against it. */
  prices?: PriceBookOverrides;
  assumptions: CostAssumptions;
}

/** Scenario-level defaults (model defaults live with the models): those of the built-in default comparison. */
export const SCENARIO_DEFAULTS = {
  seed: 1,
  sampleIntervalMicros: 10 * MICROS_PER_SECOND,
  cluster: { zones: 3, brokersPerZone: 2, instance: INSTANCE_TYPES["r6i.xlarge"] } satisfies ClusterSpec,
};

/** Most architectures one scenario compares. */
export const ARCHITECTURES_MAX = 16;
/** Most partitions over all topics: a bound so a slip of the keyboard cannot build a run too large to start. */
export const PARTITIONS_MAX = 100_000;
/** Most producer clients, and most consumer clients, in one run (the same kind of bound). */
export const CLIENTS_MAX = 10_000;
