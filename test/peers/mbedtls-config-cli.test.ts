// `pkilab lint --mbedtls-config` through the real CLI, with configs whose meaning depends on their
// preprocessor conditionals: P-521 enabled only inside `#if 0` is off (fixtures/mbedtls-config/
// p521-in-if-0.h), the same text with `#if 1` is on; an unbalanced #if is bad input (exit 2, one
// line); an #error the config reaches is reported as a config contradiction.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { EKU } from "../../src/model/oids.js";
import { REPO_ROOT, runCli, tempDir } from "../helpers/cli.js";
import { forge } from "../helpers/forge.js";

const work = tempDir("mbedtls-config-cli");
after(() => rmSync(work, { recursive: true, force: true }));

const HOST = "device-api.example.com";
const AT = "2030-06-01T00:00:00Z";
const IF_0 = path.join(REPO_ROOT, "fixtures", "mbedtls-config", "p521-in-if-0.h");

// A P-256 root and a P-521 server leaf signed by it (ECDSA with SHA-256, which the config enables).
const root = forge({
  subject: { cn: "Conditional Config Root", o: "pkilab test" },
  key: "p256",
  notBefore: "2028-01-01T00:00:00Z",
  notAfter: "2040-01-01T00:00:00Z",
  basicConstraints: { ca: true },
  keyUsage: ["keyCertSign", "cRLSign"],
});
const leaf = forge({
  subject: { cn: HOST, o: "pkilab test" },
  issuer: root,
  key: "p521",
  notBefore: "2030-01-01T00:00:00Z",
  notAfter: "2030-12-01T00:00:00Z",
  keyUsage: ["digitalSignature"],
  extKeyUsage: [EKU.serverAuth],
  subjectAltNames: [{ dns: HOST }],
});
const caFile = path.join(work, "ca.pem");
const leafFile = path.join(work, "server.pem");
writeFileSync(caFile, root.pem);
writeFileSync(leafFile, leaf.pem);

interface LintJson {
  findings: { peer: string; rule: string; severity: string; certIndex: number; message: string }[];
}

function lint(...configs: string[]): { code: number; stdout: string; stderr: string; findings: LintJson["findings"] } {
  const r = runCli(["lint", leafFile, "--ca", caFile, "--host", HOST, "--at", AT, "--json", ...configs.flatMap((c) => ["--mbedtls-config", c])]);
  const findings = r.code === 0 || r.code === 1 ? (JSON.parse(r.stdout) as LintJson).findings : [];
  return { ...r, findings };
}

const curveFindings = (findings: LintJson["findings"]): string[] =>
  findings.filter((f) => f.rule === "mbedtls-curve-not-enabled").map((f) => `${f.peer} ${f.rule} ${f.severity} ${f.certIndex}`);

describe("lint --mbedtls-config evaluates the config's conditionals", () => {
  it("P-521 enabled only inside #if 0: the P-521 server certificate is refused (mbedtls-curve-not-enabled, exit 1)", () => {
    const r = lint(IF_0);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(curveFindings(r.findings), ["mbedtls mbedtls-curve-not-enabled error 0"]);
    assert.match(r.findings.find((f) => f.rule === "mbedtls-curve-not-enabled")!.message, /P-521/);
  });

  it("the same config with #if 1: the curve is enabled, and nothing else stands in the way", () => {
    const text = readFileSync(IF_0, "utf8");
    assert.equal(text.match(/^#if 0$/gm)?.length, 1, "the fixture has exactly one #if 0");
    const if1 = path.join(work, "p521-in-if-1.h");
    writeFileSync(if1, text.replace(/^#if 0$/m, "#if 1"));
    const r = lint(if1);
    assert.deepEqual(curveFindings(r.findings), []);
    assert.deepEqual(r.findings.filter((f) => f.severity === "error"), []);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it("an override file's #if sees the macros of the files before it (--mbedtls-config repeated, in order)", () => {
    const override = path.join(work, "enable-p521-if-p384.h");
    writeFileSync(override, "#if defined(MBEDTLS_ECP_DP_SECP384R1_ENABLED)\n#define MBEDTLS_ECP_DP_SECP521R1_ENABLED\n#endif\n");
    assert.deepEqual(curveFindings(lint(IF_0, override).findings), []);
    const guarded = path.join(work, "enable-p521-if-x448.h");
    writeFileSync(guarded, "#ifdef MBEDTLS_ECP_DP_CURVE448_ENABLED\n#define MBEDTLS_ECP_DP_SECP521R1_ENABLED\n#endif\n");
    assert.deepEqual(curveFindings(lint(IF_0, guarded).findings), ["mbedtls mbedtls-curve-not-enabled error 0"]);
  });

  it("an unbalanced #if is bad input: exit 2, one line naming the file and line", () => {
    const broken = path.join(work, "unbalanced.h");
    writeFileSync(broken, readFileSync(IF_0, "utf8").replace(/^#endif\n/m, ""));
    // Without --json, as a user reads it (with --json the same line is the JSON error's message).
    const text = (config: string) => runCli(["lint", leafFile, "--ca", caFile, "--host", HOST, "--at", AT, "--mbedtls-config", config]);
    const r = text(broken);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, `pkilab: ${broken}:12: #if without #endif (the file ends inside it): add #endif where its block ends\n`);

    const stray = path.join(work, "stray-endif.h");
    writeFileSync(stray, "#define MBEDTLS_ECP_C\n#endif\n");
    const s = text(stray);
    assert.equal(s.code, 2);
    assert.equal(s.stderr, `pkilab: ${stray}:2: #endif without #if: remove it, or add the #if it belongs to\n`);
  });

  it("an #error the config reaches is reported as a contradiction, with its line", () => {
    const withError = path.join(work, "with-error.h");
    writeFileSync(withError, `${readFileSync(IF_0, "utf8")}#if !defined(MBEDTLS_ECP_DP_SECP521R1_ENABLED)\n#error "this product needs P-521"\n#endif\n`);
    const r = lint(withError);
    const contradictions = r.findings.filter((f) => f.rule === "mbedtls-config-contradiction");
    assert.equal(contradictions.length, 1, JSON.stringify(r.findings));
    assert.match(contradictions[0]!.message, new RegExp(`^#error: ${withError.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:\\d+: #error "this product needs P-521": the compiler stops the build at this line`));
  });
});
