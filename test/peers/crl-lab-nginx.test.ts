// Revocation end to end on real peers: a lab made with `pkilab init --crl`, a client revoked with
// `pkilab revoke`; OpenSSL reads and verifies every CRL and `openssl verify -crl_check_all` says
// "certificate revoked" (23) for the revoked client only; the block from `pkilab export --nginx`
// (with its ssl_crl) loaded in real nginx refuses the revoked client with "(23:certificate revoked)"
// in its log and answers the others with 200; after `pkilab crl` the answers are the same.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli, tempDir } from "../helpers/cli.js";
import { curl, freePort, startNginxWithBlock, type NginxServer } from "../helpers/nginx.js";
import { requireProgram, run } from "../helpers/peers.js";
import type { Manifest } from "../../src/pki/manifest.js";

const work = tempDir("crl-lab-nginx");
const lab = path.join(work, "lab");
after(() => rmSync(work, { recursive: true, force: true }));

const manifest = () => JSON.parse(readFileSync(path.join(lab, "manifest.json"), "utf8")) as Manifest;
const leafFiles = (id: string) => ({ cert: path.join(lab, id, "fullchain.pem"), key: path.join(lab, id, "key.pem") });
const CLIENTS = ["clients/alice", "clients/bob", "devices/dev-1"];

function cli(args: string[]): string {
  const result = runCli(args);
  assert.equal(result.code, 0, `pkilab ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

/** The revoked serials of a CRL file, as `openssl crl -text` prints them. */
function revokedSerials(file: string): string[] {
  const text = run("openssl", ["crl", "-in", file, "-noout", "-text"]);
  assert.equal(text.code, 0, text.stderr);
  return [...text.stdout.matchAll(/Serial Number: ([0-9A-F]+)/g)].map((m) => m[1]!);
}

before(() => {
  requireProgram("openssl");
  // Two intermediates: with ssl_crl nginx checks all three CAs (X509_V_FLAG_CRL_CHECK_ALL).
  cli(["init", lab, "--crl", "--intermediates", "2", "--server", "localhost,127.0.0.1", "--client", "alice", "--client", "bob", "--device", "dev-1"]);
  cli(["revoke", "client", "alice", "--lab", lab, "--reason", "keyCompromise"]);
});

describe("OpenSSL reads the lab's CRLs", () => {
  it("each CA's CRL: openssl crl -text reads it, -verify checks its signature against its CA", () => {
    const cas = manifest().certificates.filter((c) => c.role === "root" || c.role === "intermediate");
    assert.equal(manifest().crl?.issued.length, 3);
    for (const [i, ca] of cas.entries()) {
      const crl = path.join(lab, ca.id, "crl.pem");
      const text = run("openssl", ["crl", "-in", crl, "-noout", "-text"]);
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /Version 2 \(0x1\)/);
      assert.match(text.stdout, new RegExp(`Issuer: O = pkilab lab, CN = ${ca.name}`));
      assert.match(text.stdout, /X509v3 CRL Number: \n\s+2\n/);
      // -CAfile must hold the CA and what it chains to: the root and the intermediates above it.
      const anchors = path.join(work, `anchors-${i}.pem`);
      writeFileSync(anchors, cas.slice(0, i + 1).map((c) => readFileSync(path.join(lab, c.files.cert), "utf8")).join(""));
      const verify = run("openssl", ["crl", "-in", crl, "-noout", "-verify", "-CAfile", anchors]);
      assert.match(verify.stdout + verify.stderr, /verify OK/, verify.stderr);
    }
  });

  it("openssl verify -crl_check_all: OK for the good clients, error 23 for the revoked one", () => {
    for (const id of CLIENTS) {
      const result = run("openssl", ["verify", "-crl_check_all", "-CRLfile", path.join(lab, "crl.pem"), "-CAfile", path.join(lab, "ca.pem"), "-untrusted", path.join(lab, id, "chain.pem"), path.join(lab, id, "cert.pem")]);
      if (id === "clients/alice") {
        assert.notEqual(result.code, 0);
        assert.match(result.stdout + result.stderr, /error 23 at 0 depth lookup: certificate revoked/);
      } else {
        assert.equal(result.code, 0, result.stdout + result.stderr);
        assert.match(result.stdout, /: OK\n/);
      }
    }
  });
});

describe("nginx with the block from pkilab export --nginx", () => {
  let nginx: NginxServer | undefined;
  let port = 0;
  const ca = () => path.join(lab, "ca.pem");
  const resolve = () => `localhost:${port}:127.0.0.1`;

  async function exportAndStart(name: string): Promise<NginxServer> {
    await nginx?.stop();
    port = await freePort();
    const block = path.join(work, `${name}.conf`);
    cli(["export", "--nginx", "--lab", lab, "--listen", `127.0.0.1:${port}`, "-o", block]);
    assert.match(readFileSync(block, "utf8"), new RegExp(`\\n    ssl_crl ${path.join(lab, "crl.pem")};\\n`));
    nginx = await startNginxWithBlock(path.join(work, `nginx-${name}`), port, block);
    return nginx;
  }

  function expectAnswers(server: NginxServer): void {
    for (const id of CLIENTS) {
      const result = curl(`https://localhost:${port}/`, { ca: ca(), ...leafFiles(id), resolve: resolve() });
      if (id === "clients/alice") {
        // nginx answers 495 (certificate error), which the block's error_page turns into 403 with the reason.
        assert.equal(result.status, 403, result.stdout + result.stderr);
        assert.match(result.stdout, /client certificate rejected: FAILED:certificate revoked/);
      } else {
        assert.equal(result.status, 200, `${id}: ${result.stdout}${result.stderr}\n${server.errorLog()}`);
      }
    }
    assert.match(server.errorLog(), /client SSL certificate verify error: \(23:certificate revoked\)/);
    assert.equal(server.errorLog().match(/client SSL certificate verify error/g)?.length, 1, "only the revoked client fails");
  }

  before(() => requireProgram("nginx"));
  after(async () => nginx?.stop());

  it("the revoked client is refused with (23:certificate revoked), the others get 200", async () => {
    expectAnswers(await exportAndStart("revoked"));
  });

  it("after pkilab crl nothing changes but the dates and numbers", async () => {
    const before = manifest().crl;
    const serials = revokedSerials(path.join(lab, "crl.pem"));
    cli(["crl", "--lab", lab, "--days", "14"]);
    const after = manifest().crl;
    assert.deepEqual(revokedSerials(path.join(lab, "crl.pem")), serials);
    assert.deepEqual(after?.issued.map((c) => c.number), before?.issued.map((c) => c.number + 1));
    assert.deepEqual(after?.issued.map((c) => c.revoked), before?.issued.map((c) => c.revoked));
    expectAnswers(await exportAndStart("reissued"));
  });

  it("revoking the issuing intermediate refuses every client below it (error 23 at depth 1)", async () => {
    cli(["revoke", "intermediate", "intermediate-2", "--lab", lab, "--reason", "cACompromise"]);
    const server = await exportAndStart("ca-revoked");
    for (const id of CLIENTS) {
      const result = curl(`https://localhost:${port}/`, { ca: ca(), ...leafFiles(id), resolve: resolve() });
      assert.equal(result.status, 403, `${id}: ${result.stdout}${result.stderr}`);
    }
    assert.match(server.errorLog(), /\(23:certificate revoked\)/);
    const verify = run("openssl", ["verify", "-crl_check_all", "-CRLfile", path.join(lab, "crl.pem"), "-CAfile", ca(), "-untrusted", path.join(lab, "clients/bob/chain.pem"), path.join(lab, "clients/bob/cert.pem")]);
    assert.match(verify.stdout + verify.stderr, /error 23 at 1 depth lookup: certificate revoked/);
  });
});
