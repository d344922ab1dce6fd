// The device side end to end, on real peers: firmware built with the header `pkilab export
// --c-array --include-key` writes (mbedTLS 2.28 and 3.6) talks mTLS to nginx configured by
// `pkilab export --nginx` and to `openssl s_server`; and seed 001 replayed: a device offering only
// P-256 meets a P-384 server, and `pkilab lint --client-hello` on the device's own debug log
// predicts the failure.
import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli, tempDir } from "../helpers/cli.js";
import { compileHarness, mbedtlsBuild, runHarness, startOpensslServer, type OpensslServer } from "../helpers/mbedtls.js";
import { freePort, startNginxWithBlock, type NginxServer } from "../helpers/nginx.js";
import type { LintReport } from "../../src/lint/types.js";

const work = tempDir("mbedtls-device");
const lab = path.join(work, "lab");
const at = (p: string) => path.join(lab, p);
after(() => rmSync(work, { recursive: true, force: true }));

describe("firmware with the exported header, against nginx and openssl", () => {
  let nginx: NginxServer;
  let server: OpensslServer;
  let header: string;
  before(async () => {
    assert.equal(runCli(["init", lab, "--server", "localhost,127.0.0.1", "--device", "dev-1"]).code, 0);
    header = path.join(work, "device_certs.h");
    const exported = runCli(["export", "--c-array", "--lab", lab, "--device", "dev-1", "--include-key", "-o", header]);
    assert.equal(exported.code, 0, exported.stderr);
    const port = await freePort();
    const block = path.join(work, "mtls.conf");
    assert.equal(runCli(["export", "--nginx", "--lab", lab, "--listen", `127.0.0.1:${port}`, "-o", block]).code, 0);
    nginx = await startNginxWithBlock(path.join(work, "nginx"), port, block);
    server = await startOpensslServer({ cert: at("servers/localhost/cert.pem"), key: at("servers/localhost/key.pem"), chain: at("servers/localhost/chain.pem") });
  });
  after(async () => {
    await nginx?.stop();
    await server?.stop();
  });

  for (const line of ["2.28-system", "3.6"] as const) {
    it(`${line}: every array parses, and nginx accepts the device's certificate (HTTP 200)`, async () => {
      const bin = await compileHarness(await mbedtlsBuild(line), ["-DPKILAB_HAS_CHAIN"], header);
      const result = await runHarness(bin, ["arrays=1", `port=${nginx.port}`, "host=localhost", "request=GET /"]);
      assert.match(result.stdout, /parse ca ret=0 count=1/);
      assert.match(result.stdout, /parse crt ret=0 count=2/);
      assert.match(result.stdout, /parse key ret=0/);
      assert.equal(result.handshakeRet, "0", result.stdout);
      assert.equal(result.httpStatus, 200, result.stdout);
      assert.match(result.stdout, /client certificate verified: CN=dev-1/);
    });

    it(`${line}: the device verifies openssl s_server presenting the lab's chain`, async () => {
      const bin = await compileHarness(await mbedtlsBuild(line), ["-DPKILAB_HAS_CHAIN"], header);
      const result = await runHarness(bin, ["arrays=1", `port=${server.port}`, "host=localhost"]);
      assert.equal(result.handshakeRet, "0", result.stdout);
    });
  }
});

describe("seed 001 replayed: the client offers only P-256, the server's certificate is P-384", () => {
  const p384 = path.join(work, "p384");
  const p256 = path.join(work, "p256");
  before(() => {
    for (const [dir, key] of [[p384, "p384"], [p256, "p256"]] as const) {
      assert.equal(runCli(["init", dir, "--root-key", "p384", "--intermediates", "0", "--leaf-key", key, "--server", "mail.example.test"]).code, 0);
    }
  });

  for (const [dir, verdict] of [[p384, "fails"], [p256, "works"]] as const) {
    it(`${path.basename(dir)} server: the handshake ${verdict}, and lint --client-hello on the device's own log agrees`, async () => {
      const server = await startOpensslServer({ cert: path.join(dir, "servers/mail.example.test/cert.pem"), key: path.join(dir, "servers/mail.example.test/key.pem") });
      try {
        const log = path.join(work, `${path.basename(dir)}-debug.log`);
        const bin = await compileHarness(await mbedtlsBuild("2.28-system"));
        const result = await runHarness(bin, [`ca=${path.join(dir, "ca.pem")}`, `port=${server.port}`, "host=mail.example.test", "curves=P-256", "tls=1.2", `debug_log=${log}`]);
        assert.match(readFileSync(log, "utf8"), /dumping 'output record sent to network'/);
        const lint = runCli(["lint", path.join(dir, "servers/mail.example.test/cert.pem"), "--client-hello", log, "--json"]);
        if (verdict === "fails") {
          assert.equal(result.handshakeRet, "-0x7780", result.stdout);
          assert.equal(result.alert, 40);
          assert.equal(lint.code, 1, lint.stdout + lint.stderr);
          const findings = (JSON.parse(lint.stdout) as LintReport).findings;
          assert.ok(findings.some((f) => f.rule === "client-hello-curve-not-offered" && f.symptom?.includes("alert 40")), JSON.stringify(findings));
        } else {
          assert.equal(result.handshakeRet, "0", result.stdout);
          assert.equal(lint.code, 0, lint.stdout + lint.stderr);
        }
      } finally {
        await server.stop();
      }
    });
  }
});
