// src/peers/parse/c-preprocessor.ts: #if arithmetic and macro expansion compared bit by bit with
// the real preprocessor (`cc -E -dM`), the errors a compiler also stops on, the directive structure
// errors, and the limits that bound what an input may cost (each regression input finishes in well
// under a second).
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { InputError } from "../../src/io/input-error.js";
import { evaluateInteger, PREPROCESSOR_LIMITS, PreprocessError, preprocess, type MacroDefinition } from "../../src/peers/parse/c-preprocessor.js";
import { readMbedtlsConfig } from "../../src/app/read-mbedtls-config.js";
import { tempDir } from "../helpers/cli.js";
import { requireProgram, run } from "../helpers/peers.js";

const work = tempDir("c-preprocessor");
after(() => rmSync(work, { recursive: true, force: true }));

let fileCount = 0;
function write(name: string, text: string): string {
  const file = path.join(work, `${fileCount++}-${name}`);
  writeFileSync(file, text);
  return file;
}

/** cc's macro table for `text` (only names `keep` accepts), and its exit code and stderr. */
function cc(text: string, keep: (name: string) => boolean): { macros: Map<string, string>; code: number; stderr: string } {
  const file = write("t.h", text);
  const r = run("cc", ["-E", "-dM", "-w", file]);
  const macros = new Map<string, string>();
  for (const line of r.stdout.split("\n")) {
    const m = /^#define (\w+) ?(.*)$/.exec(line);
    if (m && keep(m[1]!)) macros.set(m[1]!, m[2]!);
  }
  return { macros, code: r.code, stderr: r.stderr };
}

function pkilab(text: string, keep: (name: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, def] of preprocess([{ name: "t.h", text }]).macros) if (keep(name)) out.set(name, def.body);
  return out;
}

/** Asserts `fn` throws a one-line PreprocessError whose message starts with `origin` and matches `pattern`. */
function throwsAt(fn: () => unknown, origin: string, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof PreprocessError, `expected a PreprocessError, got ${String(err)}`);
    assert.ok(!err.message.includes("\n"), `one line: ${err.message}`);
    assert.ok(err.message.startsWith(`${origin}: `), `starts with ${origin}: ${err.message}`);
    assert.match(err.message, pattern);
    return true;
  });
}

/** Runs `fn` and returns how long it took, in milliseconds. */
function timed(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

// Macros the expressions below use: token-level expansion (SUM * 3 is 1 + 2 * 3), self- and
// mutually-referential macros (not expanded inside their own expansion), empty macros, `defined`
// coming out of a macro, a function-like macro named without parentheses (an identifier: 0).
const PRELUDE = `#define FOO 0
#define SUM 1 + 2
#define NEG -1
#define EMPTY
#define SELF SELF + 1
#define MUT_A MUT_B + 1
#define MUT_B MUT_A * 2
#define ALIAS FOO
#define DEF defined(FOO)
#define DEF_BARE defined
#define FN(x) (x + 100)
#define TWICE(x) x x
#define BIG 0xFFFFFFFFFFFFFFFF
#define CHAIN3 CHAIN2 + CHAIN2
#define CHAIN2 CHAIN1 * CHAIN1
#define CHAIN1 (3)
`;

/** Expressions whose 64-bit value and signedness cc and pkilab must agree on. */
const EXPRESSIONS = [
  "1 + 2 * 3",
  "(1 + 2) * 3",
  "-7 / 2",
  "-7 % 2",
  "7 / -2",
  "5 % -3",
  "-5 % 3",
  "-1 < 0u",
  "-1 > 0u",
  "-1 / 2u",
  "(0u - 1) / 2",
  "0xFFFFFFFFFFFFFFFF",
  "18446744073709551615",
  "18446744073709551616",
  "0x1FFFFFFFFFFFFFFFF",
  "18446744073709551617u",
  "9223372036854775807 + 1",
  "9223372036854775808 > 0",
  "0x8000000000000000 > 0",
  "-0x8000000000000000 < 0",
  "1 << 63",
  "1u << 63",
  "1 << 64",
  "1 << -1",
  "256 >> -2",
  "-1 >> 1",
  "-1u >> 1",
  "-8 >> 70",
  "~0",
  "~0u",
  "!0",
  "!5",
  "- -3",
  "+3",
  "077",
  "0x7f",
  "0b101",
  "10UL",
  "10ull",
  "'a'",
  "'\\n'",
  "'\\x41'",
  "'\\0'",
  "1 ? 2 : 3",
  "0 ? 2 : 3u",
  "0 ? -1 : 0u",
  "1 ? -1 : 0u",
  "(0 ? 1u : -1) < 0",
  "1 ? 2 ? 3 : 4 : 5",
  "0 ? 1 : 0 ? 2 : 3",
  "(1, 2)",
  "1 || 1 / 0",
  "0 && 1 / 0",
  "0 ? 1 / 0 : 2",
  "1 == 1 == 1",
  "2 > 1 > 0",
  "3 & 5 | 2 ^ 7",
  "1 < 2 ? 10 : 20",
  "((((((((1))))))))",
  "5 / 2 * 2",
  "defined(FOO)",
  "defined FOO",
  "!defined(BAR)",
  "defined(ALIAS) + ALIAS",
  "SUM * 3",
  "NEG < 0u",
  "EMPTY 5 EMPTY",
  "SELF",
  "MUT_A",
  "MUT_B",
  "DEF",
  "DEF_BARE FOO",
  "DEF_BARE(BAR)",
  "FN + 1",
  "TWICE",
  "BIG == -1",
  "BIG >> 60",
  "CHAIN3",
  "UNDEFINED_NAME + 7",
  "true",
];

describe("#if arithmetic and macro expansion, bit by bit against cc -E -dM", () => {
  before(() => requireProgram("cc"));

  it(`${EXPRESSIONS.length} expressions: the same 64-bit value and signedness`, () => {
    // For each expression: 64 `#if ((E) >> k) & 1` give its bits, `#if (E) * 0 - 1 < 0` its signedness.
    const lines = [PRELUDE];
    EXPRESSIONS.forEach((e, i) => {
      for (let k = 0; k < 64; k++) lines.push(`#if ((${e}) >> ${k}) & 1\n#define R${i}_${k}\n#endif`);
      lines.push(`#if (${e}) * 0 - 1 < 0\n#define S${i}\n#endif`);
    });
    const text = lines.join("\n") + "\n";
    const keep = (n: string): boolean => /^[RS]\d/.test(n);
    const real = cc(text, keep);
    assert.equal(real.code, 0, real.stderr);
    const ours = pkilab(text, keep);
    const value = (macros: Map<string, string>, i: number): string => {
      let v = 0n;
      for (let k = 0; k < 64; k++) if (macros.has(`R${i}_${k}`)) v |= 1n << BigInt(k);
      return `${macros.has(`S${i}`) ? "signed" : "unsigned"} 0x${v.toString(16)}`;
    };
    const disagreements = EXPRESSIONS.map((e, i) => ({ e, cc: value(real.macros, i), pkilab: value(ours, i) })).filter((x) => x.cc !== x.pkilab);
    assert.deepEqual(disagreements, []);
    // The values are not all alike (a broken harness would make them so).
    assert.ok(new Set(EXPRESSIONS.map((_, i) => value(ours, i))).size > 20);
  });

  it("expressions cc rejects, pkilab rejects too, naming the line", () => {
    const bad = ["1 / 0", "2 % 0", "1 +", "(1", "1 2", '"text"', "1.0", "1e3", "099", "", "defined", "defined(", "1 ? 2", "0x"];
    for (const expression of bad) {
      const text = `${PRELUDE}\n#if ${expression}\n#define X\n#endif\n`;
      assert.notEqual(cc(text, () => false).code, 0, `cc accepts #if ${expression}`);
      throwsAt(() => preprocess([{ name: "bad.h", text }]), "bad.h:18", /^bad\.h:18: cannot evaluate `#if [^`]*`: .+: correct the line, or pass a `cc -E -dM` macro dump/);
    }
  });

  it("a function-like macro called in #if: cc expands it, pkilab refuses with a clear line instead of guessing", () => {
    const text = `${PRELUDE}\n#if FN(1) > 100\n#define CALLED\n#endif\n`;
    assert.equal(cc(text, (n) => n === "CALLED").macros.has("CALLED"), true);
    throwsAt(() => preprocess([{ name: "fn.h", text }]), "fn.h:18", /FN\(…\) calls a function-like macro, which pkilab does not expand/);
    throwsAt(() => preprocess([{ name: "hi.h", text: "#if __has_include(<stdio.h>)\n#endif\n" }]), "hi.h:1", /__has_include\(…\) is not a macro pkilab knows/);
  });
});

describe("directives", () => {
  it("every branch form, nesting, skipped groups with anything in them", () => {
    const text = `#define A 2
#if A == 1
#define ONE
#elif A == 2
#  ifdef A
#    define TWO_A
#  elifdef B
#    define TWO_B
#  endif
#elif this is never read (
#else
#define ELSE
#endif
#ifndef B
#define NOT_B
#elifndef A
#define NEVER
#endif
#if 0
#if garbage
#else garbage
#endif
' unterminated " literals and @ signs
#error not reached
#endif
#define C /* a comment
that spans lines */ 3
#undef A
#ifdef A
#define A_STILL
#endif
`;
    const r = preprocess([{ name: "d.h", text }]);
    assert.deepEqual([...r.macros.keys()], ["TWO_A", "NOT_B", "C"]);
    assert.equal(r.macros.get("C")!.body, "3");
    assert.equal(r.macros.get("C")!.origin, "d.h:26");
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.sources[0]!.mentions.map((m) => `${m.name} ${m.how} ${m.origin}`),
      ["A define d.h:1", "ONE inactive d.h:3", "TWO_A define d.h:6", "TWO_B inactive d.h:8", "ELSE inactive d.h:12", "NOT_B define d.h:15", "NEVER inactive d.h:17", "C define d.h:26", "A undef d.h:28", "A_STILL inactive d.h:30"],
    );
    assert.deepEqual([...r.sources[0]!.ifndefs], ["B"]);
  });

  it("#error in a taken group is reported with its line; in a skipped one it is not", () => {
    const r = preprocess([{ name: "e.h", text: '#if 1\n#error   "needs   MBEDTLS_X"\n#else\n#error other\n#endif\n#if 0\n#error no\n#endif\n' }]);
    assert.deepEqual(r.errors, [{ origin: "e.h:2", text: '"needs MBEDTLS_X"' }]);
  });

  it("sources share one macro table, in order; each balances its own conditionals", () => {
    const r = preprocess([
      { name: "a.h", text: "#define CONFIG_X 1\n#define MBEDTLS_A\n" },
      { name: "b.h", text: "#if CONFIG_X\n#define MBEDTLS_B\n#endif\n#undef MBEDTLS_A\n" },
    ]);
    assert.deepEqual([...r.macros.keys()], ["CONFIG_X", "MBEDTLS_B"]);
    throwsAt(() => preprocess([{ name: "a.h", text: "#if 1\n" }, { name: "b.h", text: "#endif\n" }]), "a.h:1", /#if without #endif/);
  });

  it("function-like definitions keep their parameters; bodies are whitespace-normalised like cc -dM", () => {
    const r = preprocess([{ name: "f.h", text: '#define F( a , b ) ( a  +\tb )   /* c */\n#define G() 1\n#define V(x, ...) x __VA_ARGS__\n#define S "a  b"   "c"\n#define L \\\n  1 \\\n  + 2\n' }]);
    const show = (d: MacroDefinition): string => `${d.params ? `(${d.params.join(",")})` : ""}${d.body}`;
    assert.deepEqual(Object.fromEntries([...r.macros].map(([n, d]) => [n, show(d)])), { F: "(a,b)( a + b )", G: "()1", V: "(x,...)x __VA_ARGS__", S: '"a  b" "c"', L: "1 + 2" });
  });

  it("structure errors name the file and line, what is wrong and what to do", () => {
    const cases: [string, string, RegExp][] = [
      ["#define A\n#endif\n", "s.h:2", /#endif without #if: remove it, or add the #if it belongs to/],
      ["#else\n", "s.h:1", /#else without #if/],
      ["#elif 1\n", "s.h:1", /#elif without #if/],
      ["#define A\n#ifdef A\n#if 0\n#endif\n", "s.h:2", /#ifdef without #endif \(the file ends inside it\): add #endif where its block ends/],
      ["#if 1\n#else\n#else\n#endif\n", "s.h:3", /#else after #else \(the #if is at line 1\): remove one of them/],
      ["#if 0\n#else\n#elif 1\n#endif\n", "s.h:3", /#elif after #else \(the #if is at line 1\): move it before the #else/],
      ["#define\n", "s.h:1", /#define is not followed by a macro name/],
      ["#undef 3\n", "s.h:1", /#undef is not followed by a macro name/],
      ["#define F(a b) a\n", "s.h:1", /the parameter list of F is not C/],
      ["#ifdef\n#endif\n", "s.h:1", /#ifdef is not followed by a macro name/],
      ["#define A 1\n/* open\n#define B\n", "s.h:2", /a \/\* comment is not closed by the end of the file: add \*\//],
    ];
    for (const [text, origin, pattern] of cases) throwsAt(() => preprocess([{ name: "s.h", text }]), origin, pattern);
  });

  it("through readMbedtlsConfig: a structure error is an InputError; an #error reached is a contradiction", () => {
    const unbalanced = write("device_config.h", "#define MBEDTLS_ECP_C\n#if defined(MBEDTLS_ECP_C)\n#define MBEDTLS_ECDSA_C\n");
    assert.throws(() => readMbedtlsConfig([unbalanced]), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.exitCode, 2);
      assert.equal(err.message, `${unbalanced}:2: #if without #endif (the file ends inside it): add #endif where its block ends`);
      return true;
    });
    const guarded = write("device_config.h", '#define MBEDTLS_ECP_C\n#if defined(MBEDTLS_ECP_C) && !defined(MBEDTLS_BIGNUM_C)\n#error "MBEDTLS_ECP_C needs MBEDTLS_BIGNUM_C"\n#endif\n');
    const c = readMbedtlsConfig([guarded]);
    assert.deepEqual(c.contradictions, [
      {
        macro: "#error",
        message: `${guarded}:3: #error "MBEDTLS_ECP_C needs MBEDTLS_BIGNUM_C": the compiler stops the build at this line, so no device is built from this config as given: change the config so the conditional around it is false, or remove the #error`,
      },
    ]);
  });
});

describe("values (evaluateInteger)", () => {
  const table = (entries: Record<string, string>) => (name: string) => (name in entries ? { body: entries[name]! } : undefined);

  it("casts, suffixes, other macros; undefined for what is not an integer", () => {
    const t = table({ RX: "2048UL", LEN: "((size_t) RX)", STR: '"x"', SELF: "SELF", EMPTY: "" });
    assert.equal(evaluateInteger("LEN * 2", t), 4096n);
    assert.equal(evaluateInteger("(unsigned int) 7u", t), 7n);
    assert.equal(evaluateInteger("UNKNOWN", t), undefined);
    assert.equal(evaluateInteger("STR", t), undefined);
    assert.equal(evaluateInteger("SELF", t), undefined);
    assert.equal(evaluateInteger("EMPTY", t), undefined);
    assert.equal(evaluateInteger("1 / 0", t), undefined);
  });
});

describe("limits: every input-controlled cost is bounded, each regression finishes well under a second", () => {
  /** `count` macros, each two of the one before: A0 = `leaf`, A1 = `(A0+A0)`, ... */
  const doubling = (count: number, leaf: string, join: (x: string) => string): string =>
    Array.from({ length: count }, (_, i) => `#define A${i} ${i === 0 ? leaf : join(`A${i - 1}`)}`).join("\n") + "\n";

  it("24 doubling macros (594 bytes) as a size option: refused by maxExpandedTokens, not expanded to 16 million tokens", () => {
    const text = doubling(24, "1", (x) => `(${x}+${x})`) + "#define MBEDTLS_SSL_IN_CONTENT_LEN A23\n";
    assert.ok(text.length < 700, `${text.length} bytes`);
    const file = write("doubling.h", text);
    let thrown: unknown;
    const ms = timed(() => {
      try {
        readMbedtlsConfig([file], { version: "3.6" });
      } catch (err) {
        thrown = err;
      }
    });
    assert.ok(thrown instanceof InputError, String(thrown));
    assert.match(thrown.message, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:25: the macros expand to more than 100000 tokens \\(PREPROCESSOR_LIMITS\\.maxExpandedTokens = 100000\\)`));
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);

    // The same in #if.
    const inIf = doubling(24, "1", (x) => `(${x}+${x})`) + "#if A23 > 0\n#endif\n";
    const msIf = timed(() => throwsAt(() => preprocess([{ name: "d.h", text: inIf }]), "d.h:25", /PREPROCESSOR_LIMITS\.maxExpandedTokens/));
    assert.ok(msIf < 1000, `${msIf.toFixed(0)} ms`);
  });

  it("doubling macros that expand to nothing are memoised: 2^40 references cost 40 expansions, and cc agrees on the result", () => {
    requireProgram("cc");
    const text = (count: number): string => doubling(count, "", (x) => `${x} ${x}`) + `#if A${count - 1} 1 + A${count - 1} 1\n#define RESULT\n#endif\n`;
    let macros: Map<string, MacroDefinition> | undefined;
    const ms = timed(() => (macros = preprocess([{ name: "m.h", text: text(41) }]).macros));
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
    assert.equal(macros!.has("RESULT"), true);
    // cc does not memoise (2^40 takes it minutes): it checks the result at 2^16.
    assert.equal(preprocess([{ name: "m.h", text: text(17) }]).macros.has("RESULT"), true);
    assert.equal(cc(text(17), (n) => n === "RESULT").macros.has("RESULT"), true);
  });

  it("a cycle defeats memoisation: maxExpansionSteps stops it", () => {
    // A0 refers back to A30, so no expansion inside A30 can be reused: 2^30 steps without the budget.
    const text = "#define A0 A30\n" + doubling(31, "", (x) => `${x} ${x}`).split("\n").slice(1).join("\n") + "#if A30 + 1\n#endif\n";
    const ms = timed(() => throwsAt(() => preprocess([{ name: "c.h", text }]), "c.h:32", /expanding macros takes more than 2000000 steps \(PREPROCESSOR_LIMITS\.maxExpansionSteps = 2000000\)/));
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
  });

  it("the step budget holds across lines: the same 65,000-token expansion on line after line (each redefinition clears the memo)", () => {
    const body = doubling(15, "1", (x) => `(${x}+${x})`);
    const text = body + Array.from({ length: 200 }, (_, i) => `#define TOUCH${i}\n#if A14\n#endif`).join("\n") + "\n";
    let thrown: unknown;
    const ms = timed(() => {
      try {
        preprocess([{ name: "s.h", text }]);
      } catch (err) {
        thrown = err;
      }
    });
    assert.ok(thrown instanceof PreprocessError, String(thrown));
    assert.match(thrown.message, /PREPROCESSOR_LIMITS\.maxExpansionSteps/);
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
  });

  it("40,000 continuation lines are joined in linear time", () => {
    const entries = Array.from({ length: 40_000 }, (_, i) => `    MBEDTLS_TLS_SUITE_${i}, \\`);
    const text = `#define MBEDTLS_ECP_C\n#define MBEDTLS_SSL_CIPHERSUITES \\\n${entries.join("\n")}\n    MBEDTLS_TLS_LAST\n#define MBEDTLS_SSL_IN_CONTENT_LEN 4096\n`;
    const file = write("long.h", text);
    let c: ReturnType<typeof readMbedtlsConfig> | undefined;
    const ms = timed(() => (c = readMbedtlsConfig([file], { version: "3.6" })));
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
    assert.equal(String(c!.macros["MBEDTLS_SSL_CIPHERSUITES"]).split(",").length, 40_001);
    assert.equal(c!.inContentLen, 4096);
    // The line after the joined ones keeps its own number.
    assert.equal(preprocess([{ name: "l.h", text }]).macros.get("MBEDTLS_SSL_IN_CONTENT_LEN")!.origin, `l.h:${40_004}`);
  });

  it("long runs of spaces, and a 40,000-line #if, cost linear time; the #if is refused by maxExpressionChars", () => {
    const spaces = " ".repeat(200_000);
    const text = `#define MBEDTLS_ECP_C${spaces}\n#define X 1${spaces}\\${spaces}\n${spaces}+ 1\n`;
    const ms = timed(() => assert.equal(preprocess([{ name: "w.h", text }]).macros.get("X")!.body, "1 + 1"));
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
    const longIf = `#if 1 \\\n${Array.from({ length: 40_000 }, () => "  + 1 \\").join("\n")}\n\n#endif\n`;
    const msIf = timed(() => throwsAt(() => preprocess([{ name: "i.h", text: longIf }]), "i.h:1", /the #if expression is \d+ characters, more than pkilab reads \(PREPROCESSOR_LIMITS\.maxExpressionChars = 16384\)/));
    assert.ok(msIf < 1000, `${msIf.toFixed(0)} ms`);
  });

  it("nesting: conditionals, parentheses and unary operators, and macro chains each stop at their limit without exhausting the stack", () => {
    const depth = PREPROCESSOR_LIMITS.maxConditionalDepth;
    throwsAt(() => preprocess([{ name: "n.h", text: "#if 1\n".repeat(depth + 1) + "#endif\n".repeat(depth + 1) }]), `n.h:${depth + 1}`, /conditionals nest more than 256 deep \(PREPROCESSOR_LIMITS\.maxConditionalDepth = 256\)/);
    // At the limit itself it is fine.
    assert.equal(preprocess([{ name: "n.h", text: "#if 1\n".repeat(depth) + "#define DEEP\n" + "#endif\n".repeat(depth) }]).macros.has("DEEP"), true);

    throwsAt(() => preprocess([{ name: "p.h", text: `#if ${"(".repeat(5000)}1${")".repeat(5000)}\n#endif\n` }]), "p.h:1", /PREPROCESSOR_LIMITS\.maxExpressionNesting = 256/);
    throwsAt(() => preprocess([{ name: "u.h", text: `#if ${"!".repeat(5000)}1\n#endif\n` }]), "u.h:1", /PREPROCESSOR_LIMITS\.maxExpressionNesting/);
    throwsAt(() => preprocess([{ name: "t.h", text: `#if ${"1 ? ".repeat(2000)}1${" : 0".repeat(2000)}\n#endif\n` }]), "t.h:1", /PREPROCESSOR_LIMITS\.maxExpressionNesting/);

    const chain = Array.from({ length: 5000 }, (_, i) => `#define M${i + 1} M${i}`).join("\n") + "\n#define M0 1\n#if M5000\n#endif\n";
    throwsAt(() => preprocess([{ name: "c.h", text: chain }]), "c.h:5002", /macros expand inside one another more than 512 deep \(PREPROCESSOR_LIMITS\.maxMacroNesting = 512\)/);
  });

  it("a source longer than maxSourceChars is refused before it is read line by line", () => {
    const text = "#define A 1\n".padEnd(PREPROCESSOR_LIMITS.maxSourceChars + 1, " ");
    throwsAt(() => preprocess([{ name: "big.h", text }]), "big.h", /is 16777217 characters, more than pkilab reads \(PREPROCESSOR_LIMITS\.maxSourceChars = 16777216\)/);
  });

  it("a size option with a 5,000-character value is quoted cut to one short line (found by npm run fuzz: a 5 KB message)", () => {
    const file = write("long-value.h", `#define MBEDTLS_SSL_IN_CONTENT_LEN \\${"\ufeff".repeat(2500)}${"x".repeat(2500)}\n`);
    assert.throws(
      () => readMbedtlsConfig([file], { version: "3.6" }),
      (err: unknown) => err instanceof InputError && err.message.length < 400 && /MBEDTLS_SSL_IN_CONTENT_LEN is `[^`]{1,80}`, not a positive number/.test(err.message),
    );
  });

  it("tokens a message quotes are cut: a 5,000-character identifier or number in #if gives a short line (found by npm run fuzz)", () => {
    const long = "A".repeat(5000);
    for (const expression of [`${long} #`, `${"9".repeat(5000)}x`, `"${long}"`, `defined(${long}`]) {
      assert.throws(
        () => preprocess([{ name: "t.h", text: `#if ${expression}\n#endif\n` }]),
        (err: unknown) => err instanceof PreprocessError && err.message.length < 400,
        expression.slice(0, 20),
      );
    }
  });
});
