// Differential test: `pkilab lint --nginx-conf` with ssl_crl against the real nginx (Debian 1.22,
// OpenSSL 3.0) on loopback, for CRL scenarios: each CA with and without its CRL, CRLs not yet valid,
// expired, without nextUpdate, signed by the wrong key, issued by a CA without cRLSign, a revoked
// leaf, intermediate or root, several CRLs of one CA, and no ssl_crl at all.
//
// One nginx serves every scenario, one server block (and port) each, with the scenario's ssl_crl file
// (nginx takes one file: "separate files" is a file that lacks a CA's CRL). lint reads the same
// server block as an nginx.conf, with --at = now, the clock nginx checks with. lint's exit code must
// match nginx's answer (200 = accepted, 400 = rejected), and the "(N:text)" nginx logs must be in the
// symptom of one of lint's error findings. Disagreements fail, with both sides printed.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { LintReport } from "../../src/lint/types.js";
import { EKU } from "../../src/model/oids.js";
import { toPem } from "../../src/model/pem.js";
import { forgeCrl, type CrlSpec } from "../chain/forge-crl.js";
import { REPO_ROOT, runCli, tempDir } from "../helpers/cli.js";
import { forge, forgeKey, type Forged } from "../helpers/forge.js";
import { curl, freePort, startNginx, startNginxWithBlock, type NginxServer } from "../helpers/nginx.js";
import { requireProgram } from "../helpers/peers.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.now();
const ago = (ms: number) => new Date(now - ms);
const ahead = (ms: number) => new Date(now + ms);
const ORG = "pkilab crl differential";

function ca(cn: string, issuer?: Forged, keyUsage: ("keyCertSign" | "cRLSign")[] = ["keyCertSign", "cRLSign"]): Forged {
  return forge({ subject: { cn, o: ORG }, issuer, notBefore: ago(30 * DAY), notAfter: ahead(365 * DAY), basicConstraints: { ca: true }, keyUsage });
}

function client(cn: string, issuer: Forged): Forged {
  return forge({ subject: { cn, o: ORG }, issuer, notBefore: ago(DAY), notAfter: ahead(90 * DAY), keyUsage: ["digitalSignature"], extKeyUsage: [EKU.clientAuth] });
}

/** A CRL valid from a day ago to 30 days ahead, nothing revoked unless said, as PEM. */
function crl(issuer: Forged, spec: Partial<CrlSpec> = {}): string {
  return toPem("X509 CRL", forgeCrl({ issuer, thisUpdate: ago(DAY), nextUpdate: ahead(30 * DAY), ...spec }).der);
}

const root = ca("CRL Root");
const intermediate = ca("CRL Intermediate", root);
const leaf = client("alice", intermediate);
/** A second leaf of the intermediate: the one some CRLs revoke instead. */
const other = client("bob", intermediate);
const noCrlSign = ca("CRL Intermediate without cRLSign", root, ["keyCertSign"]);
const leafOfNoCrlSign = client("carol", noCrlSign);
const directLeaf = client("dave", root);
const unrelated = ca("Another Root");

interface Scenario {
  name: string;
  /** What the client sends: its leaf first, then intermediates. */
  sent: Forged[];
  /** The ssl_crl file, PEM CRLs concatenated; undefined = no ssl_crl. */
  crls?: string[];
}

const SCENARIOS: Scenario[] = [
  { name: "both-crls-in-one-bundle", sent: [leaf, intermediate], crls: [crl(root), crl(intermediate)] },
  { name: "no-ssl-crl-no-revocation-check", sent: [leaf, intermediate] },
  { name: "root-crl-missing", sent: [leaf, intermediate], crls: [crl(intermediate)] },
  { name: "intermediate-crl-missing", sent: [leaf, intermediate], crls: [crl(root)] },
  { name: "only-another-cas-crl", sent: [leaf, intermediate], crls: [crl(unrelated)] },
  { name: "root-crl-not-yet-valid", sent: [leaf, intermediate], crls: [crl(root, { thisUpdate: ahead(DAY) }), crl(intermediate)] },
  { name: "intermediate-crl-not-yet-valid", sent: [leaf, intermediate], crls: [crl(root), crl(intermediate, { thisUpdate: ahead(2 * HOUR) })] },
  { name: "root-crl-expired", sent: [leaf, intermediate], crls: [crl(root, { thisUpdate: ago(40 * DAY), nextUpdate: ago(10 * DAY) }), crl(intermediate)] },
  { name: "intermediate-crl-expired", sent: [leaf, intermediate], crls: [crl(root), crl(intermediate, { thisUpdate: ago(8 * DAY), nextUpdate: ago(HOUR) })] },
  { name: "crl-without-nextupdate", sent: [leaf, intermediate], crls: [crl(root, { nextUpdate: undefined }), crl(intermediate, { nextUpdate: undefined })] },
  { name: "root-crl-expires-in-two-days", sent: [leaf, intermediate], crls: [crl(root, { nextUpdate: ahead(2 * DAY) }), crl(intermediate)] },
  { name: "leaf-revoked", sent: [leaf, intermediate], crls: [crl(root), crl(intermediate, { revoked: [{ cert: leaf, date: ago(HOUR), reason: "keyCompromise" }] })] },
  { name: "other-leaf-revoked", sent: [leaf, intermediate], crls: [crl(root), crl(intermediate, { revoked: [{ cert: other, date: ago(HOUR), reason: "superseded" }] })] },
  { name: "intermediate-revoked", sent: [leaf, intermediate], crls: [crl(root, { revoked: [{ cert: intermediate, date: ago(HOUR), reason: "cACompromise" }] }), crl(intermediate)] },
  { name: "root-on-its-own-crl", sent: [leaf, intermediate], crls: [crl(root, { revoked: [{ cert: root, date: ago(HOUR) }] }), crl(intermediate)] },
  { name: "intermediate-crl-wrong-signer", sent: [leaf, intermediate], crls: [crl(root), crl(intermediate, { authorityKeyId: false, signingKey: forgeKey("p256").privateKey })] },
  { name: "intermediate-crl-wrong-signer-with-aki", sent: [leaf, intermediate], crls: [crl(root), crl(intermediate, { signingKey: forgeKey("p256").privateKey })] },
  { name: "intermediate-without-crlsign", sent: [leafOfNoCrlSign, noCrlSign], crls: [crl(root), crl(noCrlSign)] },
  { name: "intermediate-without-crlsign-crl-missing", sent: [leafOfNoCrlSign, noCrlSign], crls: [crl(root)] },
  { name: "old-expired-and-current-crl", sent: [leaf, intermediate], crls: [crl(root), crl(intermediate, { thisUpdate: ago(20 * DAY), nextUpdate: ago(10 * DAY) }), crl(intermediate)] },
  { name: "newer-crl-revokes-leaf", sent: [leaf, intermediate], crls: [crl(root), crl(intermediate), crl(intermediate, { thisUpdate: ago(HOUR), revoked: [{ cert: leaf, date: ago(HOUR) }] })] },
  { name: "expired-crl-revokes-leaf", sent: [leaf, intermediate], crls: [crl(root), crl(intermediate, { thisUpdate: ago(8 * DAY), nextUpdate: ago(HOUR), revoked: [{ cert: leaf, date: ago(2 * DAY) }] })] },
  { name: "leaf-of-root-with-root-crl", sent: [directLeaf], crls: [crl(root)] },
  { name: "leaf-of-root-without-root-crl", sent: [directLeaf], crls: [crl(intermediate)] },
  { name: "intermediate-crl-unknown-critical-extension", sent: [leaf, intermediate], crls: [crl(root), crl(intermediate, { extensions: [{ oid: "1.2.3.4", critical: true, value: Uint8Array.of(0x05, 0x00) }] })] },
  // issuingDistributionPoint { onlyContainsUserCerts TRUE }: the root's CRL does not cover the intermediate.
  { name: "root-crl-only-user-certs", sent: [leaf, intermediate], crls: [crl(root, { extensions: [{ oid: "2.5.29.28", critical: true, value: Uint8Array.of(0x30, 0x03, 0x81, 0x01, 0xff) }] }), crl(intermediate)] },
];

interface Outcome {
  lint: { code: number; report?: LintReport; stderr: string };
  status: number;
  log: string;
  /** "11:CRL is not yet valid" from "client SSL certificate verify error: (…)". */
  reason?: string;
}

const keyPem = (cert: Forged) => cert.privateKey.export({ type: "pkcs8", format: "pem" }).toString();

for (const program of ["nginx", "curl"]) requireProgram(program);
const work = tempDir("crl-lint-nginx");
const outcomes = new Map<string, Outcome>();

/** The server block of one scenario: what nginx runs and what lint reads. */
function serverBlock(dir: string, port: number, s: Scenario): string {
  return [
    "  server {",
    `    listen 127.0.0.1:${port} ssl;`,
    "    server_name localhost;",
    `    ssl_certificate ${path.join(work, "server.pem")};`,
    `    ssl_certificate_key ${path.join(work, "server.key")};`,
    `    ssl_client_certificate ${path.join(work, "client-ca.pem")};`,
    "    ssl_verify_client on;",
    "    ssl_verify_depth 2;",
    ...(s.crls ? [`    ssl_crl ${path.join(dir, "crl.pem")};`] : []),
    "    location / { return 200 \"ok\\n\"; }",
    "  }",
  ].join("\n");
}

async function runScenarios(): Promise<void> {
  const serverRoot = ca("CRL Server Root");
  const server = forge({ subject: { cn: "localhost", o: ORG }, issuer: serverRoot, notBefore: ago(DAY), notAfter: ahead(90 * DAY), keyUsage: ["digitalSignature"], extKeyUsage: [EKU.serverAuth], subjectAltNames: [{ dns: "localhost" }] });
  writeFileSync(path.join(work, "server.pem"), server.pem);
  writeFileSync(path.join(work, "server.key"), keyPem(server));
  writeFileSync(path.join(work, "server-ca.pem"), serverRoot.pem);
  writeFileSync(path.join(work, "client-ca.pem"), root.pem);
  const blocks: string[] = [];
  const ports = new Map<string, number>();
  for (const s of SCENARIOS) {
    const dir = path.join(work, s.name);
    mkdirSync(dir);
    const port = await freePort();
    ports.set(s.name, port);
    const [first] = s.sent;
    assert.ok(first);
    writeFileSync(path.join(dir, "client.pem"), s.sent.map((c) => c.pem).join(""));
    writeFileSync(path.join(dir, "leaf.pem"), first.pem);
    writeFileSync(path.join(dir, "client.key"), keyPem(first));
    if (s.sent.length > 1) writeFileSync(path.join(dir, "chain.pem"), s.sent.slice(1).map((c) => c.pem).join(""));
    if (s.crls) writeFileSync(path.join(dir, "crl.pem"), s.crls.join(""));
    const block = serverBlock(dir, port, s);
    blocks.push(block);
    writeFileSync(path.join(dir, "nginx.conf"), `events {}\nhttp {\n${block}\n}\n`);
  }
  const blockFile = path.join(work, "servers.conf");
  writeFileSync(blockFile, blocks.join("\n"));
  const first = ports.get(SCENARIOS[0]!.name) ?? 0;
  const nginx: NginxServer = await startNginxWithBlock(path.join(work, "nginx"), first, blockFile);
  try {
    for (const s of SCENARIOS) {
      const dir = path.join(work, s.name);
      const args = ["lint", path.join(dir, "leaf.pem"), "--nginx-conf", path.join(dir, "nginx.conf"), "--at", new Date().toISOString(), "--json"];
      if (s.sent.length > 1) args.push("--chain", path.join(dir, "chain.pem"));
      const result = runCli(args);
      let report: LintReport | undefined;
      try {
        report = JSON.parse(result.stdout) as LintReport;
      } catch {
        // Exit 2 (bad input) prints no report: the stderr says why.
      }
      const logBefore = nginx.errorLog().length;
      const answer = curl(`https://localhost:${ports.get(s.name)}/`, { ca: path.join(work, "server-ca.pem"), cert: path.join(dir, "client.pem"), key: path.join(dir, "client.key"), resolve: `localhost:${ports.get(s.name)}:127.0.0.1` });
      const log = nginx.errorLog().slice(logBefore);
      const reason = /client SSL certificate verify error: \((\d+:[^)]*)\)/.exec(log)?.[1];
      outcomes.set(s.name, { lint: { code: result.code, report, stderr: result.stderr }, status: answer.status, log, reason });
    }
  } finally {
    await nginx.stop();
  }
}

function describeOutcome(name: string, o: Outcome): string {
  const findings = (o.lint.report?.findings ?? []).map((f) => `    [${f.severity}] ${f.rule} @${f.certIndex}: ${f.message}\n      symptom: ${f.symptom ?? "-"}`);
  return [`${name}: lint exit ${o.lint.code} ${o.lint.stderr.trim()}`, ...findings, `  nginx: HTTP ${o.status || "none"}${o.reason ? ` (${o.reason})` : ""}`].join("\n");
}

describe("pkilab lint with ssl_crl against the real nginx", () => {
  before(runScenarios, { timeout: 110_000 });
  after(() => {
    const rows = SCENARIOS.map((s) => [s.name, outcomes.get(s.name)] as const);
    for (const [name, o] of rows) if (o) console.log(`${name.padEnd(45)} lint exit ${o.lint.code}  nginx ${o.status}${o.reason ? ` (${o.reason})` : ""}`);
    rmSync(work, { recursive: true, force: true });
  });

  it("covers at least 20 CRL scenarios", () => assert.ok(SCENARIOS.length >= 20, `only ${SCENARIOS.length}`));

  it("the verdict says where the CRLs came from; without ssl_crl no revocation rule runs", () => {
    const assumed = (name: string) => outcomes.get(name)?.lint.report?.verdicts[0]?.assumed ?? [];
    assert.ok(assumed("both-crls-in-one-bundle").some((line) => /^ssl_crl: 2 CRLs \(ssl_crl at .*nginx\.conf:\d+\)/.test(line)), assumed("both-crls-in-one-bundle").join("\n"));
    assert.ok(!assumed("no-ssl-crl-no-revocation-check").some((line) => line.includes("ssl_crl")));
    const notApplicable = outcomes.get("no-ssl-crl-no-revocation-check")?.lint.report?.verdicts[0]?.notApplicable ?? [];
    for (const id of ["crl-missing-for-ca", "crl-not-yet-valid", "crl-expired", "certificate-revoked", "crl-expires-soon"]) assert.ok(notApplicable.includes(id), id);
  });

  it("a CRL two days from its nextUpdate: nginx still answers 200, lint warns (crl-expires-soon)", () => {
    const findings = outcomes.get("root-crl-expires-in-two-days")?.lint.report?.findings ?? [];
    assert.deepEqual(findings.map((f) => `${f.rule} ${f.severity} ${f.certIndex}`), ["crl-expires-soon warning 1"]);
  });

  for (const s of SCENARIOS) {
    it(s.name, () => {
      const o = outcomes.get(s.name);
      assert.ok(o, "the scenario did not run");
      assert.ok(o.status === 200 || o.status === 400, `unexpected nginx answer\n${describeOutcome(s.name, o)}`);
      assert.equal(o.lint.code, o.status === 200 ? 0 : 1, `lint and nginx disagree\n${describeOutcome(s.name, o)}`);
      if (o.status === 400) {
        assert.ok(o.reason, `nginx rejected without "(N:text)" in its log\n${describeOutcome(s.name, o)}\n${o.log}`);
        const errors = (o.lint.report?.findings ?? []).filter((f) => f.severity === "error");
        assert.ok(errors.some((f) => f.symptom?.includes(`(${o.reason})`)), `no error finding's symptom names nginx's (${o.reason})\n${describeOutcome(s.name, o)}`);
      }
    });
  }
});

// Seed 003's own line, as a fixture (fixtures/make-crl.ts): lint predicts it from the fixture's
// nginx.conf, and the real nginx with the same ca.pem and ssl_crl logs it.
describe("fixtures/nginx-mtls/seed-003-crl-not-yet-valid on the real nginx", () => {
  const fixture = path.join(REPO_ROOT, "fixtures", "nginx-mtls", "seed-003-crl-not-yet-valid");
  const dir = tempDir("crl-seed-003");
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("lint --nginx-conf predicts crl-not-yet-valid (exit 1), nginx answers 400 with (11:CRL is not yet valid)", async () => {
    const { at } = JSON.parse(readFileSync(path.join(fixture, "lint.json"), "utf8")) as { at: string };
    const lint = runCli(["lint", path.join(fixture, "leaf.pem"), "--chain", path.join(fixture, "chain.pem"), "--nginx-conf", path.join(fixture, "nginx.conf"), "--at", at, "--json"]);
    assert.equal(lint.code, 1, lint.stderr);
    const report = JSON.parse(lint.stdout) as LintReport;
    assert.deepEqual(report.findings.map((f) => `${f.rule} ${f.certIndex}`), ["crl-not-yet-valid 0"]);
    assert.match(report.findings[0]?.symptom ?? "", /\(11:CRL is not yet valid\)/);

    const serverRoot = ca("Seed 003 Server Root");
    const server = forge({ subject: { cn: "localhost" }, issuer: serverRoot, notBefore: ago(DAY), notAfter: ahead(90 * DAY), keyUsage: ["digitalSignature"], extKeyUsage: [EKU.serverAuth], subjectAltNames: [{ dns: "localhost" }] });
    writeFileSync(path.join(dir, "server.pem"), server.pem);
    writeFileSync(path.join(dir, "server.key"), keyPem(server));
    writeFileSync(path.join(dir, "server-ca.pem"), serverRoot.pem);
    writeFileSync(path.join(dir, "client.pem"), readFileSync(path.join(fixture, "leaf.pem"), "utf8") + readFileSync(path.join(fixture, "chain.pem"), "utf8"));
    const nginx = await startNginx(path.join(dir, "nginx"), [
      `    ssl_certificate ${path.join(dir, "server.pem")};`,
      `    ssl_certificate_key ${path.join(dir, "server.key")};`,
      `    ssl_client_certificate ${path.join(fixture, "ca.pem")};`,
      "    ssl_verify_client on;",
      "    ssl_verify_depth 2;",
      `    ssl_crl ${path.join(fixture, "crl.pem")};`,
      "    location / { return 200 \"ok\\n\"; }",
    ].join("\n"));
    try {
      const answer = curl(`https://localhost:${nginx.port}/`, { ca: path.join(dir, "server-ca.pem"), cert: path.join(dir, "client.pem"), key: path.join(fixture, "key.pem"), resolve: `localhost:${nginx.port}:127.0.0.1` });
      assert.equal(answer.status, 400, answer.stdout + answer.stderr);
      assert.match(nginx.errorLog(), /client SSL certificate verify error: \(11:CRL is not yet valid\)/);
    } finally {
      await nginx.stop();
    }
  });
});
