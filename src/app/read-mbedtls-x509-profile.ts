import { readFileSync, statSync } from "node:fs";
import { describeFsError, InputError } from "../io/input-error.js";
import { NAMED_PROFILES, type MbedtlsX509ProfileChoice, type NamedProfile } from "../knowledge/mbedtls-profiles.js";
import { parseMbedtlsX509Profile, PROFILE_FILE_HELP } from "../peers/parse/mbedtls-x509-profile.js";

/** A profile file is four short lines: anything larger is not one. */
const MAX_PROFILE_BYTES = 64 * 1024;

/**
 * `--mbedtls-profile default|next|suiteb|FILE`: a name of the library's own profiles (resolved later
 * with the device's version), or a file of mbedtls_x509_crt_profile fields
 * (src/peers/parse/mbedtls-x509-profile.ts). A file called "next" is given as ./next.
 */
export function readMbedtlsX509Profile(arg: string): MbedtlsX509ProfileChoice {
  if ((NAMED_PROFILES as readonly string[]).includes(arg)) return { named: arg as NamedProfile };
  let bytes: Buffer;
  try {
    const info = statSync(arg);
    if (info.isDirectory()) throw new InputError(`--mbedtls-profile ${arg}: is a directory: give default, next, suiteb or a profile file: ${PROFILE_FILE_HELP}`);
    if (info.isFile() && info.size > MAX_PROFILE_BYTES) throw new InputError(`--mbedtls-profile ${arg}: is ${info.size} bytes, more than a profile file (${MAX_PROFILE_BYTES}): ${PROFILE_FILE_HELP}`);
    bytes = readFileSync(arg);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`--mbedtls-profile ${arg}: ${describeFsError(err)}: give default, next, suiteb or a profile file`);
  }
  if (bytes.length > MAX_PROFILE_BYTES) throw new InputError(`--mbedtls-profile ${arg}: more than ${MAX_PROFILE_BYTES} bytes: ${PROFILE_FILE_HELP}`);
  if (bytes.includes(0)) throw new InputError(`--mbedtls-profile ${arg}: is a binary file: ${PROFILE_FILE_HELP}`);
  try {
    return { custom: parseMbedtlsX509Profile(bytes.toString("utf8"), arg) };
  } catch (err) {
    throw err instanceof InputError ? new InputError(`--mbedtls-profile ${err.message}`) : err;
  }
}
