// Where lint's CRLs come from (nginx-mtls): --crl FILE (repeatable) wins over ssl_crl of --nginx-conf,
// the verdict names the source, and a bad CRL input is exit 2 with one line naming it.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import type { LintReport } from "../../src/lint/types.js";
import { EKU } from "../../src/model/oids.js";
import { toPem } from "../../src/model/pem.js";
import { forgeCrl } from "../chain/forge-crl.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { forge, type Forged } from "../helpers/forge.js";

const AT = "2030-06-01T00:00:00Z";
const dir = tempDir("lint-crl-inputs");
after(() => rmSync(dir, { recursive: true, force: true }));

const ca = (cn: string, issuer?: Forged) => forge({ subject: { cn }, issuer, notBefore: "2029-01-01T00:00:00Z", notAfter: "2035-01-01T00:00:00Z", basicConstraints: { ca: true }, keyUsage: ["keyCertSign", "cRLSign"] });
const root = ca("Root");
const int = ca("Int", root);
const leaf = forge({ subject: { cn: "alice" }, issuer: int, notBefore: "2030-01-01T00:00:00Z", notAfter: "2031-01-01T00:00:00Z", keyUsage: ["digitalSignature"], extKeyUsage: [EKU.clientAuth] });
const crlPem = (issuer: Forged) => toPem("X509 CRL", forgeCrl({ issuer, thisUpdate: "2030-05-01T00:00:00Z", nextUpdate: "2030-08-01T00:00:00Z" }).der);

const file = (name: string, content: string) => {
  writeFileSync(path.join(dir, name), content);
  return path.join(dir, name);
};
const leafFile = file("leaf.pem", leaf.pem);
const chainFile = file("chain.pem", int.pem);
const caFile = file("ca.pem", root.pem);
const both = file("both.pem", crlPem(root) + crlPem(int));
const rootOnly = file("root-crl.pem", crlPem(root));
const intOnly = file("int-crl.pem", crlPem(int));
const conf = (crl: string) => file("nginx.conf", `http {\n  server {\n    listen 443 ssl;\n    ssl_verify_client on;\n    ssl_client_certificate ${caFile};\n    ssl_verify_depth 2;\n    ssl_crl ${crl};\n  }\n}\n`);

/** lint --json; on exit 2 `stderr` is the one-line error (printed without --json, as people see it). */
function lint(args: string[]): { code: number; report?: LintReport; stderr: string } {
  const result = runCli(["lint", leafFile, "--chain", chainFile, "--at", AT, "--json", ...args]);
  if (result.code !== 2) return { code: result.code, report: JSON.parse(result.stdout) as LintReport, stderr: result.stderr };
  const plain = runCli(["lint", leafFile, "--chain", chainFile, "--at", AT, ...args]);
  return { code: plain.code, stderr: plain.stderr };
}
const rules = (r: { report?: LintReport }) => (r.report?.findings ?? []).map((f) => `${f.rule} ${f.certIndex}`);
const assumed = (r: { report?: LintReport }) => r.report?.verdicts[0]?.assumed ?? [];

describe("lint: CRL inputs", () => {
  it("--crl given twice: one file per CA is the same as one bundle", () => {
    const separate = lint(["--ca", caFile, "--for", "nginx-mtls", "--crl", rootOnly, "--crl", intOnly]);
    assert.equal(separate.code, 0, separate.stderr);
    assert.ok(assumed(separate).includes(`ssl_crl: 2 CRLs (--crl ${rootOnly}, ${intOnly}), checked for every certificate of the chain`), assumed(separate).join("\n"));
  });

  it("ssl_crl from --nginx-conf: a file without the root's CRL fails the intermediate and the root (3)", () => {
    const result = lint(["--nginx-conf", conf(intOnly)]);
    assert.equal(result.code, 1);
    assert.deepEqual(rules(result), ["crl-missing-for-ca 1", "crl-missing-for-ca 2"]);
    assert.ok(assumed(result).some((line) => /^ssl_crl: 1 CRL \(ssl_crl at .*nginx\.conf:7\)/.test(line)), assumed(result).join("\n"));
  });

  it("--crl wins over ssl_crl", () => {
    const result = lint(["--nginx-conf", conf(intOnly), "--crl", both]);
    assert.equal(result.code, 0, JSON.stringify(result.report?.findings));
  });

  it("without any CRL no revocation rule runs, and the verdict says nothing about ssl_crl", () => {
    const result = lint(["--ca", caFile, "--for", "nginx-mtls"]);
    assert.equal(result.code, 0);
    assert.ok(!assumed(result).some((line) => line.includes("ssl_crl")));
    assert.ok(result.report?.verdicts[0]?.notApplicable.includes("crl-missing-for-ca"));
  });

  it("a --crl file without a CRL, or an ssl_crl file that is missing: exit 2, one line", () => {
    const notCrl = lint(["--ca", caFile, "--for", "nginx-mtls", "--crl", caFile]);
    assert.equal(notCrl.code, 2);
    assert.match(notCrl.stderr, /holds no CRL/);
    assert.equal(notCrl.stderr.trim().split("\n").length, 1, notCrl.stderr);
    const missing = lint(["--nginx-conf", conf(path.join(dir, "absent.pem"))]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /ssl_crl at .*nginx\.conf:7: /);
    assert.equal(missing.stderr.trim().split("\n").length, 1, missing.stderr);
  });
});
