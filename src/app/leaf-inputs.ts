import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describeFsError, InputError } from "../io/input-error.js";
import { IO_LIMITS, readBytes } from "../io/read.js";

/**
 * The most certificate files one call takes (from arguments, directories and --from lists
 * together): far above a fleet (10,000 devices), low enough that a wrong directory or a runaway
 * list ends with one line instead of hours of work.
 */
export const MAX_LEAF_FILES = 1_000_000;

/** The file names a directory argument contributes: what OpenSSL and pkilab write certificates as. */
const CERTIFICATE_EXTENSIONS = new Set([".pem", ".crt", ".cer", ".der"]);

/** How the command names the certificates it works on: arguments and an optional list (--from). */
export interface LeafSources {
  /** Files or directories, as given. */
  paths: string[];
  /** --from: a file of paths, one a line, or "-" for standard input. */
  from?: string;
}

/**
 * The certificate files to work on, in input order: each argument in turn (a directory gives its
 * certificate files, *.pem *.crt *.cer *.der, sorted by name, not recursing), then each line of
 * the --from list (blank lines skipped; a line is a file path, never a directory). A list of
 * 10,000 paths does not go through the command line (argument parsing costs per argument).
 */
export async function leafFiles(sources: LeafSources, readStdin: () => Promise<string> = readAllStdin): Promise<string[]> {
  const files: string[] = [];
  const add = (file: string) => {
    if (files.length >= MAX_LEAF_FILES) throw new InputError(`more than ${MAX_LEAF_FILES} certificate files (MAX_LEAF_FILES): split the list into several calls`);
    files.push(file);
  };
  for (const given of sources.paths) {
    if (isDirectory(given)) for (const name of certificateFilesIn(given)) add(path.join(given, name));
    else add(given);
  }
  if (sources.from !== undefined) {
    const text = sources.from === "-" ? await readStdin() : readListFile(sources.from);
    for (const line of text.split("\n")) {
      const file = line.replace(/\r$/, "");
      if (file.trim() === "") continue;
      add(file);
    }
  }
  if (files.length === 0) {
    throw new InputError(
      sources.from !== undefined
        ? `--from ${sources.from}: names no certificate file (one path a line)`
        : sources.paths.length > 0
          ? `${sources.paths.join(", ")}: holds no certificate file (*.pem, *.crt, *.cer, *.der)`
          : "no certificate given: name the files, a directory, or a list with --from FILE (- for standard input)",
    );
  }
  return files;
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    // A missing file is reported when it is read, with the role it has.
    return false;
  }
}

function certificateFilesIn(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new InputError(`${dir}: ${describeFsError(err)}`);
  }
  return entries
    .filter((entry) => !entry.isDirectory() && CERTIFICATE_EXTENSIONS.has(path.extname(entry.name).toLowerCase()))
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function readListFile(file: string): string {
  try {
    // Bounded as every file pkilab reads (IO_LIMITS.maxFileBytes): a list of a million paths fits.
    return Buffer.from(readBytes(file)).toString("utf8");
  } catch (err) {
    if (err instanceof InputError) throw new InputError(`--from ${err.message}`);
    throw new InputError(`--from ${file}: ${describeFsError(err)}`);
  }
}

/** Standard input, up to IO_LIMITS.maxFileBytes: an endless pipe ends with one line, not with all memory. */
async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > IO_LIMITS.maxFileBytes) throw new InputError(`--from -: more than ${IO_LIMITS.maxFileBytes} bytes on standard input (IO_LIMITS.maxFileBytes): split the list`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
