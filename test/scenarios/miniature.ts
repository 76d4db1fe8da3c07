// The miniature of a library scenario: the same architectures, cluster and faults at a small rate on few partitions,
// with the scenario's clock compressed by one factor, so an outcome test or a seed sweep takes seconds; and the
// library itself (names, texts, parsing with `extends:` resolved in scenarios/).

import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Fault } from "../../sim/faults/fault.ts";
import type { Workload } from "../../sim/model/workload.ts";
import { parseScenario, type Scenario } from "../../sim/scenario/index.ts";

/** How small a miniature is. */
export interface MiniatureOptions {
  /** Measured simulated time of the miniature, µs. */
  testDurationMicros: number;
  /** Factor on every time of the scenario's clock (warm-up, fault times, sample interval). Default: testDurationMicros
   * over the scenario's test duration, so the whole run is compressed; a larger factor with a short testDurationMicros
   * keeps the fault timeline longer and cuts the run after it. */
  timeScale?: number;
  /** Offered load over all producers, uncompressed bytes/s. */
  produceBytesPerSecond: number;
  /** Partitions per topic. */
  partitionsPerTopic: number;
}

/** The library folder (scenarios/), with a trailing slash. */
export const LIBRARY_FOLDER = fileURLToPath(new URL("../../scenarios/", import.meta.url));

/** Names of the library's scenarios (scenarios/<name>.yaml), sorted. */
export const LIBRARY_NAMES: readonly string[] = readdirSync(LIBRARY_FOLDER)
  .filter((file) => file.endsWith(".yaml"))
  .map((file) => file.slice(0, -".yaml".length))
  .sort();

/** The text of a library scenario, or undefined if there is none (the resolver parseScenario takes). */
export function libraryText(name: string): string | undefined {
  return LIBRARY_NAMES.includes(name) ? readFileSync(`${LIBRARY_FOLDER}${name}.yaml`, "utf8") : undefined;
}

/** Parses a library scenario by name, resolving `extends:` in the library. */
export function loadLibraryScenario(name: string): Scenario {
  const text = libraryText(name);
  if (text === undefined) throw new Error(`no library scenario named "${name}" in ${LIBRARY_FOLDER}`);
  return parseScenario(text, `scenarios/${name}.yaml`, { resolve: libraryText });
}

/**
 * The miniature of a scenario (a new object; the scenario is not changed). Every architecture's workload gets the
 * rate, the partitions and the compressed clock (warm-up, fault times and durations, a replay's target time, the
 * sample interval); an OMB backlog shrinks with rate × clock; an explicit zone-to-zone capacity
 * (network.zonePairBandwidth) shrinks with the rate, so a brownout's bandwidth factor leaves the same share of the
 * traffic. Faults keep their kinds, targets and factors.
 *
 * Not scaled: the models' own time constants (broker.session.timeout.ms 9 s, replica.lag.time.max.ms 30 s, upload
 * and compaction intervals, segment sizes, retention). A compressed fault shorter than one of them plays as a short
 * fault would (a 2 min zone outage ×0.1 still outlasts the session timeout; a 30 s one would not): a test that
 * depends on a constant sets it on the miniature itself.
 */
export function miniature(scenario: Scenario, options: MiniatureOptions): Scenario {
  const { testDurationMicros, produceBytesPerSecond, partitionsPerTopic } = options;
  if (!(Number.isSafeInteger(testDurationMicros) && testDurationMicros > 0)) throw new Error(`testDurationMicros: expected whole µs > 0, got ${testDurationMicros}`);
  if (!(produceBytesPerSecond > 0)) throw new Error(`produceBytesPerSecond: expected > 0, got ${produceBytesPerSecond}`);
  if (!(Number.isSafeInteger(partitionsPerTopic) && partitionsPerTopic > 0)) throw new Error(`partitionsPerTopic: expected a whole number > 0, got ${partitionsPerTopic}`);
  const scale = options.timeScale ?? testDurationMicros / scenario.workload.testDurationMicros;
  if (!(scale > 0 && scale <= 1)) throw new Error(`timeScale: expected a factor in (0, 1], got ${scale}`);
  const shrink = (workload: Workload): Workload => {
    const small: Workload = {
      ...workload,
      partitionsPerTopic,
      producerRate: produceBytesPerSecond / workload.messageBytes,
      testDurationMicros,
      warmupDurationMicros: Math.round(workload.warmupDurationMicros * scale),
      consumerBacklogBytes: Math.round(workload.consumerBacklogBytes * (produceBytesPerSecond * scale) / producedBytesPerSecond(scenario.workload)),
    };
    return small;
  };
  // An explicit zone-to-zone capacity shrinks with the load, so a brownout that divides it bites as it does at full size.
  const rateScale = produceBytesPerSecond / producedBytesPerSecond(scenario.workload);
  const network = scenario.network.zonePairBytesPerSecond === undefined ? scenario.network : { ...scenario.network, zonePairBytesPerSecond: scenario.network.zonePairBytesPerSecond * rateScale };
  return {
    ...scenario,
    network,
    workload: shrink(scenario.workload),
    sampleIntervalMicros: Math.max(100_000, Math.round(scenario.sampleIntervalMicros * scale)),
    architectures: scenario.architectures.map((run) => ({ ...run, workload: shrink(run.workload) })),
    faults: scenario.faults.map((fault) => compressFault(fault, scale)),
  };
}

function producedBytesPerSecond(workload: Workload): number {
  return workload.producerRate * workload.messageBytes;
}

/** A fault with its times (at, duration, a replay's target time) multiplied by scale, in whole µs. */
export function compressFault(fault: Fault, scale: number): Fault {
  const out = { ...fault } as Fault & { duration?: number; to?: "earliest" | number };
  out.at = Math.round(fault.at * scale);
  if ("duration" in fault && fault.duration !== undefined) out.duration = Math.max(1, Math.round(fault.duration * scale));
  if (fault.kind === "replay" && typeof fault.to === "number") out.to = Math.round(fault.to * scale);
  if (fault.kind === "scaleOut" || fault.kind === "scaleIn" || fault.kind === "networkPartition") (out as { brokers: number[] }).brokers = [...fault.brokers];
  return out;
}
