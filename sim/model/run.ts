// Builds one run — one architecture on one workload, cluster and seed — and advances it in slices. The only place
// that knows every actor; the CLI, the worker API and the tests all come through here.

import { Engine, type RunResult } from "../engine.ts";
import { applyFaults } from "../faults/applyFaults.ts";
import type { FaultRun } from "../faults/faultRun.ts";
import { InputError } from "../errors.ts";
import { INTERVALS_MAX, requireIntervalMicros } from "../metrics/intervalSeries.ts";
import { Network } from "../network/index.ts";
import { createRng } from "../random.ts";
import { INSTANCE_TYPES, layoutBrokers, type ClusterSpec } from "./cluster.ts";
import { Consumers, type ConsumerHostSpec } from "./consumers.ts";
import { createArchitecture, type ArchitectureSpec } from "./architectures.ts";
import { Producers, type ProducerHostSpec } from "./producers.ts";
import { summarizeRun, type RunResultSummary } from "./result.ts";
import { Sampler } from "./sampler.ts";
import { S3Sink } from "./s3Sink.ts";
import type { S3SinkConfig } from "./s3SinkConfig.ts";
import { RunStats } from "./runStats.ts";
import { clientZone, type Workload } from "./workload.ts";
import type { Architecture, World } from "./world.ts";
import type { NetworkConfig } from "../network/index.ts";

/** Everything one run needs, in base units. */
export interface RunConfig {
  seed: number;
  workload: Workload;
  cluster: ClusterSpec;
  architecture: ArchitectureSpec;
  /** Width of per-interval series and latency histograms, µs. */
  intervalMicros: number;
  network?: Partial<NetworkConfig>;
  /** Event budget for the whole run; hitting it stops the run and says so. */
  eventBudget?: number;
  /** Kafka Connect S3 sink add-on: one more consumer group exporting every record to S3 (absent = none). Its
   * workers' fetches are flow class "export" and stay out of RunStats; its own figures are in `run.sink`. */
  sink?: Partial<S3SinkConfig>;
  /** Fault timeline (sim/faults' catalogue as plain data, times µs); faults at or after the run's end never fire. */
  faults?: readonly unknown[];
}

/** A built run that can be advanced in slices; running in one slice or many gives the same result. */
export interface Run {
  readonly config: RunConfig;
  readonly world: World;
  readonly arch: Architecture;
  readonly producers: Producers;
  readonly consumers: Consumers;
  readonly sampler: Sampler;
  /** The S3 sink add-on, when the config asked for one. */
  readonly sink: S3Sink | undefined;
  /** End of the run: warm-up plus test duration, µs. */
  readonly endMicros: number;
  /** The fault timeline being played, when the config has one (what the recovery metrics read). */
  readonly faultRun: FaultRun | undefined;
  /** Advances simulated time to untilMicros (clamped to the end), within eventsMax events. */
  advance(untilMicros: number, eventsMax?: number): RunResult;
  readonly done: boolean;
  /** The result so far, as plain data (the final result once done). */
  result(): RunResultSummary;
}

/** Wires engine, network, brokers, clients and architecture for one run. */
export function createRun(config: RunConfig): Run {
  const { workload, cluster } = config;
  const endMicros = workload.warmupDurationMicros + workload.testDurationMicros;
  checkIntervalCount(config.intervalMicros, endMicros);
  const engine = new Engine({ horizonMicros: endMicros, eventBudget: config.eventBudget ?? Number.MAX_SAFE_INTEGER });
  const rng = createRng(config.seed);
  const network = new Network(engine, rng.fork("network"), { zones: cluster.zones, intervalMicros: config.intervalMicros, ...config.network });
  const brokers = layoutBrokers(cluster, config.architecture.kind === "diskless" ? "agent" : "broker");
  const nic = cluster.instance.networkBytesPerSecond;
  const brokerHosts = brokers.map((b) => network.addHost({ name: b.name, zone: b.zone, egressBytesPerSecond: nic, ingressBytesPerSecond: nic }));
  const stats = new RunStats(config.intervalMicros, workload.warmupDurationMicros);
  const world: World = { engine, rng, network, workload, zones: cluster.zones, brokers, brokerHosts, stats, timeline: [] };
  const clientNic = INSTANCE_TYPES.client.networkBytesPerSecond;
  // OMB's clients: producersPerTopic producers on each topic, and subscriptionsPerTopic subscriptions of
  // consumerPerSubscription consumers each reading only that topic. Producer i writes topic i / producersPerTopic and
  // subscription s reads topic s / subscriptionsPerTopic (the order fault timelines name subscriptions by).
  const producerHosts: ProducerHostSpec[] = [];
  const producerCount = workload.topics * workload.producersPerTopic;
  for (let i = 0; i < producerCount; i++) {
    const zone = clientZone(workload.producerPlacement, i, cluster.zones);
    checkZone("workload.producerPlacement.zone", zone, cluster.zones);
    const topic = Math.floor(i / workload.producersPerTopic);
    producerHosts.push({ zone, topic, host: network.addHost({ name: `producer-${i}`, zone, egressBytesPerSecond: clientNic, ingressBytesPerSecond: clientNic }) });
  }
  const consumerHosts: ConsumerHostSpec[] = [];
  const subscriptions = workload.topics * workload.subscriptionsPerTopic;
  for (let s = 0; s < subscriptions; s++) {
    const topic = Math.floor(s / workload.subscriptionsPerTopic);
    for (let c = 0; c < workload.consumerPerSubscription; c++) {
      const zone = clientZone(workload.consumerPlacement, c, cluster.zones);
      checkZone("workload.consumerPlacement.zone", zone, cluster.zones);
      const name = `consumer-${s}-${c}`;
      consumerHosts.push({ subscription: s, topic, zone, host: network.addHost({ name, zone, egressBytesPerSecond: clientNic, ingressBytesPerSecond: clientNic }) });
    }
  }
  const producers = new Producers(world, producerHosts);
  // The sink's workers are one more subscription after the workload's; their hosts come after every client's.
  const sink = config.sink ? new S3Sink(world, config.sink, subscriptions) : undefined;
  const consumers = new Consumers(world, sink ? [...consumerHosts, ...sink.consumerHosts()] : consumerHosts);
  const arch = createArchitecture(world, config.architecture, cluster, producers, consumers);
  const sampler = new Sampler(world, arch, consumers, config.intervalMicros);
  sink?.bind(arch, consumers);
  arch.start();
  sink?.start();
  producers.start(arch);
  consumers.start(arch);
  sampler.start();
  const run: Run = {
    config,
    world,
    arch,
    producers,
    consumers,
    sampler,
    sink,
    endMicros,
    faultRun: undefined as FaultRun | undefined,
    result(): RunResultSummary {
      return summarizeRun(this, sampler);
    },
    advance(untilMicros: number, eventsMax?: number): RunResult {
      return engine.runUntil(Math.min(untilMicros, endMicros), eventsMax);
    },
    get done(): boolean {
      return engine.nowMicros >= endMicros;
    },
  };
  if (config.faults !== undefined) {
    if (!Array.isArray(config.faults)) throw new InputError("faults", config.faults, "a list of faults");
    // A run cut shorter than its scenario (a preview, a test) simply ends before its later faults.
    // Anything malformed stays in the list for applyFaults to reject by name.
    const due = config.faults.filter((fault) => !(typeof (fault as { at?: unknown } | null)?.at === "number" && (fault as { at: number }).at >= endMicros));
    if (due.length > 0) (run as { faultRun: FaultRun | undefined }).faultRun = applyFaults(run, due);
  }
  return run;
}

function checkZone(field: string, zone: number, zones: number): void {
  if (!Number.isSafeInteger(zone) || zone < 0 || zone >= zones) throw new InputError(field, zone, `a zone from 0 to ${zones - 1}`);
}

/** A run's series hold at most INTERVALS_MAX intervals: refuse a run too long for its interval before building it,
 * not when its clock reaches the last interval it can hold. */
function checkIntervalCount(intervalMicros: number, endMicros: number): void {
  requireIntervalMicros(intervalMicros);
  if (Math.floor(endMicros / intervalMicros) < INTERVALS_MAX) return;
  throw new InputError("intervalMicros", intervalMicros, `at least ${Math.floor(endMicros / INTERVALS_MAX) + 1} µs for a run of ${endMicros} µs (a run's series hold at most ${INTERVALS_MAX} intervals)`);
}
