// Differential test: `pkilab lint --for go-mtls|go-client` against real Go 1.19 handshakes on
// loopback (test/peers/go/peer.go, built by test/helpers/go.ts).
//
// go-mtls: a Go server with ClientAuth: tls.RequireAndVerifyClientCert and ClientCAs from the CA file
// judges the client chain. go-client: a Go client with RootCAs from the CA file and ServerName --host
// judges the server chain. pkilab lint gets the same files: the chain (leaf first), the CA file, the
// host. Lint's exit code must match the handshake (0 = Go accepted), and for every refusal each known
// Go error string in what Go printed (src/knowledge/go-x509.ts, up to its first varying part) must be
// in the symptom of an error finding whose rule predicts that string for the peer, the link
// `pkilab explain` follows. Disagreements are listed, never explained away.
//
// Only Go 1.19 is installed (Debian golang-go). A scenario may also say what lint must answer for a
// later Go (`laterGo`, run as lint --go-version): that part is not a real-peer result but the rule's
// reading of Go's source and release notes (negative serials: go1.23.0 src/crypto/x509/parser.go
// parseCertificate(), GODEBUG x509negativeserial, https://go.dev/doc/go1.23); the same files with
// the default version must still match the real Go 1.19.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import * as der from "../../src/asn1/der-writer.js";
import { GO_ERRORS } from "../../src/knowledge/go-x509.js";
import { RULES } from "../../src/lint/rules/index.js";
import type { LintReport } from "../../src/lint/types.js";
import { EKU, EXT } from "../../src/model/oids.js";
import { parseCertificate } from "../../src/model/certificate.js";
import { toPem } from "../../src/model/pem.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { forge, forgeKey, type ForgeOptions, type Forged } from "../helpers/forge.js";
import { goClient, goMtls, type GoOutcome } from "../helpers/go.js";
import { negativeSerial } from "../helpers/negative-serial.js";
import { requireProgram, run as runProgram } from "../helpers/peers.js";
import { NON_DER_SERIAL, nonDerForged } from "../helpers/non-der.js";

type GoPeer = "go-mtls" | "go-client";

interface Chain {
  leaf: Forged;
  /** Sent after the leaf, in this order. */
  sent: Forged[];
  anchors: Forged[];
  /** The key the sender signs the handshake with when Go cannot load the leaf's own (secp256k1). */
  signingKey?: Forged["key"];
}

interface GoScenario {
  name: string;
  peer: GoPeer;
  chain: () => Chain;
  /** go-client: the name or IP the client dials (default www.example.com). */
  host?: string;
  /** What the real Go is expected to do: a regression of the harness shows here first. */
  accepts: boolean;
  /**
   * What lint must say of the same files for a later Go than the one installed here (Debian has only
   * 1.19): `refusedBy` = the rule that must refuse and the message id its symptom must carry, or none
   * when lint must accept. Not run against that Go: read from its source and release notes (the rule's
   * citation says which).
   */
  laterGo?: { version: string; refusedBy?: { rule: string; message: string } };
}

const HOST = "www.example.com";
const DAY = 86_400_000;
const now = Date.now();
const at = (days: number) => new Date(now + days * DAY);
const NULL_VALUE = Uint8Array.of(0x05, 0x00);
/** PolicyConstraints ::= SEQUENCE { requireExplicitPolicy [0] 0 } (RFC 5280 4.2.1.11). */
const POLICY_CONSTRAINTS = Uint8Array.of(0x30, 0x03, 0x80, 0x01, 0x00);
/** NameConstraints permitting the directoryName O=pkilab go (the leaves' own O): RFC 5280 4.2.1.10. */
const DIRECTORY_NAME_CONSTRAINTS = der.sequence(der.tlv(0xa0, der.sequence(der.tlv(0xa4, der.sequence(der.set(der.sequence(der.oid("2.5.4.10"), der.utf8String("pkilab go"))))))));

function rootCa(extra: Partial<ForgeOptions> = {}): Forged {
  return forge({ subject: { cn: "Go Lint Root", o: "pkilab go" }, notBefore: at(-30), notAfter: at(3650), basicConstraints: { ca: true }, keyUsage: ["keyCertSign", "cRLSign"], ...extra });
}

function intermediateCa(issuer: Forged, extra: Partial<ForgeOptions> = {}): Forged {
  return forge({ subject: { cn: "Go Lint Intermediate", o: "pkilab go" }, issuer, notBefore: at(-30), notAfter: at(1825), basicConstraints: { ca: true, pathLen: 0 }, keyUsage: ["keyCertSign", "cRLSign"], ...extra });
}

/** A leaf for www.example.com with the peer's EKU (clientAuth for go-mtls, serverAuth for go-client). */
function leafCert(issuer: Forged, eku: string[], extra: Partial<ForgeOptions> = {}): Forged {
  return forge({ subject: { cn: HOST, o: "pkilab go" }, issuer, notBefore: at(-1), notAfter: at(90), keyUsage: ["digitalSignature"], extKeyUsage: eku, subjectAltNames: [{ dns: HOST }], ...extra });
}

const root = rootCa();
const intermediate = intermediateCa(root);
const USAGE: Record<GoPeer, string[]> = { "go-mtls": [EKU.clientAuth], "go-client": [EKU.serverAuth] };

/** root → intermediate → leaf with the peer's EKU (and `leaf` changes), the intermediate sent. */
function standard(peer: GoPeer, leaf: Partial<ForgeOptions> = {}): Chain {
  return { leaf: leafCert(intermediate, USAGE[peer], leaf), sent: [intermediate], anchors: [root] };
}

/** root → an intermediate built with `ca` → leaf. */
function withIntermediate(peer: GoPeer, ca: Partial<ForgeOptions>, leaf: Partial<ForgeOptions> = {}): Chain {
  const int = intermediateCa(root, ca);
  return { leaf: leafCert(int, USAGE[peer], leaf), sent: [int], anchors: [root] };
}

/** `anchor` (trusted) → a standard intermediate → leaf. */
function withRoot(peer: GoPeer, anchor: Forged): Chain {
  const int = intermediateCa(anchor);
  return { leaf: leafCert(int, USAGE[peer]), sent: [int], anchors: [anchor] };
}

/**
 * A leaf made by OpenSSL with `openssl x509 -req -set_serial -5` (INTEGER 02 01 FB), issued by the
 * forged intermediate: a negative serial as a real CA tool writes it.
 */
function opensslNegativeSerialLeaf(peer: GoPeer): Forged {
  requireProgram("openssl");
  const dir = tempDir("go-openssl-serial");
  try {
    const file = (name: string, text: string) => {
      writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    const key = forgeKey("p256");
    const keyFile = file("leaf.key", key.privateKey.export({ type: "pkcs8", format: "pem" }) as string);
    const caKey = file("ca.key", intermediate.privateKey.export({ type: "pkcs8", format: "pem" }) as string);
    const ca = file("ca.pem", intermediate.pem);
    const usage = peer === "go-mtls" ? "clientAuth" : "serverAuth";
    const ext = file("ext.cnf", `keyUsage = digitalSignature\nextendedKeyUsage = ${usage}\nsubjectAltName = DNS:${HOST}\n`);
    const csr = path.join(dir, "leaf.csr");
    const cert = path.join(dir, "leaf.der");
    const steps = [
      ["req", "-new", "-key", keyFile, "-subj", `/O=pkilab go/CN=${HOST}`, "-out", csr],
      ["x509", "-req", "-in", csr, "-CA", ca, "-CAkey", caKey, "-set_serial", "-5", "-days", "30", "-sha256", "-extfile", ext, "-outform", "DER", "-out", cert],
    ];
    for (const args of steps) {
      const result = runProgram("openssl", args);
      if (result.code !== 0) throw new Error(`openssl ${args[0]}: ${result.stderr}`);
    }
    const certDer = new Uint8Array(readFileSync(cert));
    return { der: certDer, pem: toPem("CERTIFICATE", certDer), facts: parseCertificate(certDer, "openssl -set_serial -5"), key, privateKey: key.privateKey, publicKey: key.publicKey };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Go 1.23 and later refuse negative serials (go1.23.0 src/crypto/x509/parser.go parseCertificate(); https://go.dev/doc/go1.23). */
const GO_1_23_REFUSES = { version: "1.23", refusedBy: { rule: "go-negative-serial", message: "go-negative-serial" } };
const GO_1_23_ACCEPTS = { version: "1.23" };

function scenarios(): GoScenario[] {
  const list: GoScenario[] = [];
  const both = (name: string, make: (peer: GoPeer) => Chain, accepts: boolean) => {
    for (const peer of ["go-mtls", "go-client"] as const) list.push({ name: `${peer}: ${name}`, peer, chain: () => make(peer), accepts });
  };
  const mtls = (name: string, chain: () => Chain, accepts: boolean) => list.push({ name: `go-mtls: ${name}`, peer: "go-mtls", chain, accepts });
  const client = (name: string, chain: () => Chain, accepts: boolean, host = HOST) => list.push({ name: `go-client: ${name} (--host ${host})`, peer: "go-client", chain, accepts, host });

  both("baseline root → intermediate → leaf", (p) => standard(p), true);
  // Extended key usage: nested down the chain; none = any.
  mtls("leaf EKU serverAuth only", () => standard("go-mtls", { extKeyUsage: [EKU.serverAuth] }), false);
  client("leaf EKU clientAuth only", () => standard("go-client", { extKeyUsage: [EKU.clientAuth] }), false);
  both("leaf without EKU", (p) => standard(p, { extKeyUsage: undefined }), true);
  both("leaf EKU anyExtendedKeyUsage only", (p) => standard(p, { extKeyUsage: [EKU.anyExtendedKeyUsage] }), true);
  mtls("intermediate EKU serverAuth only above a clientAuth leaf", () => withIntermediate("go-mtls", { extKeyUsage: [EKU.serverAuth] }), false);
  client("intermediate EKU clientAuth only above a serverAuth leaf", () => withIntermediate("go-client", { extKeyUsage: [EKU.clientAuth] }), false);
  mtls("intermediate EKU clientAuth above a leaf without EKU", () => withIntermediate("go-mtls", { extKeyUsage: [EKU.clientAuth] }, { extKeyUsage: undefined }), true);
  mtls("two intermediates with one key, the EKU-restricted one sent first (Go tries both chains)", () => {
    const key = forgeKey("p256");
    const restricted = intermediateCa(root, { key, extKeyUsage: [EKU.serverAuth] });
    return { leaf: leafCert(restricted, USAGE["go-mtls"]), sent: [restricted, intermediateCa(root, { key })], anchors: [root] };
  }, true);
  client("two intermediates with one key, both EKU-restricted to clientAuth", () => {
    const key = forgeKey("p256");
    const restricted = intermediateCa(root, { key, extKeyUsage: [EKU.clientAuth] });
    return { leaf: leafCert(restricted, USAGE["go-client"]), sent: [restricted, intermediateCa(root, { key, extKeyUsage: [EKU.clientAuth, EKU.emailProtection] })], anchors: [root] };
  }, false);
  mtls("trusted root with EKU serverAuth only", () => withRoot("go-mtls", rootCa({ extKeyUsage: [EKU.serverAuth] })), false);
  // keyUsage: ignored on the leaf, keyCertSign needed on issuers.
  both("leaf keyUsage keyEncipherment only", (p) => standard(p, { keyUsage: ["keyEncipherment"] }), true);
  both("intermediate keyUsage without keyCertSign", (p) => withIntermediate(p, { keyUsage: ["digitalSignature", "cRLSign"] }), false);
  mtls("trusted root keyUsage without keyCertSign", () => withRoot("go-mtls", rootCa({ keyUsage: ["cRLSign"] })), false);
  both("intermediate with CA:FALSE", (p) => withIntermediate(p, { basicConstraints: { ca: false } }), false);
  mtls("v1 intermediate (no extensions)", () => withIntermediate("go-mtls", { version: 1, basicConstraints: undefined, keyUsage: undefined, subjectKeyId: false, authorityKeyId: false }), false);
  // Signatures.
  both("leaf signed with SHA-1", (p) => standard(p, { hash: "sha1" }), false);
  client("intermediate signed with SHA-1", () => withIntermediate("go-client", { hash: "sha1" }), false);
  mtls("a SHA-1 and a SHA-256 copy of the intermediate, the SHA-1 one sent first (Go tries both)", () => {
    const key = forgeKey("p256");
    const sha1 = intermediateCa(root, { key, hash: "sha1" });
    return { leaf: leafCert(sha1, USAGE["go-mtls"]), sent: [sha1, intermediateCa(root, { key })], anchors: [root] };
  }, true);
  client("a CA:FALSE and a CA:TRUE copy of the intermediate, the CA:FALSE one sent first (Go tries both)", () => {
    const key = forgeKey("p256");
    const notCa = intermediateCa(root, { key, basicConstraints: { ca: false } });
    return { leaf: leafCert(notCa, USAGE["go-client"]), sent: [notCa, intermediateCa(root, { key })], anchors: [root] };
  }, true);
  mtls("self-signed root signed with SHA-1 (its signature is not checked)", () => withRoot("go-mtls", rootCa({ hash: "sha1" })), true);
  both("leaf signed by the wrong key", (p) => standard(p, { wrongSigner: true }), false);
  // Keys.
  both("P-521 leaf", (p) => standard(p, { key: "p521" }), true);
  both("Ed25519 leaf", (p) => standard(p, { key: "ed25519" }), true);
  mtls("RSA-1024 leaf", () => standard("go-mtls", { key: "rsa1024" }), true);
  both("secp256k1 leaf", (p) => ({ ...standard(p, { key: "secp256k1" }), signingKey: forgeKey("p256") }), false);
  // Encoding.
  // Negative serials: Go 1.19 accepts them (run here); Go 1.23 refuses them (lint --go-version 1.23,
  // from go1.23.0's parser.go and the release note: no Go 1.23 is installed to run).
  const negativeLeaf = (peer: GoPeer): Chain => ({ leaf: negativeSerial(leafCert(intermediate, USAGE[peer], { serial: NON_DER_SERIAL }), intermediate), sent: [intermediate], anchors: [root] });
  const later = (scenario: GoScenario, laterGo: GoScenario["laterGo"]) => Object.assign(scenario, { laterGo });
  mtls("negative serial number on the leaf (Go 1.19 accepts it; 1.23 would not)", () => negativeLeaf("go-mtls"), true);
  later(list.at(-1)!, GO_1_23_REFUSES);
  client("negative serial number on the leaf", () => negativeLeaf("go-client"), true);
  later(list.at(-1)!, GO_1_23_REFUSES);
  both("a leaf made by openssl x509 -set_serial -5", (p) => ({ leaf: opensslNegativeSerialLeaf(p), sent: [intermediate], anchors: [root] }), true);
  later(list.at(-2)!, GO_1_23_REFUSES);
  later(list.at(-1)!, GO_1_23_REFUSES);
  client("negative serial number on the intermediate sent", () => {
    const int = negativeSerial(intermediateCa(root, { serial: NON_DER_SERIAL }), root);
    return { leaf: leafCert(int, USAGE["go-client"]), sent: [int], anchors: [root] };
  }, true);
  later(list.at(-1)!, GO_1_23_REFUSES);
  mtls("the trusted root has a negative serial number (Go 1.23 would skip it when reading the CA file)", () => withRoot("go-mtls", negativeSerial(rootCa({ serial: NON_DER_SERIAL })) ), true);
  later(list.at(-1)!, GO_1_23_REFUSES);
  client("an unrelated root with a negative serial number beside the root in the CA file", () => ({ ...standard("go-client"), anchors: [root, negativeSerial(rootCa({ subject: { cn: "Unrelated Negative Root" }, serial: NON_DER_SERIAL }))] }), true);
  later(list.at(-1)!, GO_1_23_ACCEPTS);
  both("leaf repeats an unknown extension", (p) => standard(p, { extensions: [{ oid: "1.3.6.1.4.1.55555.2", value: NULL_VALUE }, { oid: "1.3.6.1.4.1.55555.2", value: NULL_VALUE }] }), false);
  client("leaf repeats subjectAltName", () => {
    const san = leafCert(intermediate, USAGE["go-client"]).facts.extensions.find((e) => e.oid === EXT.subjectAltName)!;
    return standard("go-client", { extensions: [{ oid: EXT.subjectAltName, value: san.value }] });
  }, false);
  mtls("leaf keyUsage critical flag as BOOLEAN 01", () => ({ leaf: nonDerForged(leafCert(intermediate, USAGE["go-mtls"], { serial: NON_DER_SERIAL }), intermediate, "boolean-not-00-ff"), sent: [intermediate], anchors: [root] }), false);
  client("leaf serial with a leading 00 octet", () => ({ leaf: nonDerForged(leafCert(intermediate, USAGE["go-client"], { serial: NON_DER_SERIAL }), intermediate, "non-minimal-integer"), sent: [intermediate], anchors: [root] }), false);
  both("critical unknown extension on the leaf", (p) => standard(p, { extensions: [{ oid: "1.3.6.1.4.1.55555.1", critical: true, value: NULL_VALUE }] }), false);
  // Dates.
  both("expired leaf", (p) => standard(p, { notBefore: at(-60), notAfter: at(-1) }), false);
  mtls("leaf valid from next week", () => standard("go-mtls", { notBefore: at(7) }), false);
  client("expired intermediate", () => withIntermediate("go-client", { notBefore: at(-60), notAfter: at(-2) }), false);
  // Chains.
  both("leaf sent without its intermediate", (p) => ({ ...standard(p), sent: [] }), false);
  both("only the intermediate trusted (Go accepts a partial chain)", (p) => ({ ...standard(p), sent: [], anchors: [intermediate] }), true);
  client("another root trusted", () => ({ ...standard("go-client"), anchors: [rootCa({ subject: { cn: "Other Root" } })] }), false);
  mtls("pathLen 0 intermediate above another intermediate", () => {
    const a = intermediateCa(root, { subject: { cn: "Go Lint Intermediate A" }, basicConstraints: { ca: true, pathLen: 0 } });
    const b = intermediateCa(a, { subject: { cn: "Go Lint Intermediate B" } });
    return { leaf: leafCert(b, USAGE["go-mtls"]), sent: [b, a], anchors: [root] };
  }, false);
  client("a CA-issued server certificate pinned alone in the trust pool", () => {
    const leaf = leafCert(intermediate, USAGE["go-client"]);
    return { leaf, sent: [], anchors: [leaf] };
  }, true);
  // Name constraints: SANs only, never the CN.
  both("intermediate permits example.org, the leaf is www.example.com", (p) => withIntermediate(p, { nameConstraints: { permitted: ["example.org"] } }), false);
  mtls("intermediate permits example.org, the leaf has no SAN (CN www.example.com)", () => withIntermediate("go-mtls", { nameConstraints: { permitted: ["example.org"] } }, { subjectAltNames: undefined }), true);
  client("intermediate excludes www.example.com", () => withIntermediate("go-client", { nameConstraints: { excluded: [HOST] } }), false);
  // Host names.
  client("another host name", () => standard("go-client"), false, "other.example.com");
  client("no SAN, the host only in the CN", () => standard("go-client", { subjectAltNames: undefined }), false);
  client("DNS SAN only, the client dials an IP", () => standard("go-client"), false, "127.0.0.1");
  client("iPAddress SAN 127.0.0.1", () => standard("go-client", { subjectAltNames: [{ ip: "127.0.0.1" }] }), true, "127.0.0.1");
  client("wildcard SAN *.example.com", () => standard("go-client", { subjectAltNames: [{ dns: "*.example.com" }] }), true);
  client("iPAddress SAN ::1", () => standard("go-client", { subjectAltNames: [{ ip: "::1" }] }), true, "::1");
  client("iPAddress SAN ::1, dialled as [::1]", () => standard("go-client", { subjectAltNames: [{ ip: "::1" }] }), true, "[::1]");
  client("a \"*.com\" SAN (Go matches it; OpenSSL and browsers do not)", () => standard("go-client", { subjectAltNames: [{ dns: "*.com" }] }), true, "example.com");
  client("a bare \"*\" SAN", () => standard("go-client", { subjectAltNames: [{ dns: "*" }] }), true, "localhost");
  client("a SAN with a trailing dot", () => standard("go-client", { subjectAltNames: [{ dns: `${HOST}.` }] }), false);
  client("an upper-case SAN", () => standard("go-client", { subjectAltNames: [{ dns: HOST.toUpperCase() }] }), true);
  client("a SAN of another label count than the wildcard (*.example.com for a.b.example.com)", () => standard("go-client", { subjectAltNames: [{ dns: "*.example.com" }] }), false, "a.b.example.com");
  // Where Go and OpenSSL part ways.
  both("critical policyConstraints on the intermediate (OpenSSL handles it, Go does not)", (p) => withIntermediate(p, { extensions: [{ oid: "2.5.29.36", critical: true, value: POLICY_CONSTRAINTS }] }), false);
  mtls("critical name constraints with a directoryName subtree", () => withIntermediate("go-mtls", { extensions: [{ oid: EXT.nameConstraints, critical: true, value: DIRECTORY_NAME_CONSTRAINTS }] }), false);
  client("leaf key with explicit EC curve parameters", () => standard("go-client", { explicitCurve: true }), false);
  mtls("leaf EKU an unknown OID only", () => standard("go-mtls", { extKeyUsage: ["1.3.6.1.4.1.55555.9"] }), false);
  mtls("leaf valid in two hours (clock skew)", () => standard("go-mtls", { notBefore: new Date(now + 2 * 3_600_000) }), false);
  client("RSA-PSS signatures from an RSA root", () => {
    const rsaRoot = rootCa({ key: "rsa2048", pss: true });
    const int = intermediateCa(rsaRoot, { pss: true });
    return { leaf: leafCert(int, USAGE["go-client"]), sent: [int], anchors: [rsaRoot] };
  }, true);
  client("a self-signed server certificate (CA:FALSE) pinned in the trust pool", () => {
    const leaf = forge({ subject: { cn: HOST }, notBefore: at(-1), notAfter: at(90), basicConstraints: { ca: false }, keyUsage: ["digitalSignature"], extKeyUsage: USAGE["go-client"], subjectAltNames: [{ dns: HOST }] });
    return { leaf, sent: [], anchors: [leaf] };
  }, true);
  mtls("a v3 root without basicConstraints", () => withRoot("go-mtls", rootCa({ basicConstraints: undefined })), false);
  mtls("the trusted root has a secp256k1 key (Go skips it when it reads the CA file)", () => withRoot("go-mtls", rootCa({ key: "secp256k1" })), false);
  client("an unrelated BER certificate beside the root in the CA file (Go skips it)", () => {
    const stray = nonDerForged(leafCert(intermediate, USAGE["go-client"], { serial: NON_DER_SERIAL, subject: { cn: "stray" } }), intermediate, "non-minimal-integer");
    return { ...standard("go-client"), anchors: [root, stray] };
  }, true);
  return list;
}

interface Outcome {
  scenario: GoScenario;
  go: GoOutcome;
  lintCode: number;
  report?: LintReport;
  stderr: string;
  /** lint of the same files with --go-version laterGo.version. */
  later?: { code: number; report?: LintReport; stderr: string };
}

const work = tempDir("go-lint");
after(() => rmSync(work, { recursive: true, force: true }));

async function run(scenario: GoScenario, index: number): Promise<Outcome> {
  const chain = scenario.chain();
  const dir = path.join(work, String(index));
  const file = (name: string, text: string) => {
    const p = path.join(`${dir}-${name}`);
    writeFileSync(p, text);
    return p;
  };
  const cert = file("chain.pem", [chain.leaf, ...chain.sent].map((c) => c.pem).join(""));
  const ca = file("ca.pem", chain.anchors.map((c) => c.pem).join(""));
  const key = file("key.pem", (chain.signingKey ?? chain.leaf.key).privateKey.export({ type: "pkcs8", format: "pem" }) as string);
  const host = scenario.host ?? HOST;
  const go = scenario.peer === "go-mtls" ? await goMtls({ cert, key, ca }) : await goClient({ cert, key, ca, host });
  const args = ["lint", cert, "--ca", ca, "--for", scenario.peer, ...(scenario.peer === "go-client" ? ["--host", host] : []), "--json"];
  const lint = runCli(args);
  let later: Outcome["later"];
  if (scenario.laterGo) {
    const result = runCli([...args, "--go-version", scenario.laterGo.version]);
    later = { code: result.code, report: parseReport(result.stdout), stderr: result.stderr };
  }
  return { scenario, go, lintCode: lint.code, report: parseReport(lint.stdout), stderr: lint.stderr, later };
}

function parseReport(stdout: string): LintReport | undefined {
  try {
    return JSON.parse(stdout) as LintReport;
  } catch {
    return undefined;
  }
}

/** The fixed start of a table text: up to its first varying part. */
const stem = (text: string) => text.split("…")[0]!;

/** What is wrong with lint's verdict for the later Go version: the refusal its source and release notes say. */
function laterProblems(o: Outcome): string[] {
  const expected = o.scenario.laterGo;
  if (!expected || !o.later) return [];
  const errors = (o.later.report?.findings ?? []).filter((f) => f.severity === "error");
  const at = `lint --go-version ${expected.version}`;
  if (!expected.refusedBy) return o.later.code === 0 ? [] : [`${at}: exit ${o.later.code}, expected 0 (${errors.map((f) => f.rule).join(", ")}${o.later.stderr})`];
  if (o.later.code !== 1) return [`${at}: exit ${o.later.code}, expected 1: ${o.later.stderr}`];
  const { rule: ruleId, message } = expected.refusedBy;
  const entry = GO_ERRORS.find((e) => e.id === message);
  const rule = RULES.find((r) => r.id === ruleId);
  const ok = errors.some((f) => f.rule === ruleId && (rule?.predicts?.[o.scenario.peer]?.messages ?? []).includes(message) && entry !== undefined && (f.symptom ?? "").includes(stem(entry.text)));
  return ok ? [] : [`${at}: no error finding of ${ruleId} predicting ${message} with its text in the symptom; errors: ${errors.map((f) => f.rule).join(", ") || "none"}`];
}

/** What is wrong with one outcome: lint's verdict against Go's, and Go's strings against the findings. */
function problems(o: Outcome): string[] {
  const found: string[] = laterProblems(o);
  const goError = o.go.error ?? o.go.peerError ?? "";
  if (o.go.ok !== o.scenario.accepts) found.push(`real Go ${o.go.ok ? "accepted" : `refused (${goError})`}, the scenario expects the opposite`);
  if (o.lintCode !== 0 && o.lintCode !== 1) return [...found, `lint exit ${o.lintCode}: ${o.stderr}`];
  if ((o.lintCode === 0) !== o.go.ok) {
    const errors = (o.report?.findings ?? []).filter((f) => f.severity === "error").map((f) => f.rule);
    found.push(`lint ${o.lintCode === 0 ? "accepted" : `rejected (${errors.join(", ")})`}, Go ${o.go.ok ? "accepted" : `refused: ${goError}`}`);
    return found;
  }
  if (o.go.ok) return found;
  const errors = (o.report?.findings ?? []).filter((f) => f.severity === "error");
  const known = GO_ERRORS.filter((e) => e.pattern.test(goError));
  if (known.length === 0) found.push(`Go's error is in no knowledge entry: ${goError}`);
  for (const entry of known) {
    const explained = errors.some((f) => {
      const rule = RULES.find((r) => r.id === f.rule);
      const predicted = rule?.predicts?.[o.scenario.peer]?.messages?.includes(entry.id) ?? false;
      return predicted && (f.symptom ?? "").includes(stem(entry.text));
    });
    if (!explained) found.push(`"${stem(entry.text)}" (${entry.id}) is in no error finding's symptom with a rule predicting it; findings: ${errors.map((f) => f.rule).join(", ") || "none"}; Go: ${goError}`);
  }
  // go-host-mismatch computes Go's HostnameError itself: its message carries Go's exact words.
  for (const f of errors.filter((e) => e.rule === "go-host-mismatch")) {
    const said = f.message.replace(/^Go's VerifyHostname refuses \S+: /, "");
    if (!goError.endsWith(said)) found.push(`go-host-mismatch says "${said}", Go said "${goError}"`);
  }
  return found;
}

describe("pkilab lint --for go-mtls|go-client against the real Go 1.19", () => {
  const list = scenarios();
  const outcomes: Outcome[] = [];

  it(`runs ${list.length} scenarios, at least 30, across both peers`, () => {
    assert.ok(list.length >= 30);
    assert.ok(list.some((s) => s.peer === "go-mtls") && list.some((s) => s.peer === "go-client"));
  });

  list.forEach((scenario, i) => {
    it(scenario.name, async () => {
      const outcome = await run(scenario, i);
      outcomes.push(outcome);
      assert.deepEqual(problems(outcome), []);
    });
  });

  it("a Go server's refusal reaches the client as \"remote error: tls: bad certificate\"", () => {
    const refused = outcomes.filter((o) => o.scenario.peer === "go-mtls" && !o.go.ok);
    assert.ok(refused.length > 5);
    for (const o of refused) assert.equal(o.go.peerError, "remote error: tls: bad certificate", o.scenario.name);
  });

  it("OpenSSL writes a negative serial with -set_serial -5 and accepts it (openssl verify -x509_strict): no rule for the OpenSSL peers", () => {
    const leaf = opensslNegativeSerialLeaf("go-client");
    assert.deepEqual({ serial: leaf.facts.serial, negative: leaf.facts.serialNegative }, { serial: "fb", negative: true });
    const file = (name: string, text: string) => {
      const p = path.join(work, `openssl-serial-${name}`);
      writeFileSync(p, text);
      return p;
    };
    const verify = runProgram("openssl", ["verify", "-x509_strict", "-CAfile", file("root.pem", root.pem), "-untrusted", file("int.pem", intermediate.pem), file("leaf.pem", leaf.pem)]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  });

  it("explain points each Go string seen here at a rule for a Go peer", () => {
    const texts = [...new Set(outcomes.flatMap((o) => (o.go.ok ? [] : [o.go.error ?? ""])))];
    const unexplained: string[] = [];
    for (const text of texts) {
      const result = runCli(["explain", text, "--json"]);
      const data = JSON.parse(result.stdout || "{}") as { explanations?: { rules: { id: string; peer: string }[] }[] };
      const rules = (data.explanations ?? []).flatMap((e) => e.rules).filter((r) => r.peer.startsWith("go-"));
      if (rules.length === 0) unexplained.push(text);
    }
    assert.deepEqual(unexplained, []);
  });
});
