// pkilab init against the real `openssl` CLI: every key type at every level, mixed hierarchies,
// 0 to 4 intermediates. Each lab's leaves must pass `openssl verify` for their own purpose and fail
// for the other one, and `openssl x509 -text` must show the profile's extensions.
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli, tempDir } from "../helpers/cli.js";
import { opensslVerify, requireProgram, run } from "../helpers/peers.js";
import type { Manifest, ManifestEntry } from "../../src/pki/manifest.js";
import { KEY_TYPE_INFO, type KeyType } from "../../src/pki/key-types.js";
import { rmSync } from "node:fs";

interface LabCase {
  root: KeyType;
  intermediate: KeyType;
  leaf: KeyType;
  intermediates: number;
}

const uniform = (["rsa2048", "rsa3072", "rsa4096", "p256", "p384", "p521"] as const).map(
  (k): LabCase => ({ root: k, intermediate: k, leaf: k, intermediates: 1 }),
);
const mixed: LabCase[] = [
  { root: "rsa4096", intermediate: "p384", leaf: "p256", intermediates: 2 },
  { root: "p521", intermediate: "p521", leaf: "p521", intermediates: 4 },
  { root: "rsa2048", intermediate: "p256", leaf: "p256", intermediates: 0 },
  { root: "rsa3072", intermediate: "p521", leaf: "rsa2048", intermediates: 3 },
  { root: "p256", intermediate: "rsa4096", leaf: "p384", intermediates: 1 },
  { root: "p384", intermediate: "rsa2048", leaf: "p521", intermediates: 2 },
];

const EXPECTED_SIG: Record<KeyType, string> = {
  rsa2048: "sha256WithRSAEncryption",
  rsa3072: "sha256WithRSAEncryption",
  rsa4096: "sha256WithRSAEncryption",
  p256: "ecdsa-with-SHA256",
  p384: "ecdsa-with-SHA384",
  p521: "ecdsa-with-SHA512",
};

function keyText(type: KeyType): RegExp {
  const info = KEY_TYPE_INFO[type];
  return info.family === "rsa" ? new RegExp(`Public-Key: \\(${info.bits} bit\\)`) : new RegExp(`NIST CURVE: ${info.namedCurve}`);
}

const work = tempDir("openssl-init");
after(() => rmSync(work, { recursive: true, force: true }));
before(() => requireProgram("openssl"));

for (const lab of [...uniform, ...mixed]) {
  const label = `${lab.root}/${lab.intermediate}/${lab.leaf} with ${lab.intermediates} intermediate(s)`;
  describe(`lab ${label}`, () => {
    const dir = path.join(work, `${lab.root}-${lab.intermediate}-${lab.leaf}-${lab.intermediates}`);
    let manifest: Manifest;
    const entry = (id: string): ManifestEntry => manifest.certificates.find((c) => c.id === id)!;
    const untrusted = (e: ManifestEntry) => (e.files.chain ? ["-untrusted", e.files.chain] : []);
    const x509Text = (e: ManifestEntry) => run("openssl", ["x509", "-in", e.files.cert, "-noout", "-text"], { cwd: dir }).stdout;

    before(() => {
      const result = runCli([
        "init", dir, "--json",
        "--root-key", lab.root, "--intermediate-key", lab.intermediate, "--leaf-key", lab.leaf,
        "--intermediates", String(lab.intermediates),
        "--server", "localhost,127.0.0.1,::1", "--client", "alice", "--device", "dev-1",
      ]);
      assert.equal(result.code, 0, result.stderr);
      manifest = JSON.parse(result.stdout) as Manifest;
    });

    it("manifest lists root, intermediates and the three leaves", () => {
      assert.deepEqual(
        manifest.certificates.map((c) => c.id),
        ["root", ...Array.from({ length: lab.intermediates }, (_, i) => `intermediate-${i + 1}`), "servers/localhost", "clients/alice", "devices/dev-1"],
      );
    });

    it("server leaf: sslserver passes for its names, sslclient fails with error 26", () => {
      const server = entry("servers/localhost");
      for (const name of [["-verify_hostname", "localhost"], ["-verify_ip", "127.0.0.1"], ["-verify_ip", "::1"]]) {
        const ok = opensslVerify(["-CAfile", "ca.pem", ...untrusted(server), "-purpose", "sslserver", ...name, server.files.cert], dir);
        assert.equal(ok.code, 0, `${name.join(" ")}: ${ok.stdout}${ok.stderr}`);
      }
      const wrongHost = opensslVerify(["-CAfile", "ca.pem", ...untrusted(server), "-purpose", "sslserver", "-verify_hostname", "other.example", server.files.cert], dir);
      assert.notEqual(wrongHost.code, 0);
      assert.match(wrongHost.stdout + wrongHost.stderr, /error 62 at 0 depth lookup: hostname mismatch/);
      const asClient = opensslVerify(["-CAfile", "ca.pem", ...untrusted(server), "-purpose", "sslclient", server.files.cert], dir);
      assert.notEqual(asClient.code, 0);
      assert.match(asClient.stdout + asClient.stderr, /error 26 at 0 depth/);
    });

    for (const id of ["clients/alice", "devices/dev-1"]) {
      it(`${id}: sslclient passes, sslserver fails with error 26`, () => {
        const leaf = entry(id);
        const ok = opensslVerify(["-CAfile", "ca.pem", ...untrusted(leaf), "-purpose", "sslclient", leaf.files.cert], dir);
        assert.equal(ok.code, 0, ok.stdout + ok.stderr);
        const asServer = opensslVerify(["-CAfile", "ca.pem", ...untrusted(leaf), "-purpose", "sslserver", leaf.files.cert], dir);
        assert.notEqual(asServer.code, 0);
        assert.match(asServer.stdout + asServer.stderr, /error 26 at 0 depth/);
      });
    }

    it("root: CA critical without pathlen, keyCertSign+cRLSign critical, SKI, no EKU, no AKI", () => {
      const text = x509Text(entry("root"));
      assert.match(text, /Basic Constraints: critical\s+CA:TRUE\n/);
      assert.match(text, /Key Usage: critical\s+Certificate Sign, CRL Sign\n/);
      assert.match(text, /Subject Key Identifier/);
      assert.doesNotMatch(text, /Extended Key Usage|Authority Key Identifier/);
      assert.match(text, keyText(lab.root));
      assert.match(text, new RegExp(`Signature Algorithm: ${EXPECTED_SIG[lab.root]}`));
    });

    it("intermediates: CA critical with pathlen = CAs below, EKU serverAuth+clientAuth, AKI = issuer SKI, hash of the issuer key", () => {
      for (let i = 1; i <= lab.intermediates; i++) {
        const ca = entry(`intermediate-${i}`);
        const text = x509Text(ca);
        assert.match(text, new RegExp(`Basic Constraints: critical\\s+CA:TRUE, pathlen:${lab.intermediates - i}\\n`));
        assert.match(text, /Key Usage: critical\s+Certificate Sign, CRL Sign\n/);
        assert.match(text, /Extended Key Usage: \s+TLS Web Server Authentication, TLS Web Client Authentication/);
        const issuer = entry(i === 1 ? "root" : `intermediate-${i - 1}`);
        assert.match(text, new RegExp(`Authority Key Identifier: \\s+${colonHex(issuer.keyId)}`));
        assert.match(text, new RegExp(`Signature Algorithm: ${EXPECTED_SIG[issuer.key]}`));
        assert.match(text, keyText(lab.intermediate));
      }
    });

    it("leaves: CA:FALSE, the role's KU and EKU, SANs, signed with the issuing CA's hash", () => {
      const issuingKey = lab.intermediates > 0 ? lab.intermediate : lab.root;
      const server = x509Text(entry("servers/localhost"));
      assert.match(server, /Version: 3 \(0x2\)/);
      assert.match(server, /Basic Constraints: critical\s+CA:FALSE/);
      const serverKu = KEY_TYPE_INFO[lab.leaf].family === "rsa" ? "Digital Signature, Key Encipherment" : "Digital Signature";
      assert.match(server, new RegExp(`Key Usage: critical\\s+${serverKu}\\n`));
      assert.match(server, /Extended Key Usage: \s+TLS Web Server Authentication\n/);
      assert.match(server, /DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1/);
      assert.match(server, new RegExp(`Signature Algorithm: ${EXPECTED_SIG[issuingKey]}`));
      assert.match(server, keyText(lab.leaf));
      for (const id of ["clients/alice", "devices/dev-1"]) {
        const text = x509Text(entry(id));
        assert.match(text, /Basic Constraints: critical\s+CA:FALSE/);
        assert.match(text, /Key Usage: critical\s+Digital Signature\n/);
        assert.match(text, /Extended Key Usage: \s+TLS Web Client Authentication\n/);
        assert.match(text, keyText(lab.leaf));
      }
    });

    it("serials are positive with at least 64 random bits; notBefore is backdated a few minutes", () => {
      const serials = new Set<string>();
      for (const cert of manifest.certificates) {
        const out = run("openssl", ["x509", "-in", cert.files.cert, "-noout", "-serial", "-startdate"], { cwd: dir }).stdout;
        const serial = /serial=([0-9A-F]+)/.exec(out)![1]!;
        assert.ok(serial.length >= 16 && serial.length <= 40, `serial ${serial}`);
        assert.ok(parseInt(serial[0]!, 16) < 8, "positive: top bit clear");
        serials.add(serial);
        const notBefore = new Date(/notBefore=(.*)/.exec(out)![1]!);
        const skewMinutes = (Date.now() - notBefore.getTime()) / 60000;
        assert.ok(skewMinutes >= 4 && skewMinutes < 30, `notBefore ${notBefore.toISOString()} is ${skewMinutes.toFixed(1)} minutes ago`);
      }
      assert.equal(serials.size, manifest.certificates.length, "serials are unique");
    });

    it("key.pem files are PKCS#8, mode 0600, and match their certificates", () => {
      for (const cert of manifest.certificates) {
        const keyPath = path.join(dir, cert.files.key);
        assert.equal(statSync(keyPath).mode & 0o777, 0o600, keyPath);
        assert.match(readFileSync(keyPath, "utf8"), /^-----BEGIN PRIVATE KEY-----\n/);
        const fromKey = run("openssl", ["pkey", "-in", cert.files.key, "-pubout"], { cwd: dir });
        const fromCert = run("openssl", ["x509", "-in", cert.files.cert, "-noout", "-pubkey"], { cwd: dir });
        assert.equal(fromKey.code, 0, fromKey.stderr);
        assert.equal(fromKey.stdout, fromCert.stdout, `${cert.id}: key does not match certificate`);
      }
    });
  });
}

function colonHex(hex: string): string {
  return hex.toUpperCase().match(/../g)!.join(":");
}
