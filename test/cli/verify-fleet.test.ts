// pkilab verify of many leaves: the input forms (arguments, a directory, --from FILE, --from -) and
// the streamed output (text, --json, --jsonl), in input order. No timing here: speed is for
// `npm run bench`.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { BIN, REPO_ROOT, runCli, tempDir } from "../helpers/cli.js";
import type { LintReport } from "../../src/lint/types.js";
import type { LeafVerdict, VerifyReport } from "../../src/verify/verify.js";
import { READ_AHEAD_LIMITS } from "../../src/app/read-ahead.js";

const work = tempDir("verify-fleet");
const lab = path.join(work, "lab");
const certs = path.join(work, "certs");
const file = (p: string) => path.join(lab, p);
const ca = () => ["--ca", file("ca.pem"), "--chain", file("intermediate-1/cert.pem")];
after(() => rmSync(work, { recursive: true, force: true }));
before(() => {
  const init = runCli(["init", lab, "--device", "d1", "--device", "d2", "--device", "d3", "--server", "localhost"]);
  assert.equal(init.code, 0, init.stderr);
  // A directory as a fleet export looks: certificates under several extensions, and other files.
  mkdirSync(path.join(certs, "sub"), { recursive: true });
  copyFileSync(file("devices/d3/cert.pem"), path.join(certs, "a.pem"));
  copyFileSync(file("devices/d1/cert.pem"), path.join(certs, "b.crt"));
  copyFileSync(file("servers/localhost/cert.pem"), path.join(certs, "c.PEM"));
  copyFileSync(file("devices/d2/cert.pem"), path.join(certs, "sub", "skipped.pem"));
  writeFileSync(path.join(certs, "notes.txt"), "not a certificate\n");
});

/** The file named on each OK/INVALID line, in output order. */
const filesInText = (stdout: string) => [...stdout.matchAll(/^(?:OK|INVALID) +(.+?): /gm)].map((m) => m[1]);

describe("pkilab verify: input forms", () => {
  it("a directory gives its certificate files sorted by name, not recursing, other files ignored", () => {
    const result = runCli(["verify", certs, ...ca(), "--purpose", "client"]);
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(filesInText(result.stdout), ["a.pem", "b.crt", "c.PEM"].map((n) => path.join(certs, n)));
    // The server certificate is not a client certificate: the one invalid leaf.
    assert.match(result.stdout, /3 verified .*: 2 valid, 1 invalid/);
  });

  it("--from FILE: one path a line, blank lines skipped, after the arguments, in the order given", () => {
    const list = path.join(work, "list.txt");
    writeFileSync(list, `${file("devices/d3/cert.pem")}\n\n${file("devices/d1/cert.pem")}\r\n`);
    const result = runCli(["verify", file("devices/d2/cert.pem"), "--from", list, ...ca()]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(filesInText(result.stdout), ["d2", "d3", "d1"].map((d) => file(`devices/${d}/cert.pem`)));
  });

  it("--from - reads the list from standard input", () => {
    const input = ["d2", "d1", "d3"].map((d) => file(`devices/${d}/cert.pem`)).join("\n");
    const result = spawnSync(process.execPath, [BIN, "verify", "--from", "-", ...ca(), "--jsonl"], { cwd: REPO_ROOT, encoding: "utf8", input });
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as LeafVerdict);
    assert.deepEqual(lines.map((v) => v.file), input.split("\n"));
    assert.ok(lines.every((v) => v.valid));
  });

  it("no certificate, an empty list, a directory without certificates: exit 2 with one line", () => {
    const empty = path.join(work, "empty.txt");
    writeFileSync(empty, "\n\n");
    for (const [args, message] of [
      [["verify", ...ca()], /^pkilab: verify: missing LEAF \(certificate file\(s\) to verify\): see pkilab verify --help\n$/],
      [["verify", "--from", empty, ...ca()], /--from .*empty\.txt: names no certificate file/],
      [["verify", certs, "--from", path.join(work, "missing.txt"), ...ca()], /--from .*missing\.txt: no such file or directory/],
      [["verify", path.join(lab, "devices"), ...ca()], /holds no certificate file \(\*\.pem, \*\.crt, \*\.cer, \*\.der\)/],
    ] as const) {
      const result = runCli([...args]);
      assert.equal(result.code, 2, `${args.join(" ")}: ${result.stdout}`);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
    }
  });
});

describe("pkilab verify: streamed output", () => {
  const leaves = () => ["d1", "d2", "d3"].map((d) => file(`devices/${d}/cert.pem`)).concat(file("servers/localhost/cert.pem"));

  it("--json is the same document as before, laid out as JSON.stringify(report, null, 2) lays it out", () => {
    const result = runCli(["verify", ...leaves(), ...ca(), "--purpose", "client", "--json"]);
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout) as VerifyReport;
    assert.equal(result.stdout, `${JSON.stringify(report, null, 2)}\n`);
    assert.deepEqual(report.results.map((r) => r.file), leaves());
    assert.deepEqual(report.summary, { total: 4, valid: 3, invalid: 1 });
    assert.deepEqual(Object.keys(report).slice(0, 2), ["at", "purpose"]);
  });

  it("--jsonl prints one verdict per line, the same verdicts as --json", () => {
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const json = JSON.parse(runCli(["verify", ...leaves(), ...ca(), "--purpose", "client", "--at", at, "--json"]).stdout) as VerifyReport;
    const result = runCli(["verify", ...leaves(), ...ca(), "--purpose", "client", "--at", at, "--jsonl"]);
    assert.equal(result.code, 1, result.stderr);
    const lines = result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as LeafVerdict);
    assert.deepEqual(lines, json.results);
  });

  it("--json with --jsonl is a usage error", () => {
    const result = runCli(["verify", ...leaves(), ...ca(), "--json", "--jsonl"]);
    assert.equal(result.code, 2);
  });

  it("a file that cannot be read stops the run with exit 2, after the verdicts reached before it", () => {
    const result = runCli(["verify", file("devices/d1/cert.pem"), path.join(work, "missing.pem"), ...ca()]);
    assert.equal(result.code, 2);
    assert.deepEqual(filesInText(result.stdout), [file("devices/d1/cert.pem")]);
    assert.match(result.stderr, /missing\.pem/);
  });
});

describe("pkilab lint of several certificates", () => {
  const at = new Date(Date.now() + 86_400_000).toISOString();
  const leaves = () => [file("devices/d2/cert.pem"), file("servers/localhost/cert.pem"), file("devices/d1/cert.pem")];
  const options = () => [...ca(), "--for", "nginx-mtls", "--at", at];
  const single = (leaf: string) => JSON.parse(runCli(["lint", leaf, ...options(), "--json"]).stdout) as LintReport;

  it("--jsonl: one report a line, in input order, each the report lint of that file alone gives; exit 1 when one is rejected", () => {
    const result = runCli(["lint", ...leaves(), ...options(), "--jsonl"]);
    assert.equal(result.code, 1, result.stderr);
    const reports = result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as LintReport);
    assert.deepEqual(reports, leaves().map(single));
    assert.deepEqual(reports.map((r) => r.verdicts[0]?.status), ["accepted", "rejected", "accepted"]);
  });

  it("--json: an array of the same reports; text: the reports one after another", () => {
    const json = runCli(["lint", ...leaves(), ...options(), "--json"]);
    assert.equal(json.code, 1, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), leaves().map(single));
    const text = runCli(["lint", ...leaves(), ...options()]);
    assert.equal(text.code, 1, text.stderr);
    assert.deepEqual([...text.stdout.matchAll(/^nginx-mtls: will be (\w+)/gm)].map((m) => m[1]), ["ACCEPTED", "REJECTED", "ACCEPTED"]);
  });

  it("a directory and --from - as for verify; all accepted is exit 0", () => {
    const input = [file("devices/d3/cert.pem"), file("devices/d1/cert.pem")].join("\n");
    const result = spawnSync(process.execPath, [BIN, "lint", path.join(certs, "sub"), "--from", "-", ...options(), "--jsonl"], { cwd: REPO_ROOT, encoding: "utf8", input });
    assert.equal(result.status, 0, result.stderr);
    const files = result.stdout.trimEnd().split("\n").map((line) => (JSON.parse(line) as LintReport).file);
    assert.deepEqual(files, [path.join(certs, "sub", "skipped.pem"), ...input.split("\n")]);
  });

  it("--format sarif and --key take one certificate: exit 2", () => {
    assert.equal(runCli(["lint", ...leaves(), ...options(), "--format", "sarif"]).code, 2);
    const keyed = runCli(["lint", ...leaves(), ...options(), "--key", file("devices/d1/key.pem")]);
    assert.equal(keyed.code, 2);
    assert.match(keyed.stderr, /--key belongs to one certificate/);
  });
});

describe("a fleet longer than the read-ahead (src/app/read-ahead.ts)", () => {
  // Three times READ_AHEAD_LIMITS.leavesAhead files, cycling through the lab's devices, with a
  // device of another lab (invalid here) at a few places and a missing file near the end.
  const foreignLab = path.join(work, "foreign");
  const size = READ_AHEAD_LIMITS.leavesAhead * 3;
  const missingAt = size - 7;
  const foreignAt = new Set([1, READ_AHEAD_LIMITS.leavesAhead + 2, missingAt - 1]);
  const fleet = () =>
    Array.from({ length: size }, (_, i) =>
      i === missingAt ? path.join(work, "gone.pem") : foreignAt.has(i) ? path.join(foreignLab, "devices/x/cert.pem") : file(`devices/d${(i % 3) + 1}/cert.pem`),
    );
  const list = path.join(work, "fleet.txt");
  const lintOptions = () => [...ca(), "--for", "nginx-mtls", "--at", new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)];
  before(() => {
    assert.equal(runCli(["init", foreignLab, "--device", "x"]).code, 0);
    writeFileSync(list, fleet().join("\n") + "\n");
  });

  it("verify: a verdict for each file before the missing one, in input order, the foreign ones invalid; then exit 2", () => {
    const result = runCli(["verify", "--from", list, ...ca(), "--jsonl"]);
    assert.equal(result.code, 2, result.stderr);
    const verdicts = result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as LeafVerdict);
    assert.deepEqual(verdicts.map((v) => v.file), fleet().slice(0, missingAt));
    assert.deepEqual(verdicts.map((v) => v.valid), fleet().slice(0, missingAt).map((_, i) => !foreignAt.has(i)));
    assert.match(result.stderr, /^[^\n]*gone\.pem: no such file or directory: check the path\n$/);
  });

  it("lint: the same, each report the one lint of that file alone gives", () => {
    const options = lintOptions();
    const result = runCli(["lint", "--from", list, ...options, "--jsonl"]);
    assert.equal(result.code, 2, result.stderr);
    const reports = result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as LintReport);
    assert.deepEqual(reports.map((r) => r.file), fleet().slice(0, missingAt));
    assert.deepEqual(reports.map((r) => r.verdicts[0]?.status), fleet().slice(0, missingAt).map((_, i) => (foreignAt.has(i) ? "rejected" : "accepted")));
    const alone = (i: number) => JSON.parse(runCli(["lint", fleet()[i] as string, ...options, "--json"]).stdout) as LintReport;
    for (const i of [0, 1, missingAt - 1]) assert.deepEqual(reports[i], alone(i));
    assert.match(result.stderr, /^[^\n]*gone\.pem: no such file or directory: check the path\n$/);
  });
});
