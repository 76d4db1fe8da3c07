// The scenario file format's public surface: parse text to a Scenario, turn it into RunConfigs, and the pieces
// a caller shows (errors, the default scenario, the JSON Schema, the field reference).

export { parseScenario, scenarioToRunConfigs, type ParseScenarioOptions } from "./parseScenario.ts";
export { ScenarioError, formatIssues, type ScenarioIssue } from "./scenarioError.ts";
export { SCENARIO_DEFAULTS, PRICE_BOOK_NAMES, type Scenario, type ScenarioRun, type ScenarioSlo, type ScenarioCost } from "./scenario.ts";
export { DEFAULT_SCENARIO_YAML } from "./defaultScenarioYaml.ts";
export { scenarioJsonSchema, RESERVED_KEYS } from "./scenarioSchema.ts";
export { fieldReferenceMarkdown } from "./fieldReference.ts";
