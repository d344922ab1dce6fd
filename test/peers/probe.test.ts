// `pkilab probe` against real servers on loopback: nginx running the block `pkilab export --nginx`
// writes, `openssl s_server` sending a chain in the wrong order, one missing its intermediate, a
// TLS 1.3-only one and one that refuses a client certificate with an alert, and a P-384 server that a
// P-256-only mbedTLS device (the real harness, test/peers/mbedtls/harness.c) cannot accept. Each
// outcome is asserted against what the real peer did.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import tls from "node:tls";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { ProbeReport } from "../../src/inspect/probe.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import { BIN, REPO_ROOT, runCli, tempDir } from "../helpers/cli.js";
import { compileHarness, mbedtlsBuild, runHarness, startOpensslServer } from "../helpers/mbedtls.js";
import { stockHeaderName } from "../helpers/mbedtls-scenarios.js";
import { startDovecot, type DovecotServer } from "../helpers/dovecot.js";
import { freePort, startNginx, startNginxWithBlock, type NginxServer } from "../helpers/nginx.js";
import { startPostfixSmtpd } from "../helpers/postfix.js";
import { requireProgram } from "../helpers/peers.js";

interface Probed {
  code: number;
  report?: ProbeReport;
  stderr: string;
  stdout: string;
}

/** docs/schemas/probe.schema.json (with the lint schema it refers to): every report here must validate. */
const validateProbe = (() => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  const schema = (name: string) => JSON.parse(readFileSync(path.join(REPO_ROOT, "docs", "schemas", name), "utf8")) as Record<string, unknown>;
  ajv.addSchema(schema("lint.schema.json"));
  return ajv.compile(schema("probe.schema.json"));
})();

function probe(args: string[]): Probed {
  const result = runCli(["probe", ...args, "--json", "--timeout", "10"], { timeoutMs: 60_000 });
  let report: ProbeReport | undefined;
  if (result.code !== 2) {
    report = JSON.parse(result.stdout) as ProbeReport;
    assert.ok(validateProbe(report), `probe --json does not fit docs/schemas/probe.schema.json: ${JSON.stringify(validateProbe.errors)}`);
  }
  return { code: result.code, report, stderr: result.stderr, stdout: result.stdout };
}

function cli(args: string[]): void {
  const result = runCli(args, { timeoutMs: 120_000 });
  assert.equal(result.code, 0, `pkilab ${args.join(" ")}: ${result.stderr}`);
}

const subjects = (report: ProbeReport | undefined) => (report?.chain ?? []).map((c) => /CN=([^,]+)/.exec(c.subject)?.[1]);

describe("probe: nginx running the block of pkilab export --nginx", () => {
  let work: string;
  let nginx: NginxServer;
  before(async () => {
    requireProgram("nginx");
    work = tempDir("probe-nginx");
    cli(["init", path.join(work, "lab")]);
    cli(["init", path.join(work, "other")]);
    const port = await freePort();
    const block = path.join(work, "block.conf");
    cli(["export", "--nginx", "--lab", path.join(work, "lab"), "--listen", `127.0.0.1:${port}`, "-o", block]);
    nginx = await startNginxWithBlock(path.join(work, "nginx"), port, block);
  });
  after(async () => nginx?.stop());

  it("reads the chain as nginx sends it (fullchain: leaf, intermediate) and the CA names of ssl_client_certificate", () => {
    const { code, report, stderr } = probe([`127.0.0.1:${nginx.port}`, "--servername", "localhost", "--for", "nginx-server", "--ca", path.join(work, "lab", "ca.pem")]);
    assert.equal(code, 0, stderr);
    assert.equal(report?.chainSource, "tls1.2-wire");
    assert.deepEqual(subjects(report), ["localhost", "pkilab Intermediate CA 1"]);
    assert.deepEqual(report?.certificateRequest?.caNames, ["CN=pkilab Root CA, O=pkilab lab"]);
    assert.ok(report?.tls12.accepted);
    assert.ok(report?.negotiated && "version" in report.negotiated && report.negotiated.version === "TLSv1.3", JSON.stringify(report?.negotiated));
    assert.equal(report?.lint?.verdicts[0]?.status, "accepted");
    // The schema is closed: a renamed or added field fails it.
    assert.equal(validateProbe({ ...report, chainOrder: report?.chainNotes }), false);
    const { chainNotes: _dropped, ...withoutNotes } = report!;
    assert.equal(validateProbe(withoutNotes), false);
  });

  it("a client certificate of the lab is accepted (nginx answers 200)", () => {
    const client = path.join(work, "lab", "clients", "client");
    const { code, report, stderr } = probe([`127.0.0.1:${nginx.port}`, "--servername", "localhost", "--cert", path.join(client, "fullchain.pem"), "--key", path.join(client, "key.pem")]);
    assert.equal(code, 0, stderr);
    assert.equal(report?.clientCertificate?.outcome, "accepted");
    assert.match(report?.clientCertificate?.answer ?? "", /^HTTP\/1\.1 200/);
  });

  it("a client certificate of another CA is refused (nginx answers the export's 403), exit 1", () => {
    const client = path.join(work, "other", "clients", "client");
    const { code, report, stderr } = probe([`127.0.0.1:${nginx.port}`, "--servername", "localhost", "--cert", path.join(client, "fullchain.pem"), "--key", path.join(client, "key.pem")]);
    assert.equal(code, 1, stderr);
    assert.equal(report?.clientCertificate?.outcome, "refused");
    assert.match(report?.clientCertificate?.answer ?? "", /^HTTP\/1\.1 403/);
    assert.match(report?.clientCertificate?.detail ?? "", /client certificate rejected: FAILED/);
  });
});

describe("probe: openssl s_server", () => {
  let work: string;
  let lab: string;
  before(() => {
    requireProgram("openssl");
    work = tempDir("probe-openssl");
    lab = path.join(work, "lab");
    cli(["init", lab, "--intermediates", "2"]);
  });
  const server = (name: string) => path.join(lab, "servers", "localhost", name);
  const intermediate = (n: number) => readFileSync(path.join(lab, `intermediate-${n}`, "cert.pem"), "utf8");

  it("a chain sent in the wrong order is reported, and a device that walks it in order (mbedtls) rejects it", async () => {
    const wrongOrder = path.join(work, "wrong-order.pem");
    writeFileSync(wrongOrder, intermediate(1) + intermediate(2)); // the leaf's issuer is intermediate 2
    const s = await startOpensslServer({ cert: server("cert.pem"), key: server("key.pem"), chain: wrongOrder });
    try {
      const { code, report, stderr } = probe([`127.0.0.1:${s.port}`, "--servername", "localhost", "--ca", path.join(lab, "ca.pem"), "--for", "mbedtls,nginx-server"]);
      assert.equal(code, 1, stderr);
      assert.deepEqual(subjects(report), ["localhost", "pkilab Intermediate CA 1", "pkilab Intermediate CA 2"]);
      assert.ok(report?.chainNotes.some((n) => n.kind === "out-of-order" && n.position === 1 && n.issuerPosition === 3), JSON.stringify(report?.chainNotes));
      assert.ok(report?.lint?.findings.some((f) => f.rule === "mbedtls-chain-order" && f.severity === "error"), JSON.stringify(report?.lint?.findings.map((f) => f.rule)));
      // OpenSSL rebuilds the path: nginx-server (OpenSSL clients) accepts the same chain.
      assert.equal(report?.lint?.verdicts.find((v) => v.peer === "nginx-server")?.status, "accepted");
    } finally {
      await s.stop();
    }
  });

  it("the same chain in order: no note, accepted", async () => {
    const inOrder = path.join(work, "in-order.pem");
    writeFileSync(inOrder, intermediate(2) + intermediate(1));
    const s = await startOpensslServer({ cert: server("cert.pem"), key: server("key.pem"), chain: inOrder });
    try {
      const { code, report, stderr } = probe([`127.0.0.1:${s.port}`, "--servername", "localhost", "--ca", path.join(lab, "ca.pem"), "--for", "mbedtls"]);
      assert.equal(code, 0, stderr);
      assert.deepEqual(report?.chainNotes.filter((n) => n.kind !== "ends-before-root"), []);
    } finally {
      await s.stop();
    }
  });

  it("a server that does not send its intermediates is reported and rejected", async () => {
    const s = await startOpensslServer({ cert: server("cert.pem"), key: server("key.pem") });
    try {
      const { code, report, stderr } = probe([`127.0.0.1:${s.port}`, "--servername", "localhost", "--ca", path.join(lab, "ca.pem"), "--for", "nginx-server"]);
      assert.equal(code, 1, stderr);
      assert.deepEqual(subjects(report), ["localhost"]);
      assert.ok(report?.chainNotes.some((n) => n.kind === "ends-before-root" && /Intermediate CA 2/.test(n.issuer)));
      assert.equal(report?.lint?.verdicts[0]?.status, "rejected");
      // The real OpenSSL client agrees: s_client cannot verify the chain the server sent.
      const sClient = runOpenssl(["s_client", "-connect", `127.0.0.1:${s.port}`, "-CAfile", path.join(lab, "ca.pem"), "-verify_return_error", "-brief"]);
      assert.notEqual(sClient.code, 0);
      assert.match(sClient.output, /unable to get local issuer certificate/);
    } finally {
      await s.stop();
    }
  });

  it("a TLS 1.3-only server: TLS 1.2 refused with protocol_version; its encrypted flight opened: the chain exactly as sent, the CA names asked for", async () => {
    // Sent in the wrong order on purpose: OpenSSL's linked chain would hide it, the opened flight does not.
    const wrongOrder = path.join(work, "wrong-order-13.pem");
    writeFileSync(wrongOrder, intermediate(1) + intermediate(2));
    const s = await startOpensslServer({ cert: server("cert.pem"), key: server("key.pem"), chain: wrongOrder, args: ["-tls1_3", "-verify", "2", "-CAfile", path.join(lab, "ca.pem")] });
    try {
      for (const suite of ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"]) {
        const restarted = suite === "TLS_AES_256_GCM_SHA384" ? s : await startOpensslServer({ cert: server("cert.pem"), key: server("key.pem"), chain: wrongOrder, args: ["-tls1_3", "-ciphersuites", suite, "-verify", "2", "-CAfile", path.join(lab, "ca.pem")] });
        try {
          const { code, report, stderr } = probe([`127.0.0.1:${restarted.port}`, "--for", "mbedtls", "--ca", path.join(lab, "ca.pem"), "--host", "localhost"]);
          assert.equal(report?.tls12.refusedWith?.name, "protocol_version", suite);
          assert.ok(report?.negotiated && "suite" in report.negotiated && report.negotiated.suite === suite, JSON.stringify(report?.negotiated));
          assert.equal(report?.chainSource, "tls1.3-wire", suite);
          assert.deepEqual(subjects(report), ["localhost", "pkilab Intermediate CA 1", "pkilab Intermediate CA 2"], suite);
          assert.deepEqual(report?.certificateRequest?.caNames, ["CN=pkilab Root CA, O=pkilab lab"], suite);
          assert.ok(report?.negotiated && "signatureScheme" in report.negotiated && report.negotiated.signatureScheme === "ecdsa_secp256r1_sha256");
          // mbedTLS walks the list in order: the wrong order is caught in TLS 1.3 too.
          assert.equal(code, 1, stderr);
          assert.ok(report?.lint?.findings.some((f) => f.rule === "mbedtls-chain-order"));
        } finally {
          if (restarted !== s) await restarted.stop();
        }
      }
    } finally {
      await s.stop();
    }
  });

  it("a server that refuses the client certificate with an alert: refused, the alert named, exit 1", async () => {
    const other = path.join(work, "other");
    cli(["init", other]);
    const s = await startOpensslServer({ cert: server("cert.pem"), key: server("key.pem"), args: ["-Verify", "2", "-CAfile", path.join(other, "ca.pem"), "-verify_return_error"] });
    try {
      const client = path.join(lab, "clients", "client");
      const { code, report, stderr } = probe([`127.0.0.1:${s.port}`, "--cert", path.join(client, "fullchain.pem"), "--key", path.join(client, "key.pem")]);
      assert.equal(code, 1, stderr);
      assert.equal(report?.clientCertificate?.outcome, "refused");
      assert.equal(report?.clientCertificate?.alert?.name, "unknown_ca", JSON.stringify(report?.clientCertificate));
    } finally {
      await s.stop();
    }
  });
});

function runOpenssl(args: string[]): { code: number; output: string } {
  const result = spawnSync("openssl", args, { input: "", encoding: "utf8", timeout: 20_000 });
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}


describe("probe: a P-384 server and a P-256-only mbedTLS device (the real harness agrees)", () => {
  it("probe --for mbedtls with the device's config predicts the device's failure", async () => {
    const work = tempDir("probe-p384");
    const lab = path.join(work, "lab");
    cli(["init", lab, "--leaf-key", "p384"]);
    const userConfig = path.join(work, "no-p384.h");
    writeFileSync(userConfig, "#undef MBEDTLS_ECP_DP_SECP384R1_ENABLED\n");
    const build = await mbedtlsBuild("3.6", readFileSync(userConfig, "utf8"));
    const harness = await compileHarness(build);
    const server = path.join(lab, "servers", "localhost");
    const s = await startOpensslServer({ cert: path.join(server, "cert.pem"), key: path.join(server, "key.pem"), chain: path.join(server, "chain.pem") });
    try {
      const device = await runHarness(harness, [`ca=${path.join(lab, "ca.pem")}`, `port=${s.port}`, "host=localhost"]);
      assert.notEqual(device.handshakeRet, "0", device.stdout);
      const stock = path.join(build.includeDir, stockHeaderName("3.6"));
      const { code, report, stderr } = probe([`127.0.0.1:${s.port}`, "--servername", "localhost", "--ca", path.join(lab, "ca.pem"), "--mbedtls-config", stock, "--mbedtls-config", userConfig, "--mbedtls-version", "3.6"]);
      assert.equal(code, 1, stderr);
      const symptoms = (report?.lint?.findings ?? []).filter((f) => f.severity === "error").map((f) => f.symptom ?? "").join("\n").toLowerCase();
      assert.ok(symptoms.includes(String(device.handshakeRet).toLowerCase()), `the device's ${device.handshakeRet} is not named:\n${symptoms}`);
      // Seed 001: the mail client's own ClientHello (tshark text as posted) offers only secp256r1; the
      // real OpenSSL client narrowed the same way cannot connect either.
      const seed001 = path.join(REPO_ROOT, "fixtures", "logs", "seed-001-exchange-client-hello.txt");
      const hello = probe([`127.0.0.1:${s.port}`, "--servername", "localhost", "--client-hello", seed001]);
      assert.equal(hello.code, 1, hello.stdout);
      assert.ok(hello.report?.lint?.findings.some((f) => f.rule === "client-hello-curve-not-offered" && f.severity === "error"), JSON.stringify(hello.report?.lint?.findings.map((f) => f.rule)));
      const narrowed = runOpenssl(["s_client", "-connect", `127.0.0.1:${s.port}`, "-tls1_2", "-groups", "P-256", "-sigalgs", "ECDSA+SHA256:RSA+SHA256", "-brief"]);
      assert.notEqual(narrowed.code, 0, narrowed.output);
      assert.match(narrowed.output, /alert handshake failure|alert number 40/);
      // Without the device's limits (stock 3.6) the same server is accepted.
      const stockOnly = probe([`127.0.0.1:${s.port}`, "--servername", "localhost", "--ca", path.join(lab, "ca.pem"), "--mbedtls-config", stock, "--mbedtls-version", "3.6"]);
      assert.equal(stockOnly.code, 0, stockOnly.stdout);
    } finally {
      await s.stop();
    }
  });
});

describe("probe --starttls: Dovecot (IMAP, POP3)", () => {
  let work: string;
  let dovecot: DovecotServer;
  before(async () => {
    work = tempDir("probe-dovecot");
    cli(["init", path.join(work, "lab")]);
    const server = path.join(work, "lab", "servers", "localhost");
    dovecot = await startDovecot(path.join(work, "dovecot"), { certChainFile: path.join(server, "fullchain.pem"), keyFile: path.join(server, "key.pem") });
  });
  after(async () => dovecot?.stop());

  for (const protocol of ["imap", "pop3"] as const) {
    it(`${protocol}: the chain as Dovecot sends it after STARTTLS, linted`, () => {
      const port = protocol === "imap" ? dovecot.imapPort : dovecot.pop3Port;
      const { code, report, stderr } = probe([`127.0.0.1:${port}`, "--starttls", protocol, "--ca", path.join(work, "lab", "ca.pem"), "--for", "nginx-server", "--host", "localhost"]);
      assert.equal(code, 0, stderr);
      assert.equal(report?.starttls, protocol);
      assert.equal(report?.chainSource, "tls1.2-wire");
      assert.deepEqual(subjects(report), ["localhost", "pkilab Intermediate CA 1"]);
      assert.equal(report?.lint?.verdicts[0]?.status, "accepted");
    });
  }

  it("the wrong protocol is exit 2 with what the server said", () => {
    const wrong = runCli(["probe", `127.0.0.1:${dovecot.imapPort}`, "--starttls", "pop3", "--timeout", "5"]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /not a POP3 greeting: the server said "\* OK/);
  });
});

describe("probe --starttls smtp: Postfix", () => {
  let work: string;
  before(() => {
    requireProgram("postfix");
    work = tempDir("probe-postfix");
    cli(["init", path.join(work, "lab")]);
    cli(["init", path.join(work, "other")]);
  });
  const lab = (...parts: string[]) => path.join(work, "lab", ...parts);

  it("the chain as Postfix sends it: leaf, root, intermediate (the one wrong order Postfix loads) — reported; clients that search the rest of the list accept it", async () => {
    const chain = path.join(work, "leaf-root-intermediate.pem");
    writeFileSync(chain, [lab("servers", "localhost", "cert.pem"), lab("root", "cert.pem"), lab("intermediate-1", "cert.pem")].map((f) => readFileSync(f, "utf8")).join(""));
    const postfix = await startPostfixSmtpd({ certChainFile: chain, keyFile: lab("servers", "localhost", "key.pem") });
    try {
      const { code, report, stderr } = await probeAsync([`127.0.0.1:${postfix.port}`, "--starttls", "smtp", "--ca", lab("ca.pem"), "--for", "mbedtls,nginx-server", "--host", "localhost"]);
      // mbedTLS finds the intermediate after the leaf and the root among its CAs (x509_crt_find_parent()):
      // no peer rejects. The real device (Debian's 2.28) agrees, on the same chain from s_server.
      assert.equal(code, 0, stderr);
      const device = await compileHarness(await mbedtlsBuild("2.28-system"));
      const intermediateAndRoot = path.join(work, "root-intermediate.pem");
      writeFileSync(intermediateAndRoot, [lab("root", "cert.pem"), lab("intermediate-1", "cert.pem")].map((f) => readFileSync(f, "utf8")).join(""));
      const s = await startOpensslServer({ cert: lab("servers", "localhost", "cert.pem"), key: lab("servers", "localhost", "key.pem"), chain: intermediateAndRoot });
      try {
        const run = await runHarness(device, [`ca=${lab("ca.pem")}`, `port=${s.port}`, "host=localhost"]);
        assert.equal(run.handshakeRet, "0", run.stdout);
      } finally {
        await s.stop();
      }
      assert.deepEqual(subjects(report), ["localhost", "pkilab Root CA", "pkilab Intermediate CA 1"]);
      assert.ok(report?.chainNotes.some((n) => n.kind === "out-of-order" && n.position === 1 && n.issuerPosition === 3));
      assert.ok(report?.chainNotes.some((n) => n.kind === "root-sent" && n.position === 2));
      assert.ok(!report?.lint?.findings.some((f) => f.rule === "mbedtls-chain-order"));
    } finally {
      await postfix.stop();
    }
  });

  it("a client certificate Postfix does not trust: the handshake completes, EHLO gets 421 — refused, exit 1; one it trusts is accepted", async () => {
    const postfix = await startPostfixSmtpd({
      certChainFile: lab("servers", "localhost", "fullchain.pem"),
      keyFile: lab("servers", "localhost", "key.pem"),
      askClientCert: { caFile: lab("ca.pem"), require: true },
    });
    try {
      const stranger = path.join(work, "other", "clients", "client");
      const refused = await probeAsync([`127.0.0.1:${postfix.port}`, "--starttls", "smtp", "--cert", path.join(stranger, "fullchain.pem"), "--key", path.join(stranger, "key.pem")]);
      assert.equal(refused.code, 1, refused.stderr);
      assert.equal(refused.report?.clientCertificate?.outcome, "refused");
      assert.match(refused.report?.clientCertificate?.answer ?? "", /^421 4\.7\.1 .*Client certificate not trusted/);
      assert.deepEqual(refused.report?.certificateRequest?.caNames, ["CN=pkilab Root CA, O=pkilab lab"]);
      const own = lab("clients", "client");
      const accepted = await probeAsync([`127.0.0.1:${postfix.port}`, "--starttls", "smtp", "--cert", path.join(own, "fullchain.pem"), "--key", path.join(own, "key.pem")]);
      assert.equal(accepted.code, 0, accepted.stderr);
      assert.equal(accepted.report?.clientCertificate?.outcome, "accepted");
      assert.match(accepted.report?.clientCertificate?.answer ?? "", /^250/);
    } finally {
      await postfix.stop();
    }
  });
});

describe("probe: servers that are odd but not broken", () => {
  let work: string;
  let lab: string;
  let rsa: string;
  before(() => {
    work = tempDir("probe-odd");
    lab = path.join(work, "lab");
    rsa = path.join(work, "rsa");
    cli(["init", lab]);
    cli(["init", rsa, "--root-key", "rsa2048", "--intermediate-key", "rsa2048", "--leaf-key", "rsa2048"]);
  });
  const at = (base: string, ...parts: string[]) => path.join(base, ...parts);
  const serverOf = (base: string) => ({ cert: at(base, "servers", "localhost", "cert.pem"), key: at(base, "servers", "localhost", "key.pem"), chain: at(base, "servers", "localhost", "chain.pem") });

  it("a warning alert (unrecognized_name for an SNI it does not know) does not end the look: the chain is read off the wire", async () => {
    const s = await startOpensslServer({ ...serverOf(lab), args: ["-servername", "other.example", "-cert2", serverOf(lab).cert, "-key2", serverOf(lab).key] });
    try {
      const { code, report, stderr } = probe([`127.0.0.1:${s.port}`, "--servername", "localhost", "--for", "nginx-server", "--ca", at(lab, "ca.pem")]);
      assert.equal(code, 0, stderr);
      assert.equal(report?.tls12.accepted, true, JSON.stringify(report?.tls12));
      assert.equal(report?.chainSource, "tls1.2-wire");
      assert.deepEqual(subjects(report), ["localhost", "pkilab Intermediate CA 1"]);
    } finally {
      await s.stop();
    }
  });

  for (const cipher of ["DHE-RSA-AES128-GCM-SHA256", "DHE-RSA-AES128-SHA256"]) {
    it(`a DHE-only server (${cipher}): the ServerKeyExchange read as DHE, its signature scheme named`, async () => {
      const s = await startOpensslServer({ ...serverOf(rsa), args: ["-tls1_2", "-cipher", cipher] });
      try {
        const { code, report, stderr } = probe([`127.0.0.1:${s.port}`]);
        assert.equal(code, 0, stderr);
        assert.equal(report?.tls12.accepted, true, JSON.stringify(report?.tls12));
        assert.match(report?.tls12.suite ?? "", /^TLS_DHE_RSA_WITH_AES_128_/);
        assert.equal(report?.tls12.group, undefined);
        assert.match(report?.tls12.signatureScheme ?? "", /^rsa_(pss_rsae|pkcs1)_sha(256|384|512)$/);
      } finally {
        await s.stop();
      }
    });
  }

  it("a TLS 1.0-only server: TLS 1.2 not chosen, the version named, the chain read in TLS 1.0's plaintext; a current client cannot connect", async () => {
    const s = await startOpensslServer({ ...serverOf(lab), args: ["-tls1", "-cipher", "DEFAULT@SECLEVEL=0"] });
    try {
      const { report, stderr } = probe([`127.0.0.1:${s.port}`]);
      assert.ok(report, stderr);
      assert.equal(report.tls12.accepted, false);
      assert.equal(report.tls12.version, "TLS 1.0");
      assert.equal(report.tls12.signatureScheme, undefined);
      assert.ok(report.negotiated && "failed" in report.negotiated, JSON.stringify(report.negotiated));
      assert.deepEqual(subjects(report), ["localhost", "pkilab Intermediate CA 1"]);
    } finally {
      await s.stop();
    }
  });

  it("a client key OpenSSL refuses (RSA-512) is exit 2 in one line, before connecting, and the process ends", async () => {
    const weak = path.join(work, "weak");
    const made = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:512", "-nodes", "-subj", "/CN=weak", "-keyout", `${weak}.key`, "-out", `${weak}.pem`, "-days", "1"], { encoding: "utf8" });
    assert.equal(made.status, 0, made.stderr);
    const s = await startOpensslServer(serverOf(lab));
    try {
      const started = Date.now();
      const result = await runCliAsync(["probe", `127.0.0.1:${s.port}`, "--cert", `${weak}.pem`, "--key", `${weak}.key`, "--timeout", "5"]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /OpenSSL refuses to present this certificate and key/);
      assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
      assert.ok(Date.now() - started < 10_000);
    } finally {
      await s.stop();
    }
  });

  it("nginx on [::1] with ssl_verify_client on: a stranger's certificate gets its 400 page, refused (the Host header brackets the address)", async () => {
    requireProgram("nginx");
    cli(["init", at(work, "stranger")]);
    const v6port = await freePort();
    const server = serverOf(lab);
    const nginx = await startNginx(at(work, "nginx-v6"), [
      `    listen [::1]:${v6port} ssl;`,
      `    ssl_certificate ${at(lab, "servers", "localhost", "fullchain.pem")};`,
      `    ssl_certificate_key ${server.key};`,
      `    ssl_client_certificate ${at(lab, "ca.pem")};`,
      "    ssl_verify_client on;",
      "    ssl_verify_depth 2;",
      "    location / { return 200 \"ok\\n\"; }",
    ].join("\n"));
    try {
      const stranger = at(work, "stranger", "clients", "client");
      const refused = await probeAsync([`[::1]:${v6port}`, "--cert", at(stranger, "fullchain.pem"), "--key", at(stranger, "key.pem")]);
      assert.equal(refused.code, 1, refused.stdout);
      assert.equal(refused.report?.clientCertificate?.outcome, "refused");
      assert.match(refused.report?.clientCertificate?.answer ?? "", /^HTTP\/1\.1 400/);
      assert.equal(refused.report?.clientCertificate?.detail, "The SSL certificate error");
      const own = at(lab, "clients", "client");
      const accepted = await probeAsync([`[::1]:${v6port}`, "--cert", at(own, "fullchain.pem"), "--key", at(own, "key.pem")]);
      assert.equal(accepted.code, 0, accepted.stdout);
      assert.equal(accepted.report?.clientCertificate?.outcome, "accepted");
    } finally {
      await nginx.stop();
    }
  });

  for (const version of ["TLSv1.2", "TLSv1.3"] as const) {
    it(`a non-HTTP server that verifies the client certificate, then hangs up on probe's request (${version}): ${version === "TLSv1.2" ? "accepted (a TLS 1.2 refusal comes before Finished)" : "undetermined, exit 3"}`, async () => {
      const server = serverOf(lab);
      const broker = tls.createServer(
        { cert: readFileSync(at(lab, "servers", "localhost", "fullchain.pem")), key: readFileSync(server.key), ca: readFileSync(at(lab, "ca.pem")), requestCert: true, rejectUnauthorized: true, maxVersion: version },
        (socket) => socket.once("data", () => socket.destroy()),
      );
      broker.on("tlsClientError", () => undefined);
      await new Promise<void>((resolve) => broker.listen(0, "127.0.0.1", resolve));
      try {
        const port = (broker.address() as net.AddressInfo).port;
        const own = at(lab, "clients", "client");
        const result = await probeAsync([`127.0.0.1:${port}`, "--cert", at(own, "fullchain.pem"), "--key", at(own, "key.pem")]);
        assert.equal(result.code, version === "TLSv1.2" ? 0 : 3, result.stdout);
        assert.equal(result.report?.clientCertificate?.outcome, version === "TLSv1.2" ? "accepted" : "undetermined");
        assert.match(result.report?.clientCertificate?.reason ?? "", /closed the connection/);
      } finally {
        broker.close();
      }
    });
  }

  it("an SMTP server whose replies are bare codes (\"220\", RFC 5321 §4.2): STARTTLS works", async () => {
    const server = serverOf(lab);
    const context = tls.createSecureContext({ cert: readFileSync(at(lab, "servers", "localhost", "fullchain.pem")), key: readFileSync(server.key) });
    const smtp = net.createServer((socket) => {
      socket.on("error", () => undefined);
      socket.write("220\r\n");
      let text = "";
      const onData = (chunk: Buffer) => {
        text += chunk.toString("latin1");
        if (/^EHLO/im.test(text) && !/STARTTLS/i.test(text)) {
          text = "";
          socket.write("250-mail\r\n250 STARTTLS\r\n");
        } else if (/^STARTTLS\r\n/im.test(text)) {
          socket.off("data", onData);
          socket.write("220\r\n", () => {
            const secure = new tls.TLSSocket(socket, { isServer: true, secureContext: context });
            secure.on("error", () => undefined);
          });
        }
      };
      socket.on("data", onData);
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    try {
      const port = (smtp.address() as net.AddressInfo).port;
      const result = await probeAsync([`127.0.0.1:${port}`, "--starttls", "smtp"]);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(subjects(result.report), ["localhost", "pkilab Intermediate CA 1"]);
    } finally {
      smtp.close();
    }
  });

  it("a TLS server no handshake succeeds with (TLS 1.3 only, with a suite OpenSSL clients do not offer by default): exit 2, saying what each attempt got", async () => {
    const s = await startOpensslServer({ ...serverOf(lab), args: ["-tls1_3", "-ciphersuites", "TLS_AES_128_CCM_SHA256"] });
    try {
      const result = runCli(["probe", `127.0.0.1:${s.port}`, "--for", "mbedtls", "--timeout", "5"]);
      assert.equal(result.code, 2, result.stdout);
      assert.match(result.stderr, /speaks TLS, but no handshake completed: TLS 1\.2 refused with alert 70 \(protocol_version\); a current OpenSSL client got alert 40 \(handshake_failure\)/);
      assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
    } finally {
      await s.stop();
    }
  });
});

describe("probe: endpoints that are not TLS", () => {
  it("a closed port and a plaintext service are exit 2 with one line", async () => {
    const closed = await freePort();
    const refused = runCli(["probe", `127.0.0.1:${closed}`, "--timeout", "5"]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^pkilab: 127\.0\.0\.1:\d+: cannot connect: connection refused/);
    assert.equal(refused.stderr.trim().split("\n").length, 1, refused.stderr);

    const banner = net.createServer((socket) => socket.end("SSH-2.0-OpenSSH_9.2\r\n"));
    await new Promise<void>((resolve) => banner.listen(0, "127.0.0.1", resolve));
    try {
      const port = (banner.address() as net.AddressInfo).port;
      const plain = await runCliAsync(["probe", `127.0.0.1:${port}`, "--timeout", "5"]);
      assert.equal(plain.code, 2, plain.stderr);
      assert.match(plain.stderr, /not TLS: it sent "SSH-2\.0-OpenSSH_9\.2"/);
      assert.equal(plain.stderr.trim().split("\n").length, 1, plain.stderr);
    } finally {
      banner.close();
    }
  });

  it("hostile servers: a giant message, a silent server, a trickle — exit 2, one line, within the timeout", async () => {
    const behaviours: Record<string, (socket: net.Socket) => void> = {
      // A ServerHello record announcing a 16 MB handshake message.
      giant: (socket) => socket.once("data", () => socket.write(Uint8Array.of(22, 3, 3, 0, 4, 2, 0xff, 0xff, 0xff))),
      silent: () => undefined,
      // Valid record headers, one byte a second: never a complete flight.
      trickle: (socket) => {
        const timer = setInterval(() => socket.writable && socket.write(Uint8Array.of(22)), 1000);
        socket.once("close", () => clearInterval(timer));
      },
    };
    for (const [name, behave] of Object.entries(behaviours)) {
      const sockets = new Set<net.Socket>();
      const server = net.createServer((socket) => {
        sockets.add(socket);
        socket.on("error", () => undefined);
        behave(socket);
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const port = (server.address() as net.AddressInfo).port;
        const started = Date.now();
        const result = await runCliAsync(["probe", `127.0.0.1:${port}`, "--timeout", "2"]);
        assert.equal(result.code, 2, `${name}: ${result.stderr}`);
        assert.equal(result.stderr.trim().split("\n").length, 1, `${name}: ${result.stderr}`);
        assert.match(result.stderr, name === "giant" ? /TLS_WIRE_LIMITS\.maxMessageBytes/ : /no TLS handshake: it did not answer a ClientHello/, name);
        assert.ok(Date.now() - started < 15_000, `${name} took ${Date.now() - started} ms`);
      } finally {
        for (const socket of sockets) socket.destroy();
        server.close();
      }
    }
  });

  it("IPv6 loopback: [::1]:PORT", async () => {
    const work = tempDir("probe-v6");
    cli(["init", path.join(work, "lab")]);
    const server = path.join(work, "lab", "servers", "localhost");
    const v6 = tls.createServer({ cert: readFileSync(path.join(server, "fullchain.pem")), key: readFileSync(path.join(server, "key.pem")) }, (socket) => socket.end());
    await new Promise<void>((resolve) => v6.listen(0, "::1", resolve));
    try {
      const port = (v6.address() as net.AddressInfo).port;
      const result = await runCliAsync(["probe", `[::1]:${port}`, "--json", "--timeout", "5"]);
      assert.equal(result.code, 0, result.stderr);
      const report = JSON.parse(result.stdout) as ProbeReport;
      assert.equal(report.endpoint, `[::1]:${port}`);
      assert.deepEqual(subjects(report), ["localhost", "pkilab Intermediate CA 1"]);
    } finally {
      v6.close();
    }
  });

  it("a bad endpoint, or a profile that judges client certificates, is exit 2 before connecting", () => {
    const bad = runCli(["probe", "127.0.0.1:99999"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not an endpoint: give HOST:PORT/);
    const clientSide = runCli(["probe", "127.0.0.1:1", "--for", "nginx-mtls,browser"]);
    assert.equal(clientSide.code, 2);
    assert.match(clientSide.stderr, /--for nginx-mtls: judges client certificates, and probe reads the server's chain/);
    // A name that would smuggle lines into the HTTP request probe sends.
    const injected = runCli(["probe", "127.0.0.1:1", "--servername", "a.example\r\nX-Evil: 1"]);
    assert.equal(injected.code, 2);
    assert.match(injected.stderr, /--servername .*: not a host name/);
  });
});

/** probe(), run without blocking this process (a server it talks to may live here). */
async function probeAsync(args: string[]): Promise<Probed> {
  const result = await runCliAsync(["probe", ...args, "--json", "--timeout", "10"]);
  let report: ProbeReport | undefined;
  if (result.code !== 2) {
    report = JSON.parse(result.stdout) as ProbeReport;
    assert.ok(validateProbe(report), `probe --json does not fit docs/schemas/probe.schema.json: ${JSON.stringify(validateProbe.errors)}`);
  }
  return { code: result.code, report, stderr: result.stderr, stdout: result.stdout };
}

/** runCli blocks the event loop; a server in this process needs the CLI to run asynchronously. */
function runCliAsync(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
