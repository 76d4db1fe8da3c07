// The bytepath command line (Node only): parses the arguments with the grammar of program.ts, runs the command, and
// turns what happened into the exit code — 0 thresholds hold, 1 a threshold failed, 2 invalid input, 3 internal.

import { CommanderError } from "commander";
import { JobFailure } from "./workerPool.ts";
import { CROSS_CHECKS_PENDING, EXIT, InternalFailure, isInputError } from "./failures.ts";
import { buildProgram } from "./program.ts";

/** Runs the command line; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    return exitCodeFor(error);
  }
}

/** Prints what a thrown error means and returns its exit code. */
function exitCodeFor(thrown: unknown): number {
  // Help and version are "errors" only to commander's control flow.
  if (thrown instanceof CommanderError) return thrown.exitCode === 0 ? EXIT.ok : EXIT.invalidInput;
  const job = thrown instanceof JobFailure ? thrown.job : undefined;
  const error = thrown instanceof JobFailure ? thrown.error : thrown;
  if (isInputError(error)) {
    process.stderr.write(`bytepath: ${(error as Error).message}\n`);
    if ((error as { crossChecked?: unknown }).crossChecked === false) process.stderr.write(`bytepath: ${CROSS_CHECKS_PENDING}\n`);
    return EXIT.invalidInput;
  }
  if (error instanceof InternalFailure) {
    process.stderr.write(`bytepath: internal error:\n${error.lines.map((l) => `  ${l}`).join("\n")}\n`);
    return EXIT.internal;
  }
  const where = job === undefined ? "" : ` (in run ${job})`;
  process.stderr.write(`bytepath: internal error${where}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.internal;
}

// A reader that stops early (`bytepath schema | head`) closes the pipe: that is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
