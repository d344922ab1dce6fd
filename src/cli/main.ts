import { Errors, flush, run, settings } from "@oclif/core";
import { InputError } from "../io/input-error.js";

/**
 * Runs the CLI and owns the exit-code contract (DESIGN.md "Exit codes everywhere"):
 * 0 nothing wrong, 1 findings / verification failed (set by commands via process.exitCode),
 * 2 bad usage or unreadable input: one line on stderr, no stack trace unless --debug.
 */
export async function main(argv: string[], binUrl: string): Promise<void> {
  const debug = argv.includes("--debug");
  if (debug) settings.debug = true;
  try {
    await run(argv, binUrl);
    await flush();
  } catch (err) {
    const exitCode = reportError(err, debug);
    process.exitCode = exitCode;
  }
}

/** Prints one line for `err` (or the stack with --debug) and returns the exit code. */
export function reportError(err: unknown, debug: boolean): number {
  // this.exit(n) inside a command: not an error, just an exit code.
  if (err instanceof Errors.ExitError) return err.oclif.exit ?? 0;
  if (debug && err instanceof Error && err.stack) {
    process.stderr.write(`${err.stack}\n`);
  } else {
    process.stderr.write(`pkilab: ${oneLine(err)}\n`);
  }
  return 2;
}

function oneLine(err: unknown): string {
  // oclif wraps errors thrown while parsing a flag (an InputError from --at's parser included) in
  // "Parsing --at\n\t<message>\nSee more help with --help": fold them into one line.
  const fold = (message: string) =>
    message
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("See more help"))
      .join(": ");
  if (err instanceof InputError) return fold(err.message);
  if (err instanceof Errors.CLIError) return `${fold(err.message) || "invalid usage"} (see --help)`;
  const message = err instanceof Error ? err.message : String(err);
  return `internal error: ${message.split("\n")[0]} (run again with --debug for the stack trace)`;
}
