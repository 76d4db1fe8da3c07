// Helpers for the library's outcome tests: pick and adjust architectures of a (miniature) scenario, run them to
// their reports, and read per-interval figures back from a report.

import type { ArchitectureSpec } from "../../sim/model/architectures.ts";
import type { RunConfig } from "../../sim/model/run.ts";
import type { ProducerSettings, Workload } from "../../sim/model/workload.ts";
import type { RunReport } from "../../sim/report/reportTypes.ts";
import { runToReport } from "../../sim/report/runSession.ts";
import { sessionOptionsFor } from "../../sim/report/scenarioReport.ts";
import { scenarioToRunConfigs, type Scenario } from "../../sim/scenario/index.ts";

/** One architecture's config of a scenario, by run name (throws when the scenario has no such run). */
export function configOf(scenario: Scenario, name: string, seed?: number): RunConfig {
  const config = scenarioToRunConfigs(scenario, seed).find((c) => c.architecture.name === name);
  if (config === undefined) throw new Error(`${scenario.name} has no architecture named ${name} (has ${scenario.architectures.map((a) => a.name).join(", ")})`);
  return config;
}

/** A config with architecture knobs laid over (the kind's own object merges one level deep). */
export function withKnobs(config: RunConfig, patch: Record<string, unknown>): RunConfig {
  const spec = config.architecture as ArchitectureSpec & Record<string, unknown>;
  const key = spec.kind === "kafka-tiered" ? "kafka" : spec.kind;
  const own = (spec[key] ?? {}) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...own };
  for (const [k, v] of Object.entries(patch)) {
    merged[k] = typeof v === "object" && v !== null && !Array.isArray(v) && typeof own[k] === "object" ? { ...(own[k] as object), ...v } : v;
  }
  return { ...config, architecture: { ...spec, [key]: merged } as ArchitectureSpec };
}

/** A config with workload fields (and producer settings) laid over. */
export function withWorkload(config: RunConfig, patch: Partial<Omit<Workload, "producer">> & { producer?: Partial<ProducerSettings> }): RunConfig {
  const { producer, ...rest } = patch;
  return { ...config, workload: { ...config.workload, ...rest, producer: { ...config.workload.producer, ...producer } } };
}

/** Runs a config of the scenario to its report, with the session options the scenario gives that architecture
 * (fault names, SLO, price book, cost assumptions). */
export function reportOf(scenario: Scenario, config: RunConfig): RunReport {
  const index = scenario.architectures.findIndex((run) => run.name === config.architecture.name);
  if (index < 0) throw new Error(`${config.architecture.name} is not an architecture of ${scenario.name}`);
  return runToReport(config, sessionOptionsFor(scenario)[index]);
}

/** Produced bytes of each interval whose start is in [fromSeconds, toSeconds). */
export function publishedPerInterval(report: RunReport, fromSeconds: number, toSeconds: number): number[] {
  return seriesWindow(report, "publishedBytes", fromSeconds, toSeconds);
}

/** One result series' values for the intervals starting in [fromSeconds, toSeconds). */
export function seriesWindow(report: RunReport, name: string, fromSeconds: number, toSeconds: number): number[] {
  const values = report.result.intervals.series[name];
  if (values === undefined) throw new Error(`no series ${name} (has ${Object.keys(report.result.intervals.series).join(", ")})`);
  const width = report.result.intervals.intervalSeconds;
  return values.filter((_, k) => k * width >= fromSeconds - 1e-9 && k * width < toSeconds - 1e-9);
}

/** Mean of one per-interval publish-latency percentile (ms) over the intervals starting in [fromSeconds, toSeconds). */
export function meanPublishLatency(report: RunReport, field: "p50" | "p99", fromSeconds: number, toSeconds: number): number {
  const rows = report.result.intervals.publishLatency.filter((i) => i.startSeconds >= fromSeconds - 1e-9 && i.startSeconds < toSeconds - 1e-9 && i.count > 0);
  if (rows.length === 0) throw new Error(`no publish latency between ${fromSeconds} s and ${toSeconds} s`);
  return rows.reduce((sum, i) => sum + i[field], 0) / rows.length;
}

/** Sum of a list. */
export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Mean of a list. */
export const mean = (xs: readonly number[]): number => sum(xs) / xs.length;
