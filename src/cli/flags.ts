import { readFile } from "node:fs/promises";
import { Flags } from "@oclif/core";
import { describeFsError, InputError } from "../io/input-error.js";
import { KEY_TYPES, parseKeyType, type KeyType } from "../pki/key-types.js";
import { parseTime } from "./time.js";

/** Flags shared by commands that create certificates (init, issue). */

/** A key type, accepting what pkilab prints too: p256, P-256, secp256r1, prime256v1, RSA-2048, rsa:2048. */
export function keyFlag(description: string) {
  return Flags.custom<KeyType>({
    description: `${description} One of ${KEY_TYPES.join(", ")} (P-256, secp384r1, RSA-2048 … are read too).`,
    parse: async (input, _ctx, flag) => parseKeyType(input, `--${flag.name}`),
  })();
}

export function daysFlag(description: string) {
  return Flags.integer({ min: 1, max: 36500, description });
}

/** `--at TIME`: the clock for validity checks (src/cli/time.ts says which forms). */
export function atFlag() {
  return Flags.custom<Date>({
    description: "Check at this time instead of now: an ISO 8601 date or date-time (UTC unless an offset is given: 2027-01-01, 2027-01-01T12:00:00+02:00) or an offset from now (+30d: will it still pass in 30 days?, -2h).",
    parse: async (input) => parseTime(input, "--at"),
  })();
}

/** `--for nginx-mtls,browser --for mbedtls`: repeatable, and each value a comma list. */
export function peerListFlag(description: string) {
  return Flags.string({ multiple: true, description });
}

export const passwordFlags = {
  password: Flags.string({ description: "Password of a PKCS#12 file or encrypted private key." }),
  "password-file": Flags.string({ description: "Read that password from the first line of this file." }),
};

export async function readPassword(flags: { password?: string; "password-file"?: string }): Promise<string | undefined> {
  if (flags.password !== undefined) return flags.password;
  const file = flags["password-file"];
  if (file === undefined) return undefined;
  try {
    return (await readFile(file, "utf8")).split(/\r?\n/)[0];
  } catch (err) {
    throw new InputError(`${file}: cannot read the password file: ${describeFsError(err)}`);
  }
}
