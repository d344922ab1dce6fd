// The CRLs from `pkilab export --c-array --crl` on the real mbedTLS 2.28 and 3.6: the PEM array
// loads every CA's CRL with mbedtls_x509_crl_parse(), each DER array with
// mbedtls_x509_crl_parse_der(), and mbedtls_x509_crt_verify() with them flags the client revoked
// with `pkilab revoke` as MBEDTLS_X509_BADCERT_REVOKED and passes the others.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli, tempDir } from "../helpers/cli.js";
import { mbedtlsBuild } from "../helpers/mbedtls.js";
import { requireProgram } from "../helpers/peers.js";

const work = tempDir("crl-lab-mbedtls");
const lab = path.join(work, "lab");
after(() => rmSync(work, { recursive: true, force: true }));

const PROGRAM = `
#include <stdio.h>
#include <string.h>
#include <mbedtls/x509_crt.h>
#include <mbedtls/x509_crl.h>
#include PEM_HEADER
#include DER_HEADER

/* crl-check CA CHAIN: prints "pem <ret> <count>", "der <ret>", then "verify <ret> <flags hex>". */
int main(int argc, char **argv) {
  if (argc != 3) return 2;
  mbedtls_x509_crl pem, der;
  mbedtls_x509_crt ca, crt;
  mbedtls_x509_crl_init(&pem); mbedtls_x509_crl_init(&der);
  mbedtls_x509_crt_init(&ca); mbedtls_x509_crt_init(&crt);
  int ret = mbedtls_x509_crl_parse(&pem, (const unsigned char *) pkilab_crl_pem, pkilab_crl_pem_len);
  int count = 0;
  for (mbedtls_x509_crl *c = &pem; c != NULL && c->raw.p != NULL; c = c->next) count++;
  printf("pem %d %d\\n", ret, count);
  ret = mbedtls_x509_crl_parse_der(&der, der_crl_0_der, der_crl_0_der_len);
  if (ret == 0) ret = mbedtls_x509_crl_parse_der(&der, der_crl_1_der, der_crl_1_der_len);
  printf("der %d\\n", ret);
  if (mbedtls_x509_crt_parse_file(&ca, argv[1]) != 0 || mbedtls_x509_crt_parse_file(&crt, argv[2]) != 0) return 2;
  uint32_t flags = 0;
  ret = mbedtls_x509_crt_verify(&crt, &ca, &pem, NULL, &flags, NULL, NULL);
  printf("verify %d %x\\n", ret, (unsigned) flags);
  return 0;
}
`;

/** MBEDTLS_X509_BADCERT_REVOKED (include/mbedtls/x509.h in 2.28 and 3.6). */
const BADCERT_REVOKED = 0x02;

function cli(args: string[]): void {
  const result = runCli(args);
  assert.equal(result.code, 0, `pkilab ${args.join(" ")}: ${result.stderr}`);
}

before(() => {
  cli(["init", lab, "--crl", "--client", "alice", "--client", "bob", "--device", "dev-1"]);
  cli(["revoke", "client", "alice", "--lab", lab, "--reason", "keyCompromise"]);
  cli(["export", "--c-array", "--lab", lab, "--crl", "-o", path.join(work, "pem_certs.h")]);
  cli(["export", "--c-array", "--lab", lab, "--crl", "--der", "--name", "der", "-o", path.join(work, "der_certs.h")]);
  writeFileSync(path.join(work, "crl-check.c"), PROGRAM);
});

for (const line of ["2.28-system", "3.6"] as const) {
  describe(`mbedTLS ${line}`, () => {
    let binary = "";
    before(async () => {
      const gcc = requireProgram("gcc");
      const build = await mbedtlsBuild(line);
      binary = path.join(work, `crl-check-${line}`);
      const headers = [`-DPEM_HEADER="${path.join(work, "pem_certs.h")}"`, `-DDER_HEADER="${path.join(work, "der_certs.h")}"`];
      const cc = spawnSync(gcc, ["-std=c99", "-Wall", ...build.cflags, ...headers, "-o", binary, path.join(work, "crl-check.c"), ...build.ldflags], { encoding: "utf8" });
      assert.equal(cc.status, 0, cc.stderr);
    });

    for (const id of ["clients/alice", "clients/bob", "devices/dev-1"]) {
      it(`${id}: both CRL arrays load; verify with them ${id === "clients/alice" ? "flags it REVOKED" : "passes"}`, () => {
        const result = spawnSync(binary, [path.join(lab, "ca.pem"), path.join(lab, id, "fullchain.pem")], { encoding: "utf8" });
        assert.equal(result.status, 0, result.stderr);
        assert.match(result.stdout, /^pem 0 2$/m, "two CAs, two CRLs from one PEM array");
        assert.match(result.stdout, /^der 0$/m);
        const [, ret, flags] = /^verify (-?\d+) ([0-9a-f]+)$/m.exec(result.stdout) ?? [];
        if (id === "clients/alice") {
          assert.notEqual(ret, "0", result.stdout);
          assert.equal(Number.parseInt(flags ?? "0", 16) & BADCERT_REVOKED, BADCERT_REVOKED, result.stdout);
        } else {
          assert.deepEqual([ret, flags], ["0", "0"], result.stdout);
        }
      });
    }
  });
}
