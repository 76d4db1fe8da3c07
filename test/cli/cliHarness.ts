// Runs the bytepath command line as a child process, as CI runs it, on a small scenario written to a temp folder:
// two architectures, 1 MiB/s, three partitions, a broker crash, 20 simulated seconds — a few seconds a call.

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/bytepath.mjs", import.meta.url));

/** The test scenario: every threshold holds (exit 0) until a --set tightens one. */
export const SMALL_SCENARIO = `# A small scenario for the command-line tests.
name: small
description: Two architectures on a small workload with a broker crash.
seed: 11
cluster: { zones: 3, brokersPerZone: 1, instance: r6i.xlarge }
workload:
  partitionsPerTopic: 3
  messageSize: 1 KiB
  producerRate: 1 MiB/s
  producersPerTopic: 1
  subscriptionsPerTopic: 1
  consumerPerSubscription: 1
  testDuration: 20 s
  warmupDuration: 0 s
sampleInterval: 5 s
architectures:
  - kind: kafka
  - kind: diskless
faults:
  - { name: crash, kind: brokerCrash, at: 8 s, duration: 5 s, broker: 0 }
thresholds:
  - { check: "produce p99 < 60 s", area: write-path }
  - { check: "acked records lost <= 0 during crash", area: storage-independence }
  - { check: "cost < $100000/month", area: operations, severity: risk }
`;

/** What a call did. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const made: string[] = [];

/** A fresh temp folder holding small.yaml; removeScenarioDirs() deletes it. */
export function scenarioDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "bytepath-cli-"));
  writeFileSync(join(dir, "small.yaml"), SMALL_SCENARIO);
  made.push(dir);
  return dir;
}

/** Deletes every folder scenarioDir() made (call in afterAll). */
export function removeScenarioDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs `node bin/bytepath.mjs ...args` in cwd; never rejects on a non-zero exit. */
export function bytepath(args: readonly string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: "1" };
    execFile(process.execPath, [BIN, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== "number") reject(error);
      else resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
    });
  });
}
