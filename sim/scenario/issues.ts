// Turns zod's findings into scenario issues in bytepath's words: `path: "kafak" is not one of ... (did you mean
// kafka?)`, `path: unknown field (did you mean producerRate?)`, `path: missing (expected ...)`. Fields' own checks
// already write their messages; this file words the structural ones (unknown keys, wrong types, kinds, lists).

import { z } from "zod";
import { describeValue } from "../errors.ts";
import { COMMON_ITEM_KEYS, EXTRA_ITEM_KEYS, KIND_TABLES } from "./architectureSection.ts";
import { notOneOf } from "./basicFields.ts";
import { didYouMean } from "./didYouMean.ts";
import { formatPath, type ScenarioIssue } from "./scenarioError.ts";
import { RESERVED_KEYS } from "./scenarioSchema.ts";

/** Fields of OMB workload files that do not change byte flows, with what to do instead. */
const OMB_UNMODELLED: Readonly<Record<string, string>> = {
  name: "the scenario's name labels the run",
  payloadFile: "payload contents do not change byte flows; set messageSize",
  useRandomizedPayloads: "payload contents do not change byte flows; set producer.compressionRatio",
  randomBytesRatio: "payload contents do not change byte flows; set producer.compressionRatio",
  randomizedPayloadPoolSize: "payload contents do not change byte flows",
  backlogDrainRatio: "runs last testDuration; the backlog drain is measured, not awaited",
};

/** Most known fields listed in an "unknown field" message; longer lists point to the reference instead. */
const KNOWN_LISTED_MAX = 12;

/** Validates `tree` against `schema`, returning the data or every issue in scenario words. */
export function safeParseScenario<T>(schema: z.ZodType<T>, tree: unknown): { data?: T; issues: ScenarioIssue[] } {
  const knownKeys = new Map<string, string[]>();
  const result = schema.safeParse(tree, {
    reportInput: true,
    error: (issue) => {
      // Only the error map sees which object rejected a key; remember its fields for the suggestion.
      if (issue.code === "unrecognized_keys" && issue.inst instanceof z.ZodObject) {
        knownKeys.set(formatPath(issue.path ?? []), Object.keys(issue.inst.shape));
      }
      return undefined;
    },
  });
  if (result.success) return { data: result.data, issues: [] };
  return { issues: result.error.issues.flatMap((issue) => toScenarioIssues(issue, knownKeys)) };
}

function toScenarioIssues(issue: z.core.$ZodIssue, knownKeys: Map<string, string[]>): ScenarioIssue[] {
  const at = formatPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "custom":
      return [{ path: at, message: issue.message }];
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: unknownKeyMessage(key, issue.path, knownKeys.get(at) ?? [], input),
      }));
    case "invalid_type":
      if (input === undefined) return [{ path: at, message: `missing (expected ${expectedText(issue.expected, issue.path)})` }];
      return [{ path: at, message: `expected ${expectedText(issue.expected, issue.path)} (got ${describeValue(input)})` }];
    case "invalid_union": {
      const note = (issue as { note?: string; options?: unknown[] }).note;
      const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
      if (note === "No matching discriminator") {
        const kind = typeof input === "object" && input !== null ? (input as { kind?: unknown }).kind : undefined;
        const message = kind === undefined ? `missing (expected one of ${options.join(", ")})` : notOneOf(kind, options);
        return [{ path: at, message }];
      }
      return [{ path: at, message: `does not match any accepted form (got ${describeValue(input)})` }];
    }
    case "too_small":
      return [{ path: at, message: `expected at least ${String(issue.minimum)} ${itemWord(issue.path, Number(issue.minimum))} (got ${countOf(input)})` }];
    case "too_big":
      return [{ path: at, message: `expected at most ${String(issue.maximum)} ${itemWord(issue.path, Number(issue.maximum))} (got ${countOf(input)})` }];
    case "invalid_value":
      return [{ path: at, message: notOneOf(input, issue.values.map(String)) }];
    default:
      return [{ path: at, message: issue.message }];
  }
}

function unknownKeyMessage(key: string, parent: readonly PropertyKey[], known: readonly string[], input: unknown): string {
  if (parent.length === 0 && Object.hasOwn(RESERVED_KEYS, key)) return `not supported yet (reserved for ${RESERVED_KEYS[key]})`;
  if (parent[parent.length - 1] === "workload" && Object.hasOwn(OMB_UNMODELLED, key)) return `OMB field not modelled (${OMB_UNMODELLED[key]})`;
  const kind = architectureItemKind(parent, input);
  const owners = kind === undefined ? [] : kindsOwning(key).filter((owner) => owner !== kind);
  if (owners.length > 0) return `unknown field for kind ${kind} (it is a field of ${owners.length === 1 ? "kind" : "kinds"} ${owners.join(", ")})`;
  const near = didYouMean(key, known);
  if (near !== undefined) return `unknown field (did you mean ${near}?)`;
  if (known.length > 0 && known.length <= KNOWN_LISTED_MAX) return `unknown field (expected one of ${known.join(", ")})`;
  return "unknown field (see scenarios/README.md for the fields)";
}

/** The kind of an architecture item when `path` is one (architectures[i]). */
function architectureItemKind(path: readonly PropertyKey[], input: unknown): string | undefined {
  if (path.length !== 2 || path[0] !== "architectures" || typeof input !== "object" || input === null) return undefined;
  const kind = (input as { kind?: unknown }).kind;
  return typeof kind === "string" ? kind : undefined;
}

/** Every kind that accepts key. */
function kindsOwning(key: string): string[] {
  if ((COMMON_ITEM_KEYS as readonly string[]).includes(key)) return [];
  return Object.entries(KIND_TABLES)
    .filter(([kind, tables]) => tables.some((table) => Object.hasOwn(table, key)) || (EXTRA_ITEM_KEYS[kind] ?? []).includes(key))
    .map(([kind]) => kind);
}

function expectedText(expected: string, path: readonly PropertyKey[]): string {
  if (path.length === 1 && path[0] === "architectures") return "a list of architectures, e.g. [{ kind: kafka }]";
  const words: Record<string, string> = { object: "an object of fields", array: "a list", string: "text", number: "a number", tuple: "a list" };
  return words[expected] ?? expected;
}

function itemWord(path: readonly PropertyKey[], count: number): string {
  const noun = path[path.length - 1] === "architectures" ? "architecture" : path[path.length - 1] === "quantiles" ? "quantile row" : "item";
  return count === 1 ? noun : `${noun}s`;
}

function countOf(input: unknown): string {
  return Array.isArray(input) ? String(input.length) : describeValue(input);
}
