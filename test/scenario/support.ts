// Helpers for the scenario tests: parse with a library held in memory, and read a failure's issues as
// "path: message" lines.

import { expect } from "vitest";
import { parseScenario, ScenarioError, type Scenario } from "../../sim/scenario/index.ts";

/** A library of scenario texts by name, as the CLI's resolver would serve them. */
export type Library = Record<string, string>;

/** Parses text with `library` as the resolver. */
export function parse(text: string, library: Library = {}, source = "test.yaml"): Scenario {
  return parseScenario(text, source, { resolve: (name) => (Object.hasOwn(library, name) ? library[name] : undefined) });
}

/** The issues parsing `text` reports, as "path: message" lines; fails the test if it parses. */
export function issuesOf(text: string, library: Library = {}): string[] {
  try {
    parse(text, library);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error(`expected a ScenarioError for:\n${text}`);
}

/** A minimal valid scenario with `extra` YAML lines appended under the top level. */
export function minimal(extra = ""): string {
  return `name: t\narchitectures:\n  - kind: kafka\n${extra}`;
}
