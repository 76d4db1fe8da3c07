// The seed sweep of the library (a miniature VOPR): every scenario's architectures over many seeds, each run checked
// for invariant violations and for acknowledged records lost where its configuration does not permit a loss.
// Shared by the vitest sweep (miniatures, 50 seeds) and test/scenarios/seedSweepLong.ts (full size, N seeds).

import type { Fault } from "../../sim/faults/fault.ts";
import { faultEndMicros } from "../../sim/faults/fault.ts";
import type { RunConfig } from "../../sim/model/run.ts";
import type { RunReport } from "../../sim/report/reportTypes.ts";
import { runToReport } from "../../sim/report/runSession.ts";
import { sessionOptionsFor } from "../../sim/report/scenarioReport.ts";
import { scenarioToRunConfigs, type Scenario } from "../../sim/scenario/index.ts";
import { miniature } from "./miniature.ts";

/** Seeds the vitest sweep runs per scenario. */
export const SWEEP_SEEDS = 50;

/** A rough cost of sweeping a miniature: architectures × simulated seconds. */
export function sweepCost(miniatureScenario: Scenario): number {
  return miniatureScenario.architectures.length * (miniatureScenario.workload.testDurationMicros / 1e6);
}

/** Splits scenarios (by name, with their sweep miniatures) into two halves of about equal sweepCost, greedily from the
 * costliest, so the two sweep files keep both cores busy about equally long. Deterministic for a given library. */
export function sweepHalves(scenarios: ReadonlyArray<{ name: string; scenario: Scenario }>): [string[], string[]] {
  const halves: [string[], string[]] = [[], []];
  const load = [0, 0];
  const byCost = [...scenarios].sort((a, b) => sweepCost(b.scenario) - sweepCost(a.scenario) || a.name.localeCompare(b.name));
  for (const { name, scenario } of byCost) {
    const half = load[0] <= load[1] ? 0 : 1;
    halves[half].push(name);
    load[half] += sweepCost(scenario);
  }
  return halves;
}

/**
 * The sweep's miniature of a scenario. Reduced: the offered load to 256 KiB/s; partitions to one per broker; the
 * clock ×0.1 (fault times, durations and the sample interval with it), and the run cut 4 s after the last fault ends
 * (at least 15 s); clients batch coarsely — linger.ms at least 200 ms, fetch.min.bytes 1 MiB (so fetches wait
 * fetch.max.wait.ms) — since a run's events grow with batches and fetches, not bytes. Kept: every architecture, the
 * cluster, every fault with its kind, targets and factors, and the models' own time constants (so a compressed fault
 * shorter than, say, the 9 s session timeout plays as a short fault would).
 */
export function sweepMiniature(scenario: Scenario): Scenario {
  const scale = 0.1;
  const lastEnd = Math.max(0, ...scenario.faults.map((fault) => faultEndMicros(fault)));
  const cut = Math.max(15e6, lastEnd * scale + 4e6);
  const duration = Math.round(Math.min(scenario.workload.testDurationMicros * scale, cut));
  const brokers = scenario.cluster.zones * scenario.cluster.brokersPerZone;
  const small = miniature(scenario, { timeScale: scale, testDurationMicros: duration, produceBytesPerSecond: 256 * 1024, partitionsPerTopic: brokers });
  return {
    ...small,
    architectures: small.architectures.map((run) => ({
      ...run,
      workload: {
        ...run.workload,
        producer: { ...run.workload.producer, lingerMicros: Math.max(run.workload.producer.lingerMicros, 200_000) },
        consumer: { ...run.workload.consumer, fetchMinBytes: 1024 * 1024 },
      },
    })),
  };
}

/** Whether a run's configuration allows acknowledged records to be lost in its scenario's faults: a leader that
 * acknowledges alone (acks other than all, or min.insync.replicas 1) with unclean election, or an AutoMQ block WAL
 * whose volume a fault destroys (its un-uploaded data goes with it). */
export function lossPermitted(config: RunConfig, faults: readonly Fault[]): boolean {
  const spec = config.architecture;
  if (spec.kind === "kafka" || spec.kind === "kafka-tiered") {
    const weakAcks = config.workload.producer.acks !== "all" || spec.kafka?.minInsyncReplicas === 1;
    return weakAcks && spec.kafka?.uncleanLeaderElection === true;
  }
  if (spec.kind === "automq" && spec.automq?.walKind === "ebs") {
    return faults.some((f) => f.kind === "brokerReplacement" || (f.kind === "brokerCrash" && f.volumeLost === true));
  }
  return false;
}

/**
 * Violations the model is known to report wrongly, by "scenario/architecture", each matched by its message: tolerated
 * (and counted) so the sweep keeps guarding everything else. Remove an entry when its defect is fixed. None today.
 */
export const KNOWN_DEFECTS: Readonly<Record<string, RegExp>> = {};

/** One run's problems: violations (less known defects) and an acknowledged loss its configuration forbids. */
export interface SweepFinding {
  scenario: string;
  architecture: string;
  seed: number;
  problems: string[];
  /** Known-defect violations seen (not problems). */
  known: number;
}

/** Runs every architecture of a scenario at one seed and reports what each run broke (onRun after each run). */
export function sweepSeed(scenario: Scenario, seed: number, onRun?: (finding: SweepFinding) => void): { findings: SweepFinding[]; reports: RunReport[] } {
  const options = sessionOptionsFor(scenario);
  const reports: RunReport[] = [];
  const findings = scenarioToRunConfigs(scenario, seed).map((config, i): SweepFinding => {
    const report = runToReport(config, options[i]);
    reports.push(report);
    const known = KNOWN_DEFECTS[`${scenario.name}/${report.architecture}`];
    const violations = report.result.invariants.violations;
    const kept = violations.filter((v) => !(known && known.test(v)));
    const problems = [...kept];
    if (report.result.stoppedBy !== "end") problems.push(`stopped by ${report.result.stoppedBy}`);
    if (report.result.invariants.ackedBytesLost > 0 && !lossPermitted(config, scenario.faults)) {
      problems.push(`${report.result.invariants.ackedBytesLost} acknowledged bytes lost, which its configuration does not permit`);
    }
    const finding = { scenario: scenario.name, architecture: report.architecture, seed, problems, known: violations.length - kept.length };
    onRun?.(finding);
    return finding;
  });
  return { findings, reports };
}

/** "seed 7 kafka: problem; ..." lines for the findings that have problems. */
export function describeFindings(findings: readonly SweepFinding[]): string[] {
  return findings.filter((f) => f.problems.length > 0).map((f) => `${f.scenario} seed ${f.seed} ${f.architecture}: ${f.problems.join("; ")}`);
}
