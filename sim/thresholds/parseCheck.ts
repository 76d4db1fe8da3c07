// The check string of a threshold — `<metric> <op> <value with unit> [during <scope>]` — read by a small tokenizer
// and a fixed grammar; nothing reaches an expression evaluator. Values go through sim/quantity.ts by the metric's
// dimension; money is written "$40000/month" (a monthly rate) or "$500" (an amount).

import { describeValue } from "../errors.ts";
import { parseByteRate, parseBytes, parseDuration, parseRatePerSecond } from "../quantity.ts";
import { didYouMean } from "../scenario/didYouMean.ts";
import { findMetric, metricNames, type Dimension, type Metric } from "./metricCatalogue.ts";
import { THRESHOLD_OPERATORS, type ThresholdOperator } from "./threshold.ts";

/** Longest check accepted, in characters. */
export const CHECK_CHARS_MAX = 200;

/** A check read from its text; the scope is resolved against the scenario's faults later. */
export interface ParsedCheck {
  metric: Metric;
  operator: ThresholdOperator;
  /** In the base unit of the metric's dimension (µs for times). */
  limit: number;
  /** The word after "during", if any. */
  scope?: string;
}

const FORM = `<metric> <op> <value> [during <fault>], with op one of ${THRESHOLD_OPERATORS.join(", ")}`;
const EXAMPLE = `"produce p99 < 50 ms during zone-outage"`;

type Token = { kind: "word" | "op"; text: string };

/** Words (anything but spaces and comparison signs) and runs of comparison signs. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:([<>=!≤≥]+)|([^\s<>=!≤≥]+))/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null && match[0] !== "") {
    tokens.push(match[1] !== undefined ? { kind: "op", text: match[1] } : { kind: "word", text: match[2] });
  }
  return tokens;
}

/** Reads a check, or says what is wrong with it (the whole issue message). */
export function parseCheck(check: unknown): ParsedCheck | { problem: string } {
  if (typeof check !== "string" || check.trim() === "") return { problem: `expected a check such as ${EXAMPLE} (got ${describeValue(check)})` };
  if (check.length > CHECK_CHARS_MAX) return { problem: `must be at most ${CHECK_CHARS_MAX} characters (got ${check.length})` };
  const tokens = tokenize(check);
  const ops = tokens.filter((t) => t.kind === "op");
  if (ops.length === 0) return { problem: `${describeValue(check)} has no comparison (expected ${FORM})` };
  if (ops.length > 1) return { problem: `${describeValue(check)} has more than one comparison (expected ${FORM})` };
  const operator = ops[0].text;
  if (!(THRESHOLD_OPERATORS as readonly string[]).includes(operator)) {
    const hint = operator === "≤" ? " (did you mean <=?)" : operator === "≥" ? " (did you mean >=?)" : "";
    return { problem: `${describeValue(operator)} is not a comparison: expected one of ${THRESHOLD_OPERATORS.join(", ")}${hint}` };
  }
  const at = tokens.indexOf(ops[0]);
  const metricText = tokens.slice(0, at).map((t) => t.text).join(" ");
  if (metricText === "") return { problem: `${describeValue(check)} names no metric before ${operator} (expected e.g. ${EXAMPLE})` };
  const metric = findMetric(metricText);
  if (metric === undefined) return { problem: unknownMetric(metricText) };
  const rest = tokens.slice(at + 1).map((t) => t.text);
  const during = rest.findIndex((word) => word.toLowerCase() === "during");
  const valueText = (during < 0 ? rest : rest.slice(0, during)).join(" ");
  if (valueText === "") return { problem: `${describeValue(check)} has no limit after ${operator} (expected ${describeMetric(metric)}, e.g. ${describeValue(EXAMPLES[metric.dimension])})` };
  const limit = parseLimit(valueText, metric);
  if (typeof limit !== "number") return limit;
  if (!Number.isFinite(limit)) return { problem: `${describeValue(valueText)} is not a finite limit` };
  const parsed: ParsedCheck = { metric, operator: operator as ThresholdOperator, limit };
  if (during >= 0) {
    const scope = rest.slice(during + 1);
    if (scope.length !== 1) {
      return { problem: `"during" must be followed by one fault name, fault kind or "steady" (got ${describeValue(scope.join(" "))})` };
    }
    parsed.scope = scope[0];
  }
  return parsed;
}

function unknownMetric(text: string): string {
  const near = didYouMean(text.toLowerCase(), metricNames());
  return `${describeValue(text)} is not a metric${near ? ` (did you mean ${near}?)` : ""}; expected a metric of scenarios/README.md such as "produce p99"`;
}

const EXAMPLES: Readonly<Record<Dimension, string>> = {
  time: "50 ms",
  bytes: "2 TB",
  byteRate: "100 MiB/s",
  rate: "5000/s",
  count: "0",
  ratio: "0.5",
  usdPerMonth: "$40000/month",
  usd: "$500",
};

const WHAT: Readonly<Record<Dimension, string>> = {
  time: "a time",
  bytes: "a size",
  byteRate: "a byte rate",
  rate: "a rate per second",
  count: "a count",
  ratio: "a ratio",
  usdPerMonth: "a monthly cost",
  usd: "an amount of USD",
};

function describeMetric(metric: Metric): string {
  return WHAT[metric.dimension];
}

const PLAIN = /^[+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const MONEY = /^\$\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(\/\s*(?:month|mo))?$/i;

/** The limit in base units, or the problem (naming the value, the metric's dimension and an example). */
function parseLimit(text: string, metric: Metric): number | { problem: string } {
  const dimension = metric.dimension;
  const wrong = { problem: `${describeValue(text)} is not ${WHAT[dimension]} (the metric is ${WHAT[dimension]}: expected e.g. ${describeValue(EXAMPLES[dimension])})` };
  if (/^\s*-/.test(text)) return { problem: `must be >= 0 (got ${describeValue(text)})` };
  const attempt = (parse: () => number) => {
    try {
      return parse();
    } catch {
      return wrong;
    }
  };
  switch (dimension) {
    case "time":
      if (PLAIN.test(text)) return { problem: `${describeValue(text)} has no unit (the metric is a time: expected e.g. "${text} ms" or "${text} s")` };
      return attempt(() => parseDuration("limit", text));
    case "bytes":
      return attempt(() => parseBytes("limit", text));
    case "byteRate":
      return attempt(() => parseByteRate("limit", text));
    case "rate":
      return attempt(() => parseRatePerSecond("limit", text));
    case "count":
      return PLAIN.test(text) ? Number(text) : wrong;
    case "ratio": {
      const percent = /^(.*\S)\s*%$/.exec(text);
      if (percent && PLAIN.test(percent[1])) return Number(percent[1]) / 100;
      return PLAIN.test(text) ? Number(text) : wrong;
    }
    case "usdPerMonth":
    case "usd": {
      const money = MONEY.exec(text);
      const monthly = dimension === "usdPerMonth";
      if (money === null || (money[2] !== undefined) !== monthly) return wrong;
      return Number(money[1].replaceAll(",", ""));
    }
  }
}
