// Help, validate and schema: the commands that run no simulation (child processes; see cliHarness.ts).
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { bytepath, removeScenarioDirs, scenarioDir } from "./cliHarness.ts";

const COMMANDS = ["run", "compare", "sweep", "merge", "validate", "schema"];

afterAll(removeScenarioDirs);

describe("bytepath without runs", () => {
  it("prints help with examples for every command and exits 0", async () => {
    const dir = scenarioDir();
    const results = await Promise.all([["--help"], ...COMMANDS.map((c) => [c, "--help"])].map((args) => bytepath(args, dir)));
    results.forEach((r, i) => {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(i === 0 ? /^Usage: bytepath \[options\] \[command\]/ : new RegExp(`^Usage: bytepath ${COMMANDS[i - 1]} `));
      expect(r.stdout).toContain("Examples:");
    });
    expect(results[0].stdout).toMatch(/Exit codes: 0 every threshold holds; 1 a threshold failed/);
  }, 60_000);

  it("validates a scenario, and prints the sweep report schema published in scenarios/", async () => {
    const dir = scenarioDir();
    const [valid, one, schema] = await Promise.all([
      bytepath(["validate", "small.yaml"], dir),
      // One zone cannot hold Kafka's three replicas, but that is no problem of the diskless run asked for alone.
      bytepath(["validate", "small.yaml", "--arch", "diskless", "--set", "cluster.zones=1"], dir),
      bytepath(["schema", "sweep"], dir),
    ]);
    expect(valid.code).toBe(0);
    expect(valid.stderr).toBe("bytepath: small.yaml is valid (2 architectures: kafka, diskless; 3 thresholds)\n");
    expect(one.stderr).toBe("bytepath: small.yaml is valid (1 architecture: diskless; 3 thresholds)\n");
    expect(one.code).toBe(0);
    expect(schema.code).toBe(0);
    expect(schema.stdout).toBe(readFileSync(new URL("../../scenarios/sweep.schema.json", import.meta.url), "utf8"));
  }, 60_000);
});
