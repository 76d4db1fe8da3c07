import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DECISION_AREAS } from "../../sim/report/reportTypes.ts";
import { RESERVED_KEYS } from "../../sim/scenario/index.ts";
import { issuesOf, minimal, parse } from "./support.ts";

const S = 1_000_000;
const AREAS = DECISION_AREAS.join(", ");
/** Two architectures, a 10-minute run and two named faults of different kinds. */
const base = (extra: string) => `name: t
architectures:
  - kind: kafka
  - kind: diskless
workload: { testDuration: 10 min }
faults:
  - { name: zone-outage, kind: zoneOutage, at: 3 min, duration: 2 min, zone: 0 }
  - { kind: s3Brownout, at: 7 min, duration: 1 min, errorRatio: 0.01 }
${extra}`;

describe("the slo and cost sections", () => {
  it("converts the SLO and the cost assumptions to µs and ratios, and defaults both", () => {
    const scenario = parse(minimal("slo: { produceP99: 50 ms }\ncost: { priceBook: aws-us-east-1, retention: 7 d, localRetention: 1 d, volumeHeadroom: 0.125 }\n"));
    expect(scenario.slo).toEqual({ produceP99Micros: 50_000 });
    expect(scenario.cost).toEqual({ priceBook: "aws-us-east-1", assumptions: { retentionMicros: 7 * 86_400 * S, localRetentionMicros: 86_400 * S, volumeHeadroomRatio: 0.125 } });
    const plain = parse(minimal());
    expect(plain.slo).toEqual({});
    expect(plain.cost).toEqual({ priceBook: "aws-us-east-1", assumptions: {} });
    expect(plain.thresholds).toEqual([]);
    expect(plain.narrative).toEqual([]);
    expect(plain.faultNames).toEqual([]);
  });

  it("keeps price changes the book accepts, as data", () => {
    const scenario = parse(minimal("cost:\n  prices: { gigabyte: GiB, lines: { interZoneTransferOut: { price: 0.01 } }, instances: { r6i.xlarge: { price: 0.3 } } }\n"));
    expect(scenario.cost.prices).toEqual({ gigabyte: "GiB", lines: { interZoneTransferOut: { price: 0.01 } }, instances: { "r6i.xlarge": { price: 0.3 } } });
  });

  it("reports every problem of the slo and cost sections at its path", () => {
    expect(issuesOf(minimal(`slo: { produceP99: 50, p99: 1 ms }
cost:
  priceBook: aws-us-east
  retention: 0 s
  volumeHeadroom: -1
  prices: { lines: { interZoneTransfer: { price: 0.01 }, s3StandardPut: { price: -1 } }, region: eu }
`))).toEqual([
      `slo.produceP99: 50 has no unit (expected a duration, e.g. "50 ms" or "50 s")`,
      "slo.p99: unknown field (expected one of produceP99)",
      `cost.priceBook: "aws-us-east" is not one of aws-us-east-1 (did you mean aws-us-east-1?)`,
      "cost.prices.region: unknown field (expected one of gigabyte, month, lines, instances)",
      `cost.retention: must be at least 1 µs (got "0 s")`,
      "cost.volumeHeadroom: expected a number from 0 to 10 (got -1)",
    ]);
    const lines = issuesOf(minimal("cost:\n  prices: { lines: { interZoneTransfer: { price: 0.01 }, s3StandardPut: { price: -1 } } }\n"));
    expect(lines.sort()).toEqual([
      "cost.prices.lines.interZoneTransfer: unknown price line (did you mean interZoneTransferIn?)",
      "cost.prices.lines.s3StandardPut.price: price must be a number >= 0 (got -1)",
    ]);
  });
});

describe("fault names", () => {
  it("are kept apart from the catalogue's data, parallel to the faults, the kind standing in for a missing name", () => {
    const scenario = parse(base(""));
    expect(scenario.faults).toEqual([
      { kind: "zoneOutage", at: 180 * S, duration: 120 * S, zone: 0 },
      { kind: "s3Brownout", at: 420 * S, duration: 60 * S, errorRatio: 0.01 },
    ]);
    expect(scenario.faultNames).toEqual(["zone-outage", "s3Brownout"]);
  });

  it("must be unique names, and not the scope word steady", () => {
    expect(issuesOf(minimal(`workload: { testDuration: 10 min }
faults:
  - { name: outage, kind: zoneOutage, at: 1 min, duration: 1 min, zone: 0 }
  - { name: outage, kind: zoneOutage, at: 3 min, duration: 1 min, zone: 1 }
  - { name: steady, kind: zoneOutage, at: 5 min, duration: 1 min, zone: 2 }
`))).toEqual([
      `faults[1].name: "outage" is already the name of faults[0] (names must be unique)`,
      `faults[2].name: "steady" means the time before the first fault in thresholds (choose another name)`,
    ]);
    expect(issuesOf(minimal(`faults: [{ name: "two words", kind: zoneOutage, at: 1 min, duration: 1 min, zone: 2 }]\n`))).toEqual([
      `faults[0].name: expected a name of letters, digits, ".", "_" or "-", at most 64 characters (got "two words")`,
    ]);
  });
});

describe("the thresholds section", () => {
  it("parses each check to its metric, comparison, limit in base units and scope, as the spec's examples show", () => {
    const scenario = parse(base(`thresholds:
  - { check: produce p99 < 50 ms during zone-outage, area: write-path, severity: blocking, architectures: [kafka] }
  - { check: recovery cross-zone bytes < 2 TB during zone-outage, area: network-path }
  - { check: time to SLO < 5 min during zone-outage, area: operations }
  - { check: acked records lost <= 0 during zone-outage, area: storage-independence }
  - { check: cost < $40000/month, area: storage-independence, severity: risk }
  - { check: produce throughput >= 90 MiB/s during steady, area: write-path }
  - { check: "cross-zone bytes per produced byte <= 270%", area: network-path }
  - { check: time to detect < 30 s during s3Brownout, area: operations }
`));
    const compact = scenario.thresholds.map((t) => [t.metric, t.operator, t.limit, t.scope, t.area, t.severity, t.architectures]);
    const outage = { kind: "fault", index: 0, name: "zone-outage" };
    expect(compact).toEqual([
      ["publishLatency99pct", "<", 50_000, outage, "write-path", "blocking", ["kafka"]],
      ["recovery.recoveryCrossZoneBytes", "<", 2e12, outage, "network-path", "blocking", undefined],
      ["recovery.timeToSloSeconds", "<", 300 * S, outage, "operations", "blocking", undefined],
      ["recovery.ackedRecordsLost", "<=", 0, outage, "storage-independence", "blocking", undefined],
      ["cost.usdPerMonth", "<", 40_000, { kind: "run" }, "storage-independence", "risk", undefined],
      ["publishBytesRate", ">=", 90 * 2 ** 20, { kind: "steady" }, "write-path", "blocking", undefined],
      ["crossZoneBytesPerProducedByte", "<=", 2.7, { kind: "run" }, "network-path", "blocking", undefined],
      ["recovery.detectSeconds", "<", 30 * S, { kind: "fault", index: 1, name: "s3Brownout" }, "operations", "blocking", undefined],
    ]);
    expect(scenario.thresholds[0].check).toBe("produce p99 < 50 ms during zone-outage");
  });

  it("gives a recovery metric without a scope the only fault's window", () => {
    const scenario = parse(minimal("workload: { testDuration: 10 min }\nfaults: [{ kind: zoneOutage, at: 3 min, duration: 2 min, zone: 0 }]\nthresholds: [{ check: time to SLO < 5 min, area: operations }]\n"));
    expect(scenario.thresholds[0].scope).toEqual({ kind: "fault", index: 0, name: "zoneOutage" });
  });

  it("reports checks that do not read, with the value, what was expected and the nearest name", () => {
    expect(issuesOf(base(`thresholds:
  - { check: produce p999x < 50 ms, area: write-path }
  - { check: produce p99 50 ms, area: write-path }
  - { check: produce p99 = 50 ms, area: write-path }
  - { check: produce p99 < 2 TB, area: write-path }
  - { check: cost < 40000, area: operations }
  - { check: cost < $500, area: operations }
  - { check: incident cost < $500/month, area: operations }
  - { check: recovery bytes < 1 TB during, area: network-path }
  - { check: produce p99 < -5 ms, area: write-path }
  - { check: produce p99 < 5 ms, area: write-paths }
  - { check: produce p99 < 5 ms, area: write-path, severity: fatal }
  - { area: write-path }
`))).toEqual([
      `thresholds[0].check: "produce p999x" is not a metric (did you mean produce p999?); expected a metric of scenarios/README.md such as "produce p99"`,
      `thresholds[1].check: "produce p99 50 ms" has no comparison (expected <metric> <op> <value> [during <fault>], with op one of <, <=, >, >=)`,
      `thresholds[2].check: "=" is not a comparison: expected one of <, <=, >, >=`,
      `thresholds[3].check: "2 TB" is not a time (the metric is a time: expected e.g. "50 ms")`,
      `thresholds[4].check: "40000" is not a monthly cost (the metric is a monthly cost: expected e.g. "$40000/month")`,
      `thresholds[5].check: "$500" is not a monthly cost (the metric is a monthly cost: expected e.g. "$40000/month")`,
      `thresholds[6].check: "$500/month" is not an amount of USD (the metric is an amount of USD: expected e.g. "$500")`,
      `thresholds[7].check: "during" must be followed by one fault name, fault kind or "steady" (got "")`,
      `thresholds[8].check: must be >= 0 (got "-5 ms")`,
      `thresholds[9].area: "write-paths" is not one of ${AREAS} (did you mean write-path?)`,
      `thresholds[10].severity: "fatal" is not one of blocking, risk`,
      `thresholds[11].check: missing (expected a check such as "produce p99 < 50 ms during zone-outage")`,
    ]);
  });

  it("reports scopes and architectures the scenario does not have, and metrics their scope cannot measure", () => {
    expect(issuesOf(base(`thresholds:
  - { check: produce p99 < 50 ms during zone-outge, area: write-path }
  - { check: time to SLO < 5 min, area: operations }
  - { check: produce p95 < 50 ms during zone-outage, area: write-path }
  - { check: incident cost < $100 during steady, area: operations }
  - { check: time to SLO < 5 min during steady, area: operations }
  - { check: produce p99 < 50 ms, area: write-path, architectures: [kafka, diskles] }
`))).toEqual([
      `thresholds[0].check: "during zone-outge": "zone-outge" names no fault (did you mean zone-outage?); its faults: zone-outage, s3Brownout (faults[1]), or "steady"`,
      `thresholds[1].check: time to SLO is measured per fault: add "during <fault>" (its faults: zone-outage, s3Brownout (faults[1]))`,
      `thresholds[2].check: produce p95 cannot be measured in a fault's window: per-interval latency keeps p50, p99 and max (e.g. produce p99); drop "during" for the whole run`,
      `thresholds[3].check: incident cost cannot be measured in the steady stretch: it is read over the whole run only; drop "during"`,
      `thresholds[4].check: time to SLO cannot be measured in the steady stretch: it is measured per fault (write "during <fault>")`,
      `thresholds[5].architectures[1]: "diskles" names no architecture (did you mean diskless?); the scenario has kafka, diskless`,
    ]);
  });

  it("refuses the steady scope when the first fault begins by the end of warm-up", () => {
    expect(issuesOf(minimal(`workload: { testDuration: 10 min, warmupDuration: 1 min }
faults: [{ kind: zoneOutage, at: 1 min, duration: 1 min, zone: 0 }]
thresholds: [{ check: produce p99 < 50 ms during steady, area: write-path }]
`))).toEqual([`thresholds[0].check: "during steady": the first fault begins at 1 min, by the end of warm-up (1 min), so no measured time comes before it`]);
  });

  it("refuses a recovery metric in a scenario without faults, and a kind several faults share", () => {
    expect(issuesOf(minimal("thresholds: [{ check: acked records lost <= 0, area: storage-independence }]\n"))).toEqual([
      "thresholds[0].check: acked records lost is measured per fault, and the scenario has no faults",
    ]);
    expect(issuesOf(minimal(`workload: { testDuration: 10 min }
faults:
  - { kind: zoneOutage, at: 1 min, duration: 1 min, zone: 0 }
  - { kind: zoneOutage, at: 3 min, duration: 1 min, zone: 1 }
thresholds: [{ check: acked records lost <= 0 during zoneOutage, area: storage-independence }]
`))).toEqual([`thresholds[0].check: "zoneOutage" is the kind of several faults (faults[0], faults[1]): give each a name and write "during <name>"`]);
  });
});

describe("the narrative section", () => {
  it("converts step times to seconds and keeps watched metric names as written", () => {
    const scenario = parse(base(`narrative:
  - { at: 0 s, title: Steady state, text: What to watch., watch: [produce p99, Cross-Zone Bytes per produced byte] }
  - { at: 3 min, title: Zone 0 goes dark, text: Leaders move. }
`));
    expect(scenario.narrative).toEqual([
      { atSeconds: 0, title: "Steady state", text: "What to watch.", watch: ["produce p99", "Cross-Zone Bytes per produced byte"] },
      { atSeconds: 180, title: "Zone 0 goes dark", text: "Leaders move.", watch: [] },
    ]);
  });

  it("reports unknown metrics, missing titles, steps out of order and steps after the run", () => {
    expect(issuesOf(base(`narrative:
  - { at: 2 min, title: A, text: x, watch: [produce p99, crosszone bytes] }
  - { at: 1 min, title: B, text: x }
  - { at: 11 min, title: C, text: x }
  - { at: 1 s, text: x }
`))).toEqual([
      `narrative[0].watch[1]: "crosszone bytes" is not a metric (did you mean cross-zone bytes?); expected a metric of scenarios/README.md such as "produce p99"`,
      `narrative[3].title: missing (expected a short title)`,
    ]);
    expect(issuesOf(base(`narrative:
  - { at: 2 min, title: A, text: x }
  - { at: 1 min, title: B, text: x }
  - { at: 11 min, title: C, text: x }
`))).toEqual([
      "narrative[1].at: must not be before narrative[0].at (2 min): steps are in time order (got 1 min)",
      "narrative[2].at: must be a time before the run's end (10 min) (got 11 min)",
    ]);
  });
});

describe("sections under extends", () => {
  const library = { parent: base(`slo: { produceP99: 40 ms }
cost: { retention: 3 d }
thresholds:
  - { check: produce p99 < 50 ms during zone-outage, area: write-path }
  - { check: cost < $40000/month, area: operations }
narrative:
  - { at: 0 s, title: Steady, text: x }
`).replace("name: t", "name: parent") };

  it("carries them to the child, which replaces lists and merges objects", () => {
    const child = parse("name: child\nextends: parent\ncost: { volumeHeadroom: 0.2 }\nthresholds:\n  - { check: time to SLO < 5 min during zone-outage, area: operations }\n", library);
    expect(child.slo).toEqual({ produceP99Micros: 40_000 });
    expect(child.cost.assumptions).toEqual({ retentionMicros: 3 * 86_400 * S, volumeHeadroomRatio: 0.2 });
    expect(child.thresholds.map((t) => t.check)).toEqual(["time to SLO < 5 min during zone-outage"]);
    expect(child.narrative.map((n) => n.title)).toEqual(["Steady"]);
    expect(child.faultNames).toEqual(["zone-outage", "s3Brownout"]);
  });

  it("checks inherited thresholds against the child's own faults", () => {
    expect(issuesOf("name: child\nextends: parent\nfaults: [{ name: other, kind: zoneOutage, at: 1 min, duration: 1 min, zone: 1 }]\n", library)).toEqual([
      `thresholds[0].check: "during zone-outage": "zone-outage" names no fault (did you mean zoneOutage?); its faults: other, or "steady"`,
    ]);
  });

  it("leaves no top-level key reserved", () => {
    expect(RESERVED_KEYS).toEqual({});
  });
});

describe("scenarios/README.md", () => {
  it("shows an example of the sections that parses as written", () => {
    const readme = readFileSync(new URL("../../scenarios/README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## SLO, cost, thresholds and narrative"));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    const scenario = parse(`name: t\narchitectures: [{ kind: kafka }]\nworkload: { testDuration: 10 min }\n${example}`);
    expect(scenario.thresholds.map((t) => t.check)).toEqual([
      "produce p99 < 50 ms during zone-outage",
      "recovery cross-zone bytes < 2 TB during zone-outage",
      "time to SLO < 5 min during zone-outage",
      "acked records lost <= 0 during zone-outage",
      "cost < $40000/month",
    ]);
    expect(scenario.narrative).toHaveLength(1);
    expect(scenario.cost.prices).toEqual({ lines: { interZoneTransferOut: { price: 0.01 } } });
  });
});
