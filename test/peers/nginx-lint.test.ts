// Differential test: `pkilab lint --for nginx-mtls` against the real nginx (Debian 1.22, OpenSSL 3.0)
// on loopback, for the client-certificate scenarios of test/helpers/nginx-scenarios.ts.
//
// nginx runs the server block `pkilab export --nginx` writes, with the scenario's client CA file and
// ssl_verify_depth; lint gets the same inputs. curl presents the client certificate and the chain it
// sends. Lint's exit code must match nginx's verdict (200 = accepted; the export's 403, a 400 or a
// failed handshake = rejected), and for every rejection the "(N:text)" nginx logs must be named in
// the symptom of one of lint's error findings. Disagreements are reported, never explained away.
// The log lines of rejected scenarios are kept in fixtures/nginx-logs/ for `pkilab explain --log`.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { LintReport } from "../../src/lint/types.js";
import { REPO_ROOT, runCli, tempDir } from "../helpers/cli.js";
import { freePort, startNginxWithBlock } from "../helpers/nginx.js";
import { makeNginxScenarios, type NginxScenario, type NginxScenarioSet } from "../helpers/nginx-scenarios.js";
import { requireProgram } from "../helpers/peers.js";

const LOG_FIXTURES = path.join(REPO_ROOT, "fixtures", "nginx-logs");

interface LintOutcome {
  code: number;
  report?: LintReport;
  stderr: string;
}

interface NginxOutcome {
  /** HTTP status, 0 when the handshake failed. */
  status: number;
  /** "TLSv1.3", from curl -v; "" when no session was set up. */
  tls: string;
  body: string;
  curlStderr: string;
  /** The error-log lines this request produced. */
  log: string[];
  /** "26:unsuitable certificate purpose" from "client SSL certificate verify error: (…)". */
  reason?: string;
}

interface Outcome {
  scenario: NginxScenario;
  lint: LintOutcome;
  nginx: NginxOutcome;
}

function runLint(s: NginxScenario): LintOutcome {
  const args = ["lint", s.leaf, "--ca", s.clientCa, "--for", "nginx-mtls", "--verify-depth", String(s.verifyDepth), "--json"];
  if (s.chain) args.push("--chain", s.chain);
  const result = runCli(args);
  let report: LintReport | undefined;
  try {
    report = JSON.parse(result.stdout) as LintReport;
  } catch {
    // Exit 2 (bad input) prints no report: the stderr says why.
  }
  return { code: result.code, report, stderr: result.stderr };
}

/** curl with the client certificate; OPENSSL_CONF lowers only curl's own security level (see the helper). */
function presentCertificate(set: NginxScenarioSet, s: NginxScenario, port: number): { status: number; tls: string; body: string; stderr: string } {
  const result = spawnSync(
    "curl",
    ["-v", "-sS", "-o", "-", "-w", "\n%{http_code}", "--max-time", "10", "--cacert", set.serverCa, "--cert", s.certFile, "--key", s.key,
      ...(s.tlsMax ? ["--tls-max", s.tlsMax] : []), "--resolve", `localhost:${port}:127.0.0.1`, `https://localhost:${port}/`],
    { encoding: "utf8", env: { ...process.env, OPENSSL_CONF: set.clientOpensslConf } },
  );
  if (result.error) throw result.error;
  const lines = result.stdout.trimEnd().split("\n");
  // -v only for the negotiated version; curl's own errors are the lines starting "curl:".
  const tls = /SSL connection using (TLSv[\d.]+)/.exec(result.stderr)?.[1] ?? "";
  const errors = result.stderr.split("\n").filter((line) => line.startsWith("curl:")).join("\n");
  return { status: Number(lines.pop()) || 0, tls, body: lines.join("\n"), stderr: errors };
}

/** The log lines about this connection, minus keepalive chatter. */
function relevantLines(lines: string[]): string[] {
  return lines.filter((line) => /\*\d+ /.test(line) && !/closed keepalive connection|client \d+ closed/.test(line));
}

/**
 * The committed excerpt: real lines with the time, pid, connection number and port made constant, so
 * that the file changes only when nginx says something different.
 */
function fixtureText(lines: string[], port: number): string {
  return lines
    .map((line) =>
      line
        .replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d/, "2025/01/01 00:00:00")
        .replace(/\] \d+#\d+: \*\d+ /, "] 1000#1000: *1 ")
        .replaceAll(`:${port}`, ":8443"),
    )
    .join("\n") + "\n";
}

function writeFixture(name: string, text: string): void {
  const file = path.join(LOG_FIXTURES, `${name}.log`);
  if (existsSync(file) && readFileSync(file, "utf8") === text) return;
  mkdirSync(LOG_FIXTURES, { recursive: true });
  writeFileSync(file, text);
}

const lintAccepts = (o: Outcome) => o.lint.code === 0;
const nginxAccepts = (o: Outcome) => o.nginx.status === 200;
const nginxRejects = (o: Outcome) => [0, 400, 403].includes(o.nginx.status);
const errorFindings = (o: Outcome) => (o.lint.report?.findings ?? []).filter((f) => f.severity === "error" || f.severity === "fatal");
/** Does one of lint's error findings name the reason nginx logged? */
const namesReason = (o: Outcome) => o.nginx.reason !== undefined && errorFindings(o).some((f) => f.symptom?.includes(`(${o.nginx.reason})`));

function agrees(o: Outcome): boolean {
  if (o.lint.code === 0) return nginxAccepts(o);
  if (o.lint.code === 1) return nginxRejects(o) && namesReason(o);
  return false;
}

function describeOutcome(o: Outcome): string {
  const findings = (o.lint.report?.findings ?? []).map((f) => `    [${f.severity}] ${f.rule} @${f.certIndex}: ${f.message}\n      symptom: ${f.symptom ?? "-"}`);
  return [
    `${o.scenario.name}: ${o.scenario.note}`,
    `  lint: exit ${o.lint.code}${o.lint.code === 2 ? `: ${o.lint.stderr.trim()}` : ""}`,
    ...findings,
    `  nginx (${o.nginx.tls || "no TLS session"}): HTTP ${o.nginx.status || "none (handshake failed)"}${o.nginx.body ? `: ${o.nginx.body.trim()}` : ""}${o.nginx.curlStderr ? `; curl: ${o.nginx.curlStderr}` : ""}`,
    ...o.nginx.log.map((line) => `    log: ${line}`),
  ].join("\n");
}

// The scenarios are built when the file loads: node:test needs their names to register the tests.
for (const program of ["nginx", "openssl", "curl"]) requireProgram(program);
const work = tempDir("nginx-lint");
const set = makeNginxScenarios(work);
const outcomes = new Map<string, Outcome>();

/** Runs every scenario: one nginx per (client CA file, ssl_verify_depth) pair, from pkilab export. */
async function runScenarios(): Promise<void> {
  const groups = new Map<string, NginxScenario[]>();
  for (const s of set.scenarios) {
    const key = `${s.clientCa}\n${s.verifyDepth}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  let index = 0;
  for (const group of groups.values()) {
    const dir = path.join(work, `nginx-${index++}`);
    mkdirSync(dir, { recursive: true });
    const port = await freePort();
    const block = path.join(dir, "mtls.conf");
    const exported = runCli(["export", "--nginx", "--lab", set.serverLab, "--listen", `127.0.0.1:${port}`,
      "--client-ca", group[0]!.clientCa, "--verify-depth", String(group[0]!.verifyDepth), "-o", block]);
    assert.equal(exported.code, 0, `pkilab export --nginx failed: ${exported.stderr}`);
    const nginx = await startNginxWithBlock(dir, port, block);
    try {
      for (const scenario of group) {
        const lint = runLint(scenario);
        const logBefore = nginx.errorLog().length;
        const client = presentCertificate(set, scenario, port);
        let log = relevantLines(nginx.errorLog().slice(logBefore).split("\n"));
        // A failed handshake can be logged a moment after curl gives up.
        for (let i = 0; i < 10 && log.length === 0 && client.status !== 200; i++) {
          await new Promise((r) => setTimeout(r, 20));
          log = relevantLines(nginx.errorLog().slice(logBefore).split("\n"));
        }
        const reason = log.map((line) => /verify error: \((\d+:[^)]*)\)/.exec(line)?.[1]).find((r) => r !== undefined);
        const outcome: Outcome = { scenario, lint, nginx: { status: client.status, tls: client.tls, body: client.body, curlStderr: client.stderr, log, reason } };
        outcomes.set(scenario.name, outcome);
        if (nginxRejects(outcome) && log.length > 0) writeFixture(scenario.name, fixtureText(log, port));
      }
    } finally {
      await nginx.stop();
    }
  }
}

function printSummary(): void {
  const rows = set.scenarios.map((s) => outcomes.get(s.name)).filter((o): o is Outcome => o !== undefined);
  const lintCell = (o: Outcome) => {
    const rules = [...new Set(errorFindings(o).map((f) => f.rule))].join(",");
    return o.lint.code === 0 ? "accept" : o.lint.code === 1 ? `reject ${rules}` : `exit ${o.lint.code}`;
  };
  const nginxCell = (o: Outcome) => `${o.nginx.tls || "-"} ${o.nginx.status || "handshake failed"}${o.nginx.reason ? ` (${o.nginx.reason})` : ""}`;
  const table = [["scenario", "lint", "nginx", "agree"], ...rows.map((o) => [o.scenario.name, lintCell(o), nginxCell(o), agrees(o) ? "yes" : "NO"])];
  const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => row[col]!.length)));
  for (const row of table) console.log(row.map((cell, col) => cell.padEnd(widths[col]!)).join("  ").trimEnd());
  const disagreements = rows.filter((o) => !agrees(o));
  console.log(`pkilab lint vs nginx: ${rows.length - disagreements.length} of ${rows.length} scenarios agree`);
  for (const o of disagreements) console.log(`DISAGREEMENT ${describeOutcome(o)}`);
}

describe("pkilab lint --for nginx-mtls against the real nginx", () => {
  before(runScenarios, { timeout: 110_000 });
  after(() => {
    printSummary();
    rmSync(work, { recursive: true, force: true });
  });

  it("covers at least 30 scenarios", () => {
    assert.ok(set.scenarios.length >= 30, `only ${set.scenarios.length} scenarios`);
  });

  for (const scenario of set.scenarios) {
    it(scenario.name, () => {
      const o = outcomes.get(scenario.name);
      assert.ok(o, "the scenario did not run");
      assert.ok(o.lint.code === 0 || o.lint.code === 1, `lint exited ${o.lint.code}\n${describeOutcome(o)}`);
      assert.ok(nginxAccepts(o) || nginxRejects(o), `unexpected nginx status\n${describeOutcome(o)}`);
      assert.equal(lintAccepts(o), nginxAccepts(o), `lint ${lintAccepts(o) ? "accepts" : "rejects"}, nginx ${nginxAccepts(o) ? "accepts" : "rejects"}\n${describeOutcome(o)}`);
      if (!nginxAccepts(o)) {
        assert.ok(o.nginx.reason, `nginx rejected without a "(N:text)" verify error in its log\n${describeOutcome(o)}`);
        assert.ok(namesReason(o), `no error finding's symptom names nginx's (${o.nginx.reason})\n${describeOutcome(o)}`);
      }
    });
  }
});
