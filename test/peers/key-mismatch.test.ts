// key-mismatch on the real peers: nginx refuses to start with a certificate and a key that do not
// belong together; curl refuses the pair as a client; an mbedTLS device (which does not check the
// pair) signs its CertificateVerify with the wrong key and nginx answers alert 51. And `pkilab lint
// --key` predicts each, and `pkilab explain` ties alert 51 back to the rule.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli, tempDir } from "../helpers/cli.js";
import { compileHarness, mbedtlsBuild, runHarness } from "../helpers/mbedtls.js";
import { curl, freePort, startNginx, startNginxWithBlock, type NginxServer } from "../helpers/nginx.js";
import type { ExplainResult } from "../../src/explain/explain.js";
import type { LintReport } from "../../src/lint/types.js";

const work = tempDir("key-mismatch");
const lab = path.join(work, "lab");
const at = (p: string) => path.join(lab, p);
after(() => rmSync(work, { recursive: true, force: true }));

/** The rule ids `pkilab lint` reports for this certificate and key. */
function lintRules(cert: string, key: string, peer: string): string[] {
  const result = runCli(["lint", cert, "--chain", at("intermediate-1/cert.pem"), "--ca", at("ca.pem"), "--for", peer, "--host", "localhost", "--key", key, "--json"]);
  assert.ok(result.code === 0 || result.code === 1, result.stderr);
  const report = JSON.parse(result.stdout) as LintReport;
  return report.findings.map((f) => f.rule);
}

describe("key-mismatch against the real nginx, curl and an mbedTLS device", () => {
  let nginx: NginxServer;
  before(async () => {
    assert.equal(runCli(["init", lab, "--server", "localhost", "--device", "dev-1", "--client", "alice"]).code, 0);
    const port = await freePort();
    const block = path.join(work, "mtls.conf");
    assert.equal(runCli(["export", "--nginx", "--lab", lab, "--listen", `127.0.0.1:${port}`, "-o", block]).code, 0);
    nginx = await startNginxWithBlock(path.join(work, "nginx"), port, block);
  });
  after(async () => nginx?.stop());

  it("nginx-server: nginx will not start with another certificate's key; lint says so, and not for the right key", async () => {
    assert.ok(lintRules(at("servers/localhost/cert.pem"), at("devices/dev-1/key.pem"), "nginx-server").includes("key-mismatch"));
    await assert.rejects(
      startNginx(path.join(work, "nginx-wrong-key"), `    ssl_certificate ${at("servers/localhost/fullchain.pem")};\n    ssl_certificate_key ${at("devices/dev-1/key.pem")};`),
      /key values mismatch/,
    );
    assert.ok(!lintRules(at("servers/localhost/cert.pem"), at("servers/localhost/key.pem"), "nginx-server").includes("key-mismatch"));
  });

  it("nginx-mtls: curl refuses the pair before connecting", () => {
    assert.ok(lintRules(at("clients/alice/cert.pem"), at("devices/dev-1/key.pem"), "nginx-mtls").includes("key-mismatch"));
    const result = curl(`https://localhost:${nginx.port}/`, { ca: at("ca.pem"), cert: at("clients/alice/fullchain.pem"), key: at("devices/dev-1/key.pem"), resolve: `localhost:${nginx.port}:127.0.0.1` });
    assert.equal(result.status, 0);
    assert.match(result.stderr, /private key/i);
    const good = curl(`https://localhost:${nginx.port}/`, { ca: at("ca.pem"), cert: at("clients/alice/fullchain.pem"), key: at("clients/alice/key.pem"), resolve: `localhost:${nginx.port}:127.0.0.1` });
    assert.equal(good.status, 200, good.stdout + good.stderr);
  });

  for (const line of ["2.28-system", "3.6"] as const) {
    it(`mbedtls ${line}: a device with another certificate's key gets alert 51 from nginx; explain names key-mismatch`, async () => {
      assert.ok(lintRules(at("devices/dev-1/cert.pem"), at("clients/alice/key.pem"), "mbedtls").includes("key-mismatch"));
      const bin = await compileHarness(await mbedtlsBuild(line));
      const result = await runHarness(bin, [`ca=${at("ca.pem")}`, `crt=${at("devices/dev-1/fullchain.pem")}`, `key=${at("clients/alice/key.pem")}`, `port=${nginx.port}`, "host=localhost", "request=GET /"]);
      assert.equal(result.alert, 51, result.stdout);
      const explained = JSON.parse(runCli(["explain", `alert ${result.alert}`, "--json"]).stdout) as ExplainResult;
      assert.ok(explained.explanations[0]!.rules.some((r) => r.id === "key-mismatch"), JSON.stringify(explained.explanations[0]!.rules));
    });
  }
});
