// The --json output of lint, verify, inspect and explain is a published contract: docs/schemas/
// holds one JSON Schema (draft 2020-12) per command, closed where the shape is closed. Here the real
// CLI runs over a spread of inputs (every fixture folder, a fresh lab, files openssl makes in every
// form inspect reads, the fixture logs) and every output must validate; then each schema must reject
// an output with a field removed, added or renamed, so a change of shape fails this test.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { FIXTURES_ROOT, lintFixtureArgs, lintFixtureFolders } from "../helpers/lint-fixtures.js";
import { REPO_ROOT, runCli, tempDir } from "../helpers/cli.js";
import { REASONS } from "../../src/chain/reasons.js";
import { PEER_IDS } from "../../src/peers/index.js";

type Command = "lint" | "verify" | "inspect" | "explain";
const COMMANDS: Command[] = ["lint", "verify", "inspect", "explain"];
const SCHEMA_DIR = path.join(REPO_ROOT, "docs", "schemas");
const schemaOf = (command: Command) => JSON.parse(readFileSync(path.join(SCHEMA_DIR, `${command}.schema.json`), "utf8")) as Record<string, unknown>;

/**
 * strict: a keyword ajv does not know, or a misspelt one, is an error instead of being ignored.
 * Union types ("type": ["integer", "string"]) are plain JSON Schema; ajv's strict mode asks for them by name.
 */
function compileSchemas(): Record<Command, ValidateFunction> {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  for (const command of COMMANDS) ajv.addSchema(schemaOf(command));
  const validator = (command: Command) => {
    const validate = ajv.getSchema(schemaOf(command).$id as string);
    assert.ok(validate, `${command}.schema.json compiles`);
    return validate;
  };
  return { lint: validator("lint"), verify: validator("verify"), inspect: validator("inspect"), explain: validator("explain") };
}

interface Case {
  name: string;
  command: Command;
  args: string[];
  /** Exit codes the case may end with (0 clean, 1 findings / invalid / unknown, 2 a bad file among good ones, 3 undetermined). */
  codes: number[];
}

const work = tempDir("json-schemas");
const lab = path.join(work, "lab");
const made = (name: string) => path.join(work, "made", name);
const labFile = (name: string) => path.join(lab, name);
after(() => rmSync(work, { recursive: true, force: true }));

function openssl(args: string[]): void {
  const result = spawnSync("openssl", args, { cwd: path.join(work, "made"), encoding: "utf8" });
  if (result.error) throw result.error;
  assert.equal(result.status, 0, `openssl ${args.join(" ")}: ${result.stderr}`);
}

/** Every form `pkilab inspect` reads, made by openssl from the lab's certificates and keys. */
function makeInspectInputs(): void {
  mkdirSync(path.join(work, "made"), { recursive: true });
  writeFileSync(made("openssl.cnf"), ["[ req ]", "distinguished_name = dn", "[ dn ]", "[ ca ]", "default_ca = lab", "[ lab ]", "database = index.txt", "crlnumber = crlnumber", "default_md = sha256", "default_crl_days = 30", ""].join("\n"));
  writeFileSync(made("index.txt"), "");
  writeFileSync(made("crlnumber"), "01\n");
  openssl(["x509", "-in", labFile("root/cert.pem"), "-outform", "DER", "-out", "root.der"]);
  openssl(["pkcs12", "-export", "-in", labFile("clients/alice/fullchain.pem"), "-inkey", labFile("clients/alice/key.pem"), "-out", "alice.p12", "-passout", "pass:secret"]);
  openssl(["crl2pkcs7", "-nocrl", "-certfile", labFile("servers/localhost/fullchain.pem"), "-out", "chain.p7b"]);
  openssl(["req", "-new", "-config", "openssl.cnf", "-key", labFile("clients/alice/key.pem"), "-subj", "/CN=alice/O=pkilab lab", "-addext", "subjectAltName = DNS:alice.test, IP:192.0.2.7, email:alice@example.test", "-out", "alice.csr"]);
  // A CRL that revokes alice (with a reason: an entry with a reasonCode), issued by the lab's intermediate.
  openssl(["ca", "-config", "openssl.cnf", "-keyfile", labFile("intermediate-1/key.pem"), "-cert", labFile("intermediate-1/cert.pem"), "-revoke", labFile("clients/alice/cert.pem"), "-crl_reason", "keyCompromise"]);
  openssl(["ca", "-gencrl", "-config", "openssl.cnf", "-keyfile", labFile("intermediate-1/key.pem"), "-cert", labFile("intermediate-1/cert.pem"), "-out", "intermediate.crl"]);
  openssl(["pkey", "-in", labFile("clients/alice/key.pem"), "-pubout", "-out", "alice-public.pem"]);
  openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.key"]);
  openssl(["rsa", "-in", "rsa.key", "-RSAPublicKey_out", "-out", "rsa-pkcs1-public.pem"]);
  openssl(["pkcs8", "-topk8", "-in", labFile("clients/alice/key.pem"), "-passout", "pass:secret", "-out", "alice-encrypted.key"]);
  // EC PARAMETERS then EC PRIVATE KEY: the parameters block is an "other" item.
  openssl(["ecparam", "-name", "prime256v1", "-genkey", "-out", "ec-with-parameters.pem"]);
  writeFileSync(made("not-a-certificate.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
}

/** The lint fixtures (fixtures/<peer>/<scenario>/lint.json), as fixtures.test.ts runs them, with --json. */
function fixtureLintCases(): Case[] {
  return lintFixtureFolders().map((folder) => {
    const args = lintFixtureArgs(folder);
    return { name: `lint fixture ${path.relative(FIXTURES_ROOT, folder)}`, command: "lint", args, codes: [0, 1] };
  });
}

function cases(): Case[] {
  const fixture = (p: string) => path.join(REPO_ROOT, "fixtures", p);
  const notSent = (p: string) => fixture(`nginx-mtls/seed-003-intermediate-not-sent/${p}`);
  const clientOk = (p: string) => fixture(`nginx-mtls/client-leaf-ok/${p}`);
  const fixtureAt = "2030-06-01T00:00:00Z";
  const hellos = readdirSync(fixture("client-hello"), { recursive: true }).map(String).filter((f) => /client-hello\.(txt|hex)$/.test(f)).sort();
  const logs = [
    ...readdirSync(fixture("logs")).filter((f) => f.endsWith(".log")).map((f) => `logs/${f}`),
    ...readdirSync(fixture("nginx-logs")).filter((f) => f.endsWith(".log")).map((f) => `nginx-logs/${f}`),
  ].sort();
  const aYearOn = new Date(Date.now() + 366 * 86_400_000).toISOString();
  return [
    ...fixtureLintCases(),
    { name: "lint in a lab: anchors and chain from the lab", command: "lint", args: ["lint", labFile("clients/alice/cert.pem"), "--for", "nginx-mtls", "--json"], codes: [0] },
    { name: "lint --format json (same report as --json)", command: "lint", args: ["lint", labFile("servers/localhost/fullchain.pem"), "--ca", labFile("ca.pem"), "--for", "nginx-server,browser", "--host", "localhost", "--format", "json"], codes: [0, 1] },
    { name: "lint a server for the wrong host, every web peer", command: "lint", args: ["lint", labFile("servers/localhost/fullchain.pem"), "--ca", labFile("ca.pem"), "--for", "nginx-server,browser", "--host", "www.example.test", "--json"], codes: [1] },
    { name: "lint with --nginx-conf: anchors and depth from nginx.conf", command: "lint", args: ["lint", labFile("clients/alice/fullchain.pem"), "--for", "nginx-mtls", "--nginx-conf", path.join(work, "nginx.conf"), "--json"], codes: [0, 1] },
    { name: "lint without a trust anchor outside a lab: undetermined", command: "lint", args: ["lint", notSent("leaf.pem"), "--for", "nginx-mtls,nginx-server", "--at", fixtureAt, "--json"], codes: [1, 3] },
    { name: "lint for mbedtls with a config and a key that does not match", command: "lint", args: ["lint", labFile("servers/localhost/fullchain.pem"), "--ca", labFile("ca.pem"), "--mbedtls-config", fixture("mbedtls/seed-002-p521-key-small-device/config.h"), "--host", "localhost", "--key", made("rsa.key"), "--json"], codes: [0, 1, 3] },
    { name: "lint for the Go peers (a Go server judging it as a client certificate, a Go client as a server's)", command: "lint", args: ["lint", labFile("servers/localhost/fullchain.pem"), "--ca", labFile("ca.pem"), "--for", "go-mtls,go-client", "--host", "localhost", "--go-version", "1.22", "--json"], codes: [1] },
    { name: "lint an expired certificate", command: "lint", args: ["lint", labFile("servers/localhost/fullchain.pem"), "--ca", labFile("ca.pem"), "--for", "browser", "--host", "localhost", "--at", "2099-01-01T00:00:00Z", "--json"], codes: [1] },

    { name: "verify many leaves in a lab, without --ca (trust anchor from the lab)", command: "verify", args: ["verify", labFile("clients/alice/cert.pem"), labFile("servers/localhost/cert.pem"), "--json"], codes: [0] },
    { name: "verify with every option: ok", command: "verify", args: ["verify", clientOk("leaf.pem"), "--chain", clientOk("chain.pem"), "--ca", clientOk("ca.pem"), "--purpose", "client", "--verify-depth", "2", "--at", fixtureAt, "--json"], codes: [0] },
    { name: "verify fails: issuer missing, wrong host, wrong purpose", command: "verify", args: ["verify", notSent("leaf.pem"), "--ca", notSent("ca.pem"), "--purpose", "server", "--host", "alice.test", "--at", fixtureAt, "--json"], codes: [1] },
    { name: "verify --crl: alice revoked on the intermediate's CRL (leaf check)", command: "verify", args: ["verify", labFile("clients/alice/cert.pem"), "--chain", labFile("clients/alice/chain.pem"), "--ca", labFile("ca.pem"), "--crl", made("intermediate.crl"), "--crl-check", "leaf", "--json"], codes: [1] },
    { name: "verify with --key that does not belong", command: "verify", args: ["verify", labFile("clients/alice/cert.pem"), "--chain", labFile("clients/alice/chain.pem"), "--ca", labFile("ca.pem"), "--key", made("rsa.key"), "--json"], codes: [1] },
    { name: "verify a year on: expired, --x509-strict, --security-level 0", command: "verify", args: ["verify", labFile("servers/localhost/fullchain.pem"), "--ca", labFile("ca.pem"), "--x509-strict", "--security-level", "0", "--at", "2099-01-01T00:00:00Z", "--json"], codes: [1] },

    { name: "inspect PEM chains and a key", command: "inspect", args: ["inspect", labFile("servers/localhost/fullchain.pem"), labFile("ca.pem"), labFile("clients/alice/key.pem"), "--json"], codes: [0] },
    { name: "inspect DER, PKCS#12, PKCS#7, CSR, CRL, public keys, an encrypted key, EC parameters", command: "inspect", args: ["inspect", made("root.der"), made("alice.p12"), made("chain.p7b"), made("alice.csr"), made("intermediate.crl"), made("alice-public.pem"), made("rsa-pkcs1-public.pem"), made("alice-encrypted.key"), made("ec-with-parameters.pem"), "--password", "secret", "--at", aYearOn, "--json"], codes: [0] },
    { name: "inspect an encrypted key without its password, and the fixtures' certificates", command: "inspect", args: ["inspect", made("alice-encrypted.key"), notSent("leaf.pem"), fixture("mbedtls/seed-002-p521-key-small-device/leaf.pem"), "--at", "2020-01-01T00:00:00Z", "--json"], codes: [0] },
    { name: "inspect a bad file among good ones: its error is listed", command: "inspect", args: ["inspect", labFile("ca.pem"), made("not-a-certificate.pem"), "--json"], codes: [2] },
    ...hellos.map((hello): Case => ({ name: `inspect --client-hello ${hello}`, command: "inspect", args: ["inspect", "--client-hello", fixture(`client-hello/${hello}`), "--json"], codes: [0] })),

    { name: "explain an mbedTLS code, an alert, a verify error, names, a status, flags", command: "explain", args: ["explain", "-0x7780", "alert 40", "26", "(20:unable to get local issuer certificate)", "X509_V_ERR_CERT_HAS_EXPIRED", "MBEDTLS_ERR_X509_CERT_VERIFY_FAILED", "495", "flags 0x00000008", "no shared cipher", "--json"], codes: [0] },
    { name: "lint for wolfssl (its default configuration)", command: "lint", args: ["lint", labFile("servers/localhost/fullchain.pem"), "--ca", labFile("ca.pem"), "--for", "wolfssl", "--host", "other.example", "--json"], codes: [1] },
    { name: "explain wolfSSL codes: a number, a name, a text", command: "explain", args: ["explain", "-188", "DOMAIN_NAME_MISMATCH", "ASN date error, current date after", "--json"], codes: [0] },
    { name: "explain something unknown: suggestions", command: "explain", args: ["explain", "-0x7781", "certificate purple", "--json"], codes: [1] },
    ...logs.map((log): Case => ({ name: `explain --log ${log}`, command: "explain", args: ["explain", "--log", fixture(log), "--json"], codes: [0, 1] })),
    { name: "explain --log --cert: lint findings beside the events", command: "explain", args: ["explain", "--log", fixture("nginx-logs/intermediate-missing.log"), "--cert", notSent("leaf.pem"), "--ca", notSent("ca.pem"), "--at", fixtureAt, "--json"], codes: [0] },
    { name: "explain --log --cert on an mbedTLS log with a ClientHello", command: "explain", args: ["explain", "--log", fixture("logs/seed-000-mbedtls-debug.log"), "--cert", fixture("mbedtls/seed-000-ecdhe-ecdsa-only-vs-rsa-server/leaf.pem"), "--chain", fixture("mbedtls/seed-000-ecdhe-ecdsa-only-vs-rsa-server/chain.pem"), "--ca", fixture("mbedtls/seed-000-ecdhe-ecdsa-only-vs-rsa-server/ca.pem"), "--mbedtls-config", fixture("mbedtls/seed-000-ecdhe-ecdsa-only-vs-rsa-server/config.h"), "--at", fixtureAt, "--json"], codes: [0] },
  ];
}

/** Outputs by command, kept for the rejection tests below. */
const outputs: Record<Command, unknown[]> = { lint: [], verify: [], inspect: [], explain: [] };
let validators: Record<Command, ValidateFunction>;

before(() => {
  validators = compileSchemas();
  const init = runCli(["init", lab, "--server", "localhost,127.0.0.1", "--client", "alice"]);
  assert.equal(init.code, 0, init.stderr);
  writeFileSync(
    path.join(work, "nginx.conf"),
    `events {}\nhttp {\n  server {\n    listen 443 ssl;\n    server_name localhost;\n    ssl_certificate ${labFile("servers/localhost/fullchain.pem")};\n    ssl_certificate_key ${labFile("servers/localhost/key.pem")};\n    ssl_client_certificate ${labFile("ca.pem")};\n    ssl_verify_client on;\n    ssl_verify_depth 2;\n  }\n}\n`,
  );
  makeInspectInputs();
});

const problems = (validate: ValidateFunction) => (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`).join("\n");

describe("--json output against docs/schemas/", () => {
  for (const c of cases()) {
    it(c.name, () => {
      const result = runCli(c.args);
      assert.ok(c.codes.includes(result.code), `exit ${result.code} (expected ${c.codes.join(" or ")}): ${result.stderr}${result.stdout.slice(0, 400)}`);
      const output = JSON.parse(result.stdout) as unknown;
      const validate = validators[c.command];
      assert.ok(validate(output), `${c.command} output does not match ${c.command}.schema.json:\n${problems(validate)}`);
      outputs[c.command].push(output);
    });
  }

  it("the spread reaches every shape: each item kind, each explain form, each lint input origin, each verdict status", () => {
    const inspectKinds = new Set(outputs.inspect.flatMap((o) => ((o as { items?: { kind: string }[] }).items ?? []).map((i) => i.kind)));
    assert.deepEqual([...inspectKinds].sort(), ["certificate", "crl", "csr", "other", "private-key", "public-key"]);
    assert.ok(outputs.inspect.some((o) => "cipherSuites" in (o as object)), "a ClientHello");
    const crls = outputs.inspect.flatMap((o) => ((o as { items?: { kind: string; revokedEntries?: { reason?: string }[] }[] }).items ?? []).filter((i) => i.kind === "crl"));
    assert.ok(crls.some((c) => (c.revokedEntries ?? []).some((e) => e.reason !== undefined)), "a CRL entry with a reason");
    assert.ok(outputs.inspect.some((o) => ((o as { errors?: unknown[] }).errors ?? []).length > 0), "an inspect error entry");
    const lint = outputs.lint as { inputs: { from: string }; verdicts: { peer: string; status: string; configOrigin?: string }[] }[];
    assert.deepEqual([...new Set(lint.map((r) => r.inputs.from))].sort(), ["--ca", "lab", "nginx.conf", "none"]);
    assert.deepEqual([...new Set(lint.flatMap((r) => r.verdicts.map((v) => v.status)))].sort(), ["accepted", "rejected", "undetermined"]);
    assert.deepEqual([...new Set(lint.flatMap((r) => r.verdicts.map((v) => v.peer)))].sort(), [...PEER_IDS].sort());
    assert.ok(lint.some((r) => r.verdicts.some((v) => v.configOrigin !== undefined)), "a verdict with configOrigin");
    const explain = outputs.explain as { explanations?: unknown[]; unknown?: unknown[]; events?: unknown[]; lint?: unknown; clientHellos?: unknown[] }[];
    assert.ok(explain.some((o) => (o.unknown ?? []).length > 0), "an unknown query");
    assert.ok(explain.some((o) => o.lint !== undefined), "a log report with lint findings");
    assert.ok(explain.some((o) => (o.clientHellos ?? []).length > 0), "a log with a ClientHello");
    const verify = outputs.verify as { trustAnchor?: string; results: { valid: boolean; keyMatches?: boolean }[] }[];
    assert.ok(verify.some((o) => o.trustAnchor !== undefined), "a trust anchor from the lab");
    assert.ok(verify.some((o) => o.results.some((r) => r.keyMatches === false)), "a key that does not match");
  });
});

/**
 * JSON as parsed. any, not a report type: the probes and edits below reach into outputs by path to
 * break them on purpose, which a typed view would forbid.
 */
type Json = any;

/** A deep copy with `edit` applied. */
function edited(value: unknown, edit: (copy: Json) => void): unknown {
  const copy: Json = structuredClone(value);
  edit(copy);
  return copy;
}

describe("the schemas reject a change of shape", () => {
  const first = (command: Command, has: (o: Json) => boolean) => {
    const found = outputs[command].find(has);
    assert.ok(found, `a ${command} output to edit`);
    return found;
  };
  const rejects = (command: Command, value: unknown, why: string) => assert.equal(validators[command](value), false, `${command}.schema.json accepted ${why}`);

  it("lint: a required field removed, an unknown field added, a severity or status outside its enum, accepted against its status", () => {
    const report = first("lint", (o) => o.findings.length > 0);
    assert.ok(validators.lint(report));
    rejects("lint", edited(report, (r) => delete r.verdicts), "a report without verdicts");
    rejects("lint", edited(report, (r) => delete r.findings[0].fix), "a finding without fix");
    rejects("lint", edited(report, (r) => delete r.verdicts[0].status), "a verdict without status");
    rejects("lint", edited(report, (r) => (r.findings[0].hint = "x")), "a finding with a field the schema does not name");
    rejects("lint", edited(report, (r) => (r.findings[0].severity = "critical")), "severity critical");
    rejects("lint", edited(report, (r) => (r.verdicts[0].status = "ok")), "status ok");
    rejects("lint", edited(report, (r) => (r.verdicts[0].peer = "curl")), "an unknown peer");
    rejects("lint", edited(report, (r) => (r.verdicts[0].accepted = !r.verdicts[0].accepted)), "accepted that contradicts status");
    rejects("lint", edited(report, (r) => (r.at = "2030-06-01")), "a date without a time");
  });

  it("verify: a required field removed, a reason id not in the table, valid with reasons", () => {
    const report = first("verify", (o) => o.results.some((r: Json) => !r.valid));
    assert.ok(validators.verify(report));
    const invalid = (report as Json).results.findIndex((r: Json) => !r.valid);
    rejects("verify", edited(report, (r) => delete r.summary.invalid), "a summary without invalid");
    rejects("verify", edited(report, (r) => delete r.results[invalid].reasons[0].openssl), "a reason without its OpenSSL form");
    rejects("verify", edited(report, (r) => delete r.results[invalid].chain[0].trustAnchor), "a chain link without trustAnchor");
    rejects("verify", edited(report, (r) => (r.results[invalid].reasons[0].id = "too-old")), "an unknown reason id");
    rejects("verify", edited(report, (r) => (r.results[invalid].valid = true)), "a valid leaf with reasons");
    rejects("verify", edited(report, (r) => (r.results[invalid].extra = 1)), "a leaf verdict with an unknown field");
  });

  it("inspect: a certificate summary missing a field, an item of an unknown kind, a ClientHello missing its suites", () => {
    const report = first("inspect", (o) => (o.items ?? []).some((i: Json) => i.kind === "certificate"));
    assert.ok(validators.inspect(report));
    const cert = (report as Json).items.findIndex((i: Json) => i.kind === "certificate");
    rejects("inspect", edited(report, (r) => delete r.items[cert].certificate.sha256), "a certificate without sha256");
    rejects("inspect", edited(report, (r) => delete r.errors), "a report without errors");
    rejects("inspect", edited(report, (r) => (r.items[cert].kind = "cert")), "an item of kind cert");
    rejects("inspect", edited(report, (r) => (r.items[cert].certificate.keyUsage = ["signing"])), "a key usage that RFC 5280 does not name");
    rejects("inspect", edited(report, (r) => (r.items[cert].certificate.publicKey = "x")), "a certificate with an unknown field");
    const withCrl = first("inspect", (o) => (o.items ?? []).some((i: Json) => i.kind === "crl"));
    const crl = (withCrl as Json).items.findIndex((i: Json) => i.kind === "crl");
    rejects("inspect", edited(withCrl, (r) => delete r.items[crl].revokedEntries[0].serial), "a revoked entry without its serial");
    rejects("inspect", edited(withCrl, (r) => (r.items[crl].revokedEntries[0].reason = "lost")), "a reason RFC 5280 does not name");
    rejects("inspect", edited(withCrl, (r) => delete r.items[crl].validity), "a CRL without its validity words");
    const hello = first("inspect", (o) => "cipherSuites" in o);
    rejects("inspect", edited(hello, (h) => delete h.cipherSuites), "a ClientHello without cipherSuites");
    rejects("inspect", edited(hello, (h) => (h.cipherSuites[0].id = 70000)), "a cipher suite id past 16 bits");
  });

  it("explain: an explanation missing a field, an event of an unknown kind, a numeric kind with a string value", () => {
    const queries = first("explain", (o) => (o.explanations ?? []).length > 0);
    assert.ok(validators.explain(queries));
    rejects("explain", edited(queries, (q) => delete q.explanations[0].causes), "an explanation without causes");
    rejects("explain", edited(queries, (q) => delete q.unknown), "a result without unknown");
    rejects("explain", edited(queries, (q) => (q.explanations[0].kind = "syslog")), "an unknown event kind");
    const log = first("explain", (o) => (o.events ?? []).length > 0 && o.lint !== undefined);
    assert.ok(validators.explain(log));
    rejects("explain", edited(log, (l) => delete l.events[0].text), "an event without text");
    rejects("explain", edited(log, (l) => ((l.events[0].kind = "openssl-verify"), (l.events[0].value = "21"))), "a verify error as a string");
    rejects("explain", edited(log, (l) => ((l.events[0].kind = "alert"), (l.events[0].value = "tlsv1 alert unknown ca"))), "an alert as its reason text");
    rejects("explain", edited(log, (l) => delete l.lint.findings[0].citation), "a lint finding (lint.schema.json) without citation");
    rejects("explain", edited(log, (l) => (l.kind = "apache")), "an unknown log kind");
  });

  it("verify.schema.json lists exactly the reason ids src/chain/reasons.ts defines", () => {
    const defs = (schemaOf("verify").$defs ?? {}) as { reasonId: { enum: string[] } };
    assert.deepEqual([...defs.reasonId.enum].sort(), Object.keys(REASONS).sort());
  });

  it("lint.schema.json lists exactly the peers pkilab has", () => {
    const defs = (schemaOf("lint").$defs ?? {}) as { peer: { enum: string[] } };
    assert.deepEqual([...defs.peer.enum].sort(), [...PEER_IDS].sort());
  });
});

describe("several certificates: --jsonl lines and lint's --json array against docs/schemas/", () => {
  const leaves = () => [labFile("clients/alice/cert.pem"), labFile("servers/localhost/cert.pem")];
  const lines = (stdout: string) => stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as unknown);

  it("verify --jsonl: each line is a leafVerdict", () => {
    const result = runCli(["verify", ...leaves(), "--ca", labFile("ca.pem"), "--chain", labFile("intermediate-1/cert.pem"), "--purpose", "client", "--jsonl"]);
    assert.equal(result.code, 1, result.stderr);
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    ajv.addSchema(schemaOf("verify"));
    const validate = ajv.getSchema(`${schemaOf("verify").$id as string}#/$defs/leafVerdict`);
    assert.ok(validate);
    for (const line of lines(result.stdout)) assert.ok(validate(line), problems(validate));
  });

  it("lint --jsonl: each line is a lint report; lint --json of several: an array of them", () => {
    const at = new Date(Date.now() + 60_000).toISOString();
    const args = ["lint", ...leaves(), "--ca", labFile("ca.pem"), "--chain", labFile("intermediate-1/cert.pem"), "--for", "nginx-mtls", "--at", at];
    const jsonl = runCli([...args, "--jsonl"]);
    const array = runCli([...args, "--json"]);
    assert.equal(jsonl.code, 1, jsonl.stderr);
    const reports = lines(jsonl.stdout);
    assert.equal(reports.length, 2);
    assert.deepEqual(JSON.parse(array.stdout), reports);
    for (const report of reports) assert.ok(validators.lint(report), problems(validators.lint));
  });
});
