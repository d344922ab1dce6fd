// The wolfSSL device harness (test/peers/wolfssl/harness.c) against Debian's libwolfssl-dev and
// `openssl s_server` on loopback, on a lab made by `pkilab init`. A missing gcc, libwolfssl-dev or
// openssl fails the test with the install hint; nothing skips.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli, tempDir } from "../helpers/cli.js";
import { requireProgram } from "../helpers/peers.js";
import { compileWolfsslHarness, runWolfsslHarness, startOpensslServer, wolfsslVersion, type WolfsslResult } from "../helpers/wolfssl.js";

const work = tempDir("wolfssl-harness");
after(() => rmSync(work, { recursive: true, force: true }));
const lab = path.join(work, "lab");
const server = (file: string) => path.join(lab, "servers", "localhost", file);
let harness: string;

const show = (r: WolfsslResult) => `exit ${r.code}\n${r.stdout}${r.stderr}`;

async function connect(args: string[]): Promise<WolfsslResult> {
  const s = await startOpensslServer({ cert: server("cert.pem"), key: server("key.pem"), chain: server("chain.pem") });
  try {
    return await runWolfsslHarness(harness, [`port=${s.port}`, ...args]);
  } finally {
    await s.stop();
  }
}

describe("wolfSSL harness (Debian libwolfssl-dev)", () => {
  before(async () => {
    requireProgram("openssl");
    const init = runCli(["init", lab, "--server", "localhost,127.0.0.1"]);
    assert.equal(init.code, 0, init.stderr);
    harness = await compileWolfsslHarness();
  });

  it("is built against wolfSSL 5.5.4 and reports the library's version", async () => {
    const r = await runWolfsslHarness(harness, [`ca=${path.join(lab, "ca.pem")}`]);
    assert.equal(wolfsslVersion(), "5.5.4");
    assert.match(r.stdout, /^wolfssl version=5\.5\.4$/m, show(r));
    assert.deepEqual(r.loads, [{ ret: 1, text: "" }], show(r));
  });

  it("completes a handshake with the lab root as CA and the host in the SAN", async () => {
    const r = await connect([`ca=${path.join(lab, "ca.pem")}`, "host=localhost"]);
    assert.equal(r.code, 0, show(r));
    assert.equal(r.handshakeRet, 1, show(r));
    assert.equal(r.err, 0, show(r));
  });

  it("fails with DOMAIN_NAME_MISMATCH (-322) on another host name (src/internal.c CheckHostName())", async () => {
    const r = await connect([`ca=${path.join(lab, "ca.pem")}`, "host=other.example"]);
    assert.equal(r.code, 1, show(r));
    assert.equal(r.err, -322, show(r));
    assert.equal(r.errText, "peer subject name mismatch", show(r));
  });

  it("fails with ASN_NO_SIGNER_E (-188) against an unrelated CA", async () => {
    const other = path.join(work, "other");
    assert.equal(runCli(["init", other, "--server", "localhost"]).code, 0);
    const r = await connect([`ca=${path.join(other, "ca.pem")}`]);
    assert.equal(r.err, -188, show(r));
  });

  it("fails with ECC_KEY_SIZE_E (-410) when the firmware raises the minimum ECC size above P-256", async () => {
    const r = await connect([`ca=${path.join(lab, "ca.pem")}`, "min_ecc=384"]);
    assert.equal(r.err, -410, show(r));
    assert.equal(r.errText, "ECC key too small", show(r));
  });

  it("prints wolfSSL_ERR_error_string for codes (errors=)", async () => {
    const r = await runWolfsslHarness(harness, ["errors=-151,-322"]);
    assert.equal(r.errorTexts.get(-151), "ASN date error, current date after", show(r));
    assert.equal(r.errorTexts.get(-322), "peer subject name mismatch", show(r));
  });
});
