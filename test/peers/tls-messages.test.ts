// The wire decoder probe reads servers with (src/peers/parse/tls-messages.ts), on flights captured
// from openssl s_server (test/fuzz/data/tls12-server-flight-*.bin, made by probe's own ClientHello
// against pkilab init labs) and on hostile bytes; and the notes on a chain as sent
// (src/chain/sent-chain.ts) on labs pkilab makes.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { sentChainNotes } from "../../src/chain/sent-chain.js";
import { readCertificateFile } from "../../src/io/read.js";
import {
  decodeCertificateMessage,
  decodeCertificateRequest,
  decodeServerHello,
  decodeServerKeyExchange,
  HANDSHAKE,
  HandshakeStream,
  TLS_WIRE_LIMITS,
  TlsWireError,
  type WireEvent,
} from "../../src/peers/parse/tls-messages.js";
import { tls12ClientHello } from "../../src/app/probe-tls12.js";
import { openHandshakeRecords } from "../../src/peers/parse/tls13-records.js";
import { parseClientHello } from "../../src/peers/parse/client-hello.js";
import { REPO_ROOT, runCli, tempDir } from "../helpers/cli.js";

const flight = (name: string) => new Uint8Array(readFileSync(path.join(REPO_ROOT, "test", "fuzz", "data", name)));

function messages(events: WireEvent[]) {
  return events.flatMap((e) => (e.kind === "handshake" ? [e.message] : []));
}

describe("tls-messages: a real TLS 1.2 server flight", () => {
  it("splits records into the five messages of the flight, whatever the chunking", () => {
    const bytes = flight("tls12-server-flight-certificate-request.bin");
    const whole = messages(new HandshakeStream("s_server").push(bytes)).map((m) => m.type);
    assert.deepEqual(whole, [HANDSHAKE.serverHello, HANDSHAKE.certificate, HANDSHAKE.serverKeyExchange, HANDSHAKE.certificateRequest, HANDSHAKE.serverHelloDone]);
    // One byte at a time: the same messages (records and messages are reassembled).
    const stream = new HandshakeStream("s_server");
    const byByte = [...bytes].flatMap((b) => messages(stream.push(Uint8Array.of(b)))).map((m) => m.type);
    assert.deepEqual(byByte, whole);
  });

  it("decodes the ServerHello, the chain in the order sent, the ECDHE group and the CertificateRequest", () => {
    const [hello, certificate, keyExchange, request] = messages(new HandshakeStream("s_server").push(flight("tls12-server-flight-certificate-request.bin")));
    const serverHello = decodeServerHello(hello!.body, "s_server");
    assert.equal(serverHello.version, "TLS 1.2");
    assert.match(serverHello.cipherSuite.name, /^TLS_ECDHE_ECDSA_WITH_/);
    assert.equal(serverHello.helloRetryRequest, false);
    assert.equal(decodeCertificateMessage(certificate!.body, "1.2", "s_server").length, 2);
    const kx = decodeServerKeyExchange(keyExchange!.body, serverHello.cipherSuite.name, "1.2", "s_server");
    assert.equal(kx.group?.name, "x25519");
    assert.equal(kx.signatureScheme?.name, "ecdsa_secp256r1_sha256");
    const cr = decodeCertificateRequest(request!.body, "1.2", "s_server");
    assert.ok(cr.certificateTypes.includes("ecdsa_sign"));
    assert.equal(cr.caNames.length, 1);
    assert.ok(cr.signatureAlgorithms.some((s) => s.name === "rsa_pss_rsae_sha256"));
  });

  it("the RSA server's flight: an RSA suite, no CertificateRequest", () => {
    const types = messages(new HandshakeStream("s_server").push(flight("tls12-server-flight-rsa.bin")));
    assert.equal(decodeServerHello(types[0]!.body, "s").cipherSuite.name.includes("RSA"), true);
    assert.ok(!types.some((m) => m.type === HANDSHAKE.certificateRequest));
  });
});

describe("tls-messages: hostile bytes are one-line TlsWireErrors", () => {
  const push = (bytes: number[]) => () => new HandshakeStream("peer").push(Uint8Array.from(bytes));
  const oneLine = (err: unknown) => err instanceof TlsWireError && !err.message.includes("\n");

  it("not TLS: says what the peer sent", () => {
    assert.throws(push([...Buffer.from("220 mail.example ESMTP\r\n")]), (err: unknown) => oneLine(err) && /not TLS: it sent "220 mail\.example ESMTP"/.test((err as Error).message));
  });
  it("a record longer than TLS allows", () => {
    assert.throws(push([22, 3, 3, 0xff, 0xff]), (err: unknown) => oneLine(err) && /more than TLS allows/.test((err as Error).message));
  });
  it("a handshake message past TLS_WIRE_LIMITS.maxMessageBytes", () => {
    assert.throws(push([22, 3, 3, 0, 4, 11, 0xff, 0xff, 0xff]), (err: unknown) => oneLine(err) && /TLS_WIRE_LIMITS\.maxMessageBytes/.test((err as Error).message));
  });
  it("more messages than TLS_WIRE_LIMITS.maxMessages", () => {
    const empty = Array.from({ length: TLS_WIRE_LIMITS.maxMessages + 1 }, () => [14, 0, 0, 0]).flat();
    assert.throws(push([22, 3, 3, empty.length >> 8, empty.length & 0xff, ...empty]), (err: unknown) => oneLine(err) && /TLS_WIRE_LIMITS\.maxMessages/.test((err as Error).message));
  });
  it("a record that arrives in pieces is held until complete, then released", () => {
    const stream = new HandshakeStream("peer");
    assert.deepEqual(stream.push(Uint8Array.of(23, 3, 3, 0x40, 0x00)), []);
    assert.deepEqual(stream.push(new Uint8Array(16_000)), []);
    assert.deepEqual(stream.push(new Uint8Array(384)), [{ kind: "application_data", length: 16_384 }]);
  });
  it("a Certificate message whose lengths lie", () => {
    assert.throws(() => decodeCertificateMessage(Uint8Array.of(0, 0, 9, 0, 0, 200, 1, 2), "1.2", "peer"), (err: unknown) => oneLine(err) && /Certificate message is malformed|certificate list is malformed/.test((err as Error).message));
  });
  it("a CertificateRequest naming more CAs than TLS_WIRE_LIMITS.maxCaNames", () => {
    const names = TLS_WIRE_LIMITS.maxCaNames + 1;
    const list = Array.from({ length: names }, () => [0, 0]).flat();
    const body = Uint8Array.from([1, 64, 0, 2, 4, 3, (list.length >> 8) & 0xff, list.length & 0xff, ...list]);
    assert.throws(() => decodeCertificateRequest(body, "1.2", "peer"), (err: unknown) => oneLine(err) && /maxCaNames/.test((err as Error).message));
  });
});

describe("tls13-records: opening a TLS 1.3 flight (the real-server case is in test/peers/probe.test.ts)", () => {
  const secret = new Uint8Array(32).fill(1);
  it("a record that does not decrypt with the secret is one line", () => {
    const record = Uint8Array.from([23, 3, 3, 0, 20, ...new Uint8Array(20)]);
    assert.throws(() => openHandshakeRecords(record, "TLS_AES_128_GCM_SHA256", secret, "peer"), (err: unknown) => err instanceof TlsWireError && /does not decrypt/.test(err.message));
  });
  it("a record too short for its tag, and a suite not modelled", () => {
    assert.throws(() => openHandshakeRecords(Uint8Array.of(23, 3, 3, 0, 3, 1, 2, 3), "TLS_AES_128_GCM_SHA256", secret, "peer"), TlsWireError);
    assert.equal(openHandshakeRecords(Uint8Array.of(23, 3, 3, 0, 0), "TLS_AES_128_CCM_SHA256", secret, "peer"), undefined);
  });
  it("plaintext records (ServerHello, ChangeCipherSpec) are skipped", () => {
    assert.deepEqual(openHandshakeRecords(Uint8Array.of(22, 3, 3, 0, 1, 2, 20, 3, 3, 0, 1, 1), "TLS_AES_128_GCM_SHA256", secret, "peer"), []);
  });
});

describe("probe's own ClientHello", () => {
  it("decodes as TLS 1.2 only, with SNI for names and none for IP addresses", () => {
    const named = parseClientHello(tls12ClientHello("server.example"), "probe");
    assert.equal(named.serverName, "server.example");
    assert.deepEqual(named.supportedVersions, []);
    assert.ok(named.groups.some((g) => g.name === "secp384r1"));
    assert.ok(named.cipherSuites.some((s) => s.name === "TLS_RSA_WITH_AES_128_GCM_SHA256"));
    assert.equal(parseClientHello(tls12ClientHello(undefined), "probe").serverName, undefined);
  });
});

describe("sent-chain notes on pkilab labs", () => {
  const work = tempDir("sent-chain");
  const lab = path.join(work, "lab");
  assert.equal(runCli(["init", lab, "--intermediates", "2"]).code, 0);
  const read = async (...files: string[]) => (await Promise.all(files.map((f) => readCertificateFile(path.join(lab, f))))).flat();

  it("in order, root not sent: only the note that the chain ends at a CA not sent", async () => {
    const sent = await read("servers/localhost/cert.pem", "intermediate-2/cert.pem", "intermediate-1/cert.pem");
    assert.deepEqual(sentChainNotes(sent).map((n) => n.kind), ["ends-before-root"]);
  });
  it("wrong order, the root sent, a duplicate and a stranger", async () => {
    const sent = await read("servers/localhost/cert.pem", "intermediate-1/cert.pem", "intermediate-2/cert.pem", "root/cert.pem", "intermediate-1/cert.pem", "clients/client/cert.pem");
    const notes = sentChainNotes(sent);
    // leaf → int2 (sent 3rd: later, not next), int2 → int1 (sent 2nd: before its child), int1 (2nd) → root (sent 4th: later, not next).
    assert.deepEqual(notes.map((n) => n.kind).sort(), ["duplicate", "issuer-before-child", "not-in-path", "out-of-order", "out-of-order", "root-sent"]);
    assert.deepEqual(notes.find((n) => n.kind === "out-of-order"), { kind: "out-of-order", position: 1, subject: "CN=localhost, O=pkilab lab", issuerPosition: 3 });
    assert.deepEqual(notes.find((n) => n.kind === "issuer-before-child"), { kind: "issuer-before-child", position: 3, subject: "CN=pkilab Intermediate CA 2, O=pkilab lab", issuerPosition: 2 });
    assert.deepEqual(notes.find((n) => n.kind === "not-in-path"), { kind: "not-in-path", position: 6, subject: "CN=client, O=pkilab lab" });
  });
});
