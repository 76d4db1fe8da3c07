import { describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import { parseScenario, ScenarioError } from "../../sim/scenario/index.ts";
import { applyOverrides, parseFieldPath, parseOverrideValue, parseScenarioWithOverrides, parseSetOption } from "../../sim/scenario/setOverrides.ts";

const BASE = `
name: base
workload:
  producerRate: 10 MiB/s
  partitionsPerTopic: 6
  testDuration: 20 s
architectures:
  - kind: kafka
  - kind: diskless
    name: warp
`;
const CHILD = `
name: child
extends: base
workload:
  producerRate: 20 MiB/s
`;
const resolve = (name: string) => (name === "base" ? BASE : undefined);
const sets = (...texts: string[]) => texts.map((t) => parseSetOption(t));

/** The problems of a ScenarioError thrown by fn, as "path: message". */
function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error("expected a ScenarioError");
}

describe("--set overrides", () => {
  it("parses paths with keys, list indices and item names", () => {
    expect(parseFieldPath("architectures[1].workload.producer.acks")).toEqual([{ key: "architectures" }, { index: 1 }, { key: "workload" }, { key: "producer" }, { key: "acks" }]);
    expect(parseFieldPath("architectures[kafka-tiered].retention")).toEqual([{ key: "architectures" }, { item: "kafka-tiered" }, { key: "retention" }]);
    for (const bad of ["", "a..b", "[0].a", "a[]", "a.b c"]) expect(() => parseFieldPath(bad, "--set")).toThrow(/^--set: expected/);
  });

  it("reads values as YAML: numbers, booleans, strings with units, lists, and null to remove", () => {
    expect(parseOverrideValue("1")).toBe(1);
    expect(parseOverrideValue("true")).toBe(true);
    expect(parseOverrideValue("200MiB/s")).toBe("200MiB/s");
    expect(parseOverrideValue("[a, 2]")).toEqual(["a", 2]);
    expect(parseOverrideValue("")).toBe(null);
    expect(() => parseOverrideValue("[a, b")).toThrow(/^value: expected a YAML value/);
    expect(() => parseSetOption("workload.producerRate")).toThrow(/^--set: expected path=value/);
  });

  it("sets a field before validation, so the scenario reads as if the file had said it", () => {
    const scenario = parseScenarioWithOverrides(BASE, "base.yaml", sets("workload.producerRate=40 MiB/s", "architectures[warp].batchTimeout=100 ms"));
    const edited = parseScenario(BASE.replace("10 MiB/s", "40 MiB/s").replace("name: warp", "name: warp\n    batchTimeout: 100 ms"), "base.yaml");
    expect(scenario).toEqual(edited);
  });

  it("applies later overrides over earlier ones and leaves the input tree unchanged", () => {
    const tree = { workload: { topics: 1 } };
    const out = applyOverrides(tree, sets("workload.topics=2", "workload.topics=3"));
    expect(out).toEqual({ workload: { topics: 3 } });
    expect(tree).toEqual({ workload: { topics: 1 } });
  });

  it("removes a field given null, restoring its default", () => {
    expect(applyOverrides({ workload: { topics: 1, partitionsPerTopic: 6 } }, sets("workload.topics=null"))).toEqual({ workload: { partitionsPerTopic: 6 } });
  });

  it("refuses an empty value in one line naming the path and a value to give, rather than removing the field", () => {
    expect(() => parseSetOption("workload.topics=")).toThrow(new InputError("--set workload.topics", "", 'a value after "=", e.g. --set workload.topics=1, or null to remove the field'));
    expect(() => parseSetOption("workload.producerRate=  ")).toThrow(/^--set workload\.producerRate: expected a value after "=", e\.g\. --set 'workload\.producerRate=100 MiB\/s', or null to remove the field \(got "  "\)$/);
    // A field the default comparison leaves out takes its example from the schema: a choice, a number's minimum.
    expect(() => parseSetOption("architectures[kafka].workload.producer.acks=")).toThrow(/e\.g\. --set 'architectures\[kafka\]\.workload\.producer\.acks=all'/);
    expect(() => parseSetOption("architectures[0].replicationFactor=")).toThrow(/e\.g\. --set 'architectures\[0\]\.replicationFactor=1'/);
    expect(() => parseSetOption("faults=")).toThrow(/^--set faults: expected a value after "=", or null to remove the field \(got ""\)$/);
  });

  it("indexes the architectures a scenario actually runs, including those it extends", () => {
    const scenario = parseScenarioWithOverrides(CHILD, "child.yaml", sets("architectures[1].batchTimeout=100 ms"), { resolve });
    expect(scenario.architectures.map((a) => a.name)).toEqual(["kafka", "warp"]);
    expect(scenario.extends).toEqual(["base"]);
    expect(scenario.workload.producerRate * scenario.workload.messageBytes).toBe(20 * 2 ** 20);
    const plain = parseScenario(CHILD, "child.yaml", { resolve });
    expect(scenario.architectures[0]).toEqual(plain.architectures[0]);
    expect(scenario.architectures[1]).not.toEqual(plain.architectures[1]);
  });

  it("names every path that hits no field, with a did-you-mean, before any value is checked", () => {
    expect(problems(() => parseScenarioWithOverrides(BASE, "b", sets("workload.producerRat=1", "architectures[warpp].x=1", "architectures[5].x=1", "workload.topics.x=1", "architectures[0].batchTimeout=1 s")))).toEqual([
      'workload.producerRat: "producerRat" is not a field of workload (did you mean producerRate?)',
      'architectures[warpp].x: architectures has no item named "warpp" (did you mean warp?)',
      "architectures[5].x: architectures has 2 items (index 0 to 1; got 5)",
      "workload.topics.x: workload.topics is a value, not a mapping of fields",
      // batchTimeout is a diskless field; item 0 is kafka, whose fields are the ones checked.
      expect.stringMatching(/^architectures\[0\]\.batchTimeout: "batchTimeout" is not a field of architectures\[0\]/),
    ]);
  });

  it("leaves bad values to the parser, whose issues carry the field's path", () => {
    expect(problems(() => parseScenarioWithOverrides(BASE, "b", sets("workload.producerRate=fast")))).toEqual([expect.stringMatching(/^workload\.producerRate: "fast" is not a rate/)]);
  });
});
