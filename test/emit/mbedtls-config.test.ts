// pkilab export --mbedtls-config, proven on a real mbedTLS 2.28 build: a deliberately bare base
// config (no curves, no certificate key exchange, no SHA-384) plus exactly the exported lines must
// complete a TLS handshake with the lab's server; dropping one exported curve must break it.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli, tempDir } from "../helpers/cli.js";
import { compileHarness, mbedtlsBuild, runHarness, startOpensslServer, type OpensslServer } from "../helpers/mbedtls.js";

const work = tempDir("mbedtls-config");
const lab = path.join(work, "lab");
after(() => rmSync(work, { recursive: true, force: true }));

/** A 2.28 user config that takes away everything the lab's chain needs (it is applied first). */
const BARE_BASE = [
  ...["SECP192R1", "SECP224R1", "SECP256R1", "SECP384R1", "SECP521R1", "SECP192K1", "SECP224K1", "SECP256K1", "BP256R1", "BP384R1", "BP512R1", "CURVE25519", "CURVE448"].map((c) => `#undef MBEDTLS_ECP_DP_${c}_ENABLED`),
  ...["ECDHE_ECDSA", "ECDHE_RSA", "DHE_RSA", "RSA", "ECDH_ECDSA", "ECDH_RSA", "ECDHE_PSK", "DHE_PSK", "RSA_PSK", "ECJPAKE"].map((k) => `#undef MBEDTLS_KEY_EXCHANGE_${k}_ENABLED`),
  "#undef MBEDTLS_SHA512_C",
  // Something must stay so the library builds: pre-shared keys need no certificate.
  "#define MBEDTLS_KEY_EXCHANGE_PSK_ENABLED",
  "",
].join("\n");

describe("export --mbedtls-config on a real mbedTLS 2.28 build", () => {
  let server: OpensslServer;
  let exported = "";
  before(async () => {
    assert.equal(runCli(["init", lab, "--root-key", "rsa2048", "--intermediate-key", "p384", "--leaf-key", "p256", "--server", "localhost", "--device", "dev-1"]).code, 0);
    const result = runCli(["export", "--mbedtls-config", "--lab", lab, "--mbedtls-version", "2.28"]);
    assert.equal(result.code, 0, result.stderr);
    exported = result.stdout;
    server = await startOpensslServer({ cert: path.join(lab, "servers/localhost/cert.pem"), key: path.join(lab, "servers/localhost/key.pem"), chain: path.join(lab, "servers/localhost/chain.pem") });
  });
  after(async () => server?.stop());

  it("names what the lab's chains need, each with a reason", () => {
    for (const macro of ["MBEDTLS_ECP_DP_SECP256R1_ENABLED", "MBEDTLS_ECP_DP_SECP384R1_ENABLED", "MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED", "MBEDTLS_RSA_C", "MBEDTLS_SHA512_C", "MBEDTLS_MPI_MAX_SIZE 256", "MBEDTLS_ECP_MAX_BITS 384", "MBEDTLS_SSL_IN_CONTENT_LEN", "MBEDTLS_SSL_OUT_CONTENT_LEN"]) {
      assert.match(exported, new RegExp(`#define ${macro}`), macro);
    }
    assert.match(exported, /\/\* Curves of every key/);
  });

  it("bare base + the exported lines: the handshake with the lab's server completes", async () => {
    const bin = await compileHarness(await mbedtlsBuild("2.28", BARE_BASE + exported));
    const result = await runHarness(bin, [`ca=${path.join(lab, "ca.pem")}`, `port=${server.port}`, "host=localhost", "tls=1.2"]);
    assert.equal(result.handshakeRet, "0", result.stdout);
  });

  it("without the exported P-384 line the chain no longer loads", async () => {
    const withoutP384 = exported.replace(/^#define MBEDTLS_ECP_DP_SECP384R1_ENABLED.*$/m, "");
    const bin = await compileHarness(await mbedtlsBuild("2.28", BARE_BASE + withoutP384));
    const result = await runHarness(bin, [`ca=${path.join(lab, "ca.pem")}`, `port=${server.port}`, "host=localhost", "tls=1.2"]);
    assert.notEqual(result.handshakeRet, "0", result.stdout);
  });

  it("pkilab lint with the bare base as the device config predicts the failure, and passes with the exported lines", () => {
    // The device's effective config: the stock 2.28 header, the bare overrides, then the exported lines.
    const stock = "/usr/include/mbedtls/config.h";
    const bare = path.join(work, "bare-overrides.h");
    const full = path.join(work, "exported.h");
    writeFileSync(bare, BARE_BASE);
    writeFileSync(full, exported);
    const args = ["lint", path.join(lab, "servers/localhost/fullchain.pem"), "--ca", path.join(lab, "ca.pem"), "--mbedtls-version", "2.28", "--host", "localhost", "--json"];
    const broken = runCli([...args, "--mbedtls-config", stock, "--mbedtls-config", bare]);
    assert.equal(broken.code, 1, broken.stdout);
    const rules = (JSON.parse(broken.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
    assert.ok(rules.includes("mbedtls-curve-not-enabled") && rules.includes("mbedtls-no-key-exchange"), rules.join(", "));
    const fixed = runCli([...args, "--mbedtls-config", stock, "--mbedtls-config", bare, "--mbedtls-config", full]);
    assert.equal(fixed.code, 0, fixed.stdout);
  });
});
