// Differential test: `pkilab lint --for wolfssl` against real wolfSSL handshakes on loopback, for the
// device scenarios of test/helpers/wolfssl-scenarios.ts.
//
// The device is the harness (test/peers/wolfssl/harness.c, a wolfSSL TLS client) built against
// Debian's libwolfssl-dev 5.5.4; the server is `openssl s_server` presenting the scenario's chain.
// pkilab lint gets the same inputs: the server certificate, the chain, the device's CA file, the
// host it checks, and the device's configuration: Debian's wolfssl/options.h, plus for a run-time
// setting the config lines that say the same. Lint's exit code must match the handshake (0 = the
// handshake succeeded), and for every failed handshake the code wolfSSL_get_error() returned must be
// named in the symptom of one of lint's error findings. Disagreements fail the test, listed.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Finding, LintReport } from "../../src/lint/types.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { requireProgram } from "../helpers/peers.js";
import { makeWolfsslScenarios, type WolfsslScenario } from "../helpers/wolfssl-scenarios.js";
import { compileWolfsslHarness, runWolfsslHarness, startOpensslServer, SYSTEM_OPTIONS_H, type WolfsslResult } from "../helpers/wolfssl.js";

interface Outcome {
  scenario: WolfsslScenario;
  lint: { code: number; report?: LintReport; stderr: string; args: string[] };
  device: WolfsslResult;
  server: string;
}

requireProgram("openssl");
const work = tempDir("wolfssl-lint");
const scenarios = makeWolfsslScenarios(work);
after(() => rmSync(work, { recursive: true, force: true }));
const outcomes = new Map<string, Outcome>();

function lintArgs(s: WolfsslScenario): string[] {
  const configs = [SYSTEM_OPTIONS_H];
  if (s.settings?.config) {
    const file = path.join(work, `${s.name}.user_settings.h`);
    writeFileSync(file, `/* ${s.name}: what the firmware sets at run time (${s.settings.harness.join(" ")}) */\n${s.settings.config.join("\n")}\n`);
    configs.push(file);
  }
  return [
    "lint", s.leaf, ...(s.chain ? ["--chain", s.chain] : []), "--ca", s.ca, "--for", "wolfssl",
    ...configs.flatMap((c) => ["--wolfssl-config", c]), ...(s.settings?.lint ?? []), ...(s.host ? ["--host", s.host] : []), "--json",
  ];
}

async function runScenario(s: WolfsslScenario, harness: string): Promise<Outcome> {
  const args = lintArgs(s);
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
    if (device.handshakeRet !== 1) await new Promise((r) => setTimeout(r, 50));
    return { scenario: s, lint: { code: result.code, report, stderr: result.stderr, args }, device, server: server.output() };
  } finally {
    await server.stop();
  }
}

const deviceAccepts = (o: Outcome) => o.device.handshakeRet === 1;
const errorFindings = (report: LintReport | undefined): Finding[] => (report?.findings ?? []).filter((f) => f.severity === "error" || f.severity === "fatal");
/** Does an error finding's symptom name the code the device returned (e.g. "-188")? */
const namesCode = (o: Outcome) => o.device.err !== undefined && errorFindings(o.lint.report).some((f) => new RegExp(`(^|[^\\d])${o.device.err}(?!\\d)`).test(f.symptom ?? ""));

function agrees(o: Outcome): boolean {
  if (o.lint.code === 0) return deviceAccepts(o);
  if (o.lint.code === 1) return !deviceAccepts(o) && namesCode(o);
  return false;
}

function describeOutcome(o: Outcome): string {
  const s = o.scenario;
  return [
    `${s.name}: ${s.note}`,
    `  lint: exit ${o.lint.code}${o.lint.code === 2 ? `: ${o.lint.stderr.trim()}` : ""}`,
    `    pkilab ${o.lint.args.join(" ")}`,
    ...(o.lint.report?.findings ?? []).map((f) => `    [${f.severity}] ${f.rule} @${f.certIndex}: ${f.message}\n      symptom: ${f.symptom ?? "-"}`),
    `  device: ${o.device.handshakeRet === 1 ? "handshake" : `err ${o.device.err} "${o.device.errText}"`}`,
    ...o.device.stdout.trimEnd().split("\n").map((l) => `    ${l}`),
    ...o.server.split("\n").filter((l) => /error|alert/i.test(l)).slice(-3).map((l) => `    s_server: ${l.trim()}`),
  ].join("\n");
}

function printSummary(): void {
  const rows = scenarios.map((s) => outcomes.get(s.name)).filter((o): o is Outcome => o !== undefined);
  const table = [
    ["scenario", "lint", "device", "agree"],
    ...rows.map((o) => [
      o.scenario.name,
      o.lint.code === 0 ? "accept" : o.lint.code === 1 ? `reject ${[...new Set(errorFindings(o.lint.report).map((f) => f.rule))].join(",")}` : `exit ${o.lint.code}`,
      o.device.handshakeRet === 1 ? `ok ${o.device.tlsVersion ?? ""}` : `${o.device.err} ${o.device.errText}`,
      agrees(o) ? "yes" : "NO",
    ]),
  ];
  const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => row[col]!.length)));
  for (const row of table) console.log(row.map((cell, col) => cell.padEnd(widths[col]!)).join("  ").trimEnd());
  const disagreements = rows.filter((o) => !agrees(o));
  console.log(`pkilab lint --for wolfssl vs libwolfssl: ${rows.length - disagreements.length} of ${rows.length} scenarios agree`);
  for (const o of disagreements) console.log(`DISAGREEMENT ${describeOutcome(o)}`);
}

describe("pkilab lint --for wolfssl against real wolfSSL handshakes (libwolfssl-dev 5.5.4)", () => {
  before(async () => {
    const harness = await compileWolfsslHarness();
    for (const s of scenarios) outcomes.set(s.name, await runScenario(s, harness));
  }, { timeout: 280_000 });
  after(printSummary);

  it("covers at least 20 scenarios, accepted and refused", () => {
    assert.ok(scenarios.length >= 20, `only ${scenarios.length} scenarios`);
    const accepted = [...outcomes.values()].filter(deviceAccepts).length;
    assert.ok(accepted >= 5 && outcomes.size - accepted >= 10, `${accepted} accepted of ${outcomes.size}`);
  });

  for (const scenario of scenarios) {
    it(scenario.name, () => {
      const o = outcomes.get(scenario.name);
      assert.ok(o, "the scenario did not run");
      assert.ok(o.lint.code === 0 || o.lint.code === 1, `lint exited ${o.lint.code}\n${describeOutcome(o)}`);
      assert.ok(o.device.handshakeRet !== undefined, `the device did not reach the handshake\n${describeOutcome(o)}`);
      assert.equal(o.lint.code === 0, deviceAccepts(o), `lint ${o.lint.code === 0 ? "accepts" : "rejects"}, the device ${deviceAccepts(o) ? "completes the handshake" : "fails it"}\n${describeOutcome(o)}`);
      if (!deviceAccepts(o)) assert.ok(namesCode(o), `no error finding's symptom names ${o.device.err}\n${describeOutcome(o)}`);
    });
  }
});
