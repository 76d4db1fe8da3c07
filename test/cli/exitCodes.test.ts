// Exit codes of the command line, each caused the way a user would cause it (child processes; see cliHarness.ts).
import { afterAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { bytepath, removeScenarioDirs, scenarioDir, SMALL_SCENARIO } from "./cliHarness.ts";

const dir = scenarioDir();

afterAll(removeScenarioDirs);

describe("bytepath exit codes", () => {
  it("0 when every threshold holds", async () => {
    const r = await bytepath(["run", "small.yaml", "--arch", "diskless"], dir);
    expect(r.stderr).not.toMatch(/threshold failed/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Thresholds: all 3 hold$/m);
  }, 60_000);

  it("1 for a failed threshold unless --fail-on says which count: blocking ones only, or none (reported, exit 0)", async () => {
    const failing = ["run", "small.yaml", "--arch", "diskless", "--quiet", "--set", "thresholds[0].check=produce p99 < 1 ms"];
    const [any, blockingRisk, none] = await Promise.all([
      bytepath(failing, dir),
      bytepath([...failing, "--set", "thresholds[0].severity=risk", "--fail-on", "blocking"], dir),
      bytepath([...failing, "--fail-on", "none"], dir),
    ]);
    expect(any.code).toBe(1);
    expect(any.stderr).toMatch(/threshold failed: \[diskless\] produce p99 < 1 ms: measured [\d.]+ ms, limit < 1 ms, margin −/);
    expect(blockingRisk.code).toBe(0);
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/threshold failed: \[diskless\] produce p99 < 1 ms/);
  }, 60_000);

  it("2 for an unknown flag, a flag's bad value, a --set that names no field or has no value, and an invalid scenario — with every message and no stack", async () => {
    writeFileSync(join(dir, "bad.yaml"), SMALL_SCENARIO.replace("producerRate: 1 MiB/s", "producerRate: fast").replace("zones: 3", "zones: 0"));
    const [flag, value, set, empty, scenario] = await Promise.all([
      bytepath(["run", "small.yaml", "--sed", "3"], dir),
      bytepath(["run", "small.yaml", "--seed", "-3"], dir),
      bytepath(["run", "small.yaml", "--set", "workload.producerRat=2MiB/s", "--set", "architectures[disklss].batchTimeout=1 s"], dir),
      bytepath(["run", "small.yaml", "--set", "workload.topics="], dir),
      bytepath(["validate", "bad.yaml"], dir),
    ]);
    expect(empty.stderr).toBe('bytepath: --set workload.topics: expected a value after "=", e.g. --set workload.topics=1, or null to remove the field (got "")\n');
    for (const r of [flag, value, set, empty, scenario]) {
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe("");
    }
    expect(flag.stderr).toMatch(/^bytepath: unknown option '--sed'\n\(Did you mean one of --seed, --set\?\)/);
    expect(value.stderr).toMatch(/option '--seed <n>' argument '-3' is invalid/);
    expect(set.stderr).toContain('workload.producerRat: "producerRat" is not a field of workload (did you mean producerRate?)');
    expect(set.stderr).toContain('architectures[disklss].batchTimeout: architectures has no item named "disklss" (did you mean diskless?)');
    expect(scenario.stderr).toMatch(/invalid scenario bad\.yaml \(2 problems\):/);
    expect(scenario.stderr).toMatch(/^ {2}workload\.producerRate: "fast" is not a rate/m);
    expect(scenario.stderr).toMatch(/^ {2}cluster\.zones: /m);
    // Problems in the sections keep the checks across them from running: the last line says more may follow.
    expect(scenario.stderr).toMatch(/\nbytepath: note: the checks across sections \(faults against the cluster, [^\n]+ run once these are fixed, and may find more\n$/);
    expect(empty.stderr).not.toContain("checks across sections");
  }, 60_000);

  it("3 when a run stops short of its end, naming the seed, the scenario hash and the command that reproduces it", async () => {
    // The event budget is the simulator's bound on a run; hitting it means the run did not finish: an internal stop.
    const r = await bytepath(["run", "small.yaml", "--arch", "kafka", "--set", "eventBudget=3000", "--seed", "5", "--quiet"], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^ {2}kafka: the run stopped at [\d.]+ s of simulated time \(eventBudget\) after 3000 events, before its end$/m);
    expect(r.stderr).toMatch(/^ {2}scenario hash [0-9a-f]{16}, seed 5$/m);
    expect(r.stderr).toContain("reproduce: bytepath run small.yaml --seed 5 --set eventBudget=3000 --arch kafka");
  }, 60_000);
});
