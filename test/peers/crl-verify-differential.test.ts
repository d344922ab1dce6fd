// Differential test: `pkilab verify --crl` against `openssl verify -crl_check_all | -crl_check -CRLfile`
// on a root → intermediate → leaf PKI made with the openssl CLI, with CRLs made by `openssl ca -gencrl`
// (one minimal config per CRL). For each scenario the errors openssl prints ("error N at D depth") must
// be the first reasons pkilab reports, as (code, certificate index), up to where openssl stops: its
// verify callback goes on after 11 and 12 only of the CRL errors (apps/verify.c cb()), pkilab lists all.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { runCli, tempDir } from "../helpers/cli.js";
import { OpensslCrlPki, type CrlSpec } from "../helpers/openssl-crl-pki.js";
import { opensslVerify, requireProgram } from "../helpers/peers.js";

requireProgram("openssl");
const work = tempDir("crl-verify");
/** Scenario → openssl's errors, printed at the end (the table a reviewer reads). */
const table: string[] = [];
after(() => {
  console.log(table.join("\n"));
  rmSync(work, { recursive: true, force: true });
});
const file = (name: string) => path.join(work, name);

const pki = new OpensslCrlPki(work);
const key = (name: string) => pki.key(name);
const certificate = (name: string, subject: string, serial: number, extensions: string, issuer?: string) => pki.certificate(name, subject, serial, extensions, issuer);
/** CRLs at fixed dates by default: valid from 2025 to 2035 around the scenarios' clock. */
const crl = (spec: CrlSpec) => pki.crl({ lastUpdate: "20250101000000Z", nextUpdate: "20350101000000Z", ...spec });
const corruptSignature = (pem: string) => pki.corruptSignature(pem);
const withoutNextUpdate = (pem: string, keyName: string) => pki.withoutNextUpdate(pem, keyName);

// The PKI: Root → Int → leaf, plus Int2 (an intermediate without cRLSign) → leaf2, and a stranger:
// a self-signed "CN=CRL Int" with another key, whose CRLs carry Int's name and a wrong signature.
key("root");
key("int");
key("leaf");
key("int2");
key("leaf2");
key("stranger");
certificate("root", "/CN=CRL Root", 1, "v_ca");
certificate("int", "/CN=CRL Int", 2, "v_ca", "root");
certificate("leaf", "/CN=crl leaf", 3, "v_leaf", "int");
certificate("int2", "/CN=CRL Int2", 4, "v_ca_no_crlsign", "root");
certificate("leaf2", "/CN=crl leaf2", 5, "v_leaf", "int2");
certificate("stranger", "/CN=CRL Int", 6, "v_ca");

const rootCrl = crl({ ca: "root" });
const intCrl = crl({ ca: "int" });
const bundle = file("bundle.pem");
writeFileSync(bundle, readFileSync(rootCrl, "utf8") + readFileSync(intCrl, "utf8"));
const revokedLeafCrl = crl({ ca: "int", revoked: [3] });
const revokedBundle = file("bundle-revoked.pem");
writeFileSync(revokedBundle, readFileSync(rootCrl, "utf8") + readFileSync(revokedLeafCrl, "utf8"));

interface Scenario {
  name: string;
  crls: string[];
  mode?: "leaf" | "all";
  leaf?: string;
  chain?: string;
}

const scenarios: Scenario[] = [
  { name: "every CA with its CRL", crls: [rootCrl, intCrl] },
  { name: "one bundle with every CA's CRL", crls: [bundle] },
  { name: "intermediate's CRL missing", crls: [rootCrl] },
  { name: "root's CRL missing", crls: [intCrl] },
  { name: "leaf only: the intermediate's CRL is enough", crls: [intCrl], mode: "leaf" },
  { name: "leaf only: the intermediate's CRL missing", crls: [rootCrl], mode: "leaf" },
  { name: "intermediate's CRL not yet valid", crls: [rootCrl, crl({ ca: "int", lastUpdate: "20340101000000Z", nextUpdate: "20350101000000Z" })] },
  { name: "intermediate's CRL expired", crls: [rootCrl, crl({ ca: "int", lastUpdate: "20240101000000Z", nextUpdate: "20250101000000Z" })] },
  { name: "root's CRL expired (it covers the intermediate and the root)", crls: [crl({ ca: "root", lastUpdate: "20240101000000Z", nextUpdate: "20250101000000Z" }), intCrl] },
  { name: "revoked leaf", crls: [rootCrl, revokedLeafCrl] },
  { name: "revoked leaf, one bundle", crls: [revokedBundle] },
  { name: "revoked intermediate", crls: [crl({ ca: "root", revoked: [2] }), intCrl] },
  { name: "revoked root, on its own CRL", crls: [crl({ ca: "root", revoked: [1] }), intCrl] },
  { name: "revoked leaf in an expired CRL", crls: [rootCrl, crl({ ca: "int", revoked: [3], lastUpdate: "20240101000000Z", nextUpdate: "20250101000000Z" })] },
  { name: "wrong signer with the intermediate's AKI", crls: [rootCrl, crl({ ca: "stranger" })] },
  { name: "wrong signer without AKI", crls: [rootCrl, crl({ ca: "stranger", noAki: true })] },
  { name: "CA without cRLSign", crls: [rootCrl, crl({ ca: "int2" })], leaf: "leaf2", chain: "int2" },
  { name: "bad CRL signature", crls: [rootCrl, corruptSignature(intCrl)] },
  { name: "critical unknown CRL extension", crls: [rootCrl, crl({ ca: "int", extensions: ["1.2.3.4 = critical, ASN1:NULL"] })] },
  { name: "critical cRLNumber (OpenSSL does not handle it critical)", crls: [rootCrl, crl({ ca: "int", extensions: ["crlNumber = critical, ASN1:INTEGER:7"] })] },
  { name: "no nextUpdate", crls: [rootCrl, withoutNextUpdate(intCrl, "int")] },
  { name: "root's CRL only for user certificates (IDP): different scope", crls: [crl({ ca: "root", extensions: ["issuingDistributionPoint = critical, @idp"] }), intCrl] },
  { name: "an older CRL revokes the leaf, a newer one does not", crls: [rootCrl, crl({ ca: "int", revoked: [3], lastUpdate: "20240101000000Z" }), intCrl] },
];

/** The errors apps/verify.c cb() goes on after (the CRL ones: 11 and 12). */
const OPENSSL_CONTINUES = new Set([9, 10, 11, 12, 18, 25, 34, 37, 79]);

/** openssl's "error N at D depth" lines as "N@D". */
function opensslErrors(stdout: string, stderr: string): string[] {
  return `${stdout}\n${stderr}`
    .split("\n")
    .flatMap((line) => {
      const match = /^error (\d+) at (\d+) depth/.exec(line);
      return match ? [`${match[1]}@${match[2]}`] : [];
    });
}

/** pkilab's reasons as "N@cert", cut where openssl's callback would stop. */
function pkilabErrors(reasons: { cert: number; openssl: string }[]): string[] {
  const out: string[] = [];
  for (const reason of reasons) {
    const code = Number(reason.openssl.split(":")[0]);
    out.push(`${code}@${reason.cert}`);
    if (!OPENSSL_CONTINUES.has(code)) break;
  }
  return out;
}

// One instant for both tools: an hour after the certificates were made.
const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 3600_000);

describe("pkilab verify --crl against openssl verify -crl_check(_all)", () => {
  it("covers at least 12 scenarios", () => assert.ok(scenarios.length >= 12));

  it("bad input is exit 2 with one line: --crl-check without --crl, a --crl file that holds no CRL", () => {
    const base = ["verify", file("leaf.pem"), "--chain", file("int.pem"), "--ca", file("root.pem")];
    for (const [args, message] of [
      [["--crl-check", "leaf"], /--crl-check: needs the CRLs/],
      [["--crl", file("root.pem")], /holds no CRL/],
    ] as const) {
      const cli = runCli([...base, ...args]);
      assert.equal(cli.code, 2, cli.stdout + cli.stderr);
      assert.match(cli.stderr, message);
      assert.equal(cli.stderr.trim().split("\n").length, 1, cli.stderr);
    }
  });

  for (const s of scenarios) {
    it(s.name, () => {
      const mode = s.mode ?? "all";
      const leaf = file(`${s.leaf ?? "leaf"}.pem`);
      const chain = file(`${s.chain ?? "int"}.pem`);
      const peer = opensslVerify(
        [mode === "all" ? "-crl_check_all" : "-crl_check", ...s.crls.flatMap((crlFile) => ["-CRLfile", crlFile]), "-CAfile", file("root.pem"), "-untrusted", chain, "-attime", String(at.getTime() / 1000), leaf],
        work,
      );
      const expected = opensslErrors(peer.stdout, peer.stderr);
      table.push(`${s.name.padEnd(72)} ${mode.padEnd(4)} openssl: ${expected.join(" ") || "OK"}`);
      assert.equal(expected.length === 0, peer.code === 0, `openssl: ${peer.stdout}${peer.stderr}`);
      const cli = runCli(["verify", leaf, "--chain", chain, "--ca", file("root.pem"), ...s.crls.flatMap((crlFile) => ["--crl", crlFile]), "--crl-check", mode, "--at", at.toISOString(), "--json"]);
      assert.ok(cli.code === 0 || cli.code === 1, cli.stderr);
      const report = JSON.parse(cli.stdout) as { revocation?: { crls: number; check: string }; results: { reasons: { cert: number; openssl: string }[] }[] };
      // The verdict names what it checked: the CRL mode, and at least one CRL loaded.
      assert.equal(report.revocation?.check, mode);
      assert.ok((report.revocation?.crls ?? 0) >= 1);
      const reasons = report.results[0]?.reasons ?? [];
      assert.deepEqual(pkilabErrors(reasons), expected, `openssl said:\n${peer.stdout}${peer.stderr}`);
      assert.equal(cli.code, peer.code === 0 ? 0 : 1);
    });
  }
});
