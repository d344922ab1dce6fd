import { closeSync, fstatSync, lstatSync, openSync, opendirSync, readSync, statSync } from "node:fs";
import { globFiles as globIn, parseNginxTls, type ConfFileSystem, type NginxTlsSettings } from "../peers/parse/nginx-conf.js";

/**
 * Reads `mainFile` (the file nginx gets with -c) and its includes from the file system and returns
 * the TLS settings of one server (src/peers/parse/nginx-conf.ts parseNginxTls: which server, the
 * limits, the messages).
 */
export function readNginxTls(mainFile: string, options: { serverName?: string; prefix?: string } = {}): NginxTlsSettings {
  return parseNginxTls(mainFile, NODE_FILE_SYSTEM, options);
}

/** The files an absolute include pattern matches on this machine, as glob(3) lists them. */
export function globFiles(pattern: string, countEntries?: (count: number) => void): string[] {
  return globIn(pattern, NODE_FILE_SYSTEM, countEntries);
}

/** node:fs as the nginx.conf reader uses it. */
export const NODE_FILE_SYSTEM: ConfFileSystem = { readAtMost, listDirectory, isDirectory, exists };

function readAtMost(file: string, allowance: number): { bytes?: Buffer; identity: string } {
  const fd = openSync(file, "r");
  try {
    const stat = fstatSync(fd, { bigint: true });
    const identity = `${stat.dev}:${stat.ino}`;
    if (stat.size > BigInt(allowance)) return { identity };
    // A regular file is read into one buffer of its size (and a byte more, to see it end); a device
    // or pipe says size 0 and is read in chunks.
    const chunkSize = stat.size > 0n ? Number(stat.size) + 1 : 1 << 16;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(chunkSize, allowance - total + 1));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return { bytes: Buffer.concat(chunks, total), identity };
      total += n;
      if (total > allowance) return { identity };
      chunks.push(chunk.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}

function listDirectory(dir: string, countEntry: () => void): string[] {
  let handle;
  try {
    handle = opendirSync(dir);
  } catch {
    return []; // missing, not a directory or unreadable: glob(3) without GLOB_ERR finds nothing there
  }
  const names = [".", ".."];
  try {
    for (;;) {
      let entry;
      try {
        entry = handle.readSync();
      } catch {
        break;
      }
      if (entry === null) break;
      // Counted one by one, so a directory of millions of entries stops at the limit, not after it.
      countEntry();
      names.push(entry.name);
    }
  } finally {
    handle.closeSync();
  }
  return names;
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
