// `pkilab export --c-array --for wolfssl`: the header compiled into the wolfSSL harness
// (test/peers/wolfssl/harness.c, arrays=1) against Debian's libwolfssl 5.5.4, its trust anchors
// loaded with wolfSSL_CTX_load_verify_buffer(ctx, NAME, sizeof_NAME, format) and a real handshake
// against openssl s_server: PEM (one array, every certificate loaded), DER (one array each), and a
// split .h/.c export.
import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli, tempDir } from "../helpers/cli.js";
import { requireProgram } from "../helpers/peers.js";
import { compileWolfsslHarness, runWolfsslHarness, startOpensslServer, type WolfsslResult } from "../helpers/wolfssl.js";

const work = tempDir("wolfssl-export");
after(() => rmSync(work, { recursive: true, force: true }));
const labA = path.join(work, "lab-a");
const labB = path.join(work, "lab-b");
const server = (lab: string, file: string) => path.join(lab, "servers", "localhost", file);
const show = (r: WolfsslResult) => `exit ${r.code}\n${r.stdout}${r.stderr}`;

function exportHeader(name: string, args: string[]): string {
  const out = path.join(work, name);
  const r = runCli(["export", "--c-array", "--for", "wolfssl", ...args, "-o", out]);
  assert.equal(r.code, 0, r.stderr);
  return out;
}

async function handshake(harness: string, lab: string): Promise<WolfsslResult> {
  const s = await startOpensslServer({ cert: server(lab, "cert.pem"), key: server(lab, "key.pem"), chain: server(lab, "chain.pem") });
  try {
    return await runWolfsslHarness(harness, ["arrays=1", `port=${s.port}`, "host=localhost"]);
  } finally {
    await s.stop();
  }
}

describe("export --c-array --for wolfssl, loaded by libwolfssl 5.5.4", () => {
  before(() => {
    requireProgram("openssl");
    for (const lab of [labA, labB]) assert.equal(runCli(["init", lab, "--server", "localhost"]).code, 0);
  });

  it("names arrays and sizes as wolfSSL's certs_test.h does", () => {
    const header = readFileSync(exportHeader("names.h", ["--ca", path.join(labA, "ca.pem"), "--der"]), "utf8");
    assert.match(header, /^static const unsigned char pkilab_ca_der\[\] = \{$/m);
    assert.match(header, /^static const int sizeof_pkilab_ca_der = sizeof\(pkilab_ca_der\);$/m);
    assert.match(header, /wolfSSL_CTX_load_verify_buffer\(ctx, pkilab_ca_der, sizeof_pkilab_ca_der, WOLFSSL_FILETYPE_ASN1\)/);
  });

  it("PEM: one array holds both roots; wolfSSL loads every certificate of it (a handshake under each)", async () => {
    const header = exportHeader("pem.h", ["--ca", path.join(labA, "ca.pem"), "--ca", path.join(labB, "ca.pem")]);
    const harness = await compileWolfsslHarness({ header, caArray: "pkilab_ca_pem", caFormat: "WOLFSSL_FILETYPE_PEM" });
    for (const lab of [labA, labB]) {
      const r = await handshake(harness, lab);
      assert.deepEqual(r.loads, [{ ret: 1, text: "" }], show(r));
      assert.equal(r.handshakeRet, 1, show(r));
    }
  });

  it("DER: the root's array with WOLFSSL_FILETYPE_ASN1; another lab's server fails with -188", async () => {
    const header = exportHeader("der.h", ["--ca", path.join(labA, "ca.pem"), "--der"]);
    const harness = await compileWolfsslHarness({ header, caArray: "pkilab_ca_der", caFormat: "WOLFSSL_FILETYPE_ASN1" });
    const ok = await handshake(harness, labA);
    assert.equal(ok.handshakeRet, 1, show(ok));
    const other = await handshake(harness, labB);
    assert.equal(other.err, -188, show(other));
  });

  it("--source: extern declarations in the .h, definitions in the .c, linked together", async () => {
    const header = exportHeader("split.h", ["--ca", path.join(labA, "ca.pem"), "--der", "--name", "fleet", "--source"]);
    const text = readFileSync(header, "utf8");
    assert.match(text, /^extern const int sizeof_fleet_ca_der;$/m);
    const harness = await compileWolfsslHarness({ header, caArray: "fleet_ca_der", caFormat: "WOLFSSL_FILETYPE_ASN1", sources: [header.replace(/\.h$/, ".c")] });
    const r = await handshake(harness, labA);
    assert.equal(r.handshakeRet, 1, show(r));
  });
});
