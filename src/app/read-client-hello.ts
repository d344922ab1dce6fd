import { statSync } from "node:fs";
import { describeFsError, InputError } from "../io/input-error.js";
import { readBytes } from "../io/read.js";
import { parseClientHello, type ClientHello } from "../peers/parse/client-hello.js";

// The command that decodes a hello names its type from here: commands make App calls, not parser calls.
export type { ClientHello };

/** Reads a file (or, if `arg` is not an existing file, treats the string itself as hex) and parses it. */
export function readClientHello(arg: string): ClientHello {
  try {
    statSync(arg);
  } catch (err) {
    // Not a file: the argument may be the hex itself.
    const digits = arg.replace(/0x|\\x/g, "").replace(/[\s:,-]/g, "");
    if (/^[0-9A-Fa-f]+$/.test(digits) && digits.length >= 8) {
      return parseClientHello(arg, `hex "${digits.length > 16 ? `${digits.slice(0, 16)}…` : digits}"`);
    }
    // Node's own words for a name it cannot even look up (a NUL byte in it, too long) repeat the
    // whole argument, which may be a pasted dump of many lines: say it in a few words instead.
    const code = (err as NodeJS.ErrnoException).code;
    const problem = code === "ENAMETOOLONG" || code?.startsWith("ERR_") ? "not a file name" : describeFsError(err);
    throw new InputError(
      `${argumentName(arg)}: ${problem}, and not hex either: give a file with the ClientHello (binary, hex, a hex dump or a log) or its hex bytes`,
    );
  }
  return parseClientHello(readBytes(arg), arg);
}

/** The argument as a message names it: itself when it is a short line, else quoted, escaped and cut (messages are one line). */
function argumentName(arg: string): string {
  if (arg.length <= 100 && !/[\u0000-\u001f\u007f]/.test(arg)) return arg;
  const quoted = JSON.stringify(arg);
  return `argument ${quoted.length > 40 ? `${quoted.slice(0, 39)}…"` : quoted}`;
}
