import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { describeFsError, InputError } from "../io/input-error.js";
import { PREPROCESSOR_LIMITS } from "../peers/parse/c-preprocessor.js";

/**
 * Reads one C config header (mbedTLS, wolfSSL) as text, at most PREPROCESSOR_LIMITS.maxSourceChars
 * bytes: a regular file is measured before it is read, a pipe or device (`<(gen-config)`,
 * /dev/zero) is read up to the limit. Every error is one InputError ending with `help`.
 */
export function readConfigText(file: string, help: string): string {
  const limit = PREPROCESSOR_LIMITS.maxSourceChars;
  const tooLong = (size: string): InputError =>
    new InputError(`${file}: is ${size} bytes, more than pkilab reads as a config header (PREPROCESSOR_LIMITS.maxSourceChars = ${limit}): ${help}`);
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
    throw new InputError(`${file}: ${describeFsError(err)}: ${help}`);
  }
  // A NUL byte is no header: checked here, on the bytes, so the file is named before the next is read.
  if (bytes.includes(0)) throw new InputError(`${file}: is a binary file and holds no #define lines: ${help}`);
  return bytes.toString("utf8");
}
