// PKCS#12 files written by the real openssl CLI, read back by src/io/pkcs12.ts.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { InputError } from "../../src/io/input-error.js";
import { readPkcs12 } from "../../src/io/pkcs12.js";
import { tempDir } from "../helpers/cli.js";

const P256 = ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"];
const RSA2048 = ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"];

function openssl(dir: string, args: string[]): Buffer {
  const result = spawnSync("openssl", args, { cwd: dir });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`openssl ${args.join(" ")} failed: ${result.stderr.toString()}`);
  return result.stdout;
}

/** Writes NAME.key and NAME.crt (self-signed, or issued by ISSUER.crt/ISSUER.key). */
function makeKeyAndCert(dir: string, name: string, keyArgs: string[], issuer?: string, ca = false): void {
  openssl(dir, ["genpkey", ...keyArgs, "-out", `${name}.key`]);
  const issuerArgs = issuer ? ["-CA", `${issuer}.crt`, "-CAkey", `${issuer}.key`] : [];
  const caArgs = ca ? ["-addext", "basicConstraints=critical,CA:TRUE"] : [];
  openssl(dir, ["req", "-x509", "-new", "-key", `${name}.key`, "-subj", `/CN=${name}`, "-days", "2", ...issuerArgs, ...caArgs, "-out", `${name}.crt`]);
}

function certDer(dir: string, name: string): Buffer {
  return openssl(dir, ["x509", "-in", `${name}.crt`, "-outform", "DER"]);
}

/** `openssl pkcs12 -export` into FILE; returns the file's bytes. */
function exportP12(dir: string, file: string, args: string[]): Uint8Array {
  openssl(dir, ["pkcs12", "-export", "-out", file, ...args]);
  return readFileSync(path.join(dir, file));
}

function assertKeyMatches(pkcs8: Uint8Array, certificate: Uint8Array): void {
  const privateKey = crypto.createPrivateKey({ key: Buffer.from(pkcs8), format: "der", type: "pkcs8" });
  const fromKey = crypto.createPublicKey(privateKey).export({ type: "spki", format: "der" });
  const fromCert = new crypto.X509Certificate(certificate).publicKey.export({ type: "spki", format: "der" });
  assert.deepEqual(fromKey, fromCert);
}

async function assertInputError(promise: Promise<unknown>, file: string, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof InputError, `expected an InputError, got ${String(err)}`);
    assert.ok(err.message.startsWith(`${file}: `), `names the file: ${err.message}`);
    assert.ok(!err.message.includes("\n"), `one line: ${err.message}`);
    assert.match(err.message, pattern);
    return true;
  });
}

const buffers = (list: Uint8Array[]): Buffer[] => list.map((bytes) => Buffer.from(bytes));

describe("readPkcs12", () => {
  let dir = "";

  before(() => {
    dir = tempDir("pkcs12");
    makeKeyAndCert(dir, "ec", P256);
    makeKeyAndCert(dir, "rsa", RSA2048);
    makeKeyAndCert(dir, "root", P256, undefined, true);
    makeKeyAndCert(dir, "intermediate", P256, "root", true);
    makeKeyAndCert(dir, "leaf", P256, "intermediate");
    writeFileSync(path.join(dir, "ca.pem"), readFileSync(path.join(dir, "intermediate.crt"), "utf8") + readFileSync(path.join(dir, "root.crt"), "utf8"));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of ["ec", "rsa"]) {
    it(`${name}: OpenSSL 3 default (PBES2, AES-256-CBC, HMAC-SHA256 MAC)`, async () => {
      const der = exportP12(dir, `${name}.p12`, ["-in", `${name}.crt`, "-inkey", `${name}.key`, "-passout", "pass:s3cret"]);
      const contents = await readPkcs12(der, `${name}.p12`, "s3cret");
      assert.deepEqual(buffers(contents.certificates), [certDer(dir, name)]);
      assert.equal(contents.privateKeys.length, 1);
      assertKeyMatches(contents.privateKeys[0]!, contents.certificates[0]!);
    });
  }

  it("chain of 3 from -certfile, in the order OpenSSL wrote it", async () => {
    const der = exportP12(dir, "chain.p12", ["-in", "leaf.crt", "-inkey", "leaf.key", "-certfile", "ca.pem", "-passout", "pass:pw"]);
    const contents = await readPkcs12(der, "chain.p12", "pw");
    assert.deepEqual(buffers(contents.certificates), ["leaf", "intermediate", "root"].map((name) => certDer(dir, name)));
    assert.equal(contents.privateKeys.length, 1);
    assertKeyMatches(contents.privateKeys[0]!, contents.certificates[0]!);
  });

  it("empty password (-passout pass:) opens with no password and with an empty one", async () => {
    const der = exportP12(dir, "empty.p12", ["-in", "ec.crt", "-inkey", "ec.key", "-passout", "pass:"]);
    for (const password of [undefined, ""]) {
      const contents = await readPkcs12(der, "empty.p12", password);
      assert.deepEqual(buffers(contents.certificates), [certDer(dir, "ec")]);
      assertKeyMatches(contents.privateKeys[0]!, contents.certificates[0]!);
    }
    await assertInputError(readPkcs12(der, "empty.p12", "not-empty"), "empty.p12", /wrong password/);
  });

  it("certificates only (-nokeys)", async () => {
    const der = exportP12(dir, "nokeys.p12", ["-in", "ec.crt", "-nokeys", "-passout", "pass:pw"]);
    const contents = await readPkcs12(der, "nokeys.p12", "pw");
    assert.deepEqual(buffers(contents.certificates), [certDer(dir, "ec")]);
    assert.deepEqual(contents.privateKeys, []);
  });

  it("no MAC and no encryption (-keypbe NONE -certpbe NONE -nomac) needs no password", async () => {
    const der = exportP12(dir, "plain.p12", ["-in", "rsa.crt", "-inkey", "rsa.key", "-keypbe", "NONE", "-certpbe", "NONE", "-nomac", "-passout", "pass:"]);
    const contents = await readPkcs12(der, "plain.p12", undefined);
    assert.deepEqual(buffers(contents.certificates), [certDer(dir, "rsa")]);
    assert.equal(contents.privateKeys.length, 1);
    assertKeyMatches(contents.privateKeys[0]!, contents.certificates[0]!);
  });

  it("-legacy (RC2-40 / 3DES PBE): says so and how to convert", async () => {
    const der = exportP12(dir, "legacy.p12", ["-in", "ec.crt", "-inkey", "ec.key", "-legacy", "-passout", "pass:pw"]);
    await assertInputError(readPkcs12(der, "legacy.p12", "pw"), "legacy.p12", /legacy PKCS#12 encryption.*openssl pkcs12 -in legacy\.p12 -legacy -nodes -out plain\.pem && openssl pkcs12 -export -in plain\.pem -out new\.p12/);
    await assertInputError(readPkcs12(der, "legacy.p12", "wrong"), "legacy.p12", /wrong password/);
    // The advice works: the converted file reads fine.
    openssl(dir, ["pkcs12", "-in", "legacy.p12", "-legacy", "-nodes", "-out", "plain.pem", "-passin", "pass:pw"]);
    const converted = exportP12(dir, "new.p12", ["-in", "plain.pem", "-passout", "pass:pw"]);
    const contents = await readPkcs12(converted, "new.p12", "pw");
    assert.deepEqual(buffers(contents.certificates), [certDer(dir, "ec")]);
    assertKeyMatches(contents.privateKeys[0]!, contents.certificates[0]!);
  });

  it("wrong password", async () => {
    const der = exportP12(dir, "wrong.p12", ["-in", "ec.crt", "-inkey", "ec.key", "-passout", "pass:right"]);
    await assertInputError(readPkcs12(der, "wrong.p12", "wrong"), "wrong.p12", /wrong password.*--password or --password-file/);
  });

  it("wrong password without a MAC (-nomac) is caught by decryption", async () => {
    const der = exportP12(dir, "nomac.p12", ["-in", "ec.crt", "-inkey", "ec.key", "-nomac", "-passout", "pass:right"]);
    assert.equal((await readPkcs12(der, "nomac.p12", "right")).privateKeys.length, 1);
    await assertInputError(readPkcs12(der, "nomac.p12", "wrong"), "nomac.p12", /wrong password/);
  });

  it("password needed but not given", async () => {
    const der = exportP12(dir, "needs.p12", ["-in", "ec.crt", "-inkey", "ec.key", "-passout", "pass:pw"]);
    await assertInputError(readPkcs12(der, "needs.p12", undefined), "needs.p12", /password is needed.*--password or --password-file/);
  });

  it("MAC integrity failure with the right password", async () => {
    const der = exportP12(dir, "mac.p12", ["-in", "ec.crt", "-inkey", "ec.key", "-passout", "pass:pw"]);
    // The file ends with the MAC digest, then OCTET STRING salt (8 bytes) and INTEGER 2048 (02 02 08 00).
    const tampered = Uint8Array.from(der);
    tampered[tampered.length - 15]! ^= 0x01;
    await assertInputError(readPkcs12(tampered, "mac.p12", "pw"), "mac.p12", /integrity check failed/);
  });

  it("corrupt, truncated and non-PKCS#12 input", async () => {
    const der = exportP12(dir, "corrupt.p12", ["-in", "ec.crt", "-inkey", "ec.key", "-passout", "pass:pw"]);
    await assertInputError(readPkcs12(der.subarray(0, der.length >> 1), "half.p12", "pw"), "half.p12", /damaged or truncated/);
    await assertInputError(readPkcs12(new Uint8Array(0), "empty-file.p12", "pw"), "empty-file.p12", /damaged or truncated/);
    await assertInputError(readPkcs12(certDer(dir, "ec"), "cert.der", "pw"), "cert.der", /not a PKCS#12 file/);
    await assertInputError(readPkcs12(new TextEncoder().encode("-----BEGIN CERTIFICATE-----\n"), "cert.pem", "pw"), "cert.pem", /not a PKCS#12 file/);
    // A flipped bit in the encrypted certificates: the MAC no longer matches and the contents may not decode.
    const flipped = Uint8Array.from(der);
    flipped[200]! ^= 0x01;
    await assertInputError(readPkcs12(flipped, "flipped.p12", "pw"), "flipped.p12", /integrity check failed|modified|damaged/);
  });
});
