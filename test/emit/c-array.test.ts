// pkilab export --c-array, compiled and run against the real mbedTLS 2.28 (Debian's libmbedtls-dev):
// every array parses, PEM lengths count the NUL, DER arrays hold one certificate each, the split
// .h/.c output links from C and C++ translation units, and an embedded key parses.
import assert from "node:assert/strict";
import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli, tempDir } from "../helpers/cli.js";
import { requireProgram, run } from "../helpers/peers.js";

const work = tempDir("c-array");
const lab = path.join(work, "lab");
after(() => rmSync(work, { recursive: true, force: true }));
before(() => {
  requireProgram("gcc");
  assert.equal(runCli(["init", lab, "--root-key", "rsa2048", "--intermediate-key", "p384", "--leaf-key", "p256", "--intermediates", "2", "--device", "dev-1", "--server", "localhost"]).code, 0);
});

const LIBS = ["-lmbedtls", "-lmbedx509", "-lmbedcrypto"];

/** A C program that parses each named array (PEM or DER) and the key, printing ret and count. */
function checker(header: string, arrays: string[], options: { der: boolean; key?: string }): string {
  const parse = arrays
    .map((name) =>
      options.der
        ? `  { mbedtls_x509_crt c; mbedtls_x509_crt_init(&c); int r = mbedtls_x509_crt_parse_der(&c, ${name}, ${name}_len); int n = 0; for (mbedtls_x509_crt *p = &c; p && p->raw.len; p = p->next) n++; printf("${name} ret=%d count=%d\\n", r, n); mbedtls_x509_crt_free(&c); }`
        : `  { mbedtls_x509_crt c; mbedtls_x509_crt_init(&c); int r = mbedtls_x509_crt_parse(&c, (const unsigned char *) ${name}, ${name}_len); int n = 0; for (mbedtls_x509_crt *p = &c; p && p->raw.len; p = p->next) n++; printf("${name} ret=%d count=%d\\n", r, n); mbedtls_x509_crt_free(&c); }`,
    )
    .join("\n");
  const key = options.key
    ? `  { mbedtls_pk_context k; mbedtls_pk_init(&k); int r = mbedtls_pk_parse_key(&k, (const unsigned char *) ${options.key}, ${options.key}_len, NULL, 0); printf("${options.key} ret=%d\\n", r); mbedtls_pk_free(&k); }`
    : "";
  return `#include <stdio.h>\n#include <mbedtls/x509_crt.h>\n#include <mbedtls/pk.h>\n#include "${header}"\nint main(void) {\n${parse}\n${key}\n  return 0;\n}\n`;
}

function compileAndRun(dir: string, sources: string[], compiler = "gcc"): Record<string, string> {
  const binary = path.join(dir, `check-${compiler}`);
  const built = run(compiler, ["-Wall", "-Werror", "-o", binary, ...sources, ...LIBS], { cwd: dir });
  assert.equal(built.code, 0, built.stderr);
  const result = run(binary, []);
  assert.equal(result.code, 0, result.stderr);
  return Object.fromEntries(result.stdout.trim().split("\n").map((line) => [line.split(" ")[0], line.slice(line.indexOf(" ") + 1)]));
}

describe("export --c-array against mbedTLS 2.28", () => {
  it("PEM header-only: every array parses with sizeof as the length (chain of 2 in one array)", () => {
    const header = path.join(work, "certs.h");
    const result = runCli(["export", "--c-array", "--lab", lab, "-o", header]);
    assert.equal(result.code, 0, result.stderr);
    const text = readFileSync(header, "utf8");
    assert.match(text, /static const char pkilab_ca_pem\[\] =\n"-----BEGIN CERTIFICATE-----\\n"\n/);
    assert.match(text, /static const size_t pkilab_ca_pem_len = sizeof\(pkilab_ca_pem\);/);
    assert.match(text, /subject: CN=dev-1, O=pkilab lab/);
    assert.doesNotMatch(text, /PRIVATE KEY/, "no key without --include-key");
    const out = compileAndRun(work, [writeChecker(work, "check-pem.c", checker("certs.h", ["pkilab_ca_pem", "pkilab_device_crt_pem", "pkilab_device_chain_pem"], { der: false }))]);
    assert.deepEqual(out, { pkilab_ca_pem: "ret=0 count=1", pkilab_device_crt_pem: "ret=0 count=1", pkilab_device_chain_pem: "ret=0 count=2" });
  });

  it("DER: one array per certificate, each parses with mbedtls_x509_crt_parse_der", () => {
    const header = path.join(work, "certs_der.h");
    assert.equal(runCli(["export", "--c-array", "--lab", lab, "--der", "--name", "fleet", "-o", header]).code, 0);
    const arrays = ["fleet_ca_der", "fleet_device_crt_der", "fleet_device_chain_0_der", "fleet_device_chain_1_der"];
    const out = compileAndRun(work, [writeChecker(work, "check-der.c", checker("certs_der.h", arrays, { der: true }))]);
    assert.deepEqual(out, Object.fromEntries(arrays.map((a) => [a, "ret=0 count=1"])));
  });

  it("--source: .h with extern declarations and .c with definitions link from C and C++", () => {
    const header = path.join(work, "split.h");
    assert.equal(runCli(["export", "--c-array", "--lab", lab, "--source", "--name", "my-fleet", "-o", header]).code, 0);
    const text = readFileSync(header, "utf8");
    assert.match(text, /extern "C" \{/);
    assert.match(text, /extern const char my_fleet_ca_pem\[\];/);
    const cFile = writeChecker(work, "check-split.c", checker("split.h", ["my_fleet_ca_pem", "my_fleet_device_chain_pem"], { der: false }));
    assert.deepEqual(compileAndRun(work, [cFile, path.join(work, "split.c")]), { my_fleet_ca_pem: "ret=0 count=1", my_fleet_device_chain_pem: "ret=0 count=2" });
    // The checker compiled as C++ against the definitions compiled as C: extern "C" linkage must match.
    requireProgram("g++");
    const object = path.join(work, "split.o");
    assert.equal(run("gcc", ["-c", "-o", object, path.join(work, "split.c")], { cwd: work }).code, 0);
    const cpp = path.join(work, "check-split.cpp");
    writeFileSync(cpp, readFileSync(cFile, "utf8"));
    assert.deepEqual(compileAndRun(work, [cpp, object], "g++"), { my_fleet_ca_pem: "ret=0 count=1", my_fleet_device_chain_pem: "ret=0 count=2" });
  });

  it("--include-key embeds a PKCS#8 key that mbedtls_pk_parse_key reads, warns, and writes the file 0600", () => {
    const header = path.join(work, "with-key.h");
    const result = runCli(["export", "--c-array", "--lab", lab, "--include-key", "-o", header]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /warning: the private key is in the output/);
    assert.equal(statSync(header).mode & 0o777, 0o600);
    const out = compileAndRun(work, [writeChecker(work, "check-key.c", checker("with-key.h", ["pkilab_ca_pem"], { der: false, key: "pkilab_device_key_pem" }))]);
    assert.deepEqual(out, { pkilab_ca_pem: "ret=0 count=1", pkilab_device_key_pem: "ret=0" });
  });

  it("strlen instead of sizeof fails with -0x2180, which is why _len counts the NUL", () => {
    const source = `#include <stdio.h>\n#include <string.h>\n#include <mbedtls/x509_crt.h>\n#include "certs.h"\nint main(void) { mbedtls_x509_crt c; mbedtls_x509_crt_init(&c); printf("strlen ret=%d\\n", mbedtls_x509_crt_parse(&c, (const unsigned char *) pkilab_ca_pem, strlen(pkilab_ca_pem))); return 0; }\n`;
    const out = compileAndRun(work, [writeChecker(work, "check-strlen.c", source)]);
    assert.equal(out.strlen, `ret=${-0x2180}`);
  });

  it("bad input: unknown device, --source without -o, nothing to export (exit 2)", () => {
    assert.match(runCli(["export", "--c-array", "--lab", lab, "--device", "nope"]).stderr, /--device nope: no device or client with that name .*dev-1/);
    assert.match(runCli(["export", "--c-array", "--lab", lab, "--source"]).stderr, /--source: needs -o FILE\.h/);
    assert.equal(runCli(["export", "--c-array"]).code, 2);
    assert.equal(runCli(["export", "--c-array", "--nginx", "--lab", lab]).code, 2);
  });
});

function writeChecker(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}
