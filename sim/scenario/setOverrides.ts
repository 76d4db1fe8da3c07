// Field overrides of a scenario before it is validated: `path=value` pairs such as `workload.producerRate=200MiB/s`
// or `architectures[1].replicationFactor=2` (an item by index, or `architectures[kafka-tiered]` by name), laid on
// the scenario's data so the parser judges the result like any file — a bad value gets its usual path-named issue.
// Paths are checked against the scenario's JSON Schema first, so a path that names no field gets a did-you-mean.

import YAML from "yaml";
import { describeValue, InputError } from "../errors.ts";
import { compose, type LoadLibrary } from "./compose.ts";
import { DEFAULT_SCENARIO_YAML } from "./defaultScenarioYaml.ts";
import { didYouMean } from "./didYouMean.ts";
import { parseScenario, type ParseScenarioOptions } from "./parseScenario.ts";
import { readDocument } from "./readDocument.ts";
import type { Scenario } from "./scenario.ts";
import { ScenarioError, formatPath, type ScenarioIssue } from "./scenarioError.ts";
import { scenarioJsonSchema } from "./scenarioSchema.ts";

/** One step of a field path: an object key, a list index, or a list item by its `name` (or kind when unnamed). */
export type PathStep = { key: string } | { index: number } | { item: string };

/** One override: where, and the value (YAML: `200MiB/s`, `1`, `true`, `[a, b]`; `null` removes the field). */
export interface SetOverride {
  /** As typed, e.g. `architectures[1].workload.producer.acks`. */
  pathText: string;
  path: PathStep[];
  value: unknown;
}

/** Most overrides applied at once. */
export const OVERRIDES_MAX = 256;
/** Longest `path=value` text. */
export const OVERRIDE_CHARS_MAX = 4096;
/** Most steps in one path (scenarios nest about eight deep). */
export const PATH_STEPS_MAX = 32;

const KEY = /^[A-Za-z0-9_$][A-Za-z0-9_$-]*/;

/** Parses a field path such as `architectures[1].workload.producerRate`; throws InputError naming `field`. */
export function parseFieldPath(text: string, field = "path"): PathStep[] {
  if (typeof text !== "string" || text.trim() === "") throw new InputError(field, text, "a field path such as workload.producerRate");
  const steps: PathStep[] = [];
  let rest = text.trim();
  let first = true;
  while (rest.length > 0) {
    if (rest.startsWith("[")) {
      const close = rest.indexOf("]");
      const inside = close > 0 ? rest.slice(1, close).trim() : "";
      if (inside === "") throw new InputError(field, text, "a field path: [ ] holds an item's index or name, e.g. architectures[0]");
      steps.push(/^\d+$/.test(inside) ? { index: Number(inside) } : { item: inside });
      rest = rest.slice(close + 1);
    } else {
      if (!first) {
        if (!rest.startsWith(".")) throw new InputError(field, text, `a field path: "." or "[" expected before ${JSON.stringify(rest)}`);
        rest = rest.slice(1);
      }
      const key = KEY.exec(rest)?.[0];
      if (key === undefined) throw new InputError(field, text, `a field path: a field name expected at ${JSON.stringify(rest)}`);
      steps.push({ key });
      rest = rest.slice(key.length);
    }
    first = false;
    if (steps.length > PATH_STEPS_MAX) throw new InputError(field, text, `a field path of at most ${PATH_STEPS_MAX} steps`);
  }
  if (!("key" in steps[0])) throw new InputError(field, text, "a field path starting with a field name");
  return steps;
}

/** Parses a value as YAML (so `1` is a number, `true` a boolean, `10 s` a string, `[a, b]` a list). */
export function parseOverrideValue(text: string, field = "value"): unknown {
  if (typeof text !== "string") throw new InputError(field, text, "the value's text");
  const doc = YAML.parseDocument(text, { version: "1.2", schema: "core", prettyErrors: false });
  if (doc.errors.length > 0) throw new InputError(field, text, `a YAML value (${doc.errors[0].message.split("\n")[0]})`);
  return doc.toJS({ maxAliasCount: 0 }) ?? null;
}

/** Parses `path=value` (the text of one --set); throws InputError naming `field`. An empty value is refused: it
 * reads as YAML null, which removes the field, and a value left out by mistake must not do that silently — `null`
 * says it on purpose. */
export function parseSetOption(text: string, field = "--set"): SetOverride {
  if (typeof text !== "string" || text.length > OVERRIDE_CHARS_MAX) throw new InputError(field, text, `path=value of at most ${OVERRIDE_CHARS_MAX} characters`);
  const equals = text.indexOf("=");
  if (equals <= 0) throw new InputError(field, text, "path=value, e.g. workload.producerRate=200MiB/s");
  const pathText = text.slice(0, equals).trim();
  const path = parseFieldPath(pathText, field);
  const valueText = text.slice(equals + 1);
  if (valueText.trim() === "") {
    const example = exampleValue(path);
    // Quoted as a shell needs it when the path or the example holds spaces or brackets ("100 MiB/s", "[kafka]").
    const pair = example === undefined ? undefined : `${pathText}=${example}`;
    const shown = pair === undefined ? "" : `, e.g. ${field} ${/^[\w./:=,@%+-]+$/.test(pair) ? pair : `'${pair}'`}`;
    throw new InputError(`${field} ${pathText}`, valueText, `a value after "="${shown}, or null to remove the field`);
  }
  return { pathText, path, value: parseOverrideValue(valueText, `${field} ${pathText}`) };
}

let defaultTree: unknown;

/** A value the field at `path` can take, for an error's example: the default comparison's own, else one the schema
 * names (an example, a choice, a number's minimum); undefined when neither gives a single value. */
function exampleValue(path: readonly PathStep[]): string | undefined {
  defaultTree ??= YAML.parse(DEFAULT_SCENARIO_YAML);
  let node: unknown = defaultTree;
  for (const step of path) {
    if ("key" in step) node = isObject(node) ? node[step.key] : undefined;
    else if (!Array.isArray(node)) node = undefined;
    else node = "index" in step ? node[step.index] : node.find((item) => isObject(item) && (item.name ?? item.kind) === step.item);
  }
  if (typeof node === "string" || typeof node === "number" || typeof node === "boolean") return String(node);
  cachedSchema ??= scenarioJsonSchema();
  let schemas: JsonSchema[] = [cachedSchema];
  for (const step of path) schemas = "key" in step ? childSchemas(schemas, step.key) : (listItems(schemas) ?? []);
  for (const s of alternatives(schemas)) {
    if (Array.isArray(s.examples) && s.examples.length > 0) return String(s.examples[0]);
    if (Array.isArray(s.enum) && s.enum.length > 0) return String(s.enum[0]);
    if (s.type === "integer" || s.type === "number") return String(typeof s.minimum === "number" ? s.minimum : 1);
    if (s.type === "boolean") return "true";
  }
  return undefined;
}

type Tree = Record<string, unknown>;
type JsonSchema = Record<string, unknown>;

const isObject = (value: unknown): value is Tree => typeof value === "object" && value !== null && !Array.isArray(value);

/** Sets a key without touching a prototype, even for a key named "__proto__". */
function put(target: Tree, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

let cachedSchema: JsonSchema | undefined;

/**
 * The tree with every override applied, in order (later ones win); the input is not changed. Throws ScenarioError
 * listing every override whose path names no field (with a did-you-mean) or no list item.
 */
export function applyOverrides(tree: Tree, overrides: readonly SetOverride[], source = "--set"): Tree {
  if (!isObject(tree)) throw new InputError("tree", tree, "the scenario's data (a mapping)");
  if (!Array.isArray(overrides) || overrides.length > OVERRIDES_MAX) throw new InputError("overrides", overrides, `a list of at most ${OVERRIDES_MAX} overrides`);
  cachedSchema ??= scenarioJsonSchema();
  const result = structuredClone(tree);
  const issues: ScenarioIssue[] = [];
  for (const override of overrides) {
    const problem = applyOne(result, override, cachedSchema);
    if (problem !== undefined) issues.push({ path: override.pathText, message: problem });
  }
  if (issues.length > 0) throw new ScenarioError(source, issues);
  return result;
}

/** Applies one override in place; a message when its path leads nowhere. */
function applyOne(root: Tree, override: SetOverride, schema: JsonSchema): string | undefined {
  let node: unknown = root;
  let nodeSchema: JsonSchema[] = [schema];
  const walked: PropertyKey[] = [];
  const where = () => (walked.length === 0 ? "the scenario" : formatPath(walked));
  for (let i = 0; i < override.path.length; i++) {
    const step = override.path[i];
    const last = i === override.path.length - 1;
    if ("key" in step) {
      const fields = objectFields(nodeSchema, node);
      if (fields === undefined) return `${where()} is a value, not a mapping of fields`;
      if (!fields.open && !fields.names.includes(step.key)) {
        const near = didYouMean(step.key, fields.names);
        return `"${step.key}" is not a field of ${where()}${near === undefined ? ` (fields: ${fields.names.join(", ")})` : ` (did you mean ${near}?)`}`;
      }
      const target = node as Tree;
      if (last) {
        if (override.value === null) delete target[step.key];
        else put(target, step.key, override.value);
        return undefined;
      }
      if (!isObject(target[step.key]) && !Array.isArray(target[step.key])) put(target, step.key, {});
      node = target[step.key];
      nodeSchema = childSchemas(nodeSchema, step.key);
      walked.push(step.key);
    } else {
      const items = listItems(nodeSchema);
      if (items === undefined) return `${where()} is not a list`;
      if (!Array.isArray(node) || node.length === 0) return `${where()} has no items to change (give the whole list: ${where()}=[...])`;
      let index: number;
      if ("index" in step) {
        index = step.index;
        if (index >= node.length) return `${where()} has ${node.length} items (index 0 to ${node.length - 1}; got ${index})`;
      } else {
        const names = node.map((item) => (isObject(item) ? String(item.name ?? item.kind ?? "") : ""));
        index = names.indexOf(step.item);
        if (index < 0) {
          const near = didYouMean(step.item, names);
          return `${where()} has no item named "${step.item}"${near === undefined ? ` (names: ${names.join(", ")})` : ` (did you mean ${near}?)`}`;
        }
      }
      walked.push(index);
      if (last) {
        if (override.value === null) node.splice(index, 1);
        else node[index] = override.value;
        return undefined;
      }
      if (!isObject(node[index])) node[index] = {};
      node = node[index];
      nodeSchema = items;
    }
  }
  return undefined;
}

/** The schema alternatives of a node: oneOf/anyOf branches flattened. */
function alternatives(schemas: readonly JsonSchema[]): JsonSchema[] {
  const out: JsonSchema[] = [];
  const visit = (s: unknown) => {
    if (!isObject(s)) return;
    const branches = [...((s.oneOf as unknown[]) ?? []), ...((s.anyOf as unknown[]) ?? [])];
    if (branches.length > 0) branches.forEach(visit);
    else out.push(s);
  };
  schemas.forEach(visit);
  return out;
}

/** The object branches that fit the node: for an item with a `kind`, the branch of that kind. */
function objectBranches(schemas: readonly JsonSchema[], node: unknown): JsonSchema[] {
  const objects = alternatives(schemas).filter((s) => isObject(s.properties) || s.type === "object" || s.additionalProperties !== undefined);
  const kind = isObject(node) ? node.kind : undefined;
  const ofKind = objects.filter((s) => isObject(s.properties) && isObject(s.properties.kind) && s.properties.kind.const === kind);
  return ofKind.length > 0 ? ofKind : objects;
}

/** The field names a node accepts, and whether it takes any name (a map such as a price table); undefined for a
 * node that is not an object. Objects without `additionalProperties` count as closed: the parser drops unknown
 * keys there, and an override that silently does nothing is worse than an error. */
function objectFields(schemas: readonly JsonSchema[], node: unknown): { names: string[]; open: boolean } | undefined {
  const branches = objectBranches(schemas, node);
  if (branches.length === 0) return undefined;
  const names = new Set<string>();
  let open = false;
  for (const b of branches) {
    if (isObject(b.properties)) for (const key of Object.keys(b.properties)) names.add(key);
    if (b.additionalProperties === true || isObject(b.additionalProperties) || (!isObject(b.properties) && b.additionalProperties === undefined)) open = true;
  }
  return { names: [...names], open };
}

function childSchemas(schemas: readonly JsonSchema[], key: string): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const b of alternatives(schemas)) {
    const byName = isObject(b.properties) ? b.properties[key] : undefined;
    if (isObject(byName)) out.push(byName);
    else if (isObject(b.additionalProperties)) out.push(b.additionalProperties);
  }
  return out;
}

function listItems(schemas: readonly JsonSchema[]): JsonSchema[] | undefined {
  const lists = alternatives(schemas).filter((s) => s.type === "array" || s.items !== undefined);
  return lists.length === 0 ? undefined : lists.map((s) => (isObject(s.items) ? s.items : {}));
}

/**
 * Parses scenario text with overrides applied: the text is read and laid over the library scenario it extends
 * first (so `architectures[1]` means the second architecture the scenario actually runs), the overrides are
 * applied, and the result is validated by parseScenario. Throws ScenarioError like parseScenario.
 */
export function parseScenarioWithOverrides(text: string, source: string, overrides: readonly SetOverride[], options: ParseScenarioOptions = {}): Scenario {
  if (overrides.length === 0) return parseScenario(text, source, options);
  const read = readDocument(text);
  if ("issues" in read) throw new ScenarioError(source, read.issues);
  const composed = compose(read.tree, [], options.resolve && libraryLoader(options.resolve));
  // Library problems are the parser's to report, with its wording; overriding an incomplete tree would only add noise.
  if (composed.issues.length > 0) return parseScenario(text, source, options);
  const tree = applyOverrides(composed.tree, overrides, `${source} (with --set)`);
  // The composed tree still names what it extends; composing it again changes nothing and keeps the chain.
  return parseScenario(JSON.stringify(tree), source, options);
}

function libraryLoader(resolve: NonNullable<ParseScenarioOptions["resolve"]>): LoadLibrary {
  const load: LoadLibrary = (name, visiting) => {
    const text = resolve(name);
    if (text === undefined) return { issues: [{ path: "extends", message: `no library scenario named ${describeValue(name)}` }] };
    const read = readDocument(text);
    if ("issues" in read) return read;
    const composed = compose(read.tree, [...visiting, name], load);
    return composed.issues.length > 0 ? { issues: composed.issues } : { tree: composed.tree, chain: composed.chain };
  };
  return load;
}
