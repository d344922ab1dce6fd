import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { describeFsError, InputError } from "./input-error.js";

/** Private keys: owner read/write only. */
export const KEY_FILE_MODE = 0o600;
export const PUBLIC_FILE_MODE = 0o644;

export interface WriteOptions {
  mode?: number;
  /** Replace an existing file. Without it an existing file is an InputError. */
  overwrite?: boolean;
}

/**
 * Writes `data` to `file` atomically: a temporary file in the same directory,
 * created with the final mode (so a key is never readable by others, even briefly),
 * flushed, then renamed over the target. Readers see the old file or the new one, never half.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  const mode = options.mode ?? PUBLIC_FILE_MODE;
  if (!options.overwrite && (await exists(file))) {
    throw new InputError(`${file}: already exists: pass --force to replace it`);
  }
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, "wx", mode);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.chmod(temp, mode); // the umask may have narrowed or widened nothing, but be explicit
    await fs.rename(temp, file);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: cannot write: ${describeFsError(err)}`);
  }
}

export async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * A directory built under a temporary name beside its target and renamed into place at the end,
 * so an interrupted or failed run leaves no half-written result behind.
 */
export class StagedDirectory {
  private readonly onSignal = () => {
    void this.abort().finally(() => process.exit(130));
  };

  private constructor(
    readonly target: string,
    readonly staging: string,
  ) {}

  /**
   * @param canReplace decides whether an existing target may be replaced (asked only when
   *   `force` is set); a directory that is not ours must never be deleted.
   */
  static async create(
    target: string,
    force: boolean,
    canReplace: (target: string) => Promise<boolean>,
  ): Promise<StagedDirectory> {
    const absolute = path.resolve(target);
    if (await exists(absolute)) {
      const stat = await fs.lstat(absolute);
      const empty = stat.isDirectory() && (await fs.readdir(absolute)).length === 0;
      if (!empty) {
        if (!force) throw new InputError(`${target}: already exists: pass --force to replace it, or choose another directory`);
        if (!stat.isDirectory() || !(await canReplace(absolute))) {
          throw new InputError(`${target}: exists and is not a pkilab lab: refusing to replace it, even with --force`);
        }
      }
    }
    const parent = path.dirname(absolute);
    const staging = path.join(parent, `.${path.basename(absolute)}.pkilab-tmp-${randomBytes(6).toString("hex")}`);
    try {
      await fs.mkdir(parent, { recursive: true });
      await fs.mkdir(staging, { mode: 0o755 });
    } catch (err) {
      // mkdir -p over a regular file says EEXIST; what the user needs to hear is ENOTDIR's message.
      const code = (err as NodeJS.ErrnoException).code;
      const problem = code === "EEXIST" ? describeFsError({ code: "ENOTDIR" }) : describeFsError(err);
      throw new InputError(`${target}: cannot create the directory: ${problem}`);
    }
    const staged = new StagedDirectory(absolute, staging);
    process.once("SIGINT", staged.onSignal);
    process.once("SIGTERM", staged.onSignal);
    return staged;
  }

  /** Moves the staged directory into place, replacing (after the checks in create) any old one. */
  async commit(): Promise<void> {
    const old = `${this.staging}-old`;
    let movedOld = false;
    try {
      if (await exists(this.target)) {
        await fs.rename(this.target, old);
        movedOld = true;
      }
      await fs.rename(this.staging, this.target);
    } catch (err) {
      if (movedOld) await fs.rename(old, this.target).catch(() => undefined);
      await this.abort();
      throw new InputError(`${this.target}: cannot move the new lab into place: ${describeFsError(err)}`);
    }
    this.finish();
    if (movedOld) await fs.rm(old, { recursive: true, force: true });
  }

  async abort(): Promise<void> {
    this.finish();
    await fs.rm(this.staging, { recursive: true, force: true });
  }

  private finish(): void {
    process.off("SIGINT", this.onSignal);
    process.off("SIGTERM", this.onSignal);
  }
}
