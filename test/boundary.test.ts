import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SIM = join(ROOT, "sim");
// The command-line front end is the one part of sim/ allowed to touch the process and the file system.
const EXEMPT = join(SIM, "cli");

/**
 * What sim/ must not use, and why: each breaks determinism or running unchanged in a web worker. Import patterns
 * are matched on the raw line; the rest on the line with string literals blanked, so messages may name them.
 */
const FORBIDDEN: { token: string; pattern: RegExp; raw?: true; global?: string }[] = [
  { token: "Math.random", pattern: /\bMath\.random\b/ },
  { token: "Date.now", pattern: /\bDate\.now\b/ },
  { token: "new Date(", pattern: /\bnew\s+Date\s*\(/ },
  { token: "performance.now", pattern: /\bperformance\.now\b/ },
  { token: "process.", pattern: /(?<![\w$.])process\./, global: "process" },
  { token: "setTimeout", pattern: /\bsetTimeout\b/ },
  { token: "setInterval", pattern: /\bsetInterval\b/ },
  { token: "requestAnimationFrame", pattern: /\brequestAnimationFrame\b/ },
  { token: "window.", pattern: /(?<![\w$.])window\./, global: "window" },
  { token: "document.", pattern: /(?<![\w$.])document\./, global: "document" },
  { token: 'from "node:', pattern: /\bfrom\s*["']node:/, raw: true },
  { token: 'from "fs"', pattern: /\bfrom\s*["']fs["']/, raw: true },
  { token: 'import("node:', pattern: /\bimport\s*\(\s*["']node:/, raw: true },
];

const STRING_LITERAL = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g;

/** Every .ts file under dir, skipping the exempt folder. */
function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path !== EXEMPT) files.push(...sourceFiles(path));
    } else if (entry.name.endsWith(".ts")) files.push(path);
  }
  return files.sort();
}

/** True for a line that is only a comment: `//`, or a line of a block comment. */
function isCommentLine(line: string): boolean {
  const trimmed = line.trimStart();
  return trimmed.startsWith("//") || trimmed.startsWith("/*") || trimmed.startsWith("*");
}

/**
 * True when source declares name itself (a variable, or a typed parameter such as `window: UsageWindow`), so
 * `name.` there means the local, not the browser or Node global.
 */
function bindsLocally(source: string, name: string): boolean {
  return new RegExp(`\\b(?:const|let|var|function|class)\\s+${name}\\b|[(,]\\s*${name}\\s*\\??\\s*:\\s*[A-Z]`).test(source);
}

/** Returns `file:line: token` for every forbidden use in source, ignoring comment lines. */
function findViolations(file: string, source: string): string[] {
  const checks = FORBIDDEN.filter(({ global }) => global === undefined || !bindsLocally(source, global));
  const violations: string[] = [];
  source.split("\n").forEach((line, i) => {
    if (isCommentLine(line)) return;
    const code = line.replace(STRING_LITERAL, '""');
    for (const { token, pattern, raw } of checks) {
      if (pattern.test(raw ? line : code)) violations.push(`${file}:${i + 1}: ${token}  ${line.trim()}`);
    }
  });
  return violations;
}

describe("sim/ boundary", () => {
  it("uses no wall clock, Math.random, timers, DOM, process or Node-only imports outside sim/cli", () => {
    const files = sourceFiles(SIM);
    expect(files).toContain(join(SIM, "engine.ts"));
    const violations = files.flatMap((file) => findViolations(relative(ROOT, file), readFileSync(file, "utf8")));
    expect(violations).toEqual([]);
  });

  it("catches each forbidden token and names the file and line, but ignores comments and look-alikes", () => {
    const source = [
      "const a = Math.random();",
      "// Date.now() in a comment is fine",
      " * setTimeout in a block comment is fine",
      "const b = Date.now();",
      "const c = new Date(0);",
      "const d = performance.now();",
      "const e = process.env.X;",
      "setTimeout(f, 1);",
      "setInterval(f, 1);",
      "requestAnimationFrame(f);",
      "const f = window.innerWidth;",
      "const g = document.body;",
      'import { readFileSync } from "node:fs";',
      "import fs from 'fs';",
      'const h = await import("node:path");',
      "const subprocess = this.process.x + slidingWindow.y + fileDocument.z;",
      'throw new InputError("window.seconds", 1, "process.env is not read here");',
    ].join("\n");
    const found = findViolations("sim/example.ts", source);
    expect(found.map((v) => v.split("  ")[0])).toEqual([
      "sim/example.ts:1: Math.random",
      "sim/example.ts:4: Date.now",
      "sim/example.ts:5: new Date(",
      "sim/example.ts:6: performance.now",
      "sim/example.ts:7: process.",
      "sim/example.ts:8: setTimeout",
      "sim/example.ts:9: setInterval",
      "sim/example.ts:10: requestAnimationFrame",
      "sim/example.ts:11: window.",
      "sim/example.ts:12: document.",
      'sim/example.ts:13: from "node:',
      'sim/example.ts:14: from "fs"',
      'sim/example.ts:15: import("node:',
    ]);
  });

  it("treats `window.` as the local when a file binds its own `window`", () => {
    const source = ["function perMonth(window: UsageWindow, book: Book): number {", "  return window.seconds;", "}"].join("\n");
    expect(findViolations("sim/cost.ts", source)).toEqual([]);
    expect(findViolations("sim/view.ts", "const width = window.innerWidth;")).toHaveLength(1);
    expect(findViolations("sim/view.ts", "observe(window);\nconst width = window.innerWidth;")).toHaveLength(1);
  });
});
