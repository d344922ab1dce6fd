/**
 * Bad usage or unreadable input: the user can fix it. Rendered as one line
 * (`file: problem: what to do`) with exit code 2 by src/cli/main.ts.
 */
export class InputError extends Error {
  /** oclif's --json path reads `exitCode` from the error. */
  readonly exitCode = 2;

  constructor(message: string) {
    super(oneLine(message));
    this.name = "InputError";
  }
}

/**
 * Messages quote words taken from the input (a directive, a PEM label, a log line); a quoted word may
 * hold a newline or a terminal escape. The one-line contract is kept here, for every message, by
 * writing control characters as escapes (found by the fuzz harness: an nginx word with a
 * backslash-newline made a two-line error).
 */
function oneLine(message: string): string {
  return message.replace(/[\x00-\x1f\x7f]/g, (c) => (c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`));
}

/** Node's fs error codes, put into words a user can act on. */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "read-only file system";
    case "ENOTDIR":
      return "a parent of this path is a file, not a directory";
    case "EISDIR":
      return "this is a directory, not a file";
    case "ENOSPC":
      return "no space left on the device";
    case "EEXIST":
      return "already exists";
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
