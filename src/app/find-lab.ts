import { stat } from "node:fs/promises";
import path from "node:path";
import { CRL_BUNDLE_FILE, MANIFEST_FILE, readManifest, type Manifest, type ManifestEntry } from "../pki/manifest.js";

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
  /** The lab's CRL bundle (crl.pem, what export --nginx puts in ssl_crl), when the lab has CRLs. */
  crl?: string;
}

/**
 * The pkilab lab a certificate file lives in: the nearest folder above it (at most LAB_SEARCH_DEPTH
 * levels) holding a pkilab manifest.json. A folder with a manifest.json that is not a pkilab
 * manifest is not a lab; the search stops there rather than guess higher up.
 */
export async function findLabOf(file: string): Promise<LabOfFile | undefined> {
  return labFinder()(file);
}

/**
 * findLabOf for many files (verify of a fleet): each folder is looked at and each manifest read
 * once, however many certificates share them.
 */
export function labFinder(): (file: string) => Promise<LabOfFile | undefined> {
  const labOfDir = new Map<string, Promise<{ dir: string; manifest: Manifest } | undefined>>();
  const lookUp = (dir: string, level: number): Promise<{ dir: string; manifest: Manifest } | undefined> => {
    let found = labOfDir.get(dir);
    if (!found) {
      found = (async () => {
        if (await isFile(path.join(dir, MANIFEST_FILE))) return readManifest(dir).then((manifest) => ({ dir, manifest }), () => undefined);
        const parent = path.dirname(dir);
        return parent === dir || level >= LAB_SEARCH_DEPTH ? undefined : lookUp(parent, level + 1);
      })();
      labOfDir.set(dir, found);
    }
    return found;
  };
  return async (file) => {
    const absolute = path.resolve(file);
    const lab = await lookUp(path.dirname(absolute), 0);
    if (!lab) return undefined;
    const inLab = path.relative(lab.dir, absolute).split(path.sep).join("/");
    const entry = lab.manifest.certificates.find((e) => e.files.cert === inLab || e.files.fullchain === inLab || e.files.chain === inLab);
    return {
      dir: shown(lab.dir),
      trustAnchor: shown(path.join(lab.dir, lab.manifest.trustAnchor)),
      entry,
      chain: entry && entry.files.cert === inLab && entry.files.chain ? shown(path.join(lab.dir, entry.files.chain)) : undefined,
      crl: lab.manifest.crl ? shown(path.join(lab.dir, CRL_BUNDLE_FILE)) : undefined,
    };
  };
}

/** A path as the user would write it: relative to the working directory when inside it. */
function shown(p: string): string {
  const relative = path.relative(process.cwd(), p);
  return relative === "" ? "." : relative.startsWith("..") || path.isAbsolute(relative) ? p : relative;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
