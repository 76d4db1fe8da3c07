// Reading a file named on the command line (Node only): a scenario or a sweep shard. Anything that is not a
// readable text file of sensible size — a directory, a pipe or device, a file without permission, binary data — is
// refused in one line naming the argument, the path and what was expected, before any of it reaches a parser or
// the terminal.

import { readFileSync, statSync, type Stats } from "node:fs";
import { formatBytes } from "../quantity.ts";
import { InvalidInput } from "./failures.ts";

/** What a command expects a file argument to be. */
export interface FileExpectation {
  /** The argument, as messages name it: "scenario", "shard file". */
  field: string;
  /** What it should have been, e.g. "a scenario file (YAML or JSON) or a library name". */
  expected: string;
  /** Largest file read, bytes; larger ones are refused unread. */
  maxBytes: number;
  /** The limit as a reader would put it (default: maxBytes as a size). */
  limit?: string;
}

/** The file's text (UTF-8, without a byte-order mark); throws InvalidInput for anything else. */
export function readTextFile(path: string, what: FileExpectation): string {
  const stats = statFile(path, what);
  if (stats === undefined) fail(path, "does not exist", what);
  if (stats.isDirectory()) fail(path, "is a directory", what);
  // Opening a named pipe would wait for a writer, and a device may never end: only regular files are read.
  if (!stats.isFile()) fail(path, `is not a regular file (it is ${specialKind(stats)})`, what);
  const limit = what.limit ?? `at most ${formatBytes(what.maxBytes)}`;
  if (stats.size > what.maxBytes) fail(path, `is too large (${formatBytes(stats.size)}; ${limit})`, what);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    fail(path, `cannot be read (${systemReason(error)})`, what);
  }
  if (bytes.length > what.maxBytes) fail(path, `is too large (${formatBytes(bytes.length)}; ${limit})`, what);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const loose = new TextDecoder("utf-8").decode(bytes);
    fail(path, `is not a text file (bytes that are not UTF-8 at ${position(loose, loose.indexOf("\uFFFD"))})`, what);
  }
  const control = text.search(CONTROL);
  if (control >= 0) {
    const code = text.charCodeAt(control).toString(16).toUpperCase().padStart(4, "0");
    fail(path, `is not a text file (control character U+${code} at ${position(text, control)})`, what);
  }
  return text;
}

/** The stats of path, or undefined when nothing is there; other failures (a folder without permission) are refused. */
export function statFile(path: string, what: FileExpectation): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    fail(path, `cannot be read (${systemReason(error)})`, what);
  }
}

/** Text safe to print on a terminal: control, bidirectional and replacement characters escaped, at most `max`
 * characters kept. */
export function printable(text: string, max = 120): string {
  const kept = text.length > max ? `${text.slice(0, max)}…` : text;
  return kept.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// Tab, line feed and carriage return are text; every other C0 control, DEL and the C1 controls are not (YAML 1.2
// refuses them in a document, JSON outside escapes), and some of them steer a terminal when echoed.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function fail(path: string, problem: string, what: FileExpectation): never {
  throw new InvalidInput(`${what.field}: ${printable(path)} ${problem}, expected ${what.expected}`);
}

function specialKind(stats: Stats): string {
  if (stats.isFIFO()) return "a named pipe";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  return "not a file";
}

function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ELOOP") return "a loop of symbolic links";
  if (code === "ENAMETOOLONG") return "the name is too long";
  return typeof code === "string" ? code : printable(error instanceof Error ? error.message : String(error));
}

/** "line L, column C" (from 1) of a character index. */
function position(text: string, index: number): string {
  const before = text.slice(0, Math.max(0, index));
  const line = before.split("\n").length;
  return `line ${line}, column ${index - before.lastIndexOf("\n")}`;
}
