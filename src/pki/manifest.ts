import { readFile } from "node:fs/promises";
import path from "node:path";
import { describeFsError, InputError } from "../io/input-error.js";
import type { RevocationReason } from "./revocation-reasons.js";
import type { KeyType } from "./key-types.js";
import type { LeafRole } from "./lab-spec.js";

export const MANIFEST_FILE = "manifest.json";
export const SPEC_FILE = "lab.yaml";
export const TRUST_ANCHOR_FILE = "ca.pem";
/** Every CA's current CRL in one PEM file: what nginx's ssl_crl needs (README "Lab layout"). */
export const CRL_BUNDLE_FILE = "crl.pem";
/** Each CA's own CRL, in the CA's folder: root/crl.pem, intermediate-1/crl.pem. */
export const CA_CRL_FILE = "crl.pem";

export type CertRole = "root" | "intermediate" | LeafRole;

/** One certificate of the lab, as `pkilab init --json` prints it. Paths are relative to the lab. */
export interface ManifestEntry {
  /** Folder of the certificate inside the lab: "root", "intermediate-1", "servers/localhost". */
  id: string;
  role: CertRole;
  name: string;
  subject: string;
  issuer: string;
  key: KeyType;
  keyLabel: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  sha256: string;
  /** Subject key identifier (hex). */
  keyId: string;
  sans: string[];
  files: { cert: string; key: string; chain?: string; fullchain?: string };
}

export interface Manifest {
  tool: "pkilab";
  formatVersion: 1;
  /** Organization (O=) of every subject in the lab. */
  org: string;
  created: string;
  updated: string;
  trustAnchor: string;
  spec: string;
  /** id of the CA that signs leaves: the last intermediate, or the root. */
  issuingCa: string;
  certificates: ManifestEntry[];
  /** Certificates revoked with pkilab revoke (absent in labs made before revocation existed). */
  revocations?: Revocation[];
  /** The lab's CRLs, once pkilab crl or init --crl issued them (absent: the lab has no CRLs). */
  crl?: LabCrls;
}

/** One revoked certificate; it stays in `certificates` (its files are kept), listed on its CA's CRL. */
export interface Revocation {
  /** The revoked certificate's manifest id and serial (hex): a re-issued leaf of the same name has another serial. */
  id: string;
  serial: string;
  /** id of the CA that issued it, whose CRL lists it. */
  issuer: string;
  /** revocationDate, ISO 8601. */
  date: string;
  reason?: RevocationReason;
}

export interface LabCrls {
  /** nextUpdate = thisUpdate + days, for every CRL pkilab crl issues. */
  days: number;
  /** The bundle of every CA's CRL, relative to the lab. */
  bundle: string;
  /** One per CA, root first. */
  issued: IssuedCrl[];
}

export interface IssuedCrl {
  /** id of the CA that signed it. */
  ca: string;
  file: string;
  /** The cRLNumber of the current CRL; the next one gets a larger number. */
  number: number;
  thisUpdate: string;
  nextUpdate: string;
  revoked: number;
}

/** Reads DIR/manifest.json; anything else is an InputError saying DIR is not a lab. */
export async function readManifest(labDir: string): Promise<Manifest> {
  const file = path.join(labDir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new InputError(`${labDir}: not a pkilab lab (cannot read ${MANIFEST_FILE}: ${describeFsError(err)}): create one with pkilab init`);
  }
  let manifest: Partial<Manifest>;
  try {
    manifest = JSON.parse(text) as Partial<Manifest>;
  } catch {
    throw new InputError(`${file}: not valid JSON: restore it or re-create the lab with pkilab init --spec ${path.join(labDir, SPEC_FILE)}`);
  }
  if (manifest.tool !== "pkilab" || manifest.formatVersion !== 1 || !Array.isArray(manifest.certificates) || !manifest.certificates.every(isEntry) || !optionalArray(manifest.revocations) || !(manifest.crl === undefined || Array.isArray(manifest.crl?.issued))) {
    throw new InputError(`${file}: not a pkilab manifest (format 1): re-create the lab with pkilab init`);
  }
  return manifest as Manifest;
}

/** Fields added after format 1 was released are optional: a lab made before them stays readable. */
function optionalArray(value: unknown): boolean {
  return value === undefined || Array.isArray(value);
}

/** The fields commands rely on, present with the right types (a hand-edited manifest may lack them). */
function isEntry(entry: unknown): boolean {
  const e = entry as Partial<ManifestEntry> | null;
  const text = (v: unknown) => typeof v === "string" && v !== "";
  return typeof e === "object" && e !== null && text(e.id) && text(e.role) && text(e.name) && text(e.key) && text(e.notAfter) && text(e.files?.cert) && text(e.files?.key);
}

/** The lab's server leaf named `name` (its name or one of its SANs), or its first one. */
export function pickServer(manifest: Manifest, name: string | undefined, lab: string): ManifestEntry {
  const servers = manifest.certificates.filter((entry) => entry.role === "server");
  if (servers.length === 0) throw new InputError(`${lab}: the lab has no server leaf: add one with pkilab issue server NAME --lab ${lab}`);
  if (!name) return firstNotRevoked(manifest, servers, lab, "server");
  const server = servers.find((entry) => entry.name === name || entry.sans.includes(name));
  if (!server) throw new InputError(`--server ${name}: no server leaf with that name in ${lab}: the lab has ${servers.map((s) => s.name).join(", ")}`);
  return notRevoked(manifest, server, `--server ${name}`, lab);
}

/** The lab's device (or client) leaf named `name`, or its first device, else its first client; undefined when it has neither. */
export function pickDevice(manifest: Manifest, name: string | undefined, lab: string): ManifestEntry | undefined {
  const candidates = manifest.certificates.filter((entry) => entry.role === "device" || entry.role === "client");
  if (!name) {
    if (candidates.length === 0) return undefined;
    const devices = candidates.filter((entry) => entry.role === "device");
    return firstNotRevoked(manifest, devices.length > 0 ? devices : candidates, lab, devices.length > 0 ? "device" : "client");
  }
  const found = candidates.find((entry) => entry.name === name);
  if (!found) {
    throw new InputError(`--device ${name}: no device or client with that name in ${lab}: the lab has ${candidates.map((e) => e.name).join(", ") || "none"} (add one: pkilab issue device ${name} --lab ${lab})`);
  }
  return notRevoked(manifest, found, `--device ${name}`, lab);
}

/** The revocation of this very certificate (same id and serial: a re-issued leaf of the same name is another). */
export function revocationOf(manifest: Manifest, entry: ManifestEntry): Revocation | undefined {
  return manifest.revocations?.find((r) => r.id === entry.id && r.serial === entry.serial);
}

/**
 * An export never picks a revoked leaf by itself: the peer would refuse it (nginx with ssl_crl, a
 * device given the CRL). Named explicitly, it is an error rather than a silent bad export.
 */
function notRevoked(manifest: Manifest, entry: ManifestEntry, given: string, lab: string): ManifestEntry {
  const revoked = revocationOf(manifest, entry);
  if (!revoked) return entry;
  throw new InputError(`${given}: ${entry.id} was revoked on ${revoked.date}${revoked.reason ? ` (${revoked.reason})` : ""}: its peers refuse it; issue it again (pkilab issue ${entry.role} ${entry.name} --lab ${lab} --force) and export that`);
}

function firstNotRevoked(manifest: Manifest, entries: ManifestEntry[], lab: string, role: string): ManifestEntry {
  const usable = entries.find((entry) => !revocationOf(manifest, entry));
  if (usable) return usable;
  throw new InputError(`${lab}: every ${role} leaf is revoked (${entries.map((e) => e.name).join(", ")}): issue a new one (pkilab issue ${role} NAME --lab ${lab}) and export that`);
}

/** True if DIR holds a pkilab manifest: only such a directory may be replaced by init --force. */
export async function isLab(labDir: string): Promise<boolean> {
  try {
    await readManifest(labDir);
    return true;
  } catch {
    return false;
  }
}

export function renderManifest(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + "\n";
}
