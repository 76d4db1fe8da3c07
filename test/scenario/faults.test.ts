import { describe, expect, it } from "vitest";
import { FAULT_FIELDS, FAULT_KINDS } from "../../sim/faults/index.ts";
import { KAFKA_DEFAULTS } from "../../sim/model/kafkaConfig.ts";
import { createRun, type RunConfig } from "../../sim/model/run.ts";
import { scenarioToRunConfigs } from "../../sim/scenario/index.ts";
import { issuesOf, minimal, parse } from "./support.ts";

const S = 1_000_000;
const withFaults = (items: string) => minimal(`workload:\n  testDuration: 10 min\nfaults:\n${items}`);

describe("the faults section", () => {
  it("converts human durations to whole µs and file names to the catalogue's", () => {
    const scenario = parse(withFaults(`  - { kind: zoneOutage, at: 3 min, duration: 2 min, zone: 0 }
  - { kind: s3Brownout, at: 90 s, duration: 1.5 s, latencyFactor: 5, errorRatio: 0.01 }
  - { kind: zoneBrownout, at: 250 ms, duration: 1 h, zone: 1, toZone: 2, addedLatency: 20 ms }
  - { kind: replay, at: 10 s, subscription: 0, to: earliest }
  - { kind: replay, at: 10 s, subscription: 0, to: 2 s }
`));
    expect(scenario.faults).toEqual([
      { kind: "zoneOutage", at: 180 * S, duration: 120 * S, zone: 0 },
      { kind: "s3Brownout", at: 90 * S, duration: 1.5 * S, latencyFactor: 5, errorRatio: 0.01 },
      { kind: "zoneBrownout", at: S / 4, duration: 3600 * S, zone: 1, toZone: 2, addedLatencyMicros: 20_000 },
      { kind: "replay", at: 10 * S, subscription: 0, to: "earliest" },
      { kind: "replay", at: 10 * S, subscription: 0, to: 2 * S },
    ]);
  });

  it("gives every architecture's RunConfig its own copy of the list, and none to a scenario without faults", () => {
    const scenario = parse(`name: t\narchitectures:\n  - kind: kafka\n  - kind: diskless\nfaults:\n  - { kind: zoneOutage, at: 30 s, duration: 2 min, zone: 0 }\n`);
    const [a, b] = scenarioToRunConfigs(scenario);
    expect(a.faults).toEqual(scenario.faults);
    expect(b.faults).toEqual(scenario.faults);
    expect(a.faults).not.toBe(b.faults);
    expect(scenarioToRunConfigs(parse(minimal()))[0].faults).toBeUndefined();
  });

  it("accepts every kind of the catalogue with its required fields", () => {
    // Values that fit a 3 × 2 cluster and two subscriptions; each required field of each kind gets one.
    const sample: Record<string, string> = {
      at: "1 s", duration: "1 s", zone: "0", broker: "1", brokers: "[1]", subscription: "0", to: "earliest", toFactor: "2", factor: "2",
    };
    const effects: Record<string, string> = { zoneBrownout: "lossRatio: 0.1", s3Brownout: "errorRatio: 0.1", ebsDegradation: "iopsFactor: 0.5" };
    const items = FAULT_KINDS.map((kind) => {
      const fields = FAULT_FIELDS[kind].required.map((f) => `${f}: ${sample[f]}`);
      if (effects[kind]) fields.push(effects[kind]);
      return `  - { kind: ${kind}, ${fields.join(", ")} }`;
    });
    expect(parse(withFaults(`${items.join("\n")}\n`)).faults.map((f) => f.kind)).toEqual(FAULT_KINDS);
  });

  it("reports every problem of the file form with its path: durations, kinds, fields and values", () => {
    expect(issuesOf(withFaults(`  - { kind: zoneOutage, at: 1 min, duration: 2 min, zone: 0 }
  - { kind: zoneOutage, at: 5 minutes after, duration: 2 min, zone: 0 }
  - { kind: zoneOutge, at: 3 min }
  - { kind: zoneOutage, at: 3 min, duration: 2 min }
  - { kind: zoneOutage, at: 3 min, duration: 2 min, zone: 1, zon: 3 }
  - { kind: brokerCrash, at: 3 min, broker: 1, volumeLost: yes }
  - { kind: replay, at: 3 min, subscription: 0, to: later }
  - { kind: zoneOutage, at: 30, duration: 0 s, zone: 0 }
  - 7
  - { at: 3 min }
`))).toEqual([
      `faults[1].at: "5 minutes after" is not a duration (expected e.g. "90 s")`,
      `faults[2].kind: "zoneOutge" is not one of ${FAULT_KINDS.join(", ")} (did you mean zoneOutage?)`,
      "faults[3].zone: missing (expected a whole number from 0 to 63)",
      "faults[4].zon: unknown field (did you mean zone?)",
      `faults[5].volumeLost: expected true or false (got "yes")`,
      `faults[6].to: "later" is not "earliest" or a time (expected e.g. "30 s")`,
      `faults[7].at: 30 has no unit (expected a duration, e.g. "30 ms" or "30 s")`,
      `faults[7].duration: must be at least 1 µs (got "0 s")`,
      "faults[8]: expected an object of fields (got 7)",
      `faults[9].kind: missing (expected one of ${FAULT_KINDS.join(", ")})`,
    ]);
  });

  it("once the form is right, reports every fault that does not fit the run with its path: zones, times, effects", () => {
    expect(issuesOf(withFaults(`  - { kind: zoneOutage, at: 1 min, duration: 2 min, zone: 0 }
  - { kind: zoneOutage, at: 3 min, duration: 2 min, zone: 3 }
  - { kind: s3Brownout, at: 3 min, duration: 2 min }
  - { kind: s3Brownout, at: 11 min, duration: 2 min, errorRatio: 0.1 }
  - { kind: zoneBrownout, at: 3 min, duration: 2 min, zone: 1, toZone: 1, addedLatency: 5 ms }
`))).toEqual([
      "faults[1].zone: must be a zone from 0 to 2 (got 3)",
      "faults[2]: must be a s3Brownout with at least one of latencyFactor, errorRatio",
      "faults[3].at: must be a time before the run's end (10 min) (got 11 min)",
      "faults[4].toZone: must be a zone other than zone (1) (got 1)",
    ]);
  });
});

describe("a scenario's faults in its runs", () => {
  const timeout = KAFKA_DEFAULTS.brokerSessionTimeoutMicros;
  const text = (faults: string) => `name: t
cluster: { zones: 3, brokersPerZone: 1 }
workload: { partitionsPerTopic: 12, producerRate: 4 MiB/s, producersPerTopic: 3, subscriptionsPerTopic: 1, consumerPerSubscription: 3, testDuration: 15 s, warmupDuration: 0 s }
architectures:
  - kind: kafka
${faults}`;
  const elections = (config: RunConfig) => {
    const run = createRun(config);
    run.advance(run.endMicros);
    return run.world.timeline.filter((entry) => entry.what.startsWith("leaders elected"));
  };

  it("a zone outage elects new leaders one broker session timeout after it begins, also after a worker's structured clone", () => {
    expect(timeout).toBeLessThan(12 * S); // the election falls inside the run
    const [config] = scenarioToRunConfigs(parse(text("faults:\n  - { kind: zoneOutage, at: 1 s, duration: 20 s, zone: 0 }\n")));
    const elected = elections(config);
    expect(elected.length).toBeGreaterThan(0);
    expect(elected[0].atMicros).toBe(S + timeout);
    expect(elections(structuredClone(config)).map((e) => e.atMicros)).toEqual(elected.map((e) => e.atMicros));
    const [steady] = scenarioToRunConfigs(parse(text("")));
    expect(elections(steady)).toEqual([]);
  }, 30_000);

  it("a run cut shorter than its scenario ends before its later faults, which never fire", () => {
    const [config] = scenarioToRunConfigs(parse(text("faults:\n  - { kind: zoneOutage, at: 10 s, duration: 2 s, zone: 0 }\n")));
    const short = { ...config, workload: { ...config.workload, testDurationMicros: 2 * S } };
    const run = createRun(short);
    run.advance(run.endMicros);
    expect(run.done).toBe(true);
    expect(run.world.timeline).toEqual([]);
  });

  it("createRun refuses a fault list that is not a list, naming the field", () => {
    const [config] = scenarioToRunConfigs(parse(text("")));
    expect(() => createRun({ ...config, faults: "zoneOutage" as unknown as unknown[] })).toThrow(/faults/);
  });
});
