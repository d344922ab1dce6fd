// `pkilab serve` against real clients on loopback: curl (with and without a client certificate),
// openssl s_client narrowed to reproduce seeds 000 and 001 (what the report predicts is how the
// real handshake failed), a client certificate without clientAuth, --enforce (nginx's HTTP 400,
// Go's alert 42 seen by s_client), and the mbedTLS 2.28 / 3.6 device harness.
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import tls from "node:tls";
import { Ajv2020 } from "ajv/dist/2020.js";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { REPO_ROOT, runCli, tempDir } from "../helpers/cli.js";
import { compileHarness, mbedtlsBuild, runHarness } from "../helpers/mbedtls.js";
import { requireProgram } from "../helpers/peers.js";
import { runClient, startServe, type ServeProcess } from "../helpers/serve.js";
import type { ServeConnectionReport } from "../../src/inspect/serve.js";
import { tls12ClientHello } from "../../src/app/probe-tls12.js";

const work = tempDir("serve");
const lab = path.join(work, "lab");
const p384 = path.join(work, "p384");
const at = (p: string) => path.join(lab, p);
after(() => rmSync(work, { recursive: true, force: true }));

before(() => {
  const made = runCli(["init", lab, "--server", "localhost,127.0.0.1", "--client", "alice", "--device", "dev-1"]);
  assert.equal(made.code, 0, made.stderr);
  // Seed 001's server: a P-384 certificate.
  assert.equal(runCli(["init", p384, "--root-key", "p384", "--intermediates", "0", "--leaf-key", "p384", "--server", "mail.example.test"]).code, 0);
});

/** One connection through `serve --once --json ARGS`: the client's run, the report and serve's exit code. */
async function once(args: string[], client: (port: number) => Promise<{ code: number; output: string }>): Promise<{ client: { code: number; output: string }; report: ServeConnectionReport; exit: number; serve: ServeProcess }> {
  const serve = await startServe(["--once", "--json", "--timeout", "5000", ...args]);
  try {
    const result = await client(serve.port);
    const exit = await serve.exited;
    const [report] = serve.reports();
    assert.ok(report, `no report:\n${serve.stdout()}\n${serve.stderr()}`);
    printed.push(report);
    return { client: result, report, exit, serve };
  } finally {
    await serve.stop();
  }
}

/** Every report printed, validated at the end against the published schema. */
const printed: unknown[] = [];

const verdict = (report: ServeConnectionReport, peer: string) => report.verdicts.find((v) => v.peer === peer)?.status;
const rules = (report: ServeConnectionReport) => [...(report.lint.clientChain?.findings ?? []), ...(report.lint.serverChain?.findings ?? [])].filter((f) => f.severity === "error").map((f) => f.rule);

describe("serve against curl", () => {
  const curl = (port: number, extra: string[]) => runClient(requireProgram("curl"), ["-sS", "--cacert", at("ca.pem"), "--resolve", `localhost:${port}:127.0.0.1`, ...extra, `https://localhost:${port}/`]);

  it("with the lab's client certificate (TLS 1.3): handshake completed, nginx-mtls accepts, exit 0", async () => {
    const { client, report, exit } = await once(["--lab", lab], (port) => curl(port, ["--cert", at("clients/alice/fullchain.pem"), "--key", at("clients/alice/key.pem")]));
    assert.equal(client.code, 0, client.output);
    assert.match(client.output, /handshake completed/);
    assert.equal(report.outcome, "completed");
    assert.equal(report.negotiated?.version, "TLSv1.3");
    assert.equal(report.clientHello?.serverName, "localhost");
    // TLS 1.3: the encrypted Certificate message opened with serve's own handshake secret.
    assert.equal(report.clientChain?.order, "as sent");
    assert.deepEqual(report.clientChain?.certificates.map((c) => c.subject.split(",")[0]), ["CN=alice", "CN=pkilab Intermediate CA 1"]);
    assert.equal(verdict(report, "nginx-mtls"), "accepted");
    assert.equal(exit, 0);
  });

  it("TLS 1.2: the client's chain in the exact order sent", async () => {
    const { report, exit } = await once(["--lab", lab], (port) => curl(port, ["--tlsv1.2", "--tls-max", "1.2", "--cert", at("clients/alice/fullchain.pem"), "--key", at("clients/alice/key.pem")]));
    assert.equal(report.negotiated?.version, "TLSv1.2");
    assert.equal(report.clientChain?.order, "as sent");
    assert.deepEqual(report.clientChain?.certificates.map((c) => c.subject.split(",")[0]), ["CN=alice", "CN=pkilab Intermediate CA 1"]);
    assert.equal(verdict(report, "nginx-mtls"), "accepted");
    assert.equal(exit, 0);
  });

  it("without a client certificate: the handshake completes (report-only) but nginx-mtls rejects, exit 1", async () => {
    const { client, report, exit } = await once(["--lab", lab], (port) => curl(port, []));
    assert.equal(client.code, 0, client.output);
    assert.equal(report.outcome, "completed");
    assert.deepEqual(report.clientChain?.certificates, []);
    assert.equal(verdict(report, "nginx-mtls"), "rejected");
    assert.match(report.verdicts.find((v) => v.peer === "nginx-mtls")?.reason ?? "", /no certificate/);
    assert.equal(exit, 1);
  });

  it("curl rejecting our certificate (not in its CA file): the client's alert 48 unknown_ca is reported", async () => {
    const { client, report, exit } = await once(["--lab", lab], (port) => runClient(requireProgram("curl"), ["-sS", "--cacert", path.join(p384, "ca.pem"), "--resolve", `localhost:${port}:127.0.0.1`, `https://localhost:${port}/`]));
    assert.notEqual(client.code, 0);
    assert.equal(report.outcome, "client-alert");
    assert.equal(report.alert?.code, 48);
    assert.equal(report.alert?.name, "unknown_ca");
    assert.match(report.ended, /alert 48 unknown_ca/);
    assert.equal(exit, 1);
  });
});

describe("serve against openssl s_client", () => {
  const sClient = (port: number, args: string[], input = "") => runClient(requireProgram("openssl"), ["s_client", "-connect", `127.0.0.1:${port}`, ...args], { input });

  it("seed 001: a P-256-only TLS 1.2 client and a P-384 server certificate — predicted (client-hello-curve-not-offered) and failed the same way", async () => {
    const { client, report, exit } = await once(["--lab", p384, "--for", "client-hello"], (port) => sClient(port, ["-groups", "P-256", "-tls1_2", "-servername", "mail.example.test"]));
    assert.deepEqual(report.clientHello?.groups.map((g) => g.name), ["secp256r1"]);
    assert.deepEqual(rules(report), ["client-hello-curve-not-offered"]);
    assert.equal(verdict(report, "client-hello"), "rejected");
    // The rule's symptom: OpenSSL servers log "no shared cipher" and send alert 40; s_client receives it.
    assert.equal(report.outcome, "failed");
    assert.match(report.error ?? "", /no shared cipher/);
    assert.equal(report.alert?.code, 40);
    assert.match(client.output, /alert handshake failure.*SSL alert number 40/);
    assert.equal(exit, 1);
  });

  it("seed 000: one suite (c02b) and secp224r1 only, against a P-256 server — predicted and failed the same way", async () => {
    // Debian's openssl accepts secp224r1 in -groups at its default security level (112 bits).
    const { client, report, exit } = await once(["--lab", lab, "--for", "client-hello"], (port) => sClient(port, ["-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256", "-groups", "secp224r1", "-tls1_2", "-servername", "localhost"]));
    assert.deepEqual(report.clientHello?.cipherSuites.map((s) => s.id), [0xc02b, 0x00ff]);
    assert.deepEqual(report.clientHello?.groups.map((g) => g.name), ["secp224r1"]);
    assert.deepEqual(rules(report), ["client-hello-curve-not-offered"]);
    assert.match(report.error ?? "", /no shared cipher/);
    assert.match(client.output, /SSL alert number 40/);
    assert.equal(exit, 1);
  });

  it("the same client offering P-256 too: no finding, the handshake completes", async () => {
    const { report, exit } = await once(["--lab", lab, "--for", "client-hello"], (port) => sClient(port, ["-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256", "-groups", "secp224r1:P-256", "-tls1_2", "-servername", "localhost"]));
    assert.equal(report.outcome, "completed");
    assert.equal(verdict(report, "client-hello"), "accepted");
    assert.equal(exit, 0);
  });

  it("-sigalgs narrowed to RSA against our ECDSA server (TLS 1.2): predicted (client-hello-no-suite-for-key), and OpenSSL finds no shared cipher", async () => {
    const { client, report, exit } = await once(["--lab", lab, "--for", "client-hello"], (port) => sClient(port, ["-sigalgs", "RSA+SHA256:RSA-PSS+SHA256", "-tls1_2", "-servername", "localhost"]));
    assert.deepEqual(report.clientHello?.signatureAlgorithms.map((a) => a.name), ["rsa_pkcs1_sha256", "rsa_pss_rsae_sha256"]);
    assert.deepEqual(rules(report), ["client-hello-no-suite-for-key"]);
    assert.match(report.error ?? "", /no shared cipher/);
    assert.match(client.output, /SSL alert number 40/);
    assert.equal(exit, 1);
  });

  it("-sigalgs ECDSA+SHA384 only in TLS 1.3 against our P-256 key: predicted (the scheme names the curve), and OpenSSL finds no suitable signature algorithm", async () => {
    const { client, report, exit } = await once(["--lab", lab, "--for", "client-hello"], (port) => sClient(port, ["-sigalgs", "ECDSA+SHA384", "-tls1_3", "-servername", "localhost"]));
    assert.deepEqual(rules(report), ["client-hello-curve-not-offered"]);
    assert.match(report.error ?? "", /no suitable signature algorithm/);
    assert.match(client.output, /SSL alert number 40/);
    assert.equal(exit, 1);
  });

  const serverAsClient = ["-cert", at("servers/localhost/cert.pem"), "-cert_chain", at("servers/localhost/chain.pem"), "-key", at("servers/localhost/key.pem"), "-CAfile", at("ca.pem")];

  it("a client certificate without clientAuth: nginx-mtls finds leaf-eku-purpose, report-only completes", async () => {
    const { report, exit } = await once(["--lab", lab, "--tls", "1.2"], (port) => sClient(port, serverAsClient));
    assert.equal(report.outcome, "completed");
    assert.equal(report.clientChain?.order, "as sent");
    assert.deepEqual(rules(report), ["leaf-eku-purpose"]);
    assert.equal(verdict(report, "nginx-mtls"), "rejected");
    assert.equal(exit, 1);
  });

  it("--enforce nginx-mtls: the handshake completes and the request gets nginx's HTTP 400", async () => {
    const { client, report, exit } = await once(["--lab", lab, "--enforce", "nginx-mtls"], (port) => sClient(port, ["-quiet", ...serverAsClient], "GET / HTTP/1.0\r\n\r\n"));
    assert.match(client.output, /HTTP\/1\.1 400 Bad Request/);
    assert.match(client.output, /The SSL certificate error/);
    assert.equal(report.enforced?.peer, "nginx-mtls");
    assert.equal(exit, 1);
  });

  it("--enforce nginx-mtls does not cap the version: a TLS 1.3-only client with a good certificate is accepted, as nginx would", async () => {
    const alice = ["-cert", at("clients/alice/cert.pem"), "-cert_chain", at("clients/alice/chain.pem"), "-key", at("clients/alice/key.pem"), "-CAfile", at("ca.pem")];
    const { client, report, exit } = await once(["--lab", lab, "--enforce", "nginx-mtls"], (port) => sClient(port, ["-quiet", "-tls1_3", ...alice], "GET / HTTP/1.0\r\n\r\n"));
    assert.equal(report.negotiated?.version, "TLSv1.3");
    assert.equal(report.outcome, "completed");
    assert.equal(verdict(report, "nginx-mtls"), "accepted");
    assert.equal(report.enforced, undefined);
    assert.match(client.output, /HTTP\/1\.1 200 OK/);
    assert.equal(exit, 0);
  });

  it("--enforce go-mtls and a client that sends no certificate: Go's alert 42, not OpenSSL's 40", async () => {
    const { client, report } = await once(["--lab", lab, "--for", "go-mtls", "--enforce", "go-mtls"], (port) => sClient(port, ["-CAfile", at("ca.pem")]));
    assert.match(client.output, /SSL alert number 42/);
    assert.match(report.enforced?.refusal ?? "", /alert 42 bad_certificate/);
  });

  it("a client that dials an IP sends no SNI: server-side profiles check the address it dialled, and decide", async () => {
    const alice = ["-cert", at("clients/alice/cert.pem"), "-cert_chain", at("clients/alice/chain.pem"), "-key", at("clients/alice/key.pem"), "-CAfile", at("ca.pem")];
    const { report, exit } = await once(["--lab", lab, "--for", "nginx-mtls,client-hello,mbedtls", "--mbedtls-version", "3.6"], (port) => sClient(port, ["-noservername", ...alice]));
    assert.equal(report.clientHello?.serverName, undefined);
    assert.equal(report.lint.serverChain?.host, "127.0.0.1");
    assert.equal(verdict(report, "mbedtls"), "accepted");
    assert.equal(exit, 0);
  });

  it("--enforce go-mtls: refused with Go's alert 42 bad_certificate before our Finished; s_client receives it", async () => {
    const { client, report, exit } = await once(["--lab", lab, "--for", "go-mtls", "--enforce", "go-mtls"], (port) => sClient(port, serverAsClient));
    assert.match(client.output, /alert bad certificate.*SSL alert number 42/);
    assert.equal(report.outcome, "refused");
    assert.ok(rules(report).includes("go-eku-nesting"), rules(report).join(", "));
    assert.match(report.enforced?.refusal ?? "", /alert 42 bad_certificate/);
    assert.equal(exit, 1);
  });

  it("--enforce go-mtls --tls 1.3: the alert would be encrypted, so the refusal is a close after the handshake, and says so", async () => {
    const { report, exit } = await once(["--lab", lab, "--for", "go-mtls", "--enforce", "go-mtls", "--tls", "1.3"], (port) => sClient(port, serverAsClient));
    assert.equal(report.negotiated?.version, "TLSv1.3");
    assert.equal(report.clientChain?.order, "as sent");
    assert.equal(verdict(report, "go-mtls"), "rejected");
    assert.match(report.enforced?.refusal ?? "", /closed the connection after the handshake: under TLS 1\.3 the alert would be encrypted/);
    assert.equal(exit, 1);
  });

  it("not TLS: one line, exit 2", async () => {
    const { report, exit } = await once(["--lab", lab], (port) => runClient(process.execPath, ["-e", `const s=require("net").connect(${port},"127.0.0.1",()=>s.write("GET / HTTP/1.0\\r\\n\\r\\n"));s.on("error",()=>{});s.on("close",()=>{})`]));
    assert.equal(report.outcome, "not-tls");
    assert.match(report.ended, /not TLS: it sent "GET \/ HTTP\/1\.0"/);
    assert.equal(exit, 2);
  });
});

describe("serve against the mbedTLS device harness", () => {
  let header: string;
  before(() => {
    header = path.join(work, "device_certs.h");
    const exported = runCli(["export", "--c-array", "--lab", lab, "--device", "dev-1", "--include-key", "-o", header]);
    assert.equal(exported.code, 0, exported.stderr);
  });

  for (const [line, version] of [["2.28-system", "2.28"], ["3.6", "3.6"]] as const) {
    it(`${line}: the device's certificate is accepted by nginx-mtls, our chain by the device's profile and its own ClientHello; HTTP 200`, async () => {
      const bin = await compileHarness(await mbedtlsBuild(line), ["-DPKILAB_HAS_CHAIN"], header);
      const { client, report, exit } = await once(["--lab", lab, "--for", "nginx-mtls,mbedtls,client-hello", "--mbedtls-version", version], (port) =>
        runHarness(bin, ["arrays=1", `port=${port}`, "host=localhost", "request=GET /"]).then((r) => ({ code: r.code, output: r.stdout })),
      );
      assert.match(client.output, /http status=200/);
      assert.match(report.clientChain?.certificates[0]?.subject ?? "", /CN=dev-1/);
      assert.equal(report.outcome, "completed");
      assert.deepEqual(Object.fromEntries(report.verdicts.map((v) => [v.peer, v.status])), { "nginx-mtls": "accepted", mbedtls: "accepted", "client-hello": "accepted" });
      assert.equal(exit, 0);
    });
  }

  it("2.28-system offering only secp384r1 to our P-256 server: predicted by client-hello, and the real handshake fails", async () => {
    const bin = await compileHarness(await mbedtlsBuild("2.28-system"), ["-DPKILAB_HAS_CHAIN"], header);
    const { client, report, exit } = await once(["--lab", lab, "--for", "client-hello"], (port) =>
      runHarness(bin, ["arrays=1", `port=${port}`, "host=localhost", "curves=secp384r1", "tls=1.2"]).then((r) => ({ code: r.code, output: r.stdout })),
    );
    assert.deepEqual(rules(report), ["client-hello-curve-not-offered"]);
    assert.equal(report.outcome, "failed");
    assert.match(client.output, /alert=40/);
    assert.equal(exit, 1);
  });
});

describe("serve: shutdown, bad material, hostile names", () => {
  it("SIGTERM with connections still open: each is reported as closed by serve, and the summary, counting them, is the last line", async () => {
    const serve = await startServe(["--lab", lab, "--json"]);
    const sockets = await Promise.all([0, 1, 2].map(() => new Promise<net.Socket>((resolve) => { const s = net.connect(serve.port, "127.0.0.1", () => resolve(s)); s.on("error", () => undefined); })));
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await serve.stop(), 0);
    for (const socket of sockets) socket.destroy();
    const lines = serve.stdout().trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(lines.at(-1), { summary: { connections: 3, byOutcome: { closed: 3 }, rejected: 0 } });
    assert.equal(lines.length, 4);
    for (const report of lines.slice(0, 3)) assert.match(String(report.ended), /closed by serve: it was stopped/);
  });

  it("a warning alert (close_notify) from the client is not reported as a fatal one", async () => {
    const serve = await startServe(["--lab", lab, "--once", "--json"]);
    const socket = net.connect(serve.port, "127.0.0.1");
    socket.on("error", () => undefined);
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write(tls12ClientHello("localhost"));
    await new Promise((r) => setTimeout(r, 200));
    socket.end(Uint8Array.of(21, 3, 3, 0, 2, 1, 0));
    await serve.exited;
    const [report] = serve.reports();
    assert.ok(report, serve.stderr());
    assert.notEqual(report.outcome, "client-alert");
    assert.doesNotMatch(report.ended, /fatal alert/);
  });

  it("a key of another type than the certificate is exit 2 in one line at start, not a failure on every handshake", async () => {
    const ed = path.join(work, "ed25519.key");
    writeFileSync(ed, generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }));
    const result = runCli(["serve", "--cert", at("servers/localhost/cert.pem"), "--key", ed, "--port", "0", "--once"]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /this key does not belong to/);
    assert.equal(result.stderr.trim().split("\n").length, 1);
  });

  it("an SNI with terminal escapes is printed escaped, and is not taken as the host to check", async () => {
    const serve = await startServe(["--lab", lab, "--for", "client-hello,nginx-server", "--once"]);
    const socket = net.connect(serve.port, "127.0.0.1");
    socket.on("error", () => undefined);
    // A real hello of Node's, with a host name carrying ESC [2J, CR and LF (Node sends what it is given).
    const client = tls.connect({ socket, servername: "evil\u001b[2J\r\nforged", rejectUnauthorized: false });
    client.on("error", () => undefined);
    const exit = await serve.exited;
    client.destroy();
    const out = serve.stdout();
    assert.ok(!out.includes("\u001b"), "an ESC reached the terminal");
    assert.match(out, /server name {3}evil\\x1b\[2J\\x0d\\x0aforged/);
    assert.ok(!/^forged/m.test(out), "a forged line");
    assert.ok([0, 1, 3].includes(exit));
  });
});

describe("serve --json is a published contract", () => {
  it("every report printed above, and the summary line of a SIGTERM, validate against docs/schemas/serve-connection.schema.json", async () => {
    const serve = await startServe(["--lab", lab, "--json"]);
    const result = await runClient(requireProgram("curl"), ["-sS", "--cacert", at("ca.pem"), "--resolve", `localhost:${serve.port}:127.0.0.1`, `https://localhost:${serve.port}/`]);
    assert.equal(result.code, 0, result.output);
    await serve.waitForReports(1);
    assert.equal(await serve.stop(), 0);
    const lines = serve.stdout().trim().split("\n").map((line) => JSON.parse(line) as unknown);
    assert.deepEqual(lines.at(-1), { summary: { connections: 1, byOutcome: { completed: 1 }, rejected: 1 } });
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    for (const name of ["lint", "inspect", "serve-connection"]) ajv.addSchema(JSON.parse(readFileSync(path.join(REPO_ROOT, "docs", "schemas", `${name}.schema.json`), "utf8")) as object);
    const validate = ajv.getSchema("https://raw.githubusercontent.com/pkilab/pkilab/main/docs/schemas/serve-connection.schema.json")!;
    assert.ok(printed.length >= 10);
    for (const line of [...printed, ...lines]) assert.ok(validate(line), JSON.stringify(validate.errors));
    // Closed: a renamed field fails.
    const { outcome, ...renamed } = lines[0] as Record<string, unknown>;
    assert.equal(validate({ ...renamed, result: outcome }), false);
  });
});
