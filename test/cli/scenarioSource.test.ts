import { describe, expect, it } from "vitest";
import { buildScenario, readScenario, reproduceCommand, scenarioInput, withArchitectures } from "../../sim/cli/scenarioSource.ts";

describe("a command's scenario", () => {
  it("is the built-in default without a file, and a library scenario by name", () => {
    expect(readScenario(undefined).source).toBe("default");
    const library = buildScenario(scenarioInput("zone-outage", {}));
    expect(library.name).toBe("zone-outage");
    expect(library.extends).toEqual(["steady-state"]);
    expect(() => readScenario("no-such-scenario")).toThrow(/^scenario: expected a scenario file or the name of one in scenarios\//);
  });

  it("takes --minutes as every architecture's measured phase, and --arch as a subset in the scenario's order", () => {
    const scenario = buildScenario(scenarioInput(undefined, { minutes: 0.5, arch: ["diskless", "kafka"] }));
    expect(scenario.architectures.map((a) => a.name)).toEqual(["kafka", "diskless"]);
    expect(scenario.architectures.map((a) => a.workload.testDurationMicros)).toEqual([30_000_000, 30_000_000]);
    expect(scenario.workload.testDurationMicros).toBe(30_000_000);
  });

  it("names an unknown --arch with a did-you-mean and the scenario's architectures", () => {
    const scenario = buildScenario(scenarioInput(undefined, {}));
    expect(() => withArchitectures(scenario, ["kafak"])).toThrow(/^--arch: expected an architecture of the scenario \(did you mean kafka\?\): kafka, kafka-kip392, /);
  });

  it("applies --set before --minutes, and writes a reproduce line that reruns the same scenario", () => {
    const input = scenarioInput("zone-outage", { set: ["workload.producerRate=50MiB/s", "architectures[kafka].followerFetching=true"], minutes: 2, arch: ["kafka"] });
    const line = reproduceCommand(input, 9, ["cluster.brokersPerZone=3"]);
    expect(line).toBe("bytepath run zone-outage --seed 9 --set workload.producerRate=50MiB/s --set 'architectures[kafka].followerFetching=true' --set cluster.brokersPerZone=3 --minutes 2 --arch kafka");
    const scenario = buildScenario(input);
    expect(scenario.architectures[0].architecture).toMatchObject({ kind: "kafka", kafka: { followerFetching: true } });
  });
});
