import { readFileSync, statSync } from "node:fs";
import { describeFsError, InputError } from "../io/input-error.js";
import { PREPROCESSOR_LIMITS } from "../peers/parse/c-preprocessor.js";
import { parseWolfsslConfig, WOLFSSL_HELP, type WolfsslCapabilities } from "../peers/parse/wolfssl-config.js";

/**
 * Reads `files` (`--wolfssl-config`, in order: options.h or user_settings.h, then override files)
 * and parses them as one configuration (src/peers/parse/wolfssl-config.ts). Every file is read, and
 * can fail, before any is parsed. No files: wolfSSL's default configuration.
 */
export function readWolfsslConfig(files: string[]): WolfsslCapabilities {
  return parseWolfsslConfig(files.map((file) => ({ name: file, text: readConfigText(file) })));
}

function readConfigText(file: string): string {
  const limit = PREPROCESSOR_LIMITS.maxSourceChars;
  let bytes: Buffer;
  try {
    const info = statSync(file);
    if (info.isFile() && info.size > limit) {
      throw new InputError(`${file}: is ${info.size} bytes, more than pkilab reads as a config header (PREPROCESSOR_LIMITS.maxSourceChars = ${limit}): ${WOLFSSL_HELP}`);
    }
    bytes = readFileSync(file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: ${describeFsError(err)}: ${WOLFSSL_HELP}`);
  }
  if (bytes.length > limit) throw new InputError(`${file}: is more than ${limit} bytes, more than pkilab reads as a config header: ${WOLFSSL_HELP}`);
  if (bytes.includes(0)) throw new InputError(`${file}: is a binary file and holds no #define lines: ${WOLFSSL_HELP}`);
  return bytes.toString("utf8");
}
