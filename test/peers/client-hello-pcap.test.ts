// A ClientHello from a packet capture (src/peers/parse/pcap.ts): real captures made here, on
// loopback, by tcpdump and tshark while the real `openssl s_client -groups P-256` (seed 001's
// client: secp256r1 only) connects to a real `openssl s_server` with a P-384 certificate, which
// refuses it ("no shared cipher"). Then the captures as files (pcap, pcapng, Linux cooked SLL and
// SLL2, IPv6, after SMTP STARTTLS, a snap length too short) and as `tshark -x` text go through the real CLI; a large hello sent
// in two TCP segments (by a relay on loopback that writes s_client's bytes in two parts) is
// reassembled, from the file and from the text; hostile edits of a real capture are refused in one line.
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { InputError } from "../../src/io/input-error.js";
import { parseClientHello } from "../../src/peers/parse/client-hello.js";
import { PCAP_LIMITS } from "../../src/peers/parse/pcap.js";
import { REPO_ROOT, runCli, tempDir } from "../helpers/cli.js";
import { freePort } from "../helpers/nginx.js";
import { requireProgram } from "../helpers/peers.js";

const SEED_001 = path.join(REPO_ROOT, "fixtures", "client-hello");
const AT = "2030-06-01T00:00:00Z";
/** s_client's ALPN list for the large hello: 60 names of 37 bytes make it about 2.3 KB. */
const LONG_ALPN = Array.from({ length: 60 }, (_, i) => `proto-${String(i).padStart(2, "0")}-abcdefghijklmnopqrstuvwxyz`);

/** Resolves when `pattern` appears in the child's stdout or stderr; rejects after `ms` or when it exits first. */
function waitForOutput(child: ChildProcess, pattern: RegExp, what: string, ms = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => done(new Error(`${what}: no ${pattern} within ${ms} ms: ${seen}`)), ms);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) done();
    };
    const onExit = () => done(new Error(`${what} exited before ${pattern}: ${seen}`));
    const done = (err?: Error) => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
      if (err) reject(err);
      else resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
  });
}

/** Stops a capture with SIGINT (it writes out what it holds) and waits, at most 10 s, for it to exit. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve();
    }, 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGINT");
  });
}

/** Runs `openssl s_client` to `address` ("127.0.0.1:N", "[::1]:N") to the end of its handshake (it sends nothing after), at most 15 s. */
function sClient(address: string, extra: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("openssl", ["s_client", "-connect", address, "-groups", "P-256", "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256", ...extra], { stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.stdin.end();
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("error", reject);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(output);
    });
  });
}

/**
 * A relay on loopback that passes the client's first bytes on to `target` in two TCP writes, 100 ms
 * apart (Nagle off): a real hello, sent in two segments as a device with a small MSS would send it.
 */
function splittingRelay(target: number): Promise<{ port: number; close: () => void }> {
  const server = net.createServer((client) => {
    const upstream = net.connect(target, "127.0.0.1");
    upstream.setNoDelay(true);
    let first = true;
    client.on("data", (chunk: Buffer) => {
      if (!first) return void upstream.write(chunk);
      first = false;
      const half = Math.floor(chunk.length / 2);
      upstream.write(chunk.subarray(0, half));
      setTimeout(() => upstream.write(chunk.subarray(half)), 100);
    });
    upstream.on("data", (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ port: (server.address() as net.AddressInfo).port, close: () => server.close() })));
}

/**
 * The SMTP side of STARTTLS (RFC 3207 §4), enough for `openssl s_client -starttls smtp`: greeting,
 * EHLO with STARTTLS, "220 Ready"; the TLS bytes that follow end the connection. The hello then
 * comes after plaintext in the client's stream, as seed 001's did (a mail client to Postfix).
 */
function startTlsSmtp(): Promise<{ port: number; close: () => void }> {
  const server = net.createServer((socket) => {
    socket.write("220 pkilab.test ESMTP\r\n");
    socket.on("data", (chunk: Buffer) => {
      if (chunk[0] === 0x16) return void socket.destroy();
      const line = chunk.toString("latin1").toUpperCase();
      if (line.startsWith("EHLO")) socket.write("250-pkilab.test\r\n250 STARTTLS\r\n");
      else if (line.startsWith("STARTTLS")) socket.write("220 2.0.0 Ready to start TLS\r\n");
      else socket.write("502 5.5.2 Error\r\n");
    });
    socket.on("error", () => socket.destroy());
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ port: (server.address() as net.AddressInfo).port, close: () => server.close() })));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits, at most 10 s, until the capture tools have written the hello to every file: they write
 * packets after a buffer timeout of their own (dumpcap's is not ours to set), and a capture stopped
 * before that loses them. A file holds the hello once it decodes, or (the snap-length capture) once
 * it is refused for its snap length.
 */
async function written(files: readonly string[]): Promise<void> {
  const holdsHello = (file: string): boolean => {
    try {
      parseClientHello(readFileSync(file), file);
      return true;
    } catch (err) {
      return err instanceof InputError && /snap length/.test(err.message);
    }
  };
  for (const deadline = Date.now() + 10_000; Date.now() < deadline && !files.every(holdsHello); ) await sleep(100);
  await sleep(200); // the packets after the hello (the server's alert, FIN)
}

function tsharkText(file: string): string {
  const result = spawnSync("tshark", ["-r", file, "-x"], { encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) throw new Error(`tshark -r ${file} -x: ${result.stderr}`);
  return result.stdout;
}

/** Data-link type in a pcap file's header (little-endian on this machine). */
const linkTypeOf = (file: string): number => readFileSync(file).readUInt32LE(20) & 0xffff;

function lintSeed001(dir: string, helloFile: string) {
  return runCli(["lint", "leaf.pem", "--ca", "ca.pem", "--client-hello", helloFile, "--at", AT], { cwd: path.join(SEED_001, dir) });
}

function assertOneLineInputError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof InputError, `not an InputError: ${String(err)}`);
    assert.equal(err.message.split("\n").length, 1);
    assert.match(err.message, pattern);
    return true;
  });
}

describe("ClientHello from real captures (tcpdump, tshark)", () => {
  let dir = "";
  let serverLog = "";
  const files = { pcap: "", pcapng: "", sll: "", sll2: "", snapped: "", split: "", text: "", splitText: "", ipv6: "", smtp: "" };
  let splitPort = 0;

  before(async () => {
    for (const program of ["openssl", "tcpdump", "tshark"]) requireProgram(program);
    dir = tempDir("client-hello-pcap");
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    const made = spawnSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-nodes", "-keyout", key, "-out", cert, "-subj", "/CN=localhost", "-days", "2"], { encoding: "utf8" });
    assert.equal(made.status, 0, made.stderr);
    const port = await freePort();
    const server = spawn("openssl", ["s_server", "-accept", `127.0.0.1:${port}`, "-cert", cert, "-key", key, "-www"], { stdio: ["ignore", "pipe", "pipe"] });
    server.stdout.on("data", (c: Buffer) => (serverLog += c.toString()));
    server.stderr.on("data", (c: Buffer) => (serverLog += c.toString()));
    const relay = await splittingRelay(port);
    splitPort = port;
    try {
      await waitForOutput(server, /ACCEPT/, "openssl s_server");
      const at = (name: string) => path.join(dir, name);
      Object.assign(files, { pcap: at("hello.pcap"), pcapng: at("hello.pcapng"), sll: at("any.pcap"), sll2: at("any2.pcap"), snapped: at("snapped.pcap"), split: at("split.pcap") });
      const filter = `tcp port ${port}`;
      const captures = [
        spawn("tcpdump", ["--immediate-mode", "-i", "lo", "-U", "-w", files.pcap, filter]),
        spawn("tshark", ["-i", "lo", "-f", filter, "-F", "pcapng", "-w", files.pcapng]),
        spawn("tcpdump", ["--immediate-mode", "-i", "any", "-y", "LINUX_SLL", "-U", "-w", files.sll, filter]),
        spawn("tcpdump", ["--immediate-mode", "-i", "any", "-y", "LINUX_SLL2", "-U", "-w", files.sll2, filter]),
        spawn("tcpdump", ["--immediate-mode", "-i", "lo", "-s", "100", "-U", "-w", files.snapped, filter]),
      ];
      await Promise.all(captures.map((c, i) => waitForOutput(c, /listening on|Capturing on/, `capture ${i + 1}`)));
      await sClient(`127.0.0.1:${port}`, []);
      await written([files.pcap, files.pcapng, files.sll, files.sll2, files.snapped]);
      await Promise.all(captures.map(stop));
      // The large hello through the relay: captured between the relay and the server, which is where it is split.
      const splitCapture = spawn("tcpdump", ["--immediate-mode", "-i", "lo", "-U", "-w", files.split, filter]);
      await waitForOutput(splitCapture, /listening on/, "tcpdump (split)");
      await sClient(`127.0.0.1:${relay.port}`, ["-alpn", LONG_ALPN.join(",")]);
      await written([files.split]);
      await stop(splitCapture);
    } finally {
      relay.close();
      await stop(server);
    }
    // The same client over IPv6 (::1), and after STARTTLS in SMTP.
    files.ipv6 = path.join(dir, "ipv6.pcap");
    const port6 = await freePort();
    const server6 = spawn("openssl", ["s_server", "-accept", `[::1]:${port6}`, "-cert", cert, "-key", key, "-www"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      await waitForOutput(server6, /ACCEPT/, "openssl s_server on ::1");
      const capture6 = spawn("tcpdump", ["--immediate-mode", "-i", "lo", "-U", "-w", files.ipv6, `tcp port ${port6}`]);
      await waitForOutput(capture6, /listening on/, "tcpdump (IPv6)");
      await sClient(`[::1]:${port6}`, []);
      await written([files.ipv6]);
      await stop(capture6);
    } finally {
      await stop(server6);
    }
    files.smtp = path.join(dir, "smtp.pcap");
    const smtp = await startTlsSmtp();
    try {
      const captureSmtp = spawn("tcpdump", ["--immediate-mode", "-i", "lo", "-U", "-w", files.smtp, `tcp port ${smtp.port}`]);
      await waitForOutput(captureSmtp, /listening on/, "tcpdump (SMTP)");
      await sClient(`127.0.0.1:${smtp.port}`, ["-starttls", "smtp"]);
      await written([files.smtp]);
      await stop(captureSmtp);
    } finally {
      smtp.close();
    }
    files.text = path.join(dir, "hello-x.txt");
    writeFileSync(files.text, tsharkText(files.pcap));
    files.splitText = path.join(dir, "split-x.txt");
    writeFileSync(files.splitText, tsharkText(files.split));
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("the real server refused the real client: no shared cipher (P-384 certificate, P-256-only client)", () => {
    assert.match(serverLog, /no shared cipher/);
  });

  it("inspect reads the pcap, the pcapng and tshark -x text: secp256r1 only, the one suite offered", () => {
    for (const file of [files.pcap, files.pcapng, files.text]) {
      const result = runCli(["inspect", "--client-hello", file]);
      assert.equal(result.code, 0, `${file}: ${result.stdout}${result.stderr}`);
      assert.match(result.stdout, /^ {2}groups +secp256r1$/m, file);
      assert.match(result.stdout, /TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256/);
    }
  });

  it("lint: seed 001's P-384 server fails with client-hello-curve-not-offered, the P-256 one passes (pcap, pcapng, tshark -x)", () => {
    for (const file of [files.pcap, files.pcapng, files.text]) {
      const p384 = lintSeed001("seed-001-p384-cert-p256-only-client", file);
      assert.equal(p384.code, 1, `${file}: ${p384.stdout}${p384.stderr}`);
      assert.match(p384.stdout, /client-hello-curve-not-offered/);
      assert.match(p384.stdout, /no shared cipher/, "the symptom is the real server's words");
      const p256 = lintSeed001("seed-001-fixed-p256-cert", file);
      assert.equal(p256.code, 0, `${file}: ${p256.stdout}${p256.stderr}`);
    }
  });

  it("the same hello from every capture: Ethernet, pcapng, Linux cooked SLL and SLL2", () => {
    assert.equal(linkTypeOf(files.pcap), 1);
    assert.equal(linkTypeOf(files.sll), 113);
    assert.equal(linkTypeOf(files.sll2), 276);
    const expected = parseClientHello(readFileSync(files.pcap), "hello.pcap");
    assert.deepEqual(expected.groups, [{ id: 0x17, name: "secp256r1" }]);
    for (const file of [files.pcapng, files.sll, files.sll2]) assert.deepEqual(parseClientHello(readFileSync(file), path.basename(file)), expected, file);
    assert.deepEqual(parseClientHello(readFileSync(files.text, "utf8"), "hello-x.txt"), expected);
  });

  it("IPv6 (::1) and a hello after SMTP STARTTLS read the same", () => {
    const expected = parseClientHello(readFileSync(files.pcap), "hello.pcap");
    const v6 = parseClientHello(readFileSync(files.ipv6), "ipv6.pcap");
    assert.deepEqual(v6, expected);
    assert.ok(readFileSync(files.smtp).includes("STARTTLS\r\n"), "the client's stream starts in plaintext");
    const result = runCli(["inspect", "--client-hello", files.smtp]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.deepEqual(parseClientHello(readFileSync(files.smtp), "smtp.pcap"), expected);
  });

  it("the real capture as raw IP (101) and BSD loopback (0): the Ethernet header replaced, the same hello", () => {
    const original = readFileSync(files.pcap);
    const expected = parseClientHello(original, "hello.pcap");
    const relink = (linkType: number, header: Buffer): Buffer => {
      const head = Buffer.from(original.subarray(0, 24));
      head.writeUInt32LE(linkType, 20);
      const packets = records(original).map((r) => {
        const out = Buffer.concat([r.subarray(0, 16), header, r.subarray(16 + 14)]);
        out.writeUInt32LE(out.length - 16, 8);
        out.writeUInt32LE(out.length - 16, 12);
        return out;
      });
      return Buffer.concat([head, ...packets]);
    };
    assert.deepEqual(parseClientHello(relink(101, Buffer.alloc(0)), "raw.pcap"), expected);
    assert.deepEqual(parseClientHello(relink(0, Buffer.from([2, 0, 0, 0])), "null.pcap"), expected);
    // A segmentation-offloaded packet as Linux captures it: IP total length 0, the frame holds it all.
    const offloaded = Buffer.from(original);
    for (const r of records(offloaded)) if (carriesData(r)) r.writeUInt16BE(0, 16 + 14 + 2);
    assert.deepEqual(parseClientHello(offloaded, "offloaded.pcap"), expected);
  });

  it("both byte orders and nanosecond timestamps: tshark's nsecpcap, and the real captures rewritten big-endian", () => {
    const expected = parseClientHello(readFileSync(files.pcap), "hello.pcap");
    const nsec = path.join(dir, "nsec.pcap");
    const converted = spawnSync("tshark", ["-r", files.pcap, "-F", "nsecpcap", "-w", nsec], { encoding: "utf8", timeout: 60_000 });
    assert.equal(converted.status, 0, converted.stderr);
    assert.equal(readFileSync(nsec).readUInt32LE(0), 0xa1b23c4d, "tshark wrote the nanosecond magic");
    assert.deepEqual(parseClientHello(readFileSync(nsec), "nsec.pcap"), expected);
    // pcap: the file header's and each record header's fields swapped (a capture made on a big-endian machine).
    const little = readFileSync(files.pcap);
    const big = Buffer.from(little);
    const swap32 = (at: number) => big.writeUInt32BE(little.readUInt32LE(at), at);
    const swap16 = (at: number) => big.writeUInt16BE(little.readUInt16LE(at), at);
    [0, 8, 12, 16, 20].forEach(swap32);
    [4, 6].forEach(swap16);
    for (let at = 24; at + 16 <= little.length; at += 16 + little.readUInt32LE(at + 8)) [0, 4, 8, 12].forEach((f) => swap32(at + f));
    assert.equal(big.readUInt32BE(0), 0xa1b2c3d4);
    assert.deepEqual(parseClientHello(big, "big-endian.pcap"), expected);
    // pcapng: the fields of the section header, interface description and enhanced packet blocks
    // (their options are left as they are: pkilab reads none of them).
    const ng = readFileSync(files.pcapng);
    const bigNg = Buffer.from(ng);
    const swapNg32 = (at: number) => bigNg.writeUInt32BE(ng.readUInt32LE(at), at);
    const swapNg16 = (at: number) => bigNg.writeUInt16BE(ng.readUInt16LE(at), at);
    let blocks = 0;
    for (let at = 0; at + 12 <= ng.length; ) {
      const type = ng.readUInt32LE(at);
      const length = ng.readUInt32LE(at + 4);
      [0, 4, length - 4].forEach((f) => swapNg32(at + f));
      if (type === 0x0a0d0d0a) {
        swapNg32(at + 8);
        [12, 14].forEach((f) => swapNg16(at + f));
        bigNg.writeBigUInt64BE(ng.readBigUInt64LE(at + 16), at + 16);
      } else if (type === 1) {
        [8, 10].forEach((f) => swapNg16(at + f));
        swapNg32(at + 12);
      } else if (type === 6) {
        [8, 12, 16, 20, 24].forEach((f) => swapNg32(at + f));
      }
      at += length;
      blocks++;
    }
    assert.ok(blocks > 3);
    assert.equal(bigNg.readUInt32BE(8), 0x1a2b3c4d);
    assert.deepEqual(parseClientHello(bigNg, "big-endian.pcapng"), expected);
  });

  it("a capture with a short snap length: one line that says to capture with -s 0", () => {
    const result = runCli(["inspect", "--client-hello", files.snapped]);
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
    assert.match(result.stderr, /snap length.*-s 0/);
  });

  it("a large hello sent in two TCP segments is reassembled, from the pcap and from tshark -x text", () => {
    // tshark's own count of the segments with data toward the server: the hello is split.
    const counted = spawnSync("tshark", ["-r", files.split, "-Y", `tcp.dstport == ${splitPort} && tcp.len > 0`, "-T", "fields", "-e", "frame.number"], { encoding: "utf8" });
    assert.ok(counted.stdout.trim().split("\n").length >= 2, `segments: ${counted.stdout}`);
    const fromPcap = parseClientHello(readFileSync(files.split), "split.pcap");
    assert.deepEqual(fromPcap.alpn, LONG_ALPN);
    assert.deepEqual(fromPcap.groups.map((g) => g.name), ["secp256r1"]);
    assert.equal(fromPcap.truncated, undefined);
    assert.deepEqual(parseClientHello(readFileSync(files.splitText, "utf8"), "split-x.txt"), fromPcap);
    const lint = lintSeed001("seed-001-p384-cert-p256-only-client", files.splitText);
    assert.equal(lint.code, 1, lint.stdout + lint.stderr);
    assert.match(lint.stdout, /client-hello-curve-not-offered/);
  });

  it("tshark -x text without the frame that finishes the hello: one line naming what to do", () => {
    // The dumps are separated by blank lines; keep the frames up to the hello's first segment only.
    const frames = readFileSync(files.splitText, "utf8").split(/\n\n+/);
    const first = frames.findIndex((f) => /16 03 0[0-4] [0-9a-f]{2} [0-9a-f]{2} 01/.test(f.replace(/\s+/g, " ")));
    assert.ok(first >= 0, "a frame starts the hello");
    const cut = path.join(dir, "cut-x.txt");
    writeFileSync(cut, frames.slice(0, first + 1).join("\n\n") + "\n");
    const result = runCli(["inspect", "--client-hello", cut]);
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
    assert.match(result.stderr, /continues in a frame the text does not hold.*save the capture with -w and pass the \.pcap/);
  });

  /** The records of a classic pcap: the 24-byte header, then each 16-byte record header and its packet. */
  const records = (b: Buffer): Buffer[] => {
    const out: Buffer[] = [];
    for (let at = 24; at + 16 <= b.length; ) {
      const length = b.readUInt32LE(at + 8);
      out.push(b.subarray(at, at + 16 + length));
      at += 16 + length;
    }
    return out;
  };
  /** Packets toward the server with TCP data (Ethernet + IPv4 without options + TCP header). */
  const carriesData = (r: Buffer): boolean => {
    const ip = 16 + 14;
    const tcp = ip + (r[ip]! & 0x0f) * 4;
    return r.readUInt16BE(tcp + 2) === splitPort && r.readUInt16BE(ip + 2) > (r[ip]! & 0x0f) * 4 + (r[tcp + 12]! >> 4) * 4;
  };
  describe("edits of the real split capture", () => {
    const rebuild = (b: Buffer, order: (recs: Buffer[], data: number[]) => Buffer[]): Buffer => {
      const recs = records(b);
      const data = recs.flatMap((r, i) => (carriesData(r) ? [i] : []));
      return Buffer.concat([b.subarray(0, 24), ...order(recs, data)]);
    };

    it("segments out of order and sent twice give the same hello", () => {
      const original = readFileSync(files.split);
      const expected = parseClientHello(original, "split.pcap");
      const swapped = rebuild(original, (recs, [a, b]) => recs.map((r, i) => (i === a ? recs[b!]! : i === b ? recs[a!]! : r)));
      assert.deepEqual(parseClientHello(swapped, "swapped"), expected);
      const twice = rebuild(original, (recs, [a, b]) => recs.flatMap((r, i) => (i === a || i === b ? [r, r] : [r])));
      assert.deepEqual(parseClientHello(twice, "twice"), expected);
    });

    it("the second segment missing: one line that says a segment is not in the capture", () => {
      const original = readFileSync(files.split);
      const missing = rebuild(original, (recs, [, b]) => recs.filter((_, i) => i !== b));
      assertOneLineInputError(() => parseClientHello(missing, "missing.pcap"), /^missing\.pcap: packet \d+ \(127\.0\.0\.1:\d+ → 127\.0\.0\.1:\d+\) starts a ClientHello of \d+ bytes .* a TCP segment of the hello is not in the capture: capture the client's connection/);
    });
  });

  describe("hostile and odd captures: an InputError of one line, never a crash", () => {
    it("the real capture cut at every length", () => {
      const original = readFileSync(files.pcap);
      for (let length = 1; length < original.length; length++) {
        try {
          parseClientHello(original.subarray(0, length), "cut.pcap");
        } catch (err) {
          assert.ok(err instanceof InputError, `length ${length}: ${String(err)}`);
          assert.equal(err.message.split("\n").length, 1);
        }
      }
      // Cut inside the hello's packet: the file ends early, and it says so.
      const recs = records(original);
      const hello = recs.findIndex(carriesData);
      const helloAt = 24 + recs.slice(0, hello).reduce((n, r) => n + r.length, 0);
      assertOneLineInputError(() => parseClientHello(original.subarray(0, helloAt + 16 + 40), "cut.pcap"), new RegExp(`no TLS ClientHello in ${hello} packets .*; the file ends inside packet ${hello + 1} `));
    });

    it("the real pcapng cut at every length", () => {
      const original = readFileSync(files.pcapng);
      for (let length = 1; length < original.length; length++) {
        try {
          parseClientHello(original.subarray(0, length), "cut.pcapng");
        } catch (err) {
          assert.ok(err instanceof InputError, `length ${length}: ${String(err)}`);
          assert.equal(err.message.split("\n").length, 1);
        }
      }
    });

    it("a huge declared packet length, zero packets, a bad pcapng block length", () => {
      const original = Buffer.from(readFileSync(files.pcap));
      const huge = Buffer.from(original);
      huge.writeUInt32LE(0xffffffff, 24 + 8);
      assertOneLineInputError(() => parseClientHello(huge, "huge.pcap"), /packet 1 says it holds 4294967295 bytes.*PCAP_LIMITS\.maxPacketBytes = 262144/);
      assertOneLineInputError(() => parseClientHello(original.subarray(0, 24), "empty.pcap"), /^empty\.pcap: the pcap file holds no packets: capture/);
      const pcapng = Buffer.from(readFileSync(files.pcapng));
      const badBlock = Buffer.from(pcapng);
      const shbLength = pcapng.readUInt32LE(4);
      badBlock.writeUInt32LE(13, shbLength + 4); // the first block after the section header
      assertOneLineInputError(() => parseClientHello(badBlock, "bad.pcapng"), /pcapng file is malformed: block 2 says it is 13 bytes long/);
    });

    it("no TCP: the capture's packets made UDP; a capture of other traffic", () => {
      const original = Buffer.from(readFileSync(files.pcap));
      const udp = Buffer.from(original);
      for (let at = 24; at + 16 <= udp.length; at += 16 + udp.readUInt32LE(at + 8)) udp[at + 16 + 14 + 9] = 17;
      assertOneLineInputError(() => parseClientHello(udp, "udp.pcap"), /^udp\.pcap: no TLS ClientHello in (\d+) packets \(\1 packets not TCP\): capture the client's connection/);
      // Only the server's side: segments seen, none of them a hello.
      const serverSide = Buffer.concat([original.subarray(0, 24), ...records(original).filter((r) => r.readUInt16BE(16 + 14 + 20) === splitPort)]);
      assertOneLineInputError(() => parseClientHello(serverSide, "server-side.pcap"), /no TLS ClientHello in \d+ packets \(TCP streams seen: 127\.0\.0\.1:\d+ → 127\.0\.0\.1:\d+; \d+ segments with data\)/);
    });

    it("a magic number and nothing else; a link type pkilab does not read", () => {
      assertOneLineInputError(() => parseClientHello(Buffer.from([0xd4, 0xc3, 0xb2, 0xa1]), "magic.pcap"), /the pcap file is malformed: the file header is 4 of 24 bytes/);
      assertOneLineInputError(() => parseClientHello(Buffer.from([0x0a, 0x0d, 0x0d, 0x0a, 0, 0]), "magic.pcapng"), /the file ends inside block 1/);
      const other = Buffer.from(readFileSync(files.pcap));
      other.writeUInt32LE(147, 20); // LINKTYPE_USER0
      assertOneLineInputError(() => parseClientHello(other, "user0.pcap"), /\d+ packets of link type 147, which pkilab does not read/);
    });

    it("the limits are named", () => {
      assert.ok(PCAP_LIMITS.maxReassembledBytes > 131_396, "room for the largest ClientHello OpenSSL takes, with its record headers");
    });
  });
});
