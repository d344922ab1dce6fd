// What real peers do with a certificate that breaks one DER rule (re-signed, so only the encoding
// differs): `openssl x509` / `openssl verify` 3.x and mbedtls_x509_crt_parse_der() of mbedTLS 2.28
// and 3.6 (test/peers/mbedtls/harness.c ca_der=). The outcomes must be the ones rule
// non-der-encoding states in PEER_OUTCOMES, so the rule and this test cannot drift apart.
// Missing peers fail the test with the install command; none skip.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { DerDeviationKind } from "../../src/asn1/der-reader.js";
import { PEER_OUTCOMES } from "../../src/lint/rules/non-der-encoding.js";
import { parseCertificate } from "../../src/model/certificate.js";
import { tempDir } from "../helpers/cli.js";
import { forge } from "../helpers/forge.js";
import { compileHarness, fields, mbedtlsBuild, runHarness } from "../helpers/mbedtls.js";
import { NON_DER_SERIAL, nonDerLeaf, type NonDerPatch } from "../helpers/non-der.js";
import { requireProgram, run } from "../helpers/peers.js";

const work = tempDir("non-der");
after(() => rmSync(work, { recursive: true, force: true }));

const root = forge({ subject: { cn: "Non-DER Root" }, notBefore: "2028-01-01T00:00:00Z", notAfter: "2040-01-01T00:00:00Z", basicConstraints: { ca: true }, keyUsage: ["keyCertSign", "cRLSign"] });
const intermediate = forge({
  subject: { cn: "Non-DER Intermediate" },
  issuer: root,
  notBefore: "2028-01-01T00:00:00Z",
  notAfter: "2035-01-01T00:00:00Z",
  basicConstraints: { ca: true, pathLen: 0 },
  keyUsage: ["keyCertSign", "cRLSign"],
});
const leaf = forge({
  subject: { cn: "www.example.com" },
  issuer: intermediate,
  serial: NON_DER_SERIAL,
  notBefore: "2030-05-20T00:00:00Z",
  notAfter: "2030-07-05T00:00:00Z",
  keyUsage: ["digitalSignature"],
  subjectAltNames: [{ dns: "www.example.com" }],
});
/** 2030-06-01T00:00:00Z, inside the leaf's validity, for `openssl verify -attime`. */
const AT = String(Date.UTC(2030, 5, 1) / 1000);

const KINDS = Object.keys(PEER_OUTCOMES) as DerDeviationKind[];
const file = (name: string) => path.join(work, name);

before(() => {
  requireProgram("openssl");
  writeFileSync(file("root.pem"), root.pem);
  writeFileSync(file("intermediate.pem"), intermediate.pem);
  writeFileSync(file("der.der"), leaf.der);
  writeFileSync(file("der.pem"), leaf.pem);
  for (const patch of [...KINDS, "minute-75"] as NonDerPatch[]) {
    const cert = nonDerLeaf(leaf, intermediate, patch);
    writeFileSync(file(`${patch}.der`), cert.der);
    writeFileSync(file(`${patch}.pem`), cert.pem);
  }
});

/** `openssl x509` reads it, and `openssl verify` (root trusted, intermediate untrusted) accepts it. */
function openssl(name: string): { reads: boolean; verify: string } {
  const read = run("openssl", ["x509", "-in", file(`${name}.der`), "-inform", "DER", "-noout"]);
  const verify = run("openssl", ["verify", "-attime", AT, "-CAfile", file("root.pem"), "-untrusted", file("intermediate.pem"), file(`${name}.pem`)]);
  return { reads: read.code === 0, verify: `${verify.stdout}${verify.stderr}` };
}

describe("OpenSSL (crypto/asn1): which BER forms it decodes", () => {
  it("the DER certificate: read and verified", () => {
    const result = openssl("der");
    assert.ok(result.reads);
    assert.match(result.verify, /: OK/);
  });

  for (const kind of KINDS) {
    const expected = PEER_OUTCOMES[kind].openssl;
    it(`${kind}: ${expected}${expected === "accepts" ? " (the signature over the bytes as sent verifies)" : ""}`, () => {
      const result = openssl(kind);
      if (expected === "accepts") {
        assert.ok(result.reads, kind);
        assert.match(result.verify, /: OK/, result.verify);
      } else {
        assert.ok(!result.reads, kind);
        assert.match(result.verify, /Could not read certificate|Unable to load certificate/, result.verify);
      }
    });
  }

  it("the non-minimal INTEGER fails in c2i_ibuf(): illegal padding (crypto/asn1/a_int.c)", () => {
    const result = run("openssl", ["crl2pkcs7", "-nocrl", "-certfile", file("non-minimal-integer.pem")]);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /c2i_ibuf:illegal padding/);
  });

  it("minute 75: decoded, then refused at verify time with error 13 (pkilab refuses it when parsing)", () => {
    const result = openssl("minute-75");
    assert.ok(result.reads);
    assert.match(result.verify, /error 13 at 0 depth lookup: format error in certificate's notBefore field/);
    assert.throws(() => parseCertificate(nonDerLeaf(leaf, intermediate, "minute-75").der, "minute-75"), /notBefore: bad date/);
  });
});

for (const line of ["2.28", "3.6"] as const) {
  describe(`mbedTLS ${line}: mbedtls_x509_crt_parse_der() (library/x509_crt.c, asn1parse.c)`, () => {
    let harness: string;
    before(async () => {
      harness = await compileHarness(await mbedtlsBuild(line), ["-Werror"]);
    }, { timeout: 600_000 });

    const parse = async (name: string) => fields((await runHarness(harness, ["parse_only=1", `ca_der=${file(`${name}.der`)}`])).lines["parse ca_der"]);

    it("the DER certificate parses", async () => assert.deepEqual(await parse("der"), { ret: "0", count: "1" }));

    for (const kind of KINDS) {
      const expected = PEER_OUTCOMES[kind].mbedtls;
      it(`${kind}: ${expected}`, async () => {
        const result = await parse(kind);
        if (expected === "accepts") assert.deepEqual(result, { ret: "0", count: "1" });
        else assert.notEqual(result.ret, "0");
      });
    }

    it("minute 75: refused by x509_date_is_valid() (library/x509.c), -0x2400 MBEDTLS_ERR_X509_INVALID_DATE", async () => {
      assert.deepEqual(await parse("minute-75"), { ret: "-0x2400", count: "0" });
    });
  });
}
