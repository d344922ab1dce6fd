// src/peers/parse/client-hello.ts on hostile input (issue 11, classes 7 and 14): a ClientHello
// split into 70,000 one-byte records, the same records as one 1.3 MB line of hex, a label line that
// a lazy regex re-read from each of its 50,000 arrows, and input past CLIENT_HELLO_LIMITS. Each
// answer is the right hello or an InputError naming the limit, in well under 2 s; the CLI runs
// (with a 200 MB heap, which V8 aborts past) show the exit code.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { readClientHello } from "../../src/app/read-client-hello.js";
import { InputError } from "../../src/io/input-error.js";
import { CLIENT_HELLO_LIMITS, findClientHellos, parseClientHello, type ClientHello } from "../../src/peers/parse/client-hello.js";
import { BIN, REPO_ROOT, tempDir } from "../helpers/cli.js";

const work = tempDir("client-hello-hostile");
after(() => rmSync(work, { recursive: true, force: true }));

/** Wall time a hostile input may take here; the quadratic code took 86 s (records) or never ended (the label). */
const FAST_MS = 2000;

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

const u16 = (n: number) => [n >> 8, n & 0xff];
const extension = (type: number, data: number[]) => [...u16(type), ...u16(data.length), ...data];

/**
 * A well-formed ClientHello handshake message (RFC 8446 §4.1.2) of exactly `size` bytes: `suites`
 * cipher suites (alternately 0xc02b and 0xc02f), supported_groups [secp256r1],
 * signature_algorithms [ecdsa_secp256r1_sha256], and a padding extension (RFC 7685, type 21)
 * making up the rest. `seed` (16 bits) starts the random, so hellos can differ; `full` gives the session
 * id and the compression methods their largest sizes (32 and 255 bytes).
 */
function helloMessage(size: number, suites: number, { seed = 0, full = false } = {}): Uint8Array {
  const fixed = [
    ...[3, 3],
    ...u16(seed),
    ...Array.from({ length: 30 }, (_, i) => i),
    ...(full ? [32, ...new Array<number>(32).fill(7)] : [0]),
    ...u16(suites * 2),
    ...Array.from({ length: suites }, (_, i) => (i % 2 === 0 ? [0xc0, 0x2b] : [0xc0, 0x2f])).flat(),
    ...(full ? [255, ...new Array<number>(255).fill(0)] : [1, 0]),
  ];
  const extensions = [...extension(10, [0, 2, 0, 23]), ...extension(13, [0, 2, 4, 3])];
  const paddingLength = size - 4 - fixed.length - 2 - extensions.length - 4;
  assert.ok(paddingLength >= 0 && extensions.length + 4 + paddingLength <= 0xffff, `no ClientHello of ${size} bytes with ${suites} suites`);
  const allExtensions = [...extensions, ...extension(21, new Array<number>(paddingLength).fill(0))];
  const body = [...fixed, ...u16(allExtensions.length), ...allExtensions];
  return Uint8Array.from([1, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff, ...body]);
}

/** The message as TLS 1.2 handshake records of at most `fragment` bytes each (RFC 8446 §5.1). */
function inRecords(message: Uint8Array, fragment: number): Uint8Array {
  const out: number[] = [];
  for (let at = 0; at < message.length; at += fragment) {
    const part = message.subarray(at, at + fragment);
    out.push(0x16, 3, 3, ...u16(part.length));
    for (const byte of part) out.push(byte);
  }
  return Uint8Array.from(out);
}

const spacedHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");

function inputError(fn: () => unknown, source: string, expected: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof InputError, `expected an InputError, got ${String(caught)}`);
  assert.ok(!caught.message.includes("\n"), `not one line: ${caught.message}`);
  assert.ok(caught.message.startsWith(`${source}: `), `does not name ${source}: ${caught.message}`);
  assert.match(caught.message, expected);
}

/** The CLI in a child whose heap is capped at 200 MB (past it V8 aborts: no exit code 0, 1 or 2). */
function cli(args: string[]): { code: number; stdout: string; stderr: string; ms: number } {
  const start = performance.now();
  const result = spawnSync(process.execPath, ["--max-old-space-size=200", BIN, ...args], { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - start };
}

// 15,000 suites and ~40 KB of padding: 70,000 bytes, so one-byte records number 70,000.
const HELLO = helloMessage(70_000, 15_000);
const ONE_BYTE_RECORDS = inRecords(HELLO, 1);
/** What the hello decodes to read directly as a handshake message: no records to reassemble. */
const EXPECTED: ClientHello = parseClientHello(HELLO, "hello.bin");

describe("client-hello: hostile input", () => {
  it("the test hello is what it says: 70,000 bytes, 15,000 suites, secp256r1, padding", () => {
    assert.equal(HELLO.length, 70_000);
    assert.equal(EXPECTED.cipherSuites.length, 15_000);
    assert.deepEqual(EXPECTED.groups.map((g) => g.name), ["secp256r1"]);
    assert.deepEqual(EXPECTED.signatureAlgorithms.map((s) => s.name), ["ecdsa_secp256r1_sha256"]);
    assert.deepEqual(EXPECTED.extensions.map((e) => e.id), [10, 13, 21]);
    assert.equal(ONE_BYTE_RECORDS.length, 70_000 * 6);
  });

  it("reassembles 70,000 one-byte records in linear time (they were joined again after each record)", () => {
    const { value, ms } = timed(() => parseClientHello(ONE_BYTE_RECORDS, "records.bin"));
    assert.deepEqual(value, EXPECTED);
    assert.ok(ms < FAST_MS, `${Math.round(ms)} ms`);
  });

  it("reads the same records as one 1.3 MB line of hex (bytes were spread into push(), past the stack)", () => {
    const line = spacedHex(ONE_BYTE_RECORDS);
    assert.ok(line.length > 1_000_000);
    const direct = timed(() => parseClientHello(line, "records.hex"));
    assert.deepEqual(direct.value, EXPECTED);
    assert.ok(direct.ms < FAST_MS, `${Math.round(direct.ms)} ms`);
    // In a log: the line is a block of its own, reassembled by the log scanner's stream.
    const inLog = timed(() => findClientHellos(`client log\n${line}\nend\n`));
    assert.deepEqual(inLog.value, [{ ...EXPECTED, line: 2 }]);
    assert.ok(inLog.ms < FAST_MS, `${Math.round(inLog.ms)} ms`);
  });

  it("reassembles 70,000 records given one per line, through the log scanner's stream", () => {
    const lines: string[] = [];
    for (let at = 0; at < ONE_BYTE_RECORDS.length; at += 6) lines.push(spacedHex(ONE_BYTE_RECORDS.subarray(at, at + 6)));
    const { value, ms } = timed(() => findClientHellos(`${lines.join("\n")}\n`));
    assert.deepEqual(value, [{ ...EXPECTED, line: 1 }]);
    assert.ok(ms < FAST_MS, `${Math.round(ms)} ms`);
  });

  it("reads a label line of 50,000 openssl -msg arrows once (`.*?` re-read the line from each arrow)", () => {
    const small = helloMessage(200, 10);
    const dump = (bytes: Uint8Array) => {
      const rows: string[] = [];
      for (let at = 0; at < bytes.length; at += 16) rows.push(`${at.toString(16).padStart(4, "0")} - ${spacedHex(bytes.subarray(at, at + 16))}`);
      return rows.join("\n");
    };
    const log = `${">>> ".repeat(50_000)}\n${dump(inRecords(small, 16384))}\n`;
    const { value, ms } = timed(() => findClientHellos(log));
    assert.equal(value.length, 1);
    assert.equal(value[0]!.cipherSuites.length, 10);
    assert.ok(ms < FAST_MS, `${Math.round(ms)} ms`);
  });

  it("refuses a hello declaring more than CLIENT_HELLO_LIMITS.maxMessageBytes, as OpenSSL's server does", () => {
    const limit = CLIENT_HELLO_LIMITS.maxMessageBytes;
    // The largest hello decodes (every field at its largest: OpenSSL's sum); one byte more is refused.
    const largest = helloMessage(4 + limit, 32_767, { full: true });
    assert.equal(parseClientHello(inRecords(largest, 16384), "largest.bin").cipherSuites.length, 32_767);
    const declared = Uint8Array.from([1, 0, 0, 0, ...new Array<number>(60).fill(3)]);
    declared.set([(limit + 1) >> 16, ((limit + 1) >> 8) & 0xff, (limit + 1) & 0xff], 1);
    const says = new RegExp(`declares ${limit + 1} bytes, more than any ClientHello can hold \\(CLIENT_HELLO_LIMITS\\.maxMessageBytes = ${limit}`);
    inputError(() => parseClientHello(declared, "long.bin"), "long.bin", says);
    inputError(() => parseClientHello(inRecords(declared, 16384), "long-records.bin"), "long-records.bin", says);
    inputError(() => parseClientHello(inRecords(Uint8Array.from([1, 0xff, 0xff, 0xff]), 1), "huge.bin"), "huge.bin", /declares 16777215 bytes/);
  });

  it("stops past CLIENT_HELLO_LIMITS.maxTotalHelloBytes of distinct hellos in one log", () => {
    const each = 2048;
    const count = Math.floor(CLIENT_HELLO_LIMITS.maxTotalHelloBytes / each) + 1;
    const hellos = Array.from({ length: count }, (_, i) => spacedHex(inRecords(helloMessage(each, 100, { seed: i }), 16384)));
    // One fewer fits: all are found, each once.
    assert.equal(findClientHellos(hellos.slice(0, count - 1).join("\n\n")).length, count - 1);
    const { ms } = timed(() => inputError(() => findClientHellos(hellos.join("\n\n"), "many.log"), "many.log", /more than 1048576 bytes of ClientHellos .*CLIENT_HELLO_LIMITS\.maxTotalHelloBytes = 1048576/));
    assert.ok(ms < FAST_MS, `${Math.round(ms)} ms`);
  });

  it("refuses text past CLIENT_HELLO_LIMITS.maxTextLines or maxTextChars, naming the limit", () => {
    const lines = CLIENT_HELLO_LIMITS.maxTextLines;
    // A million blank lines cost the fuzz harness 2.3 s in the log scanner; the limit answers at once.
    const blank = timed(() => inputError(() => findClientHellos("\n".repeat(1_000_000), "blank.log"), "blank.log", /^blank\.log: 1000001 lines, more than pkilab searches for a ClientHello \(CLIENT_HELLO_LIMITS\.maxTextLines = 500000\)/));
    assert.ok(blank.ms < FAST_MS, `${Math.round(blank.ms)} ms`);
    assert.deepEqual(findClientHellos("\n".repeat(lines - 1)), []);
    const chars = CLIENT_HELLO_LIMITS.maxTextChars;
    inputError(() => parseClientHello("16 ".repeat(chars / 3 + 1), "long.hex"), "long.hex", new RegExp(`^long\\.hex: ${chars + 2} characters, .*CLIENT_HELLO_LIMITS\\.maxTextChars = ${chars}\\)`));
  });

  it("names an argument that is neither a file nor hex in one line, however it is pasted (the fuzz harness found a dump with a NUL)", () => {
    const says = (arg: string, expected: RegExp) =>
      assert.throws(() => readClientHello(arg), (err: unknown) => err instanceof InputError && !err.message.includes("\n") && expected.test(err.message));
    const pasted = `\u0000${spacedHex(HELLO.subarray(0, 64)).replace(/(.{48})/g, "$1\n")}`;
    says(pasted, /^argument "\\u000001 01 11 6c[^"\n]{0,40}…": not a file name, and not hex either: give a file with the ClientHello/);
    says(`${"x".repeat(5000)}.bin`, /^argument "x{38}…": not a file name, and not hex either/);
    says("two\nlines.bin", /^argument "two\\nlines\.bin": no such file or directory, and not hex either/);
  });

  it("CLI: inspect --client-hello reads the 1.3 MB hex line (exit 0), refuses a 16 MB one that is not TLS and an over-long hello (exit 2)", () => {
    const hexFile = path.join(work, "records.hex");
    writeFileSync(hexFile, `${spacedHex(ONE_BYTE_RECORDS)}\n`);
    const ok = cli(["inspect", "--client-hello", hexFile]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /TLS ClientHello/);
    assert.match(ok.stdout, /groups +secp256r1/);
    assert.ok(ok.ms < 2 * FAST_MS, `${Math.round(ok.ms)} ms`);

    // A 16 MB line of hex: read in two passes, nothing per byte (split into 5 million strings it took 700 MB).
    const wideFile = path.join(work, "wide.hex");
    writeFileSync(wideFile, "16 ".repeat(5_333_333));
    const wide = cli(["inspect", "--client-hello", wideFile]);
    assert.equal(wide.code, 2, wide.stderr);
    assert.match(wide.stderr, /^pkilab: .*wide\.hex: not a TLS ClientHello: the bytes start with 16 16 16 16 16 16 16 16, .*\n$/);
    assert.ok(wide.ms < 3 * FAST_MS, `${Math.round(wide.ms)} ms`);

    const longFile = path.join(work, "long.bin");
    writeFileSync(longFile, Uint8Array.from([0x16, 3, 3, 0, 4, 1, 0xff, 0xff, 0xff]));
    const refused = cli(["inspect", "--client-hello", longFile]);
    assert.equal(refused.code, 2);
    assert.equal(refused.stdout, "");
    assert.match(refused.stderr, /^pkilab: .*long\.bin: the ClientHello is malformed: it declares 16777215 bytes, .*CLIENT_HELLO_LIMITS\.maxMessageBytes = 131396.*\n$/);
    assert.ok(refused.ms < 2 * FAST_MS, `${Math.round(refused.ms)} ms`);
  });
});
