// CRLs written by src/pki/crl.ts and the lab's revocation bookkeeping (src/pki/lab-crl.ts), read
// back by pkilab's own CRL parser (src/model/crl.ts) and by `openssl crl`.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { parseCrl } from "../../src/model/crl.js";
import { InputError } from "../../src/io/input-error.js";
import { BACKDATE_MS, buildCertificate, selfIssuer } from "../../src/pki/certificate.js";
import { buildCrl } from "../../src/pki/crl.js";
import { generateKeyPair } from "../../src/pki/keys.js";
import { reissueCrls, revokeInLab } from "../../src/pki/lab-crl.js";
import { resolveSpec } from "../../src/pki/lab-spec.js";
import { createLab } from "../../src/pki/lab.js";
import { readManifest, renderManifest } from "../../src/pki/manifest.js";
import { rootProfile } from "../../src/pki/profiles/root.js";
import { tempDir } from "../helpers/cli.js";
import { requireProgram, run } from "../helpers/peers.js";

const work = tempDir("pki-crl");
after(() => rmSync(work, { recursive: true, force: true }));

describe("buildCrl", () => {
  for (const type of ["p256", "p384", "rsa2048", "p521"] as const) {
    it(`${type}: a v2 CRL with AKI, cRLNumber and reason codes that openssl reads and verifies`, async () => {
      const keys = await generateKeyPair(type);
      const name = { cn: `CRL Test ${type}`, org: "Test Org" };
      const issuer = selfIssuer(name, keys.privateKey, keys.publicKey, type);
      const ca = buildCertificate({ subject: name, publicKey: keys.publicKey, issuer, profile: rootProfile(), notBefore: new Date("2026-01-01T00:00:00Z"), notAfter: new Date("2036-01-01T00:00:00Z") });
      const thisUpdate = new Date("2026-06-01T10:00:00.900Z");
      const nextUpdate = new Date("2026-07-01T10:00:00Z");
      const crl = buildCrl({
        issuer,
        number: 7,
        thisUpdate,
        nextUpdate,
        revoked: [
          { serial: "00ff01", revocationDate: new Date("2026-05-31T00:00:00Z"), reason: "keyCompromise" },
          { serial: "7f0203", revocationDate: new Date("2026-05-30T00:00:00Z") },
        ],
      });

      const facts = parseCrl(crl.der);
      assert.equal(facts.issuer.text, `CN=CRL Test ${type}, O=Test Org`);
      assert.equal(facts.thisUpdate.toISOString(), "2026-06-01T10:00:00.000Z", "whole seconds");
      assert.equal(facts.nextUpdate?.toISOString(), nextUpdate.toISOString());
      assert.equal(facts.revokedCount, 2);

      requireProgram("openssl");
      const crlFile = path.join(work, `${type}-crl.pem`);
      const caFile = path.join(work, `${type}-ca.pem`);
      writeFileSync(crlFile, crl.pem);
      writeFileSync(caFile, ca.pem);
      const text = run("openssl", ["crl", "-in", crlFile, "-noout", "-text"]);
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /Version 2 \(0x1\)/);
      assert.match(text.stdout, /X509v3 CRL Number: \n\s+7\n/);
      assert.match(text.stdout, new RegExp(`keyid:${ca.keyId.toUpperCase().match(/../g)!.join(":")}|${ca.keyId.toUpperCase().match(/../g)!.join(":")}`));
      assert.match(text.stdout, /Serial Number: FF01\n\s+Revocation Date: May 31 00:00:00 2026 GMT\n\s+CRL entry extensions:\n\s+X509v3 CRL Reason Code: \n\s+Key Compromise/);
      assert.match(text.stdout, /Serial Number: 7F0203\n\s+Revocation Date: May 30 00:00:00 2026 GMT\n\s+Serial Number|Serial Number: 7F0203\n\s+Revocation Date: May 30 00:00:00 2026 GMT\n\s+Signature Algorithm/);
      const verify = run("openssl", ["crl", "-in", crlFile, "-noout", "-verify", "-CAfile", caFile]);
      assert.match(verify.stdout + verify.stderr, /verify OK/);
    });
  }

  it("no revoked certificates: the list is absent (RFC 5280 5.1.2.6)", async () => {
    const keys = await generateKeyPair("p256");
    const name = { cn: "Empty", org: "Test Org" };
    const crl = buildCrl({ issuer: selfIssuer(name, keys.privateKey, keys.publicKey, "p256"), number: 1, thisUpdate: new Date("2026-01-01T00:00:00Z"), nextUpdate: new Date("2026-01-08T00:00:00Z"), revoked: [] });
    assert.equal(parseCrl(crl.der).revokedCount, 0);
    const file = path.join(work, "empty-crl.pem");
    writeFileSync(file, crl.pem);
    assert.match(run("openssl", ["crl", "-in", file, "-noout", "-text"]).stdout, /No Revoked Certificates/);
  });
});

describe("lab CRLs", () => {
  const now = new Date("2026-03-01T12:00:00Z");
  const spec = resolveSpec({}, { clients: ["alice", "bob"], devices: ["dev-1"], intermediates: 2 }, "test");

  it("init --crl: one empty CRL per CA, backdated like notBefore, and the bundle", async () => {
    const lab = path.join(work, "lab-init");
    const manifest = await createLab(spec, lab, { now, crlDays: 10 });
    assert.deepEqual(manifest.crl?.issued.map((c) => [c.ca, c.file, c.number, c.revoked]), [
      ["root", "root/crl.pem", 1, 0],
      ["intermediate-1", "intermediate-1/crl.pem", 1, 0],
      ["intermediate-2", "intermediate-2/crl.pem", 1, 0],
    ]);
    const thisUpdate = new Date(now.getTime() - BACKDATE_MS);
    for (const issued of manifest.crl?.issued ?? []) {
      const facts = parseCrl(pemToDer(readFileSync(path.join(lab, issued.file), "utf8"))[0]!);
      assert.equal(facts.thisUpdate.toISOString(), thisUpdate.toISOString());
      assert.equal(facts.nextUpdate?.toISOString(), new Date(thisUpdate.getTime() + 10 * 86_400_000).toISOString());
      assert.equal(issued.nextUpdate, facts.nextUpdate?.toISOString());
    }
    assert.equal(pemToDer(readFileSync(path.join(lab, "crl.pem"), "utf8")).length, 3);
    assert.deepEqual(await readManifest(lab), manifest, "the manifest reads back as written");
  });

  it("revoke: the issuing CA's CRL lists the leaf, the root's the intermediate; numbers increase; twice or unknown is an InputError", async () => {
    const lab = path.join(work, "lab-revoke");
    const made = await createLab(spec, lab, { now });
    assert.equal(made.crl, undefined, "no CRLs without --crl");
    const alice = made.certificates.find((c) => c.id === "clients/alice")!;
    const first = await revokeInLab(lab, { role: "client", name: "alice", reason: "keyCompromise" }, { now });
    assert.deepEqual(first.revocation, { id: "clients/alice", serial: alice.serial, issuer: "intermediate-2", date: now.toISOString(), reason: "keyCompromise" });
    assert.equal(first.manifest.crl?.days, 30, "the default");
    const second = await revokeInLab(lab, { role: "intermediate", name: "intermediate-2" }, { now, days: 3 });
    const byCa = Object.fromEntries((second.manifest.crl?.issued ?? []).map((c) => [c.ca, c]));
    assert.deepEqual([byCa["root"]?.number, byCa["intermediate-1"]?.number, byCa["intermediate-2"]?.number], [2, 2, 2]);
    assert.deepEqual([byCa["root"]?.revoked, byCa["intermediate-1"]?.revoked, byCa["intermediate-2"]?.revoked], [0, 1, 1], "intermediate-2 is on its issuer's CRL");

    await assert.rejects(revokeInLab(lab, { role: "client", name: "alice" }, { now }), (err: unknown) => err instanceof InputError && /already revoked/.test(err.message));
    await assert.rejects(revokeInLab(lab, { role: "client", name: "carol" }, { now }), (err: unknown) => err instanceof InputError && /no client with that name .* the lab has alice, bob/.test(err.message));
    await assert.rejects(revokeInLab(lab, { role: "device", name: "alice" }, { now }), InputError);

    const again = await reissueCrls(lab, { now: new Date(now.getTime() + 86_400_000) });
    assert.equal(again.crl?.days, 3, "pkilab crl keeps the lab's --days");
    assert.deepEqual(again.crl?.issued.map((c) => c.number), [3, 3, 3]);
    assert.equal(again.revocations?.length, 2);
  });

  it("a manifest written before revocation existed is still read, and pkilab crl adds CRLs to it", async () => {
    const lab = path.join(work, "lab-old");
    const made = await createLab(spec, lab, { now, crlDays: 5 });
    const { crl: _crl, revocations: _revocations, ...old } = made;
    writeFileSync(path.join(lab, "manifest.json"), renderManifest(old));
    assert.equal((await readManifest(lab)).crl, undefined);
    const updated = await reissueCrls(lab, { now });
    assert.deepEqual(updated.crl?.issued.map((c) => c.number), [1, 1, 1]);
  });
});

function pemToDer(text: string): Uint8Array[] {
  return [...text.matchAll(/-----BEGIN X509 CRL-----([^-]+)-----END X509 CRL-----/g)].map((m) => new Uint8Array(Buffer.from(m[1]!, "base64")));
}
