import { describe, expect, it } from "vitest";
import { InternalFailure } from "../../sim/cli/failures.ts";
import { outputTargets } from "../../sim/cli/outputs.ts";
import { asInternal } from "../../sim/cli/runCommand.ts";
import { JobFailure } from "../../sim/cli/workerPool.ts";
import { InputError, SimInvariantError } from "../../sim/errors.ts";

describe("command outputs", () => {
  it("send an output without a file (or with -) to stdout, the rest to their files, in a fixed order", () => {
    expect(outputTargets({ junit: "j.xml", json: true, csv: "s.csv" })).toEqual([
      { kind: "json", file: null },
      { kind: "junit", file: "j.xml" },
      { kind: "csv", file: "s.csv" },
    ]);
    expect(outputTargets({ markdown: "-" })).toEqual([{ kind: "markdown", file: null }]);
  });

  it("refuse two outputs on stdout, two outputs in one file, and an output named like a scenario", () => {
    expect(() => outputTargets({ json: true, markdown: true })).toThrow(/^--json, --markdown: expected at most one output on stdout/);
    expect(() => outputTargets({ json: "a.json", csv: "./a.json" })).toThrow(/^outputs: expected a different file for each output/);
    expect(() => outputTargets({ json: "scenario.yaml" })).toThrow(/^--json: expected an output file, not a \.yaml file/);
  });
});

describe("internal failures", () => {
  it("carry the reproduction lines and the failing run's label; input errors stay input errors", () => {
    const reproduce = ["scenario hash 0123456789abcdef, seed 7", "reproduce: bytepath run s.yaml --seed 7"];
    const internal = asInternal(new JobFailure(1, new SimInvariantError("broker-1: bufferBytes exceeds bufferBytesMax")), reproduce, ["kafka", "diskless"]);
    expect(internal).toBeInstanceOf(InternalFailure);
    expect((internal as InternalFailure).lines[0]).toMatch(/^diskless: SimInvariantError: broker-1: bufferBytes exceeds bufferBytesMax/);
    expect((internal as InternalFailure).lines.slice(1)).toEqual(reproduce);
    const input = new InputError("seed", -1, "a whole number");
    expect(asInternal(new JobFailure(0, input), reproduce, ["kafka"])).toBe(input);
  });
});
