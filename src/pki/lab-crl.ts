import path from "node:path";
import { InputError } from "../io/input-error.js";
import { writeFileAtomic } from "../io/write-atomic.js";
import { BACKDATE_MS, type IssuerRef } from "./certificate.js";
import { buildCrl } from "./crl.js";
import type { RevocationReason } from "./revocation-reasons.js";
import { readIssuerKey, readLabFile } from "./lab-files.js";
import {
  CA_CRL_FILE,
  CRL_BUNDLE_FILE,
  MANIFEST_FILE,
  readManifest,
  renderManifest,
  type IssuedCrl,
  type Manifest,
  type ManifestEntry,
  type Revocation,
} from "./manifest.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * nextUpdate = thisUpdate + 30 days unless --days says otherwise: long enough that a monthly job
 * (or a forgotten week) does not take nginx down, short enough that a revocation is not hidden for
 * long by a cached CRL.
 */
export const DEFAULT_CRL_DAYS = 30;

/** A CRL file to write: path relative to the lab, and its PEM text. */
export interface CrlFile {
  file: string;
  text: string;
}

/** The lab's CAs, root first, each with the id of the CA that issued it (the root issues itself). */
export function labCas(manifest: Manifest): ManifestEntry[] {
  return manifest.certificates.filter((entry) => entry.role === "root" || entry.role === "intermediate");
}

/** id of the CA that issued `entry`: the one above it in the chain (createLab builds root -> intermediates -> leaves). */
export function issuerIdOf(manifest: Manifest, entry: ManifestEntry): string {
  if (entry.role === "root") return entry.id;
  if (entry.role !== "intermediate") return manifest.issuingCa;
  const cas = labCas(manifest);
  const above = cas[cas.findIndex((ca) => ca.id === entry.id) - 1];
  return above?.id ?? entry.id;
}

/**
 * Issues one CRL per CA, each listing the lab's revocations of certificates that CA issued, with a
 * cRLNumber one above that CA's previous one. Pure: returns the new manifest and the files to write.
 */
export function issueLabCrls(manifest: Manifest, issuers: Map<string, IssuerRef>, days: number, now: Date): { manifest: Manifest; files: CrlFile[] } {
  // Backdated like notBefore (src/pki/certificate.ts BACKDATE_MS): a peer whose clock lags a little
  // must not see a CRL from the future, nginx's "(11:CRL is not yet valid)" (seed 003).
  const thisUpdate = new Date(now.getTime() - BACKDATE_MS);
  const nextUpdate = new Date(thisUpdate.getTime() + days * DAY_MS);
  const revocations = manifest.revocations ?? [];
  const files: CrlFile[] = [];
  const issued: IssuedCrl[] = [];
  for (const ca of labCas(manifest)) {
    const issuer = issuers.get(ca.id);
    // The caller reads every CA's key; a missing one is a bug, not a user error.
    if (!issuer) throw new Error(`no key for CA ${ca.id}`);
    const number = (manifest.crl?.issued.find((crl) => crl.ca === ca.id)?.number ?? 0) + 1;
    const revoked = revocations.filter((r) => r.issuer === ca.id).map((r) => ({ serial: r.serial, revocationDate: new Date(r.date), reason: r.reason }));
    const crl = buildCrl({ issuer, number, thisUpdate, nextUpdate, revoked });
    const file = `${ca.id}/${CA_CRL_FILE}`;
    files.push({ file, text: crl.pem });
    issued.push({ ca: ca.id, file, number, thisUpdate: crl.thisUpdate.toISOString(), nextUpdate: crl.nextUpdate.toISOString(), revoked: revoked.length });
  }
  files.push({ file: CRL_BUNDLE_FILE, text: files.map((f) => f.text).join("") });
  return {
    manifest: { ...manifest, updated: now.toISOString(), crl: { days, bundle: CRL_BUNDLE_FILE, issued } },
    files,
  };
}

export interface CrlOptions {
  /** nextUpdate - thisUpdate in days; default: what the lab used last, else DEFAULT_CRL_DAYS. */
  days?: number;
  now?: Date;
}

/** `pkilab crl`: (re)issues every CA's CRL and the bundle. Returns the updated manifest. */
export async function reissueCrls(labDir: string, options: CrlOptions = {}): Promise<Manifest> {
  const manifest = await readManifest(labDir);
  return writeCrls(labDir, manifest, options);
}

export interface RevokeRequest {
  role: "server" | "client" | "device" | "intermediate";
  /** The certificate's name (CN) or its id in the lab ("clients/alice", "intermediate-1"). */
  name: string;
  reason?: RevocationReason;
  /** revocationDate; default now. */
  at?: Date;
}

/** `pkilab revoke`: records the revocation in the manifest and reissues the CRLs. */
export async function revokeInLab(labDir: string, request: RevokeRequest, options: CrlOptions = {}): Promise<{ manifest: Manifest; revocation: Revocation }> {
  const manifest = await readManifest(labDir);
  const candidates = manifest.certificates.filter((entry) => entry.role === request.role);
  const entry = candidates.find((e) => e.id === request.name || e.name === request.name);
  if (!entry) {
    const known = candidates.map((e) => (e.role === "intermediate" ? `${e.id} (${e.name})` : e.name)).join(", ");
    throw new InputError(`revoke ${request.role} ${request.name}: no ${request.role} with that name in ${labDir}: the lab has ${known || "none"}`);
  }
  const previous = (manifest.revocations ?? []).find((r) => r.serial === entry.serial);
  if (previous) {
    throw new InputError(`revoke ${request.role} ${request.name}: already revoked on ${previous.date} (serial ${entry.serial}): nothing to do`);
  }
  const now = options.now ?? new Date();
  const revocation: Revocation = {
    id: entry.id,
    serial: entry.serial,
    issuer: issuerIdOf(manifest, entry),
    date: (request.at ?? now).toISOString(),
    ...(request.reason ? { reason: request.reason } : {}),
  };
  const updated = await writeCrls(labDir, { ...manifest, revocations: [...(manifest.revocations ?? []), revocation] }, options);
  return { manifest: updated, revocation };
}

/**
 * Reads the CA keys, issues the CRLs, then writes the manifest before the CRL files: if a write
 * fails in between, the manifest already holds the new cRLNumbers, so the next run never reuses a
 * number that went into a file (RFC 5280 5.2.3 wants them to increase). Keys are only read.
 */
async function writeCrls(labDir: string, manifest: Manifest, options: CrlOptions): Promise<Manifest> {
  const issuers = new Map<string, IssuerRef>();
  for (const ca of labCas(manifest)) {
    const keyFile = path.join(labDir, ca.files.key);
    issuers.set(ca.id, {
      name: { cn: ca.name, org: manifest.org },
      privateKey: readIssuerKey(await readLabFile(labDir, ca.files.key), keyFile),
      keyType: ca.key,
      keyId: ca.keyId,
    });
  }
  const days = options.days ?? manifest.crl?.days ?? DEFAULT_CRL_DAYS;
  const result = issueLabCrls(manifest, issuers, days, options.now ?? new Date());
  await writeFileAtomic(path.join(labDir, MANIFEST_FILE), renderManifest(result.manifest), { overwrite: true });
  for (const crl of result.files) await writeFileAtomic(path.join(labDir, crl.file), crl.text, { overwrite: true });
  return result.manifest;
}

/** The CRL whose nextUpdate comes first: after it, nginx (CRL_CHECK_ALL) rejects every client. */
export function earliestNextUpdate(manifest: Manifest): Date | undefined {
  const dates = (manifest.crl?.issued ?? []).map((crl) => new Date(crl.nextUpdate));
  return dates.length ? new Date(Math.min(...dates.map((d) => d.getTime()))) : undefined;
}
