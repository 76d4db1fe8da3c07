import { describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import { parseScenario, scenarioToRunConfigs, ScenarioError } from "../../sim/scenario/index.ts";
import { issuesOf, minimal } from "./support.ts";

const KINDS = "kafka, kafka-tiered, automq, diskless";

describe("ScenarioError", () => {
  it("lists every problem at once, each with its path, under the source's name", () => {
    const text = `name: t
workload:
  testDuration: 5 minutes after
  prodcerRate: 5
architectures:
  - kind: kafak
thresholds:
  - { check: produce p99 < 50, area: write-path }
`;
    let error: unknown;
    try {
      parseScenario(text, "scenarios/bad.yaml");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const scenarioError = error as ScenarioError;
    expect(scenarioError.name).toBe("ScenarioError");
    expect(scenarioError.issues).toEqual([
      { path: "architectures[0].kind", message: `"kafak" is not one of ${KINDS} (did you mean kafka?)` },
      { path: "workload.testDuration", message: `"5 minutes after" is not a duration (expected e.g. "90 s")` },
      { path: "workload.prodcerRate", message: "unknown field (did you mean producerRate?)" },
      { path: "thresholds[0].check", message: `"50" has no unit (the metric is a time: expected e.g. "50 ms" or "50 s")` },
    ]);
    expect(scenarioError.message).toBe(`invalid scenario scenarios/bad.yaml (4 problems):
  architectures[0].kind: "kafak" is not one of ${KINDS} (did you mean kafka?)
  workload.testDuration: "5 minutes after" is not a duration (expected e.g. "90 s")
  workload.prodcerRate: unknown field (did you mean producerRate?)
  thresholds[0].check: "50" has no unit (the metric is a time: expected e.g. "50 ms" or "50 s")`);
    expect(scenarioError.stack === undefined || !scenarioError.message.includes("    at ")).toBe(true);
  });
});

describe("document errors", () => {
  it.each([
    ["a duplicate key", "name: t\nname: u\narchitectures: [{kind: kafka}]\n", `(document): line 2, column 1: Map keys must be unique ("name" repeats)`],
    ["a duplicate key in a nested mapping", "name: t\narchitectures:\n  - kind: kafka\n    name: a\n    kind: automq\n", `(document): line 5, column 5: Map keys must be unique ("kind" repeats)`],
    ["broken syntax", "name: t\narchitectures: [\n", "(document): line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]"],
    ["an unknown tag", "name: !foo t\narchitectures: [{kind: kafka}]\n", "(document): line 1, column 7: Unresolved tag: !foo"],
    ["an empty text", "", "(document): is empty (expected scenario fields such as name and architectures)"],
    ["a bare string", "just text", `(document): expected a mapping of scenario fields (got "just text")`],
    ["a list", "- a\n- b", `(document): expected a mapping of scenario fields (got ["a","b"])`],
    ["deep flow nesting", `name: t\nx: ${"[".repeat(40)}${"]".repeat(40)}\n`, "(document): nested deeper than 32 levels"],
    ["deep block nesting", `name: t\n${Array.from({ length: 40 }, (_, i) => `${" ".repeat(i)}k:`).join("\n")} 1\n`, "(document): nested deeper than 32 levels"],
    ["a huge text", `name: t\ndescription: '${"x".repeat(300_000)}'\n`, "(document): too large: 300024 characters (at most 65536)"],
    [
      "an alias bomb",
      "a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c]\n",
      "(document): could not be read: Excessive alias count indicates a resource exhaustion attack",
    ],
  ])("reports %s at the document", (_what, text, expected) => {
    expect(issuesOf(text)).toEqual([expected]);
  });

  it("lists the first three syntax errors and counts the rest, which follow from them", () => {
    const issues = issuesOf(`name: t\n${"]: ".repeat(10)}\n`);
    expect(issues.slice(0, 3)).toEqual([
      `(document): line 2, column 1: Unexpected flow-seq-end token in YAML stream: "]"`,
      `(document): line 2, column 2: Unexpected map-value-ind token in YAML stream: ":"`,
      `(document): line 2, column 4: Unexpected flow-seq-end token in YAML stream: "]"`,
    ]);
    expect(issues[3]).toMatch(/^\(document\): \d+ more syntax errors follow from these$/);
  });

  // A parser that went quadratic or hung on these would run into the test's timeout; the wall clock is not asserted
  // (timing belongs in the benchmarks, and a loaded CI machine would make it flaky).
  it("answers, with a validation error, even the costliest texts within the size cap", { timeout: 60_000 }, () => {
    const costly = [`name: t\n${"]: ".repeat(21_000)}\n`, `name: t\nx: [${"1,".repeat(32_000)}1]\n`, `name: t\nx:\n${Array.from({ length: 5000 }, (_, i) => `  k${i}: 1`).join("\n")}\n`];
    for (const text of costly) expect(() => parseScenario(text, "costly")).toThrow(ScenarioError);
  });

  it("refuses a text that is not a string and bad options with InputError", () => {
    expect(issuesOf(42 as unknown as string)).toEqual(["(document): expected the text of a scenario (got 42)"]);
    expect(() => parseScenario("", 5 as unknown as string)).toThrow(InputError);
    expect(() => parseScenario("", "x", { resolve: "lib" as unknown as () => undefined })).toThrow("options.resolve: expected a function");
  });
});

describe("field errors", () => {
  it.each([
    ["missing required fields", "description: x\n", ["name: missing (expected a name such as \"steady-state\")", "architectures: missing (expected a list of architectures, e.g. [{ kind: kafka }])"]],
    ["an empty list", "name: t\narchitectures: []\n", ["architectures: expected at least 1 architecture (got 0)"]],
    ["too many architectures", `name: t\narchitectures: [${Array.from({ length: 17 }, (_, i) => `{kind: kafka, name: k${i}}`).join(", ")}]\n`, ["architectures: expected at most 16 architectures (got 17)"]],
    ["an object for a list", "name: t\narchitectures: {kind: kafka}\n", [`architectures: expected a list of architectures, e.g. [{ kind: kafka }] (got {"kind":"kafka"})`]],
    ["a bad name", "name: 'my scenario!'\narchitectures: [{kind: kafka}]\n", [`name: expected a name of letters, digits, ".", "_" or "-", at most 64 characters (got "my scenario!")`]],
    ["a missing kind", "name: t\narchitectures: [{name: x}]\n", [`architectures[0].kind: missing (expected one of ${KINDS})`]],
    ["a number for an item", "name: t\narchitectures: [5]\n", ["architectures[0]: expected an object of fields (got 5)"]],
    ["a duration without a unit", minimal("workload: {testDuration: 300}\n"), [`workload.testDuration: 300 has no unit (expected a duration, e.g. "300 ms" or "300 s")`]],
    ["a negative duration", minimal("workload: {warmupDuration: -5 s}\n"), [`workload.warmupDuration: must be >= 0 (got "-5 s")`]],
    ["a zero duration where time must pass", minimal("workload: {testDuration: 0 s}\n"), [`workload.testDuration: must be at least 1 µs (got "0 s")`]],
    ["a duration past its bound", minimal("workload: {testDuration: 40 d}\n"), [`workload.testDuration: must be at most 30 d (got "40 d")`]],
    ["a fraction of a byte", minimal("workload: {messageSize: 2.5}\n"), [`workload.messageSize: 2.5 is not a whole number of bytes (expected e.g. "8 MiB" or 16384)`]],
    ["an unknown size unit", minimal("workload: {messageSize: 1 KiBs}\n"), [`workload.messageSize: "1 KiBs" is not a size (expected e.g. "8 MiB" or a whole number of bytes)`]],
    ["millibits", minimal("workload: {messageSize: 100 mb}\n"), [`workload.messageSize: "100 mb" is not a size (expected e.g. "8 MiB" or a whole number of bytes)`]],
    ["a size where a rate belongs", minimal("workload: {producerRate: 100 MiB}\n"), [`workload.producerRate: "100 MiB" is not a rate (expected messages/s such as 102400 or "5000/s", or a byte rate such as "100 MiB/s")`]],
    ["a rate string without a unit", minimal("workload: {producerRate: '1000'}\n"), [`workload.producerRate: "1000" has no unit (expected messages/s such as 102400 or "5000/s", or a byte rate such as "100 MiB/s")`]],
    ["yes for a boolean", "name: t\narchitectures: [{kind: kafka, followerFetching: yes}]\n", [`architectures[0].followerFetching: expected true or false (got "yes")`]],
    ["a misspelt choice", minimal("workload: {producer: {acks: al}}\n"), [`workload.producer.acks: "al" is not one of all, 1, 0 (did you mean all?)`]],
    ["an out-of-range whole number", minimal("workload: {topics: 0}\n"), ["workload.topics: expected a whole number from 1 to 1000 (got 0)"]],
    ["a bad placement", minimal("workload: {producerZones: zone-a}\n"), [`workload.producerZones: expected "spread" or { pinned: <zone from 0> } (got "zone-a")`]],
    ["both forms of one field", minimal("workload: {testDuration: 5 min, testDurationMinutes: 5}\n"), ["workload.testDuration: conflicts with testDurationMinutes (set one of them)"]],
    ["a misspelt instance type", minimal("cluster: {instance: r6i.xlarg}\n"), [`cluster.instance: "r6i.xlarg" is not one of r6i.large, r6i.xlarge, r6i.2xlarge, r6i.4xlarge, m7g.4xlarge, client (did you mean r6i.xlarge?)`]],
    [
      "a custom instance with problems",
      minimal("cluster: {instance: {name: x, vcpu: 4, memory: lots, network: 10 Gbps}}\n"),
      ["cluster.instance.vcpu: unknown field (did you mean vcpus?)", "cluster.instance.vcpus: missing (expected a whole number from 1 to 1024)", `cluster.instance.memory: expected a size > 0 such as "32 GiB" (got "lots")`],
    ],
    [
      "a distribution missing a field",
      "name: t\narchitectures: [{kind: diskless, commitLatency: {kind: lognormal, median: 6 ms}}]\n",
      ["architectures[0].commitLatency.sigma: missing (expected a number from 0 to 100)"],
    ],
    [
      "a misspelt distribution kind",
      "name: t\narchitectures: [{kind: diskless, commitLatency: {kind: lognorml, median: 6 ms, sigma: 1}}]\n",
      [`architectures[0].commitLatency.kind: "lognorml" is not one of deterministic, uniform, exponential, normal, lognormal, pareto, boundedPareto, empirical (did you mean lognormal?)`],
    ],
    [
      "decreasing quantiles",
      "name: t\narchitectures: [{kind: diskless, commitLatency: {kind: empirical, quantiles: [[0, 5 ms], [0.5, 2 ms], [1, 9 ms]]}}]\n",
      ["architectures[0].commitLatency.quantiles[1][1]: must be a value >= 5 ms (non-decreasing) (got 2 ms)"],
    ],
    ["uniform bounds the wrong way round", "name: t\narchitectures: [{kind: diskless, commitLatency: {kind: uniform, min: 5 ms, max: 1 ms}}]\n", ["architectures[0].commitLatency.max: must be >= 5 ms (got 1 ms)"]],
  ])("reports %s", (_what, text, expected) => {
    expect(issuesOf(text)).toEqual(expected);
  });
});

describe("unknown fields", () => {
  it("suggests the nearest field for a typo, counting a swap of neighbours as one slip", () => {
    expect(issuesOf(minimal("workload: {prodcerRate: 5, producer: {acsk: all}}\ncluster: {zonez: 3}\n"))).toEqual([
      "workload.producer.acsk: unknown field (did you mean acks?)",
      "workload.prodcerRate: unknown field (did you mean producerRate?)",
      "cluster.zonez: unknown field (did you mean zones?)",
    ]);
  });

  it("lists a short object's fields when nothing is close, and points to the reference for long ones", () => {
    expect(issuesOf(minimal("cluster: {racks: 3}\nworkload: {payload: x}\n"))).toEqual([
      "workload.payload: unknown field (see scenarios/README.md for the fields)",
      "cluster.racks: unknown field (expected one of zones, brokersPerZone, instance)",
    ]);
  });

  it("names the kinds a field belongs to when it is given to another kind", () => {
    expect(issuesOf("name: t\narchitectures: [{kind: kafka, localRetention: 1 h}, {kind: automq, retention: 1 d, volume: {}}]\n")).toEqual([
      "architectures[0].localRetention: unknown field for kind kafka (it is a field of kind kafka-tiered)",
      "architectures[1].retention: unknown field for kind automq (it is a field of kinds kafka, kafka-tiered, diskless)",
      "architectures[1].volume: unknown field for kind automq (it is a field of kinds kafka, kafka-tiered)",
    ]);
  });

  it("says which OMB fields are not modelled, and that thresholds are a list", () => {
    expect(issuesOf(minimal("thresholds: {}\nworkload: {name: 1 topic, payloadFile: payload/payload-1Kb.data}\n"))).toEqual([
      "workload.name: OMB field not modelled (the scenario's name labels the run)",
      "workload.payloadFile: OMB field not modelled (payload contents do not change byte flows; set messageSize)",
      "thresholds: expected a list (got {})",
    ]);
  });
});

describe("checks across sections", () => {
  it.each([
    [
      "a pinned zone the cluster lacks, once however many architectures share it",
      "name: t\narchitectures: [{kind: kafka}, {kind: automq}, {kind: diskless}]\nworkload: {consumerZones: {pinned: 3}, topics: 2, partitionsPerTopic: 60000}\n",
      ["workload.partitionsPerTopic: topics × partitionsPerTopic must be at most 100000 (got 120000)", "workload.consumerZones: must be a zone from 0 to 2 (got { pinned: 3 })"],
    ],
    [
      "a pinned zone one architecture's cluster lacks",
      "name: t\narchitectures: [{kind: kafka}, {kind: diskless, cluster: {zones: 1}}]\nworkload: {consumerZones: {pinned: 2}}\n",
      [`workload.consumerZones: must be a zone from 0 to 0 (got { pinned: 2 }) for architecture "diskless"`],
    ],
    ["more in-sync replicas than replicas", "name: t\narchitectures: [{kind: kafka, replicationFactor: 2, minInsyncReplicas: 3}]\n", ["architectures[0].minInsyncReplicas: must be at most replicationFactor, 2 (got 3)"]],
    ["more replicas than brokers", "name: t\narchitectures: [{kind: kafka, replicationFactor: 7}]\n", [`architectures[0].replicationFactor: replicationFactor 7 of architecture "kafka" needs at least 7 brokers (the cluster has 3 × 2 = 6)`]],
    ["a cluster too small for the default replicas", "name: t\ncluster: {zones: 1, brokersPerZone: 2}\narchitectures: [{kind: kafka}]\n", [`cluster.brokersPerZone: replicationFactor 3 of architecture "kafka" needs at least 3 brokers (the cluster has 1 × 2 = 2)`]],
    [
      "a quorum larger than the buckets",
      "name: t\ncluster: {zones: 2}\narchitectures: [{kind: diskless, ingestStorage: express, expressQuorum: 3}]\n",
      [`architectures[0].expressQuorum: expressQuorum 3 of architecture "diskless" needs at least 3 S3 Express buckets (it has 2)`],
    ],
    [
      "an AutoMQ upload threshold above its cache",
      "name: t\narchitectures: [{kind: automq, walCacheSize: 1 GiB, uploadThreshold: 2 GiB}]\n",
      ["architectures[0].uploadThreshold: must be at most walCacheSize (1073741824), or uploads never start before back-pressure (got 2 GiB)"],
    ],
    [
      "a store whose rate limits leave no burst, named by the file's keys",
      "name: t\narchitectures: [{kind: diskless, expressStore: {putRequestRate: 0.5/s, getRequestRate: 0.5/s}}]\n",
      ["architectures[0].expressStore.rateBurst: must be a depth of at least one request per bucket (got 1 s)"],
    ],
    ["two architectures of one name", "name: t\narchitectures: [{kind: kafka}, {kind: kafka}]\n", [`architectures[1].name: "kafka" is already the name of architectures[0] (names must be unique)`]],
    ["a sink pinned to a missing zone, once for all architectures", "name: t\narchitectures: [{kind: kafka}, {kind: kafka-tiered}]\nsink: {zones: {pinned: 5}}\n", ["sink.zones: must be a zone from 0 to 2 (got { pinned: 5 })"]],
    [
      "a sink rotation the connector would ignore",
      minimal("sink: {rotateInterval: 10 min}\n"),
      ["sink.rotateInterval: must be -1 while sink.partitionDuration is -1 (the connector ignores rotate.interval.ms under DefaultPartitioner) (got 10 min)"],
    ],
    ["more partitions than a run is built with", minimal("workload: {topics: 10, partitionsPerTopic: 20000}\n"), ["workload.partitionsPerTopic: topics × partitionsPerTopic must be at most 100000 (got 200000)"]],
  ])("reports %s", (_what, text, expected) => {
    expect(issuesOf(text)).toEqual(expected);
  });
});

describe("composition errors", () => {
  const library = {
    base: "name: base\narchitectures:\n  - kind: kafka\n",
    a: "name: a\nextends: b\n",
    b: "name: b\nextends: a\n",
    broken: "name: broken\narchitectures:\n  - kind: kafka\n    replicationFactr: 3\n",
  };

  it.each([
    ["an unknown library scenario", "name: t\nextends: stedy\n", [`extends: no library scenario named "stedy"`]],
    ["a cycle", "name: t\nextends: a\n", [`extends: "a" → "b" → "a" is a cycle`]],
    ["an invalid library scenario", "name: t\nextends: broken\n", [`extends: library scenario "broken" is invalid: architectures[0].replicationFactr: unknown field (did you mean replicationFactor?)`]],
    [
      "an item extending an unknown architecture",
      "name: t\nextends: base\narchitectures: [{kind: kafka, name: k2, extends: kafak}]\n",
      [`architectures[0].extends: no architecture named "kafak" earlier in this list or in "base" (did you mean kafka?)`],
    ],
    ["an item changing kind", "name: t\nextends: base\narchitectures: [{kind: automq, name: k2, extends: kafka}]\n", [`architectures[0].kind: "automq" differs from the kind "kafka" of "kafka", which it extends`]],
    ["a chain deeper than eight", "name: t\nextends: d9\n", ["extends: more than 8 scenarios extend one another"]],
  ])("reports %s", (_what, text, expected) => {
    const deep = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`d${i}`, i === 0 ? "name: d0\narchitectures: [{kind: kafka}]\n" : `name: d${i}\nextends: d${i - 1}\n`]));
    expect(issuesOf(text, { ...library, ...deep })).toEqual(expected);
  });

  it("says so when a file extends a library scenario but no library was given", () => {
    expect(() => parseScenario("name: t\nextends: base\n", "x")).toThrow(`invalid scenario x (1 problem):
  extends: "base" cannot be loaded here (no scenario library was given)`);
  });

  it("reports a resolver's own failure as a problem of the extends field", () => {
    const resolve = () => {
      throw new Error("EACCES: permission denied");
    };
    expect(() => parseScenario("name: t\nextends: base\n", "x", { resolve })).toThrow(`extends: "base" could not be loaded: EACCES: permission denied`);
  });
});

describe("scenarioToRunConfigs input errors", () => {
  it("refuses a seed override outside 32 bits", () => {
    const scenario = parseScenario(minimal(), "t");
    expect(() => scenarioToRunConfigs(scenario, -1)).toThrow("seed: expected a whole number from 0 to 4294967295 (got -1)");
    expect(() => scenarioToRunConfigs(scenario, 1.5)).toThrow(InputError);
    expect(() => scenarioToRunConfigs({} as never)).toThrow(InputError);
  });
});
