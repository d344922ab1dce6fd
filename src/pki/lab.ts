import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { InputError } from "../io/input-error.js";
import { KEY_FILE_MODE, PUBLIC_FILE_MODE, StagedDirectory, writeFileAtomic } from "../io/write-atomic.js";
import { BACKDATE_MS, buildCertificate, describeName, selfIssuer, type BuiltCertificate, type IssuerRef, type NameParts } from "./certificate.js";
import { KEY_TYPE_INFO, type KeyType } from "./key-types.js";
import { generateKeyPair, privateKeyToPem, type KeyPair } from "./keys.js";
import { issueLabCrls } from "./lab-crl.js";
import { readIssuerKey, readLabFile } from "./lab-files.js";
import { leafId, readSpecFile, renderSpec, sansOf, type LabSpec, type LeafSpec } from "./lab-spec.js";
import {
  isLab,
  MANIFEST_FILE,
  readManifest,
  renderManifest,
  SPEC_FILE,
  TRUST_ANCHOR_FILE,
  type CertRole,
  type Manifest,
  type ManifestEntry,
} from "./manifest.js";
import { clientProfile } from "./profiles/client.js";
import { deviceProfile } from "./profiles/device.js";
import { intermediateProfile } from "./profiles/intermediate.js";
import type { CertProfile } from "./profiles/profile.js";
import { rootProfile } from "./profiles/root.js";
import { serverProfile } from "./profiles/server.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface LabOptions {
  force?: boolean;
  /** The lab's clock (tests pass a fixed one). */
  now?: Date;
  /** Told as keys are generated, when slow ones (RSA-3072/4096) are among them. */
  progress?: (progress: KeyProgress) => void;
  /** createLab: also issue every CA's (empty) CRL, valid this many days (init --crl). */
  crlDays?: number;
}

/** Key generation progress, as data: the command decides how to draw it. */
export interface KeyProgress {
  /** Keys generated so far: 0 when generation starts, then one report per finished key. */
  done: number;
  total: number;
  /** How many of them are slow, and the labels of those key types ("RSA 4096"). */
  slow: number;
  slowLabels: string[];
}

/**
 * Creates a lab: root -> intermediates -> leaves, in a staging folder beside `dir` that is renamed
 * into place only when everything has been written (an interrupted run leaves no half lab).
 */
export async function createLab(spec: LabSpec, dir: string, options: LabOptions = {}): Promise<Manifest> {
  const staged = await StagedDirectory.create(dir, options.force ?? false, isLab);
  try {
    const manifest = await buildLab(spec, staged.staging, options);
    await staged.commit();
    return manifest;
  } catch (err) {
    await staged.abort();
    throw err;
  }
}

async function buildLab(spec: LabSpec, root: string, options: LabOptions): Promise<Manifest> {
  const notBefore = new Date((options.now ?? new Date()).getTime() - BACKDATE_MS);
  const until = (days: number) => new Date(notBefore.getTime() + days * DAY_MS);

  // All keys at once: generation runs on the thread pool, so slow RSA keys overlap.
  const keyTypes: KeyType[] = [spec.root.key, ...spec.intermediates.map((ca) => ca.key), ...spec.leaves.map((leaf) => leaf.key)];
  const keys = await generateKeys(keyTypes, options.progress);
  // One pair per key type, in the same order: the root's, the intermediates', the leaves'. So the
  // root's pair exists and intermediateKeys[i], leafKeys[i] exist for every intermediate and leaf.
  const [rootKeys, ...rest] = keys as [KeyPair, ...KeyPair[]];
  const intermediateKeys = rest.slice(0, spec.intermediates.length);
  const leafKeys = rest.slice(spec.intermediates.length);

  const entries: ManifestEntry[] = [];
  const rootName: NameParts = { cn: spec.root.cn, org: spec.org };
  const rootCert = buildCertificate({
    subject: rootName,
    publicKey: rootKeys.publicKey,
    issuer: selfIssuer(rootName, rootKeys.privateKey, rootKeys.publicKey, spec.root.key),
    profile: rootProfile(),
    notBefore,
    notAfter: until(spec.root.days),
  });
  entries.push(writeCertFolder(path.join(root, "root"), { id: "root", role: "root", subject: rootName, issuer: rootName, keyType: spec.root.key, keys: rootKeys, cert: rootCert }));
  writeFileSync(path.join(root, TRUST_ANCHOR_FILE), rootCert.pem, { mode: PUBLIC_FILE_MODE });

  let issuer: IssuerRef = { name: rootName, privateKey: rootKeys.privateKey, keyType: spec.root.key, keyId: rootCert.keyId };
  let issuerId = "root";
  /** Every CA as a signer, by id: for the CRLs of init --crl. */
  const caIssuers = new Map<string, IssuerRef>([["root", issuer]]);
  /** PEMs of the intermediates, issuing CA first: the chain a leaf presents. */
  let chainPems: string[] = [];
  for (const [i, ca] of spec.intermediates.entries()) {
    const name: NameParts = { cn: ca.cn, org: spec.org };
    const caKeys = intermediateKeys[i]!;
    const cert = buildCertificate({
      subject: name,
      publicKey: caKeys.publicKey,
      issuer,
      profile: intermediateProfile(spec.intermediates.length - 1 - i),
      notBefore,
      notAfter: until(ca.days),
    });
    const id = `intermediate-${i + 1}`;
    entries.push(writeCertFolder(path.join(root, id), { id, role: "intermediate", subject: name, issuer: issuer.name, keyType: ca.key, keys: caKeys, cert }));
    issuer = { name, privateKey: caKeys.privateKey, keyType: ca.key, keyId: cert.keyId };
    issuerId = id;
    caIssuers.set(id, issuer);
    chainPems = [cert.pem, ...chainPems];
  }

  for (const [i, leaf] of spec.leaves.entries()) {
    const subject: NameParts = { cn: leaf.name, org: spec.org };
    const pair = leafKeys[i]!;
    const cert = buildCertificate({ subject, publicKey: pair.publicKey, issuer, profile: leafProfile(leaf), notBefore, notAfter: until(leaf.days) });
    const id = leafId(leaf);
    entries.push(writeCertFolder(path.join(root, id), { id, role: leaf.role, subject, issuer: issuer.name, keyType: leaf.key, keys: pair, cert, chainPems, sans: leaf.sans }));
  }

  const created = (options.now ?? new Date()).toISOString();
  let manifest: Manifest = {
    tool: "pkilab",
    formatVersion: 1,
    org: spec.org,
    created,
    updated: created,
    trustAnchor: TRUST_ANCHOR_FILE,
    spec: SPEC_FILE,
    issuingCa: issuerId,
    certificates: entries,
  };
  if (options.crlDays !== undefined) {
    const issued = issueLabCrls(manifest, caIssuers, options.crlDays, options.now ?? new Date());
    manifest = issued.manifest;
    // The staging folder is renamed into place at the end: these writes need no atomicity of their own.
    for (const crl of issued.files) writeFileSync(path.join(root, crl.file), crl.text, { mode: PUBLIC_FILE_MODE, flag: "wx" });
  }
  writeFileSync(path.join(root, SPEC_FILE), await renderSpec(spec), { mode: PUBLIC_FILE_MODE });
  writeFileSync(path.join(root, MANIFEST_FILE), renderManifest(manifest), { mode: PUBLIC_FILE_MODE });
  return manifest;
}

/**
 * Generates the keys in parallel (on the thread pool, so slow RSA keys overlap) and, when any is
 * slow, reports the start and each finished key.
 */
function generateKeys(types: KeyType[], progress: LabOptions["progress"]): Promise<KeyPair[]> {
  const slow = types.filter((type) => KEY_TYPE_INFO[type].slow);
  if (!progress || slow.length === 0) return Promise.all(types.map((type) => generateKeyPair(type)));
  const report: KeyProgress = { done: 0, total: types.length, slow: slow.length, slowLabels: [...new Set(slow.map((type) => KEY_TYPE_INFO[type].label))] };
  progress({ ...report });
  const counted = (keys: KeyPair) => {
    report.done++;
    progress({ ...report });
    return keys;
  };
  return Promise.all(types.map((type) => generateKeyPair(type).then(counted)));
}

export function leafProfile(leaf: LeafSpec): CertProfile {
  const sans = sansOf(leaf);
  switch (leaf.role) {
    case "server":
      return serverProfile(KEY_TYPE_INFO[leaf.key], sans);
    case "client":
      return clientProfile(sans);
    case "device":
      return deviceProfile(sans);
  }
}

/** One certificate ready to be written into the lab. */
interface IssuedItem {
  /** Folder inside the lab, and manifest id: "root", "intermediate-1", "servers/localhost". */
  id: string;
  role: CertRole;
  subject: NameParts;
  issuer: NameParts;
  keyType: KeyType;
  keys: KeyPair;
  cert: BuiltCertificate;
  /** Leaves: the intermediates, issuing CA first. */
  chainPems?: string[];
  sans?: string[];
}

/**
 * Writes cert.pem, key.pem (0600) and, for leaves, chain.pem and fullchain.pem into `folder`.
 * Synchronous on purpose: a lab is hundreds of small files, and an async write costs a thread-pool
 * round trip each (a 100-device lab spent ~380 ms idle waiting for them).
 */
function writeCertFolder(folder: string, item: IssuedItem): ManifestEntry {
  const { id, cert } = item;
  mkdirSync(folder, { recursive: true });
  const files: ManifestEntry["files"] = { cert: `${id}/cert.pem`, key: `${id}/key.pem` };
  writeFileSync(path.join(folder, "cert.pem"), cert.pem, { mode: PUBLIC_FILE_MODE, flag: "wx" });
  writeFileSync(path.join(folder, "key.pem"), privateKeyToPem(item.keys.privateKey), { mode: KEY_FILE_MODE, flag: "wx" });
  if (item.chainPems) {
    const chain = item.chainPems.join("");
    // chain.pem only when there is something in it: an empty PEM file is an error for
    // `openssl verify -untrusted` and for nginx.
    if (chain !== "") {
      writeFileSync(path.join(folder, "chain.pem"), chain, { mode: PUBLIC_FILE_MODE, flag: "wx" });
      files.chain = `${id}/chain.pem`;
    }
    writeFileSync(path.join(folder, "fullchain.pem"), cert.pem + chain, { mode: PUBLIC_FILE_MODE, flag: "wx" });
    files.fullchain = `${id}/fullchain.pem`;
  }
  return {
    id,
    role: item.role,
    name: item.subject.cn,
    subject: describeName(item.subject),
    issuer: describeName(item.issuer),
    key: item.keyType,
    keyLabel: KEY_TYPE_INFO[item.keyType].label,
    serial: cert.serial,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    sha256: cert.sha256,
    keyId: cert.keyId,
    sans: item.sans ?? [],
    files,
  };
}

/**
 * Adds one leaf to an existing lab, signed by its issuing CA; updates manifest.json and lab.yaml.
 * The leaf's folder is staged and renamed into place; an existing leaf is replaced only with force.
 */
export async function addLeaf(labDir: string, leaf: LeafSpec, options: LabOptions = {}): Promise<{ manifest: Manifest; entry: ManifestEntry }> {
  const manifest = await readManifest(labDir);
  // Read and check lab.yaml before anything is written: a broken spec must not leave a half-added leaf.
  const spec = await readSpecFile(path.join(labDir, SPEC_FILE));
  const id = leafId(leaf);
  const existing = manifest.certificates.find((entry) => entry.id === id);
  if (existing && !options.force) {
    throw new InputError(`${path.join(labDir, id)}: a ${leaf.role} named "${leaf.name}" already exists: pass --force to replace it`);
  }
  const issuerEntry = manifest.certificates.find((entry) => entry.id === manifest.issuingCa);
  if (!issuerEntry) throw new InputError(`${path.join(labDir, MANIFEST_FILE)}: issuing CA "${manifest.issuingCa}" is missing: re-create the lab`);

  const notBefore = new Date((options.now ?? new Date()).getTime() - BACKDATE_MS);
  const notAfter = new Date(notBefore.getTime() + leaf.days * DAY_MS);
  const issuerEnd = new Date(issuerEntry.notAfter);
  if (notAfter > issuerEnd) {
    const left = Math.floor((issuerEnd.getTime() - notBefore.getTime()) / DAY_MS);
    throw new InputError(`${leaf.role} "${leaf.name}": ${leaf.days} days would outlive the issuing CA (${left} days left): use --days ${Math.max(left, 1)} or less`);
  }
  const [issuerKeyPem, generated] = await Promise.all([readLabFile(labDir, issuerEntry.files.key), generateKeys([leaf.key], options.progress)]);
  const keys = generated[0]!; // one key type asked for, one pair back
  const issuer: IssuerRef = {
    name: { cn: issuerEntry.name, org: manifest.org },
    privateKey: readIssuerKey(issuerKeyPem, path.join(labDir, issuerEntry.files.key)),
    keyType: issuerEntry.key,
    keyId: issuerEntry.keyId,
  };
  const subject: NameParts = { cn: leaf.name, org: manifest.org };
  const cert = buildCertificate({ subject, publicKey: keys.publicKey, issuer, profile: leafProfile(leaf), notBefore, notAfter });
  const chainPems = await Promise.all(
    manifest.certificates
      .filter((entry) => entry.role === "intermediate")
      .reverse()
      .map((entry) => readLabFile(labDir, entry.files.cert)),
  );

  const staged = await StagedDirectory.create(path.join(labDir, id), true, async () => existing !== undefined);
  let entry: ManifestEntry;
  try {
    entry = writeCertFolder(staged.staging, { id, role: leaf.role, subject, issuer: issuer.name, keyType: leaf.key, keys, cert, chainPems, sans: leaf.sans });
    await staged.commit();
  } catch (err) {
    await staged.abort();
    throw err;
  }

  const updated: Manifest = {
    ...manifest,
    updated: (options.now ?? new Date()).toISOString(),
    certificates: [...manifest.certificates.filter((e) => e.id !== id), entry],
  };
  await writeFileAtomic(path.join(labDir, MANIFEST_FILE), renderManifest(updated), { overwrite: true });
  spec.leaves = [...(spec.leaves ?? []).filter((l) => leafId(l) !== id), leaf];
  await writeFileAtomic(path.join(labDir, SPEC_FILE), await renderSpec(spec), { overwrite: true });
  return { manifest: updated, entry };
}
