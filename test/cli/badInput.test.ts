// Files named on the command line that are not what the command expects: each refused in one line naming the
// argument, the path and what was expected, without a stack trace or the file's raw bytes.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import { InvalidInput, isInputError } from "../../sim/cli/failures.ts";
import { printable } from "../../sim/cli/inputFile.ts";
import { outputTargets } from "../../sim/cli/outputs.ts";
import { readScenario } from "../../sim/cli/scenarioSource.ts";
import { namingShardFile, readSweepShard } from "../../sim/cli/shardFile.ts";
import { finishSweep, mergeShards } from "../../sim/sweep/aggregateSweep.ts";
import type { SweepDefinition } from "../../sim/sweep/sweepReport.ts";
import { bytepath } from "./cliHarness.ts";

const dir = mkdtempSync(join(tmpdir(), "bytepath-bad-input-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCENARIO = "expected a scenario file (YAML or JSON) or a library name";
const SHARD = "expected a file written by bytepath sweep --shard i/n --json";
/** Characters that must never reach a terminal from a file: C0 controls other than line breaks, DEL and C1. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The error a call throws (fails the test when it returns). */
function thrown(call: () => unknown): Error {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

describe("a scenario argument that is no scenario file", () => {
  it("is refused as invalid input (exit 2) when it is a directory, a device, a named pipe or missing", () => {
    const error = thrown(() => readScenario(dir));
    expect(error).toBeInstanceOf(InvalidInput);
    expect(isInputError(error)).toBe(true);
    expect(error.message).toBe(`scenario: ${dir} is a directory, ${SCENARIO}`);
    expect(thrown(() => readScenario("/dev/null")).message).toBe(`scenario: /dev/null is not a regular file (it is a character device), ${SCENARIO}`);
    expect(thrown(() => readScenario(join(dir, "missing.yaml"))).message).toBe(`scenario: ${join(dir, "missing.yaml")} does not exist, ${SCENARIO}`);
    expect(thrown(() => readScenario("stedy-state")).message).toMatch(/^scenario: unknown scenario "stedy-state" \(did you mean steady-state\?\); expected a file path or one of: /);
    let fifo: string | undefined = join(dir, "pipe");
    try {
      execFileSync("mkfifo", [fifo]);
    } catch {
      fifo = undefined; // no mkfifo here: the device case above covers special files
    }
    // Reading a pipe would wait for a writer forever; it is refused from its type alone.
    if (fifo !== undefined) expect(thrown(() => readScenario(fifo)).message).toBe(`scenario: ${fifo} is not a regular file (it is a named pipe), ${SCENARIO}`);
  });

  it("is refused without echoing its bytes when it is binary or holds control characters", () => {
    const binary = file("garbage.bin", Uint8Array.from([0x0c, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0x00, 0x9b]));
    expect(thrown(() => readScenario(binary)).message).toBe(`scenario: ${binary} is not a text file (bytes that are not UTF-8 at line 1, column 2), ${SCENARIO}`);
    const escape = file("escape.yaml", "name: t\narchitectures:\n  - kind: kafka\ndescription: \"\u001b[2Jgone\"\n");
    const message = thrown(() => readScenario(escape)).message;
    expect(message).toBe(`scenario: ${escape} is not a text file (control character U+001B at line 4, column 15), ${SCENARIO}`);
    expect(message).not.toMatch(RAW_CONTROL);
  });

  it("is refused unread when it is far larger than any scenario", () => {
    const big = file("big.yaml", `name: t\ndescription: ${"x".repeat(300 * 1024)}\n`);
    expect(thrown(() => readScenario(big)).message).toBe(`scenario: ${big} is too large (300 KiB; a scenario is at most 65536 characters), ${SCENARIO}`);
  });

  it.skipIf(process.getuid?.() === 0)("says so when it cannot be read for want of permission", () => {
    const locked = file("locked.yaml", "name: t\n");
    chmodSync(locked, 0o000);
    expect(thrown(() => readScenario(locked)).message).toBe(`scenario: ${locked} cannot be read (permission denied), ${SCENARIO}`);
  });

  it("gives exit code 2 and one line, with no stack trace, from the command line", async () => {
    const folder = join(dir, "folder");
    mkdirSync(folder);
    const [validate, run] = await Promise.all([bytepath(["validate", folder], dir), bytepath(["run", folder], dir)]);
    for (const r of [validate, run]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`bytepath: scenario: ${folder} is a directory, ${SCENARIO}\n`);
      expect(r.stdout).toBe("");
    }
  }, 60_000);
});

/** A shard of a sweep of one point × two seeds × one architecture. */
function shard(index: number): unknown {
  const definition: SweepDefinition = {
    schemaVersion: 1,
    kind: "sweep",
    scenario: { name: "t", source: "t.yaml", hash: "0".repeat(16), seed: 1 },
    architectures: ["kafka"],
    vary: [],
    seeds: { count: 2, rule: "test", values: [1, 2] },
    points: [{ index: 0, values: [], hash: "0".repeat(16) }],
    metrics: [{ name: "m", unit: "ms", description: "a metric" }],
    thresholds: [],
  };
  const row = { point: 0, seedIndex: index - 1, seed: index, runs: [{ architecture: "kafka", stoppedBy: "end", invariantViolations: 0, metrics: [1], thresholds: [] }] };
  return JSON.parse(JSON.stringify(finishSweep(definition, [row], { index, count: 2 })));
}

describe("a file given to merge", () => {
  it("is read when it is a shard", () => {
    const report = readSweepShard(file("shard-1.json", JSON.stringify(shard(1))));
    expect(report.shard).toEqual({ index: 1, count: 2 });
  });

  it("is named for what it looks like when it is another bytepath file", () => {
    const run = file("run.json", JSON.stringify({ schemaVersion: 1, scenario: { name: "t" }, runs: [], thresholds: [], scorecard: {} }));
    expect(thrown(() => readSweepShard(run)).message).toBe(`shard file: ${run} is not a sweep shard (it looks like a run report: bytepath run or compare --json), ${SHARD}`);
    const scenario = file("scenario.json", JSON.stringify({ name: "t", architectures: [{ kind: "kafka" }] }));
    expect(thrown(() => readSweepShard(scenario)).message).toMatch(/is not a sweep shard \(it looks like a scenario file: sweep it with bytepath sweep <scenario> --shard i\/n --json\)/);
    const whole = { ...(shard(1) as object), shard: null };
    expect(thrown(() => readSweepShard(file("whole.json", JSON.stringify(whole)))).message).toMatch(/is a whole sweep's report, not a shard/);
    const later = { ...(shard(1) as object), schemaVersion: 2 };
    expect(thrown(() => readSweepShard(file("later.json", JSON.stringify(later)))).message).toMatch(/is a sweep report of another bytepath version \(schemaVersion 2; this one reads 1\)/);
  });

  it("names the first problem of a damaged shard in bytepath's words, not the schema library's", () => {
    const damaged = shard(1) as { rows: Array<{ seed: unknown }> };
    damaged.rows[0].seed = "one";
    const path = file("damaged.json", JSON.stringify(damaged));
    expect(thrown(() => readSweepShard(path)).message).toBe(`shard file: ${path} is a damaged sweep report (1 problem: rows[0].seed: expected number (got "one")), ${SHARD}`);
  });

  it("is refused without echoing its bytes when it is binary, or text that is not JSON", () => {
    // Valid UTF-8 (the bytes test above covers the rest), but a form feed, an escape and the 8-bit CSI.
    const binary = file("garbage.json", "{\u000c\u001b]\u009b\u007f");
    const message = thrown(() => readSweepShard(binary)).message;
    expect(message).toBe(`shard file: ${binary} is not a text file (control character U+000C at line 1, column 2), ${SHARD}`);
    const yaml = thrown(() => readSweepShard(file("shard.yaml", "name: t\nrows: []\n"))).message;
    expect(yaml).toMatch(/^shard file: .*shard\.yaml is not JSON \(/);
    expect(yaml).not.toMatch(RAW_CONTROL);
  });

  it("is named by its file when the shards do not fit together", () => {
    const files = ["a.json", "b.json"];
    const one = readSweepShard(file("a.json", JSON.stringify(shard(1))));
    const error = thrown(() => {
      try {
        mergeShards([one, one]);
      } catch (caught) {
        throw namingShardFile(caught, files);
      }
    });
    expect(error.message).toBe("shard file: b.json shard.index: expected each shard once (got 1)");
    const other = new InputError("rows", 3, "something");
    expect(namingShardFile(other, files)).toBe(other);
  });
});

describe("an output path", () => {
  it("is refused before anything runs when the report could not be written there", () => {
    expect(() => outputTargets({ json: dir })).toThrow(`--json: ${dir} is a directory, expected a file to write`);
    const plain = file("plain.txt", "x");
    expect(() => outputTargets({ markdown: join(plain, "summary.md") })).toThrow(`--markdown: ${join(plain, "summary.md")} is inside ${plain}, which is a file, expected a file to write`);
    // A folder still to be made, and a device, are fine.
    expect(outputTargets({ json: join(dir, "new", "deeper", "report.json"), csv: "/dev/null" })).toHaveLength(2);
  });
});

describe("printable", () => {
  it("escapes what steers a terminal and keeps the rest", () => {
    expect(printable("a\u001b[31mb\u009bc\u202ed\ufffd é µ")).toBe("a\\u001b[31mb\\u009bc\\u202ed\\ufffd é µ");
    expect(printable("x".repeat(10), 4)).toBe("xxxx…");
  });
});
