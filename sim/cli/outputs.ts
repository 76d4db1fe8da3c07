// The report outputs every command offers (Node only): --json, --markdown, --junit and --csv each to a file or to
// stdout, --html to a file. At most one may take stdout, which then carries nothing else.

import { accessSync, constants, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Option, type Command } from "commander";
import { InputError } from "../errors.ts";
import { InvalidInput } from "./failures.ts";
import { printable } from "./inputFile.ts";

/** The output formats. */
export const OUTPUT_KINDS = ["json", "markdown", "junit", "csv", "html"] as const;
/** One output format. */
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/** Where one output goes; file null is stdout. */
export interface OutputTarget {
  kind: OutputKind;
  file: string | null;
}

const DESCRIPTIONS: Record<OutputKind, string> = {
  json: "the report as JSON, to a file or stdout",
  markdown: "a Markdown summary for a CI step summary, to a file or stdout",
  junit: "JUnit XML, one test case per threshold × architecture, to a file or stdout",
  csv: "CSV, to a file or stdout",
  html: "a self-contained HTML report, to a file",
};

/** Adds the output options to a command; `csv` says what the CSV holds for this command. */
export function addOutputOptions(command: Command, csv: string, html = true): Command {
  for (const kind of OUTPUT_KINDS) {
    if (kind === "html") {
      if (html) command.addOption(new Option("--html <file>", DESCRIPTIONS.html));
      continue;
    }
    command.addOption(new Option(`--${kind} [file]`, kind === "csv" ? `${csv}, to a file or stdout` : DESCRIPTIONS[kind]));
  }
  return command;
}

/** The outputs asked for, in a fixed order; throws InputError when two want stdout, two share a file, or a file
 * looks like a scenario (`--json my.yaml` most likely meant the scenario, not an output to overwrite). */
export function outputTargets(options: Partial<Record<OutputKind, string | boolean>>): OutputTarget[] {
  const targets: OutputTarget[] = [];
  for (const kind of OUTPUT_KINDS) {
    const value = options[kind];
    if (value === undefined || value === false) continue;
    const file = value === true || value === "-" ? null : value;
    if (file !== null && /\.(ya?ml)$/i.test(file)) throw new InputError(`--${kind}`, file, `an output file, not a .yaml file (put the scenario before --${kind}, or give --${kind} a file name)`);
    if (file !== null) checkWritable(`--${kind}`, file);
    targets.push({ kind, file });
  }
  const toStdout = targets.filter((t) => t.file === null);
  if (toStdout.length > 1) throw new InputError(toStdout.map((t) => `--${t.kind}`).join(", "), "stdout", "at most one output on stdout (give the others a file)");
  const files = targets.flatMap((t) => (t.file === null ? [] : [resolve(t.file)]));
  const shared = files.find((f, i) => files.indexOf(f) !== i);
  if (shared !== undefined) throw new InputError("outputs", shared, "a different file for each output");
  return targets;
}

/** Refuses, before anything runs, an output path that could not be written once the runs are done: a directory,
 * a path through a file, or a place without write permission. */
function checkWritable(option: string, file: string): void {
  const path = resolve(file);
  const kind = (p: string) => {
    try {
      return statSync(p).isDirectory() ? "directory" : "file";
    } catch {
      return undefined;
    }
  };
  if (kind(path) === "directory") throw new InvalidInput(`${option}: ${printable(file)} is a directory, expected a file to write`);
  // The nearest part of the path that exists is where writing starts: the file itself, or the folder to create it in.
  let existing = kind(path) === undefined ? dirname(path) : path;
  while (kind(existing) === undefined && dirname(existing) !== existing) existing = dirname(existing);
  if (existing !== path && kind(existing) === "file") throw new InvalidInput(`${option}: ${printable(file)} is inside ${printable(existing)}, which is a file, expected a file to write`);
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    throw new InvalidInput(`${option}: ${printable(file)} cannot be written (no permission on ${printable(existing)}), expected a file to write`);
  }
}

/** True when some output writes to stdout (so nothing else may). */
export function stdoutTaken(targets: readonly OutputTarget[]): boolean {
  return targets.some((t) => t.file === null);
}

/** Renders and writes every output; files get their folders created. */
export async function writeOutputs(targets: readonly OutputTarget[], render: (kind: OutputKind) => string | Promise<string>, log: (line: string) => void): Promise<void> {
  for (const target of targets) {
    const text = await render(target.kind);
    if (target.file === null) {
      process.stdout.write(text);
    } else {
      mkdirSync(dirname(resolve(target.file)), { recursive: true });
      writeFileSync(target.file, text);
      log(`wrote ${target.kind} to ${target.file}`);
    }
  }
}
