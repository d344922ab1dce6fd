// Differential test: `pkilab lint --for mbedtls --crl ...` against real mbedTLS handshakes with
// CRLs. The device is the harness (test/peers/mbedtls/harness.c) given the root as its CA and the
// scenario's CRLs with crl= — mbedtls_ssl_conf_ca_chain(conf, ca, crl), as firmware does — built
// against Debian's 2.28, 3.6 from source, and 3.6 without MBEDTLS_HAVE_TIME_DATE. The server is
// `openssl s_server` presenting leaf + intermediate. pkilab gets the same inputs and the headers the
// build read. Lint's exit code must match the handshake (0 = it succeeded), and every flag the
// device reports (mbedtls_ssl_get_verify_result()) and the alert it sends must be named in the
// symptom of one of lint's error findings. The scenarios are those of src/knowledge/mbedtls-crl.ts
// (test/peers/crl-mbedtls-differential.test.ts checks that table with mbedtls_x509_crt_verify()),
// here with a server certificate and a real handshake.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { MBEDTLS_VERIFY_FLAGS } from "../../src/knowledge/mbedtls-errors.js";
import { MBEDTLS_CRL_SCENARIOS } from "../../src/knowledge/mbedtls-crl.js";
import type { LintReport } from "../../src/lint/types.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { compileHarness, mbedtlsBuild, runHarness, startOpensslServer, type MbedtlsBuild, type OpensslServer } from "../helpers/mbedtls.js";
import { stockHeaderName } from "../helpers/mbedtls-scenarios.js";
import { makeMbedtlsCrlPki, type MbedtlsCrlPki, type MbedtlsCrlScenarioFiles } from "../helpers/openssl-crl-pki.js";

const work = tempDir("crl-mbedtls-lint");
const HOST = "crl.test";
/** Device × scenario → what each side said, printed at the end (the table a reviewer reads). */
const seen: string[] = [];

// The same bytes as test/peers/crl-mbedtls-differential.test.ts: both tests share the cached build.
const NO_TIME_DATE = "/* pkilab mbedtls-lint variant: no-have-time-date */\n#undef MBEDTLS_HAVE_TIME_DATE\n";

interface DeviceSpec {
  id: string;
  version: "2.28" | "3.6";
  build: () => Promise<MbedtlsBuild>;
  /** The user config the build read, also given to pkilab after the stock header. */
  userConfig?: string;
}

const DEVICES: DeviceSpec[] = [
  { id: "2.28", version: "2.28", build: () => mbedtlsBuild("2.28-system") },
  { id: "3.6", version: "3.6", build: () => mbedtlsBuild("3.6") },
  { id: "3.6 no HAVE_TIME_DATE", version: "3.6", build: () => mbedtlsBuild("3.6", NO_TIME_DATE), userConfig: NO_TIME_DATE },
];

// The PKI of crl-mbedtls-differential.test.ts, with server leaves (SAN DNS:crl.test).
const { root, chains, scenarios } = makeMbedtlsCrlPki(path.join(work, "pki"), "v_server");

const servers = new Map<MbedtlsCrlScenarioFiles["via"], OpensslServer>();
before(async () => {
  for (const [via, c] of Object.entries(chains) as [MbedtlsCrlScenarioFiles["via"], MbedtlsCrlPki["chains"]["int"]][]) {
    servers.set(via, await startOpensslServer({ cert: c.leaf, key: c.key, chain: c.intermediate }));
  }
});
after(async () => {
  for (const s of servers.values()) await s.stop();
  console.log(seen.join("\n"));
  rmSync(work, { recursive: true, force: true });
});

/** The flag names set in a "0x00000012" verify result. */
function flagNames(flags: string | undefined): string[] {
  const value = Number(flags ?? "0");
  return MBEDTLS_VERIFY_FLAGS.filter((f) => (value & f.flag) !== 0).map((f) => f.name);
}

describe("pkilab lint --for mbedtls --crl against real mbedTLS handshakes", () => {
  it("covers every scenario of the mbedTLS CRL table, at least 8", () => {
    assert.ok(Object.keys(scenarios).length >= 8);
    assert.deepEqual(Object.keys(scenarios).sort(), MBEDTLS_CRL_SCENARIOS.map((s) => s.id).sort());
  });

  for (const device of DEVICES) {
    describe(`mbedTLS ${device.id}`, () => {
      let harness = "";
      let configs: string[] = [];
      before(async () => {
        const build = await device.build();
        harness = await compileHarness(build);
        configs = [path.join(build.includeDir, stockHeaderName(device.version === "3.6" ? "3.6" : "2.28"))];
        if (device.userConfig) {
          const file = path.join(work, `${device.id.replace(/\W+/g, "-")}.h`);
          writeFileSync(file, device.userConfig);
          configs.push(file);
        }
      });

      for (const scenario of MBEDTLS_CRL_SCENARIOS) {
        it(scenario.id, async () => {
          const files = scenarios[scenario.id];
          assert.ok(files, scenario.id);
          const chain = chains[files.via];
          const port = servers.get(files.via)?.port;
          assert.ok(port, "s_server is running");
          const result = await runHarness(harness, [`ca=${root}`, ...files.crls.map((c) => `crl=${c}`), `host=${HOST}`, `port=${port}`]);
          for (const line of result.stdout.split("\n").filter((l) => l.startsWith("parse crl"))) assert.equal(line, "parse crl ret=0", result.stdout);
          const accepted = result.code === 0 && result.handshakeRet === "0";

          const args = [
            "lint", chain.leaf, "--chain", chain.intermediate, "--ca", root, "--for", "mbedtls", "--host", HOST,
            ...configs.flatMap((c) => ["--mbedtls-config", c]), "--mbedtls-version", device.version,
            ...files.crls.flatMap((c) => ["--crl", c]), "--json",
          ];
          const lint = runCli(args);
          assert.ok(lint.code === 0 || lint.code === 1, `pkilab ${args.join(" ")}: exit ${lint.code}: ${lint.stderr}`);
          const report = JSON.parse(lint.stdout) as LintReport;
          const errors = report.findings.filter((f) => f.severity === "error" || f.severity === "fatal");
          const flags = flagNames(result.flags);
          seen.push(`${device.id.padEnd(22)} ${scenario.id.padEnd(26)} device: ${accepted ? "accepts" : `${result.handshakeRet} flags ${result.flags} alert_sent ${result.alertSent}`}; lint: ${errors.map((f) => f.rule).join(", ") || "accepts"}`);

          assert.equal(lint.code === 0, accepted, `lint exit ${lint.code}, device ${accepted ? "accepted" : "refused"}:\n${result.stdout}\nfindings: ${errors.map((f) => `${f.rule}: ${f.message}`).join("\n")}`);
          if (accepted) return;
          const symptoms = errors.map((f) => f.symptom ?? "").join("\n");
          for (const name of flags) assert.ok(symptoms.includes(name), `the device's ${name} is named by a finding:\n${symptoms}`);
          if (result.alertSent !== undefined) assert.match(symptoms, new RegExp(`alert ${result.alertSent}\\b`), `the alert the device sent (${result.alertSent})`);
        });
      }
    });
  }
});
