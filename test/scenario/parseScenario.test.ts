import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { defaultComparison } from "../../sim/model/defaultScenario.ts";
import { TIERED_DEFAULTS } from "../../sim/model/kafkaConfig.ts";
import { createWorkload } from "../../sim/model/workload.ts";
import { DEFAULT_SCENARIO_YAML, parseScenario, scenarioToRunConfigs, SCENARIO_DEFAULTS, ScenarioError } from "../../sim/scenario/index.ts";
import { SDK_STANDARD_RETRY } from "../../sim/storage/defaults.ts";
import { GiB, KiB, MiB } from "../../sim/units.ts";
import { minimal, parse } from "./support.ts";

const SECOND = 1_000_000;

describe("parseScenario", () => {
  it("turns the default scenario text into exactly the RunConfigs of the built-in default comparison", () => {
    const configs = scenarioToRunConfigs(parseScenario(DEFAULT_SCENARIO_YAML, "default"));
    expect(configs).toStrictEqual(defaultComparison(1).runs);
  });

  it("fills every absent field from the model defaults and the scenario defaults", () => {
    const scenario = parse(minimal());
    expect(scenario.seed).toBe(SCENARIO_DEFAULTS.seed);
    expect(scenario.cluster).toEqual(SCENARIO_DEFAULTS.cluster);
    expect(scenario.sampleIntervalMicros).toBe(SCENARIO_DEFAULTS.sampleIntervalMicros);
    expect(scenario.workload).toEqual(createWorkload({}));
    expect(scenario.architectures).toEqual([{ name: "kafka", architecture: { kind: "kafka", name: "kafka" }, workload: createWorkload({}), cluster: SCENARIO_DEFAULTS.cluster }]);
    expect(scenario.description).toBe("");
    expect(scenario.extends).toEqual([]);
  });

  it("converts human units to µs, bytes and per-second rates", () => {
    const scenario = parse(`
name: units
sampleInterval: 250 ms
workload:
  messageSize: 2 KiB
  producerRate: 100 MiB/s
  testDuration: 1.5 h
  warmupDuration: 90 s
  consumerBacklogSize: 1 GB
  producer: { linger: 500 µs, batchSize: 64 KiB, bufferMemory: 1 GiB, acks: 1 }
  consumer: { fetchMaxWait: 0.1 s, fetchMinBytes: 1 MB }
architectures:
  - kind: kafka-tiered
    replicaLagTimeMax: 10 s
    segmentBytes: 256 MiB
    recoveryThrottle: 10 Gbps
    localRetention: 2 h
    volume: { throughput: 250 MiB/s, writeLatency: { kind: lognormal, median: 1.5 ms, sigma: 0.25 } }
    objectStore: { putRequestRate: 7000/s, retry: { maxAttempts: 5, baseDelay: 50 ms } }
`);
    const w = scenario.workload;
    expect(scenario.sampleIntervalMicros).toBe(250_000);
    expect(w.messageBytes).toBe(2 * KiB);
    expect(w.producerRate).toBe((100 * MiB) / (2 * KiB));
    expect(w.testDurationMicros).toBe(5400 * SECOND);
    expect(w.warmupDurationMicros).toBe(90 * SECOND);
    expect(w.consumerBacklogBytes).toBe(1e9);
    expect(w.producer).toMatchObject({ lingerMicros: 500, batchBytes: 64 * KiB, bufferBytes: GiB, acks: "1" });
    expect(w.consumer).toMatchObject({ fetchMaxWaitMicros: 100_000, fetchMinBytes: 1e6 });
    const spec = scenario.architectures[0].architecture;
    expect(spec).toEqual({
      kind: "kafka-tiered",
      name: "kafka-tiered",
      kafka: {
        replicaLagTimeMaxMicros: 10 * SECOND,
        segmentBytes: 256 * MiB,
        recoveryThrottleBytesPerSecond: 10e9 / 8,
        tiered: { ...TIERED_DEFAULTS, localRetentionMicros: 7200 * SECOND },
      },
      volume: { throughputBytesPerSecond: 250 * MiB, writeLatencyMicros: { kind: "lognormal", median: 1500, sigma: 0.25 } },
      objectStore: { putRequestsPerSecond: 7000, retry: { ...SDK_STANDARD_RETRY, maxAttempts: 5, baseDelayMicros: 50_000 } },
    });
  });

  it("reads OMB's own workload fields as OMB defines them", () => {
    const scenario = parse(minimal(`workload:
  topics: 2
  partitionsPerTopic: 16
  messageSize: 1024
  producerRate: 50000
  producersPerTopic: 4
  subscriptionsPerTopic: 1
  consumerPerSubscription: 8
  consumerBacklogSizeGB: 2
  testDurationMinutes: 15
  warmupDurationMinutes: 1
  keyDistributor: KEY_ROUND_ROBIN
`));
    expect(scenario.workload).toMatchObject({
      topics: 2, partitionsPerTopic: 16, messageBytes: 1024, producerRate: 50_000, producersPerTopic: 4, subscriptionsPerTopic: 1,
      consumerPerSubscription: 8, consumerBacklogBytes: 2 * GiB, testDurationMicros: 900 * SECOND, warmupDurationMicros: 60 * SECOND,
      keyDistributor: "KEY_ROUND_ROBIN",
    });
  });

  it("accepts producerRate as messages/s, a message-rate string or a byte rate, all meaning the same load", () => {
    const rate = (value: string) => parse(minimal(`workload: { messageSize: 1 KiB, producerRate: ${value} }\n`)).workload.producerRate;
    expect(rate("102400")).toBe(102_400);
    expect(rate('"102400 msg/s"')).toBe(102_400);
    expect(rate('"6144000/min"')).toBe(102_400);
    expect(rate('"100 MiB/s"')).toBe(102_400);
    expect(rate('"838.8608 Mbps"')).toBeCloseTo(102_400, 6);
  });

  it("reads JSON and YAML of the same scenario identically", () => {
    const yamlText = DEFAULT_SCENARIO_YAML;
    const jsonText = JSON.stringify({ $schema: "./schema.json", ...YAML.parse(yamlText) }, null, 2);
    expect(parseScenario(jsonText, "default.json")).toEqual({ ...parseScenario(yamlText, "default.json") });
  });

  it("gives a scenario that survives structured cloning, as across a worker boundary", () => {
    const scenario = parseScenario(DEFAULT_SCENARIO_YAML, "default");
    expect(structuredClone(scenario)).toStrictEqual(scenario);
  });

  it("parses a scenario re-serialised from its own data to the same scenario (YAML → data → YAML)", () => {
    const data = YAML.parse(DEFAULT_SCENARIO_YAML);
    const again = YAML.stringify(data);
    expect(parseScenario(again, "default")).toEqual(parseScenario(DEFAULT_SCENARIO_YAML, "default"));
  });

  it("pins clients to a zone and adds the sink to every run", () => {
    const scenario = parse(minimal(`workload: { producerZones: { pinned: 2 }, consumerZones: spread }
sink: { flushSize: 5000, tasks: 1, zones: { pinned: 0 }, rotateInterval: 10 min, partitionDuration: 1 h }
network: { crossZoneLatency: 1 ms }
eventBudget: 1000000
`));
    expect(scenario.workload.producerPlacement).toEqual({ kind: "pinned", zone: 2 });
    const [config] = scenarioToRunConfigs(scenario, 42);
    expect(config.seed).toBe(42);
    expect(config.sink).toEqual({ flushSize: 5000, tasks: 1, placement: { kind: "pinned", zone: 0 }, rotateIntervalMicros: 600 * SECOND, partitionDurationMicros: 3600 * SECOND });
    expect(config.network).toEqual({ crossZoneLatencyMicros: 1000 });
    expect(config.eventBudget).toBe(1_000_000);
  });

  it("maps AutoMQ and diskless knobs onto their configs, with auto and off", () => {
    const scenario = parse(`name: object-storage
architectures:
  - kind: automq
    walKind: ebs
    walCacheSize: auto
    blockCacheSize: 512 MiB
    uploadInterval: off
    walVolume: { iops: 6000 }
  - kind: diskless
    ingestStorage: express
    commitLatency: { kind: empirical, quantiles: [[0, 2 ms], [0.5, 6 ms], [1, 40 ms]] }
    agentCacheMemoryRatio: 0.25
`);
    expect(scenario.architectures.map((a) => a.architecture)).toEqual([
      { kind: "automq", name: "automq", automq: { walKind: "ebs", walCacheBytes: -1, blockCacheBytes: 512 * MiB, uploadIntervalMicros: -1, walVolume: { iops: 6000 } } },
      { kind: "diskless", name: "diskless", diskless: { ingestStorage: "express", commitLatencyMicros: { kind: "empirical", quantiles: [[0, 2000], [0.5, 6000], [1, 40_000]] }, agentCacheMemoryRatio: 0.25 } },
    ]);
  });
});

describe("per-architecture overrides", () => {
  it("lay an item's workload and cluster over the scenario's for that architecture only", () => {
    const scenario = parse(`name: t
cluster: { zones: 3, brokersPerZone: 2 }
workload: { testDuration: 2 min, producer: { linger: 5 ms, batchSize: 32 KiB } }
architectures:
  - kind: kafka
  - kind: diskless
    cluster: { brokersPerZone: 1, instance: r6i.2xlarge }
    workload: { producer: { linger: 25 ms } }
`);
    const [kafka, diskless] = scenario.architectures;
    expect(kafka.workload.producer).toMatchObject({ lingerMicros: 5000, batchBytes: 32 * KiB });
    expect(diskless.workload.producer).toMatchObject({ lingerMicros: 25_000, batchBytes: 32 * KiB });
    expect(diskless.workload.testDurationMicros).toBe(120 * SECOND);
    expect(kafka.cluster).toMatchObject({ zones: 3, brokersPerZone: 2 });
    expect(diskless.cluster).toMatchObject({ zones: 3, brokersPerZone: 1, instance: { name: "r6i.2xlarge" } });
  });

  it("let an item start from an earlier item by name and change only what it says", () => {
    const scenario = parse(`name: t
architectures:
  - kind: kafka
    name: base
    replicationFactor: 3
    minInsyncReplicas: 2
    volume: { throughput: 250 MiB/s, iops: 6000 }
  - kind: kafka
    name: variant
    extends: base
    minInsyncReplicas: 1
    volume: { iops: 9000 }
`);
    expect(scenario.architectures[1].architecture).toEqual({
      kind: "kafka",
      name: "variant",
      kafka: { replicationFactor: 3, minInsyncReplicas: 1 },
      volume: { throughputBytesPerSecond: 250 * MiB, iops: 9000 },
    });
  });

  it("accept a custom instance type described in place", () => {
    const scenario = parse(minimal(`cluster: { instance: { name: big, vcpus: 32, memory: 256 GiB, network: 25 Gbps } }\n`));
    expect(scenario.cluster.instance).toEqual({ name: "big", vcpus: 32, memoryBytes: 256 * GiB, networkBytesPerSecond: 25e9 / 8 });
  });
});

describe("a selection of architectures", () => {
  // One zone of two brokers: Kafka's three replicas do not fit; diskless and the second Kafka (one replica) are fine.
  const TEXT = `name: t
cluster: { zones: 1, brokersPerZone: 2 }
architectures:
  - kind: kafka
  - kind: kafka
    name: kafka-rf1
    replicationFactor: 1
    minInsyncReplicas: 1
  - kind: diskless
  - kind: diskless
    name: diskless
thresholds:
  - { check: produce p99 < 50 ms, area: write-path, architectures: [kafka-rf1, diskless] }
`;
  const selected = (architectures: string[], text = TEXT.replace("  - kind: diskless\n    name: diskless\n", "")) => parseScenario(text, "t.yaml", { architectures });
  const problems = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as Error).message.split("\n").slice(1);
    }
    throw new Error("expected an error");
  };

  it("holds only the selected architectures, in the file's order, as the whole file would give them", () => {
    const scenario = selected(["diskless", "kafka-rf1"]);
    expect(scenario.architectures.map((a) => a.name)).toEqual(["kafka-rf1", "diskless"]);
    // The file without the architecture left out, judged whole.
    const whole = parseScenario(TEXT.replace("  - kind: diskless\n    name: diskless\n", "").replace("  - kind: kafka\n  - kind: kafka\n", "  - kind: kafka\n"), "t.yaml");
    expect(scenario.architectures).toEqual(whole.architectures);
    expect(scenario.thresholds).toEqual(whole.thresholds);
  });

  it("judges the checks of one architecture against the cluster only for the selected ones", () => {
    expect(problems(() => selected(["kafka", "diskless"]))).toEqual(['  cluster.brokersPerZone: replicationFactor 3 of architecture "kafka" needs at least 3 brokers (the cluster has 1 × 2 = 2)']);
    expect(() => selected(["kafka-rf1"])).not.toThrow();
  });

  it("still checks the file itself across every item: unique names and the architectures thresholds name", () => {
    expect(problems(() => selected(["kafka-rf1"], TEXT))).toEqual(['  architectures[3].name: "diskless" is already the name of architectures[2] (names must be unique)']);
    expect(problems(() => selected(["kafka-rf1"], TEXT.replace("[kafka-rf1, diskless]", "[kafka-rf2]").replace("  - kind: diskless\n    name: diskless\n", "")))).toEqual([
      expect.stringMatching(/^ {2}thresholds\[0\]\.architectures\[0\]: "kafka-rf2" names no architecture \(did you mean kafka-rf1\?\)/),
    ]);
  });

  it("refuses a name the scenario lacks with a did-you-mean, rather than the problems of architectures it does not run", () => {
    expect(() => selected(["kafka-rf", "diskless"])).toThrow(/^architectures: expected an architecture of the scenario \(did you mean kafka-rf1\?\): kafka, kafka-rf1, diskless \(got "kafka-rf"\)$/);
  });
});

describe("extends", () => {
  const base = `name: base
description: the base
seed: 5
cluster: { zones: 3, brokersPerZone: 2 }
workload: { testDurationMinutes: 10, messageSize: 1 KiB, producer: { linger: 5 ms, acks: all } }
architectures:
  - kind: kafka
  - kind: kafka
    name: kip392
    followerFetching: true
`;
  const middle = `name: middle
extends: base
workload: { producer: { linger: 20 ms } }
`;

  it("merges objects key by key, replaces values and never inherits name or description", () => {
    const scenario = parse(`name: child\nextends: middle\nworkload: { testDuration: 30 s }\n`, { base, middle });
    expect(scenario.name).toBe("child");
    expect(scenario.description).toBe("");
    expect(scenario.seed).toBe(5);
    expect(scenario.extends).toEqual(["middle", "base"]);
    expect(scenario.workload.testDurationMicros).toBe(30 * SECOND);
    expect(scenario.workload.producer).toMatchObject({ lingerMicros: 20_000, acks: "all" });
    expect(scenario.architectures.map((a) => a.name)).toEqual(["kafka", "kip392"]);
  });

  it("replaces lists whole, while items may start from the library scenario's items by name", () => {
    const scenario = parse(`name: child
extends: base
architectures:
  - kind: kafka
    name: kip392-rf2
    extends: kip392
    replicationFactor: 2
    minInsyncReplicas: 1
`, { base });
    expect(scenario.architectures.map((a) => a.architecture)).toEqual([
      { kind: "kafka", name: "kip392-rf2", kafka: { followerFetching: true, replicationFactor: 2, minInsyncReplicas: 1 } },
    ]);
  });

  it("gives the same runs as writing the merged scenario out by hand", () => {
    const merged = parse(`name: child\nextends: base\nworkload: { producerRate: 20 MiB/s }\n`, { base });
    const byHand = parse(`name: child
seed: 5
cluster: { zones: 3, brokersPerZone: 2 }
workload: { testDurationMinutes: 10, messageSize: 1 KiB, producerRate: 20 MiB/s, producer: { linger: 5 ms, acks: all } }
architectures:
  - kind: kafka
  - kind: kafka
    name: kip392
    followerFetching: true
`);
    expect(scenarioToRunConfigs(merged)).toEqual(scenarioToRunConfigs(byHand));
  });
});

describe("scenarioToRunConfigs", () => {
  it("gives one RunConfig per architecture, in order, sharing the scenario's seed and interval", () => {
    const scenario = parseScenario(DEFAULT_SCENARIO_YAML, "default");
    const configs = scenarioToRunConfigs(scenario);
    expect(configs.map((c) => c.architecture.name)).toEqual(scenario.architectures.map((a) => a.name));
    expect(new Set(configs.map((c) => c.seed))).toEqual(new Set([1]));
    expect(configs.every((c) => c.intervalMicros === 10 * SECOND)).toBe(true);
  });

  it("keeps the model's own defaults out of the specs, so model changes reach every scenario", () => {
    const [config] = scenarioToRunConfigs(parse(minimal()));
    expect(config.architecture).toEqual({ kind: "kafka", name: "kafka" });
  });
});

describe("ScenarioError.crossChecked", () => {
  const thrown = (text: string): ScenarioError => {
    try {
      parse(text);
    } catch (error) {
      if (error instanceof ScenarioError) return error;
      throw error;
    }
    throw new Error("expected a ScenarioError");
  };

  it("is false when a section's own problem kept the checks across sections from running, true when they ran", () => {
    const badZone = `${minimal()}faults:\n  - kind: zoneOutage\n    at: 1 s\n    duration: 1 s\n    zone: 7\n`;
    // The fault's zone is checked against the cluster only once every section is valid.
    const crossOnly = thrown(badZone);
    expect(crossOnly.crossChecked).toBe(true);
    expect(crossOnly.issues.map((i) => i.path)).toEqual(["faults[0].zone"]);
    const both = thrown(`${badZone}workload:\n  producerRate: fast\n`);
    expect(both.crossChecked).toBe(false);
    expect(both.issues.map((i) => i.path)).toEqual(["workload.producerRate"]);
  });
});
