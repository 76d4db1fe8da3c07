import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { intervalIndex, INTERVALS_MAX } from "../../sim/metrics/intervalSeries.ts";
import { parseDuration } from "../../sim/quantity.ts";
import { scenarioToRunConfigs, type Scenario } from "../../sim/scenario/index.ts";
import { BYTE_RATE_MAX } from "../../sim/scenario/quantityFields.ts";
import { issuesOf, minimal, parse } from "./support.ts";

const REFUSED = (limit: string) => `the producer refuses a record larger than ${limit} (RecordTooLargeException)`;

/** The scenario with every run `endMicros` long (no warm-up) and the given sample interval. */
function withLength(scenario: Scenario, endMicros: number, intervalMicros: number): Scenario {
  const workload = { ...scenario.workload, testDurationMicros: endMicros, warmupDurationMicros: 0 };
  return { ...scenario, sampleIntervalMicros: intervalMicros, workload, architectures: scenario.architectures.map((a) => ({ ...a, workload })) };
}

describe("records the producer can send", () => {
  it("refuses buffer.memory or max.request.size below one message, as Kafka's producer does, at the field the file set", () => {
    expect(issuesOf(minimal("workload:\n  producer: { bufferMemory: 1 }\n"))).toEqual([
      `workload.producer.bufferMemory: must be at least messageSize, 1 KiB: ${REFUSED("buffer.memory")} (got 1 B)`,
    ]);
    // The default max.request.size is 1 MiB: a larger message is the field to change.
    expect(issuesOf(minimal("workload: { messageSize: 2 MiB }\n"))).toEqual([
      `workload.messageSize: must be at most producer.maxRequestSize, 1 MiB: ${REFUSED("max.request.size")} (got 2 MiB)`,
    ]);
    // One byte over: the sizes are shown exactly, so they never read the same.
    expect(issuesOf(minimal("workload: { messageSize: 1048577 }\n"))).toEqual([
      `workload.messageSize: must be at most producer.maxRequestSize, 1 MiB: ${REFUSED("max.request.size")} (got 1048577 B)`,
    ]);
    const item = `name: t\narchitectures:\n  - kind: kafka\n  - kind: diskless\n    workload: { producer: { maxRequestSize: 512 } }\n`;
    expect(issuesOf(item)).toEqual([
      `architectures[1].workload.producer.maxRequestSize: must be at least messageSize, 1 KiB: ${REFUSED("max.request.size")} (got 512 B)`,
    ]);
  });

  it("accepts a message exactly the size of either limit, and one larger than batch.size (it travels in a batch of its own)", () => {
    const scenario = parse(minimal("workload:\n  messageSize: 64 KiB\n  producer: { bufferMemory: 64 KiB, maxRequestSize: 64 KiB, batchSize: 1 KiB }\n"));
    expect(scenario.workload.producer).toMatchObject({ bufferBytes: 65_536, maxRequestBytes: 65_536, batchBytes: 1024 });
  });

  it("reports a limit broken by the scenario's own workload once, not again for each architecture that inherits it", () => {
    const text = `name: t\nworkload: { producer: { bufferMemory: 100 } }\narchitectures:\n  - kind: kafka\n  - kind: diskless\n    workload: { testDuration: 30 s }\n`;
    expect(issuesOf(text)).toEqual([`workload.producer.bufferMemory: must be at least messageSize, 1 KiB: ${REFUSED("buffer.memory")} (got 100 B)`]);
  });
});

describe("byte rates", () => {
  it("accept up to 1 PiB/s, written as a byte rate in any unit", () => {
    expect(BYTE_RATE_MAX).toBe(1024 ** 5);
    // Rates keep 12 significant digits, so 1 PiB/s parses to 2^50 so rounded.
    expect((parse(minimal("workload: { producerRate: 1 PiB/s }\n")).workload.producerRate * 1024) / BYTE_RATE_MAX).toBeCloseTo(1, 11);
    expect(issuesOf(minimal("workload: { producerRate: 1.5 PiB/s }\n"))).toEqual([`workload.producerRate: must be at most 1 PiB/s (got "1.5 PiB/s")`]);
    expect(issuesOf(minimal("network: { zonePairBandwidth: 1e20 }\n"))).toEqual(["network.zonePairBandwidth: must be at most 1 PiB/s (got 100000000000000000000)"]);
  });

  it("bound a message rate by what it offers: messages/s × messageSize", () => {
    // 1e12 messages/s × 1 KiB = 1.024e15 B/s, under 2^50 ≈ 1.126e15; 2e12 × 1 KiB = 2.048e15 B/s = 1.819 PiB/s.
    expect(parse(minimal("workload: { producerRate: 1000000000000 }\n")).workload.producerRate).toBe(1e12);
    expect(issuesOf(minimal("workload: { producerRate: 2000000000000 }\n"))).toEqual([
      "workload.producerRate: must offer at most 1 PiB/s: 2000000000000 messages/s × 1 KiB is 1.819 PiB/s (got 2000000000000)",
    ]);
    // A rate so large its bytes overflow to Infinity is refused, not run with nothing published.
    expect(issuesOf(minimal("workload: { producerRate: 1e308 }\n"))).toEqual([
      "workload.producerRate: must offer at most 1 PiB/s: 1e+308 messages/s × 1 KiB is more than that (got 1e+308)",
    ]);
    // An architecture's own larger message is what pushes the scenario's message rate over.
    const item = `name: t\nworkload: { producerRate: 1000000000000 }\narchitectures:\n  - kind: kafka\n    workload: { messageSize: 2 KiB }\n`;
    expect(issuesOf(item)).toEqual([
      "architectures[0].workload.messageSize: must offer at most 1 PiB/s: 1000000000000 messages/s × 2 KiB is 1.819 PiB/s (got 2 KiB)",
    ]);
  });
});

describe("lower bounds", () => {
  it("are worded the same for zero and for a negative value, from a file or from --set's YAML number", () => {
    for (const value of ["-1 KiB", "0", "-1", "0 B"]) {
      expect(issuesOf(minimal(`workload: { messageSize: ${value} }\n`))[0]).toMatch(/^workload\.messageSize: must be > 0 \(got /);
    }
    for (const value of ["-5 s", "0 s"]) {
      expect(issuesOf(minimal(`workload: { testDuration: ${value} }\n`))[0]).toMatch(/^workload\.testDuration: must be at least 1 µs \(got /);
    }
    expect(issuesOf(minimal("workload: { producerRate: -5 MiB/s }\n"))).toEqual([`workload.producerRate: must be > 0 (got "-5 MiB/s")`]);
    expect(issuesOf(minimal("network: { zonePairBandwidth: -1 Gbps }\n"))).toEqual([`network.zonePairBandwidth: must be > 0 (got "-1 Gbps")`]);
    // Where 0 is allowed, so is the wording: >= 0.
    expect(issuesOf(minimal("workload: { warmupDuration: -5 s }\n"))).toEqual([`workload.warmupDuration: must be >= 0 (got "-5 s")`]);
  });
});

describe("the sample interval", () => {
  const base = parse(minimal());

  it("is refused before a run when the run's series could not hold it, naming the value, the bound and the run's length", () => {
    // 6 s at 1 µs is 6,000,000 intervals, over 2^22 = 4,194,304; at 2 µs it is 3,000,000.
    expect(() => scenarioToRunConfigs(withLength(base, 6_000_000, 1))).toThrow(
      `sampleInterval: expected at least 2 µs for a run of 6 s (a run's series hold at most 4194304 intervals) (got "1 µs")`,
    );
    expect(scenarioToRunConfigs(withLength(base, 6_000_000, 2))).toHaveLength(1);
  });

  it("is accepted exactly when every instant of the run, its end included, has an interval the series can hold", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 * 86_400_000_000 }), fc.integer({ min: 1, max: 2_000_000 }), (endMicros, intervalMicros) => {
        let holds = true;
        try {
          intervalIndex(endMicros, intervalMicros);
        } catch {
          holds = false;
        }
        let accepted = true;
        try {
          scenarioToRunConfigs(withLength(base, endMicros, intervalMicros));
        } catch {
          accepted = false;
        }
        expect(accepted).toBe(holds);
      }),
      { numRuns: 300 },
    );
  });

  it("suggests a bound that is itself accepted", () => {
    for (const endMicros of [INTERVALS_MAX, 600_000_000, 123_456_789_012, 60 * 86_400_000_000]) {
      let message = "";
      try {
        scenarioToRunConfigs(withLength(base, endMicros, 1));
      } catch (error) {
        message = (error as Error).message;
      }
      const shown = /at least (.+?) for a run/.exec(message)?.[1];
      expect(shown, message).toBeDefined();
      expect(scenarioToRunConfigs(withLength(base, endMicros, parseDuration("bound", shown)))).toHaveLength(1);
    }
  });
});
