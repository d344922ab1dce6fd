// One error contract (README "Exit codes"): every failure before or during parsing is one line
// "pkilab: …" on stderr and exit 2; with --json a small {"error": {code, message}} on stdout and
// exit 2. oclif's conventions: help X, -h, -v, and "did you mean" for a mistyped command or flag.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { REPO_ROOT, runCli } from "../helpers/cli.js";

function assertOneLine(result: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, "");
  const lines = result.stderr.split("\n").filter(Boolean);
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0]!, /^pkilab: /);
  assert.match(lines[0]!, pattern);
  // No oclif wrapping folded into mid-sentence ": " runs, no local paths.
  assert.ok(lines[0]!.length < 220, `too long: ${lines[0]}`);
  assert.ok(!lines[0]!.includes(REPO_ROOT), "names a local path");
}

function assertJsonError(result: { code: number; stdout: string; stderr: string }, code: string, pattern: RegExp): void {
  assert.equal(result.code, 2, result.stdout + result.stderr);
  assert.ok(result.stdout.length < 1024, `the JSON error is ${result.stdout.length} bytes`);
  assert.ok(!result.stdout.includes(REPO_ROOT), "names a local path");
  const parsed = JSON.parse(result.stdout) as { error: { code: string; message: string } };
  assert.deepEqual(Object.keys(parsed), ["error"]);
  assert.deepEqual(Object.keys(parsed.error).sort(), ["code", "message"]);
  assert.equal(parsed.error.code, code);
  assert.match(parsed.error.message, pattern);
}

describe("parse errors: one line, exit 2", () => {
  it("a missing argument names it and the help", () => {
    assertOneLine(runCli(["lint"]), /^pkilab: lint: missing CERT \(the certificate to lint\): see pkilab lint --help$/);
  });
  it("an unknown flag suggests the nearest one", () => {
    assertOneLine(runCli(["lint", "x.pem", "--fro", "nginx-mtls"]), /lint: unknown flag --fro; did you mean --for\? \(pkilab lint --help lists the flags\)/);
    assertOneLine(runCli(["init", "--colour"]), /init: unknown flag --colour \(pkilab init --help/);
  });
  it("an extra argument says what the command takes", () => {
    // lint and verify take any number of certificates; issue takes a role and a name.
    assertOneLine(runCli(["issue", "client", "alice", "bob"]), /unexpected argument bob: issue takes ROLE NAME/);
  });
  it("a value outside a flag's options lists them", () => {
    assertOneLine(runCli(["lint", "x.pem", "--format", "xml"]), /^pkilab: --format xml: use one of text, json, sarif$/);
  });
  it("oclif's own flag parsers are put in front of the flag", () => {
    assertOneLine(runCli(["lint", "x.pem", "--for", "nginx-mtls", "--verify-depth", "abc"]), /--verify-depth: expected an integer/);
  });
  it("a mistyped command suggests the nearest one", () => {
    assertOneLine(runCli(["lnit"]), /^pkilab: lnit: not a pkilab command; did you mean init\? \(pkilab --help lists the commands\)$/);
    assertOneLine(runCli(["xyzzy"]), /^pkilab: xyzzy: not a pkilab command \(pkilab --help lists the commands\)$/);
  });
});

describe("--json errors: a small {error} on stdout, exit 2", () => {
  it("parse errors (they were 55-108 KB of oclif internals, exit 1)", () => {
    assertJsonError(runCli(["lint", "--json"]), "usage", /missing CERT/);
    assertJsonError(runCli(["lint", "x.pem", "--bogus", "--json"]), "usage", /unknown flag --bogus/);
    assertJsonError(runCli(["verify", "x.pem", "--at", "soon", "--json"]), "input", /--at soon: not a time/);
  });
  it("unreadable input", () => {
    assertJsonError(runCli(["lint", "no-such.pem", "--for", "nginx-mtls", "--json"]), "input", /no-such\.pem: no such file or directory/);
    assertJsonError(runCli(["inspect", "no-such.pem", "--json"]), "input", /no-such\.pem/);
  });
  it("an unknown command", () => {
    assertJsonError(runCli(["lnit", "--json"]), "usage", /did you mean init\?/);
  });
});

describe("help and version, as oclif CLIs do", () => {
  it("pkilab help lint, lint -h and lint --help show the same help", () => {
    const help = runCli(["lint", "--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /USAGE\n\s+\$ pkilab lint \[CERT\.\.\.\]/);
    for (const argv of [["help", "lint"], ["lint", "-h"]]) {
      const result = runCli(argv);
      assert.equal(result.code, 0, `${argv.join(" ")}: ${result.stderr}`);
      assert.equal(result.stdout, help.stdout, argv.join(" "));
    }
  });
  it("pkilab help lists the commands", () => {
    const result = runCli(["help"]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /COMMANDS[\s\S]*\blint\b[\s\S]*\bverify\b/);
  });
  it("-v and --version print the version", () => {
    const version = runCli(["--version"]);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^pkilab\/\d+\.\d+\.\d+ /);
    assert.equal(runCli(["-v"]).stdout, version.stdout);
  });
  it("--version (answered by bin/run.js without loading oclif) prints oclif's user agent", async () => {
    const { Config } = await import("@oclif/core");
    const config = await Config.load(REPO_ROOT);
    assert.equal(runCli(["--version"]).stdout, `${config.userAgent}\n`);
    // oclif answers --version in first place whatever follows; so does the shortcut.
    assert.equal(runCli(["--version", "lint"]).stdout, `${config.userAgent}\n`);
  });
});
