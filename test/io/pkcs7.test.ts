// PKCS#7 certificate bundles written by the real openssl CLI, read back by src/io/pkcs7.ts.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { InputError } from "../../src/io/input-error.js";
import { readPkcs7Certificates } from "../../src/io/pkcs7.js";
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
function makeKeyAndCert(dir: string, name: string, keyArgs: string[], issuer?: string): void {
  openssl(dir, ["genpkey", ...keyArgs, "-out", `${name}.key`]);
  const issuerArgs = issuer ? ["-CA", `${issuer}.crt`, "-CAkey", `${issuer}.key`] : [];
  openssl(dir, ["req", "-x509", "-new", "-key", `${name}.key`, "-subj", `/CN=${name}`, "-days", "2", ...issuerArgs, "-out", `${name}.crt`]);
}

function certDer(dir: string, name: string): Buffer {
  return openssl(dir, ["x509", "-in", `${name}.crt`, "-outform", "DER"]);
}

/** What a caller does with `-----BEGIN PKCS7-----` text before calling readPkcs7Certificates. */
function pemToDer(pem: string): Buffer {
  const body = /-----BEGIN PKCS7-----([^-]*)-----END PKCS7-----/.exec(pem)?.[1];
  assert.ok(body, "PEM PKCS7 block");
  return Buffer.from(body.replace(/\s+/g, ""), "base64");
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

describe("readPkcs7Certificates", () => {
  let dir = "";
  const chain = ["leaf", "intermediate", "root"];

  before(() => {
    dir = tempDir("pkcs7");
    makeKeyAndCert(dir, "root", RSA2048);
    makeKeyAndCert(dir, "intermediate", P256, "root");
    makeKeyAndCert(dir, "leaf", P256, "intermediate");
    writeFileSync(path.join(dir, "chain.pem"), chain.map((name) => readFileSync(path.join(dir, `${name}.crt`), "utf8")).join(""));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it("DER bundle of a chain of 3, in order", async () => {
    const der = openssl(dir, ["crl2pkcs7", "-nocrl", "-certfile", "chain.pem", "-outform", "DER"]);
    const certificates = await readPkcs7Certificates(der, "chain.p7b");
    assert.deepEqual(buffers(certificates), chain.map((name) => certDer(dir, name)));
  });

  it("PEM bundle decoded to DER by the caller", async () => {
    const pem = openssl(dir, ["crl2pkcs7", "-nocrl", "-certfile", "chain.pem"]).toString("utf8");
    const certificates = await readPkcs7Certificates(pemToDer(pem), "chain.p7b");
    assert.deepEqual(buffers(certificates), chain.map((name) => certDer(dir, name)));
  });

  it("single certificate", async () => {
    const der = openssl(dir, ["crl2pkcs7", "-nocrl", "-certfile", "root.crt", "-outform", "DER"]);
    assert.deepEqual(buffers(await readPkcs7Certificates(der, "root.p7b")), [certDer(dir, "root")]);
  });

  it("empty bundle", async () => {
    writeFileSync(path.join(dir, "none.pem"), "");
    const der = openssl(dir, ["crl2pkcs7", "-nocrl", "-certfile", "none.pem", "-outform", "DER"]);
    await assertInputError(readPkcs7Certificates(der, "empty.p7b"), "empty.p7b", /contains no certificates/);
  });

  it("PKCS#7 that is not SignedData", async () => {
    writeFileSync(path.join(dir, "message.txt"), "hello\n");
    const der = openssl(dir, ["cms", "-encrypt", "-in", "message.txt", "-outform", "DER", "-aes-128-cbc", "root.crt"]);
    await assertInputError(readPkcs7Certificates(der, "enveloped.p7m"), "enveloped.p7m", /not a certificate bundle.*SignedData/);
  });

  it("corrupt, truncated and non-PKCS#7 input", async () => {
    const der = openssl(dir, ["crl2pkcs7", "-nocrl", "-certfile", "chain.pem", "-outform", "DER"]);
    await assertInputError(readPkcs7Certificates(der.subarray(0, der.length - 10), "cut.p7b"), "cut.p7b", /damaged or truncated/);
    await assertInputError(readPkcs7Certificates(new Uint8Array(0), "zero.p7b"), "zero.p7b", /damaged or truncated/);
    await assertInputError(readPkcs7Certificates(certDer(dir, "leaf"), "leaf.der"), "leaf.der", /not a PKCS#7 file/);
  });
});
