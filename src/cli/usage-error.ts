/**
 * A required argument left out, where oclif cannot tell it (a command that takes its inputs from
 * arguments or --from): reported as oclif's own "missing" error is (src/cli/cli-errors.ts), exit 2.
 */
export class MissingArgumentError extends Error {
  constructor(
    readonly argument: string,
    readonly description: string,
  ) {
    super(`missing ${argument}`);
    this.name = "MissingArgumentError";
  }
}
