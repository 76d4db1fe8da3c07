import fc from "fast-check";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { DEFAULT_SCENARIO_YAML, parseScenario, scenarioToRunConfigs, ScenarioError, type Scenario } from "../../sim/scenario/index.ts";
import { DECISION_AREAS } from "../../sim/report/reportTypes.ts";
import { ISSUES_SHOWN_MAX } from "../../sim/scenario/scenarioError.ts";

const SEED = 20_251_125;
const RUNS = 100;

/** Model fields where Infinity is a documented value ("none": unthrottled). */
const INFINITE_OK = new Set(["recoveryThrottleBytesPerSecond"]);

/** Every number in the RunConfigs: never NaN, finite unless documented, whole where the name says µs or bytes. */
function numberProblems(value: unknown, path = "runs", problems: string[] = []): string[] {
  if (typeof value === "number") {
    const key = path.slice(path.lastIndexOf(".") + 1);
    if (Number.isNaN(value)) problems.push(`${path} is NaN`);
    else if (!Number.isFinite(value) && !INFINITE_OK.has(key)) problems.push(`${path} is ${value}`);
    else if (/(Micros|Bytes)$/.test(key) && !Number.isSafeInteger(value)) problems.push(`${path} is not whole (${value})`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => numberProblems(item, `${path}[${i}]`, problems));
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) numberProblems(item, `${path}.${key}`, problems);
  }
  return problems;
}

/** Parses text: a ScenarioError or a Scenario whose RunConfigs are clean; anything else fails the property. */
function parseOrExplain(text: string): Scenario | ScenarioError {
  let scenario: Scenario;
  try {
    scenario = parseScenario(text, "fuzz", { resolve: (name) => (name === "steady-state" ? DEFAULT_SCENARIO_YAML : undefined) });
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues.slice(0, ISSUES_SHOWN_MAX)) {
      // A NaN the file did not contain (quoted, as the file's own text) would be the parser's fault.
      expect(issue.message).not.toMatch(/(?<!")\bNaN\b(?!")|\[object Object\]|    at /);
      expect(error.message).toContain(`${issue.path}: ${issue.message}`);
    }
    return error;
  }
  expect(numberProblems(scenarioToRunConfigs(scenario))).toEqual([]);
  return scenario;
}

const durationText = fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom("ms", "s", "µs", "min")).map(([n, unit]) => `${n} ${unit}`);
const sizeValue = fc.oneof(fc.integer({ min: 1, max: 1 << 24 }), fc.tuple(fc.integer({ min: 1, max: 64 }), fc.constantFrom("KiB", "MiB", "KB", "MB")).map(([n, u]) => `${n} ${u}`));
/** A message that fits the default max.request.size (1 MiB), as the producer requires of every record. */
const messageSizeValue = fc.oneof(fc.integer({ min: 1, max: 1 << 20 }), fc.tuple(fc.integer({ min: 1, max: 1024 }), fc.constantFrom("KiB", "KB")).map(([n, u]) => `${n} ${u}`), fc.constant("1 MiB"));

/** Scenarios valid by construction: the generator respects every cross-section rule. */
const validScenario = fc
  .record({ zones: fc.integer({ min: 1, max: 4 }), extra: fc.integer({ min: 0, max: 2 }) })
  .chain(({ zones, extra }) => {
    const brokersPerZone = Math.ceil(3 / zones) + extra;
    const zone = fc.integer({ min: 0, max: zones - 1 });
    const placement = fc.oneof(fc.constant("spread"), zone.map((z) => ({ pinned: z })));
    const producer = fc.record(
      { linger: durationText, acks: fc.constantFrom("all", "1", "0", 1, 0, -1), batchSize: sizeValue, compressionRatio: fc.double({ min: 1, max: 8, noNaN: true }), maxInFlight: fc.integer({ min: 1, max: 50 }) },
      { requiredKeys: [] },
    );
    const workload = fc.record(
      {
        topics: fc.integer({ min: 1, max: 3 }),
        partitionsPerTopic: fc.integer({ min: 1, max: 200 }),
        messageSize: messageSizeValue,
        producerRate: fc.oneof(fc.double({ min: 0.5, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 2000 }).map((n) => `${n} MiB/s`), fc.integer({ min: 1, max: 9999 }).map((n) => `${n} msg/s`)),
        producersPerTopic: fc.integer({ min: 1, max: 8 }),
        subscriptionsPerTopic: fc.integer({ min: 0, max: 3 }),
        consumerPerSubscription: fc.integer({ min: 1, max: 8 }),
        testDurationMinutes: fc.double({ min: 0.01, max: 60, noNaN: true }),
        warmupDuration: durationText,
        producerZones: placement,
        consumerZones: placement,
        producer,
        consumer: fc.record({ fetchMaxWait: durationText, fetchMinBytes: sizeValue, clientRack: fc.boolean() }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    );
    const item = fc.oneof(
      fc.record({ kind: fc.constant("kafka"), followerFetching: fc.boolean(), replicaFetchWaitMax: durationText, segmentBytes: sizeValue }, { requiredKeys: ["kind"] }),
      fc.record({ kind: fc.constant("kafka-tiered"), localRetention: durationText, remoteReaderThreads: fc.integer({ min: 1, max: 20 }) }, { requiredKeys: ["kind"] }),
      fc.record({ kind: fc.constant("automq"), walKind: fc.constantFrom("ebs", "regional-ebs", "s3"), zoneRouter: fc.boolean(), s3WalBatchInterval: durationText, uploadInterval: fc.oneof(durationText, fc.constant("off")) }, { requiredKeys: ["kind"] }),
      fc.record({ kind: fc.constant("diskless"), batchTimeout: durationText, ingestStorage: fc.constantFrom("standard", "express"), expressBuckets: fc.constant(3), compaction: fc.boolean() }, { requiredKeys: ["kind", "expressBuckets"] }),
    );
    return fc
      .record(
        {
          name: fc.constant("fuzz"),
          seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          cluster: fc.constant({ zones, brokersPerZone }),
          workload,
          architectures: fc.array(item, { minLength: 1, maxLength: 4 }).map((items) => items.map((it, i) => ({ ...it, name: `a${i}` }))),
          slo: fc.record({ produceP99: fc.integer({ min: 1, max: 3_600_000 }).map((ms) => `${ms} ms`) }, { requiredKeys: [] }),
          cost: fc.record({ retention: durationText, localRetention: durationText, volumeHeadroom: fc.double({ min: 0, max: 10, noNaN: true }), prices: fc.constant({ lines: { interZoneTransferOut: { price: 0.02 } } }) }, { requiredKeys: [] }),
          faults: fc.array(fc.record({ name: fc.constantFrom("outage", "zone-0"), kind: fc.constant("zoneOutage"), at: fc.constant("0 s"), duration: durationText, zone }), { maxLength: 1 }),
          checks: fc.array(fc.tuple(fc.constantFrom(...CHECKS), fc.constantFrom(...DECISION_AREAS), fc.constantFrom("blocking", "risk"), fc.constantFrom("", " during steady", " during fault")), { maxLength: 4 }),
          narrative: fc.array(fc.record({ at: fc.constant("0 s"), title: fc.constant("Steady"), text: fc.string({ maxLength: 20 }), watch: fc.constant(["produce p99", "cost"]) }), { maxLength: 2 }),
        },
        { requiredKeys: ["name", "seed", "cluster", "workload", "architectures", "faults", "checks"] },
      )
      .map(({ checks, faults, ...tree }) => {
        // Checks valid by construction: "during fault" and recovery metrics only when there is a fault, and "during
        // steady" only when there is none (the fault begins at 0 s, leaving no steady stretch).
        const fault = faults[0]?.name;
        const thresholds = checks
          .filter(([check, , , scope]) => (fault !== undefined ? scope !== " during steady" : !check.startsWith("acked") && scope !== " during fault"))
          .map(([check, area, severity, scope]) => ({ check: `${check}${check.startsWith("acked") ? ` during ${fault}` : scope.replace("fault", fault ?? "")}`, area, severity }));
        return { ...tree, ...(faults.length > 0 ? { faults } : {}), ...(thresholds.length > 0 ? { thresholds } : {}) };
      });
  });

/** Checks that read in every scope (acked records lost needs a fault, which the generator then names). */
const CHECKS = ["produce p99 < 50 ms", "cost < $40000/month", "cross-zone bytes < 2 TB", "publish rate >= 500/s", "produce errors <= 0", "cross-zone bytes per produced byte <= 270%", "acked records lost <= 0"];

/** A change to one place of a scenario tree: delete, replace with anything, add a near-miss key. */
type Mutation = { at: number; action: "delete" | "replace" | "typo"; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  action: fc.constantFrom("delete", "replace", "typo"),
  value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), durationText, fc.constantFrom("-1", "off", "auto", "none", "1e999 ms", "NaN", "0x10", ".inf", "__proto__")),
});

function mutate(tree: Record<string, unknown>, m: Mutation): void {
  const places: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach((child, i) => (places.push([node, i]), walk(child)));
    else if (typeof node === "object" && node !== null) {
      for (const [key, child] of Object.entries(node)) (places.push([node as Record<string, unknown>, key]), walk(child));
    }
  };
  walk(tree);
  const [parent, key] = places[m.at % places.length];
  if (m.action === "delete" && !Array.isArray(parent)) delete parent[key as string];
  else if (m.action === "typo" && !Array.isArray(parent)) {
    const name = String(key);
    Object.defineProperty(parent, `${name.slice(0, -1)}${name.slice(-1) === "e" ? "a" : "e"}`, { value: parent[name], enumerable: true, writable: true, configurable: true });
  } else (parent as Record<string | number, unknown>)[key] = m.value;
}

describe("scenario parsing under random input", () => {
  it("accepts every scenario generated within the rules and converts it without NaN", () => {
    fc.assert(
      fc.property(validScenario, (tree) => {
        const result = parseOrExplain(YAML.stringify(tree));
        if (result instanceof ScenarioError) throw new Error(result.message);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("gives a ScenarioError or a clean scenario for mutated scenarios, never another exception", () => {
    fc.assert(
      fc.property(validScenario, fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (tree, mutations, asJson) => {
        for (const m of mutations) mutate(tree, m);
        parseOrExplain(asJson ? JSON.stringify(tree) : YAML.stringify(tree));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("gives a ScenarioError for arbitrary JSON values and text, never another exception", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v) ?? ""), fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 })), (text) => {
        parseOrExplain(text);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("gives a ScenarioError or a clean scenario when characters of the default scenario are edited at random", () => {
    const edit = fc.record({ at: fc.nat({ max: DEFAULT_SCENARIO_YAML.length }), remove: fc.nat({ max: 3 }), insert: fc.string({ maxLength: 3, unit: fc.constantFrom(" ", "\n", ":", "-", "[", "{", "'", "\"", "#", "&", "*", "!", "0", "9", ".", "e", "µ", "\t") }) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), fc.boolean(), (edits, extend) => {
        let text = extend ? `name: child\nextends: steady-state\n${DEFAULT_SCENARIO_YAML.split("\n").slice(9).join("\n")}` : DEFAULT_SCENARIO_YAML;
        for (const e of edits) text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);
        parseOrExplain(text);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
