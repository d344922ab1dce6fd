// Real-peer test: a CA file holding OpenSSL "-----BEGIN TRUSTED CERTIFICATE-----" blocks
// (`openssl x509 -trustout -addtrust ...`), given to the peers that read "CERTIFICATE" blocks only:
// mbedTLS 2.28 (Debian's) and 3.6 (source build), wolfSSL 5.5.4 (Debian's) and Go 1.19
// (go-client and go-mtls). For each CA file, pkilab lint's exit must equal the real outcome
// (0 = the handshake succeeded), and the real error must be in an error finding's symptom: the
// load's return code when the CA load fails (mbedtls_x509_crt_parse(),
// wolfSSL_CTX_load_verify_buffer()), the handshake's code or Go's error string when it fails. A
// skipped block beside a plain one must be named by a warning. Nothing is mocked.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Finding, LintReport } from "../../src/lint/types.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { goClient, goMtls } from "../helpers/go.js";
import { compileHarness, mbedtlsBuild, runHarness, startOpensslServer, type HarnessResult, type MbedtlsLine } from "../helpers/mbedtls.js";
import { stockHeaderName } from "../helpers/mbedtls-scenarios.js";
import { CA_EXT, DAY, leafExt, Mint, YEAR } from "../helpers/openssl-mint.js";
import { requireProgram } from "../helpers/peers.js";
import { compileWolfsslHarness, runWolfsslHarness, SYSTEM_OPTIONS_H, type WolfsslResult } from "../helpers/wolfssl.js";

const HOST = "www.example.com";
const UNKNOWN_AUTHORITY = "x509: certificate signed by unknown authority";

requireProgram("openssl");
const work = tempDir("trusted-blocks");
after(() => rmSync(work, { recursive: true, force: true }));

const mint = new Mint(path.join(work, "mint"), Date.now(), "pkilab trusted blocks");
const root = mint.issue({ name: "root", cn: "Trusted Blocks Root", key: "p256", ext: CA_EXT, from: -DAY, to: YEAR });
const otherRoot = mint.issue({ name: "other-root", cn: "Trusted Blocks Other Root", key: "p256", ext: CA_EXT, from: -DAY, to: YEAR });
const leaf = mint.issue({ name: "leaf", cn: HOST, key: "p256", issuer: root, ext: leafExt({ eku: "serverAuth, clientAuth", san: `DNS:${HOST}` }), from: -DAY, to: 90 * DAY });

/** The certificate as a TRUSTED CERTIFICATE block, trusted for TLS servers and clients. */
function trustedBlock(cert: string): string {
  const result = spawnSync("openssl", ["x509", "-in", cert, "-trustout", "-addtrust", "serverAuth", "-addtrust", "clientAuth"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`openssl x509 -trustout failed:\n${result.stderr}`);
  assert.match(result.stdout, /^-----BEGIN TRUSTED CERTIFICATE-----/);
  return result.stdout;
}
const plainBlock = (cert: string) => readFileSync(cert, "utf8");

interface Scenario {
  name: string;
  /** The CA file's blocks, in order. */
  ca: string[];
  /** What every real peer does: the harness's regressions show here first. */
  accepts: boolean;
  /** Subjects a trusted-certificate-block-ignored warning must name. */
  skippedNamed: string[];
}

const scenarios: Scenario[] = [
  { name: "the root as a TRUSTED CERTIFICATE block, alone", ca: [trustedBlock(root.cert)], accepts: false, skippedNamed: [] },
  { name: "the root as a TRUSTED block, beside another root as a plain block", ca: [trustedBlock(root.cert), plainBlock(otherRoot.cert)], accepts: false, skippedNamed: ["Trusted Blocks Root"] },
  { name: "the root as a plain block, another root as a TRUSTED block after it", ca: [plainBlock(root.cert), trustedBlock(otherRoot.cert)], accepts: true, skippedNamed: ["Trusted Blocks Other Root"] },
  { name: "the root as a TRUSTED block and as a plain block", ca: [trustedBlock(root.cert), plainBlock(root.cert)], accepts: true, skippedNamed: [] },
  { name: "the root as a plain block (baseline)", ca: [plainBlock(root.cert)], accepts: true, skippedNamed: [] },
];

const caFiles = new Map<Scenario, string>();
scenarios.forEach((s, i) => {
  const file = path.join(work, `ca-${i}.pem`);
  writeFileSync(file, s.ca.join(""));
  caFiles.set(s, file);
});

interface Lint {
  code: number;
  report?: LintReport;
  stderr: string;
  args: string[];
}

function lint(ca: string, peerArgs: string[]): Lint {
  const args = ["lint", leaf.cert, "--ca", ca, ...peerArgs, "--json"];
  const result = runCli(args);
  let report: LintReport | undefined;
  try {
    report = JSON.parse(result.stdout) as LintReport;
  } catch {
    // exit 2 prints no report
  }
  return { code: result.code, report, stderr: result.stderr, args };
}

const errorFindings = (l: Lint): Finding[] => (l.report?.findings ?? []).filter((f) => f.severity === "error" || f.severity === "fatal");
/** Is `code` ("-0x2180", "-162") in an error finding's symptom, as a whole number? */
const symptomNames = (l: Lint, code: string) => errorFindings(l).some((f) => new RegExp(`(^|[^\\w])${code}(?![\\dA-Fa-f])`, "i").test(f.symptom ?? ""));

function describeLint(l: Lint): string {
  return [
    `  pkilab ${l.args.join(" ")} -> exit ${l.code}${l.code === 2 ? `: ${l.stderr.trim()}` : ""}`,
    ...(l.report?.findings ?? []).map((f) => `    [${f.severity}] ${f.rule} @${f.certIndex}: ${f.message}\n      symptom: ${f.symptom ?? "-"}`),
  ].join("\n");
}

/** The warning for skipped blocks names exactly the subjects the scenario expects (none: no warning). */
function assertSkippedNamed(s: Scenario, l: Lint, context: string): void {
  const warnings = (l.report?.findings ?? []).filter((f) => f.rule === "trusted-certificate-block-ignored");
  if (s.skippedNamed.length === 0) assert.deepEqual(warnings.map((f) => f.message), [], context);
  for (const subject of s.skippedNamed) {
    assert.ok(warnings.some((f) => f.severity === "warning" && f.message.includes(subject)), `no trusted-certificate-block-ignored warning names "${subject}"\n${context}`);
  }
}

describe("TRUSTED CERTIFICATE blocks in the CA file of mbedTLS (2.28, 3.6)", () => {
  const lines: MbedtlsLine[] = ["2.28-system", "3.6"];
  const devices = new Map<MbedtlsLine, { harness: string; header: string; version: "2.28" | "3.6" }>();
  before(async () => {
    for (const line of lines) {
      const build = await mbedtlsBuild(line);
      devices.set(line, { harness: await compileHarness(build), header: path.join(build.includeDir, stockHeaderName(line)), version: line === "3.6" ? "3.6" : "2.28" });
    }
  }, { timeout: 600_000 });

  for (const line of lines) {
    for (const s of scenarios) {
      it(`${line}: ${s.name}`, async () => {
        const device = devices.get(line)!;
        const ca = caFiles.get(s)!;
        const server = await startOpensslServer({ cert: leaf.cert, key: leaf.key });
        let result: HarnessResult;
        try {
          result = await runHarness(device.harness, [`ca=${ca}`, `port=${server.port}`, `host=${HOST}`]);
        } finally {
          await server.stop();
        }
        const l = lint(ca, ["--for", "mbedtls", "--mbedtls-config", device.header, "--mbedtls-version", device.version, "--host", HOST]);
        const parse = /ret=(\S+) count=(\d+)/.exec(result.lines["parse ca"] ?? "");
        const accepted = result.code === 0 && result.handshakeRet === "0";
        const context = `device:\n${result.stdout}\nlint:\n${describeLint(l)}`;
        assert.ok(parse, `no "parse ca" line\n${context}`);
        assert.equal(accepted, s.accepts, `the real mbedTLS ${accepted ? "accepted" : "refused"}\n${context}`);
        assert.equal(l.code, accepted ? 0 : 1, `lint's exit against the device's outcome\n${context}`);
        if (parse[1] !== "0") assert.ok(symptomNames(l, parse[1]!), `no error finding's symptom names the load's ${parse[1]}\n${context}`);
        if (!accepted) assert.ok(symptomNames(l, result.handshakeRet!), `no error finding's symptom names the handshake's ${result.handshakeRet}\n${context}`);
        assertSkippedNamed(s, l, context);
      });
    }
  }
});

describe("TRUSTED CERTIFICATE blocks in the CA file of wolfSSL (libwolfssl 5.5.4)", () => {
  let harness: string;
  before(async () => {
    harness = await compileWolfsslHarness();
  }, { timeout: 300_000 });

  for (const s of scenarios) {
    it(s.name, async () => {
      const ca = caFiles.get(s)!;
      const server = await startOpensslServer({ cert: leaf.cert, key: leaf.key });
      let result: WolfsslResult;
      try {
        result = await runWolfsslHarness(harness, [`ca=${ca}`, `port=${server.port}`, `host=${HOST}`]);
      } finally {
        await server.stop();
      }
      const l = lint(ca, ["--for", "wolfssl", "--wolfssl-config", SYSTEM_OPTIONS_H, "--host", HOST]);
      const accepted = result.handshakeRet === 1;
      const context = `device:\n${result.stdout}\nlint:\n${describeLint(l)}`;
      assert.equal(result.loads.length, 1, context);
      assert.equal(accepted, s.accepts, `the real wolfSSL ${accepted ? "accepted" : "refused"}\n${context}`);
      assert.equal(l.code, accepted ? 0 : 1, `lint's exit against the device's outcome\n${context}`);
      const load = result.loads[0]!.ret;
      if (load !== 1) assert.ok(symptomNames(l, String(load)), `no error finding's symptom names the load's ${load}\n${context}`);
      if (!accepted) assert.ok(symptomNames(l, String(result.err)), `no error finding's symptom names the handshake's ${result.err}\n${context}`);
      assertSkippedNamed(s, l, context);
    });
  }
});

describe("TRUSTED CERTIFICATE blocks in the CA file of Go (go-client, go-mtls)", () => {
  for (const peer of ["go-client", "go-mtls"] as const) {
    for (const s of scenarios) {
      it(`${peer}: ${s.name}`, async () => {
        const ca = caFiles.get(s)!;
        const files = { cert: leaf.cert, key: leaf.key, ca };
        const go = peer === "go-client" ? await goClient({ ...files, host: HOST }) : await goMtls(files);
        const l = lint(ca, ["--for", peer, ...(peer === "go-client" ? ["--host", HOST] : [])]);
        const context = `Go: ${JSON.stringify(go)}\nlint:\n${describeLint(l)}`;
        assert.equal(go.ok, s.accepts, `the real Go ${go.ok ? "accepted" : "refused"}\n${context}`);
        assert.equal(l.code, go.ok ? 0 : 1, `lint's exit against Go's outcome\n${context}`);
        if (!go.ok) {
          assert.ok(go.error?.includes(UNKNOWN_AUTHORITY), `Go refused for another reason\n${context}`);
          assert.ok(errorFindings(l).some((f) => f.rule === "chain-not-anchored" && (f.symptom ?? "").includes(UNKNOWN_AUTHORITY)), `no chain-not-anchored error with Go's words\n${context}`);
        }
        assertSkippedNamed(s, l, context);
      });
    }
  }
});
