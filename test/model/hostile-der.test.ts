// Hostile DER (issue 11, classes 1, 2 and 7): certificates, CSRs, CRLs and public keys made by
// editing one valid encoding at one place. Every one must end in the reader's own DerError (the
// model) and the io layer's one-line InputError, never a TypeError or RangeError, and within a small
// time and memory budget. Each malformed certificate is also given to the real `openssl x509`: it
// refuses to load most of them too. The others hold the damage in a part OpenSSL decodes only when
// it uses it (the public key, the signature's parameters, an extension's value), so it loads them;
// pkilab reads those parts up front and refuses them. The test pins which are which.
import assert from "node:assert/strict";
import { generateKeyPairSync, sign } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { children, content, DER_LIMITS, DerError, raw, readWhole, type DerNode } from "../../src/asn1/der-reader.js";
import * as der from "../../src/asn1/der-writer.js";
import { InputError } from "../../src/io/input-error.js";
import { readBytes, readCertificateFile, readMaterial } from "../../src/io/read.js";
import { CertificateParseError, parseCertificate } from "../../src/model/certificate.js";
import { parseCrl } from "../../src/model/crl.js";
import { parseCsr } from "../../src/model/csr.js";
import { EXT } from "../../src/model/oids.js";
import { toPem } from "../../src/model/pem.js";
import { parsePublicKeyInfo } from "../../src/model/public-key.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { forge } from "../helpers/forge.js";
import { requireProgram, run } from "../helpers/peers.js";

const dir = tempDir("hostile-der");
after(() => rmSync(dir, { recursive: true, force: true }));
const validity = { notBefore: "2025-01-01T00:00:00Z", notAfter: "2035-01-01T00:00:00Z" };
const OID_CN = "2.5.4.3";
const OID_EXTENSION_REQUEST = "1.2.840.113549.1.9.14";
const OID_ECDSA_SHA256 = "1.2.840.10045.4.3.2";

// ---- Editing a valid encoding ----------------------------------------------------------------

/**
 * `bytes` with the node at `at` (child indexes from the top value) rewritten by `change`, and every
 * enclosing length re-encoded. `change` gets the buffer and the node and returns its new encoding
 * (empty: the node is removed).
 */
function rewrite(bytes: Uint8Array, at: number[], change: (buf: Uint8Array, node: DerNode) => Uint8Array): Uint8Array {
  const walk = (node: DerNode, rest: number[]): Uint8Array => {
    const [index, ...deeper] = rest;
    if (index === undefined) return change(bytes, node);
    const kids = children(bytes, node);
    assert.ok(index < kids.length, `no child ${index} to edit`);
    return der.tlv(node.tag, der.concat(kids.map((kid, i) => (i === index ? walk(kid, deeper) : raw(bytes, kid)))));
  };
  return walk(readWhole(bytes), at);
}

const replace = (bytes: Uint8Array, at: number[], replacement: Uint8Array) => rewrite(bytes, at, () => replacement);
const append = (bytes: Uint8Array, at: number[], child: Uint8Array) => rewrite(bytes, at, (buf, node) => der.tlv(node.tag, der.concat([content(buf, node), child])));
const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ""), "hex"));

/** `unit` repeated `count` times, filled by doubling (der.sequence(...parts) would spread 140,000 arguments). */
function repeat(unit: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array(unit.length * count);
  out.set(unit, 0);
  for (let filled = unit.length; filled < out.length; filled *= 2) out.copyWithin(filled, 0, Math.min(filled, out.length - filled));
  return out;
}

// ---- Budget -------------------------------------------------------------------------------------

const BUDGET_MS = 2_000;
const BUDGET_MB = 200;

/** Runs `fn`, asserting it took under BUDGET_MS and raised this process's peak RSS by under BUDGET_MB. */
function withinBudget<T>(what: string, fn: () => T): T {
  const peakBefore = process.resourceUsage().maxRSS;
  const start = performance.now();
  const result = fn();
  const ms = performance.now() - start;
  const grownMb = (process.resourceUsage().maxRSS - peakBefore) / 1024;
  assert.ok(ms < BUDGET_MS, `${what}: took ${ms.toFixed(0)} ms (budget ${BUDGET_MS} ms)`);
  assert.ok(grownMb < BUDGET_MB, `${what}: peak memory grew by ${grownMb.toFixed(0)} MB (budget ${BUDGET_MB} MB)`);
  return result;
}

/** `fn` throws one of `types` (and nothing else: no TypeError, RangeError) with a message matching `message`. */
function assertRefused(what: string, fn: () => unknown, types: (new (...args: never[]) => Error)[], message: RegExp): Error {
  let thrown: unknown;
  withinBudget(what, () => {
    try {
      fn();
    } catch (err) {
      thrown = err;
    }
  });
  assert.ok(thrown !== undefined, `${what}: was accepted`);
  assert.ok(
    types.some((type) => thrown instanceof type),
    `${what}: threw ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}, not ${types.map((t) => t.name).join(" or ")}`,
  );
  const error = thrown as Error;
  assert.match(error.message, message, what);
  assert.doesNotMatch(error.message, /\n/, `${what}: the message is one line`);
  return error;
}

// ---- Valid inputs -------------------------------------------------------------------------------

// Certificate paths: [0] tbsCertificate, [1] signatureAlgorithm, [2] signature. In tbsCertificate:
// [0] version [0], [1] serial, [2] signature, [3] issuer, [4] validity, [5] subject, [6] SPKI, [7] [3].
const TBS = 0;
const VERSION = [TBS, 0];
const SERIAL = [TBS, 1];
const VALIDITY = [TBS, 4];
const SUBJECT = [TBS, 5];
const SPKI = [TBS, 6];
const EXTENSIONS_TAG = [TBS, 7];
const EXTENSION_LIST = [TBS, 7, 0];

const leaf = forge({
  subject: { cn: "leaf", o: "pkilab lab" },
  key: "p256",
  ...validity,
  basicConstraints: { ca: false },
  keyUsage: ["digitalSignature"],
  subjectAltNames: [{ dns: "leaf.example" }],
});
const rsaPss = forge({ subject: { cn: "pss" }, key: "rsa2048", pss: true, ...validity, basicConstraints: { ca: true } });
const ca = forge({ subject: { cn: "ca" }, key: "p256", ...validity, basicConstraints: { ca: true } });

/** Index in the extension list of the extension with this OID in a forged certificate. */
function extensionIndex(cert: Uint8Array, oid: string): number {
  const list = children(cert, readWhole(cert));
  const tbs = children(cert, list[0]);
  const extensions = children(cert, children(cert, tbs[7])[0]);
  const index = extensions.findIndex((ext) => Buffer.from(raw(cert, children(cert, ext)[0]!)).equals(Buffer.from(der.oid(oid))));
  assert.ok(index >= 0, `no extension ${oid}`);
  return index;
}

const signer = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const ecdsa = der.sequence(der.oid(OID_ECDSA_SHA256));
const spki = new Uint8Array(signer.publicKey.export({ type: "spki", format: "der" }));
const cnName = (cn: string) => der.sequence(der.set(der.sequence(der.oid(OID_CN), der.utf8String(cn))));
/** A Name of one OU attribute whose whole encoding is `size` bytes (at least 65,561: each of its 5 headers is then 5 bytes). */
function nameOfSize(size: number): Uint8Array {
  const name = der.sequence(der.set(der.sequence(der.oid("2.5.4.11"), der.utf8String("a".repeat(size - 25)))));
  assert.equal(name.length, size);
  return name;
}
const signed = (tbs: Uint8Array) => der.sequence(tbs, ecdsa, der.bitString(sign("sha256", tbs, signer.privateKey)));

/** A PKCS#10 request (RFC 2986) for CN=device with a subjectAltName in its extensionRequest. */
function makeCsr(sanList: Uint8Array): Uint8Array {
  const san = der.sequence(der.oid(EXT.subjectAltName), der.octetString(sanList));
  const extensionRequest = der.sequence(der.oid(OID_EXTENSION_REQUEST), der.set(der.sequence(san)));
  return signed(der.sequence(der.smallInteger(0), cnName("device"), spki, der.tlv(0xa0, extensionRequest)));
}
const csr = makeCsr(der.sequence(der.implicitPrimitive(2, new TextEncoder().encode("device.example"))));
// CSR paths: [0] info; in it [0] version, [1] subject, [2] SPKI, [3] attributes [0];
// [0,3,0] the extensionRequest attribute, [0,3,0,1,0] its Extensions, [0,3,0,1,0,0] the SAN extension.
const CSR_SAN_EXTENSION = [0, 3, 0, 1, 0, 0];

/** A v2 CRL (RFC 5280 5.1) with `revoked` entries. */
function makeCrl(revoked: number): Uint8Array {
  const entry = (serial: number) => der.sequence(der.smallInteger(serial), der.time(new Date("2025-06-01T00:00:00Z")));
  const list = der.tlv(0x30, der.concat(Array.from({ length: revoked }, (_, i) => entry(i + 1))));
  return signed(der.sequence(der.smallInteger(1), ecdsa, cnName("ca"), der.time(new Date("2025-06-01T00:00:00Z")), der.time(new Date("2025-07-01T00:00:00Z")), list));
}
const crl = makeCrl(2);
// CRL paths: [0] tbsCertList; in it [0] version, [1] signature, [2] issuer, [3] thisUpdate, [4] nextUpdate, [5] revoked.

/** Writes `bytes` under the test folder as DER, or as PEM with `label`. */
function write(name: string, bytes: Uint8Array, label?: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, label ? toPem(label, bytes) : bytes);
  return file;
}

/** What `openssl x509` makes of a DER certificate: true if it loads it. */
function opensslLoadsCertificate(file: string): boolean {
  requireProgram("openssl");
  return run("openssl", ["x509", "-inform", "DER", "-in", file, "-noout"]).code === 0;
}

describe("hostile DER: the valid inputs the cases are edited from", () => {
  it("parse, and OpenSSL reads them too", () => {
    assert.equal(leaf.facts.subjectAltNames?.[0]?.value, "leaf.example");
    assert.equal(parseCertificate(rsaPss.der, "pss").signatureAlgorithm.hash, "sha256");
    assert.deepEqual(parseCsr(csr).subjectAltNames, [{ type: "dns", value: "device.example" }]);
    assert.equal(parseCrl(crl).revokedCount, 2);
    requireProgram("openssl");
    for (const [name, bytes] of [["leaf.der", leaf.der], ["pss.der", rsaPss.der]] as const) assert.ok(opensslLoadsCertificate(write(name, bytes)), name);
    assert.equal(run("openssl", ["req", "-inform", "DER", "-in", write("valid.csr", csr), "-noout", "-verify"]).code, 0, "openssl req -verify");
    assert.equal(run("openssl", ["crl", "-inform", "DER", "-in", write("valid.crl", crl), "-noout"]).code, 0, "openssl crl");
  });
});

// ---- Certificates ---------------------------------------------------------------------------------

interface CertificateCase {
  name: string;
  der: Uint8Array;
  /** What the DerError says (it is in the InputError too). */
  message: RegExp;
  /** What `openssl x509 -noout` does with it: "loads" when the damage is in a part OpenSSL decodes on use only. */
  openssl: "refuses" | "loads";
  /** The DER_LIMITS entry a well-formed but too big input is past. */
  limit?: keyof typeof DER_LIMITS;
}

const extnIdOf = (index: number) => [...EXTENSION_LIST, index, 0];
const basicConstraints = extensionIndex(leaf.der, EXT.basicConstraints);
const cnValue = [...SUBJECT, 1, 0, 1]; // subject: O first, then CN; [1] RDN, [0] attribute, [1] value

const certificateCases: CertificateCase[] = [
  // Class 1: a value a structure requires is absent.
  { name: "empty [3] extensions", der: replace(leaf.der, EXTENSIONS_TAG, hex("a3 00")), message: /extensions \[3\]: missing extensions/, openssl: "refuses" },
  { name: "empty extension", der: replace(leaf.der, [...EXTENSION_LIST, 0], hex("30 00")), message: /extension: missing extnID/, openssl: "refuses" },
  { name: "extension with only its extnID", der: replace(leaf.der, [...EXTENSION_LIST, 0], der.sequence(der.oid(EXT.basicConstraints))), message: /extension: missing extnValue/, openssl: "refuses" },
  { name: "empty [0] version", der: replace(leaf.der, VERSION, hex("a0 00")), message: /version \[0\]: missing version/, openssl: "refuses" },
  { name: "empty signatureAlgorithm", der: replace(leaf.der, [1], hex("30 00")), message: /signatureAlgorithm: missing algorithm/, openssl: "refuses" },
  { name: "empty SPKI", der: replace(leaf.der, SPKI, hex("30 00")), message: /subjectPublicKeyInfo: missing algorithm/, openssl: "refuses" },
  { name: "empty SPKI algorithm", der: replace(leaf.der, [...SPKI, 0], hex("30 00")), message: /subjectPublicKeyInfo algorithm: missing algorithm/, openssl: "refuses" },
  { name: "empty RSAPublicKey", der: replace(rsaPss.der, [...SPKI, 1], der.bitString(hex("30 00"))), message: /RSAPublicKey: missing modulus/, openssl: "loads" },
  { name: "RSA-PSS: empty hashAlgorithm [0]", der: replace(rsaPss.der, [1, 1, 0], hex("a0 00")), message: /hashAlgorithm \[0\]: missing hashAlgorithm/, openssl: "loads" },
  { name: "RSA-PSS: empty hash AlgorithmIdentifier", der: replace(rsaPss.der, [1, 1, 0], hex("a0 02 30 00")), message: /RSASSA-PSS-params hashAlgorithm: missing algorithm/, openssl: "loads" },
  { name: "RSA-PSS: empty saltLength [2]", der: replace(rsaPss.der, [1, 1, 2], hex("a2 00")), message: /saltLength \[2\]: missing saltLength/, openssl: "loads" },
  {
    name: "tbsCertificate cut after its validity",
    der: rewrite(leaf.der, [TBS], (buf, node) => der.tlv(node.tag, der.concat(children(buf, node).slice(0, 5).map((kid) => raw(buf, kid))))),
    message: /tbsCertificate: missing subject/,
    openssl: "refuses",
  },
  { name: "empty validity", der: replace(leaf.der, VALIDITY, hex("30 00")), message: /validity: missing notBefore/, openssl: "refuses" },
  { name: "empty subject attribute", der: replace(leaf.der, [...SUBJECT, 0, 0], hex("30 00")), message: /subject: attribute: missing type/, openssl: "refuses" },
  { name: "empty serialNumber", der: replace(leaf.der, SERIAL, hex("02 00")), message: /serialNumber: empty integer/, openssl: "refuses" },
  { name: "empty critical BOOLEAN", der: replace(leaf.der, [...EXTENSION_LIST, basicConstraints, 1], hex("01 00")), message: /critical: a BOOLEAN has 0 octets/, openssl: "refuses" },
  { name: "signature with 8 unused bits", der: replace(leaf.der, [2], hex("03 02 08 00")), message: /signature: 8 unused bits/, openssl: "refuses" },
  // An OID must have one encoding: 55 1d 80 13 would otherwise read as basicConstraints.
  { name: "extnID with a leading 0x80", der: replace(leaf.der, extnIdOf(basicConstraints), hex("06 04 55 1d 80 13")), message: /extnID: a sub-identifier has a leading 0x80/, openssl: "refuses" },
  { name: "extnID cut short", der: replace(leaf.der, extnIdOf(basicConstraints), hex("06 02 55 9d")), message: /extnID: the last sub-identifier is cut short/, openssl: "refuses" },
  // Class 2: strings that hold no Unicode text.
  { name: "UniversalString past U+10FFFF", der: replace(leaf.der, cnValue, hex("1c 04 00 11 00 00")), message: /subject: CN: a UniversalString holds U\+110000/, openssl: "refuses" },
  { name: "UniversalString with a surrogate", der: replace(leaf.der, cnValue, hex("1c 04 00 00 d8 00")), message: /UniversalString holds U\+D800/, openssl: "refuses" },
  { name: "UniversalString of 3 octets", der: replace(leaf.der, cnValue, hex("1c 03 00 00 41")), message: /UniversalString of 3 octets/, openssl: "refuses" },
  { name: "BMPString with a surrogate", der: replace(leaf.der, cnValue, hex("1e 02 dc 00")), message: /BMPString holds U\+DC00/, openssl: "refuses" },
  { name: "BMPString of 3 octets", der: replace(leaf.der, cnValue, hex("1e 03 00 41 00")), message: /BMPString of 3 octets/, openssl: "refuses" },
  { name: "UTF8String that is not UTF-8", der: replace(leaf.der, cnValue, hex("0c 02 c3 28")), message: /subject: CN: a UTF8String that is not valid UTF-8/, openssl: "refuses" },
  // Class 7: a list longer than any certificate has; a spread of it overflowed the stack.
  {
    name: "140,000 name-constraint subtrees",
    der: append(ca.der, EXTENSION_LIST, der.sequence(der.oid(EXT.nameConstraints), der.octetString(der.sequence(der.tlv(0xa0, repeat(hex("30 02 82 00"), 140_000)))))),
    message: /nameConstraints subtrees: more than 10000 values in one list \(DER_LIMITS\.maxChildren\)/,
    openssl: "loads",
    limit: "maxChildren",
  },
  // OpenSSL's X509_NAME_MAX: one byte more than it reads.
  { name: "subject one byte longer than DER_LIMITS.maxNameBytes", der: replace(leaf.der, SUBJECT, nameOfSize(DER_LIMITS.maxNameBytes + 1)), message: /subject: 1048577 bytes, longer than 1048576 \(DER_LIMITS\.maxNameBytes, as OpenSSL\)/, openssl: "refuses", limit: "maxNameBytes" },
  {
    name: "an empty directoryName in subjectAltName",
    der: append(ca.der, EXTENSION_LIST, der.sequence(der.oid(EXT.subjectAltName), der.octetString(der.sequence(hex("a4 00"))))),
    message: /directoryName \[4\]: missing Name/,
    openssl: "loads",
  },
];

describe("hostile DER: certificates", () => {
  for (const c of certificateCases) {
    it(`${c.name}: DerError from the model, one-line InputError from the file (openssl x509 ${c.openssl} it)`, async () => {
      const error = assertRefused(c.name, () => parseCertificate(c.der, c.name), [CertificateParseError], c.message) as CertificateParseError;
      // Only an input past a limit says so (the io layer can then say "too big", not "corrupted").
      assert.equal(error.limit, c.limit);
      for (const [form, file] of [
        ["DER", write(`${c.name}.der`, c.der)],
        ["PEM", write(`${c.name}.pem`, c.der, "CERTIFICATE")],
      ] as const) {
        const start = performance.now();
        await assert.rejects(readCertificateFile(file), (err: unknown) => {
          assert.ok(err instanceof InputError, `${form}: ${String(err)}`);
          assert.ok(err.message.startsWith(`${file}: certificate 1 is not a valid certificate (`), err.message);
          assert.match(err.message, c.message);
          assert.doesNotMatch(err.message, /\n/);
          return true;
        });
        assert.ok(performance.now() - start < BUDGET_MS, `${form}: within ${BUDGET_MS} ms`);
      }
      assert.equal(opensslLoadsCertificate(path.join(dir, `${c.name}.der`)), c.openssl === "loads", `openssl x509 ${c.openssl === "loads" ? "refuses" : "loads"} it`);
    });
  }

  it(`exactly DER_LIMITS.maxChildren (${DER_LIMITS.maxChildren}) name-constraint subtrees still parse`, () => {
    const nameConstraints = der.sequence(der.tlv(0xa1, repeat(der.sequence(der.implicitPrimitive(2, new TextEncoder().encode("x"))), DER_LIMITS.maxChildren)));
    const cert = append(ca.der, EXTENSION_LIST, der.sequence(der.oid(EXT.nameConstraints), der.octetString(nameConstraints)));
    const facts = withinBudget("maxChildren subtrees", () => parseCertificate(cert, "at-limit"));
    assert.equal(facts.nameConstraints?.excluded.length, DER_LIMITS.maxChildren);
    assert.equal(facts.nameConstraints?.excluded[DER_LIMITS.maxChildren - 1]?.base.value, "x");
  });

  it(`a subject of exactly DER_LIMITS.maxNameBytes (${DER_LIMITS.maxNameBytes}) bytes parses, as OpenSSL loads it`, () => {
    const cert = replace(leaf.der, SUBJECT, nameOfSize(DER_LIMITS.maxNameBytes));
    const facts = withinBudget("maxNameBytes subject", () => parseCertificate(cert, "at-limit"));
    assert.equal(facts.subject.der.length, DER_LIMITS.maxNameBytes);
    assert.ok(opensslLoadsCertificate(write("name at the limit.der", cert)), "openssl x509 refuses it");
  });

  it("an OID arc past 2^53 is read exactly", () => {
    // 2.25.<UUID>-style arcs (X.667) are 128 bits; a Number would round them.
    const arc = (1n << 64n) + 1n;
    const oid = `2.25.${arc}`;
    // Encoded here: der-writer's oid() takes arcs as Numbers. 2.25 packs into 2 * 40 + 25 = 0x69.
    const base128: number[] = [];
    for (let n = arc; n > 0n; n >>= 7n) base128.unshift(Number(n & 0x7fn) | (base128.length ? 0x80 : 0));
    const encoded = der.tlv(0x06, Uint8Array.from([0x69, ...base128]));
    const cert = append(ca.der, EXTENSION_LIST, der.sequence(encoded, der.octetString(hex("05 00"))));
    const facts = parseCertificate(cert, "big-arc");
    assert.ok(facts.extensions.some((ext) => ext.oid === oid), facts.extensions.map((ext) => ext.oid).join(" "));
  });

  it("as many duplicate extensions as DER_LIMITS.maxChildren allows: each repeat is listed, within budget", () => {
    const copies = DER_LIMITS.maxChildren - 10; // the CA has a few extensions of its own
    const copy = der.sequence(der.oid("1.2.3.4"), der.octetString(hex("05 00")));
    const cert = append(ca.der, EXTENSION_LIST, repeat(copy, copies));
    const facts = withinBudget("duplicates", () => parseCertificate(cert, "duplicates"));
    assert.equal(facts.duplicateExtensions.length, copies - 1);
    assert.ok(facts.duplicateExtensions.every((oid) => oid === "1.2.3.4"));
  });
});

// ---- CSRs, CRLs, public keys ------------------------------------------------------------------------

/** Reads `bytes` as a PEM file with `label` through the io layer: exactly one item of `kind`. */
function pemItem(name: string, bytes: Uint8Array, label: string, kind: string): Uint8Array {
  const file = write(name, bytes, label);
  const items = readMaterial(readBytes(file), file);
  assert.equal(items.length, 1);
  assert.equal(items[0]?.kind, kind);
  return items[0]!.der;
}

interface OtherCase {
  name: string;
  der: Uint8Array;
  message: RegExp;
  limit?: keyof typeof DER_LIMITS;
}

const csrCases: OtherCase[] = [
  { name: "empty CSR", der: hex("30 00"), message: /CSR: missing certificationRequestInfo/ },
  { name: "empty CertificationRequestInfo", der: replace(csr, [0], hex("30 00")), message: /CertificationRequestInfo: missing version/ },
  { name: "empty attribute", der: replace(csr, [0, 3, 0], hex("30 00")), message: /CSR attribute: missing type/ },
  { name: "empty extension in extensionRequest", der: replace(csr, CSR_SAN_EXTENSION, hex("30 00")), message: /extension: missing extnID/ },
  { name: "empty SPKI algorithm", der: replace(csr, [0, 2, 0], hex("30 00")), message: /subjectPublicKeyInfo algorithm: missing algorithm/ },
  { name: "subject BMPString with a surrogate", der: replace(csr, [0, 1, 0, 0, 1], hex("1e 02 d8 00")), message: /subject: CN: a BMPString holds U\+D800/ },
  { name: "140,000 SANs", der: makeCsr(der.tlv(0x30, repeat(hex("82 00"), 140_000))), message: /subjectAltName: more than 10000 values in one list \(DER_LIMITS\.maxChildren\)/, limit: "maxChildren" },
];

const crlCases: OtherCase[] = [
  { name: "empty CRL", der: hex("30 00"), message: /CRL: missing tbsCertList/ },
  { name: "empty tbsCertList", der: replace(crl, [0], hex("30 00")), message: /CRL issuer: missing/ },
  { name: "tbsCertList without thisUpdate", der: replace(crl, [0], der.sequence(der.smallInteger(1), ecdsa, cnName("ca"))), message: /thisUpdate: missing/ },
  { name: "empty issuer attribute", der: replace(crl, [0, 2, 0, 0], hex("30 00")), message: /CRL issuer: attribute: missing type/ },
  { name: "issuer UniversalString past U+10FFFF", der: replace(crl, [0, 2, 0, 0, 1], hex("1c 04 7f ff ff ff")), message: /CRL issuer: CN: a UniversalString holds U\+7FFFFFFF/ },
];

const publicKeyCases: OtherCase[] = [
  { name: "empty SPKI", der: hex("30 00"), message: /subjectPublicKeyInfo: missing algorithm/ },
  { name: "empty algorithm", der: hex("30 04 30 00 03 00"), message: /subjectPublicKeyInfo algorithm: missing algorithm/ },
  { name: "empty RSAPublicKey", der: replace(raw(rsaPss.der, children(rsaPss.der, children(rsaPss.der, readWhole(rsaPss.der))[0])[6]!), [1], der.bitString(hex("30 00"))), message: /RSAPublicKey: missing modulus/ },
];

describe("hostile DER: CSRs, CRLs and public keys", () => {
  const groups = [
    { what: "CSR", cases: csrCases, label: "CERTIFICATE REQUEST", kind: "csr", parse: (bytes: Uint8Array) => parseCsr(bytes) },
    { what: "CRL", cases: crlCases, label: "X509 CRL", kind: "crl", parse: (bytes: Uint8Array) => parseCrl(bytes) },
    { what: "public key", cases: publicKeyCases, label: "PUBLIC KEY", kind: "public-key", parse: (bytes: Uint8Array) => parsePublicKeyInfo(bytes) },
  ];
  for (const group of groups) {
    for (const c of group.cases) {
      it(`${group.what}: ${c.name}: DerError through readMaterial and the model`, () => {
        const item = pemItem(`${group.what} ${c.name}.pem`, c.der, group.label, group.kind);
        const error = assertRefused(c.name, () => group.parse(item), [DerError], c.message) as DerError;
        assert.equal(error.limit, c.limit);
      });
    }
  }

  it(`a CRL with more revoked entries than DER_LIMITS.maxChildren is counted`, () => {
    const count = DER_LIMITS.maxChildren * 2;
    const big = makeCrl(count);
    assert.equal(withinBudget("big CRL", () => parseCrl(big)).revokedCount, count);
  });
});

describe("hostile DER: the CLI", () => {
  it("inspect of each kind says what is wrong in one line and exits 2, never an internal error", () => {
    const files = [
      write("cli universal.der", certificateCases.find((c) => c.name === "UniversalString past U+10FFFF")!.der),
      write("cli csr.pem", csrCases.find((c) => c.name === "empty extension in extensionRequest")!.der, "CERTIFICATE REQUEST"),
      write("cli crl.pem", crlCases.find((c) => c.name === "issuer UniversalString past U+10FFFF")!.der, "X509 CRL"),
      write("cli key.pem", publicKeyCases.find((c) => c.name === "empty algorithm")!.der, "PUBLIC KEY"),
    ];
    for (const file of files) {
      const result = runCli(["inspect", file]);
      assert.equal(result.code, 2, `${file}: ${result.stderr}`);
      const lines = result.stderr.trimEnd().split("\n");
      assert.equal(lines.length, 1, result.stderr);
      assert.ok(lines[0]!.startsWith(`pkilab: ${file}: `), lines[0]);
      assert.doesNotMatch(lines[0]!, /internal error|TypeError|RangeError/);
    }
  });
});
