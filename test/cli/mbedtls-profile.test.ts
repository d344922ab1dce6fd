// `pkilab lint --mbedtls-profile default|next|suiteb|FILE`: the profile file format
// (src/peers/parse/mbedtls-x509-profile.ts), its errors (one line, exit 2), and the verdict naming
// the profile it assumed. What each profile accepts is proven on the real libraries by
// test/peers/mbedtls-lint.test.ts (scenarios "profile-*").
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import fc from "fast-check";
import { InputError } from "../../src/io/input-error.js";
import { MBEDTLS_X509_PROFILES, x509ProfileFor } from "../../src/knowledge/mbedtls-profiles.js";
import type { LintReport } from "../../src/lint/types.js";
import { parseMbedtlsX509Profile } from "../../src/peers/parse/mbedtls-x509-profile.js";
import { runCli, tempDir } from "../helpers/cli.js";

const work = tempDir("mbedtls-profile");
after(() => rmSync(work, { recursive: true, force: true }));

const LEGACY = ["# an old fleet: SHA-1 and RSA-1024 still in service", "allowed_mds = SHA1 SHA224 SHA256 SHA384 SHA512", "allowed_pks = any", "allowed_curves = any", "rsa_min_bitlen = 1024", ""].join("\n");

describe("the --mbedtls-profile FILE format", () => {
  it("reads the four mbedtls_x509_crt_profile fields", () => {
    const profile = parseMbedtlsX509Profile(LEGACY, "fleet.profile");
    assert.deepEqual(
      { mds: profile.allowedMds, pks: profile.allowedPks, curves: profile.allowedCurves, rsa: profile.rsaMinBitlen, name: profile.name },
      { mds: ["SHA1", "SHA224", "SHA256", "SHA384", "SHA512"], pks: "any", curves: "any", rsa: 1024, name: "the custom profile in fleet.profile" },
    );
  });

  it("takes the names as C code spells them, and the usual curve names", () => {
    const profile = parseMbedtlsX509Profile(
      [
        "allowed_mds = MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA256) | MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA384) // as in x509_crt.c",
        "allowed_pks = MBEDTLS_PK_ECDSA, MBEDTLS_PK_ECKEY",
        "allowed_curves = P-256 secp384r1 brainpoolP256r1 MBEDTLS_ECP_DP_SECP521R1",
        "rsa_min_bitlen = 0",
      ].join("\n"),
      "suiteb-like",
    );
    assert.deepEqual([profile.allowedMds, profile.allowedPks, profile.allowedCurves], [["SHA256", "SHA384"], ["ECDSA", "ECKEY"], ["SECP256R1", "SECP384R1", "BP256R1", "SECP521R1"]]);
    assert.deepEqual(parseMbedtlsX509Profile("allowed_mds=sha-256\nallowed_pks=none\nallowed_curves=0xFFFFFFF\nrsa_min_bitlen=2048", "x").allowedPks, []);
  });

  it("refuses what is not a profile, naming the file and line", () => {
    for (const [text, why] of [
      ["", /^p: allowed_mds, allowed_pks, allowed_curves, rsa_min_bitlen missing: /],
      [LEGACY.replace("allowed_pks = any", "allowed_pk = any"), /^p:3: unknown field "allowed_pk"/],
      [`${LEGACY}allowed_mds = SHA256\n`, /^p:6: allowed_mds is given twice \(first at line 2\)/],
      [LEGACY.replace("SHA224", "SHA255"), /^p:2: allowed_mds: unknown name "SHA255" \(known: MD2, /],
      [LEGACY.replace("allowed_curves = any", "allowed_curves = P-257"), /^p:4: allowed_curves: unknown name "P-257"/],
      [LEGACY.replace("rsa_min_bitlen = 1024", "rsa_min_bitlen = lots"), /^p:5: rsa_min_bitlen must be a number of bits/],
      [LEGACY.replace("allowed_pks = any", "allowed_pks"), /^p:3: expected "field = value"/],
      [LEGACY.replace("allowed_pks = any", "allowed_pks ="), /^p:3: allowed_pks has no value/],
    ] as const) {
      assert.throws(() => parseMbedtlsX509Profile(text, "p"), (err: unknown) => err instanceof InputError && why.test(err.message), JSON.stringify(text));
    }
  });

  it("any text either parses or is refused with one short line (never another error)", () => {
    const pieces = ["allowed_mds", "allowed_pks", "allowed_curves", "rsa_min_bitlen", " = ", "=", "any", "none", "SHA1", "MBEDTLS_X509_ID_FLAG(", ")", "|", ",", "P-256", "#", "//", "\n", "\r\n", "\u0000", "\u001b[31m", "9999999", "-1", "é"];
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join("")));
    fc.assert(
      fc.property(text, (input) => {
        try {
          parseMbedtlsX509Profile(input, "fuzz.profile");
        } catch (err) {
          assert.ok(err instanceof InputError, String(err));
          assert.ok(!err.message.includes("\n") && err.message.length < 600, err.message);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the named profiles", () => {
  it("are mbedtls_x509_crt_profile_default/_next/_suiteb of each version, default unless chosen", () => {
    assert.equal(x509ProfileFor("3.6"), MBEDTLS_X509_PROFILES["3.6"].default);
    assert.deepEqual(MBEDTLS_X509_PROFILES["2.28"].default.allowedMds, ["SHA224", "SHA256", "SHA384", "SHA512"]);
    assert.equal(MBEDTLS_X509_PROFILES["2.28"].default.allowedCurves, "any");
    assert.ok(!MBEDTLS_X509_PROFILES["3.6"].default.allowedCurves.includes("SECP256K1"));
    assert.ok(MBEDTLS_X509_PROFILES["3.6"].next.allowedCurves.includes("SECP256K1"));
    assert.deepEqual(x509ProfileFor("2.28", { named: "suiteb" }).allowedPks, ["ECDSA", "ECKEY"]);
  });
});

describe("lint --mbedtls-profile through the CLI", () => {
  const lab = path.join(work, "lab");
  const leaf = path.join(lab, "servers", "localhost", "cert.pem");
  const lint = (...extra: string[]) => runCli(["lint", leaf, "--host", "localhost", "--mbedtls-version", "3.6", ...extra]);
  const assumedOf = (stdout: string) => (JSON.parse(stdout) as LintReport).verdicts.find((v) => v.peer === "mbedtls")?.assumed ?? [];

  it("a bad FILE is one line and exit 2", () => {
    assert.equal(runCli(["init", lab, "--server", "localhost"]).code, 0);
    mkdirSync(path.join(work, "files"), { recursive: true });
    const bad = path.join(work, "files", "bad.profile");
    writeFileSync(bad, LEGACY.replace("SHA224", "SHA255"));
    for (const [arg, why] of [
      [bad, `pkilab: --mbedtls-profile ${bad}:2: allowed_mds: unknown name "SHA255"`],
      [path.join(work, "files", "absent.profile"), "no such file or directory"],
      [path.join(work, "files"), "is a directory"],
    ] as const) {
      const r = lint("--mbedtls-profile", arg);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, "");
      assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
      assert.ok(r.stderr.includes(why), r.stderr);
    }
  });

  it("the verdict names the profile it assumed; --mbedtls-profile alone implies the mbedtls peer", () => {
    assert.ok(assumedOf(lint("--json").stdout).some((a) => a === "X.509 profile: mbedtls_x509_crt_profile_default (the library's default; pass --mbedtls-profile if the firmware calls mbedtls_ssl_conf_cert_profile())"));
    assert.ok(assumedOf(lint("--mbedtls-profile", "suiteb", "--json").stdout).includes("X.509 profile: mbedtls_x509_crt_profile_suiteb (--mbedtls-profile)"));
    const file = path.join(work, "files", "legacy.profile");
    writeFileSync(file, LEGACY);
    const custom = lint("--mbedtls-profile", file, "--json");
    assert.equal(custom.code, 0, custom.stdout + custom.stderr);
    assert.ok(assumedOf(custom.stdout).includes(`X.509 profile: the custom profile in ${file} (--mbedtls-profile)`));
  });
});
