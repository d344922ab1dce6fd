// src/model/csr.ts and src/model/crl.ts, one request or list per row, made by the openssl CLI (as
// users make them) with known contents: the subject, key and requested SANs of a CSR (RFC 2986,
// extensionRequest from PKCS#9), and the issuer, update times and revoked count of a CRL (RFC 5280 5.1).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createPublicKey, verify } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import * as der from "../../src/asn1/der-writer.js";
import { parseCrl } from "../../src/model/crl.js";
import { parseCsr } from "../../src/model/csr.js";
import { tempDir } from "../helpers/cli.js";

const work = tempDir("model-csr-crl");
after(() => rmSync(work, { recursive: true, force: true }));

function openssl(args: string[], cwd = work): string {
  const result = spawnSync("openssl", args, { cwd, encoding: "utf8" });
  if (result.error) throw result.error;
  assert.equal(result.status, 0, `openssl ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

/** The DER inside a PEM file openssl wrote. */
function pemDer(file: string): Uint8Array {
  const text = readFileSync(path.join(work, file), "utf8");
  return new Uint8Array(Buffer.from(text.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64"));
}

interface CsrRow {
  name: string;
  /** openssl req arguments that choose the key and the contents. */
  args: string[];
  subject: string;
  key: string;
  sans: string[];
}

const CSR_ROWS: CsrRow[] = [
  {
    name: "P-256 with a SAN of every common form",
    args: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-subj", "/C=DE/O=Acme/CN=dev1", "-addext", "subjectAltName=DNS:dev1.test,IP:10.0.0.1,IP:2001:db8::1,email:ops@dev1.test,URI:https://dev1.test/"],
    subject: "CN=dev1, O=Acme, C=DE",
    key: "ECDSA P-256",
    sans: ["dns:dev1.test", "ip:10.0.0.1", "ip:2001:db8::1", "email:ops@dev1.test", "uri:https://dev1.test/"],
  },
  { name: "RSA 2048 without extensions: no SANs", args: ["-newkey", "rsa:2048", "-subj", "/CN=plain"], subject: "CN=plain", key: "RSA 2048", sans: [] },
  {
    name: "Ed25519 with other extensions beside the SAN (only the SAN is read)",
    args: ["-newkey", "ed25519", "-subj", "/CN=ed/O=Edge", "-addext", "keyUsage=critical,digitalSignature", "-addext", "subjectAltName=DNS:ed.test", "-addext", "extendedKeyUsage=clientAuth"],
    subject: "O=Edge, CN=ed",
    key: "Ed25519",
    sans: ["dns:ed.test"],
  },
  { name: "an empty subject, the name only in the SAN", args: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-subj", "/", "-addext", "subjectAltName=DNS:only-san.test"], subject: "", key: "ECDSA P-384", sans: ["dns:only-san.test"] },
];

interface CrlRow {
  name: string;
  /** Serials to revoke before the CRL is made. */
  revoke: number;
  /** Whether the CRL is v2 (a crlNumber extension) or v1 (no version field, no extensions). */
  v2: boolean;
  lastUpdate: string;
  nextUpdate: string;
}

const CRL_ROWS: CrlRow[] = [
  { name: "v2, nothing revoked", revoke: 0, v2: true, lastUpdate: "2030-01-01T00:00:00Z", nextUpdate: "2030-02-01T00:00:00Z" },
  { name: "v2, three revoked", revoke: 3, v2: true, lastUpdate: "2030-03-04T05:06:07Z", nextUpdate: "2030-04-04T05:06:07Z" },
  { name: "v1 (no version field), one revoked", revoke: 1, v2: false, lastUpdate: "2029-12-31T23:59:59Z", nextUpdate: "2051-01-01T00:00:00Z" },
];

/** YYYYMMDDHHMMSSZ, as `openssl ca -crl_lastupdate` takes it. */
const generalized = (iso: string) => iso.replace(/[-:T]/g, "").replace(/\.\d+/, "");

before(() => {
  mkdirSync(work, { recursive: true });
  writeFileSync(path.join(work, "req.cnf"), "[ req ]\ndistinguished_name = dn\n[ dn ]\n");
  openssl(["req", "-x509", "-new", "-config", "req.cnf", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-subj", "/O=pkilab test/CN=CRL Issuer", "-days", "30", "-out", "ca.pem"]);
});

describe("parseCsr: subject, key and requested SANs of each request", () => {
  CSR_ROWS.forEach((row, i) => {
    it(row.name, () => {
      const out = `req-${i}.csr`;
      openssl(["req", "-new", "-config", "req.cnf", "-nodes", "-keyout", `req-${i}.key`, ...row.args, "-out", out]);
      const csr = parseCsr(pemDer(out));
      assert.equal(csr.subject.text, row.subject);
      assert.equal(csr.publicKey.label, row.key);
      assert.deepEqual(csr.subjectAltNames.map((n) => `${n.type}:${n.value}`), row.sans);
    });
  });
});

describe("parseCrl: issuer, update times and revoked count of each list", () => {
  it("reads reasonCode, AKI, criticality and issuingDistributionPoint of a v2 CRL made by openssl ca", () => {
    const dir = path.join(work, "crl-ext");
    mkdirSync(dir);
    const rows = [
      ["R", "301231235959Z", "300101000000Z,keyCompromise", "2A", "unknown", "/CN=a"],
      ["R", "301231235959Z", "300101000000Z,superseded", "00FF", "unknown", "/CN=b"],
    ];
    writeFileSync(path.join(dir, "index.txt"), rows.map((row) => `${row.join("\t")}\n`).join(""));
    writeFileSync(path.join(dir, "crlnumber"), "05\n");
    const config = ["[ ca ]", "default_ca = lab", "[ lab ]", "database = index.txt", "crlnumber = crlnumber", "default_md = sha256", "crl_extensions = ext", "[ ext ]", "authorityKeyIdentifier = keyid, issuer:always", "issuingDistributionPoint = critical, @idp", "1.2.3.4 = critical, ASN1:NULL", "[ idp ]", "onlyuser = TRUE", ""];
    writeFileSync(path.join(dir, "ca.cnf"), config.join("\n"));
    openssl(["ca", "-gencrl", "-config", "ca.cnf", "-keyfile", path.join(work, "ca.key"), "-cert", path.join(work, "ca.pem"), "-crl_lastupdate", "20300101000000Z", "-crl_nextupdate", "20300201000000Z", "-out", "list.crl"], dir);
    const crl = parseCrl(pemDer("crl-ext/list.crl"));
    assert.deepEqual(Object.fromEntries([...crl.revoked].map(([serial, entry]) => [serial, entry.reasonCode])), { "2a": "keyCompromise", ff: "superseded" });
    assert.equal(crl.crlNumber, "05");
    // ca.pem has no SKI, so the AKI names the issuer's issuer and serial (RFC 5280 4.2.1.1).
    const caSerial = openssl(["x509", "-in", "ca.pem", "-noout", "-serial"]).trim().replace("serial=", "").toLowerCase().replace(/^(00)+/, "");
    assert.equal(crl.authorityCertSerial, caSerial);
    assert.equal(crl.issuingDistributionPoint?.onlyContainsUserCerts, true);
    assert.equal(crl.issuingDistributionPoint?.onlyContainsCACerts, false);
    // issuingDistributionPoint is handled critical (crypto/x509/x_crl.c crl_cb()); 1.2.3.4 is not.
    assert.deepEqual(crl.unhandledCriticalExtensions, ["1.2.3.4"]);
  });

  CRL_ROWS.forEach((row, i) => {
    it(row.name, () => {
      const dir = path.join(work, `crl-${i}`);
      mkdirSync(dir);
      writeFileSync(path.join(dir, "index.txt"), "");
      if (row.v2) writeFileSync(path.join(dir, "crlnumber"), "01\n");
      writeFileSync(
        path.join(dir, "ca.cnf"),
        ["[ ca ]", "default_ca = lab", "[ lab ]", "database = index.txt", "default_md = sha256", ...(row.v2 ? ["crlnumber = crlnumber"] : []), ""].join("\n"),
      );
      // index.txt rows for revoked certificates (openssl ca's database format, tab-separated).
      const revoked = Array.from({ length: row.revoke }, (_, n) => ["R", "301231235959Z", "300101000000Z", (0x10 + n).toString(16).toUpperCase().padStart(2, "0"), "unknown", `/CN=revoked-${n}`].join("\t"));
      writeFileSync(path.join(dir, "index.txt"), revoked.map((line) => `${line}\n`).join(""));
      const ca = ["-keyfile", path.join(work, "ca.key"), "-cert", path.join(work, "ca.pem")];
      openssl(["ca", "-gencrl", "-config", "ca.cnf", ...ca, "-crl_lastupdate", generalized(row.lastUpdate), "-crl_nextupdate", generalized(row.nextUpdate), "-out", "list.crl"], dir);
      const crl = parseCrl(pemDer(`crl-${i}/list.crl`));
      assert.equal(crl.issuer.text, "CN=CRL Issuer, O=pkilab test");
      assert.equal(crl.thisUpdate.toISOString(), new Date(row.lastUpdate).toISOString());
      assert.equal(crl.nextUpdate?.toISOString(), new Date(row.nextUpdate).toISOString());
      assert.equal(crl.revokedCount, row.revoke);
      // Parsed once for verify --crl: version, the entries by serial (hex as CertFacts.serial), cRLNumber, and the signature over the TBS.
      assert.equal(crl.version, row.v2 ? 2 : 1);
      assert.deepEqual([...crl.revoked.keys()], Array.from({ length: row.revoke }, (_, n) => (0x10 + n).toString(16)));
      for (const entry of crl.revoked.values()) assert.equal(entry.revocationDate.toISOString(), "2030-01-01T00:00:00.000Z");
      assert.equal(crl.crlNumber, row.v2 ? "01" : undefined);
      assert.equal(crl.signatureAlgorithm.name, "ecdsa-with-SHA256");
      assert.ok(verify("sha256", crl.tbs, createPublicKey(readFileSync(path.join(work, "ca.pem"))), crl.signature), "the CA's key verifies the CRL's TBS");
      // openssl's own reading of the same list agrees on the count.
      const text = openssl(["crl", "-in", path.join(dir, "list.crl"), "-noout", "-text"]);
      assert.equal((text.match(/Serial Number:/g) ?? []).length, row.revoke);
      assert.match(text, row.v2 ? /Version 2 \(0x1\)/ : /Version 1 \(0x0\)/);
    });
  });

  it("a CRL without nextUpdate (it is OPTIONAL): undefined, the rest still read", () => {
    const issuer = der.sequence(der.set(der.sequence(der.oid("2.5.4.3"), der.utf8String("No Next"))));
    const algorithm = der.sequence(der.oid("1.2.840.10045.4.3.2"));
    const entry = der.sequence(der.smallInteger(7), der.time(new Date("2030-01-02T00:00:00Z")));
    const tbs = der.sequence(der.smallInteger(1), algorithm, issuer, der.time(new Date("2030-01-01T00:00:00Z")), der.sequence(entry));
    const crl = parseCrl(der.sequence(tbs, algorithm, der.bitString(Uint8Array.of(0))));
    assert.deepEqual({ issuer: crl.issuer.text, thisUpdate: crl.thisUpdate.toISOString(), nextUpdate: crl.nextUpdate, revoked: crl.revokedCount }, { issuer: "CN=No Next", thisUpdate: "2030-01-01T00:00:00.000Z", nextUpdate: undefined, revoked: 1 });
  });
});
