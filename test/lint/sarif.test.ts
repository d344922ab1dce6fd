// lint --format sarif against the official SARIF 2.1.0 schema (test/schemas/, OASIS Standard with
// Errata 01), on real lint runs of a lab whose path needs percent-encoding, and the properties the
// schema cannot check: URIs that resolve back to the files, stable fingerprints, no fix in messages.
import assert from "node:assert/strict";
import { cpSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import type { Log, Result } from "sarif";
import { artifactLocation, FINGERPRINT_KEY, fileUri, renderSarif, SRCROOT, webAddress } from "../../src/lint/report/sarif.js";
import { RULES } from "../../src/lint/rules/index.js";
import type { Finding, LintReport } from "../../src/lint/types.js";
import { REPO_ROOT, runCli, tempDir } from "../helpers/cli.js";

// RFC 3986 Appendix A, for the schema's "uri" (absolute URI) and "uri-reference" formats. The
// IP-literal of an authority is simplified to hex, ":" and "." (no URI here has one).
const UNRESERVED = "A-Za-z0-9\\-._~";
const SUB_DELIMS = "!$&'()*+,;=";
const PCT = "%[0-9A-Fa-f]{2}";
const PCHAR = `(?:[${UNRESERVED}${SUB_DELIMS}:@]|${PCT})`;
const SEGMENT_NZ_NC = `(?:[${UNRESERVED}${SUB_DELIMS}@]|${PCT})+`;
const AUTHORITY = `(?:(?:[${UNRESERVED}${SUB_DELIMS}:]|${PCT})*@)?(?:\\[[0-9A-Fa-f:.]+\\]|(?:[${UNRESERVED}${SUB_DELIMS}]|${PCT})*)(?::\\d*)?`;
const PATH_ABEMPTY = `(?:/${PCHAR}*)*`;
const PATH_ABSOLUTE = `/(?:${PCHAR}+${PATH_ABEMPTY})?`;
const QUERY_FRAGMENT = `(?:\\?(?:${PCHAR}|[/?])*)?(?:#(?:${PCHAR}|[/?])*)?`;
const ABSOLUTE_URI = new RegExp(`^[A-Za-z][A-Za-z0-9+.-]*:(?://${AUTHORITY}${PATH_ABEMPTY}|${PATH_ABSOLUTE}|${PCHAR}+${PATH_ABEMPTY}|)${QUERY_FRAGMENT}$`);
const RELATIVE_REF = new RegExp(`^(?://${AUTHORITY}${PATH_ABEMPTY}|${PATH_ABSOLUTE}|${SEGMENT_NZ_NC}${PATH_ABEMPTY}|)${QUERY_FRAGMENT}$`);
// RFC 3339 5.6 date-time.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

const SCHEMA_FILE = path.join(REPO_ROOT, "test", "schemas", "sarif-schema-2.1.0.json");

/**
 * The schema is draft-04: its id is "id", not "$id". Every other keyword it uses means the same in
 * draft-07, ajv 8's default (checked below: no boolean exclusiveMinimum/Maximum, the one keyword
 * that changed), so "id" is declared as a plain annotation and the meta-schema is not fetched.
 */
function compileSchema(): ValidateFunction {
  const text = readFileSync(SCHEMA_FILE, "utf8");
  assert.doesNotMatch(text, /"exclusiveM(?:in|ax)imum"/, "the schema uses a draft-04 keyword whose meaning changed in draft-07");
  const ajv = new Ajv({ schemaId: "id", validateSchema: false, allErrors: true });
  ajv.removeKeyword("id");
  ajv.addKeyword("id");
  ajv.addFormat("uri", (value: string) => ABSOLUTE_URI.test(value));
  ajv.addFormat("uri-reference", (value: string) => ABSOLUTE_URI.test(value) || RELATIVE_REF.test(value));
  ajv.addFormat("date-time", (value: string) => DATE_TIME.test(value));
  return ajv.compile(JSON.parse(text) as object);
}

const validateSarif = compileSchema();

function assertValid(log: unknown, what: string): void {
  const ok = validateSarif(log);
  assert.ok(ok, `${what}: not valid SARIF 2.1.0:\n${JSON.stringify(validateSarif.errors, null, 2)}`);
}

/** The file a result points at, resolved the way a SARIF consumer does (§3.4.4). */
function resolveArtifact(log: Log, result: Result): string {
  const location = result.locations?.[0]?.physicalLocation?.artifactLocation;
  assert.ok(location?.uri, "a result without an artifact URI");
  const base = location.uriBaseId ? log.runs[0]!.originalUriBaseIds?.[location.uriBaseId]?.uri : undefined;
  if (location.uriBaseId) assert.ok(base, `uriBaseId ${location.uriBaseId} is not in originalUriBaseIds`);
  return fileURLToPath(new URL(location.uri, base));
}

function lintSarif(args: string[], cwd: string): { code: number; log: Log; report: LintReport } {
  const sarif = runCli(["lint", ...args, "--format", "sarif"], { cwd });
  assert.ok([0, 1, 3].includes(sarif.code), `lint ${args.join(" ")}: exit ${sarif.code}: ${sarif.stderr}`);
  const json = runCli(["lint", ...args, "--json"], { cwd });
  assert.equal(json.code, sarif.code, `lint ${args.join(" ")} --json: exit ${json.code}: ${json.stderr}`);
  return { code: sarif.code, log: JSON.parse(sarif.stdout) as Log, report: JSON.parse(json.stdout) as LintReport };
}

const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string; repository?: string | { url: string }; homepage?: string };
const packageWebAddress = webAddress(typeof packageJson.repository === "object" ? packageJson.repository.url : packageJson.repository) ?? webAddress(packageJson.homepage);

const fingerprints = (log: Log) => log.runs[0]!.results!.map((r) => r.partialFingerprints?.[FINGERPRINT_KEY] ?? "").sort();

// A directory name with a space, "#" (a fragment if left raw), "%" (an escape if left raw),
// non-ASCII, and "[ ]" (WHATWG URLs leave them raw, RFC 3986 does not allow them in a path).
const LAB = "certs #1 %41 ünï [x]";
const LAB_URI = "certs%20%231%20%2541%20%C3%BCn%C3%AF%20%5Bx%5D";

describe("lint --format sarif", () => {
  let root = "";
  const server = `${LAB}/servers/localhost/fullchain.pem`;
  const ca = `${LAB}/ca.pem`;
  // The root sent in the chain (root-in-chain, info → note) and every certificate expired by then.
  const manyPeers = [server, "--chain", ca, "--ca", ca, "--for", "nginx-mtls,nginx-server,browser", "--host", "localhost", "--at", "2040-01-01T00:00:00Z"];

  before(() => {
    root = tempDir("sarif");
    const init = runCli(["init", path.join(root, LAB)]);
    assert.equal(init.code, 0, init.stderr);
  });

  it("a clean run is valid SARIF with no results, and the base is the current directory", () => {
    const { code, log } = lintSarif([`${LAB}/clients/client/fullchain.pem`, "--ca", ca, "--for", "nginx-mtls"], root);
    assert.equal(code, 0);
    assertValid(log, "clean run");
    assert.equal(log.$schema, (JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as { id: string }).id, "$schema names the schema validated against");
    assert.deepEqual(log.runs[0]!.results, []);
    assert.equal(log.runs[0]!.originalUriBaseIds?.[SRCROOT]?.uri, `${fileUri(root)}/`);
    assert.equal(fileURLToPath(log.runs[0]!.originalUriBaseIds![SRCROOT].uri!), `${root}${path.sep}`);
  });

  it("findings for several peers: valid, levels and fixes as --json says, locations that resolve to the certificate's file", () => {
    const { code, log, report } = lintSarif(manyPeers, root);
    assert.equal(code, 1);
    assertValid(log, "several peers");
    const results = log.runs[0]!.results!;
    assert.deepEqual(new Set(results.map((r) => r.properties?.peer)), new Set(["nginx-mtls", "nginx-server", "browser"]));
    const level = { error: "error", fatal: "error", warning: "warning", info: "note" };
    assert.deepEqual(
      results.map((r) => [r.ruleId, r.properties?.peer, r.properties?.certIndex, r.level, r.properties?.fix]),
      report.findings.map((f) => [f.rule, f.peer, f.certIndex, level[f.severity], f.fix]),
    );
    assert.ok(results.some((r) => r.level === "note") && results.some((r) => r.level === "error"));
    const rules = log.runs[0]!.tool.driver.rules!;
    for (const result of results) {
      assert.equal(rules[result.ruleIndex!]?.id, result.ruleId, "ruleIndex points at the rule");
      assert.ok(!result.message.text!.includes(String(result.properties?.fix)), `${result.ruleId}: the fix is in the message`);
      assert.deepEqual(result.locations?.[0]?.physicalLocation?.region, { startLine: 1 });
      // The root came from ca.pem; everything else, and findings about the whole chain, from the
      // linted file.
      const expected = result.properties?.subject === report.chain.at(-1)?.subject ? ca : server;
      assert.equal(resolveArtifact(log, result), path.join(root, expected), `${result.ruleId} ${result.properties?.subject}`);
      assert.ok(existsSync(resolveArtifact(log, result)));
    }
    const leafResult = results.find((r) => r.properties?.certIndex === 0)!;
    assert.deepEqual(leafResult.locations?.[0]?.physicalLocation?.artifactLocation, { uri: `${LAB_URI}/servers/localhost/fullchain.pem`, uriBaseId: SRCROOT });
    assert.equal(new Set(fingerprints(log)).size, results.length, "two results share a fingerprint");
  });

  it("a path outside the current directory is an absolute file: URI; fingerprints do not depend on the path or the day", () => {
    const elsewhere = tempDir("sarif-cwd");
    const absolute = manyPeers.map((arg) => (arg.startsWith(LAB) ? path.join(root, arg) : arg));
    const first = lintSarif(manyPeers, root).log;
    const outside = lintSarif(absolute, elsewhere).log;
    assertValid(outside, "absolute paths");
    for (const result of outside.runs[0]!.results!) {
      const location = result.locations![0]!.physicalLocation!.artifactLocation!;
      assert.equal(location.uriBaseId, undefined);
      assert.match(location.uri!, /^file:\/\/\//);
      assert.ok(location.uri!.includes(LAB_URI), location.uri);
      assert.ok(existsSync(resolveArtifact(outside, result)));
    }
    // The same lab copied elsewhere, linted a year later: the same findings, so the same fingerprints.
    const copy = path.join(tempDir("sarif-copy"), "another lab");
    cpSync(path.join(root, LAB), copy, { recursive: true });
    const moved = manyPeers.map((arg) => (arg.startsWith(LAB) ? path.join(copy, arg.slice(LAB.length)) : arg === "2040-01-01T00:00:00Z" ? "2041-01-01T00:00:00Z" : arg));
    const later = lintSarif(moved, root).log;
    assert.deepEqual(fingerprints(outside), fingerprints(first));
    assert.deepEqual(fingerprints(later), fingerprints(first));
  });

  it("a verdict that could not be reached is said in the invocation's notifications, not left looking clean", () => {
    // Outside the lab, without --ca or --host: nothing found, but nothing decided (exit 3).
    cpSync(path.join(root, LAB, "servers", "localhost", "cert.pem"), path.join(root, "lone.pem"));
    const { code, log, report } = lintSarif(["lone.pem", "--for", "nginx-server"], root);
    assert.equal(code, 3);
    assertValid(log, "undetermined");
    assert.deepEqual(log.runs[0]!.results, []);
    assert.deepEqual(log.runs[0]!.properties?.verdicts, [{ peer: "nginx-server", status: "undetermined", errors: 0, warnings: 0, infos: 0 }]);
    const notifications = log.runs[0]!.invocations![0]!.toolConfigurationNotifications!;
    const expected = report.verdicts.flatMap((v) => v.unchecked.map((u) => [`missing-${u.input}`, u.rules]));
    assert.ok(expected.length >= 2, "the lint run left no check unrun: the scenario does not test anything");
    assert.deepEqual(notifications.map((n) => [n.descriptor?.id, n.properties?.rules]), expected);
    const descriptors = log.runs[0]!.tool.driver.notifications!;
    for (const n of notifications) {
      assert.equal(n.level, "warning");
      assert.equal(descriptors[n.descriptor!.index!]!.id, n.descriptor!.id);
    }
  });

  it("the driver describes every rule: descriptions, default level, peers as tags, help with the citation", () => {
    const { log } = lintSarif(manyPeers, root);
    const driver = log.runs[0]!.tool.driver;
    assert.equal(driver.name, "pkilab");
    assert.equal(driver.version, packageJson.version);
    // From package.json, found by the bundled CLI as by the compiled module.
    assert.equal(driver.informationUri, packageWebAddress);
    const rank = { info: 0, warning: 1, error: 2 } as const;
    for (const rule of RULES) {
      const descriptor = driver.rules!.find((d) => d.id === rule.id);
      assert.ok(descriptor, `${rule.id}: not in tool.driver.rules`);
      assert.equal(descriptor.shortDescription?.text, `${rule.title}.`);
      assert.ok(descriptor.fullDescription?.text?.startsWith(rule.title));
      assert.deepEqual(descriptor.properties?.tags, Object.keys(rule.peers));
      const severities = Object.values(rule.peers);
      const worst = severities.reduce((a, b) => (rank[b] > rank[a] ? b : a));
      assert.equal(descriptor.defaultConfiguration?.level, { error: "error", warning: "warning", info: "note" }[worst]);
      assert.ok(descriptor.help?.text.includes(`Citation: ${rule.citation}`), `${rule.id}: help without the citation`);
      assert.ok(descriptor.help?.text.includes(`docs/rules/${rule.id}.md`));
      const onForge = packageWebAddress && /^https:\/\/(?:github|gitlab)\.com\//.test(packageWebAddress);
      assert.equal(descriptor.helpUri, onForge ? `${packageWebAddress}/blob/HEAD/docs/rules/${rule.id}.md` : undefined);
    }
  });
});

describe("renderSarif", () => {
  const finding = (severity: Finding["severity"], rule: string, certIndex: number): Finding => ({
    rule,
    peer: "nginx-mtls",
    severity,
    certIndex,
    subject: certIndex >= 0 ? `CN=cert ${certIndex}` : "",
    message: `${rule} happened`,
    fix: `fix ${rule}`,
    citation: "",
  });
  const report: LintReport = {
    file: "leaf.pem",
    at: "2030-01-01T00:00:00.000Z",
    inputs: { from: "--ca", anchors: ["ca.pem"], chain: [] },
    chain: [{ subject: "CN=cert 0", source: "leaf.pem#1" }, { subject: "CN=cert 1", source: "dir/chain.pem#2" }],
    findings: [finding("error", "cert-expired", 0), finding("warning", "expires-soon", 1), finding("info", "root-in-chain", -1), finding("fatal", "internal/rule-failed", -1)],
    verdicts: [],
  };

  it("maps error, warning, info and fatal to error, warning, note and error; a failed rule has a descriptor", () => {
    const log = renderSarif(report, "1.2.3", { baseDir: path.join(path.sep, "srv", "lab dir") });
    assertValid(log, "synthetic report");
    const results = log.runs[0]!.results!;
    assert.deepEqual(results.map((r) => r.level), ["error", "warning", "note", "error"]);
    assert.equal(log.runs[0]!.tool.driver.rules![results[3]!.ruleIndex!]!.id, "internal/rule-failed");
    assert.deepEqual(results.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri), ["leaf.pem", "dir/chain.pem", "leaf.pem", "leaf.pem"]);
  });

  it("the same rule twice on one certificate: distinct fingerprints, in a stable order", () => {
    const twice = { ...report, findings: [finding("error", "name-constraint-violation", 0), finding("error", "name-constraint-violation", 0)] };
    const a = renderSarif(twice, "1").runs[0]!.results!.map((r) => r.partialFingerprints![FINGERPRINT_KEY]);
    const b = renderSarif(twice, "1").runs[0]!.results!.map((r) => r.partialFingerprints![FINGERPRINT_KEY]);
    assert.notEqual(a[0], a[1]);
    assert.deepEqual(a, b);
  });

  it("helpUri and informationUri from the repository address: absolute, and the docs page exists", () => {
    const log = renderSarif(report, "1", { repositoryUrl: "https://github.com/example/pkilab" });
    assertValid(log, "with a repository");
    assert.equal(log.runs[0]!.tool.driver.informationUri, "https://github.com/example/pkilab");
    for (const rule of RULES) {
      const descriptor = log.runs[0]!.tool.driver.rules!.find((d) => d.id === rule.id)!;
      assert.equal(descriptor.helpUri, `https://github.com/example/pkilab/blob/HEAD/docs/rules/${rule.id}.md`);
      assert.ok(existsSync(path.join(REPO_ROOT, "docs", "rules", `${rule.id}.md`)), `docs/rules/${rule.id}.md is missing: node scripts/rule-docs.js`);
    }
  });

  it("helpUri only where the forge's file pages are known; informationUri from any repository", () => {
    const log = renderSarif(report, "1", { repositoryUrl: "https://git.example.org/pkilab" });
    assertValid(log, "another forge");
    assert.equal(log.runs[0]!.tool.driver.informationUri, "https://git.example.org/pkilab");
    assert.ok(log.runs[0]!.tool.driver.rules!.every((d) => d.helpUri === undefined));
  });

  it("package.json's repository and homepage forms become a web address", () => {
    assert.equal(webAddress("git+https://github.com/o/r.git"), "https://github.com/o/r");
    assert.equal(webAddress("git@gitlab.com:group/r.git"), "https://gitlab.com/group/r");
    assert.equal(webAddress("github:o/r"), "https://github.com/o/r");
    assert.equal(webAddress("o/r"), "https://github.com/o/r");
    assert.equal(webAddress("https://github.com/o/r#readme"), "https://github.com/o/r");
    assert.equal(webAddress("not a url"), undefined);
  });

  it("artifact URIs: relative under the base, absolute outside it, RFC 3986 percent-encoding", () => {
    const base = path.join(path.sep, "srv", "lab");
    assert.deepEqual(artifactLocation("a b/c#d%e/é|[1].pem", base), { uri: "a%20b/c%23d%25e/%C3%A9%7C%5B1%5D.pem", uriBaseId: SRCROOT });
    assert.deepEqual(artifactLocation(path.join(base, "x.pem"), base), { uri: "x.pem", uriBaseId: SRCROOT });
    assert.deepEqual(artifactLocation("../other/x y.pem", base), { uri: "file:///srv/other/x%20y.pem" });
    // A colon in a first segment would read as a scheme (RFC 3986 4.2).
    assert.deepEqual(artifactLocation("c:d.pem", base), { uri: "c%3Ad.pem", uriBaseId: SRCROOT });
    assert.equal(fileUri(path.sep), "file:///");
  });

  it("the schema check fails on what it must reject: a relative helpUri, a raw space in a URI", () => {
    const log = renderSarif(report, "1", { repositoryUrl: "https://github.com/example/pkilab" });
    const relativeHelp = structuredClone(log);
    relativeHelp.runs[0]!.tool.driver.rules![0]!.helpUri = "docs/rules/chain-not-anchored.md";
    assert.equal(validateSarif(relativeHelp), false);
    const rawSpace = structuredClone(log);
    rawSpace.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri = "a b.pem";
    assert.equal(validateSarif(rawSpace), false);
    const noVersion: Partial<Log> = structuredClone(log);
    delete noVersion.version;
    assert.equal(validateSarif(noVersion), false);
  });
});
