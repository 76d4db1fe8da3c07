// The streams a command writes to (Node only): data on stdout, progress and diagnostics on stderr, colour only on a
// terminal without NO_COLOR, and nothing but errors with --quiet.

import { ANSI_STYLE, PLAIN_STYLE, type Style } from "../report/style.ts";
import type { OutputKind } from "./outputs.ts";

/** Options every reporting command takes. */
export type CommonOptions = Partial<Record<OutputKind, string | boolean>> & {
  quiet?: boolean;
  /** Which failed thresholds make the exit code 1. */
  failOn?: FailOn;
};

/** Where a command writes. */
export interface Io {
  writeOut(text: string): void;
  writeErr(text: string): void;
  /** A diagnostic line on stderr ("bytepath: " first), unless --quiet. */
  info(line: string): void;
  /** An error line on stderr, always. */
  error(line: string): void;
  /** How stdout text is coloured. */
  style: Style;
  /** How stderr text is coloured. */
  errStyle: Style;
  stderrTty: boolean;
  quiet: boolean;
}

/** True when a stream is a terminal and NO_COLOR is unset or empty (https://no-color.org). */
function colourFor(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && !process.env.NO_COLOR;
}

/** The process's own streams. */
export function processIo(quiet: boolean): Io {
  const errStyle = colourFor(process.stderr) ? ANSI_STYLE : PLAIN_STYLE;
  return {
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
    info: (line) => {
      if (!quiet) process.stderr.write(`bytepath: ${line}\n`);
    },
    error: (line) => process.stderr.write(`bytepath: ${errStyle.bad(line)}\n`),
    style: colourFor(process.stdout) ? ANSI_STYLE : PLAIN_STYLE,
    errStyle,
    stderrTty: process.stderr.isTTY === true,
    quiet,
  };
}

/** Which failed thresholds give exit code 1: any, only blocking ones, or none (report them, exit 0). */
export type FailOn = "any" | "blocking" | "none";
