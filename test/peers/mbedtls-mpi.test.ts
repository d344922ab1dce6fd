// MBEDTLS_MPI_MAX_SIZE against the curves a device enables, on a real mbedTLS 2.28 build: the size
// must cover the largest curve the server may pick for ECDHE, not only the certificates' keys.
// Evidence for rule mbedtls-mpi-too-small-for-curves.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli, tempDir } from "../helpers/cli.js";
import { compileHarness, mbedtlsBuild, runHarness, startOpensslServer, type OpensslServer } from "../helpers/mbedtls.js";

const work = tempDir("mbedtls-mpi");
const lab = path.join(work, "lab");
after(() => rmSync(work, { recursive: true, force: true }));

describe("MBEDTLS_MPI_MAX_SIZE vs enabled curves (mbedTLS 2.28)", () => {
  let server: OpensslServer;
  const overrides = "#undef MBEDTLS_MPI_MAX_SIZE\n#define MBEDTLS_MPI_MAX_SIZE 64\n";
  before(async () => {
    assert.equal(runCli(["init", lab, "--root-key", "p256", "--intermediate-key", "p256", "--leaf-key", "p256", "--intermediates", "0", "--server", "localhost"]).code, 0);
    server = await startOpensslServer({ cert: path.join(lab, "servers/localhost/cert.pem"), key: path.join(lab, "servers/localhost/key.pem") });
  });
  after(async () => server?.stop());

  it("P-256 chain, MPI 64, default curves: the server picks secp521r1 and the handshake fails with -0x4F80; lint predicts it", async () => {
    const bin = await compileHarness(await mbedtlsBuild("2.28", overrides));
    const result = await runHarness(bin, [`ca=${path.join(lab, "ca.pem")}`, `port=${server.port}`, "host=localhost", "tls=1.2"]);
    assert.equal(result.handshakeRet, "-0x4F80", result.stdout);
    const user = path.join(work, "user.h");
    writeFileSync(user, overrides);
    const lint = runCli(["lint", path.join(lab, "servers/localhost/cert.pem"), "--ca", path.join(lab, "ca.pem"), "--mbedtls-config", "/usr/include/mbedtls/config.h", "--mbedtls-config", user, "--mbedtls-version", "2.28", "--json"]);
    assert.equal(lint.code, 1, lint.stdout);
    const findings = (JSON.parse(lint.stdout) as { findings: { rule: string; symptom?: string }[] }).findings;
    const hit = findings.find((f) => f.rule === "mbedtls-mpi-too-small-for-curves");
    assert.ok(hit && hit.symptom?.includes(result.handshakeRet!), JSON.stringify(findings));
  });

  it("the same build offering only P-256 completes the handshake", async () => {
    const bin = await compileHarness(await mbedtlsBuild("2.28", overrides));
    const result = await runHarness(bin, [`ca=${path.join(lab, "ca.pem")}`, `port=${server.port}`, "host=localhost", "tls=1.2", "curves=P-256"]);
    assert.equal(result.handshakeRet, "0", result.stdout);
  });
});
