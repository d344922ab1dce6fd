import { Config, Errors, flush, run, settings } from "@oclif/core";
import { DescribedCliError } from "./base-command.js";
import type { DescribedError } from "./cli-errors.js";

/**
 * Runs the CLI and owns the exit-code contract (README "Exit codes"): 0 nothing wrong, 1 findings
 * or verification failed, 3 a verdict that could not be reached (set by commands via
 * process.exitCode), 2 bad usage or unreadable input: one line on stderr (or {"error": …} on
 * stdout with --json), no stack trace unless --debug.
 */
export async function main(argv: string[], binUrl: string): Promise<void> {
  const debug = argv.includes("--debug");
  if (debug) settings.debug = true;
  const args = normalizeArgv(argv);
  try {
    await run(args, binUrl);
    await flush();
  } catch (err) {
    process.exitCode = await reportError(err, { debug, json: wantsJson(args), binUrl });
  }
}

/**
 * oclif's conventions without its plugins (each costs start-up): `pkilab help lint` and
 * `pkilab lint -h` show the command's help, `pkilab -v` the version.
 */
export function normalizeArgv(argv: string[]): string[] {
  const end = argv.indexOf("--");
  const options = end === -1 ? argv : argv.slice(0, end);
  const rest = end === -1 ? [] : argv.slice(end);
  if (options[0] === "help") return [...options.slice(1).filter((a) => a !== "-h" && a !== "--help"), "--help", ...rest];
  if (options.length === 1 && options[0] === "-v") return ["--version"];
  return [...options.map((a) => (a === "-h" ? "--help" : a)), ...rest];
}

function wantsJson(argv: string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).includes("--json");
}

/** Prints `err` as the contract says and returns the exit code. */
export async function reportError(err: unknown, options: { debug: boolean; json: boolean; binUrl?: string }): Promise<number> {
  // this.exit(n) inside a command: not an error, just an exit code.
  if (err instanceof Errors.ExitError) return err.oclif.exit ?? 0;
  const { describeError } = await import("./cli-errors.js");
  const described: DescribedError = err instanceof DescribedCliError ? { code: err.code, message: err.message } : ((await unknownCommand(err, options.binUrl)) ?? describeError(err));
  const original = err instanceof DescribedCliError ? err.original : err;
  if (options.debug && original instanceof Error && original.stack) process.stderr.write(`${original.stack}\n`);
  if (options.json) process.stdout.write(`${JSON.stringify({ error: described }, null, 2)}\n`);
  else if (!options.debug || !(original instanceof Error)) process.stderr.write(`pkilab: ${described.message}\n`);
  return 2;
}

/** "command lnit not found" → one line with the nearest command, as oclif's not-found plugin would. */
async function unknownCommand(err: unknown, binUrl: string | undefined): Promise<DescribedError | undefined> {
  const match = err instanceof Errors.CLIError ? /^command (.+) not found$/.exec(err.message) : null;
  if (!match) return undefined;
  const typed = match[1]!.split(":")[0]!;
  let suggestion: string | undefined;
  if (binUrl) {
    const { closest } = await import("./cli-errors.js");
    try {
      suggestion = closest(typed, (await Config.load(binUrl)).commandIDs);
    } catch {
      // No suggestion is better than a second error.
    }
  }
  return { code: "usage", message: `${typed}: not a pkilab command${suggestion ? `; did you mean ${suggestion}?` : ""} (pkilab --help lists the commands)` };
}
