// Real mbedTLS peers for the device-side tests: Debian's libmbedtls-dev (2.28) as installed, or
// mbedTLS 2.28 / 3.6 built from Debian's source packages with a firmware-style user config; the
// harness (test/peers/mbedtls/harness.c) compiled against either; openssl s_server as the other
// end. Nothing is mocked or skipped: a missing compiler, source tree or openssl throws with the
// command that installs it.
//
// Where things live (outside the repository, so a fresh clone stays clean and builds survive
// between test runs on the same machine):
//   $PKILAB_PEERS_DIR, default <os.tmpdir()>/pkilab-peers (scripts/install-peers.sh uses the same
//   default, ${TMPDIR:-/tmp}/pkilab-peers)
//     src/2.28, src/3.6         unpacked `apt-get source mbedtls/{bookworm,trixie}` (install-peers.sh)
//     configs/<hash>.h          user config files, named by content
//     build/<line>-<hash>/      one library build per (line, source version, user config)
//     bin/<hash>/               compiled harness / header-check binaries
// Every cache entry is made in a scratch directory and renamed into place, so two test processes
// building the same thing at once both succeed (the loser of the rename throws its copy away).
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "./cli.js";
import { freePort } from "./nginx.js";
import { requireProgram } from "./peers.js";

export type MbedtlsLine = "2.28-system" | "2.28" | "3.6";

export interface MbedtlsBuild {
  /** Where mbedtls/*.h are (Debian's /usr/include for the system library). */
  includeDir: string;
  /** Where the libraries are ("" = the compiler's default search path, for the system library). */
  libDir: string;
  /** Compiler flags every program linked against this build must use (-I, the user config -D). */
  cflags: string[];
  /** Linker flags (libraries in link order). */
  ldflags: string[];
  /** MBEDTLS_VERSION_STRING of the headers, e.g. "3.6.6". */
  version: string;
  line: MbedtlsLine;
  /** Identifies the build in cache keys. */
  id: string;
}

/** Bump when the build recipe changes, so cached builds are redone. */
const RECIPE = "pkilab-mbedtls-build-1";
const INSTALL_HINT = "run scripts/install-peers.sh (the README's test command does)";
const LIBS = ["-lmbedtls", "-lmbedx509", "-lmbedcrypto"];

export function peersDir(): string {
  return path.resolve(process.env.PKILAB_PEERS_DIR ?? path.join(os.tmpdir(), "pkilab-peers"));
}

function sha256(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

/** MBEDTLS_VERSION_STRING from version.h (2.28) or build_info.h (3.x). */
function headerVersion(includeDir: string): string | undefined {
  for (const file of ["mbedtls/build_info.h", "mbedtls/version.h"]) {
    const p = path.join(includeDir, file);
    if (!existsSync(p)) continue;
    const m = /#define\s+MBEDTLS_VERSION_STRING\s+"([^"]+)"/.exec(readFileSync(p, "utf8"));
    if (m) return m[1];
  }
  return undefined;
}

interface Exec {
  code: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function exec(program: string, args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<Exec> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 600_000);
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr, timedOut });
    });
  });
}

function tail(text: string, lines = 30): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/** Moves a finished scratch directory into place; if another process got there first, keeps theirs. */
function publish(scratch: string, final: string): void {
  try {
    renameSync(scratch, final);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    rmSync(scratch, { recursive: true, force: true });
    if ((code !== "EEXIST" && code !== "ENOTEMPTY") || !existsSync(final)) throw err;
  }
}

function scratchName(final: string): string {
  return `${final}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
}

/** Writes a file named by its content hash, atomically (same name = same bytes, so races are harmless). */
function writeContentFile(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    const scratch = scratchName(file);
    writeFileSync(scratch, text);
    renameSync(scratch, file);
  }
  return file;
}

/** A path that survives being put inside '"…"' in a shell word and a C string literal. */
function checkPlainPath(p: string): string {
  if (/["'\\$`\s]/.test(p)) throw new Error(`mbedtls helper: path must not contain quotes, $, \\ or spaces: ${p}`);
  return p;
}

const builds = new Map<string, Promise<MbedtlsBuild>>();

/**
 * An mbedTLS library to compile device programs against.
 * - "2.28-system": Debian's libmbedtls-dev as installed (no build; no user config possible).
 * - "2.28" / "3.6": the Debian source package (fetched by scripts/install-peers.sh), built with
 *   `make -j2 lib` and, if given, `userConfig` as MBEDTLS_USER_CONFIG_FILE (included after the
 *   stock config, so it can #define and #undef anything). Cached by sha256(line, source version,
 *   config): the second call costs nothing. A failed build throws with the compiler's last lines.
 */
export function mbedtlsBuild(line: MbedtlsLine, userConfig?: string): Promise<MbedtlsBuild> {
  const key = `${line}\0${userConfig ?? ""}`;
  let build = builds.get(key);
  if (!build) {
    build = line === "2.28-system" ? systemBuild(userConfig) : sourceBuild(line, userConfig);
    builds.set(key, build);
    build.catch(() => builds.delete(key));
  }
  return build;
}

async function systemBuild(userConfig: string | undefined): Promise<MbedtlsBuild> {
  if (userConfig !== undefined) {
    throw new Error('mbedtlsBuild("2.28-system") is Debian\'s prebuilt library: a user config needs a source build, use "2.28"');
  }
  requireProgram("gcc");
  const includeDir = "/usr/include";
  const version = headerVersion(includeDir);
  if (!version) throw new Error(`libmbedtls-dev is not installed (no ${includeDir}/mbedtls/version.h): ${INSTALL_HINT}`);
  return { includeDir, libDir: "", cflags: [], ldflags: [...LIBS], version, line: "2.28-system", id: `system-${version}` };
}

async function sourceBuild(line: "2.28" | "3.6", userConfig: string | undefined): Promise<MbedtlsBuild> {
  requireProgram("gcc");
  requireProgram("make");
  requireProgram("cp");
  const root = peersDir();
  const src = path.join(root, "src", line);
  const srcVersion = existsSync(path.join(src, "library", "Makefile")) ? headerVersion(path.join(src, "include")) : undefined;
  if (!srcVersion) throw new Error(`mbedTLS ${line} sources not found in ${src}: ${INSTALL_HINT}`);

  const hash = sha256(RECIPE, line, srcVersion, userConfig ?? "");
  const cflags: string[] = [];
  let configFile: string | undefined;
  if (userConfig !== undefined) {
    configFile = checkPlainPath(writeContentFile(path.join(root, "configs"), `${hash.slice(0, 16)}.h`, userConfig));
    cflags.push(`-DMBEDTLS_USER_CONFIG_FILE="${configFile}"`);
  }
  const final = path.join(root, "build", `${line}-${hash.slice(0, 16)}`);
  const done = path.join(final, ".pkilab-build.json");
  const result = (dir: string): MbedtlsBuild => ({
    includeDir: path.join(dir, "include"),
    libDir: path.join(dir, "library"),
    cflags: ["-I", path.join(dir, "include"), ...cflags],
    ldflags: ["-L", path.join(dir, "library"), ...LIBS],
    version: srcVersion,
    line,
    id: `${line}-${hash.slice(0, 16)}`,
  });
  if (existsSync(done)) return result(final);

  mkdirSync(path.dirname(final), { recursive: true });
  const scratch = checkPlainPath(scratchName(final));
  try {
    const copy = await exec("cp", ["-a", `${src}/.`, scratch]);
    if (copy.code !== 0) throw new Error(`copying ${src} failed: ${copy.stderr}`);
    // CFLAGS goes through make to sh, hence the single quotes around the C string literal.
    const makeCflags = ["-O2", ...(configFile ? [`-DMBEDTLS_USER_CONFIG_FILE='"${configFile}"'`] : [])].join(" ");
    const make = await exec("make", ["-C", scratch, "-j2", "lib", `CFLAGS=${makeCflags}`]);
    writeFileSync(path.join(scratch, "pkilab-build.log"), make.stdout + make.stderr);
    if (make.code !== 0) {
      throw new Error(`mbedTLS ${srcVersion} build failed (make -j2 lib CFLAGS="${makeCflags}"):\n${tail(make.stdout + make.stderr)}`);
    }
    writeFileSync(path.join(scratch, ".pkilab-build.json"), JSON.stringify({ line, version: srcVersion, userConfig: userConfig ?? null }, null, 2));
    publish(scratch, final);
  } catch (err) {
    rmSync(scratch, { recursive: true, force: true });
    throw err;
  }
  return result(final);
}

/** Compiles `sources` against `build` into bin/<hash>/<name>; the hash covers every input file's content. */
async function compileCached(build: MbedtlsBuild, name: string, sources: string[], cflags: string[], alsoHashed: string[] = []): Promise<string> {
  const gcc = requireProgram("gcc");
  const hash = sha256(RECIPE, build.id, ...cflags, ...[...sources, ...alsoHashed].flatMap((s) => [s, readFileSync(s, "utf8")]));
  const dir = path.join(peersDir(), "bin", hash.slice(0, 24));
  const binary = path.join(dir, name);
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  const scratch = scratchName(binary);
  const args = ["-std=c99", "-Wall", "-Wextra", "-O1", ...build.cflags, ...cflags, "-o", scratch, ...sources, ...build.ldflags];
  const cc = await exec(gcc, args);
  if (cc.code !== 0) {
    rmSync(scratch, { force: true });
    throw new Error(`compiling ${sources.map((s) => path.basename(s)).join(" ")} against mbedTLS ${build.version} failed:\ngcc ${args.join(" ")}\n${tail(cc.stderr)}`);
  }
  renameSync(scratch, binary);
  return binary;
}

/**
 * The harness compiled against `build` (cached by the hash of its source, the build and the flags).
 * `certsHeader`: a header from `pkilab export --c-array` compiled in (arrays=1 loads from it); its
 * content is part of the cache key.
 */
export function compileHarness(build: MbedtlsBuild, extraCFlags: string[] = [], certsHeader?: string): Promise<string> {
  const flags = certsHeader ? [...extraCFlags, `-DPKILAB_CERTS_HEADER="${certsHeader}"`] : extraCFlags;
  return compileCached(build, "harness", [path.join(REPO_ROOT, "test", "peers", "mbedtls", "harness.c")], flags, certsHeader ? [certsHeader] : []);
}

export interface HeaderCheckOptions {
  /** The exported header (absolute path). */
  header: string;
  /** .c files of a split export (definitions), compiled and linked alongside. */
  sources?: string[];
  /** One entry per array: "CRT(name)", "CRT_DER(name)" or "KEY(name)" (see header-check.c). */
  arrays: string[];
  extraCFlags?: string[];
}

/** test/peers/mbedtls/header-check.c compiled for one exported header; run it with runHarness(binary, []). */
export function compileHeaderCheck(build: MbedtlsBuild, options: HeaderCheckOptions): Promise<string> {
  for (const entry of options.arrays) {
    if (!/^(CRT|CRT_DER|KEY)\([A-Za-z_][A-Za-z0-9_]*\)$/.test(entry)) throw new Error(`header check: bad array entry ${entry}`);
  }
  const header = checkPlainPath(path.resolve(options.header));
  const cflags = [`-DPKILAB_HEADER="${header}"`, `-DPKILAB_ARRAYS=${options.arrays.join(" ")}`, ...(options.extraCFlags ?? [])];
  const sources = [path.join(REPO_ROOT, "test", "peers", "mbedtls", "header-check.c"), ...(options.sources ?? []).map((s) => path.resolve(s))];
  return compileCached(build, "header-check", sources, cflags, [header]);
}

export interface HarnessResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Each output line keyed by its leading words ("parse ca", "handshake", "alert"); value = the rest. */
  lines: Record<string, string>;
  /** Fatal alert received from the peer. */
  alert?: number;
  /** Fatal alert the harness sent. */
  alertSent?: number;
  /** "0" or "-0x7780". */
  handshakeRet?: string;
  /** "0x00000004" (mbedtls_ssl_get_verify_result). */
  flags?: string;
  httpStatus?: number;
  /** Negotiated protocol and suite, when the handshake succeeded. */
  tlsVersion?: string;
  ciphersuite?: string;
}

/** `key=value key="quoted value"` pairs of one output line. */
export function fields(value: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (value ?? "").matchAll(/([A-Za-z_]+)=("([^"]*)"|\S*)/g)) out[m[1]!] = m[3] ?? m[2]!;
  return out;
}

/** Splits "parse ca ret=0 count=1" into ["parse ca", "ret=0 count=1"] and "alert=40" into ["alert", "40"]. */
function splitLine(line: string): [string, string] {
  const words = line.split(" ");
  const lead: string[] = [];
  for (const word of words) {
    if (word.includes("=")) break;
    lead.push(word);
  }
  if (lead.length === 0) {
    const eq = line.indexOf("=");
    return [line.slice(0, eq), line.slice(eq + 1)];
  }
  return [lead.join(" "), words.slice(lead.length).join(" ")];
}

/** Runs a harness (or header-check) binary with key=value arguments; kills it after timeoutMs. */
export async function runHarness(binary: string, args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<HarnessResult> {
  const run = await exec(binary, args, { cwd: options.cwd, timeoutMs: options.timeoutMs ?? 30_000 });
  if (run.timedOut) throw new Error(`${path.basename(binary)} ${args.join(" ")} timed out:\n${run.stdout}${run.stderr}`);
  const lines: Record<string, string> = {};
  for (const line of run.stdout.split("\n")) {
    if (line.trim() === "") continue;
    const [key, value] = splitLine(line.trim());
    lines[key] = value;
  }
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const session = fields(lines.session);
  return {
    code: run.code,
    stdout: run.stdout,
    stderr: run.stderr,
    lines,
    alert: num(lines.alert),
    alertSent: num(lines.alert_sent),
    handshakeRet: fields(lines.handshake).ret,
    flags: fields(lines.verify).flags,
    httpStatus: num(fields(lines.http).status),
    tlsVersion: session.version,
    ciphersuite: session.ciphersuite,
  };
}

export interface OpensslServer {
  port: number;
  /** Everything s_server printed so far (stdout + stderr), e.g. "SSL alert number 42". */
  output(): string;
  stop(): Promise<void>;
}

/**
 * `openssl s_server -accept 127.0.0.1:PORT -cert CERT -key KEY [-cert_chain CHAIN] -www [ARGS]`:
 * - `-cert` takes only the first certificate of its file, so the intermediates go in `chain`
 *   (`-cert_chain`), which s_server sends after the leaf;
 * - `-www` answers `GET /` with an HTTP/1.0 200 status page, so `request=GET /` works;
 * - `args` adds anything else, e.g. ["-Verify", "1", "-CAfile", ca] to require a client cert,
 *   ["-tls1_2"], ["-groups", "P-384"], ["-cipher", "DEFAULT@SECLEVEL=0"].
 * Resolves once s_server printed ACCEPT.
 */
export async function startOpensslServer(options: { cert: string; key: string; chain?: string; port?: number; args?: string[]; cwd?: string }): Promise<OpensslServer> {
  const openssl = requireProgram("openssl");
  const port = options.port ?? (await freePort());
  const args = ["s_server", "-accept", `127.0.0.1:${port}`, "-cert", options.cert, "-key", options.key];
  if (options.chain) args.push("-cert_chain", options.chain);
  args.push("-www", ...(options.args ?? []));
  const child = spawn(openssl, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`openssl s_server did not start:\n${output}`)), 10_000);
    const onData = (d: string) => {
      output += d;
      if (/^ACCEPT$/m.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`openssl ${args.join(" ")} exited with ${code}:\n${output}`));
    });
  });
  await ready;
  return {
    port,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
