import { stat } from "node:fs/promises";
import path from "node:path";
import { MANIFEST_FILE, readManifest, type ManifestEntry } from "../pki/manifest.js";

/** How many folders up from a certificate to look for the lab's manifest.json (lab/clients/alice/cert.pem is 2). */
export const LAB_SEARCH_DEPTH = 6;

export interface LabOfFile {
  /** The lab folder, as the user would write it (relative to the working directory when inside it). */
  dir: string;
  /** The lab's trust anchor file (its root). */
  trustAnchor: string;
  /** The manifest entry whose cert, chain or fullchain file this is, if any. */
  entry?: ManifestEntry;
  /** That entry's chain file, when the file is the entry's bare certificate (cert.pem) and has one. */
  chain?: string;
}

/**
 * The pkilab lab a certificate file lives in: the nearest folder above it (at most LAB_SEARCH_DEPTH
 * levels) holding a pkilab manifest.json. A folder with a manifest.json that is not a pkilab
 * manifest is not a lab; the search stops there rather than guess higher up.
 */
export async function findLabOf(file: string): Promise<LabOfFile | undefined> {
  const absolute = path.resolve(file);
  let dir = path.dirname(absolute);
  for (let level = 0; level <= LAB_SEARCH_DEPTH; level++) {
    if (await isFile(path.join(dir, MANIFEST_FILE))) {
      let manifest;
      try {
        manifest = await readManifest(dir);
      } catch {
        return undefined;
      }
      const inLab = path.relative(dir, absolute).split(path.sep).join("/");
      const entry = manifest.certificates.find((e) => e.files.cert === inLab || e.files.fullchain === inLab || e.files.chain === inLab);
      const shown = (p: string) => {
        const relative = path.relative(process.cwd(), p);
        return relative === "" ? "." : relative.startsWith("..") ? p : relative;
      };
      return {
        dir: shown(dir),
        trustAnchor: shown(path.join(dir, manifest.trustAnchor)),
        entry,
        chain: entry && entry.files.cert === inLab && entry.files.chain ? shown(path.join(dir, entry.files.chain)) : undefined,
      };
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
