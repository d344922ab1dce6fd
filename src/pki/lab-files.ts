import type { KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describeFsError, InputError } from "../io/input-error.js";
import { privateKeyFromPem } from "./keys.js";

/** Reading a lab's own files: a failure means the lab is damaged, and the message says so. */

export function readIssuerKey(pem: string, file: string): KeyObject {
  try {
    return privateKeyFromPem(pem);
  } catch (err) {
    throw new InputError(`${file}: the issuing CA's key cannot be read (${err instanceof Error ? err.message.split("\n")[0] : String(err)}): the lab is damaged, re-create it with pkilab init`);
  }
}

export async function readLabFile(labDir: string, relative: string): Promise<string> {
  try {
    return await readFile(path.join(labDir, relative), "utf8");
  } catch (err) {
    throw new InputError(`${path.join(labDir, relative)}: cannot read: ${describeFsError(err)}: the lab is incomplete, re-create it with pkilab init`);
  }
}

