// Composition of scenario documents before validation: `extends: <library name>` lays this document over a
// library scenario (objects merge key by key, lists and scalars replace), and an architecture item's
// `extends: <architecture name>` starts it from an earlier item of the list or one of the library scenario's.

import { describeValue } from "../errors.ts";
import { didYouMean } from "./didYouMean.ts";
import type { ScenarioIssue } from "./scenarioError.ts";
import { WORKLOAD_KNOBS } from "./workloadKnobs.ts";

/** Longest chain of `extends` between library scenarios. */
export const EXTENDS_DEPTH_MAX = 8;

/** Keys that belong to one document only: a scenario that extends another names and describes itself. */
const OWN_KEYS = new Set(["name", "description", "extends"]);

type Tree = Record<string, unknown>;

/** Keys that set the same field (testDuration and testDurationMinutes): giving one drops the other's inherited value. */
const ALTERNATES: ReadonlyMap<string, readonly string[]> = (() => {
  const byField = new Map<string, string[]>();
  for (const [name, knob] of Object.entries(WORKLOAD_KNOBS)) byField.set(String(knob.key), [...(byField.get(String(knob.key)) ?? []), name]);
  const alternates = new Map<string, string[]>();
  for (const names of byField.values()) for (const name of names) if (names.length > 1) alternates.set(name, names.filter((n) => n !== name));
  return alternates;
})();

function isObject(value: unknown): value is Tree {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sets a key without ever touching a prototype, even for a key named "__proto__". */
function put(target: Tree, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `over` laid on `base`: objects merge recursively, anything else in `over` replaces. Neither input is changed. */
export function deepMerge(base: Tree, over: Tree): Tree {
  const merged: Tree = {};
  const dropped = new Set<string>();
  for (const key of Object.keys(over)) for (const alternate of ALTERNATES.get(key) ?? []) if (!Object.hasOwn(over, alternate)) dropped.add(alternate);
  for (const key of Object.keys(base)) if (!dropped.has(key)) put(merged, key, base[key]);
  for (const key of Object.keys(over)) {
    const before = Object.hasOwn(merged, key) ? merged[key] : undefined;
    put(merged, key, isObject(before) && isObject(over[key]) ? deepMerge(before, over[key]) : over[key]);
  }
  return merged;
}

/** How a library scenario loads: its composed data, or the issues that made it invalid. */
export type LoadLibrary = (name: string, chain: readonly string[]) => { tree: Tree; chain: string[] } | { issues: ScenarioIssue[] };

/** The result of composing a document with what it extends. */
export interface Composed {
  tree: Tree;
  /** Library scenarios extended, nearest first. */
  chain: string[];
  issues: ScenarioIssue[];
  /** True when a library scenario could not be laid under this one (its fields are missing). */
  incomplete: boolean;
}

/** Lays `tree` over the library scenario it extends, then resolves architecture items' `extends`. */
export function compose(tree: Tree, visiting: readonly string[], load: LoadLibrary | undefined): Composed {
  const issues: ScenarioIssue[] = [];
  let parent: Tree = {};
  let chain: string[] = [];
  let incomplete = false;
  const name = tree.extends;
  if (typeof name === "string") {
    const fault = (message: string) => {
      issues.push({ path: "extends", message });
      incomplete = true;
    };
    if (load === undefined) fault(`${describeValue(name)} cannot be loaded here (no scenario library was given)`);
    else if (visiting.includes(name)) fault(`${[...visiting, name].map((n) => `"${n}"`).join(" → ")} is a cycle`);
    else if (visiting.length > EXTENDS_DEPTH_MAX) fault(`more than ${EXTENDS_DEPTH_MAX} scenarios extend one another`);
    else {
      const loaded = load(name, visiting);
      if ("issues" in loaded) {
        for (const issue of loaded.issues) fault(issue.path === "extends" ? issue.message : `library scenario "${name}" is invalid: ${issue.path}: ${issue.message}`);
      } else {
        parent = Object.fromEntries(Object.entries(loaded.tree).filter(([key]) => !OWN_KEYS.has(key)));
        chain = [name, ...loaded.chain];
      }
    }
  }
  const merged = deepMerge(parent, tree);
  const parentItems = Array.isArray(parent.architectures) ? parent.architectures : [];
  if (Array.isArray(merged.architectures) && merged.architectures !== parentItems) {
    put(merged, "architectures", resolveItems(merged.architectures, parentItems, chain[0], issues));
  }
  if (Object.hasOwn(tree, "architectures") && !Object.hasOwn(tree, "thresholds")) narrowInheritedThresholds(merged);
  return { tree: merged, chain, issues, incomplete };
}

/** An architecture item's name as the schema will give it: its `name`, else its kind. */
function nameOf(item: unknown): string | undefined {
  return isObject(item) ? (typeof item.name === "string" ? item.name : typeof item.kind === "string" ? item.kind : undefined) : undefined;
}

// A scenario that picks its own architectures but keeps the library's thresholds keeps each for the architectures
// it still has, and drops one left with none: a check the library wrote for an architecture the file left out would
// otherwise refuse a file that never mentions it. Thresholds the file writes itself are judged as written.
function narrowInheritedThresholds(merged: Tree): void {
  if (!Array.isArray(merged.thresholds) || !Array.isArray(merged.architectures)) return;
  const names = new Set(merged.architectures.map(nameOf));
  const kept: unknown[] = [];
  for (const threshold of merged.thresholds) {
    if (!isObject(threshold) || !Array.isArray(threshold.architectures)) {
      kept.push(threshold);
      continue;
    }
    const present = threshold.architectures.filter((name) => typeof name !== "string" || names.has(name));
    if (present.length > 0) kept.push({ ...threshold, architectures: present });
  }
  put(merged, "thresholds", kept);
}

/** Each item with `extends` becomes the named item with its own fields laid over. */
function resolveItems(items: unknown[], parentItems: unknown[], parentName: string | undefined, issues: ScenarioIssue[]): unknown[] {
  const resolved: unknown[] = [];
  items.forEach((item, index) => {
    if (!isObject(item) || typeof item.extends !== "string") {
      resolved.push(item);
      return;
    }
    const target = item.extends;
    const base = [...resolved].reverse().find((r) => nameOf(r) === target) ?? parentItems.find((p) => nameOf(p) === target);
    const { extends: _target, ...own } = item;
    if (!isObject(base)) {
      const names = [...resolved, ...parentItems].map(nameOf).filter((n): n is string => n !== undefined);
      const near = didYouMean(target, names);
      const where = parentName ? `earlier in this list or in "${parentName}"` : "earlier in this list";
      issues.push({ path: `architectures[${index}].extends`, message: `no architecture named "${target}" ${where}${near ? ` (did you mean ${near}?)` : ""}` });
      resolved.push(own);
      return;
    }
    if (own.kind !== undefined && base.kind !== own.kind) {
      issues.push({ path: `architectures[${index}].kind`, message: `${describeValue(own.kind)} differs from the kind ${describeValue(base.kind)} of "${target}", which it extends` });
    }
    const { name: _name, ...inherited } = base;
    resolved.push(deepMerge(inherited, own));
  });
  return resolved;
}
