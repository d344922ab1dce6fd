import { Command, Flags } from "@oclif/core";

/**
 * Shared base: the --debug flag every command accepts. Error rendering and exit codes
 * are handled once, in src/cli/main.ts, so commands simply throw InputError.
 */
export abstract class BaseCommand extends Command {
  static override baseFlags = {
    debug: Flags.boolean({ description: "Print stack traces for errors.", helpGroup: "GLOBAL" }),
  };
}
