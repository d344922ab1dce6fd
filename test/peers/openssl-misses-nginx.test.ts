// Known misses on nginx (issue 14), against the real nginx (Debian 1.22, OpenSSL 3.0) on loopback:
// `pkilab lint --for nginx-mtls` must accept exactly what nginx accepts, and for a rejection one of
// its error findings must name the "(N:text)" nginx logs.
// - path choice: OpenSSL takes an issuer from the trust store before the client's chain
//   (crypto/x509/x509_vfy.c build_chain(), X509_V_FLAG_TRUSTED_FIRST) and tries no other path when
//   that one fails;
// - name constraints on a host-like CN when the leaf has no DNS SAN (crypto/x509/v3_ncons.c
//   NAME_CONSTRAINTS_check_CN(), cn2dnsid());
// - "TRUSTED CERTIFICATE" blocks in ssl_client_certificate: their trust and reject settings
//   (crypto/x509/x509_trust.c obj_trust(), trust_1oidany(); x509_vfy.c check_trust()).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { LintReport } from "../../src/lint/types.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { startNginx } from "../helpers/nginx.js";
import { CA_EXT as MINT_CA_EXT, DAY, ISSUED_CA_EXT as ISSUED_CA_EXT_MINT, leafExt, Mint, YEAR } from "../helpers/openssl-mint.js";
import { CA_EXT, CLIENT_EXT, ISSUED_CA_EXT, KEY_IDS, OpensslPki } from "../helpers/openssl-misses-pki.js";
import { requireProgram } from "../helpers/peers.js";

interface Scenario {
  name: string;
  /** What it exercises and what nginx is expected to do: documentation, never asserted. */
  note: string;
  leaf: string;
  key: string;
  /** Intermediates the client sends after its certificate. */
  chain?: string;
  /** ssl_client_certificate and `lint --ca`. */
  trust: string;
  /** Rules lint must report besides the verdict (warnings that explain it). */
  alsoReports?: string[];
}

interface Outcome {
  lintCode: number;
  report?: LintReport;
  lintStderr: string;
  status: number;
  /** "26:unsuitable certificate purpose", from the error log. */
  reason?: string;
  log: string[];
}

for (const program of ["nginx", "openssl", "curl"]) requireProgram(program);
const work = tempDir("openssl-misses-nginx");
const pki = new OpensslPki(work);

function makeScenarios(): Scenario[] {
  const scenarios: Scenario[] = [];
  const rootKey = pki.key("root");
  const root = { cert: pki.selfSigned("root", "Misses Root", rootKey, CA_EXT), key: rootKey };
  const intKey = pki.key("int");
  // Two intermediates with one name and one key: one restricted to serverAuth, one not.
  const intPlain = pki.issue("int-plain", "Misses Int", intKey, root, ISSUED_CA_EXT);
  const intServerOnly = pki.issue("int-server-only", "Misses Int", intKey, root, [...ISSUED_CA_EXT, "extendedKeyUsage = serverAuth"]);
  const int = { cert: intPlain, key: intKey };
  const leafKey = pki.key("leaf");
  const leaf = pki.issue("leaf", "client.example.test", leafKey, int, [...CLIENT_EXT, ...KEY_IDS]);
  const add = (s: Omit<Scenario, "key"> & { key?: string }) => scenarios.push({ key: leafKey, ...s });

  // 1. Path choice.
  add({ name: "trusted-restricted-intermediate-first", leaf, chain: intPlain, trust: pki.bundle("trust-root-int-server-only", [root.cert, intServerOnly]),
    note: "the trust file holds the root and the serverAuth-only intermediate; the client sends the unrestricted one with the same name and key: OpenSSL takes the trusted one and fails (26)",
    alsoReports: ["trusted-copy-used"] });
  add({ name: "trusted-plain-intermediate-first", leaf, chain: intServerOnly, trust: pki.bundle("trust-root-int-plain", [root.cert, intPlain]),
    note: "the other way round: OpenSSL takes the trusted unrestricted intermediate: accepted", alsoReports: ["trusted-copy-used"] });
  add({ name: "sent-plain-intermediate-root-trusted", leaf, chain: intPlain, trust: root.cert, note: "only the root is trusted: the sent intermediate is used: accepted" });
  add({ name: "leaf-also-in-trust-file", leaf, chain: intPlain, trust: pki.bundle("trust-root-leaf", [root.cert, leaf]),
    note: "the client's own certificate is in the trust file too: OpenSSL still takes the intermediate the client sends: accepted" });
  add({ name: "sent-restricted-intermediate-root-trusted", leaf, chain: intServerOnly, trust: root.cert, note: "only the root is trusted, the serverAuth-only intermediate is sent: 26" });

  // An expired copy of the intermediate in the trust file (openssl ca: the only 3.0 command that backdates).
  const mint = new Mint(path.join(work, "mint"), Date.now());
  const mintRoot = mint.issue({ name: "root", cn: "Mint Root", key: "p256", ext: MINT_CA_EXT, from: -5 * YEAR, to: 10 * YEAR });
  const mintInt = mint.issue({ name: "int", cn: "Mint Int", key: "p256", keyLabel: "int", issuer: mintRoot, ext: ISSUED_CA_EXT_MINT, from: -DAY, to: YEAR });
  const mintIntExpired = mint.issue({ name: "int-expired", cn: "Mint Int", key: "p256", keyLabel: "int", issuer: mintRoot, ext: ISSUED_CA_EXT_MINT, from: -2 * YEAR, to: -YEAR });
  const mintLeaf = mint.issue({ name: "leaf", cn: "mint-client.example.test", key: "p256", keyLabel: "leaf", issuer: mintInt, ext: leafExt({ eku: "clientAuth" }), from: -DAY, to: YEAR });
  add({ name: "trusted-expired-intermediate-first", leaf: mintLeaf.cert, key: mintLeaf.key, chain: mintInt.cert, trust: pki.bundle("trust-mint-root-int-expired", [mintRoot.cert, mintIntExpired.cert]),
    note: "the trust file holds an expired copy of the intermediate the client sends: OpenSSL takes it (no valid trusted one) and fails (10)" });
  add({ name: "trusted-valid-and-expired-intermediates", leaf: mintLeaf.cert, key: mintLeaf.key, trust: pki.bundle("trust-mint-root-int-both", [mintRoot.cert, mintIntExpired.cert, mintInt.cert]),
    note: "both copies trusted: OpenSSL takes the one valid now: accepted" });

  // 2. Name constraints on a CN that looks like a host name.
  const ncKey = pki.key("nc-root");
  const ncRoot = { cert: pki.selfSigned("nc-root", "Constrained Root", ncKey, [...CA_EXT, "nameConstraints = critical, permitted;DNS:allowed.test"]), key: ncKey };
  const ncLeaf = (name: string, cn: string, extra: string[] = []) =>
    add({ name, leaf: pki.issue(name, cn, leafKey, ncRoot, [...CLIENT_EXT, ...KEY_IDS, ...extra]), trust: ncRoot.cert, note: "" });
  ncLeaf("nc-cn-host-outside", "host.other.test");
  ncLeaf("nc-cn-host-inside", "host.allowed.test");
  ncLeaf("nc-cn-single-label", "localhost");
  ncLeaf("nc-cn-not-a-host-name", "Alice Example");
  ncLeaf("nc-cn-host-outside-with-dns-san", "host.other.test", ["subjectAltName = DNS:a.allowed.test"]);
  ncLeaf("nc-cn-host-outside-with-ip-san", "host.other.test", ["subjectAltName = IP:192.0.2.1"]);
  ncLeaf("nc-cn-host-underscore-outside", "my_host.other.test");
  ncLeaf("nc-cn-host-underscore-inside", "my_host.allowed.test");
  ncLeaf("nc-cn-second-cn-outside", "host.allowed.test/CN=host.other.test");
  ncLeaf("nc-cn-host-trailing-dot", "host.other.test.");
  const exKey = pki.key("nc-excluded-root");
  const exRoot = { cert: pki.selfSigned("nc-excluded-root", "Excluding Root", exKey, [...CA_EXT, "nameConstraints = critical, excluded;DNS:blocked.test"]), key: exKey };
  add({ name: "nc-cn-host-excluded", leaf: pki.issue("nc-cn-host-excluded", "host.blocked.test", leafKey, exRoot, [...CLIENT_EXT, ...KEY_IDS]), trust: exRoot.cert, note: "" });
  add({ name: "nc-cn-host-not-excluded", leaf: pki.issue("nc-cn-host-not-excluded", "host.other.test", leafKey, exRoot, [...CLIENT_EXT, ...KEY_IDS]), trust: exRoot.cert, note: "" });
  for (const s of scenarios.filter((s) => s.name.startsWith("nc-"))) s.note = "nameConstraints permitted;DNS:allowed.test (or excluded;DNS:blocked.test) on the root, the CN is checked as a DNS name only when it looks like one and there is no DNS SAN";

  // 3. "TRUSTED CERTIFICATE" blocks with trust/reject settings. nginx reads ssl_client_certificate
  // twice: into the verify store (X509_load_cert_crl_file: every block, trust settings included) and
  // into the list of CA names it sends (SSL_load_client_CA_file: "CERTIFICATE" blocks only, and it
  // fails, so nginx does not start, when there is none). Each file starts with an unrelated plain root.
  const otherKey = pki.key("other-root");
  const otherRoot = pki.selfSigned("other-root", "Unrelated Root", otherKey, CA_EXT);
  const trusted = (name: string, settings: { trust?: string[]; reject?: string[] }, cert = root.cert) =>
    pki.bundle(`${name}-with-other`, [otherRoot, pki.trusted(name, cert, settings)]);
  add({ name: "aux-root-reject-clientauth", leaf, chain: intPlain, trust: trusted("aux-root-reject-client", { reject: ["clientAuth"] }), note: "the root rejected for clientAuth: 28" });
  add({ name: "aux-root-reject-serverauth", leaf, chain: intPlain, trust: trusted("aux-root-reject-server", { reject: ["serverAuth"] }), note: "rejected for serverAuth only: accepted" });
  add({ name: "aux-root-trust-serverauth", leaf, chain: intPlain, trust: trusted("aux-root-trust-server", { trust: ["serverAuth"] }), note: "trusted for serverAuth only: not for clients: 28" });
  add({ name: "aux-root-trust-clientauth", leaf, chain: intPlain, trust: trusted("aux-root-trust-client", { trust: ["clientAuth"] }), note: "trusted for clientAuth: accepted" });
  add({ name: "aux-root-trust-any", leaf, chain: intPlain, trust: trusted("aux-root-trust-any", { trust: ["anyExtendedKeyUsage"] }), note: "trusted for any purpose: accepted" });
  add({ name: "aux-root-reject-any", leaf, chain: intPlain, trust: trusted("aux-root-reject-any", { reject: ["anyExtendedKeyUsage"] }), note: "rejected for any purpose: 28" });
  add({ name: "aux-int-trust-clientauth-no-root", leaf, trust: trusted("aux-int-trust-client", { trust: ["clientAuth"] }, intPlain),
    note: "only the intermediate, explicitly trusted for clientAuth: the chain ends there: accepted" });
  add({ name: "aux-int-reject-clientauth", leaf, trust: pki.bundle("aux-int-reject-client-root", [root.cert, trusted("aux-int-reject-client", { reject: ["clientAuth"] }, intPlain)]),
    note: "the root, and the intermediate rejected for clientAuth: 28" });
  add({ name: "aux-restricted-int-trust-clientauth-no-root", leaf, trust: trusted("aux-int-server-only-trust-client", { trust: ["clientAuth"] }, intServerOnly),
    note: "the serverAuth-only intermediate explicitly trusted for clientAuth: the trust settings trump its EKU (check_purpose()): accepted" });
  add({ name: "aux-restricted-int-no-settings", leaf, trust: pki.bundle("aux-int-server-only-none-root", [root.cert, trusted("aux-int-server-only-none", {}, intServerOnly)]),
    note: "the serverAuth-only intermediate as a TRUSTED CERTIFICATE without settings, and the root: its EKU counts: 26" });
  add({ name: "aux-int-no-settings-no-root", leaf, trust: trusted("aux-int-none", {}, intPlain), note: "a TRUSTED CERTIFICATE without settings, not a root: 2, as a plain one" });
  return scenarios;
}

const scenarios = makeScenarios();

/**
 * The other direction: curl (OpenSSL) verifying nginx's chain with a --cacert file that holds the root
 * and a clientAuth-only copy of the intermediate nginx sends; `lint --for nginx-server` must agree.
 */
describe("pkilab lint --for nginx-server against curl: the trusted copy of an intermediate is used", () => {
  const serverExt = ["basicConstraints = critical, CA:FALSE", "keyUsage = critical, digitalSignature", "extendedKeyUsage = serverAuth", "subjectAltName = DNS:localhost", ...KEY_IDS];
  const cases: { name: string; trust: () => string; accepted: boolean }[] = [
    { name: "clientAuth-only copy trusted: curl fails (unsuitable certificate purpose)", trust: () => pki.bundle("srv-trust-mixed", [pki.file("srv-root.pem"), pki.file("srv-int-client-only.pem")]), accepted: false },
    { name: "root only trusted: curl takes the intermediate nginx sends", trust: () => pki.file("srv-root.pem"), accepted: true },
  ];
  let server: { leaf: string; key: string; chain: string } | undefined;
  const setup = () => {
    if (server) return server;
    const rootKey = pki.key("srv-root");
    const root = { cert: pki.selfSigned("srv-root", "Server Root", rootKey, CA_EXT), key: rootKey };
    const intKey = pki.key("srv-int");
    const intPlain = pki.issue("srv-int-plain", "Server Int", intKey, root, ISSUED_CA_EXT);
    pki.issue("srv-int-client-only", "Server Int", intKey, root, [...ISSUED_CA_EXT, "extendedKeyUsage = clientAuth"]);
    const key = pki.key("srv-leaf");
    const leaf = pki.issue("srv-leaf", "localhost", key, { cert: intPlain, key: intKey }, serverExt);
    return (server = { leaf, key, chain: intPlain });
  };
  for (const c of cases) {
    it(c.name, async () => {
      const { leaf, key, chain } = setup();
      const trust = c.trust();
      const nginx = await startNginx(path.join(work, `nginx-server-${c.accepted ? "ok" : "mixed"}`), [
        `    ssl_certificate ${pki.bundle("srv-fullchain", [leaf, chain])};`, `    ssl_certificate_key ${key};`, '    location / { return 200 "ok\\n"; }'].join("\n"));
      try {
        const curl = spawnSync("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10", "--cacert", trust, "--resolve", `localhost:${nginx.port}:127.0.0.1`, `https://localhost:${nginx.port}/`], { encoding: "utf8" });
        const lint = runCli(["lint", leaf, "--chain", chain, "--ca", trust, "--for", "nginx-server", "--host", "localhost", "--json"]);
        const report = JSON.parse(lint.stdout) as LintReport;
        const context = `curl: ${curl.stdout} ${curl.stderr}\nlint: ${lint.stdout}`;
        assert.equal(curl.stdout.trim() === "200", c.accepted, context);
        assert.equal(lint.code === 0, c.accepted, context);
        if (!c.accepted) {
          const problem = /SSL certificate problem: ([^\n]+)/.exec(curl.stderr)?.[1];
          assert.ok(problem, context);
          assert.ok(report.findings.some((f) => f.severity === "error" && f.symptom?.includes(problem)), `no error finding's symptom names curl's "${problem}"\n${context}`);
        }
      } finally {
        await nginx.stop();
      }
    });
  }
});

describe("nginx and a ssl_client_certificate of TRUSTED CERTIFICATE blocks only", () => {
  it("does not start: SSL_load_client_CA_file() reads CERTIFICATE blocks only; lint says so, explain names the rule", async () => {
    const server = pki.key("server-only-trusted");
    const serverCert = pki.selfSigned("server-only-trusted", "localhost", server, ["basicConstraints = critical, CA:FALSE"]);
    const onlyTrusted = pki.trusted("only-trusted-root", pki.file("root.pem"), { trust: ["clientAuth"] });
    let emerg = "";
    await assert.rejects(
      startNginx(path.join(work, "nginx-only-trusted"), [`    ssl_certificate ${serverCert};`, `    ssl_certificate_key ${server};`, `    ssl_client_certificate ${onlyTrusted};`, "    ssl_verify_client on;"].join("\n")),
      (err: Error) => {
        emerg = /SSL_load_client_CA_file\(.*Expecting: CERTIFICATE\)/.exec(err.message)?.[0] ?? "";
        return emerg !== "";
      },
    );
    const lint = runCli(["lint", pki.file("leaf.pem"), "--chain", pki.file("int-plain.pem"), "--ca", onlyTrusted, "--for", "nginx-mtls", "--verify-depth", "3", "--json"]);
    assert.equal(lint.code, 1, lint.stdout + lint.stderr);
    const report = JSON.parse(lint.stdout) as LintReport;
    assert.deepEqual(report.findings.filter((f) => f.severity === "error").map((f) => f.rule), ["client-ca-trusted-blocks-only"]);
    const explained = runCli(["explain", emerg]);
    assert.equal(explained.code, 0, explained.stderr);
    assert.match(explained.stdout, /client-ca-trusted-blocks-only/);
  });
});
const outcomes = new Map<string, Outcome>();

function lint(s: Scenario): Pick<Outcome, "lintCode" | "report" | "lintStderr"> {
  const args = ["lint", s.leaf, "--ca", s.trust, "--for", "nginx-mtls", "--verify-depth", "3", "--json", ...(s.chain ? ["--chain", s.chain] : [])];
  const result = runCli(args);
  let report: LintReport | undefined;
  try {
    report = JSON.parse(result.stdout) as LintReport;
  } catch {
    // exit 2: no report, stderr says why
  }
  return { lintCode: result.code, report, lintStderr: result.stderr };
}

/** One nginx per trust file, curl presenting each scenario's certificate and chain. */
async function runScenarios(): Promise<void> {
  const server = pki.key("server");
  const serverCert = pki.selfSigned("server", "localhost", server, ["basicConstraints = critical, CA:FALSE", "subjectAltName = DNS:localhost"]);
  const byTrust = new Map<string, Scenario[]>();
  for (const s of scenarios) byTrust.set(s.trust, [...(byTrust.get(s.trust) ?? []), s]);
  let index = 0;
  for (const [trust, group] of byTrust) {
    const dir = path.join(work, `nginx-${index++}`);
    mkdirSync(dir, { recursive: true });
    const nginx = await startNginx(dir, [
      `    ssl_certificate ${serverCert};`,
      `    ssl_certificate_key ${server};`,
      `    ssl_client_certificate ${trust};`,
      "    ssl_verify_client on;",
      "    ssl_verify_depth 3;",
      '    location / { return 200 "ok\\n"; }',
    ].join("\n"));
    try {
      for (const s of group) {
        const certFile = s.chain ? pki.bundle(`${s.name}-sent`, [s.leaf, s.chain]) : s.leaf;
        const logBefore = nginx.errorLog().length;
        const curl = spawnSync("curl", ["-sS", "-k", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10", "--cert", certFile, "--key", s.key,
          `https://127.0.0.1:${nginx.port}/`], { encoding: "utf8" });
        const status = Number(curl.stdout.trim()) || 0;
        let log: string[] = [];
        for (let i = 0; i < 20; i++) {
          log = nginx.errorLog().slice(logBefore).split("\n").filter((line) => /verify error|SSL_do_handshake/.test(line));
          if (log.length > 0 || status === 200) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const reason = log.map((line) => /verify error: \((\d+:[^)]*)\)/.exec(line)?.[1]).find((r) => r !== undefined);
        outcomes.set(s.name, { ...lint(s), status, reason, log });
      }
    } finally {
      await nginx.stop();
    }
  }
}

function describeOutcome(s: Scenario, o: Outcome): string {
  const findings = (o.report?.findings ?? []).map((f) => `    [${f.severity}] ${f.rule} @${f.certIndex}: ${f.message}\n      symptom: ${f.symptom ?? "-"}`);
  return [`${s.name}: ${s.note}`, `  lint: exit ${o.lintCode}${o.lintCode === 2 ? `: ${o.lintStderr.trim()}` : ""}`, ...findings,
    `  nginx: HTTP ${o.status || "none"}${o.reason ? ` (${o.reason})` : ""}`, ...o.log.map((line) => `    log: ${line}`)].join("\n");
}

describe("pkilab lint --for nginx-mtls against the real nginx: OpenSSL facts pkilab missed", () => {
  before(runScenarios, { timeout: 120_000 });
  after(() => rmSync(work, { recursive: true, force: true }));

  for (const s of scenarios) {
    it(s.name, () => {
      const o = outcomes.get(s.name);
      assert.ok(o, "the scenario did not run");
      const context = describeOutcome(s, o);
      assert.ok(o.lintCode === 0 || o.lintCode === 1, `lint exited ${o.lintCode}\n${context}`);
      assert.ok(o.status === 200 || o.status === 400, `unexpected nginx status\n${context}`);
      const nginxAccepts = o.status === 200;
      assert.equal(o.lintCode === 0, nginxAccepts, `lint ${o.lintCode === 0 ? "accepts" : "rejects"}, nginx ${nginxAccepts ? "accepts" : "rejects"}\n${context}`);
      for (const rule of s.alsoReports ?? []) assert.ok(o.report?.findings.some((f) => f.rule === rule), `lint does not report ${rule}\n${context}`);
      if (!nginxAccepts) {
        assert.ok(o.reason, `nginx rejected without a "(N:text)" in its log\n${context}`);
        const named = (o.report?.findings ?? []).some((f) => (f.severity === "error" || f.severity === "fatal") && f.symptom?.includes(`(${o.reason})`));
        assert.ok(named, `no error finding's symptom names nginx's (${o.reason})\n${context}`);
      }
    });
  }
});
