import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { InvalidInput } from "../../sim/cli/failures.ts";
import { buildScenario, libraryNames, readScenario, reproduceCommand, resolveLibrary, SCENARIOS_DIR, scenarioInput } from "../../sim/cli/scenarioSource.ts";

describe("a command's scenario", () => {
  it("is the built-in default without a file, and a library scenario by name", () => {
    expect(readScenario(undefined).source).toBe("default");
    const library = buildScenario(scenarioInput("zone-outage", {}));
    expect(library.name).toBe("zone-outage");
    expect(library.extends).toEqual(["steady-state"]);
    expect(() => readScenario("no-such-scenario")).toThrow(/^scenario: unknown scenario "no-such-scenario"; expected a file path or one of: broker-replacement, /);
  });

  it("answers only to the library's scenarios by name, never to the schemas or notes beside them", () => {
    const names = libraryNames();
    expect(names).toContain("steady-state");
    // Every other file in the folder is something else: a published schema, the library's notes, a tool.
    const others = readdirSync(SCENARIOS_DIR).filter((f) => !names.some((n) => f === `${n}.yaml`));
    expect(others).toEqual(expect.arrayContaining(["schema.json", "report.schema.json", "LIBRARY.md"]));
    for (const name of ["schema", "report.schema", "result.schema", "sweep.schema", "LIBRARY", "README", "models", "prices"]) {
      expect(resolveLibrary(name), name).toBeUndefined();
      expect(() => readScenario(name), name).toThrow(InvalidInput);
      expect(() => readScenario(name), name).toThrow(`scenario: unknown scenario "${name}"; expected a file path or one of: ${names.join(", ")}`);
    }
    expect(() => readScenario("zone-outag")).toThrow(/^scenario: unknown scenario "zone-outag" \(did you mean zone-outage\?\); expected /);
  });

  it("takes --minutes as every architecture's measured phase, and --arch as a subset in the scenario's order", () => {
    const scenario = buildScenario(scenarioInput(undefined, { minutes: 0.5, arch: ["diskless", "kafka"] }));
    expect(scenario.architectures.map((a) => a.name)).toEqual(["kafka", "diskless"]);
    expect(scenario.architectures.map((a) => a.workload.testDurationMicros)).toEqual([30_000_000, 30_000_000]);
    expect(scenario.workload.testDurationMicros).toBe(30_000_000);
  });

  it("names an unknown --arch with a did-you-mean and the scenario's architectures", () => {
    expect(() => buildScenario(scenarioInput(undefined, { arch: ["kafak"] }))).toThrow(/^--arch: expected an architecture of the scenario \(did you mean kafka\?\): kafka, kafka-kip392, /);
    // The misspelt name is the problem to report, not what the cluster change does to architectures never selected.
    const input = scenarioInput(undefined, { arch: ["kafak"], set: ["cluster.zones=1"] });
    expect(() => buildScenario(input)).toThrow(/^--arch: expected an architecture of the scenario \(did you mean kafka\?\)/);
  });

  it("judges only the --arch architectures: a cluster change that breaks the others does not refuse them", () => {
    // One zone of three brokers: Kafka's three replicas fit, diskless-express's quorum of two S3 Express buckets (one
    // per zone) does not.
    const set = ["cluster.zones=1", "cluster.brokersPerZone=3"];
    expect(() => buildScenario(scenarioInput(undefined, { set }))).toThrow(/^invalid scenario default \(1 problem\):\n {2}architectures\[6\]\.expressBuckets: expressQuorum 2 of architecture "diskless-express"/);
    const scenario = buildScenario(scenarioInput(undefined, { set, arch: ["diskless", "kafka"] }));
    expect(scenario.architectures.map((a) => a.name)).toEqual(["kafka", "diskless"]);
    expect(scenario.architectures.map((a) => a.cluster.zones)).toEqual([1, 1]);
    // A selected architecture is still judged: two brokers cannot hold Kafka's three replicas.
    expect(() => buildScenario(scenarioInput(undefined, { set: ["cluster.zones=1"], arch: ["kafka", "diskless-express"] }))).toThrow(
      'invalid scenario default (2 problems):\n  cluster.brokersPerZone: replicationFactor 3 of architecture "kafka" needs at least 3 brokers (the cluster has 1 × 2 = 2)\n  architectures[6].expressBuckets: expressQuorum 2 of architecture "diskless-express" needs at least 2 S3 Express buckets (it has 1)',
    );
  });

  it("applies --set before --minutes, and writes a reproduce line that reruns the same scenario", () => {
    const input = scenarioInput("zone-outage", { set: ["workload.producerRate=50MiB/s", "architectures[kafka].followerFetching=true"], minutes: 2, arch: ["kafka"] });
    const line = reproduceCommand(input, 9, ["cluster.brokersPerZone=3"]);
    expect(line).toBe("bytepath run zone-outage --seed 9 --set workload.producerRate=50MiB/s --set 'architectures[kafka].followerFetching=true' --set cluster.brokersPerZone=3 --minutes 2 --arch kafka");
    const scenario = buildScenario(input);
    expect(scenario.architectures[0].architecture).toMatchObject({ kind: "kafka", kafka: { followerFetching: true } });
  });
});
