// The mbedTLS CRL table (src/knowledge/mbedtls-crl.ts) against the real libraries: every scenario,
// on every device of the table (Debian's 2.28.3, 3.6.6, each without MBEDTLS_HAVE_TIME_DATE, and
// 2.28 without MBEDTLS_X509_CHECK_KEY_USAGE), runs a device-side program that loads the CRLs with
// mbedtls_x509_crl_parse_file() and calls mbedtls_x509_crt_verify(chain, root, crls); the flags
// must be the table's, so the table cannot drift from the library. The PKI and the CRLs are made
// with openssl (`openssl ca -gencrl`), with dates relative to now.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { MBEDTLS_VERIFY_FLAGS } from "../../src/knowledge/mbedtls-errors.js";
import { CRL_FLAGS, MBEDTLS_CERT_VERIFY_FAILED, MBEDTLS_CRL_DEVICES, MBEDTLS_CRL_SCENARIOS, type MbedtlsCrlDevice } from "../../src/knowledge/mbedtls-crl.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { mbedtlsBuild, type MbedtlsBuild } from "../helpers/mbedtls.js";
import { makeMbedtlsCrlPki } from "../helpers/openssl-crl-pki.js";
import { requireProgram } from "../helpers/peers.js";

const work = tempDir("crl-mbedtls");
/** Device × scenario → flags seen, printed at the end (the table a reviewer reads). */
const seen: string[] = [];
after(() => {
  console.log(seen.join("\n"));
  rmSync(work, { recursive: true, force: true });
});

// The same bytes as the "no-have-time-date" variant of test/helpers/mbedtls-scenarios.ts: both tests share the cached build.
const NO_TIME_DATE = "/* pkilab mbedtls-lint variant: no-have-time-date */\n#undef MBEDTLS_HAVE_TIME_DATE\n";
const NO_CHECK_KEY_USAGE = "/* pkilab mbedtls-crl variant: no X509_CHECK_KEY_USAGE */\n#undef MBEDTLS_X509_CHECK_KEY_USAGE\n";

const BUILDS: Record<MbedtlsCrlDevice, () => Promise<MbedtlsBuild>> = {
  "2.28": () => mbedtlsBuild("2.28-system"),
  "3.6": () => mbedtlsBuild("3.6"),
  "2.28 no HAVE_TIME_DATE": () => mbedtlsBuild("2.28", NO_TIME_DATE),
  "3.6 no HAVE_TIME_DATE": () => mbedtlsBuild("3.6", NO_TIME_DATE),
  "2.28 no X509_CHECK_KEY_USAGE": () => mbedtlsBuild("2.28", NO_CHECK_KEY_USAGE),
};

const PROGRAM = `
#include <stdio.h>
#include <stdint.h>
#include <mbedtls/x509_crt.h>
#include <mbedtls/x509_crl.h>

/* crl-verify ROOT CHAIN [CRL...]: "crl ret=N" per CRL file, then "verify ret=N flags=0xX". */
int main(int argc, char **argv) {
  if (argc < 3) return 2;
  mbedtls_x509_crt root, chain;
  mbedtls_x509_crl crls;
  mbedtls_x509_crt_init(&root); mbedtls_x509_crt_init(&chain); mbedtls_x509_crl_init(&crls);
  if (mbedtls_x509_crt_parse_file(&root, argv[1]) != 0 || mbedtls_x509_crt_parse_file(&chain, argv[2]) != 0) return 2;
  for (int i = 3; i < argc; i++) {
    int ret = mbedtls_x509_crl_parse_file(&crls, argv[i]);
    printf("crl ret=%d\\n", ret);
    if (ret != 0) return 3;
  }
  uint32_t flags = 0;
  int ret = mbedtls_x509_crt_verify(&chain, &root, argc > 3 ? &crls : NULL, NULL, &flags, NULL, NULL);
  printf("verify ret=%d flags=0x%x\\n", ret, (unsigned) flags);
  return 0;
}
`;

const { root, chains, scenarios } = makeMbedtlsCrlPki(path.join(work, "pki"), "v_leaf");

const hex = (flags: number): string => `0x${flags.toString(16)}`;

describe("the mbedTLS CRL table", () => {
  it("has at least 8 scenarios, each with files here, and names only flags explain knows", () => {
    assert.ok(MBEDTLS_CRL_SCENARIOS.length >= 8);
    assert.deepEqual(Object.keys(scenarios).sort(), MBEDTLS_CRL_SCENARIOS.map((s) => s.id).sort());
    for (const [name, value] of Object.entries(CRL_FLAGS)) {
      assert.equal(MBEDTLS_VERIFY_FLAGS.find((f) => f.name === name)?.flag, value, name);
    }
  });

  it("`pkilab explain` names the CRL flags", () => {
    const cli = runCli(["explain", "flags 0x00000432"]);
    assert.equal(cli.code, 0, cli.stderr);
    for (const name of ["MBEDTLS_X509_BADCERT_REVOKED", "MBEDTLS_X509_BADCRL_NOT_TRUSTED", "MBEDTLS_X509_BADCRL_EXPIRED", "MBEDTLS_X509_BADCRL_FUTURE"]) {
      assert.ok(cli.stdout.includes(name), `${name} in:\n${cli.stdout}`);
    }
    // The causes measured here: a CA without cRLSign, a CRL without nextUpdate.
    assert.match(cli.stdout, /keyUsage without cRLSign/);
    assert.match(cli.stdout, /no nextUpdate/);
  });
});

for (const device of MBEDTLS_CRL_DEVICES) {
  describe(`mbedTLS ${device}: mbedtls_x509_crt_verify with the scenario's CRLs`, () => {
    let binary = "";
    before(async () => {
      const gcc = requireProgram("gcc");
      const build = await BUILDS[device]();
      binary = path.join(work, `crl-verify-${device.replace(/\W+/g, "-")}`);
      writeFileSync(`${binary}.c`, PROGRAM);
      const cc = spawnSync(gcc, ["-std=c99", "-Wall", ...build.cflags, "-o", binary, `${binary}.c`, ...build.ldflags], { encoding: "utf8" });
      assert.equal(cc.status, 0, cc.stderr);
    });

    for (const scenario of MBEDTLS_CRL_SCENARIOS) {
      const expected = scenario.flags[device];
      it(`${scenario.id}: ${expected === 0 ? "verifies" : `flags ${hex(expected)}`}`, () => {
        const files = scenarios[scenario.id];
        assert.ok(files, scenario.id);
        const result = spawnSync(binary, [root, chains[files.via].bundle, ...files.crls], { encoding: "utf8" });
        assert.equal(result.status, 0, result.stdout + result.stderr);
        const crlLines = result.stdout.match(/^crl ret=.*$/gm) ?? [];
        assert.deepEqual(crlLines, files.crls.map(() => "crl ret=0"), "every CRL parses");
        const [, ret, flags] = /^verify ret=(-?\d+) flags=(0x[0-9a-f]+)$/m.exec(result.stdout) ?? [];
        seen.push(`${device.padEnd(30)} ${scenario.id.padEnd(26)} ${flags ?? "?"}`);
        assert.equal(flags, hex(expected), result.stdout);
        assert.equal(Number(ret), expected === 0 ? 0 : MBEDTLS_CERT_VERIFY_FAILED, result.stdout);
      });
    }
  });
}
