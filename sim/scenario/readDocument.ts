// Reads scenario text — YAML 1.2, of which JSON is a subset — into plain data, within bounds: size, nesting, node
// count and alias expansion are capped before or while parsing, so no input makes the parser slow or deep.

import YAML from "yaml";
import { describeValue } from "../errors.ts";
import type { ScenarioIssue } from "./scenarioError.ts";

/** Longest scenario text accepted, in characters: a generous hundred times a typical file. */
export const SCENARIO_CHARS_MAX = 256 * 1024;
/** Deepest nesting of lists and objects accepted; scenarios need about eight. */
export const NESTING_MAX = 32;
/** Most values (objects, lists, scalars) in one document. */
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
  const doc = YAML.parseDocument(text, { version: "1.2", schema: "core", uniqueKeys: true, prettyErrors: true, merge: false });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    // One syntax slip derails the parser for the rest of the file; the first few errors are the informative ones.
    const shown = problems.slice(0, SYNTAX_ERRORS_SHOWN).map((e) => ({ path: DOCUMENT, message: `${position(e.linePos?.[0])}${firstLine(e.message)}` }));
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

function position(pos: { line: number; col: number } | undefined): string {
  return pos ? `line ${pos.line}, column ${pos.col}: ` : "";
}

function firstLine(message: string): string {
  // The yaml library appends " at line L, column C" and an excerpt; the position is already given.
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
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
