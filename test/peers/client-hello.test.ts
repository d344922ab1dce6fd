// src/peers/parse/client-hello.ts against real ClientHellos: the one of seed 000 (an STM32 board
// running mbedTLS, from the debug dump its user posted), ones the real `openssl s_client` sends on
// loopback, and the default one of a client linked against Debian's mbedTLS 2.28 library. Every
// capture is checked against what the client was told to offer; every input form (binary, hex,
// mbedTLS / Wireshark / openssl -debug / -msg / xxd dumps, split records, logs) must decode the same.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { readClientHello } from "../../src/app/read-client-hello.js";
import { InputError } from "../../src/io/input-error.js";
import {
  cipherSuiteKeyType,
  findClientHellos,
  isScsv,
  parseClientHello,
  type ClientHello,
} from "../../src/peers/parse/client-hello.js";
import { tempDir } from "../helpers/cli.js";
import { requireProgram, run } from "../helpers/peers.js";

const work = tempDir("client-hello");
after(() => rmSync(work, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------
// Helpers

/** Bytes a client sent, and what it printed (stdout + stderr). */
interface Capture {
  bytes: Buffer;
  output: string;
}

/** True once `data` holds a whole first handshake message, however many records it spans. */
function helloComplete(data: Buffer): boolean {
  const parts: Buffer[] = [];
  for (let at = 0; at + 5 <= data.length; ) {
    const length = data.readUInt16BE(at + 3);
    if (at + 5 + length > data.length) return false;
    parts.push(data.subarray(at + 5, at + 5 + length));
    at += 5 + length;
    const hs = Buffer.concat(parts);
    if (hs.length >= 4 && hs.length >= 4 + hs.readUIntBE(1, 3)) return true;
  }
  return false;
}

/**
 * Runs `program args(port)` against a TCP server on 127.0.0.1 that reads the first handshake
 * message and closes the connection, and returns the bytes the client sent.
 */
async function capture(program: string, args: (port: number) => string[]): Promise<Capture> {
  const server = net.createServer();
  const received = new Promise<Buffer>((resolve) => {
    server.once("connection", (socket) => {
      let data = Buffer.alloc(0);
      socket.on("error", () => undefined);
      socket.on("data", (chunk: Buffer) => {
        data = Buffer.concat([data, chunk]);
        if (helloComplete(data)) socket.destroy();
      });
      socket.on("close", () => resolve(data));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const child = spawn(program, args(port), { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  const timer = setTimeout(() => child.kill(), 30_000);
  const bytes = await received;
  await exited;
  clearTimeout(timer);
  server.close();
  assert.ok(helloComplete(bytes), `${program} sent no complete handshake message (${bytes.length} bytes):\n${output}`);
  return { bytes, output };
}

function opensslClient(extra: string[]): Promise<Capture> {
  requireProgram("openssl");
  return capture("openssl", (port) => ["s_client", "-connect", `127.0.0.1:${port}`, ...extra]);
}

/** A P-256 key and self-signed certificate for openssl s_server, made once. */
let serverCredentials: { key: string; cert: string } | undefined;
function credentials(): { key: string; cert: string } {
  if (serverCredentials) return serverCredentials;
  const dir = path.join(work, "s_server");
  mkdirSync(dir, { recursive: true });
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  const req = run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=x.test", "-keyout", key, "-out", cert, "-days", "2"]);
  assert.equal(req.code, 0, req.stderr);
  return (serverCredentials = { key, cert });
}

interface OpensslServer {
  port: number;
  /** Everything s_server printed so far. */
  output(): string;
  /** Stops it (the process this test started) and waits for it to exit. */
  stop(): Promise<void>;
}

/** The real `openssl s_server` on 127.0.0.1 (a free port), for one connection, with `extra` options. */
async function startOpensslServer(extra: string[]): Promise<OpensslServer> {
  requireProgram("openssl");
  const { key, cert } = credentials();
  // stdin stays open: s_server quits when it reads end-of-file there.
  const child = spawn("openssl", ["s_server", "-accept", "127.0.0.1:0", "-naccept", "1", "-cert", cert, "-key", key, ...extra], { stdio: ["pipe", "pipe", "pipe"] });
  let output = "";
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
      const m = /^ACCEPT \S*:(\d+)$/m.exec(output);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(() => reject(new Error(`openssl s_server exited: ${output}`)));
  });
  return {
    port,
    output: () => output,
    stop: async () => {
      child.kill();
      await exited;
    },
  };
}

/** Runs a program to its end without blocking the event loop (a server in this process may need it). */
function runAsync(program: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill(), 30_000);
    child.on("close", () => {
      clearTimeout(timer);
      resolve(output);
    });
  });
}

/** The InputError thrown by `fn`: one line, exit code 2, starting with `source`. */
function inputError(fn: () => unknown, source: string, expected: RegExp): string {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof InputError, `expected an InputError, got ${String(caught)}`);
  assert.equal(caught.exitCode, 2);
  assert.ok(!caught.message.includes("\n"), `not one line: ${caught.message}`);
  assert.ok(caught.message.startsWith(`${source}: `), `does not name ${source}: ${caught.message}`);
  assert.match(caught.message, expected);
  return caught.message;
}

const named = (list: { id: number; name: string }[]) => list.map((e) => e.name);
const hex = (b: Uint8Array, sep = "") => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(sep);
const printable = (b: number) => (b > 31 && b < 127 ? String.fromCharCode(b) : ".");

/** mbedTLS debug_print_buf() (library/debug.c): "%04x: " then " %02x" per byte, padding, "  " + ASCII. */
function mbedtlsDump(label: string, b: Uint8Array): string {
  let out = `dumping '${label}' (${b.length} bytes)\n`;
  for (let i = 0; i < b.length; i += 16) {
    const row = b.subarray(i, i + 16);
    out += `${i.toString(16).padStart(4, "0")}: ${Array.from(row, (x) => ` ${x.toString(16).padStart(2, "0")}`).join("")}`;
    out += "   ".repeat(16 - row.length) + "  " + Array.from(row, printable).join("") + "\n";
  }
  return out;
}

/** Wireshark 3.x/4.x "Copy > as Hex Dump": offset, 3 spaces, bytes, 3 spaces, ASCII. */
function wiresharkDump(b: Uint8Array): string {
  let out = "";
  for (let i = 0; i < b.length; i += 16) {
    const row = b.subarray(i, i + 16);
    out += `${i.toString(16).padStart(4, "0")}   ${hex(row, " ").padEnd(47)}   ${Array.from(row, printable).join("")}\n`;
  }
  return out;
}

/** xxd's default layout: 8-digit offset, groups of 2 bytes, ASCII. */
function xxdDump(b: Uint8Array): string {
  let out = "";
  for (let i = 0; i < b.length; i += 16) {
    const row = b.subarray(i, i + 16);
    const groups = hex(row).match(/.{1,4}/g) ?? [];
    out += `${i.toString(16).padStart(8, "0")}: ${groups.join(" ").padEnd(39)}  ${Array.from(row, printable).join("")}\n`;
  }
  return out;
}

/** hexdump -C: 8-digit offset, two groups of 8 bytes, |ASCII|, and the end offset on a line of its own. */
function hexdumpC(b: Uint8Array): string {
  let out = "";
  for (let i = 0; i < b.length; i += 16) {
    const row = b.subarray(i, i + 16);
    const bytes = `${hex(row.subarray(0, 8), " ")}  ${hex(row.subarray(8), " ")}`;
    out += `${i.toString(16).padStart(8, "0")}  ${bytes.padEnd(48)}  |${Array.from(row, printable).join("")}|\n`;
  }
  return `${out}${b.length.toString(16).padStart(8, "0")}\n`;
}

/** The handshake message of a single-record capture, re-framed into records of `size` bytes. */
function records(record: Uint8Array, size: number): Buffer[] {
  const message = record.subarray(5);
  const out: Buffer[] = [];
  for (let at = 0; at < message.length; at += size) {
    const chunk = message.subarray(at, at + size);
    out.push(Buffer.concat([Buffer.from([0x16, 0x03, 0x01, chunk.length >> 8, chunk.length & 0xff]), chunk]));
  }
  return out;
}

/** A minimal TLS 1.2 ClientHello handshake message offering `suites`, no extensions (RFC 5246 §7.4.1.2). */
function helloWithSuites(suites: number[]): Buffer {
  const list = Buffer.alloc(2 * suites.length);
  suites.forEach((id, i) => list.writeUInt16BE(id, 2 * i));
  const body = Buffer.concat([Buffer.from([3, 3]), Buffer.alloc(32), Buffer.from([0, list.length >> 8, list.length & 0xff]), list, Buffer.from([1, 0])]);
  return Buffer.concat([Buffer.from([1, 0, body.length >> 8, body.length & 0xff]), body]);
}

function withoutLine(h: ClientHello): ClientHello {
  const { line: _line, ...rest } = h;
  return rest;
}

// ---------------------------------------------------------------------------------------------
// seed 000 (fixtures/logs/seed-000-mbedtls-debug.log)

// Data from seed 000 (Stack Overflow question 68112910, https://stackoverflow.com/questions/68112910/, "STM32Cube_FW_F7 client mbedTLS SSL
// handshake fails with FATAL_ALERT"): the console debug output the user posted, as printed by the
// STM32 SSL_Client example (mbedTLS, debug level 4). Copied verbatim; only the prose is left out.
const SEED_000_LOG = `  . Seeding the random number generator... ok
  . Loading the CA root certificate ... ok (1 skipped)
  . Connecting to tcp/www.google.de/443... ok
  . Setting up the SSL/TLS structure... ok
  . Performing the SSL/TLS handshake...=> handshake
client state: 0
=> flush output
<= flush output
client state: 1
=> flush output
<= flush output
=> write client hello
client hello, max version: [3:3]
dumping 'client hello, random bytes' (32 bytes)
0000:  e2 13 bf 6d 61 b6 fb a6 82 a4 59 f0 0b ef e9 03  ...ma.....Y.....
0010:  44 be de 3c 49 3d 39 56 51 60 3b b6 49 c4 17 50  D..<I=9VQ\`;.I..P
client hello, session id len.: 0
dumping 'client hello, session id' (0 bytes)
client hello, add ciphersuite: c02b
client hello, got 1 ciphersuites (excluding SCSVs)
adding EMPTY_RENEGOTIATION_INFO_SCSV
client hello, compress len.: 1
client hello, compress alg.: 0
client hello, adding server name extension: www.google.de
client hello, adding signature_algorithms extension
client hello, adding supported_elliptic_curves extension
client hello, adding supported_point_formats extension
client hello, adding encrypt_then_mac extension
client hello, adding extended_master_secret extension
client hello, adding session ticket extension
client hello, total extension length: 62
=> write handshake message
=> write record
output record: msgtype = 22, version = [3:3], msglen = 111
dumping 'output record sent to network' (116 bytes)
0000:  16 03 03 00 6f 01 00 00 6b 03 03 e2 13 bf 6d 61  ....o...k.....ma
0010:  b6 fb a6 82 a4 59 f0 0b ef e9 03 44 be de 3c 49  .....Y.....D..<I
0020:  3d 39 56 51 60 3b b6 49 c4 17 50 00 00 04 c0 2b  =9VQ\`;.I..P....+
0030:  00 ff 01 00 00 3e 00 00 00 12 00 10 00 00 0d 77  .....>.........w
0040:  77 77 2e 67 6f 6f 67 6c 65 2e 64 65 00 0d 00 0a  ww.google.de....
0050:  00 08 04 03 04 01 03 03 03 01 00 0a 00 04 00 02  ................
0060:  00 15 00 0b 00 02 01 00 00 16 00 00 00 17 00 00  ................
0070:  00 23 00 00                                      .#..
=> flush output
message length: 116, out_left: 116
ssl->f_send() returned 116 (-0xffffff8c)
<= flush output
<= write record
<= write handshake message
<= write client hello
client state: 2
=> flush output
<= flush output
=> parse server hello
=> read record
=> fetch input
in_left: 0, nb_want: 5
in_left: 0, nb_want: 5
ssl->f_recv(_timeout)() returned 5 (-0xfffffffb)
<= fetch input
dumping 'input record header' (5 bytes)
0000:  15 03 03 00 02                                   .....
input record: msgtype = 21, version = [3:3], msglen = 2
=> fetch input
in_left: 5, nb_want: 7
in_left: 5, nb_want: 7
ssl->f_recv(_timeout)() returned 2 (-0xfffffffe)
<= fetch input
dumping 'input record from network' (7 bytes)
0000:  15 03 03 00 02 02 28                             ......(
got an alert message, type: [2:40]
is a fatal alert message (msg 40)
mbedtls_ssl_handle_message_type() returned -30592 (-0x7780)
mbedtls_ssl_read_record() returned -30592 (-0x7780)
ERR
<= handshake
 failed
  ! mbedtls_ssl_handshake returned -0x7780
`;

/** The 'output record sent to network' dump alone: the label line and its 8 lines. */
const SEED_000_DUMP = SEED_000_LOG.slice(
  SEED_000_LOG.indexOf("dumping 'output record sent to network'"),
  SEED_000_LOG.indexOf("=> flush output\nmessage length"),
);

/**
 * What the bytes say. The answer on Stack Overflow read the same hello in Wireshark; the bytes
 * agree with it: supported_groups is `00 0a 00 04 00 02 00 15`, one group, 0x0015 = secp224r1,
 * and 0x0303/0x0301 are TLS 1.2 (hash sha224, signature ecdsa/rsa) pairs.
 */
const SEED_000_HELLO: ClientHello = {
  legacyVersion: "TLS 1.2",
  supportedVersions: [],
  cipherSuites: [
    { id: 0xc02b, name: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" },
    { id: 0x00ff, name: "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" },
  ],
  groups: [{ id: 0x0015, name: "secp224r1" }],
  signatureAlgorithms: [
    { id: 0x0403, name: "ecdsa_secp256r1_sha256" },
    { id: 0x0401, name: "rsa_pkcs1_sha256" },
    { id: 0x0303, name: "ecdsa_sha224" },
    { id: 0x0301, name: "rsa_pkcs1_sha224" },
  ],
  serverName: "www.google.de",
  pointFormats: ["uncompressed"],
  keyShareGroups: [],
  extensions: [
    { id: 0, name: "server_name", length: 18 },
    { id: 13, name: "signature_algorithms", length: 10 },
    { id: 10, name: "supported_groups", length: 4 },
    { id: 11, name: "ec_point_formats", length: 2 },
    { id: 22, name: "encrypt_then_mac", length: 0 },
    { id: 23, name: "extended_master_secret", length: 0 },
    { id: 35, name: "session_ticket", length: 0 },
  ],
};

describe("client-hello: seed 000, the STM32 mbedTLS client that got alert 40 from www.google.de", () => {
  it("decodes the dump: one suite (ECDHE-ECDSA c02b) plus the renegotiation SCSV, secp224r1 only, SNI www.google.de", () => {
    const hello = parseClientHello(SEED_000_DUMP, "seed-000.txt");
    assert.deepEqual(hello, SEED_000_HELLO);
    assert.equal(cipherSuiteKeyType(0xc02b), "ECDSA");
    assert.ok(isScsv(0x00ff));
    assert.equal(cipherSuiteKeyType(0x00ff), undefined);
  });

  it("finds exactly that hello in the whole debug log (random-bytes dump, the alert record and its header are skipped)", () => {
    const found = findClientHellos(SEED_000_LOG);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0], { ...SEED_000_HELLO, line: SEED_000_LOG.split("\n").indexOf("0000:  16 03 03 00 6f 01 00 00 6b 03 03 e2 13 bf 6d 61  ....o...k.....ma") + 1 });
    assert.deepEqual(parseClientHello(SEED_000_LOG, "seed-000.log"), SEED_000_HELLO);
  });

  it("reads the hex area of a dump, not an ASCII column that looks like hex", () => {
    // The seed's bytes as the dump shows them (columns 7–53 of each line), plus one private-use
    // extension whose printable data ends up alone on the dump's last line.
    const seed = Buffer.from(SEED_000_DUMP.split("\n").filter((l) => /^[0-9a-f]{4}: /.test(l)).map((l) => l.slice(7, 54).replace(/ /g, "")).join(""), "hex");
    assert.equal(seed.length, 116);
    for (const tail of ["xxxxxxxxab", "xxxxxxxxab cd", "xxxxxxxxdead beef", "xxxxxxxx00 11 22 33 44"]) {
      const extension = Buffer.concat([Buffer.from([0xff, 0xee, 0, tail.length]), Buffer.from(tail)]);
      const b = Buffer.concat([seed, extension]);
      b.writeUInt16BE(b.length - 5, 3);
      b.writeUIntBE(b.length - 9, 6, 3);
      const extensionsAt = 5 + 4 + 2 + 32 + 1 + 2 + 4 + 2;
      b.writeUInt16BE(b.readUInt16BE(extensionsAt) + extension.length, extensionsAt);
      const expected = parseClientHello(b, "bin");
      assert.deepEqual(expected.extensions.at(-1), { id: 0xffee, name: "0xffee", length: tail.length });
      for (const [form, text] of [["mbedTLS", mbedtlsDump("output record sent to network", b)], ["Wireshark", wiresharkDump(b)], ["xxd", xxdDump(b)]]) {
        assert.deepEqual(parseClientHello(text!, form!), expected, `${form}: ${tail}`);
        assert.deepEqual(findClientHellos(`log start\n${text}log end\n`).map(withoutLine), [expected], `${form} in a log: ${tail}`);
      }
    }
  });

  it("the seed's alert record alone is reported as an alert, not a ClientHello", () => {
    inputError(() => parseClientHello("15 03 03 00 02 02 28", "alert.hex"), "alert.hex", /this is a TLS Alert record \(content type 21\), not a handshake record/);
  });

  it("decodes a dump cut after signature_algorithms and supported_groups, marking it truncated", () => {
    const cut = SEED_000_DUMP.split("\n").filter((l) => !l.startsWith("0070:")).join("\n");
    const hello = parseClientHello(cut, "cut.txt");
    assert.deepEqual(hello, {
      ...SEED_000_HELLO,
      extensions: SEED_000_HELLO.extensions.filter((e) => e.name !== "session_ticket"),
      truncated: { declaredLength: 107, presentLength: 103 },
    });
    const inLog = findClientHellos(SEED_000_LOG.replace(/\n0070: {2}00 23 00 00 +\.#\.\.\n/, "\n"));
    assert.equal(inLog.length, 1);
    assert.deepEqual(inLog[0]!.truncated, { declaredLength: 107, presentLength: 103 });
  });

  it("refuses a dump cut before signature_algorithms and supported_groups are complete", () => {
    const cut = SEED_000_DUMP.split("\n").slice(0, 5).join("\n"); // label + 0x00..0x3f
    inputError(() => parseClientHello(cut, "cut.txt"), "cut.txt", /the ClientHello is cut off: it declares 107 bytes but only 55 are present, and the input ends in extension 0 \(server_name\) \(so supported_groups and signature_algorithms cannot be read\): copy the whole dump/);
    assert.deepEqual(findClientHellos(cut), []);
  });
});

// ---------------------------------------------------------------------------------------------
// openssl s_client

describe("client-hello: real openssl s_client ClientHellos on loopback", () => {
  let tls12: Capture;
  let tls13: Capture;
  let everything: Capture;
  const longAlpn = Array.from({ length: 8 }, (_, i) => `proto-${i}-${"x".repeat(40)}`);

  before(async () => {
    tls12 = await opensslClient([
      "-servername", "x.test", "-tls1_2", "-groups", "P-256",
      "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:DHE-RSA-AES128-SHA256",
      "-sigalgs", "ecdsa_secp256r1_sha256:rsa_pss_rsae_sha256:rsa_pkcs1_sha256",
      "-maxfraglen", "1024", "-debug",
    ]);
    tls13 = await opensslClient([
      "-servername", "y.test", "-tls1_3", "-groups", "P-384:X25519",
      "-ciphersuites", "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256",
      "-sigalgs", "ecdsa_secp384r1_sha384:rsa_pss_rsae_sha256:ed25519",
      "-alpn", "h2,http/1.1", "-msg",
    ]);
    // Every suite this OpenSSL has, in records of at most 512 bytes: the hello spans two records.
    everything = await opensslClient([
      "-servername", "z.test", "-cipher", "ALL:COMPLEMENTOFALL:@SECLEVEL=0",
      "-groups", "X25519:P-256:P-384:P-521:X448:ffdhe2048:ffdhe3072:ffdhe4096:ffdhe6144:ffdhe8192",
      "-max_send_frag", "512", "-alpn", longAlpn.join(","), "-debug",
    ]);
  });

  it("TLS 1.2: reports exactly the suites, group, signature algorithms, SNI and max_fragment_length asked for", () => {
    const hello = parseClientHello(tls12.bytes, "tls12.bin");
    assert.equal(hello.legacyVersion, "TLS 1.2");
    assert.deepEqual(hello.supportedVersions, []);
    assert.deepEqual(hello.cipherSuites, [
      { id: 0xc02b, name: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" },
      { id: 0xc030, name: "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" },
      { id: 0x0067, name: "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256" },
      { id: 0x00ff, name: "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" },
    ]);
    assert.deepEqual(hello.cipherSuites.map((s) => cipherSuiteKeyType(s.id)), ["ECDSA", "RSA", "RSA", undefined]);
    assert.deepEqual(hello.groups, [{ id: 23, name: "secp256r1" }]);
    assert.deepEqual(hello.signatureAlgorithms, [
      { id: 0x0403, name: "ecdsa_secp256r1_sha256" },
      { id: 0x0804, name: "rsa_pss_rsae_sha256" },
      { id: 0x0401, name: "rsa_pkcs1_sha256" },
    ]);
    assert.equal(hello.serverName, "x.test");
    assert.equal(hello.maxFragmentLength, 1024);
    assert.deepEqual(hello.pointFormats, ["uncompressed", "ansiX962_compressed_prime", "ansiX962_compressed_char2"]);
    assert.deepEqual(hello.keyShareGroups, []);
    assert.equal(hello.truncated, undefined);
    assert.ok(named(hello.extensions).includes("max_fragment_length"));
  });

  it("TLS 1.3: supported_versions, key share for the first group, TLS 1.3 suites (any key type), ALPN", () => {
    const hello = parseClientHello(tls13.bytes, "tls13.bin");
    assert.equal(hello.legacyVersion, "TLS 1.2"); // RFC 8446 §4.1.2: legacy_version is 0x0303
    assert.deepEqual(hello.supportedVersions, ["TLS 1.3"]);
    assert.deepEqual(hello.cipherSuites, [
      { id: 0x1302, name: "TLS_AES_256_GCM_SHA384" },
      { id: 0x1303, name: "TLS_CHACHA20_POLY1305_SHA256" },
      { id: 0x00ff, name: "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" },
    ]);
    assert.deepEqual(hello.cipherSuites.map((s) => cipherSuiteKeyType(s.id)), ["any", "any", undefined]);
    assert.deepEqual(hello.groups, [{ id: 24, name: "secp384r1" }, { id: 29, name: "x25519" }]);
    assert.deepEqual(hello.keyShareGroups, ["secp384r1"]);
    assert.deepEqual(hello.signatureAlgorithms, [
      { id: 0x0503, name: "ecdsa_secp384r1_sha384" },
      { id: 0x0804, name: "rsa_pss_rsae_sha256" },
      { id: 0x0807, name: "ed25519" },
    ]);
    assert.equal(hello.serverName, "y.test");
    assert.deepEqual(hello.alpn, ["h2", "http/1.1"]);
    assert.ok(named(hello.extensions).includes("psk_key_exchange_modes"));
  });

  it("names every suite OpenSSL 3 has as OpenSSL itself does (-stdname), with a key type", () => {
    const listing = run("openssl", ["ciphers", "-V", "-stdname", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"]);
    assert.equal(listing.code, 0, listing.stderr);
    const openssl = new Map<number, string>();
    for (const m of listing.stdout.matchAll(/0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\S+)/g)) openssl.set(parseInt(m[1]! + m[2]!, 16), m[3]!);
    assert.ok(openssl.size > 100, `${openssl.size} suites listed`);
    // All of them, through the parser.
    for (const s of parseClientHello(helloWithSuites([...openssl.keys()]), "openssl-suites").cipherSuites) {
      assert.equal(s.name, openssl.get(s.id), `0x${s.id.toString(16)}`);
      assert.ok(cipherSuiteKeyType(s.id), `${s.name} has a key type`);
    }
    // What s_client really sends with ALL:COMPLEMENTOFALL (it leaves out PSK and SRP suites it has no credentials for).
    const hello = parseClientHello(everything.bytes, "all.bin");
    const offered = hello.cipherSuites.filter((s) => !isScsv(s.id));
    assert.ok(offered.length > 50, `${offered.length} suites offered`);
    for (const s of offered) assert.equal(s.name, openssl.get(s.id), `0x${s.id.toString(16)}`);
    assert.deepEqual(named(hello.groups), ["x25519", "secp256r1", "secp384r1", "secp521r1", "x448", "ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192"]);
    assert.deepEqual(hello.keyShareGroups, ["x25519"]);
    for (const s of hello.signatureAlgorithms) assert.doesNotMatch(s.name, /^0x/, "every signature algorithm OpenSSL sends is named");
    assert.deepEqual(hello.supportedVersions, ["TLS 1.3", "TLS 1.2", "TLS 1.1", "TLS 1.0"]);
    assert.deepEqual(hello.alpn, longAlpn);
  });

  it("reassembles the hello OpenSSL split over two records (-max_send_frag 512)", () => {
    const b = everything.bytes;
    const first = b.readUInt16BE(3);
    assert.equal(first, 512);
    assert.equal(b[5 + first], 0x16, "a second handshake record follows");
    const hello = parseClientHello(b, "all.bin");
    assert.equal(hello.serverName, "z.test");
    assert.equal(hello.truncated, undefined);
    // Also when each record is in its own mbedTLS-style dump, as a device log prints them.
    const log = mbedtlsDump("output record sent to network", b.subarray(0, 5 + first)) + "=> flush output\n" + mbedtlsDump("output record sent to network", b.subarray(5 + first));
    assert.deepEqual(findClientHellos(log).map(withoutLine), [hello]);
  });

  it("finds the hello in the openssl -debug and -msg logs, once each", () => {
    for (const [capture, name] of [[tls12, "-debug"], [tls13, "-msg"], [everything, "-debug, two records"]] as const) {
      const found = findClientHellos(capture.output);
      assert.equal(found.length, 1, `${name}: ${found.length} hellos`);
      assert.deepEqual(withoutLine(found[0]!), parseClientHello(capture.bytes, "bin"), name);
      assert.ok(found[0]!.line! > 1);
      assert.deepEqual(parseClientHello(capture.output, "s_client.log"), parseClientHello(capture.bytes, "bin"));
    }
  });

  it("finds the hello in the real openssl s_server -debug and -msg logs, where it arrives in two records", async () => {
    for (const mode of ["-debug", "-msg"]) {
      const server = await startOpensslServer([mode]);
      let client = "";
      try {
        client = await runAsync("openssl", ["s_client", "-connect", `127.0.0.1:${server.port}`, "-servername", "z.test", "-cipher", "ALL:COMPLEMENTOFALL:@SECLEVEL=0", "-groups", "X25519:P-256:P-384:P-521:X448:ffdhe2048:ffdhe3072:ffdhe4096:ffdhe6144:ffdhe8192", "-max_send_frag", "512", "-alpn", longAlpn.join(",")]);
      } finally {
        await server.stop();
      }
      // s_server -debug dumps each record's header and body as separate reads.
      if (mode === "-debug") assert.match(server.output(), /read from 0x[0-9a-f]+ \[0x[0-9a-f]+\] \(5 bytes => 5 \(0x5\)\)\n0000 - 16 03 01 02 00/);
      const found = findClientHellos(server.output());
      assert.equal(found.length, 1, `${mode}: ${found.length} hellos\n${client}`);
      const expected = parseClientHello(everything.bytes, "all.bin");
      assert.deepEqual(withoutLine(found[0]!), expected, mode);
    }
  });

  it("decodes the same hello from every input form", () => {
    const b = tls12.bytes;
    const expected = parseClientHello(b, "tls12.bin");
    const message = b.subarray(5);
    const forms: [string, Uint8Array | string][] = [
      ["binary record", new Uint8Array(b)],
      ["binary handshake message (no record header)", message],
      ["binary, split into 40-byte records", Buffer.concat(records(b, 40))],
      ["binary Ethernet/IP/TCP frame", Buffer.concat([Buffer.alloc(54, 0x45), b])],
      ["plain hex", hex(b)],
      ["plain hex, upper case, wrapped at 60", hex(b).toUpperCase().replace(/(.{60})/g, "$1\n")],
      ["hex with spaces", hex(b, " ")],
      ["hex with colons", hex(b, ":")],
      ["hex without the record header", hex(message, " ")],
      ["C array", Array.from(b, (x) => `0x${x.toString(16).padStart(2, "0")},`).join(" ")],
      ["mbedTLS dump", mbedtlsDump("output record sent to network", b)],
      ["mbedTLS dump with debug prefixes", mbedtlsDump("output record sent to network", b).replace(/^/gm, "ssl_msg.c:2840: |4| ")],
      ["Wireshark Copy as Hex Dump", wiresharkDump(b)],
      ["Wireshark dump of the handshake message", wiresharkDump(message)],
      ["openssl -debug dump (real)", tls12.output],
      ["xxd", xxdDump(b)],
      ["hexdump -C", hexdumpC(b)],
      ["split records, one mbedTLS dump each", records(b, 40).map((r) => mbedtlsDump("output record sent to network", r)).join("<= write record\n")],
      ["as a text file's bytes", Buffer.from(wiresharkDump(b))],
    ];
    for (const [name, input] of forms) assert.deepEqual(parseClientHello(input, name), expected, name);
  });

  it("reads files and hex arguments", () => {
    const dir = path.join(work, "files");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "hello.bin"), tls12.bytes);
    writeFileSync(path.join(dir, "hello.hex"), `${hex(tls12.bytes)}\n`);
    writeFileSync(path.join(dir, "device.log"), SEED_000_LOG.replace(/\n/g, "\r\n"));
    const expected = parseClientHello(tls12.bytes, "x");
    assert.deepEqual(readClientHello(path.join(dir, "hello.bin")), expected);
    assert.deepEqual(readClientHello(path.join(dir, "hello.hex")), expected);
    assert.deepEqual(readClientHello(hex(tls12.bytes, " ")), expected);
    assert.deepEqual(readClientHello(path.join(dir, "device.log")), SEED_000_HELLO);
  });
});

// ---------------------------------------------------------------------------------------------
// Bad input

describe("client-hello: input that is not a ClientHello", () => {
  let serverHello: Buffer;
  let hello: Buffer;

  before(async () => {
    // A real ServerHello: the real openssl s_server's answer to a real openssl s_client hello.
    hello = (await opensslClient(["-servername", "x.test", "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"])).bytes;
    const server = await startOpensslServer([]);
    try {
      serverHello = await new Promise<Buffer>((resolve, reject) => {
        const socket = net.connect(server.port, "127.0.0.1", () => socket.write(hello));
        let data = Buffer.alloc(0);
        socket.on("data", (chunk: Buffer) => {
          data = Buffer.concat([data, chunk]);
          if (data.length >= 5 && data.length >= 5 + data.readUInt16BE(3)) {
            socket.destroy();
            resolve(data.subarray(0, 5 + data.readUInt16BE(3)));
          }
        });
        socket.on("error", reject);
      });
    } finally {
      await server.stop();
    }
  });

  it("a ServerHello, as bytes, hex or a dump", () => {
    assert.equal(serverHello[0], 0x16);
    assert.equal(serverHello[5], 2);
    const says = /this is a TLS ServerHello \(handshake type 2\), not a ClientHello: give the ClientHello the client sends/;
    inputError(() => parseClientHello(serverHello, "server-hello.bin"), "server-hello.bin", says);
    inputError(() => parseClientHello(hex(serverHello, " "), "server-hello.hex"), "server-hello.hex", says);
    inputError(() => parseClientHello(mbedtlsDump("input record from network", serverHello), "client.log"), "client.log", says);
    inputError(() => parseClientHello(serverHello.subarray(5), "sh.bin"), "sh.bin", says);
    assert.deepEqual(findClientHellos(mbedtlsDump("input record from network", serverHello)), []);
    // A client log with both directions holds exactly one ClientHello.
    const both = mbedtlsDump("output record sent to network", hello) + mbedtlsDump("input record from network", serverHello);
    assert.equal(findClientHellos(both).length, 1);
  });

  it("empty input, text without hex, PEM, garbage, DTLS and SSL 2.0 hellos", () => {
    const dir = path.join(work, "bad");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "empty.bin"), "");
    inputError(() => readClientHello(path.join(dir, "empty.bin")), path.join(dir, "empty.bin"), /the file is empty/);
    inputError(() => parseClientHello("  \n", "blank.txt"), "blank.txt", /empty/);
    inputError(() => parseClientHello("hello world, this is not hex\n", "words.txt"), "words.txt", /no hex bytes found/);
    inputError(() => parseClientHello("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "cert.pem"), "cert.pem", /this is a PEM file \(CERTIFICATE\), not a ClientHello/);
    inputError(() => parseClientHello(Uint8Array.from([0x47, 0x45, 0x54, 0x20, 0x2f, 0x20, 0x48, 0x54, 0x00, 0x01]), "http.bin"), "http.bin", /not a TLS ClientHello: the bytes start with 47 45 54 20 2f 20 48 54 \("GET \/ HT"\)/);
    inputError(() => parseClientHello(Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x99, 0x42]), "junk.bin"), "junk.bin", /not a TLS ClientHello: the bytes start with de ad be ef/);
    inputError(() => parseClientHello("16 fe fd 00 00 00 00 00 00 00 00 00 c0 01", "dtls.hex"), "dtls.hex", /DTLS record \(version DTLS 1\.2\)/);
    inputError(() => parseClientHello("80 2e 01 03 01 00 15 00 00 00 10", "v2.hex"), "v2.hex", /SSL 2\.0-format ClientHello/);
    inputError(() => parseClientHello("16 03 01 00 6f", "header.hex"), "header.hex", /the input ends inside the handshake header/);
  });

  it("wrong lengths", () => {
    const b = Buffer.from(hello);
    const suitesAt = 5 + 4 + 2 + 32 + 1 + b[5 + 4 + 2 + 32]!;
    const odd = Buffer.from(b);
    odd.writeUInt16BE(b.readUInt16BE(suitesAt) + 1, suitesAt);
    inputError(() => parseClientHello(odd, "odd.bin"), "odd.bin", /malformed: the cipher suites length is \d+ \(it must be even/);
    const extensionsAt = suitesAt + 2 + b.readUInt16BE(suitesAt) + 1 + b[suitesAt + 2 + b.readUInt16BE(suitesAt)]!;
    const longer = Buffer.from(b);
    longer.writeUInt16BE(b.readUInt16BE(extensionsAt) - 1, extensionsAt);
    inputError(() => parseClientHello(longer, "ext.bin"), "ext.bin", /malformed: the extensions length is \d+ but \d+ bytes follow/);
    const firstExtLength = Buffer.from(b);
    firstExtLength.writeUInt16BE(0x4000, extensionsAt + 4);
    inputError(() => parseClientHello(firstExtLength, "ext0.bin"), "ext0.bin", /malformed: extension \d+ \(\w+\) says 16384 bytes/);
    const huge = Buffer.from(b);
    huge.writeUInt16BE(0x4001, 3);
    inputError(() => parseClientHello(huge, "huge.bin"), "huge.bin", /declares 16385 bytes, more than the 16384 TLS allows/);
    // The session id length says 33: RFC 8446 §4.1.2 allows 32.
    const sid = Buffer.from(b);
    sid[5 + 4 + 2 + 32] = 33;
    inputError(() => parseClientHello(sid, "sid.bin"), "sid.bin", /the session id is 33 bytes/);
  });

  it("names a missing file, a directory, and says when an argument is neither", () => {
    inputError(() => readClientHello("no-such-hello.bin"), "no-such-hello.bin", /no such file or directory, and not hex either/);
    inputError(() => readClientHello(work), work, /is a directory/);
    inputError(() => readClientHello("16 03 03 00 05 02 00 00 01 00"), 'hex "1603030005020000…"', /this is a TLS ServerHello/);
  });
});

// ---------------------------------------------------------------------------------------------
// mbedTLS 2.28

/**
 * A TLS client on Debian's libmbedtls (2.28) with the library defaults
 * (mbedtls_ssl_config_defaults(…, MBEDTLS_SSL_PRESET_DEFAULT)), printing mbedTLS debug output at
 * level 4 the way programs/ssl/ssl_client2.c does ("%s:%04d: |%d| %s").
 */
const MBEDTLS_CLIENT = String.raw`#include <stdio.h>
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/debug.h"
#include "mbedtls/entropy.h"
#include "mbedtls/net_sockets.h"
#include "mbedtls/ssl.h"
#include "mbedtls/version.h"

static void debug(void *ctx, int level, const char *file, int line, const char *str) {
  const char *base = file;
  for (const char *p = file; *p; p++) if (*p == '/') base = p + 1;
  fprintf((FILE *) ctx, "%s:%04d: |%d| %s", base, line, level, str);
}

int main(int argc, char **argv) {
  char version[32];
  mbedtls_net_context net; mbedtls_ssl_context ssl; mbedtls_ssl_config conf;
  mbedtls_entropy_context entropy; mbedtls_ctr_drbg_context drbg;
  if (argc != 3) return 2;
  mbedtls_version_get_string(version);
  printf("mbedtls version %s\n", version);
  mbedtls_net_init(&net); mbedtls_ssl_init(&ssl); mbedtls_ssl_config_init(&conf);
  mbedtls_entropy_init(&entropy); mbedtls_ctr_drbg_init(&drbg);
  if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, NULL, 0) != 0) return 3;
  if (mbedtls_net_connect(&net, "127.0.0.1", argv[1], MBEDTLS_NET_PROTO_TCP) != 0) return 4;
  if (mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT) != 0) return 5;
  mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
  mbedtls_ssl_conf_dbg(&conf, debug, stdout);
  mbedtls_debug_set_threshold(4);
  if (mbedtls_ssl_setup(&ssl, &conf) != 0) return 6;
  if (mbedtls_ssl_set_hostname(&ssl, argv[2]) != 0) return 7;
  mbedtls_ssl_set_bio(&ssl, &net, mbedtls_net_send, mbedtls_net_recv, NULL);
  printf("handshake returned -0x%04x\n", (unsigned) -mbedtls_ssl_handshake(&ssl));
  return 0;
}
`;

describe("client-hello: the default ClientHello of mbedTLS 2.28 (Debian libmbedtls-dev)", () => {
  let mbed: Capture;

  before(async () => {
    const gcc = requireProgram("gcc");
    const dir = path.join(work, "mbedtls");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "client.c"), MBEDTLS_CLIENT);
    const built = run(gcc, ["-o", path.join(dir, "client"), path.join(dir, "client.c"), "-lmbedtls", "-lmbedx509", "-lmbedcrypto"]);
    assert.equal(built.code, 0, `building the mbedTLS client failed (scripts/install-peers.sh installs libmbedtls-dev): ${built.stderr}`);
    mbed = await capture(path.join(dir, "client"), (port) => [String(port), "device.test"]);
  });

  it("runs mbedTLS 2.28", () => {
    assert.match(mbed.output, /^mbedtls version 2\.28\.\d+$/m);
  });

  it("offers the curves of 2.28's ecp_supported_curves[] (secp521r1 first) and the signature algorithms of its default hashes", () => {
    const hello = parseClientHello(mbed.bytes, "mbedtls.bin");
    // Mbed-TLS/mbedtls v2.28.3: library/ecp.c ecp_supported_curves[] (every curve enabled in the stock config, in
    // that order) and library/ssl_tls.c ssl_preset_default_hashes[] (SHA-512, -384, -256, -224; each with ECDSA then RSA).
    assert.deepEqual(named(hello.groups), [
      "secp521r1", "brainpoolP512r1", "secp384r1", "brainpoolP384r1", "secp256r1", "secp256k1",
      "brainpoolP256r1", "secp224r1", "secp224k1", "secp192r1", "secp192k1", "x25519", "x448",
    ]);
    // Wireshark writes 0x0301 as "SHA224 RSA"; this module names TLS 1.2 RSA pairs rsa_pkcs1_<hash>.
    assert.deepEqual(named(hello.signatureAlgorithms), [
      "ecdsa_secp521r1_sha512", "rsa_pkcs1_sha512", "ecdsa_secp384r1_sha384", "rsa_pkcs1_sha384",
      "ecdsa_secp256r1_sha256", "rsa_pkcs1_sha256", "ecdsa_sha224", "rsa_pkcs1_sha224",
    ]);
    assert.equal(hello.legacyVersion, "TLS 1.2");
    assert.equal(hello.serverName, "device.test");
    assert.deepEqual(hello.supportedVersions, []);
    for (const s of hello.cipherSuites) {
      assert.doesNotMatch(s.name, /^0x/, `suite 0x${s.id.toString(16)} is named`);
      if (!isScsv(s.id)) assert.ok(cipherSuiteKeyType(s.id), `${s.name} has a key type`);
    }
    assert.ok(hello.cipherSuites.some((s) => s.name === "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"));
  });

  it("finds the same hello in mbedTLS's own debug output (prefixed 'file:line: |4|' lines)", () => {
    assert.match(mbed.output, /dumping 'output record sent to network' \(\d+ bytes\)/);
    const found = findClientHellos(mbed.output);
    assert.equal(found.length, 1);
    assert.deepEqual(withoutLine(found[0]!), parseClientHello(mbed.bytes, "mbedtls.bin"));
  });

  it("names every cipher suite in mbedTLS 2.28's ssl_ciphersuites.h as IANA does, with a key type", () => {
    const header = readFileSync("/usr/include/mbedtls/ssl_ciphersuites.h", "utf8");
    const defines = [...header.matchAll(/#define MBEDTLS_(TLS_\w+)\s+0x([0-9A-Fa-f]+)/g)];
    assert.ok(defines.length > 150, `${defines.length} suites in the header`);
    // IANA spells the two DHE_PSK CCM_8 suites TLS_PSK_DHE_… (RFC 6655 §3); mbedTLS TLS_DHE_PSK_….
    const iana = (name: string) => name.replace(/^TLS_DHE_PSK_WITH_(AES_\d+_CCM_8)$/, "TLS_PSK_DHE_WITH_$1");
    const hex4 = (id: number) => `0x${id.toString(16).padStart(4, "0")}`;
    // Put them all in one ClientHello and decode it, so the names come through the parser.
    const hello = parseClientHello(helloWithSuites(defines.map((m) => parseInt(m[2]!, 16))), "mbedtls-suites");
    hello.cipherSuites.forEach((s, i) => {
      assert.equal(s.name, iana(defines[i]![1]!), hex4(s.id));
      assert.ok(cipherSuiteKeyType(s.id), `${s.name} has a key type`);
    });
  });
});
