// The files `bytepath merge` combines (Node only): each read as text, parsed as JSON and checked against the sweep
// report's schema. Anything else is refused in one line that says what the file looks like instead — a run report,
// a scenario, a whole sweep — and never echoes its bytes.

import { describeValue, InputError } from "../errors.ts";
import { formatPath } from "../scenario/scenarioError.ts";
import { SweepReportSchema, type SweepReport } from "../sweep/sweepReport.ts";
import { MiB } from "../units.ts";
import { InvalidInput } from "./failures.ts";
import { printable, readTextFile, type FileExpectation } from "./inputFile.ts";

/** How a shard file is read: shards of large sweeps run to megabytes; 256 MiB stays within what V8 can hold as text. */
const SHARD_FILE: FileExpectation = { field: "shard file", expected: "a file written by bytepath sweep --shard i/n --json", maxBytes: 256 * MiB };

/** Reads and checks one shard file; throws InvalidInput naming the file and what it is instead. */
export function readSweepShard(file: string): SweepReport {
  const text = readTextFile(file, SHARD_FILE);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    fail(file, `is not JSON (${printable(error instanceof Error ? error.message : String(error), 100)})`);
  }
  const other = lookalike(data);
  if (other !== undefined) fail(file, `is not a sweep shard (it looks like ${other})`);
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version !== 1) fail(file, `is a sweep report of another bytepath version (schemaVersion ${printable(describeValue(version))}; this one reads 1)`);
  const parsed = SweepReportSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const first = issues[0];
    const input = (first as { input?: unknown }).input;
    const what = first.code === "invalid_type" ? `expected ${first.expected} (got ${describeValue(input)})` : first.message;
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems, the first`;
    fail(file, `is a damaged sweep report (${count}: ${printable(`${formatPath(first.path)}: ${what}`)})`);
  }
  if (parsed.data.shard === null) fail(file, "is a whole sweep's report, not a shard (merge combines the files of sweep --shard i/n)");
  return parsed.data;
}

/** An InputError of mergeShards about `shards[i]`, retold with the file's name; other errors unchanged. */
export function namingShardFile(error: unknown, files: readonly string[]): unknown {
  if (!(error instanceof InputError)) return error;
  const match = /^shards\[(\d+)\]\.?(.*)$/.exec(error.field);
  const file = match === null ? undefined : files[Number(match[1])];
  if (match === null || file === undefined) return error;
  const field = match[2] === "" ? "" : ` ${match[2]}`;
  return new InvalidInput(`shard file: ${printable(file)}${field}: expected ${error.expected} (got ${printable(describeValue(error.value))})`);
}

/** What a document that is not a sweep report looks like, or undefined when it claims to be one. */
function lookalike(data: unknown): string | undefined {
  if (Array.isArray(data)) return "a JSON list";
  if (typeof data !== "object" || data === null) return `a JSON ${data === null ? "null" : typeof data}`;
  const fields = data as Record<string, unknown>;
  if (fields.kind === "sweep") return undefined;
  if (Array.isArray(fields.runs) && "scorecard" in fields) return "a run report: bytepath run or compare --json";
  if (typeof fields.publishRate === "number" && "architecture" in fields) return "a run result";
  if ("architectures" in fields && "name" in fields) return "a scenario file: sweep it with bytepath sweep <scenario> --shard i/n --json";
  if ("$schema" in fields && ("properties" in fields || "type" in fields)) return "a JSON Schema";
  const keys = Object.keys(fields);
  if (keys.length === 0) return "an empty JSON object";
  return `a JSON object with fields ${printable(keys.slice(0, 5).join(", "), 80)}${keys.length > 5 ? ", ..." : ""}`;
}

function fail(file: string, problem: string): never {
  throw new InvalidInput(`${SHARD_FILE.field}: ${printable(file)} ${problem}, expected ${SHARD_FILE.expected}`);
}
