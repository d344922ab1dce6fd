// pkilab explain through the CLI: codes as people write them, the seeds' own logs, the logs the real
// nginx wrote in test/peers/nginx-lint.test.ts, and a log a real mbedTLS device writes now.
import assert from "node:assert/strict";
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { REPO_ROOT, runCli, tempDir } from "../helpers/cli.js";
import { compileHarness, mbedtlsBuild, runHarness, startOpensslServer } from "../helpers/mbedtls.js";
import type { ExplainResult } from "../../src/explain/explain.js";
import type { LogReport } from "../../src/explain/log.js";

const work = tempDir("explain");
after(() => rmSync(work, { recursive: true, force: true }));
const fixtures = path.join(REPO_ROOT, "fixtures");
const explainJson = (args: string[]) => {
  const result = runCli(["explain", ...args, "--json"]);
  return { code: result.code, stderr: result.stderr, data: JSON.parse(result.stdout || "{}") as ExplainResult & LogReport };
};

describe("pkilab explain CODE", () => {
  const cases: [string, string, RegExp, string][] = [
    ["-0x7780", "mbedtls-error", /MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE/, "mbedtls-no-key-exchange"],
    ["0x2700", "mbedtls-error", /MBEDTLS_ERR_X509_CERT_VERIFY_FAILED/, "chain-not-anchored"],
    ["-30592", "mbedtls-error", /-0x7780/, "client-hello-no-suite-for-key"],
    ["-0x262E", "mbedtls-error", /UNKNOWN_SIG_ALG.*OID_NOT_FOUND/, "mbedtls-hash-not-enabled"],
    ["alert 40", "alert", /handshake_failure/, "client-hello-curve-not-offered"],
    ["alert 48", "alert", /unknown_ca/, "chain-not-anchored"],
    ["(26:unsupported certificate purpose)", "openssl-verify", /unsuitable certificate purpose.*OpenSSL 1\.x: unsupported certificate purpose/, "leaf-eku-purpose"],
    ["(20:unable to get local issuer certificate)", "openssl-verify", /unable to get local issuer certificate/, "verify-depth-too-small"],
    ["(9:certificate is not yet valid)", "openssl-verify", /not yet valid/, "clock-skew-not-yet-valid"],
    // nginx with ssl_crl (seed 003's own line is the first).
    ["(11:CRL is not yet valid)", "openssl-verify", /CRL is not yet valid/, "crl-not-yet-valid"],
    ["(12:CRL has expired)", "openssl-verify", /CRL has expired/, "crl-expired"],
    ["(12:CRL has expired)", "openssl-verify", /CRL has expired/, "crl-expires-soon"],
    ["(3:unable to get certificate CRL)", "openssl-verify", /unable to get certificate CRL/, "crl-missing-for-ca"],
    ["(23:certificate revoked)", "openssl-verify", /certificate revoked/, "certificate-revoked"],
    ["(8:CRL signature failure)", "openssl-verify", /CRL signature failure/, "crl-signature-invalid"],
    ["(35:key usage does not include CRL signing)", "openssl-verify", /CRL signing/, "crl-issuer-without-crlsign"],
    ["X509_V_ERR_CERT_HAS_EXPIRED", "openssl-verify", /certificate has expired/, "cert-expired"],
    ["MBEDTLS_ERR_X509_FATAL_ERROR", "mbedtls-error", /-0x3000/, "mbedtls-too-many-intermediates"],
    ["flags 0x00000008", "verify-flags", /NOT_TRUSTED/, "chain-not-anchored"],
    ["495", "http-status", /HTTP 495/, "leaf-eku-purpose"],
  ];
  for (const [query, kind, title, rule] of cases) {
    it(`${query} → ${kind}, caught by ${rule}`, () => {
      const { code, data } = explainJson([query]);
      assert.equal(code, 0);
      const e = data.explanations[0]!;
      assert.equal(e.kind, kind);
      assert.match(e.title, title);
      assert.ok(e.causes.length > 0 && e.citation.length > 0);
      assert.ok(e.rules.some((r) => r.id === rule), e.rules.map((r) => r.id).join(", "));
      assert.ok(e.confirm.some((c) => c.startsWith("pkilab ")));
    });
  }

  it("unknown input: exit 1 with the closest matches", () => {
    const { code, data } = explainJson(["-0x0C00"]);
    assert.equal(code, 1);
    assert.ok(data.unknown[0]!.suggestions.length > 0, "closest known codes are suggested");
    const text = runCli(["explain", "banana"]);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /banana: not recognised/);
  });

  it("bad usage: exit 2", () => {
    assert.equal(runCli(["explain"]).code, 2);
    assert.equal(runCli(["explain", "--log", path.join(work, "missing.log")]).code, 2);
    assert.equal(runCli(["explain", "-0x7780", "--cert", "x.pem"]).code, 2);
    const oneLine = (args: string[], pattern: RegExp) => {
      const result = runCli(args);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, pattern);
      assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
    };
    oneLine(["explain", "40", "--ca", "ca.pem"], /--ca: goes with --log FILE --cert CERT/);
    const binary = path.join(work, "capture.bin");
    writeFileSync(binary, Buffer.from([0x16, 0x03, 0x01, 0x00, 0x00, 0xff, 0x00]));
    oneLine(["explain", "--log", binary], /capture\.bin: a binary file, not a text log/);
    // A device or pipe is read up to the size cap instead of forever.
    oneLine(["explain", "--log", "/dev/zero"], /\/dev\/zero: more than 64 MB/);
  });
});

describe("pkilab explain on lines pasted from other programs", () => {
  // The wordings come from knowledge/messages.ts (checked against the real programs in knowledge.test.ts).
  const cases: [string, [string, number | string][]][] = [
    ["! Certificate verification flags 00000008", [["verify-flags", 8]]],
    ["curl: (60) SSL certificate problem: unable to get local issuer certificate", [["openssl-verify", 20]]],
    ["[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)", [["openssl-verify", 10]]],
    ["failed: SSL - A fatal alert message was received from our peer", [["mbedtls-error", -0x7780]]],
    ["SSL3 alert write:fatal:handshake failure", [["alert", 40]]],
    ["error:0A00010B:SSL routines::wrong version number", [["message", "wrong-version-number"]]],
    ["SSL_do_handshake() failed (SSL: error:0A0000C1:SSL routines::no shared cipher)", [["message", "no-shared-cipher"]]],
  ];
  for (const [line, expected] of cases) {
    it(line, () => {
      const pasted = explainJson([line]);
      assert.equal(pasted.code, 0);
      assert.deepEqual(pasted.data.explanations.map((e) => e.kind), expected.map(([kind]) => kind));
      const log = path.join(work, "pasted.log");
      writeFileSync(log, `${line}\n`);
      const { data } = explainJson(["--log", log]);
      assert.deepEqual(data.events.map((e) => [e.kind, e.value]), expected);
      assert.ok(data.events.every((e) => e.explanation !== undefined));
    });
  }
  it("a wording that stands for a number brings that number's rules: no shared cipher → the alert 40 rules", () => {
    const e = explainJson(["no shared cipher"]).data.explanations[0]!;
    assert.ok(e.rules.some((r) => r.id === "client-hello-curve-not-offered"), e.rules.map((r) => r.id).join(", "));
  });
});

describe("pkilab explain --log on the seeds' logs", () => {
  it("seed 000 (mbedTLS debug): alert 40 then -0x7780; the ClientHello decoded; with --cert the finding that explains it", () => {
    const folder = path.join(fixtures, "client-hello", "seed-000-one-ecdsa-suite-vs-rsa-server");
    const { code, data } = explainJson(["--log", path.join(fixtures, "logs", "seed-000-mbedtls-debug.log"), "--cert", path.join(folder, "leaf.pem"), "--chain", path.join(folder, "chain.pem"), "--ca", path.join(folder, "ca.pem"), "--at", "2030-06-01T00:00:00Z"]);
    assert.equal(code, 0);
    assert.equal(data.kind, "mbedtls");
    assert.deepEqual(data.events.map((e) => [e.kind, e.value, e.direction ?? ""]), [["alert", 40, "received"], ["mbedtls-error", -0x7780, ""]]);
    assert.deepEqual(data.clientHellos[0]!.groups, ["secp224r1"]);
    for (const event of data.events) assert.ok(event.explainedBy?.some((b) => b.rule === "client-hello-no-suite-for-key"), JSON.stringify(event));
  });

  it("seed 002 (mbedTLS client and openssl against an STM32 server): alerts 47 and 51, -0x7280, -0x4e00, -0x4c80; 51 and -0x4e00 point at key-mismatch", () => {
    const { code, data } = explainJson(["--log", path.join(fixtures, "logs", "seed-002-mbedtls-client.log")]);
    assert.equal(code, 0);
    assert.deepEqual(data.events.map((e) => [e.kind, e.value]), [["alert", 47], ["alert", 51], ["mbedtls-error", -0x7280], ["mbedtls-error", -0x4e00], ["mbedtls-error", -0x4c80]]);
    for (const value of [51, -0x4e00]) {
      const event = data.events.find((e) => e.value === value)!;
      assert.ok(event.explanation!.rules.some((r) => r.id === "key-mismatch"), JSON.stringify(event.explanation!.rules));
    }
  });

  it("seed 001 (Postfix): no shared cipher", () => {
    const { data } = explainJson(["--log", path.join(fixtures, "logs", "seed-001-postfix.log")]);
    assert.equal(data.kind, "postfix");
    assert.deepEqual(data.events.map((e) => e.value), ["no-shared-cipher"]);
    assert.ok(data.events[0]!.explanation!.rules.some((r) => r.id === "client-hello-curve-not-offered"));
  });

  it("seed 003 (nginx info log): (11:CRL is not yet valid), and the 400 page", () => {
    const { data } = explainJson(["--log", path.join(fixtures, "logs", "seed-003-nginx-info.log")]);
    assert.equal(data.kind, "nginx");
    assert.deepEqual(data.events.map((e) => [e.kind, e.value]), [["openssl-verify", 11], ["message", "nginx-400-ssl-certificate-error"]]);
    assert.ok(data.events[0]!.explanation!.rules.some((r) => r.id === "clock-skew-not-yet-valid"));
  });
});

describe("pkilab explain --log on the real nginx's logs (fixtures/nginx-logs)", () => {
  const dir = path.join(fixtures, "nginx-logs");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".log"))) {
    it(file, () => {
      const { code, data } = explainJson(["--log", path.join(dir, file)]);
      assert.equal(code, 0);
      const verify = data.events.filter((e) => e.kind === "openssl-verify");
      assert.equal(verify.length, 1, JSON.stringify(data.events));
      const explanation = verify[0]!.explanation!;
      assert.ok(explanation, `${file}: (${verify[0]!.value}) not explained`);
      assert.ok(explanation.rules.some((r) => r.peer === "nginx-mtls"), `${file}: no nginx-mtls rule names (${verify[0]!.value})`);
    });
  }
});

describe("pkilab explain --log on a real mbedTLS device's debug log", () => {
  it("a P-256-only device meets a P-384 server: alert 40, explained by client-hello-curve-not-offered", async () => {
    const lab = path.join(work, "p384");
    assert.equal(runCli(["init", lab, "--root-key", "p384", "--intermediates", "0", "--leaf-key", "p384", "--server", "mail.example.test"]).code, 0);
    const server = await startOpensslServer({ cert: path.join(lab, "servers/mail.example.test/cert.pem"), key: path.join(lab, "servers/mail.example.test/key.pem") });
    try {
      const log = path.join(work, "device.log");
      const bin = await compileHarness(await mbedtlsBuild("2.28-system"));
      const run = await runHarness(bin, [`ca=${path.join(lab, "ca.pem")}`, `port=${server.port}`, "host=mail.example.test", "curves=P-256", "tls=1.2", `debug_log=${log}`]);
      assert.equal(run.handshakeRet, "-0x7780");
      const { data } = explainJson(["--log", log, "--cert", path.join(lab, "servers/mail.example.test/cert.pem"), "--ca", path.join(lab, "ca.pem")]);
      assert.equal(data.kind, "mbedtls");
      const alert = data.events.find((e) => e.kind === "alert" && e.value === 40);
      assert.ok(alert?.explainedBy?.some((b) => b.rule === "client-hello-curve-not-offered"), JSON.stringify(data.events));
      assert.deepEqual(data.clientHellos[0]!.groups, ["secp256r1"]);
    } finally {
      await server.stop();
    }
  });
});
