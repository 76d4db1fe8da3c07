import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createRun } from "../../sim/model/run.ts";
import type { RunConfig } from "../../sim/model/run.ts";
import { DEFAULT_SCENARIO_YAML, parseScenario, scenarioToRunConfigs } from "../../sim/scenario/index.ts";
import { referenceFiles } from "./referenceFiles.ts";

const FOLDER = fileURLToPath(new URL("../../scenarios/", import.meta.url));
const FILES = readdirSync(FOLDER).filter((file) => file.endsWith(".yaml")).sort();
const read = (name: string) => readFileSync(`${FOLDER}${name}`, "utf8");
const resolve = (name: string) => (FILES.includes(`${name}.yaml`) ? read(`${name}.yaml`) : undefined);
const load = (file: string) => parseScenario(read(file), `scenarios/${file}`, { resolve });

/** Runs a config for one simulated second instead of its full duration. */
function runOneSecond(config: RunConfig) {
  const run = createRun({ ...config, workload: { ...config.workload, warmupDurationMicros: 0, testDurationMicros: 1_000_000 } });
  const step = run.advance(run.endMicros);
  run.sampler.sample();
  return { stoppedBy: step.stoppedBy, result: run.result() };
}

describe("the scenario library", () => {
  it("holds at least the default comparison and one more scenario", () => {
    expect(FILES).toContain("steady-state.yaml");
    expect(FILES.length).toBeGreaterThanOrEqual(2);
  });

  it.each(FILES)("%s parses, converts and is named after its file", (file) => {
    const scenario = load(file);
    expect(`${scenario.name}.yaml`).toBe(file);
    expect(scenario.description.length).toBeGreaterThan(40);
    const configs = scenarioToRunConfigs(scenario);
    expect(configs.length).toBe(scenario.architectures.length);
    expect(JSON.stringify(configs)).not.toContain("null"); // NaN would serialise as null
  });

  it.each(FILES)("%s runs a simulated second on every architecture without an invariant violation", (file) => {
    for (const config of scenarioToRunConfigs(load(file))) {
      const { stoppedBy, result } = runOneSecond(config);
      expect(stoppedBy, config.architecture.name).toBe("horizon");
      expect(result.invariants.violations, config.architecture.name).toEqual([]);
      expect(result.publishBytesRate, config.architecture.name).toBeGreaterThan(0);
    }
  }, 30_000);

  it("keeps steady-state.yaml and DEFAULT_SCENARIO_YAML the same text", () => {
    expect(read("steady-state.yaml")).toBe(DEFAULT_SCENARIO_YAML);
  });

  it("scenario follower-fetching: consumers cross zones for 2/3 of their bytes from leaders, none from in-zone followers, and client.rack is needed", () => {
    const share = (name: string) => {
      const config = scenarioToRunConfigs(load("follower-fetching.yaml")).find((c) => c.architecture.name === name) as RunConfig;
      const consume = runOneSecond(config).result.bytes.consume;
      return consume.crossZone / (consume.crossZone + consume.sameZone);
    };
    // Three zones, consumers spread over them and leaders spread over them: a consumer's leader is elsewhere 2/3 of the time.
    expect(share("leader-fetch")).toBeCloseTo(2 / 3, 1);
    expect(share("follower-fetch")).toBe(0);
    expect(share("follower-fetch-no-rack")).toBeCloseTo(2 / 3, 1);
  }, 30_000);
});

describe("generated reference files", () => {
  it.each(referenceFiles(FOLDER, (path) => readFileSync(path, "utf8")).map((f) => [f.path.slice(FOLDER.length), f] as const))(
    "scenarios/%s is current (regenerate with npx tsx scenarios/updateReference.ts)",
    (_name, file) => {
      expect(file.stale).toBe(false);
    },
  );

  it("keeps a library scenario's thresholds for the architectures a file picks, and drops those for none of them", () => {
    const all = load("steady-state.yaml").thresholds;
    const text = "extends: steady-state\nname: mine\narchitectures:\n  - kind: kafka\n  - kind: diskless\n";
    const mine = parseScenario(text, "mine.yaml", { resolve }).thresholds;
    const applies = (t: { architectures?: string[] }, name: string) => t.architectures === undefined || t.architectures.includes(name);
    // Every check that judged kafka or diskless still does, on exactly those of the two it named; no other is left.
    expect(mine.map((t) => t.check)).toEqual(all.filter((t) => applies(t, "kafka") || applies(t, "diskless")).map((t) => t.check));
    for (const t of mine) expect(t.architectures === undefined || t.architectures.every((a) => a === "kafka" || a === "diskless")).toBe(true);
    expect(mine.find((t) => t.check === "produce p99 < 20 ms")?.architectures).toEqual(["kafka"]);
    // A threshold the file writes itself is judged as written: naming a missing architecture stays an error.
    const own = `${text}thresholds:\n  - check: produce p99 < 20 ms\n    area: write-path\n    architectures: [kafka-tiered]\n`;
    expect(() => parseScenario(own, "own.yaml", { resolve })).toThrow(/thresholds\[0\]\.architectures\[0\]: "kafka-tiered" names no architecture/);
  });
});
