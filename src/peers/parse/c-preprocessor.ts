/**
 * The part of the C preprocessor that decides which `#define` lines of a configuration header take
 * effect: text in, macro table and diagnostics out. Pure (no file I/O), so it can read a header
 * given as a string and be tested against `cc -E -dM` on the same text.
 *
 * What it does, as C17 section 6.10 and GCC's cpp (libcpp/directives.cc and libcpp/expr.cc in gcc-mirror/gcc) do:
 * - translation phases 1-3: `\` continuation lines are joined, comments become a space;
 * - `#define` (object-like and function-like; the latter are recorded, never expanded), `#undef`;
 * - `#if`, `#ifdef`, `#ifndef`, `#elif`, `#elifdef`, `#elifndef`, `#else`, `#endif`, nested, with
 *   skipped groups left unread except for comments and conditional directives (so they may hold
 *   anything), and an `#elif` after a taken group not evaluated;
 * - `#if` expressions: `defined X` / `defined(X)`, object-like macros expanded (a macro is not
 *   expanded again inside its own expansion, C17 6.10.3.4p2), identifiers left over are 0, integer
 *   constants (decimal, octal, hex, 0b, suffixes u/l/ll) and character constants in 64-bit
 *   intmax_t/uintmax_t arithmetic with the usual arithmetic conversions, every C operator that
 *   can appear in a constant expression, `&&` `||` `?:` evaluating only what they select;
 * - `#error` in a taken group is reported (the compiler would stop the build there);
 * - `#include` is not followed, `#pragma`, `#warning`, `#line` and other directives are ignored.
 *
 * Every input-controlled cost is bounded by PREPROCESSOR_LIMITS; crossing one is a PreprocessError
 * that names the limit.
 */

/** The bounds on what one input may cost. Each error that enforces one names it. */
export const PREPROCESSOR_LIMITS = {
  /** Longest source text, in characters (a full mbedTLS 3.6.6 mbedtls_config.h is 158,919). */
  maxSourceChars: 16 * 1024 * 1024,
  /** Deepest `#if` nesting. C17 5.2.4.1 asks compilers for 63 levels; real configs use 3 or 4. */
  maxConditionalDepth: 256,
  /** Longest `#if`/`#elif` expression, in characters, after continuation lines are joined. */
  maxExpressionChars: 16 * 1024,
  /** Most tokens one expression may have once its macros are expanded. */
  maxExpandedTokens: 100_000,
  /** Most macro-expansion work (tokens scanned or copied) in one run over all the sources. */
  maxExpansionSteps: 2_000_000,
  /** Deepest chain of macros expanding inside one another (`A` -> `B` -> `C` ...). */
  maxMacroNesting: 512,
  /** Deepest nesting of parentheses, unary operators and `?:` in one expression (the evaluator recurses on it). */
  maxExpressionNesting: 256,
} as const;

const LIMITS_NAME = "PREPROCESSOR_LIMITS";

/** What a bad input is told to do when pkilab cannot read a line the way a compiler would. */
const INSTEAD = "or pass a `cc -E -dM` macro dump made with the firmware's own flags instead";

export interface Source {
  /** Used in messages ("name:line"). */
  name: string;
  text: string;
}

export interface MacroDefinition {
  /** The replacement list: comments removed, each run of whitespace outside literals one space, trimmed ("" for a bare `#define X`). */
  body: string;
  /** Parameter names of a function-like macro (`...` for a variadic one); absent for an object-like macro. */
  params?: string[];
  /** "name:line" of the `#define`. */
  origin: string;
}

/**
 * A macro name a source shows: `define` / `undef` = a directive that took effect; `inactive` = a
 * `#define` / `#undef` inside a group that was skipped; `commented-out` = a line that is only a `//`
 * comment holding `#define NAME` (how mbedTLS's config.h and scripts/config.py write an option
 * that is off).
 */
export interface Mention {
  name: string;
  origin: string;
  how: "define" | "undef" | "inactive" | "commented-out";
}

export interface SourceReport {
  name: string;
  /** In line order. */
  mentions: Mention[];
  /** Names tested by `#ifndef`, taken or skipped (include guards are found this way). */
  ifndefs: Set<string>;
  /** How many `#define` and `#undef` lines the source has, taken or skipped. */
  defineLines: number;
}

export interface PreprocessResult {
  /** The macro table after the last source, in order of definition. */
  macros: Map<string, MacroDefinition>;
  /** `#error` lines in taken groups: the text after `#error`, whitespace collapsed, at most 300 characters. */
  errors: { origin: string; text: string }[];
  sources: SourceReport[];
}

/** A line pkilab cannot read the way a compiler would, or an input past one of PREPROCESSOR_LIMITS. */
export class PreprocessError extends Error {
  constructor(
    /** "name:line", or "" when the text evaluated has no place in a file. */
    readonly origin: string,
    /** What is wrong and what to do, one line. */
    readonly problem: string,
  ) {
    super(origin === "" ? problem : `${origin}: ${problem}`);
    this.name = "PreprocessError";
  }
}

function limitProblem(what: string, limit: keyof typeof PREPROCESSOR_LIMITS): string {
  return `${what} (${LIMITS_NAME}.${limit} = ${PREPROCESSOR_LIMITS[limit]})`;
}

// ---------------------------------------------------------------------------------------------
// Lines and comments
// ---------------------------------------------------------------------------------------------

interface LogicalLine {
  text: string;
  /** 1-based number of its first physical line. */
  line: number;
}

/**
 * Where a physical line's continuation backslash is (a `\` that only whitespace follows, as GCC
 * accepts with a warning), or -1. A loop, not a regex: `/\\\s*$/` is quadratic on long runs of spaces.
 */
function continuationAt(line: string): number {
  let end = line.length - 1;
  while (end >= 0 && (line[end] === " " || line[end] === "\t" || line[end] === "\f" || line[end] === "\v")) end--;
  return end >= 0 && line[end] === "\\" ? end : -1;
}

/** Translation phase 2: joins continuation lines. Each physical line is copied once (linear time). */
function logicalLines(text: string): LogicalLine[] {
  const physical = text.split(/\r\n|\r|\n/);
  const out: LogicalLine[] = [];
  for (let i = 0; i < physical.length; i++) {
    const start = i;
    let current = physical[i]!;
    let cut = continuationAt(current);
    if (cut < 0) {
      out.push({ text: current, line: start + 1 });
      continue;
    }
    const pieces: string[] = [];
    while (cut >= 0 && i + 1 < physical.length) {
      pieces.push(current.slice(0, cut));
      current = physical[++i]!;
      cut = continuationAt(current);
    }
    // A backslash on the last line of the file joins nothing (GCC: "backslash-newline at end of file").
    pieces.push(cut >= 0 ? current.slice(0, cut) : current);
    out.push({ text: pieces.join(""), line: start + 1 });
  }
  return out;
}

interface StrippedLine {
  /** The line with each comment replaced by a space. */
  code: string;
  /** The text of a `//` comment ending the line. */
  lineComment?: string;
  /** Whether a block comment is still open at the end of the line. */
  inBlock: boolean;
}

/** Translation phase 3 for one logical line: comments become a space; string and character literals are kept whole. */
function stripComments(line: string, inBlock: boolean): StrippedLine {
  const pieces: string[] = [];
  let i = 0;
  let from = 0;
  if (inBlock) {
    const end = line.indexOf("*/");
    if (end < 0) return { code: "", inBlock: true };
    pieces.push(" ");
    i = from = end + 2;
  }
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === "/" && line[i + 1] === "*") {
      pieces.push(line.slice(from, i), " ");
      const end = line.indexOf("*/", i + 2);
      if (end < 0) return { code: pieces.join(""), inBlock: true };
      i = from = end + 2;
      continue;
    }
    if (ch === "/" && line[i + 1] === "/") {
      pieces.push(line.slice(from, i));
      return { code: pieces.join(""), lineComment: line.slice(i + 2), inBlock: false };
    }
    if (ch === '"' || ch === "'") {
      // A literal: skip to its closing quote (or the end of the line) so "a//b" stays.
      let j = i + 1;
      while (j < line.length && line[j] !== ch) j += line[j] === "\\" ? 2 : 1;
      i = j + 1;
      continue;
    }
    i++;
  }
  pieces.push(line.slice(from));
  return { code: pieces.join(""), inBlock: false };
}

/** Collapses whitespace runs outside string and character literals to one space, and trims. */
function normalizeBody(text: string): string {
  const pieces: string[] = [];
  let i = 0;
  let pendingSpace = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === " " || ch === "\t" || ch === "\f" || ch === "\v") {
      pendingSpace = pieces.length > 0;
      i++;
      continue;
    }
    let j = i + 1;
    if (ch === '"' || ch === "'") {
      while (j < text.length && text[j] !== ch) j += text[j] === "\\" ? 2 : 1;
      j = Math.min(j + 1, text.length);
    } else {
      while (j < text.length && !" \t\f\v\"'".includes(text[j]!)) j++;
    }
    if (pendingSpace) pieces.push(" ");
    pendingSpace = false;
    pieces.push(text.slice(i, j));
    i = j;
  }
  return pieces.join("");
}

const IDENT_START = /[A-Za-z_$]/;
const IDENT_REST = /[\w$]/;

/** Reads an identifier at `i` (after spaces); returns it and where it ends, or undefined. */
function readIdentifier(text: string, i: number): { name: string; end: number } | undefined {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  if (i >= text.length || !IDENT_START.test(text[i]!)) return undefined;
  let end = i + 1;
  while (end < text.length && IDENT_REST.test(text[end]!)) end++;
  return { name: text.slice(i, end), end };
}

/** `# name rest` at the start of a line (comments already gone), or undefined when the line is not a directive. */
function parseDirective(code: string): { name: string; rest: string } | undefined {
  let i = 0;
  while (i < code.length && /\s/.test(code[i]!)) i++;
  if (code[i] !== "#") return undefined;
  const id = readIdentifier(code, i + 1);
  if (!id) return { name: "", rest: code.slice(i + 1) }; // the null directive `#`, or `# 12 "file"` line markers
  return { name: id.name, rest: code.slice(id.end) };
}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

// One preprocessing token per match (C17 6.4): identifier, pp-number, character constant, string
// literal, punctuator. Every alternative is linear: no nested quantifiers that can overlap.
const TOKEN_RE =
  /\s+|[A-Za-z_$][\w$]*|\.?\d(?:[eEpP][+-]|[\w.])*|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|<<=|>>=|\.\.\.|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||##|[-+*/%&|^!~<>=?:,;()[\]{}.#]/y;

/** Splits `text` into preprocessing tokens; `where` names the text in an error. */
function tokenize(text: string, where: () => string): string[] {
  const tokens: string[] = [];
  TOKEN_RE.lastIndex = 0;
  while (TOKEN_RE.lastIndex < text.length) {
    const at = TOKEN_RE.lastIndex;
    const m = TOKEN_RE.exec(text);
    if (!m) {
      const ch = text[at]!;
      const what = ch === "'" || ch === '"' ? `an unterminated ${ch === "'" ? "character constant" : "string"}` : `\`${ch}\``;
      throw new NotEvaluable(`${where()} has ${what}, which is not C`);
    }
    if (!/^\s/.test(m[0])) tokens.push(m[0]);
  }
  return tokens;
}

const isIdentifier = (t: string): boolean => IDENT_START.test(t[0]!);

// ---------------------------------------------------------------------------------------------
// Macro expansion
// ---------------------------------------------------------------------------------------------

/** The macro table as the expander sees it: the body text and, for a function-like macro, its parameters. */
export type MacroLookup = (name: string) => { body: string; params?: readonly string[] } | undefined;

/** An expression pkilab cannot evaluate: a PreprocessError in `#if`, "no value" when reading a value. */
class NotEvaluable extends Error {}

/** A limit crossed: always a PreprocessError, in `#if` and in values alike. */
class LimitCrossed extends Error {}

/**
 * Expands object-like macros. Each macro's full expansion is computed once and reused (memoised),
 * unless it met a macro that was being expanded further out, which makes the result depend on where
 * it is used (`#define A B` / `#define B A`: B alone gives `B`, inside A it gives `A`). Work and
 * output are counted against the step budget and the token cap.
 */
class Expander {
  private readonly cache = new Map<string, readonly string[]>();
  private readonly bodies = new Map<string, readonly string[]>();
  /** The macros being expanded, innermost last, and each one's position in that list. */
  private readonly active = new Map<string, number>();
  steps = 0;

  constructor(private readonly lookup: MacroLookup) {}

  /** Forgets expansions: the macro table changed. */
  reset(): void {
    this.cache.clear();
    this.bodies.clear();
  }

  expand(tokens: readonly string[]): string[] {
    const out: string[] = [];
    this.append(tokens, out);
    return out;
  }

  private step(n: number): void {
    this.steps += n;
    if (this.steps > PREPROCESSOR_LIMITS.maxExpansionSteps) {
      throw new LimitCrossed(limitProblem(`expanding macros takes more than ${PREPROCESSOR_LIMITS.maxExpansionSteps} steps`, "maxExpansionSteps"));
    }
  }

  private push(out: string[], token: string): void {
    if (out.length >= PREPROCESSOR_LIMITS.maxExpandedTokens) {
      throw new LimitCrossed(limitProblem(`the macros expand to more than ${PREPROCESSOR_LIMITS.maxExpandedTokens} tokens`, "maxExpandedTokens"));
    }
    out.push(token);
  }

  private body(name: string, text: string): readonly string[] {
    let tokens = this.bodies.get(name);
    if (!tokens) {
      tokens = tokenize(text, () => `the value of ${name}`);
      this.step(tokens.length);
      this.bodies.set(name, tokens);
    }
    return tokens;
  }

  /**
   * Appends the expansion of `tokens` to `out`. Returns the lowest position (in `active`) of a
   * macro that was left unexpanded because it was being expanded, or Infinity.
   */
  private append(tokens: readonly string[], out: string[]): number {
    let lowestBlocked = Infinity;
    for (const token of tokens) {
      this.step(1);
      // The operand of `defined` is never expanded, even when `defined` came out of a macro.
      const last = out.length - 1;
      const operandOfDefined = out[last] === "defined" || (out[last] === "(" && out[last - 1] === "defined");
      const def = isIdentifier(token) && !operandOfDefined ? this.lookup(token) : undefined;
      if (!def || def.params !== undefined) {
        this.push(out, token);
        continue;
      }
      const position = this.active.get(token);
      if (position !== undefined) {
        lowestBlocked = Math.min(lowestBlocked, position);
        this.push(out, token);
        continue;
      }
      let expansion = this.cache.get(token);
      if (!expansion) {
        const depth = this.active.size;
        if (depth >= PREPROCESSOR_LIMITS.maxMacroNesting) {
          throw new LimitCrossed(limitProblem(`macros expand inside one another more than ${PREPROCESSOR_LIMITS.maxMacroNesting} deep`, "maxMacroNesting"));
        }
        const bodyTokens = this.body(token, def.body);
        if (bodyTokens.includes("##")) throw new NotEvaluable(`${shown(token, 40)} pastes tokens with ##, which pkilab does not do`);
        const own: string[] = [];
        this.active.set(token, depth);
        let blocked: number;
        try {
          blocked = this.append(bodyTokens, own);
        } finally {
          this.active.delete(token);
        }
        // Blocked only by itself or by macros inside it: the same everywhere, so reusable.
        if (blocked >= depth) this.cache.set(token, own);
        else lowestBlocked = Math.min(lowestBlocked, blocked);
        expansion = own;
      }
      this.step(expansion.length);
      for (const t of expansion) this.push(out, t);
    }
    return lowestBlocked;
  }
}

// ---------------------------------------------------------------------------------------------
// Integer expressions
// ---------------------------------------------------------------------------------------------

/** A value of a preprocessor expression: intmax_t or uintmax_t (64 bits in GCC). */
interface Int {
  v: bigint;
  unsigned: boolean;
}

const BITS = 64;
const wrap = (v: bigint, unsigned: boolean): Int => ({ v: unsigned ? BigInt.asUintN(BITS, v) : BigInt.asIntN(BITS, v), unsigned });
const int = (v: bigint | boolean): Int => ({ v: typeof v === "boolean" ? (v ? 1n : 0n) : v, unsigned: false });
const INTMAX_MAX = (1n << 63n) - 1n;
const UINTMAX_MAX = (1n << 64n) - 1n;

/** Integer types a value (not an `#if`) may be cast to, as in `((size_t) 4096)`. */
const TYPE_WORDS = new Set(["size_t", "int", "unsigned", "signed", "long", "short", "char", "uint8_t", "uint16_t", "uint32_t", "uint64_t", "int8_t", "int16_t", "int32_t", "int64_t"]);

/** An integer constant (C17 6.4.4.1, plus GCC's 0b): value and type, or a reason it is not one. */
function integerConstant(token: string): Int {
  const m = /^(?:0[xX]([0-9a-fA-F]+)|0[bB]([01]+)|([0-9]+))((?:[uU](?:ll|LL|l|L)?)|(?:(?:ll|LL|l|L)[uU]?))?$/.exec(token);
  if (!m) {
    // Hex digits include e, so a hex floating constant is told by its p exponent.
    if (/^0[xX]/.test(token) ? /[.pP]/.test(token) : /[.eE]/.test(token)) {
      throw new NotEvaluable(`${shown(token, 40)} is a floating constant, which #if does not allow`);
    }
    throw new NotEvaluable(`${shown(token, 40)} is not an integer constant`);
  }
  let v: bigint;
  if (m[1] !== undefined) v = BigInt(`0x${m[1]}`);
  else if (m[2] !== undefined) v = BigInt(`0b${m[2]}`);
  else if (m[3]!.length > 1 && m[3]!.startsWith("0")) {
    if (!/^[0-7]+$/.test(m[3]!)) throw new NotEvaluable(`${shown(token, 40)} is not an octal constant`);
    v = BigInt(`0o${m[3]!.slice(1)}`);
  } else v = BigInt(m[3]!);
  const unsignedSuffix = /[uU]/.test(m[4] ?? "");
  // Too large for uintmax_t: GCC keeps the low 64 bits and the type the suffix gives
  // (cpp_interpret_integer in libcpp/expr.cc; a pedantic-only warning).
  if (v > UINTMAX_MAX) return wrap(v, unsignedSuffix);
  // Too large for intmax_t: unsigned (GCC says so for decimal constants, C says so for hex and octal).
  return { v, unsigned: unsignedSuffix || v > INTMAX_MAX };
}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, "\\": 92, "'": 39, '"': 34, "?": 63 };

/** A one-character constant ('a', '\n', '\x41', '\0'): an int with the value of that char. */
function characterConstant(token: string): Int {
  const inner = token.slice(1, -1);
  let code: number | undefined;
  if (inner.length === 1 && inner !== "\\") code = inner.charCodeAt(0);
  else if (inner.startsWith("\\")) {
    const e = inner.slice(1);
    if (e.length === 1 && e in ESCAPES) code = ESCAPES[e];
    else if (/^[0-7]{1,3}$/.test(e)) code = parseInt(e, 8);
    else if (/^x[0-9a-fA-F]{1,2}$/.test(e)) code = parseInt(e.slice(1), 16);
  }
  if (code === undefined || code > 255) throw new NotEvaluable(`${shown(token, 40)} is not a character constant pkilab evaluates (one plain character or escape)`);
  // GCC gives a char constant the value of a `char`, which is signed on x86 (and unsigned on Arm):
  // only bytes above 127 differ, and configuration headers do not test those.
  return int(BigInt(code > 127 ? code - 256 : code));
}

interface ExpressionMode {
  /** `#if`: identifiers left after expansion are 0. A value: they make it "not a number". */
  identifiersAreZero: boolean;
  /** A value may hold casts to integer types. */
  casts: boolean;
  isDefined: (name: string) => boolean;
  /** For messages about an identifier followed by `(`. */
  isFunctionLike: (name: string) => boolean;
}

const PRECEDENCE: Record<string, number> = {
  "||": 1,
  "&&": 2,
  "|": 3,
  "^": 4,
  "&": 5,
  "==": 6,
  "!=": 6,
  "<": 7,
  ">": 7,
  "<=": 7,
  ">=": 7,
  "<<": 8,
  ">>": 8,
  "+": 9,
  "-": 9,
  "*": 10,
  "/": 10,
  "%": 10,
};

/**
 * Parses and evaluates in one pass (precedence climbing). `live` is false inside an operand that
 * `&&`, `||` or `?:` does not select: it is parsed but its division by zero is no error (C17 6.5.13-15).
 */
class Evaluator {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly string[],
    private readonly mode: ExpressionMode,
  ) {}

  run(): Int {
    if (this.tokens.length === 0) throw new NotEvaluable("there is no expression");
    const v = this.comma(true);
    if (this.pos < this.tokens.length) throw new NotEvaluable(this.unexpected());
    return v;
  }

  private unexpected(): string {
    const t = this.tokens[this.pos];
    if (t === undefined) return "the expression ends too early";
    const before = this.tokens[this.pos - 1];
    // Tokens come from the header: an identifier may be thousands of characters long.
    return before === undefined ? `it cannot start with \`${shown(t, 40)}\`` : `\`${shown(t, 40)}\` cannot follow \`${shown(before, 40)}\``;
  }

  private enter(): void {
    if (++this.depth > PREPROCESSOR_LIMITS.maxExpressionNesting) {
      throw new LimitCrossed(limitProblem(`the expression nests parentheses and operators more than ${PREPROCESSOR_LIMITS.maxExpressionNesting} deep`, "maxExpressionNesting"));
    }
  }

  private comma(live: boolean): Int {
    let v = this.conditional(live);
    while (this.tokens[this.pos] === ",") {
      this.pos++;
      v = this.conditional(live);
    }
    return v;
  }

  private conditional(live: boolean): Int {
    const condition = this.binary(1, live);
    if (this.tokens[this.pos] !== "?") return condition;
    this.pos++;
    this.enter();
    const chosen = condition.v !== 0n;
    const whenTrue = this.comma(live && chosen);
    if (this.tokens[this.pos] !== ":") throw new NotEvaluable(`\`?\` without \`:\``);
    this.pos++;
    const whenFalse = this.conditional(live && !chosen);
    this.depth--;
    // The result has the type both operands convert to (C17 6.5.15p5).
    return wrap((chosen ? whenTrue : whenFalse).v, whenTrue.unsigned || whenFalse.unsigned);
  }

  private binary(minPrecedence: number, live: boolean): Int {
    let left = this.unary(live);
    for (;;) {
      const op = this.tokens[this.pos] ?? "";
      const precedence = PRECEDENCE[op];
      if (precedence === undefined || precedence < minPrecedence) return left;
      this.pos++;
      if (op === "&&" || op === "||") {
        const decided = op === "&&" ? left.v === 0n : left.v !== 0n;
        const right = this.binary(precedence + 1, live && !decided);
        left = int(decided ? op === "||" : right.v !== 0n);
        continue;
      }
      const right = this.binary(precedence + 1, live);
      left = this.apply(op, left, right, live);
    }
  }

  private apply(op: string, a: Int, b: Int, live: boolean): Int {
    if (op === "<<" || op === ">>") return this.shift(op, a, b);
    // Usual arithmetic conversions: one unsigned operand makes both unsigned.
    const unsigned = a.unsigned || b.unsigned;
    const x = wrap(a.v, unsigned).v;
    const y = wrap(b.v, unsigned).v;
    switch (op) {
      case "*":
        return wrap(x * y, unsigned);
      case "/":
      case "%":
        if (y === 0n) {
          if (live) throw new NotEvaluable("it divides by zero");
          return wrap(0n, unsigned);
        }
        return wrap(op === "/" ? x / y : x % y, unsigned); // BigInt division truncates toward zero, as C does
      case "+":
        return wrap(x + y, unsigned);
      case "-":
        return wrap(x - y, unsigned);
      case "<":
        return int(x < y);
      case ">":
        return int(x > y);
      case "<=":
        return int(x <= y);
      case ">=":
        return int(x >= y);
      case "==":
        return int(x === y);
      case "!=":
        return int(x !== y);
      case "&":
        return wrap(x & y, unsigned);
      case "^":
        return wrap(x ^ y, unsigned);
      case "|":
        return wrap(x | y, unsigned);
    }
    throw new NotEvaluable(`\`${shown(op, 40)}\` is not an operator pkilab evaluates`);
  }

  /** Shifts keep the left operand's type; a negative count shifts the other way and a count of 64 or more leaves only the sign, as GCC's cpp does. */
  private shift(op: "<<" | ">>", a: Int, b: Int): Int {
    let count = b.unsigned ? b.v : BigInt.asIntN(BITS, b.v);
    let left = op === "<<";
    if (count < 0n) {
      count = -count;
      left = !left;
    }
    if (count >= BigInt(BITS)) return wrap(left ? 0n : !a.unsigned && a.v < 0n ? -1n : 0n, a.unsigned);
    return wrap(left ? a.v << count : a.v >> count, a.unsigned);
  }

  private unary(live: boolean): Int {
    const t = this.tokens[this.pos];
    if (t === "+" || t === "-" || t === "~" || t === "!") {
      this.pos++;
      this.enter();
      const v = this.unary(live);
      this.depth--;
      if (t === "+") return v;
      if (t === "-") return wrap(-v.v, v.unsigned);
      if (t === "~") return wrap(~v.v, v.unsigned);
      return int(v.v === 0n);
    }
    return this.primary(live);
  }

  private primary(live: boolean): Int {
    const t = this.tokens[this.pos];
    if (t === undefined) throw new NotEvaluable(this.unexpected());
    this.pos++;
    if (t === "(") {
      this.enter();
      if (this.mode.casts) {
        let k = this.pos;
        while (k < this.tokens.length && TYPE_WORDS.has(this.tokens[k]!)) k++;
        if (k > this.pos && this.tokens[k] === ")") {
          // A cast such as (size_t) or (unsigned int): sizes in configs are small and positive, so the value is kept.
          this.pos = k + 1;
          const v = this.unary(live);
          this.depth--;
          return v;
        }
      }
      const v = this.comma(live);
      if (this.tokens[this.pos] !== ")") throw new NotEvaluable(this.tokens[this.pos] === undefined ? "a `(` is not closed" : this.unexpected());
      this.pos++;
      this.depth--;
      return v;
    }
    if (t === "defined") {
      const parenthesised = this.tokens[this.pos] === "(";
      if (parenthesised) this.pos++;
      const name = this.tokens[this.pos];
      if (name === undefined || !isIdentifier(name)) throw new NotEvaluable("`defined` is not followed by a macro name");
      this.pos++;
      if (parenthesised) {
        if (this.tokens[this.pos] !== ")") throw new NotEvaluable(`\`defined(${shown(name, 40)}\` is not closed`);
        this.pos++;
      }
      return int(this.mode.isDefined(name));
    }
    if (/^\.?\d/.test(t)) return integerConstant(t);
    if (t.startsWith("'")) return characterConstant(t);
    if (t.startsWith('"')) throw new NotEvaluable(`${shown(t, 40)} is a string, which has no integer value`);
    if (isIdentifier(t)) {
      if (this.tokens[this.pos] === "(") {
        throw new NotEvaluable(
          this.mode.isFunctionLike(t)
            ? `${shown(t, 40)}(…) calls a function-like macro, which pkilab does not expand`
            : `${shown(t, 40)}(…) is not a macro pkilab knows (GCC built-ins such as __has_include are not evaluated)`,
        );
      }
      if (this.mode.identifiersAreZero) return int(0n);
      throw new NotEvaluable(`${shown(t, 40)} is not defined as a number`);
    }
    this.pos--;
    throw new NotEvaluable(this.unexpected());
  }
}

/**
 * Evaluates a macro's value as an integer, the way a C compiler would compute it where it is used
 * (`#define MBEDTLS_SSL_IN_CONTENT_LEN (4 * 1024)`): macros through `lookup`, casts to integer types
 * allowed. Returns undefined when it is not an integer constant expression (an unknown name, a
 * string, a function-like macro...). Throws a PreprocessError (origin "") when a limit is crossed.
 */
export function evaluateInteger(text: string, lookup: MacroLookup): bigint | undefined {
  const expander = new Expander(lookup);
  try {
    const tokens = expander.expand(tokenize(text, () => "the value"));
    const mode: ExpressionMode = {
      identifiersAreZero: false,
      casts: true,
      isDefined: (name) => lookup(name) !== undefined,
      isFunctionLike: (name) => lookup(name)?.params !== undefined,
    };
    return new Evaluator(tokens, mode).run().v;
  } catch (err) {
    if (err instanceof NotEvaluable) return undefined;
    if (err instanceof LimitCrossed) throw new PreprocessError("", `${err.message}: give it a plain number`);
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Directives
// ---------------------------------------------------------------------------------------------

interface Conditional {
  /** "#if", "#ifdef" or "#ifndef", and where, for messages. */
  keyword: string;
  line: number;
  /** The current group is being read. */
  taking: boolean;
  /** A group of this conditional has been taken (or the parent is skipped): later ones are skipped unread. */
  done: boolean;
  sawElse: boolean;
}

/** Shows source text in a message: whitespace collapsed, cut to `max` characters (messages are one short line). */
export function shown(text: string, max = 80): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 3)}...` : t;
}

/**
 * Runs `sources` in order through one macro table, as a compiler reads a header that includes the
 * next (the way mbedTLS includes MBEDTLS_USER_CONFIG_FILE after its config). Each source must
 * balance its own conditionals, as C requires of every file.
 */
export function preprocess(sources: readonly Source[]): PreprocessResult {
  const macros = new Map<string, MacroDefinition>();
  const lookup: MacroLookup = (name) => macros.get(name);
  const expander = new Expander(lookup);
  const errors: { origin: string; text: string }[] = [];
  const reports: SourceReport[] = [];

  for (const source of sources) {
    const report: SourceReport = { name: source.name, mentions: [], ifndefs: new Set(), defineLines: 0 };
    reports.push(report);
    const at = (line: number): string => `${source.name}:${line}`;
    if (source.text.length > PREPROCESSOR_LIMITS.maxSourceChars) {
      throw new PreprocessError(source.name, limitProblem(`is ${source.text.length} characters, more than pkilab reads`, "maxSourceChars") + `: pass the configuration header itself, ${INSTEAD}`);
    }

    const stack: Conditional[] = [];

    /** The value of `#if`/`#elif` text on `line`. */
    const condition = (keyword: string, text: string, line: number): boolean => {
      if (text.length > PREPROCESSOR_LIMITS.maxExpressionChars) {
        throw new PreprocessError(at(line), limitProblem(`the ${keyword} expression is ${text.length} characters, more than pkilab reads`, "maxExpressionChars") + `: shorten it, ${INSTEAD}`);
      }
      try {
        const tokens = expander.expand(tokenize(text, () => "it"));
        const mode: ExpressionMode = {
          identifiersAreZero: true,
          casts: false,
          isDefined: (name) => macros.has(name),
          isFunctionLike: (name) => macros.get(name)?.params !== undefined,
        };
        return new Evaluator(tokens, mode).run().v !== 0n;
      } catch (err) {
        if (err instanceof NotEvaluable) {
          throw new PreprocessError(at(line), `cannot evaluate \`${keyword} ${shown(text)}\`: ${err.message}: correct the line, ${INSTEAD}`);
        }
        if (err instanceof LimitCrossed) throw new PreprocessError(at(line), `\`${keyword} ${shown(text)}\`: ${err.message}: simplify the macros it uses, ${INSTEAD}`);
        throw err;
      }
    };

    /** `#ifdef X` / `#ifndef X` / `#elifdef X` / `#elifndef X`. */
    const definedTest = (keyword: string, rest: string, line: number): boolean => {
      const id = readIdentifier(rest, 0);
      if (!id) throw new PreprocessError(at(line), `${keyword} is not followed by a macro name: name the macro it tests, ${INSTEAD}`);
      return macros.has(id.name);
    };

    const innermost = (keyword: string, line: number): Conditional => {
      const top = stack[stack.length - 1];
      if (!top) throw new PreprocessError(at(line), `#${keyword} without #if: remove it, or add the #if it belongs to`);
      return top;
    };

    const lines = logicalLines(source.text);
    for (let n = 0; n < lines.length; n++) {
      const { text, line } = lines[n]!;
      // A block comment is one space even when it runs over several lines, and comments go before
      // directives are read (C17 5.1.1.2 phases 3 and 4): the line goes on after the comment, so
      // `#define X /* ... (newline) ... */ 3` defines X as 3.
      let stripped = stripComments(text, false);
      if (stripped.inBlock) {
        const code = [stripped.code];
        while (stripped.inBlock && n + 1 < lines.length) {
          stripped = stripComments(lines[++n]!.text, true);
          code.push(stripped.code);
        }
        if (stripped.inBlock) throw new PreprocessError(at(line), "a /* comment is not closed by the end of the file: add */ where it ends");
        stripped = { ...stripped, code: code.join("") };
      }
      const directive = parseDirective(stripped.code);
      const live = stack.length === 0 || stack[stack.length - 1]!.taking;

      if (!directive) {
        // `//#define NAME`: an option shown but off.
        if (stripped.code.trim() === "" && stripped.lineComment !== undefined) {
          const off = parseDirective(stripped.lineComment);
          const id = off?.name === "define" ? readIdentifier(off.rest, 0) : undefined;
          if (id) report.mentions.push({ name: id.name, origin: at(line), how: "commented-out" });
        }
        continue;
      }

      const { name: keyword, rest } = directive;
      switch (keyword) {
        case "if":
        case "ifdef":
        case "ifndef": {
          if (stack.length >= PREPROCESSOR_LIMITS.maxConditionalDepth) {
            throw new PreprocessError(at(line), limitProblem(`conditionals nest more than ${PREPROCESSOR_LIMITS.maxConditionalDepth} deep`, "maxConditionalDepth") + `: flatten them, ${INSTEAD}`);
          }
          if (keyword === "ifndef") {
            const guard = readIdentifier(rest, 0);
            if (guard) report.ifndefs.add(guard.name);
          }
          let taking = false;
          if (live) taking = keyword === "if" ? condition("#if", rest, line) : definedTest(`#${keyword}`, rest, line) === (keyword === "ifdef");
          stack.push({ keyword: `#${keyword}`, line, taking, done: taking || !live, sawElse: false });
          break;
        }
        case "elif":
        case "elifdef":
        case "elifndef": {
          const top = innermost(keyword, line);
          if (top.sawElse) throw new PreprocessError(at(line), `#${keyword} after #else (the ${top.keyword} is at line ${top.line}): move it before the #else`);
          if (top.done) {
            top.taking = false;
            break;
          }
          top.taking = keyword === "elif" ? condition("#elif", rest, line) : definedTest(`#${keyword}`, rest, line) === (keyword === "elifdef");
          top.done = top.taking;
          break;
        }
        case "else": {
          const top = innermost(keyword, line);
          if (top.sawElse) throw new PreprocessError(at(line), `#else after #else (the ${top.keyword} is at line ${top.line}): remove one of them`);
          top.sawElse = true;
          top.taking = !top.done;
          top.done = true;
          break;
        }
        case "endif":
          innermost(keyword, line);
          stack.pop();
          break;
        case "define":
        case "undef": {
          report.defineLines++;
          const id = readIdentifier(rest, 0);
          if (!live) {
            if (id) report.mentions.push({ name: id.name, origin: at(line), how: "inactive" });
            break;
          }
          if (!id || id.name === "defined") {
            throw new PreprocessError(at(line), `#${keyword} is not followed by a macro name: write \`#${keyword} NAME${keyword === "define" ? " [VALUE]" : ""}\`, ${INSTEAD}`);
          }
          if (keyword === "undef") macros.delete(id.name);
          else {
            const definition = parseDefinition(id.name, rest.slice(id.end), at(line));
            macros.set(id.name, definition);
          }
          expander.reset();
          report.mentions.push({ name: id.name, origin: at(line), how: keyword });
          break;
        }
        case "error":
          if (live) errors.push({ origin: at(line), text: shown(rest, 300) || "(no message)" });
          break;
        default:
          // #include is not followed (the caller passes included files in order); #pragma, #warning,
          // #line, `#` alone and unknown directives change no macro.
          break;
      }
    }
    const open = stack[stack.length - 1];
    if (open) throw new PreprocessError(at(open.line), `${open.keyword} without #endif (the file ends inside it): add #endif where its block ends`);
  }
  return { macros, errors, sources: reports };
}

/** `#define NAME` rest: an object-like or function-like definition. */
function parseDefinition(name: string, afterName: string, origin: string): MacroDefinition {
  if (!afterName.startsWith("(")) return { body: normalizeBody(afterName), origin };
  // Function-like: `(` right after the name (C17 6.10.3p3), parameters, `)`.
  const close = afterName.indexOf(")");
  const list = close < 0 ? undefined : afterName.slice(1, close).trim();
  const params = list === undefined ? undefined : list === "" ? [] : list.split(",").map((p) => p.trim());
  if (!params || !params.every((p, i) => /^[A-Za-z_$][\w$]*(?:\.\.\.)?$|^\.\.\.$/.test(p) && (!p.endsWith("...") || i === params.length - 1))) {
    throw new PreprocessError(origin, `the parameter list of ${name} is not C (\`${shown(afterName.slice(0, close < 0 ? 40 : close + 1))}\`): write \`#define ${name}(a, b) ...\`, ${INSTEAD}`);
  }
  return { body: normalizeBody(afterName.slice(close + 1)), params, origin };
}
