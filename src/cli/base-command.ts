import { Command, Errors, Flags } from "@oclif/core";
import type { CommandShape } from "./cli-errors.js";

/**
 * Shared base: the --debug flag every command accepts, and the error contract inside a command.
 * oclif's own catch() prints the whole error object (parse state, config, local paths) under
 * --json and exits 1, the code reserved for findings: here every failure is one line and exit 2,
 * and under --json a small {"error": {code, message}} on stdout. Without --json the error goes on
 * to src/cli/main.ts, which prints it.
 */
export abstract class BaseCommand extends Command {
  static override baseFlags = {
    debug: Flags.boolean({ description: "Print stack traces for errors.", helpGroup: "GLOBAL" }),
  };

  protected override async catch(err: Error & { exitCode?: number }): Promise<unknown> {
    if (err instanceof Errors.ExitError) throw err;
    // Loaded on failure only: start-up pays for nothing here.
    const { describeError } = await import("./cli-errors.js");
    const described = describeError(err, this.shape());
    if (this.jsonEnabled()) {
      if (this.argv.includes("--debug") && err.stack) process.stderr.write(`${err.stack}\n`);
      process.exitCode = 2;
      this.logJson({ error: { code: described.code, message: described.message } });
      return undefined;
    }
    // Hand main.ts the one line, keeping the original for --debug's stack trace.
    throw new DescribedCliError(described.message, described.code, err);
  }

  private shape(): CommandShape {
    const ctor = this.ctor as typeof Command & { flags?: Record<string, unknown>; baseFlags?: Record<string, unknown>; args?: Record<string, unknown> };
    const flags = [...Object.keys(ctor.flags ?? {}), ...Object.keys(ctor.baseFlags ?? {}), ...(ctor.enableJsonFlag ? ["json"] : [])];
    return { id: this.id ?? "", flags, args: Object.keys(ctor.args ?? {}) };
  }
}

/** An error already put into one line by describeError (main.ts prints it as it is). */
export class DescribedCliError extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly code: "usage" | "input" | "internal",
    readonly original: unknown,
  ) {
    super(message);
    this.name = "DescribedCliError";
  }
}
