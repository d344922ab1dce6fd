import { webcrypto } from "node:crypto";
import type { ContentInfo, EncryptedContentInfo, MacData, SafeBag } from "pkijs";
import { InputError } from "./input-error.js";
import { derCount, KdfBudget, LimitExceeded } from "./read.js";

export interface Pkcs12Contents {
  certificates: Uint8Array[];
  /** PKCS#8 DER (decrypted) */
  privateKeys: Uint8Array[];
}

type Pkijs = typeof import("pkijs");
type Asn1js = typeof import("asn1js");
interface Libraries {
  pkijs: Pkijs;
  asn1js: Asn1js;
}

const OID = {
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  keyBag: "1.2.840.113549.1.12.10.1.1",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  x509Certificate: "1.2.840.113549.1.9.22.1",
};

/** pbeWithSHAAnd...: the PKCS#12 v1 PBE schemes (RC2, RC4, 3DES) used by `openssl -legacy` and old Windows/Java exports. */
const LEGACY_PBE_PREFIX = "1.2.840.113549.1.12.1.";
const LEGACY_PBE_NAMES: Record<string, string> = {
  "1.2.840.113549.1.12.1.1": "RC4-128",
  "1.2.840.113549.1.12.1.2": "RC4-40",
  "1.2.840.113549.1.12.1.3": "3DES",
  "1.2.840.113549.1.12.1.4": "2-key 3DES",
  "1.2.840.113549.1.12.1.5": "RC2-128",
  "1.2.840.113549.1.12.1.6": "RC2-40",
};

let libraries: Promise<Libraries> | undefined;

/** pkijs and asn1js are loaded on first use only: most commands never read a PKCS#12 file. */
function loadLibraries(): Promise<Libraries> {
  libraries ??= Promise.all([import("pkijs"), import("asn1js")]).then(([pkijs, asn1js]) => {
    pkijs.setEngine("node", new pkijs.CryptoEngine({ name: "node", crypto: webcrypto }));
    return { pkijs, asn1js };
  });
  return libraries;
}

/** Decryption failed on the padding check: the password does not open this content. */
class WrongPassword extends Error {}

/** Decryption passed the padding check but gave garbage: a wrong password (1 in 256) or modified bytes. */
class Undecodable extends Error {}

// Two steps through a file: OpenSSL 3.0's `pkcs12 -export` reads its -in twice, so it cannot take a pipe.
const howToConvert = (file: string): string =>
  `convert it with: openssl pkcs12 -in ${file} -legacy -nodes -out plain.pem && ` +
  `openssl pkcs12 -export -in plain.pem -out new.p12 (add -nokeys if it holds no private key), then delete plain.pem`;

const messages = {
  damaged: (file: string) =>
    `${file}: not a PKCS#12 file, or it is damaged or truncated: check that this is the .p12/.pfx file you meant`,
  needsPassword: (file: string) =>
    `${file}: a password is needed to open this PKCS#12 file: pass it with --password or --password-file`,
  wrongPassword: (file: string) =>
    `${file}: wrong password for this PKCS#12 file: pass the right one with --password or --password-file`,
  wrongPasswordOrModified: (file: string) =>
    `${file}: wrong password for this PKCS#12 file, or the file was modified: ` +
    `pass the right password with --password or --password-file, or export the file again`,
  integrity: (file: string) =>
    `${file}: PKCS#12 integrity check failed (the password is right but the MAC does not match): ` +
    `the file is damaged or was modified: export it again`,
  legacy: (file: string, scheme: string) =>
    `${file}: this PKCS#12 file uses legacy PKCS#12 encryption (${scheme}), which pkilab cannot decrypt: ${howToConvert(file)}`,
  unsupported: (file: string, what: string) =>
    `${file}: this PKCS#12 file uses an unsupported ${what}: ${howToConvert(file)}`,
  /** IO_LIMITS: the count is refused before any work (KdfBudget). */
  tooCostly: (file: string) =>
    `if the file is trusted, export it again with a usual count (OpenSSL has no cap, so this takes as long as the count says): ` +
    `openssl pkcs12 -in ${file} -nodes -out plain.pem && openssl pkcs12 -export -in plain.pem -out new.p12, then delete plain.pem`,
  publicKeyMode: (file: string) =>
    `${file}: this PKCS#12 file is protected with certificates instead of a password, which pkilab does not support: ` +
    `export it again with a password`,
};

/**
 * Reads the certificates and private keys of a PKCS#12 (.p12/.pfx) file. Supports password
 * integrity (MAC) and PBES2 encryption, which is what OpenSSL 3 writes by default. Every failure
 * is an InputError naming `file`; every key derivation (the MAC's, each encrypted bag's) is checked
 * against IO_LIMITS before it runs.
 */
export async function readPkcs12(der: Uint8Array, file: string, password: string | undefined): Promise<Pkcs12Contents> {
  const libs = await loadLibraries();
  try {
    return await read(libs, der, file, password);
  } catch (err) {
    if (err instanceof InputError) throw err;
    // pkijs and asn1js report structure problems as terse internal errors: say it in the user's terms.
    throw new InputError(messages.damaged(file));
  }
}

async function read(libs: Libraries, der: Uint8Array, file: string, password: string | undefined): Promise<Pkcs12Contents> {
  const { pkijs, asn1js } = libs;
  const parsed = asn1js.fromBER(toArrayBuffer(der));
  if (parsed.offset === -1) throw new InputError(messages.damaged(file));
  const pfx = new pkijs.PFX({ schema: parsed.result });
  if (pfx.authSafe.contentType === pkijs.ContentInfo.SIGNED_DATA) throw new InputError(messages.publicKeyMode(file));
  if (pfx.authSafe.contentType !== pkijs.ContentInfo.DATA) throw new InputError(messages.damaged(file));
  const content: unknown = pfx.authSafe.content;
  if (!(content instanceof asn1js.OctetString)) throw new InputError(messages.damaged(file));
  const authSafeBytes = content.getValue();
  const authSafe = pkijs.AuthenticatedSafe.fromBER(authSafeBytes);
  const budget = new KdfBudget(file, messages.tooCostly(file));

  // No password given: try the empty one, which `openssl pkcs12 -export -passout pass:` uses.
  const passwordBytes = toArrayBuffer(new TextEncoder().encode(password ?? ""));
  let macOk = true;
  if (pfx.macData) {
    const iterations = macIterations(asn1js, parsed.result);
    budget.spend({ what: "the PKCS#12 MAC", unit: "MAC iterations", amount: iterations, limit: "maxPkcs12MacIterations", usual: "OpenSSL writes 2048" });
    macOk = await macMatches(pkijs, pfx.macData, iterations, authSafeBytes, passwordBytes, file);
  }
  if (!macOk && password === undefined) throw new InputError(messages.needsPassword(file));

  let result: Extracted;
  try {
    result = await extract(libs, authSafe.safeContents, passwordBytes, file, budget);
  } catch (err) {
    if (password === undefined && (err instanceof WrongPassword || err instanceof Undecodable)) {
      throw new InputError(messages.needsPassword(file));
    }
    if (err instanceof WrongPassword) throw new InputError(messages.wrongPassword(file));
    if (err instanceof Undecodable) throw new InputError(messages.wrongPasswordOrModified(file));
    // The MAC already says the password is wrong; that is the thing to fix first (a limit is refused whatever the password).
    if (!macOk && !(err instanceof LimitExceeded)) throw new InputError(messages.wrongPassword(file));
    throw err;
  }
  if (!macOk) {
    // The same password decrypted the contents, so the MAC failure means the bytes changed.
    throw new InputError(result.decrypted ? messages.integrity(file) : messages.wrongPasswordOrModified(file));
  }
  return result.contents;
}

/**
 * MacData.iterations (RFC 7292 section 4: INTEGER DEFAULT 1) read from its own bytes: pkijs keeps
 * asn1js' decimal value, which is 0 for a count of 4 bytes or more.
 */
function macIterations(asn1js: Asn1js, pfx: unknown): number {
  const macData = pfx instanceof asn1js.Sequence ? pfx.valueBlock.value[2] : undefined;
  const count = macData instanceof asn1js.Sequence ? macData.valueBlock.value[2] : undefined;
  return count instanceof asn1js.Integer ? derCount(count.valueBlock.valueHexView) : 1;
}

async function macMatches(pkijs: Pkijs, macData: MacData, iterations: number, authSafeBytes: ArrayBuffer, password: ArrayBuffer, file: string): Promise<boolean> {
  const engine = pkijs.getCrypto(true);
  let hashAlgorithm: string;
  try {
    hashAlgorithm = engine.getAlgorithmByOID<{ name: string }>(macData.mac.digestAlgorithm.algorithmId, true).name;
  } catch {
    throw new InputError(messages.unsupported(file, `MAC digest (OID ${macData.mac.digestAlgorithm.algorithmId})`));
  }
  try {
    return await engine.verifyDataStampedWithPassword({
      password,
      hashAlgorithm,
      salt: toArrayBuffer(macData.macSalt.valueBlock.valueHexView),
      iterationCount: iterations,
      contentToVerify: authSafeBytes,
      signatureToVerify: toArrayBuffer(macData.mac.digest.valueBlock.valueHexView),
    });
  } catch {
    throw new InputError(messages.unsupported(file, `MAC digest (${hashAlgorithm})`));
  }
}

interface Extracted {
  contents: Pkcs12Contents;
  /** Whether anything was password-encrypted (and decrypted fine). */
  decrypted: boolean;
}

async function extract(libs: Libraries, safeContents: ContentInfo[], password: ArrayBuffer, file: string, budget: KdfBudget): Promise<Extracted> {
  const { pkijs, asn1js } = libs;
  const contents: Pkcs12Contents = { certificates: [], privateKeys: [] };
  let decrypted = false;

  for (const contentInfo of safeContents) {
    let bags: SafeBag[];
    if (contentInfo.contentType === pkijs.ContentInfo.DATA) {
      const octets: unknown = contentInfo.content;
      if (!(octets instanceof asn1js.OctetString)) throw new InputError(messages.damaged(file));
      bags = pkijs.SafeContents.fromBER(octets.getValue()).safeBags;
    } else if (contentInfo.contentType === pkijs.ContentInfo.ENCRYPTED_DATA) {
      const encrypted = new pkijs.EncryptedData({ schema: contentInfo.content });
      const safeBytes = await decrypt(libs, encrypted.encryptedContentInfo, password, file, budget, "an encrypted part (EncryptedData) of this PKCS#12 file");
      decrypted = true;
      bags = parseDecrypted(() => pkijs.SafeContents.fromBER(safeBytes)).safeBags;
    } else if (contentInfo.contentType === pkijs.ContentInfo.ENVELOPED_DATA) {
      throw new InputError(messages.publicKeyMode(file));
    } else {
      throw new InputError(messages.damaged(file));
    }

    for (const bag of bags) {
      const value: unknown = bag.bagValue;
      if (bag.bagId === OID.certBag && value instanceof pkijs.CertBag) {
        // Keep the certificate's own bytes rather than a re-encoding of pkijs' parsed copy.
        if (value.certId === OID.x509Certificate && value.certValue instanceof asn1js.OctetString) {
          contents.certificates.push(new Uint8Array(value.certValue.valueBlock.valueHexView));
        }
      } else if (bag.bagId === OID.shroudedKeyBag && value instanceof pkijs.PKCS8ShroudedKeyBag) {
        // Decrypted here rather than by value.parseInternalValues(), which keeps only a parsed copy of the key.
        const info = new pkijs.EncryptedContentInfo({
          contentEncryptionAlgorithm: value.encryptionAlgorithm,
          encryptedContent: value.encryptedData,
        });
        const keyBytes = await decrypt(libs, info, password, file, budget, "a private key bag of this PKCS#12 file");
        decrypted = true;
        parseDecrypted(() => pkijs.PrivateKeyInfo.fromBER(keyBytes));
        contents.privateKeys.push(new Uint8Array(keyBytes));
      } else if (bag.bagId === OID.keyBag && value instanceof pkijs.PrivateKeyInfo) {
        // pkijs parses a KeyBag as a plain PrivateKeyInfo (KeyBag's base class).
        contents.privateKeys.push(new Uint8Array(value.toSchema().toBER(false)));
      }
      // CRL, secret and nested bags carry nothing pkilab uses.
    }
  }
  return { contents, decrypted };
}

/** Parses freshly decrypted bytes, whose garbage means a wrong password or modified ciphertext. */
function parseDecrypted<T>(parse: () => T): T {
  try {
    return parse();
  } catch {
    throw new Undecodable();
  }
}

async function decrypt(libs: Libraries, info: EncryptedContentInfo, password: ArrayBuffer, file: string, budget: KdfBudget, what: string): Promise<ArrayBuffer> {
  const { pkijs } = libs;
  const scheme = info.contentEncryptionAlgorithm.algorithmId;
  if (scheme.startsWith(LEGACY_PBE_PREFIX)) {
    // pkijs only implements PBES2, and Node's OpenSSL has no RC2 without the legacy provider.
    throw new InputError(messages.legacy(file, LEGACY_PBE_NAMES[scheme] ?? `OID ${scheme}`));
  }
  if (scheme !== OID.pbes2) throw new InputError(messages.unsupported(file, `encryption scheme (OID ${scheme})`));
  const iterations = pbkdf2Iterations(libs.asn1js, info.contentEncryptionAlgorithm.algorithmParams);
  if (iterations === undefined) throw new InputError(messages.unsupported(file, "PBES2 key derivation (pkilab reads PBKDF2)"));
  budget.spend({ what, unit: "PBKDF2 iterations", amount: iterations, limit: "maxPbkdf2Iterations", usual: "OpenSSL writes 2048" });
  try {
    return await new pkijs.EncryptedData({ encryptedContentInfo: info }).decrypt({ password });
  } catch (err) {
    // WebCrypto reports a bad CBC padding (the usual result of a wrong key) as OperationError.
    if (err instanceof Error && err.name === "OperationError") throw new WrongPassword();
    throw new InputError(messages.unsupported(file, "PBES2 cipher or key derivation"));
  }
}

/**
 * PBKDF2-params.iterationCount (RFC 8018 A.2) of PBES2 parameters, read from its own bytes (pkijs'
 * PBKDF2Params.iterationCount is 0 for a count of 4 bytes or more); undefined when the key
 * derivation is not PBKDF2 or the parameters are not shaped as RFC 8018 A.4 says.
 */
function pbkdf2Iterations(asn1js: Asn1js, pbes2Params: unknown): number | undefined {
  const sequence = (node: unknown) => (node instanceof asn1js.Sequence ? node.valueBlock.value : []);
  const [kdfOid, kdfParams] = sequence(sequence(pbes2Params)[0]);
  if (!(kdfOid instanceof asn1js.ObjectIdentifier) || kdfOid.valueBlock.toString() !== OID.pbkdf2) return undefined;
  const count = sequence(kdfParams)[1];
  return count instanceof asn1js.Integer ? derCount(count.valueBlock.valueHexView) : undefined;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}
