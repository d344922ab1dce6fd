import { Flags } from "@oclif/core";
import { describeFsError, InputError } from "../io/input-error.js";
import { KEY_TYPES } from "../pki/key-types.js";

/** Flags shared by commands that create certificates (init, issue). */

export function keyFlag(description: string) {
  return Flags.option({ options: KEY_TYPES, description })();
}

export function daysFlag(description: string) {
  return Flags.integer({ min: 1, max: 36500, description });
}

/** `--at TIME`: the clock for validity checks (ISO 8601, or "now"). */
export function atFlag() {
  return Flags.custom<Date>({
    description: 'Check validity at this time (ISO 8601, e.g. 2027-01-01T00:00:00Z) instead of now.',
    parse: async (input) => parseDate(input, "--at"),
  })();
}

export function parseDate(input: string, flag: string): Date {
  const date = input === "now" ? new Date() : new Date(input);
  if (Number.isNaN(date.getTime())) throw new InputError(`${flag} ${input}: not a date: write it like 2027-01-01 or 2027-01-01T12:00:00Z`);
  return date;
}

export const passwordFlags = {
  password: Flags.string({ description: "Password of a PKCS#12 file or encrypted private key." }),
  "password-file": Flags.string({ description: "Read that password from the first line of this file." }),
};

export async function readPassword(flags: { password?: string; "password-file"?: string }): Promise<string | undefined> {
  if (flags.password !== undefined) return flags.password;
  const file = flags["password-file"];
  if (file === undefined) return undefined;
  const { readFile } = await import("node:fs/promises");
  try {
    return (await readFile(file, "utf8")).split(/\r?\n/)[0];
  } catch (err) {
    throw new InputError(`${file}: cannot read the password file: ${describeFsError(err)}`);
  }
}
