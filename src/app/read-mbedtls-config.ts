import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { describeFsError, InputError } from "../io/input-error.js";
import { PREPROCESSOR_LIMITS } from "../peers/parse/c-preprocessor.js";
import { HELP, parseMbedtlsConfig, type MbedtlsCapabilities, type MbedtlsVersion } from "../peers/parse/mbedtls-config.js";

/**
 * Reads `files` (`--mbedtls-config`, in order: the main config header or a `cc -E -dM` dump, then
 * override files) and parses them as one configuration (src/peers/parse/mbedtls-config.ts). Every
 * file is read, and can fail, before any is parsed. No files: the stock configuration of `version`.
 */
export function readMbedtlsConfig(files: string[], options: { version?: MbedtlsVersion } = {}): MbedtlsCapabilities {
  return parseMbedtlsConfig(files.map((file) => ({ name: file, text: readConfigText(file) })), options);
}

/**
 * Reads one file as text, at most PREPROCESSOR_LIMITS.maxSourceChars bytes: a regular file is
 * measured before it is read, a pipe or device (`<(gen-config)`, /dev/zero) is read up to the limit.
 */
function readConfigText(file: string): string {
  const limit = PREPROCESSOR_LIMITS.maxSourceChars;
  const tooLong = (size: string): InputError =>
    new InputError(`${file}: is ${size} bytes, more than pkilab reads as a config header (PREPROCESSOR_LIMITS.maxSourceChars = ${limit}): ${HELP}`);
  let bytes: Buffer;
  try {
    const info = statSync(file);
    if (info.isFile()) {
      if (info.size > limit) throw tooLong(String(info.size));
      bytes = readFileSync(file);
    } else {
      if (info.isDirectory()) readFileSync(file); // throws EISDIR, worded below
      const fd = openSync(file, "r");
      try {
        bytes = Buffer.alloc(limit + 1);
        let total = 0;
        for (;;) {
          const n = readSync(fd, bytes, total, bytes.length - total, null);
          if (n === 0) break;
          total += n;
          if (total > limit) throw tooLong(`more than ${limit}`);
        }
        bytes = bytes.subarray(0, total);
      } finally {
        closeSync(fd);
      }
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: ${describeFsError(err)}: ${HELP}`);
  }
  // A NUL byte is no header: checked here, on the bytes, so the file is named before the next is read.
  if (bytes.includes(0)) throw new InputError(`${file}: is a binary file and holds no #define lines: ${HELP}`);
  return bytes.toString("utf8");
}
