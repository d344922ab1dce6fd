// Differential test: `pkilab lint --for mbedtls` against real mbedTLS handshakes on loopback, for the
// device scenarios of test/helpers/mbedtls-scenarios.ts, and the seed fixtures of fixtures/mbedtls/.
//
// The device is the harness (test/peers/mbedtls/harness.c, an mbedTLS TLS client) built against
// Debian's 2.28, or 2.28 / 3.6 from source with a user config; the server is `openssl s_server`
// presenting the scenario's chain. pkilab lint gets the same inputs: the server certificate, the
// chain, the device's CA file, the host it dials, and the device's configuration (the headers the
// build read, or a `cc -E -dM` dump of it). Lint's exit code must match the handshake (0 = the
// handshake succeeded), and for every failed handshake the error code the device returned
// (`handshake ret=-0x....`) or the alert it received or sent must be named in the symptom of one of
// lint's error findings. Disagreements are reported, never explained away: the test fails listing them.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Finding, LintReport } from "../../src/lint/types.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { compileHarness, fields, mbedtlsBuild, runHarness, startOpensslServer, type HarnessResult, type MbedtlsBuild } from "../helpers/mbedtls.js";
import { customProfileFile, customProfileHarnessArgs, makeMbedtlsScenarios, stockHeaderName, userConfigOf, type Device, type MbedtlsScenario, type SeedFixture } from "../helpers/mbedtls-scenarios.js";
import { requireProgram } from "../helpers/peers.js";

interface LintOutcome {
  code: number;
  report?: LintReport;
  stderr: string;
  args: string[];
}

interface Outcome {
  scenario: MbedtlsScenario;
  lint: LintOutcome;
  device: HarnessResult;
  /** What s_server printed for this connection ("no shared cipher", "SSL alert number 42"). */
  server: string;
}

/** A device ready to run: its harness binary and what pkilab is told about its configuration. */
interface ReadyDevice {
  build: MbedtlsBuild;
  harness: string;
  lintConfigs: string[];
}

function runLint(args: string[]): LintOutcome {
  const result = runCli(args);
  let report: LintReport | undefined;
  try {
    report = JSON.parse(result.stdout) as LintReport;
  } catch {
    // Exit 2 (bad input) prints no report: stderr says why.
  }
  return { code: result.code, report, stderr: result.stderr, args };
}

/**
 * `cc -E -dM` of the build's headers with the build's own flags (the build's preprocessor resolves
 * everything the config says); 2.28's
 * ssl.h does not include config.h first, so it is named.
 */
function macroDump(device: Device, build: MbedtlsBuild, file: string): string {
  const includes = [...(device.version === "2.28" ? ["mbedtls/config.h"] : []), "mbedtls/ssl.h", "mbedtls/x509_crt.h"];
  const result = spawnSync(requireProgram("gcc"), ["-E", "-dM", ...build.cflags, "-x", "c", "-"], {
    input: includes.map((h) => `#include "${h}"\n`).join(""),
    encoding: "utf8",
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`gcc -E -dM for ${device.id} failed:\n${result.stderr}`);
  writeFileSync(file, result.stdout);
  return file;
}

// The material is made when the file loads: node:test needs the scenario names to register tests.
requireProgram("openssl");
const work = tempDir("mbedtls-lint");
const set = makeMbedtlsScenarios(work);
after(() => rmSync(work, { recursive: true, force: true }));
/**
 * PKILAB_MBEDTLS_SCENARIOS=pinned,uri-san runs only the scenarios whose name contains one of the
 * words (and the seeds whose two proofs are among them): for working on a few. Unset, every one runs.
 */
const only = (process.env.PKILAB_MBEDTLS_SCENARIOS ?? "").split(",").map((w) => w.trim()).filter(Boolean);
const selected = only.length === 0 ? set.scenarios : set.scenarios.filter((s) => only.some((w) => s.name.includes(w)));
const selectedSeeds = set.seeds.filter((seed) => selected.filter((s) => s.seed === seed.name).length === 2);
const devices = new Map<Device, ReadyDevice>();
const outcomes = new Map<string, Outcome>();

async function prepare(device: Device): Promise<ReadyDevice> {
  const ready = devices.get(device);
  if (ready) return ready;
  const build = await mbedtlsBuild(device.line, userConfigOf(device));
  const harness = await compileHarness(build);
  let lintConfigs: string[];
  if (device.dump) {
    mkdirSync(path.join(work, "dumps"), { recursive: true });
    lintConfigs = [macroDump(device, build, path.join(work, "dumps", `${device.id.replace(/[^\w.-]+/g, "_")}.txt`))];
  } else if (device.base === "replace") {
    lintConfigs = device.overrides;
  } else {
    lintConfigs = [path.join(build.includeDir, stockHeaderName(device.line)), ...device.overrides];
  }
  const made = { build, harness, lintConfigs };
  devices.set(device, made);
  return made;
}

/** --mbedtls-profile: a named profile as is, a custom one written to a file in pkilab's format. */
function profileArgs(s: MbedtlsScenario): { lint: string[]; harness: string[] } {
  const profile = s.x509Profile;
  if (profile === undefined) return { lint: [], harness: [] };
  if (typeof profile === "string") return { lint: ["--mbedtls-profile", profile], harness: [`profile=${profile}`] };
  const file = path.join(work, "profiles", `${profile.name}.txt`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, customProfileFile(profile));
  return { lint: ["--mbedtls-profile", file], harness: customProfileHarnessArgs(profile) };
}

function lintArgs(s: MbedtlsScenario, ready: ReadyDevice): string[] {
  return [
    "lint", s.leaf, ...(s.chain ? ["--chain", s.chain] : []), "--ca", s.ca, "--for", "mbedtls",
    ...ready.lintConfigs.flatMap((c) => ["--mbedtls-config", c]), "--mbedtls-version", s.device.version,
    ...profileArgs(s).lint, "--host", s.host, "--json",
  ];
}

async function runScenario(s: MbedtlsScenario): Promise<Outcome> {
  const ready = await prepare(s.device);
  const lint = runLint(lintArgs(s, ready));
  const server = await startOpensslServer({ cert: s.leaf, key: s.key, ...(s.chain ? { chain: s.chain } : {}), args: s.serverArgs });
  try {
    const device = await runHarness(ready.harness, [`ca=${s.ca}`, `port=${server.port}`, `host=${s.host}`, ...(s.tls ? [`tls=${s.tls}`] : []), ...profileArgs(s).harness]);
    // s_server reports a failed handshake a moment after the client gave up.
    if (device.handshakeRet !== "0") await new Promise((r) => setTimeout(r, 50));
    return { scenario: s, lint, device, server: server.output() };
  } finally {
    await server.stop();
  }
}

const deviceAccepts = (o: Outcome) => o.device.code === 0 && o.device.handshakeRet === "0";
const errorFindings = (report: LintReport | undefined): Finding[] => (report?.findings ?? []).filter((f) => f.severity === "error" || f.severity === "fatal");

/** Does the symptom text name this alert number ("alert 40", "alert 42/48", "alert 46 (…) or 43")? */
function namesAlert(symptom: string, alert: number | undefined): boolean {
  if (alert === undefined) return false;
  return symptom.split(/[;.]/).some((clause) => /\balerts?\b/.test(clause) && new RegExp(`\\b${alert}\\b`).test(clause.slice(clause.search(/\balerts?\b/))));
}

/** What of the real failure an error finding names: the code, the alert, or nothing. */
function namedSymptom(o: Outcome): string[] {
  const ret = o.device.handshakeRet?.toLowerCase();
  const named = new Set<string>();
  for (const f of errorFindings(o.lint.report)) {
    const symptom = f.symptom ?? "";
    if (ret && ret !== "0" && symptom.toLowerCase().includes(ret)) named.add(o.device.handshakeRet!);
    if (namesAlert(symptom, o.device.alert)) named.add(`alert ${o.device.alert}`);
    if (namesAlert(symptom, o.device.alertSent)) named.add(`alert ${o.device.alertSent}`);
  }
  return [...named];
}

function agrees(o: Outcome): boolean {
  if (o.lint.code === 0) return deviceAccepts(o);
  if (o.lint.code === 1) return !deviceAccepts(o) && o.device.handshakeRet !== undefined && namedSymptom(o).length > 0;
  return false;
}

function deviceCell(o: Outcome): string {
  if (o.device.handshakeRet === undefined) return `no handshake (exit ${o.device.code})`;
  const parts = [o.device.handshakeRet === "0" ? `ok ${o.device.tlsVersion ?? ""}`.trim() : o.device.handshakeRet];
  if (o.device.alert !== undefined) parts.push(`alert ${o.device.alert} recv`);
  if (o.device.alertSent !== undefined) parts.push(`alert ${o.device.alertSent} sent`);
  if (o.device.handshakeRet !== "0" && o.device.flags && o.device.flags !== "0x00000000") parts.push(`flags ${o.device.flags}`);
  return parts.join(", ");
}

function lintCell(o: Outcome): string {
  if (o.lint.code === 0) {
    const other = (o.lint.report?.findings ?? []).map((f) => `${f.rule}(${f.severity})`);
    return `accept${other.length ? ` [${other.join(",")}]` : ""}`;
  }
  if (o.lint.code === 1) return `reject ${[...new Set(errorFindings(o.lint.report).map((f) => f.rule))].join(",")}`;
  return `exit ${o.lint.code}`;
}

function describeOutcome(o: Outcome): string {
  const s = o.scenario;
  const findings = (o.lint.report?.findings ?? []).map((f) => `    [${f.severity}] ${f.rule} @${f.certIndex}: ${f.message}\n      symptom: ${f.symptom ?? "-"}`);
  const serverLines = o.server.split("\n").filter((l) => /error|alert|shared|verify/i.test(l)).slice(-4);
  return [
    `${s.name} (${s.device.id}${s.tls ? ", TLS 1.2" : ""}): ${s.note}`,
    `  lint: exit ${o.lint.code}${o.lint.code === 2 ? `: ${o.lint.stderr.trim()}` : ""}`,
    `    pkilab ${o.lint.args.map((a) => (a.includes(" ") ? JSON.stringify(a) : a)).join(" ")}`,
    ...findings,
    `  device: ${deviceCell(o)}; symptoms named by lint: ${namedSymptom(o).join(", ") || "none"}`,
    ...o.device.stdout.trimEnd().split("\n").map((l) => `    ${l}`),
    ...serverLines.map((l) => `    s_server: ${l.trim()}`),
  ].join("\n");
}

function printSummary(): void {
  const rows = selected.map((s) => outcomes.get(s.name)).filter((o): o is Outcome => o !== undefined);
  const table = [
    ["scenario", "device", "lint", "handshake", "agree"],
    ...rows.map((o) => [o.scenario.name, `${o.scenario.device.id}${o.scenario.tls ? " (TLS 1.2)" : ""}`, lintCell(o), deviceCell(o), agrees(o) ? "yes" : "NO"]),
  ];
  const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => row[col]!.length)));
  for (const row of table) console.log(row.map((cell, col) => cell.padEnd(widths[col]!)).join("  ").trimEnd());
  const disagreements = rows.filter((o) => !agrees(o));
  console.log(`pkilab lint --for mbedtls vs mbedTLS: ${rows.length - disagreements.length} of ${rows.length} scenarios agree`);
  for (const o of disagreements) console.log(`DISAGREEMENT ${describeOutcome(o)}`);
}

describe("pkilab lint --for mbedtls against real mbedTLS handshakes", () => {
  before(async () => {
    // Builds first (cached by config; a cold one is make -j2 lib, several seconds each), then the scenarios.
    for (const s of selected) await prepare(s.device);
    for (const seed of selectedSeeds) {
      if (seed.parseDevice) await prepare(seed.parseDevice);
      if (seed.parseFixedDevice) await prepare(seed.parseFixedDevice);
    }
    for (const s of selected) outcomes.set(s.name, await runScenario(s));
  }, { timeout: 280_000 });
  after(printSummary);

  it("covers at least 24 scenarios on 2.28 and 3.6", () => {
    assert.ok(set.scenarios.length >= 24, `only ${set.scenarios.length} scenarios`);
    assert.ok(set.scenarios.some((s) => s.device.version === "2.28") && set.scenarios.some((s) => s.device.version === "3.6"));
  });

  for (const scenario of selected) {
    it(`${scenario.name} (${scenario.device.id})`, () => {
      const o = outcomes.get(scenario.name);
      assert.ok(o, "the scenario did not run");
      assert.ok(o.lint.code === 0 || o.lint.code === 1, `lint exited ${o.lint.code}\n${describeOutcome(o)}`);
      assert.ok(o.device.handshakeRet !== undefined, `the device did not reach the handshake\n${describeOutcome(o)}`);
      assert.equal(o.lint.code === 0, deviceAccepts(o), `lint ${o.lint.code === 0 ? "accepts" : "rejects"}, the device ${deviceAccepts(o) ? "completes the handshake" : "fails it"}\n${describeOutcome(o)}`);
      if (!deviceAccepts(o)) {
        assert.ok(namedSymptom(o).length > 0, `no error finding's symptom names ${o.device.handshakeRet} or the alert\n${describeOutcome(o)}`);
      }
      // The verdict names the X.509 profile it assumed: the library's by name, a custom one by its file.
      const profile = scenario.x509Profile;
      const assumed = o.lint.report?.verdicts.find((v) => v.peer === "mbedtls")?.assumed.find((a) => a.startsWith("X.509 profile: ")) ?? "";
      const expected = profile === undefined ? "mbedtls_x509_crt_profile_default (the library's default" : typeof profile === "string" ? `mbedtls_x509_crt_profile_${profile} (--mbedtls-profile)` : `${profile.name}.txt (--mbedtls-profile)`;
      assert.ok(assumed.includes(expected), `the verdict's assumed line "${assumed}" does not name ${expected}`);
    });
  }

  it("every scenario agrees", () => {
    const disagreements = selected.map((s) => outcomes.get(s.name)).filter((o): o is Outcome => o !== undefined && !agrees(o));
    assert.equal(outcomes.size, selected.length, "not every scenario ran");
    assert.deepEqual(disagreements.map((o) => o.scenario.name), [], disagreements.map(describeOutcome).join("\n\n"));
  });
});

/** `pkilab lint` exactly as a fixture's lint.json says (paths relative to its folder). */
function lintFixture(seed: SeedFixture, extraConfigs: string[] = []): LintOutcome {
  const at = (file: string) => path.join(seed.dir, file);
  const o = seed.lint;
  return runLint([
    "lint", at("leaf.pem"), ...(existsSync(at("chain.pem")) ? ["--chain", at("chain.pem")] : []), "--ca", at("ca.pem"),
    "--for", o.for, "--at", o.at, ...(o.host ? ["--host", o.host] : []),
    ...[...o.mbedtlsConfig.map(at), ...extraConfigs].flatMap((c) => ["--mbedtls-config", c]), "--mbedtls-version", o.mbedtlsVersion, "--json",
  ]);
}

describe("seed fixtures (fixtures/mbedtls): lint as committed, and the real peer", () => {
  for (const seed of selectedSeeds) {
    it(`${seed.name}: lint gives exactly expected.txt`, () => {
      const lint = lintFixture(seed);
      assert.notEqual(lint.code, 2, lint.stderr);
      const actual = (lint.report?.findings ?? []).map((f) => `${f.peer} ${f.rule} ${f.severity} ${f.certIndex}`).sort();
      const expected = readFileSync(path.join(seed.dir, "expected.txt"), "utf8").split("\n").filter((l) => l.trim() !== "").sort();
      assert.deepEqual(actual, expected);
      assert.equal(lint.code, expected.some((line) => / error /.test(line)) ? 1 : 0, "exit code follows error findings");
      assert.ok(readFileSync(path.join(seed.dir, "README.md"), "utf8").trim().length > 20, "README says what real failure it reproduces");
    });

    it(`${seed.name}: the real mbedTLS fails with the fixture's config and succeeds with the fix`, () => {
      const proofs = set.scenarios.filter((s) => s.seed === seed.name).map((s) => outcomes.get(s.name));
      assert.equal(proofs.length, 2, "a failing and a fixed scenario");
      const [failing, fixed] = proofs;
      assert.ok(failing && fixed, "the proofs did not run");
      assert.ok(!deviceAccepts(failing), `the fixture's config completed the handshake\n${describeOutcome(failing)}`);
      assert.ok(deviceAccepts(fixed), `the fixed config failed\n${describeOutcome(fixed)}`);
      // The failure the committed lint names is the one the device shows.
      const committed = errorFindings(lintFixture(seed).report).map((f) => f.symptom ?? "").join("\n").toLowerCase();
      const shown = [failing.device.handshakeRet, failing.device.alert, failing.device.alertSent].filter((v) => v !== undefined);
      assert.ok(
        committed.includes(String(failing.device.handshakeRet).toLowerCase()) || shown.some((v) => typeof v === "number" && namesAlert(committed, v)),
        `the fixture's findings do not name ${shown.join(" / ")}\n${describeOutcome(failing)}`,
      );
    });

    if (seed.parseDevice && seed.parseFixedDevice) {
      const parseDevice = seed.parseDevice;
      const parseFixedDevice = seed.parseFixedDevice;
      it(`${seed.name}: the device cannot load its own certificate and key; the fixed config can (lint agrees)`, async () => {
        const material = ["parse_only=1", `crt=${path.join(seed.dir, "leaf.pem")}`, `key=${path.join(seed.dir, "key.pem")}`];
        const broken = await runHarness((await prepare(parseDevice)).harness, material);
        const crt = fields(broken.lines["parse crt"]).ret;
        const key = fields(broken.lines["parse key"]).ret;
        assert.equal(broken.code, 1, broken.stdout);
        assert.ok(crt !== "0" && key !== "0", broken.stdout);
        const symptoms = errorFindings(lintFixture(seed).report).map((f) => f.symptom ?? "").join("\n").toLowerCase();
        assert.ok(symptoms.includes(String(crt).toLowerCase()), `parse crt ret=${crt} is not named by the fixture's findings:\n${symptoms}`);
        const fixedRun = await runHarness((await prepare(parseFixedDevice)).harness, material);
        assert.equal(fixedRun.code, 0, fixedRun.stdout);
        assert.equal(fields(fixedRun.lines["parse crt"]).ret, "0");
        assert.equal(fields(fixedRun.lines["parse key"]).ret, "0");
        // pkilab with the same fix on top of the committed config: no error (the device serves the P-521 certificate).
        // The fixture gives no --host (what the device's clients dial), so the verdict stays undecided
        // on that one check alone (exit 3), never ACCEPTED.
        const fixOverride = parseFixedDevice.overrides.filter((f) => !parseDevice.overrides.includes(f));
        const fixedLint = lintFixture(seed, fixOverride);
        assert.deepEqual(errorFindings(fixedLint.report), [], JSON.stringify(fixedLint.report?.findings ?? fixedLint.stderr, null, 2));
        const expectedCode = seed.lint.host ? 0 : 3;
        assert.equal(fixedLint.code, expectedCode, JSON.stringify(fixedLint.report?.verdicts, null, 2));
        if (!seed.lint.host) assert.deepEqual(fixedLint.report?.verdicts.flatMap((v) => v.unchecked.map((u) => u.input)), ["host"]);
      });
    }
  }
});
