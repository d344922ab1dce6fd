/**
 * Bad usage or unreadable input: the user can fix it. Rendered as one line
 * (`file: problem: what to do`) with exit code 2 by src/cli/main.ts.
 */
export class InputError extends Error {
  /** oclif's --json path reads `exitCode` from the error. */
  readonly exitCode = 2;

  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
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
