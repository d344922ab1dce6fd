// Differential test on wolfSSL builds other than Debian's: wolfSSL 5.5.4 built from Debian's source
// package with a user_settings.h (test/helpers/wolfssl.ts wolfsslSourceBuild), the harness
// (test/peers/wolfssl/harness.c) against `openssl s_server` on loopback, and `pkilab lint --for
// wolfssl --wolfssl-config user_settings.h` given exactly the file the build read. Each variant
// changes one thing pkilab reads from a configuration, so the facts Debian's build cannot show
// (NO_ASN_TIME, NO_SHA, ECC_USER_CURVES, MAX_CHAIN_DEPTH without OPENSSL_EXTRA, WOLFSSL_MIN_RSA_BITS,
// iPAddress SANs, WOLFSSL_ALT_CERT_CHAINS, trusted peers) are shown on the real library. Agreement
// as in test/peers/wolfssl-lint.test.ts: lint exit ⇔ handshake, the real code in an error symptom.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Finding, LintReport } from "../../src/lint/types.js";
import { findWolfsslError } from "../../src/knowledge/wolfssl-errors.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { requireProgram } from "../helpers/peers.js";
import { makeWolfsslScenarios, type WolfsslScenario } from "../helpers/wolfssl-scenarios.js";
import { compileWolfsslHarness, runWolfsslHarness, startOpensslServer, wolfsslSourceBuild, type WolfsslBuild, type WolfsslResult } from "../helpers/wolfssl.js";

/** An embedded-style user_settings.h: TLS 1.3 and 1.2, ECC and RSA, SHA-2; no OpenSSL compatibility layer. */
const BASE = [
  "WOLFSSL_TLS13", "HAVE_TLS_EXTENSIONS", "HAVE_SUPPORTED_CURVES", "HAVE_EXTENDED_MASTER", "HAVE_ENCRYPT_THEN_MAC", "HAVE_SNI", "HAVE_HKDF",
  "HAVE_AESGCM", "HAVE_ECC", "ECC_TIMING_RESISTANT", "WC_RSA_BLINDING", "WC_RSA_PSS", "WOLFSSL_SHA384", "WOLFSSL_SHA512", "HAVE_HASHDRBG",
  "HAVE_FFDHE_2048", "NO_DSA", "NO_RC4", "NO_MD4", "NO_DES3", "NO_PSK", "NO_OLD_TLS",
];

interface Variant {
  id: string;
  extra: string[];
  scenarios: string[];
}

const VARIANTS: Variant[] = [
  {
    id: "base",
    extra: [],
    scenarios: ["baseline-openssl-ca", "unknown-ca", "ip-san-only", "pinned-leaf-not-self-signed", "intermediate-only-anchor", "expired-leaf", "cn-only-no-san", "rsa1024-leaf", "intermediates-reversed", "two-intermediates-depth-1", "two-intermediates-depth-2"],
  },
  { id: "alt-cert-chains", extra: ["WOLFSSL_ALT_CERT_CHAINS"], scenarios: ["intermediate-only-anchor", "pinned-leaf-not-self-signed", "unknown-ca"] },
  { id: "trusted-peers", extra: ["WOLFSSL_ALT_CERT_CHAINS", "WOLFSSL_TRUST_PEER_CERT", "OPENSSL_EXTRA", "OPENSSL_COMPATIBLE_DEFAULTS"], scenarios: ["pinned-leaf-not-self-signed", "baseline-openssl-ca"] },
  { id: "no-asn-time", extra: ["NO_ASN_TIME"], scenarios: ["expired-leaf", "expired-intermediate", "not-yet-valid-leaf-10-days"] },
  { id: "p256-only", extra: ["ECC_USER_CURVES"], scenarios: ["p384-leaf", "baseline-openssl-ca"] },
  { id: "no-sha1", extra: ["NO_SHA"], scenarios: ["sha1-signed-leaf", "baseline-openssl-ca"] },
  { id: "chain-depth-4", extra: ["MAX_CHAIN_DEPTH 4"], scenarios: ["seven-intermediates", "baseline-openssl-ca"] },
  { id: "min-rsa-2048", extra: ["WOLFSSL_MIN_RSA_BITS 2048"], scenarios: ["rsa1024-leaf", "rsa2048-leaf-min-3072"] },
  { id: "ip-alt-name", extra: ["WOLFSSL_IP_ALT_NAME"], scenarios: ["ip-san-only", "ip-host-dns-only"] },
];

const settingsOf = (v: Variant) => `/* pkilab wolfssl-variants: ${v.id} */\n${[...BASE, ...v.extra].map((l) => `#define ${l}`).join("\n")}\n`;

interface Outcome {
  variant: string;
  scenario: WolfsslScenario;
  lint: { code: number; report?: LintReport; stderr: string; args: string[] };
  device: WolfsslResult;
}

requireProgram("openssl");
const work = tempDir("wolfssl-variants");
const scenarios = new Map(makeWolfsslScenarios(work).map((s) => [s.name, s]));
after(() => rmSync(work, { recursive: true, force: true }));
const outcomes: Outcome[] = [];
const builds = new Map<string, WolfsslBuild>();

const errorFindings = (report: LintReport | undefined): Finding[] => (report?.findings ?? []).filter((f) => f.severity === "error" || f.severity === "fatal");
const accepts = (o: Outcome) => o.device.handshakeRet === 1;
const namesCode = (o: Outcome) => errorFindings(o.lint.report).some((f) => new RegExp(`(^|[^\\d])${o.device.err}(?!\\d)`).test(f.symptom ?? ""));
const agrees = (o: Outcome) => (o.lint.code === 0 ? accepts(o) : o.lint.code === 1 && !accepts(o) && namesCode(o));

function describeOutcome(o: Outcome): string {
  return [
    `${o.variant} / ${o.scenario.name}: ${o.scenario.note}`,
    `  lint: exit ${o.lint.code} ${o.lint.stderr.trim()}`,
    `    pkilab ${o.lint.args.join(" ")}`,
    ...(o.lint.report?.findings ?? []).map((f) => `    [${f.severity}] ${f.rule}: ${f.message}\n      symptom: ${f.symptom ?? "-"}`),
    `  device: ${accepts(o) ? "handshake" : `err ${o.device.err} "${o.device.errText}"`}`,
  ].join("\n");
}

describe("pkilab lint --for wolfssl against wolfSSL 5.5.4 built with other configurations", () => {
  before(async () => {
    for (const v of VARIANTS) {
      const build = await wolfsslSourceBuild(settingsOf(v));
      builds.set(v.id, build);
      const harness = await compileWolfsslHarness(undefined, build);
      for (const name of v.scenarios) {
        const s = scenarios.get(name);
        if (!s) throw new Error(`no scenario ${name}`);
        // A run-time setting is given as the scenario gives it: a config override file, or a lint flag.
        const overrides = s.settings?.config ? [path.join(work, `${v.id}-${s.name}.h`)] : [];
        if (s.settings?.config) writeFileSync(overrides[0]!, `${s.settings.config.join("\n")}\n`);
        const args = [
          "lint", s.leaf, ...(s.chain ? ["--chain", s.chain] : []), "--ca", s.ca, "--for", "wolfssl",
          ...[build.config, ...overrides].flatMap((c) => ["--wolfssl-config", c]), ...(s.settings?.lint ?? []), ...(s.host ? ["--host", s.host] : []), "--json",
        ];
        const result = runCli(args);
        let report: LintReport | undefined;
        try {
          report = JSON.parse(result.stdout) as LintReport;
        } catch {
          // exit 2 prints no report
        }
        const server = await startOpensslServer({ cert: s.leaf, key: s.key, ...(s.chain ? { chain: s.chain } : {}), args: s.serverArgs });
        try {
          const device = await runWolfsslHarness(harness, [`ca=${s.ca}`, `port=${server.port}`, ...(s.host ? [`host=${s.host}`] : []), ...(s.tls ? [`tls=${s.tls}`] : []), ...(s.settings?.harness ?? [])]);
          outcomes.push({ variant: v.id, scenario: s, lint: { code: result.code, report, stderr: result.stderr, args }, device });
        } finally {
          await server.stop();
        }
      }
    }
  }, { timeout: 600_000 });
  after(() => {
    for (const o of outcomes) console.log(`${o.variant.padEnd(16)} ${o.scenario.name.padEnd(30)} lint ${o.lint.code}  device ${accepts(o) ? "ok" : o.device.err}  ${agrees(o) ? "agree" : "DISAGREE"}`);
  });

  it("every variant scenario agrees: lint exit ⇔ handshake, the code in an error symptom", () => {
    assert.equal(outcomes.length, VARIANTS.reduce((n, v) => n + v.scenarios.length, 0));
    const wrong = outcomes.filter((o) => !agrees(o));
    assert.deepEqual(wrong.map((o) => `${o.variant}/${o.scenario.name}`), [], wrong.map(describeOutcome).join("\n\n"));
  });

  it("the configuration changes the outcome: each variant refuses something or accepts what the base refuses", () => {
    const refused = (variant: string, name: string): boolean => {
      const outcome = outcomes.find((o) => o.variant === variant && o.scenario.name === name);
      // A scenario that did not run must fail the test, not read as "refused".
      assert.ok(outcome, `${variant}/${name} ran`);
      return outcome.device.handshakeRet !== 1;
    };
    assert.ok(refused("base", "intermediate-only-anchor") && !refused("alt-cert-chains", "intermediate-only-anchor"), "WOLFSSL_ALT_CERT_CHAINS");
    assert.ok(refused("alt-cert-chains", "pinned-leaf-not-self-signed") && !refused("trusted-peers", "pinned-leaf-not-self-signed"), "trusted peers");
    assert.ok(refused("base", "expired-leaf") && !refused("no-asn-time", "expired-leaf"), "NO_ASN_TIME");
    assert.ok(refused("base", "ip-san-only") && !refused("ip-alt-name", "ip-san-only"), "WOLFSSL_IP_ALT_NAME");
    assert.ok(!refused("base", "rsa1024-leaf") && refused("min-rsa-2048", "rsa1024-leaf"), "WOLFSSL_MIN_RSA_BITS");
    assert.ok(refused("p256-only", "p384-leaf") && refused("no-sha1", "sha1-signed-leaf") && refused("chain-depth-4", "seven-intermediates"));
    // Without OPENSSL_EXTRA the verify depth counts certificates sent: 3 sent is too many for depth 2.
    assert.ok(refused("base", "two-intermediates-depth-2"), "verify depth without OPENSSL_EXTRA");
  });

  it("without OPENSSL_EXTRA, ASN_NO_SIGNER_E reads as the table's textWithoutOpensslExtra", async () => {
    const harness = await compileWolfsslHarness(undefined, builds.get("base"));
    const r = await runWolfsslHarness(harness, ["errors=-188"]);
    assert.equal(r.errorTexts.get(-188), findWolfsslError(-188)?.textWithoutOpensslExtra);
  });
});
