// The Go peer itself (test/peers/go/peer.go, built by test/helpers/go.ts with the system's Go): a
// good chain passes both modes, and a refused one comes back with Go's own error string.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { EKU } from "../../src/model/oids.js";
import { tempDir } from "../helpers/cli.js";
import { forge, type Forged } from "../helpers/forge.js";
import { goClient, goMtls, goVersion } from "../helpers/go.js";

const now = Date.now();
const ago = (ms: number) => new Date(now - ms);
const DAY = 86_400_000;

function write(dir: string, name: string, ...certs: Forged[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, certs.map((c) => c.pem).join(""));
  return file;
}

function writeKey(dir: string, name: string, cert: Forged): string {
  const file = path.join(dir, name);
  writeFileSync(file, cert.privateKey.export({ type: "pkcs8", format: "pem" }) as string);
  return file;
}

describe("Go peer harness", () => {
  const dir = tempDir("go-harness");
  const root = forge({ subject: { cn: "Harness Root" }, notBefore: ago(DAY), notAfter: ago(-365 * DAY), basicConstraints: { ca: true }, keyUsage: ["keyCertSign", "cRLSign"] });
  const ca = write(dir, "ca.pem", root);
  const leaf = (cn: string, eku: string[], dns?: string) =>
    forge({ subject: { cn }, issuer: root, notBefore: ago(DAY), notAfter: ago(-30 * DAY), keyUsage: ["digitalSignature"], extKeyUsage: eku, subjectAltNames: dns ? [{ dns }] : undefined });

  it("is the toolchain the profile's default assumes (Debian golang-go 1.19)", () => {
    assert.match(goVersion(), /^go1\.19(\.|$)/);
  });

  it("mtls: a clientAuth leaf from the trusted root passes", async () => {
    const client = leaf("client", [EKU.clientAuth]);
    const outcome = await goMtls({ cert: write(dir, "c1.pem", client), key: writeKey(dir, "c1.key", client), ca });
    assert.deepEqual(outcome, { ok: true });
  });

  it("mtls: a serverAuth-only leaf fails with Go's incompatible key usage", async () => {
    const client = leaf("client", [EKU.serverAuth]);
    const outcome = await goMtls({ cert: write(dir, "c2.pem", client), key: writeKey(dir, "c2.key", client), ca });
    assert.equal(outcome.ok, false);
    assert.equal(outcome.error, "tls: failed to verify client certificate: x509: certificate specifies an incompatible key usage");
    assert.equal(outcome.peerError, "remote error: tls: bad certificate");
  });

  it("client: the server's name is checked against --host", async () => {
    const server = leaf("server", [EKU.serverAuth], "service.example.com");
    const files = { cert: write(dir, "s.pem", server), key: writeKey(dir, "s.key", server), ca };
    assert.deepEqual(await goClient({ ...files, host: "service.example.com" }), { ok: true });
    const wrong = await goClient({ ...files, host: "other.example.com" });
    assert.equal(wrong.error, "x509: certificate is valid for service.example.com, not other.example.com");
  });
});
