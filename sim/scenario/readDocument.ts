// Reads scenario text — YAML 1.2, of which JSON is a subset — into plain data, within bounds: size, nesting, node
// count and alias expansion are capped before or while parsing, so no input makes the parser slow or deep.

import YAML from "yaml";
import { describeValue } from "../errors.ts";
import type { ScenarioIssue } from "./scenarioError.ts";

/** Longest scenario text accepted, in characters: twenty times a large file, and small enough that even text made
 * of nothing but syntax errors parses in about a second. */
export const SCENARIO_CHARS_MAX = 64 * 1024;
/** Deepest nesting of lists and objects accepted; scenarios need about eight. */
export const NESTING_MAX = 32;
/** Most values (objects, lists, scalars) a single document may hold. */
export const NODES_MAX = 50_000;
/** Most alias expansions (YAML `*ref`), against "billion laughs" documents. */
export const ALIASES_MAX = 100;

/** Syntax errors listed before the rest are summarised. */
export const SYNTAX_ERRORS_SHOWN = 3;

const DOCUMENT = "(document)";

/** The document's data, or the issues that stopped it from being read. */
export function readDocument(text: unknown): { tree: Record<string, unknown> } | { issues: ScenarioIssue[] } {
  if (typeof text !== "string") return fail(`expected the text of a scenario (got ${describeValue(text)})`);
  if (text.length > SCENARIO_CHARS_MAX) return fail(`too large: ${text.length} characters (at most ${SCENARIO_CHARS_MAX})`);
  if (flowDepth(text) > NESTING_MAX) return fail(`nested deeper than ${NESTING_MAX} levels`);
  // The library's own duplicate-key check and error excerpts cost time quadratic in the keys and errors of a
  // document; duplicates are found here in one pass, and positions computed only for the errors shown.
  const doc = YAML.parseDocument(text, { version: "1.2", schema: "core", uniqueKeys: false, prettyErrors: false, merge: false });
  const problems: Array<[number, string]> = [...doc.errors, ...doc.warnings].map((e) => [e.pos[0], e.message]);
  if (problems.length === 0) problems.push(...duplicateKeys(doc));
  if (problems.length > 0) {
    // One syntax slip derails the parser for the rest of the file; the first few errors are the informative ones.
    const shown = problems.slice(0, SYNTAX_ERRORS_SHOWN).map(([offset, message]) => ({ path: DOCUMENT, message: `${position(text, offset)}${firstLine(message)}` }));
    if (problems.length > SYNTAX_ERRORS_SHOWN) shown.push({ path: DOCUMENT, message: `${problems.length - SYNTAX_ERRORS_SHOWN} more syntax errors follow from these` });
    return { issues: shown };
  }
  let tree: unknown;
  try {
    tree = doc.toJS({ maxAliasCount: ALIASES_MAX });
  } catch (error) {
    return fail(`could not be read: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
  if (tree === null || tree === undefined) return fail("is empty (expected scenario fields such as name and architectures)");
  if (typeof tree !== "object" || Array.isArray(tree)) return fail(`expected a mapping of scenario fields (got ${describeValue(tree)})`);
  const bounds = checkBounds(tree);
  return bounds === undefined ? { tree: tree as Record<string, unknown> } : fail(bounds);
}

function fail(message: string): { issues: ScenarioIssue[] } {
  return { issues: [{ path: DOCUMENT, message }] };
}

/** "line L, column C: " of a character offset (both from 1). */
function position(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split("\n").length;
  return `line ${line}, column ${offset - before.lastIndexOf("\n")}: `;
}

function firstLine(message: string): string {
  return message.split("\n")[0];
}

/** Every key that repeats one earlier in the same mapping, as [offset, message]. */
function duplicateKeys(doc: YAML.Document): Array<[number, string]> {
  const found: Array<[number, string]> = [];
  YAML.visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (seen.has(key)) found.push([YAML.isNode(pair.key) ? (pair.key.range?.[0] ?? 0) : 0, `Map keys must be unique ("${key}" repeats)`]);
        seen.add(key);
      }
    },
  });
  return found;
}

/** Deepest nesting of flow collections ([ ] and { }), outside comments and quoted strings. Block nesting needs a
 * line per level, so the size cap already bounds it; flow nesting is what can go deep in few characters. */
export function flowDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let quote = "";
  let previous = "\n";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== "") {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
    } else if (c === "#" && /\s/.test(previous)) {
      while (i + 1 < text.length && text[i + 1] !== "\n") i++;
    } else if ((c === '"' || c === "'") && /[\s:,[{]/.test(previous)) {
      quote = c;
    } else if (c === "[" || c === "{") {
      deepest = Math.max(deepest, ++depth);
    } else if ((c === "]" || c === "}") && depth > 0) {
      depth--;
    }
    previous = text[i];
  }
  return deepest;
}

/** Walks the data without recursion; a message if it is nested too deeply or has too many values. */
function checkBounds(root: object): string | undefined {
  const stack: Array<[unknown, number]> = [[root, 1]];
  let nodes = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (++nodes > NODES_MAX) return `too many values (at most ${NODES_MAX})`;
    if (typeof value !== "object" || value === null) continue;
    if (depth > NESTING_MAX) return `nested deeper than ${NESTING_MAX} levels`;
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) stack.push([child, depth + 1]);
  }
  return undefined;
}
