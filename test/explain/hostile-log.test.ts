// explain --log on hostile input (issue 11, class 12): lines that made the event patterns of
// src/explain/events.ts backtrack (a run of letters before " (47)", blanks between "alert" and its
// number, "(20:" without ")") are scanned in linear time, and what a log may cost is bounded by
// LOG_LIMITS (src/explain/log.ts). Each answer is the right events or an InputError naming the
// limit, in well under 2 s; the CLI runs (with a 200 MB heap, which V8 aborts past) show the exit code.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { explainLog } from "../../src/app/explain-log.js";
import { eventsIn } from "../../src/explain/events.js";
import { LOG_LIMITS } from "../../src/explain/log.js";
import { InputError } from "../../src/io/input-error.js";
import { BIN, REPO_ROOT, tempDir } from "../helpers/cli.js";

const work = tempDir("hostile-log");
after(() => rmSync(work, { recursive: true, force: true }));

/** Wall time one hostile line or log may take here; the backtracking patterns took 2 to 27 s per 60,000-character line. */
const FAST_MS = 2000;

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

/** `unit` repeated to exactly `length` characters. */
const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

const LONG = 60_000;

/**
 * Each shape made one pattern re-read a long run from many start positions, and is followed by
 * nothing that completes a match (`plain`) or by what completes exactly one at its very end
 * (`completed`, with the event it must give).
 */
const SHAPES: { name: string; plain: string; completed: string; event: { kind: string; value: number } }[] = [
  {
    name: "letters before an alert number",
    plain: fill("a", LONG),
    completed: `${fill("a", LONG)} Illegal Parameter (47)`,
    event: { kind: "alert", value: 47 },
  },
  {
    name: "alert words without a number",
    plain: "Decrypt Error ".repeat(Math.ceil(LONG / 14)),
    completed: `${"Decrypt Error ".repeat(Math.ceil(LONG / 14))}(51)`,
    event: { kind: "alert", value: 51 },
  },
  {
    name: "verify-error openings without a closing parenthesis",
    plain: fill("(1:a", LONG),
    completed: `${fill("(1:a", LONG)})`,
    event: { kind: "openssl-verify", value: 1 },
  },
  {
    name: "blanks between 'alert' and its number",
    plain: `alert${" ".repeat(LONG)}x`,
    completed: `alert${" ".repeat(LONG)}# 40`,
    event: { kind: "alert", value: 40 },
  },
  {
    name: "blanks between 'flags' and its value",
    plain: `flags${" ".repeat(LONG)}x`,
    completed: `flags${" ".repeat(LONG)}= 0x8`,
    event: { kind: "verify-flags", value: 8 },
  },
];

function inputError(fn: () => Promise<unknown>, expected: RegExp): Promise<void> {
  return assert.rejects(fn, (err: unknown) => {
    assert.ok(err instanceof InputError, `expected an InputError, got ${String(err)}`);
    assert.ok(!err.message.includes("\n"), `not one line: ${err.message}`);
    assert.match(err.message, expected);
    return true;
  });
}

function writeLog(name: string, text: string): string {
  const file = path.join(work, name);
  writeFileSync(file, text);
  return file;
}

const explain = (file: string) => explainLog({ file, chainFiles: [], caFiles: [], at: new Date("2026-06-01T00:00:00Z") });

/** The CLI in a child whose heap is capped at 200 MB (past it V8 aborts: no exit code 0, 1 or 2). */
function cli(args: string[]): { code: number; stdout: string; stderr: string; ms: number } {
  const start = performance.now();
  const result = spawnSync(process.execPath, ["--max-old-space-size=200", BIN, ...args], { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - start };
}

describe("explain: hostile log lines", () => {
  for (const shape of SHAPES) {
    it(`${shape.name}: ${LONG} characters scanned in linear time, the event found when one completes`, () => {
      const plain = timed(() => eventsIn(shape.plain));
      assert.deepEqual(plain.value, []);
      assert.ok(plain.ms < FAST_MS, `${Math.round(plain.ms)} ms`);
      const completed = timed(() => eventsIn(shape.completed));
      assert.deepEqual(
        completed.value.map((e) => ({ kind: e.kind, value: e.value })),
        [shape.event],
      );
      assert.ok(completed.ms < FAST_MS, `${Math.round(completed.ms)} ms`);
    });
  }

  it("a log of every shape, five lines each, in one pass", async () => {
    const lines = SHAPES.flatMap((s) => [s.plain, s.completed, s.plain, s.completed, s.plain]);
    const file = writeLog("shapes.log", `${lines.join("\n")}\n`);
    const { value, ms } = await timedAsync(() => explain(file));
    // The same event on lines two apart is one failure reported twice (REPEAT_WINDOW): once per shape.
    assert.deepEqual(
      value.events.map((e) => ({ kind: e.kind, value: e.value, line: e.line })),
      SHAPES.map((s, i) => ({ ...s.event, line: i * 5 + 2 })),
    );
    assert.ok(ms < FAST_MS, `${Math.round(ms)} ms`);
  });
});

async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

describe("explain: LOG_LIMITS", () => {
  it(`scans a line of exactly maxLineChars (${LOG_LIMITS.maxLineChars}) and refuses one character more, naming the limit`, async () => {
    const limit = LOG_LIMITS.maxLineChars;
    const atLimit = writeLog("at-limit.log", `${fill("a", limit - 8)} -0x7780\n`);
    assert.deepEqual((await explain(atLimit)).events.map((e) => e.value), [-0x7780]);
    const over = writeLog("over-limit.log", `ok\n${fill("a", limit - 7)} -0x7780\n`);
    await inputError(() => explain(over), new RegExp(`^${escape(over)}:2: a line of ${limit + 1} characters, longer than pkilab scans \\(LOG_LIMITS\\.maxLineChars = ${limit};.*: give the log as the peer wrote it`));
  });

  it("refuses a 200,000-letter line at once (the patterns took over 15 s on it)", async () => {
    const file = writeLog("letters.log", `${fill("a", 200_000)}\n`);
    const { ms } = await timedAsync(() => inputError(() => explain(file), /a line of 200000 characters, .*LOG_LIMITS\.maxLineChars = 65536/));
    assert.ok(ms < FAST_MS, `${Math.round(ms)} ms`);
  });

  it("refuses a 1 MB line of hex the same way (break it into lines: hex may span them)", async () => {
    const file = writeLog("hex-line.log", `${fill("16 03 01 ", 1_000_000)}\n`);
    await inputError(() => explain(file), /a line of 1000000 characters, .*LOG_LIMITS\.maxLineChars = 65536.*break the long line \(hex may span lines\)/);
  });

  it(`reads maxLines (${LOG_LIMITS.maxLines}) lines and refuses a log with more (the fuzz harness's 1.1 million blank lines took 6 s)`, async () => {
    const max = LOG_LIMITS.maxLines;
    // "\n" n times is n + 1 lines, the last one empty.
    const atLimit = await explain(writeLog("lines-at-limit.log", `${"x\n".repeat(max - 1)}-0x7780`));
    assert.deepEqual(atLimit.events.map((e) => [e.value, e.line]), [[-0x7780, max]]);
    const file = writeLog("lines-over-limit.log", "\n".repeat(1_100_000));
    const { ms } = await timedAsync(() => inputError(() => explain(file), new RegExp(`^${escape(file)}: more than ${max} lines \\(LOG_LIMITS\\.maxLines = ${max}\\): give the part of the log`)));
    assert.ok(ms < FAST_MS, `${Math.round(ms)} ms`);
  });

  it(`refuses a log of more than maxLogBytes (${LOG_LIMITS.maxLogBytes}) bytes before reading its lines`, async () => {
    const max = LOG_LIMITS.maxLogBytes;
    const file = writeLog("big.log", `${"client closed connection\n".repeat(Math.ceil(max / 25))}`);
    const size = Math.ceil(max / 25) * 25;
    assert.ok(size > max);
    const { ms } = await timedAsync(() => inputError(() => explain(file), new RegExp(`^${escape(file)}: ${size} bytes, more than pkilab reads as a log \\(LOG_LIMITS\\.maxLogBytes = ${max}\\)`)));
    assert.ok(ms < FAST_MS, `${Math.round(ms)} ms`);
  });

  it(`stops past maxEvents (${LOG_LIMITS.maxEvents}) events, naming the line and the limit`, async () => {
    // Distinct mbedTLS codes, so that no event folds into the one before it.
    const codes = (n: number) => Array.from({ length: n }, (_, i) => `mbedtls_ssl_handshake returned -0x${(0x1000 + i).toString(16)}`).join("\n");
    const max = LOG_LIMITS.maxEvents;
    const atLimit = await explain(writeLog("events-at-limit.log", `${codes(max)}\n`));
    assert.equal(atLimit.events.length, max);
    const file = writeLog("events-over-limit.log", `${codes(max + 1)}\n`);
    await inputError(() => explain(file), new RegExp(`^${escape(file)}: more than ${max} events \\(line ${max + 1} holds event ${max + 1}; LOG_LIMITS\\.maxEvents = ${max}\\): give the part of the log`));
  });

  it("CLI: explain --log answers the hostile lines in time (exit 0) and refuses the long line in one line (exit 2)", () => {
    const shapes = writeLog("cli-shapes.log", `${SHAPES.flatMap((s) => [s.plain, s.completed]).join("\n")}\n`);
    const found = cli(["explain", "--log", shapes]);
    assert.equal(found.code, 0, found.stderr);
    assert.match(found.stdout, /5 event\(s\)/);
    assert.ok(found.ms < 2 * FAST_MS, `${Math.round(found.ms)} ms`);

    const letters = writeLog("cli-letters.log", `${fill("a", 200_000)}\n`);
    const refused = cli(["explain", "--log", letters]);
    assert.equal(refused.code, 2);
    assert.equal(refused.stdout, "");
    assert.match(refused.stderr, /^pkilab: .*cli-letters\.log:1: a line of 200000 characters, .*LOG_LIMITS\.maxLineChars = 65536.*\n$/);
    assert.ok(refused.ms < 2 * FAST_MS, `${Math.round(refused.ms)} ms`);
  });
});

/** A path as a literal inside a RegExp. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("explain: the wordings of src/knowledge/messages.ts on hostile lines", () => {
  // Each opening without its ")" or '"' made the pattern read to the end of the line: 40 such
  // 64K lines took 3.7 s. The reason texts they capture are short (OpenSSL's longest verify text
  // is under 100 characters, a host name at most 253), so the captures are bounded.
  const openings = [
    "client SSL certificate verify error: (20:",
    "upstream SSL certificate verify error: (20:",
    'upstream SSL certificate does not match "',
    "SSL_do_handshake() failed (SSL: error:0A000412:SSL routines:",
  ];
  for (const opening of openings) {
    it(`"${opening}" repeated without its end: linear`, async () => {
      const line = fill(`${opening}x `, LOG_LIMITS.maxLineChars - 10);
      const file = path.join(work, `openings-${openings.indexOf(opening)}.log`);
      writeFileSync(file, `${line}\n`.repeat(40));
      const start = performance.now();
      await explainLog({ file, chainFiles: [], caFiles: [], at: new Date("2030-01-01T00:00:00Z") });
      assert.ok(performance.now() - start < FAST_MS, `took ${Math.round(performance.now() - start)} ms`);
    });
  }

  it("the wordings still match what nginx writes", () => {
    const line = "2025/01/01 00:00:00 [info] 1#1: *1 client SSL certificate verify error: (26:unsuitable certificate purpose) while reading client request headers";
    assert.deepEqual(eventsIn(line).map((e) => [e.kind, e.value]), [["openssl-verify", 26]]);
  });
});
