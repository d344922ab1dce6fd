// Known misses on OpenSSL (issue 14), each against the real `openssl verify` (Debian's OpenSSL 3.0):
// `pkilab verify` must reach openssl's verdict, and when openssl fails, one of pkilab's reasons must
// carry the error number openssl printed first.
// - a self-issued leaf (issuer name = subject name) is self-signed for OpenSSL 3.0 only when its
//   signature algorithm fits its own key (crypto/x509/v3_purp.c ossl_x509_likely_issued(),
//   check_sig_alg_match()): an Ed25519 leaf signed with ECDSA by a CA of the same name is not;
// - X25519 and X448 keys (certificates for key agreement) have 128 and 224 security bits;
// - -x509_strict refuses pathLenConstraint on a non-CA certificate (80) and without keyCertSign (81);
// - with -purpose sslclient: OpenSSL's path choice (trust store first), DNS name constraints on a
//   host-like CN, the trust settings of TRUSTED CERTIFICATE anchors (the same as
//   openssl-misses-nginx.test.ts shows on nginx), and without a purpose (anyExtendedKeyUsage).
// Key sizes are compared with what OpenSSL reports for the same key (`openssl s_client`'s "Server
// public key is N bit", EVP_PKEY_get_bits()); TRUSTED CERTIFICATE blocks as the reader keeps them.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { after, describe, it } from "node:test";
import { readCertificateFile } from "../../src/io/read.js";
import { parseCertificate } from "../../src/model/certificate.js";
import { EKU } from "../../src/model/oids.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { freePort } from "../helpers/nginx.js";
import { CLIENT_EXT, NO_KEY_IDS, OpensslPki, type Signer } from "../helpers/openssl-misses-pki.js";
import { opensslVerify, requireProgram } from "../helpers/peers.js";

requireProgram("openssl");
const work = tempDir("openssl-misses");
after(() => rmSync(work, { recursive: true, force: true }));

const pki = new OpensslPki(work);
const openssl = (args: string[], input?: string) => pki.openssl(args, input);
const file = (name: string) => pki.file(name);
const bundle = (name: string, files: string[]) => pki.bundle(name, files);
const key = (name: string, type: string) => pki.key(name, type);
const selfSigned = (name: string, cn: string, keyFile: string, ext: string[]) => pki.selfSigned(name, cn, keyFile, ext);
const issue = (name: string, cn: string, subjectKey: string, ca: Signer, ext: string[]) => pki.issue(name, cn, subjectKey, ca, ext);

/** A CA without key identifiers: each case says whether it has them (the self-issued ones must not). */
const CA_EXT = ["basicConstraints = critical, CA:TRUE", "keyUsage = critical, keyCertSign, cRLSign"];

interface VerifyCase {
  name: string;
  leaf: string;
  ca: string;
  /** Untrusted intermediates: openssl -untrusted, pkilab --chain. */
  chain?: string;
  purpose?: "client";
  strict?: boolean;
  note: string;
}

/** `openssl verify` as nginx verifies (security level 2), the trust store limited to `ca`. */
function opensslOutcome(c: VerifyCase): { ok: boolean; errors: number[]; text: string } {
  const result = opensslVerify(["-auth_level", "2", "-no-CApath", "-no-CAstore", ...(c.strict ? ["-x509_strict"] : []), ...(c.purpose ? ["-purpose", "sslclient"] : []),
    ...(c.chain ? ["-untrusted", c.chain] : []), "-CAfile", c.ca, c.leaf], work);
  const text = `${result.stdout}${result.stderr}`;
  const errors = [...text.matchAll(/^error (\d+) at \d+ depth/gm)].map((m) => Number(m[1]));
  return { ok: result.code === 0, errors, text: text.trim() };
}

function pkilabOutcome(c: VerifyCase): { ok: boolean; codes: number[]; text: string } {
  const result = runCli(["verify", c.leaf, "--ca", c.ca, ...(c.strict ? ["--x509-strict"] : []), ...(c.purpose ? ["--purpose", c.purpose] : []),
    ...(c.chain ? ["--chain", c.chain] : []), "--json"]);
  assert.ok(result.code === 0 || result.code === 1, `pkilab verify exited ${result.code}: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { results: { valid: boolean; reasons: { openssl?: string }[] }[] };
  const [first] = report.results;
  assert.ok(first);
  const codes = first.reasons.map((r) => Number(r.openssl?.split(":")[0]));
  return { ok: first.valid, codes, text: result.stdout };
}

function verifyCases(): VerifyCase[] {
  const cases: VerifyCase[] = [];
  const ecCaKey = key("ca-ec", "ec");
  const edCaKey = key("ca-ed", "ed25519");
  const ecCa = { cert: selfSigned("ca-ec", "dev", ecCaKey, [...CA_EXT, ...NO_KEY_IDS]), key: ecCaKey };
  const edCa = { cert: selfSigned("ca-ed", "dev", edCaKey, [...CA_EXT, ...NO_KEY_IDS]), key: edCaKey };
  const edLeafKey = key("leaf-ed", "ed25519");
  const ecLeafKey = key("leaf-ec", "ec");
  // Self-issued leaves (CN=dev under a CA named CN=dev), no key identifiers to tell them apart.
  cases.push({ name: "ed25519-leaf-self-issued-ecdsa-signed", leaf: issue("si-ed-by-ec", "dev", edLeafKey, ecCa, [...CLIENT_EXT, ...NO_KEY_IDS]), ca: ecCa.cert,
    note: "an ECDSA signature does not fit the Ed25519 key: not self-signed for OpenSSL, which finds the CA: OK" });
  cases.push({ name: "ec-leaf-self-issued-ed25519-signed", leaf: issue("si-ec-by-ed", "dev", ecLeafKey, edCa, [...CLIENT_EXT, ...NO_KEY_IDS]), ca: edCa.cert,
    note: "an Ed25519 signature does not fit the EC key: not self-signed: OK" });
  cases.push({ name: "ed25519-leaf-self-issued-ed25519-signed", leaf: issue("si-ed-by-ed", "dev", edLeafKey, edCa, [...CLIENT_EXT, ...NO_KEY_IDS]), ca: edCa.cert,
    note: "the algorithm fits the key: OpenSSL takes it as self-signed without checking the signature (18)" });
  cases.push({ name: "ec-leaf-self-issued-ecdsa-signed", leaf: issue("si-ec-by-ec", "dev", ecLeafKey, ecCa, [...CLIENT_EXT, ...NO_KEY_IDS]), ca: ecCa.cert,
    note: "the algorithm fits the key: self-signed for OpenSSL (18)" });

  // Key-agreement keys in certificates, under an EC root with key identifiers.
  const rootKey = key("root", "ec");
  const root = { cert: selfSigned("root", "Misses Root", rootKey, [...CA_EXT, "subjectKeyIdentifier = hash"]), key: rootKey };
  const kaExt = ["basicConstraints = critical, CA:FALSE", "keyUsage = critical, keyAgreement", "subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid"];
  cases.push({ name: "x25519-leaf", leaf: issue("x25519", "x25519.example.test", key("x25519", "x25519"), root, kaExt), ca: root.cert, note: "X25519 has 128 security bits: OK at level 2" });
  cases.push({ name: "x448-leaf", leaf: issue("x448", "x448.example.test", key("x448", "x448"), root, kaExt), ca: root.cert, note: "X448 has 224 security bits: OK at level 2" });
  cases.push({ name: "ed448-leaf", leaf: issue("ed448", "ed448.example.test", key("ed448", "ed448"), root, kaExt), ca: root.cert, note: "Ed448 has 224 security bits: OK" });

  // pathLenConstraint on a non-CA certificate, with and without -x509_strict.
  const withIds = ["subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid"];
  const pathLenLeaf = issue("pathlen-leaf", "pathlen.example.test", ecLeafKey, root, ["basicConstraints = critical, CA:FALSE, pathlen:0", "keyUsage = critical, digitalSignature", ...withIds]);
  cases.push({ name: "pathlen-on-non-ca", leaf: pathLenLeaf, ca: root.cert, note: "without -x509_strict OpenSSL does not look: OK" });
  cases.push({ name: "pathlen-on-non-ca-strict", leaf: pathLenLeaf, ca: root.cert, strict: true, note: "-x509_strict: 80 (path length invalid for non-CA cert), then 81" });
  const pathLenKuLeaf = issue("pathlen-ku-leaf", "pathlen-ku.example.test", ecLeafKey, root,
    ["basicConstraints = critical, CA:FALSE, pathlen:1", "keyUsage = critical, digitalSignature, keyCertSign", ...withIds]);
  cases.push({ name: "pathlen-and-keycertsign-on-non-ca-strict", leaf: pathLenKuLeaf, ca: root.cert, strict: true, note: "-x509_strict: 80, then 82 (keyCertSign on a non-CA)" });
  // OpenSSL's path choice, CN name constraints and trust settings, as `openssl verify -purpose sslclient` sees them
  // (test/peers/openssl-misses-nginx.test.ts has the same against nginx).
  const intKey = key("int", "ec");
  const intPlain = issue("int-plain", "Misses Int", intKey, root, [...CA_EXT, ...withIds]);
  const intServerOnly = issue("int-server-only", "Misses Int", intKey, root, [...CA_EXT, ...withIds, "extendedKeyUsage = serverAuth"]);
  const client = issue("client", "client.example.test", ecLeafKey, { cert: intPlain, key: intKey }, [...CLIENT_EXT, ...withIds]);
  cases.push({ name: "trusted-restricted-intermediate-first", leaf: client, chain: intPlain, ca: bundle("trust-root-int-server-only", [root.cert, intServerOnly]), purpose: "client",
    note: "the trust file holds a serverAuth-only copy of the intermediate the client sends: OpenSSL takes the trusted one (26)" });
  cases.push({ name: "sent-intermediate-root-trusted", leaf: client, chain: intPlain, ca: root.cert, purpose: "client", note: "OK" });
  const ncKey = key("nc-root", "ec");
  const ncRoot = { cert: selfSigned("nc-root", "Constrained Root", ncKey, [...CA_EXT, "subjectKeyIdentifier = hash", "nameConstraints = critical, permitted;DNS:allowed.test"]), key: ncKey };
  cases.push({ name: "nc-cn-host-outside", leaf: issue("nc-outside", "host.other.test", ecLeafKey, ncRoot, [...CLIENT_EXT, ...withIds]), ca: ncRoot.cert, purpose: "client",
    note: "a host-like CN outside the DNS constraints, no DNS SAN: 47" });
  cases.push({ name: "nc-cn-not-a-host-name", leaf: issue("nc-not-host", "Alice Example", ecLeafKey, ncRoot, [...CLIENT_EXT, ...withIds]), ca: ncRoot.cert, purpose: "client", note: "OK" });
  const trusted = (name: string, cert: string, options: string[]) => {
    const out = file(`${name}.pem`);
    openssl(["x509", "-in", cert, ...options, "-out", out]);
    return out;
  };
  cases.push({ name: "aux-root-reject-clientauth", leaf: client, chain: intPlain, ca: trusted("aux-root-reject", root.cert, ["-addreject", "clientAuth"]), purpose: "client",
    note: "the root rejected for clientAuth: 28 (nginx logs 26, its last error)" });
  cases.push({ name: "aux-root-trust-clientauth", leaf: client, chain: intPlain, ca: trusted("aux-root-trust", root.cert, ["-addtrust", "clientAuth"]), purpose: "client", note: "OK" });
  // Without a purpose OpenSSL asks for anyExtendedKeyUsage (X509_TRUST_DEFAULT): a trust list without it rejects.
  cases.push({ name: "aux-root-trust-clientauth-no-purpose", leaf: client, chain: intPlain, ca: file("aux-root-trust.pem"), note: "no -purpose: trusted for clientAuth only is rejected (28)" });
  cases.push({ name: "aux-root-trust-any-no-purpose", leaf: client, chain: intPlain, ca: trusted("aux-root-any", root.cert, ["-addtrust", "anyExtendedKeyUsage"]), note: "OK" });
  cases.push({ name: "aux-root-reject-serverauth-no-purpose", leaf: client, chain: intPlain, ca: trusted("aux-root-reject-server", root.cert, ["-addreject", "serverAuth"]), note: "OK" });
  cases.push({ name: "aux-int-trust-clientauth-no-root", leaf: client, ca: trusted("aux-int-trust", intServerOnly, ["-addtrust", "clientAuth"]), purpose: "client",
    note: "a serverAuth-only intermediate trusted for clientAuth ends the chain and passes the purpose: OK" });

  const noPathLenLeaf = issue("no-pathlen-leaf", "plain.example.test", ecLeafKey, root, ["basicConstraints = critical, CA:FALSE", "keyUsage = critical, digitalSignature", ...withIds]);
  cases.push({ name: "no-pathlen-strict", leaf: noPathLenLeaf, ca: root.cert, strict: true, note: "no pathLenConstraint: OK in strict mode" });
  return cases;
}

describe("pkilab verify against openssl verify: OpenSSL 3.0 facts pkilab missed", () => {
  for (const c of verifyCases()) {
    it(`${c.name}: ${c.note}`, () => {
      const peer = opensslOutcome(c);
      const ours = pkilabOutcome(c);
      const context = `openssl: ${peer.text}\npkilab: ${ours.text}`;
      assert.equal(ours.ok, peer.ok, `verdicts differ\n${context}`);
      if (!peer.ok) {
        assert.ok(peer.errors[0] !== undefined, `openssl failed without an error line\n${context}`);
        assert.ok(ours.codes.includes(peer.errors[0]), `no pkilab reason carries openssl's ${peer.errors[0]}\n${context}`);
      }
    });
  }
});

describe("TRUSTED CERTIFICATE blocks as pkilab reads them", () => {
  const read = (name: string) => readCertificateFile(file(name));
  it("keeps OpenSSL's trust settings: trusted and rejected uses, alias", async () => {
    const out = file("read-aux.pem");
    openssl(["x509", "-in", file("root.pem"), "-addtrust", "serverAuth", "-addtrust", "anyExtendedKeyUsage", "-addreject", "clientAuth", "-setalias", "lab root", "-out", out]);
    const [cert] = await read("read-aux.pem");
    assert.deepEqual(cert.auxTrust, { trust: [EKU.serverAuth, EKU.anyExtendedKeyUsage], reject: [EKU.clientAuth], alias: "lab root" });
  });
  it("a TRUSTED CERTIFICATE without settings has empty lists; a plain CERTIFICATE has none", async () => {
    openssl(["x509", "-in", file("root.pem"), "-trustout", "-out", file("read-trustout.pem")]);
    assert.deepEqual((await read("read-trustout.pem"))[0].auxTrust, { trust: [], reject: [] });
    assert.equal((await read("root.pem"))[0].auxTrust, undefined);
  });
  it("damaged trust settings are one clear line, exit 2, as OpenSSL refuses the file", () => {
    const der = pemToDer(openssl(["x509", "-in", file("root.pem"), "-addtrust", "clientAuth"]));
    // Cut the trust settings short: the certificate stays whole.
    const cut = der.subarray(0, der.length - 3);
    writeFileSync(file("read-damaged.pem"), `-----BEGIN TRUSTED CERTIFICATE-----\n${Buffer.from(cut).toString("base64")}\n-----END TRUSTED CERTIFICATE-----\n`);
    const result = runCli(["inspect", file("read-damaged.pem")]);
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /read-damaged\.pem: certificate 1 \(TRUSTED CERTIFICATE\) has damaged trust settings/);
    assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
  });
});

describe("pkilab inspect on self-issued certificates", () => {
  it("a leaf named like its CA and signed by the CA's key is not self-signed; the CA is", () => {
    const result = runCli(["inspect", file("si-ed-by-ec.pem"), file("ca-ec.pem"), "--json"]);
    assert.equal(result.code, 0, result.stderr);
    const selfSigned = [...result.stdout.matchAll(/"selfSigned": (true|false)/g)].map((m) => m[1]);
    assert.deepEqual(selfSigned, ["false", "true"]);
  });
});

/**
 * What `openssl s_client` says of the server's keys (EVP_PKEY_get_bits()): "Server public key is 256
 * bit" for its certificate's key, "Server Temp Key: X25519, 253 bits" for its key exchange share.
 */
async function opensslKeyBits(cert: string, keyFile: string, group?: string): Promise<{ certificate: number; share?: number }> {
  const port = await freePort();
  const server = spawn("openssl", ["s_server", "-accept", `127.0.0.1:${port}`, "-cert", cert, "-key", keyFile, "-naccept", "1", "-quiet"], { cwd: work, stdio: "ignore" });
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      const client = spawnSync("openssl", ["s_client", "-connect", `127.0.0.1:${port}`, ...(group ? ["-groups", group] : [])], { cwd: work, encoding: "utf8", input: "", timeout: 10_000 });
      const bits = /Server public key is (\d+) bit/.exec(client.stdout)?.[1];
      const share = /Server Temp Key: [^,]+, (\d+) bits/.exec(client.stdout)?.[1];
      if (bits) return { certificate: Number(bits), share: share === undefined ? undefined : Number(share) };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("openssl s_client never reported the server's key size");
  } finally {
    server.kill();
  }
}

const factsOf = (cert: string) => parseCertificate(pemToDer(readFileSync(cert, "utf8")), cert);

describe("key sizes as OpenSSL reports them", () => {
  for (const type of ["ed25519", "ed448", "ec"]) {
    it(`${type} certificate key: pkilab's size is openssl's`, async () => {
      const keyFile = key(`size-${type}`, type);
      const cert = selfSigned(`size-${type}`, "localhost", keyFile, ["basicConstraints = critical, CA:FALSE", "subjectAltName = DNS:localhost"]);
      assert.equal(factsOf(cert).publicKey.bits, (await opensslKeyBits(cert, keyFile)).certificate);
    });
  }
  for (const group of ["X25519", "X448"]) {
    it(`${group} key: pkilab's size for a certificate of it is openssl's for a key share of it`, async () => {
      const keyFile = key(`size-server-${group}`, "ec");
      const cert = selfSigned(`size-server-${group}`, "localhost", keyFile, ["basicConstraints = critical, CA:FALSE", "subjectAltName = DNS:localhost"]);
      const { share } = await opensslKeyBits(cert, keyFile, group);
      assert.equal(factsOf(file(`${group.toLowerCase()}.pem`)).publicKey.bits, share);
    });
  }
});

function pemToDer(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64"));
}
