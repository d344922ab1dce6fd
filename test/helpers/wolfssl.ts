// A real wolfSSL device for the tests: the harness (test/peers/wolfssl/harness.c, a TLS client)
// compiled against Debian's libwolfssl-dev 5.5.4 as installed (/usr/include/wolfssl, -lwolfssl),
// with `openssl s_server` on 127.0.0.1 as the server (startOpensslServer of ./mbedtls.ts).
// Nothing is mocked or skipped: a missing gcc, header or openssl throws with the install hint.
//
// Binaries are cached under <os.tmpdir()>/pkilab-peers/wolfssl-bin/<hash>/ (PKILAB_PEERS_DIR
// overrides the root), keyed by the harness source, the flags, any compiled-in header and the
// library build (the installed options.h), so an edit or a library upgrade recompiles. Config
// variants are wolfSSL 5.5.4 built from Debian's source package (<peers>/src/wolfssl-5.5.4) with a
// user_settings.h, cached under <peers>/wolfssl-build/<hash>/.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./cli.js";
import { fields, peersDir } from "./mbedtls.js";
import { requireProgram } from "./peers.js";

export { startOpensslServer, fields } from "./mbedtls.js";

/** Debian's wolfSSL build configuration: what `--wolfssl-config` is given for the installed library. */
export const SYSTEM_OPTIONS_H = "/usr/include/wolfssl/options.h";
const INSTALL_HINT = "run scripts/install-peers.sh (it installs libwolfssl-dev)";
const HARNESS = path.join(REPO_ROOT, "test", "peers", "wolfssl", "harness.c");

function sha256(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

interface Exec {
  code: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function exec(program: string, args: string[], timeoutMs = 120_000): Promise<Exec> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
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

/** LIBWOLFSSL_VERSION_STRING of the installed headers; throws with the install hint when absent. */
export function wolfsslVersion(): string {
  const file = "/usr/include/wolfssl/version.h";
  if (!existsSync(file) || !existsSync(SYSTEM_OPTIONS_H)) throw new Error(`libwolfssl-dev is not installed (no ${file}): ${INSTALL_HINT}`);
  const m = /#define\s+LIBWOLFSSL_VERSION_STRING\s+"([^"]+)"/.exec(readFileSync(file, "utf8"));
  if (!m) throw new Error(`${file}: no LIBWOLFSSL_VERSION_STRING`);
  return m[1]!;
}

/** A wolfSSL library to compile against: Debian's, or a source build with a user_settings.h. */
export interface WolfsslBuild {
  /** Flags every program compiled against the build uses (-I, -DWOLFSSL_USER_SETTINGS). */
  cflags: string[];
  /** Linker arguments (the library). */
  ldflags: string[];
  /** Identifies the build in cache keys. */
  id: string;
  /** The configuration pkilab is given for this build: options.h, or the user_settings.h. */
  config: string;
}

/** Debian's libwolfssl-dev as installed. */
export function systemWolfssl(): WolfsslBuild {
  wolfsslVersion();
  return { cflags: [], ldflags: ["-lwolfssl"], id: `system-${sha256(readFileSync(SYSTEM_OPTIONS_H, "utf8")).slice(0, 16)}`, config: SYSTEM_OPTIONS_H };
}

/** Where the wolfSSL 5.5.4 source tree is expected: `apt-get source wolfssl/bookworm` unpacked there. */
export function wolfsslSourceDir(): string {
  return path.join(peersDir(), "src", "wolfssl-5.5.4");
}

/**
 * The files of a wolfSSL library build (src/include.am's list for the TLS library; every
 * wolfcrypt/src/*.c, each compiling to nothing when its feature is off or it is #included by another).
 */
const LIBRARY_SOURCES = ["internal", "wolfio", "keys", "ssl", "tls", "tls13", "crl", "ocsp"].map((f) => path.join("src", `${f}.c`));

const sourceBuilds = new Map<string, Promise<WolfsslBuild>>();

/**
 * wolfSSL 5.5.4 built from Debian's source package with `userSettings` as its user_settings.h
 * (-DWOLFSSL_USER_SETTINGS: wolfssl/wolfcrypt/settings.h includes it first), into a static library
 * cached under <peers>/wolfssl-build/<hash>/ by the settings' content. About 20 s on two cores.
 */
export function wolfsslSourceBuild(userSettings: string): Promise<WolfsslBuild> {
  let build = sourceBuilds.get(userSettings);
  if (!build) {
    build = buildFromSource(userSettings);
    sourceBuilds.set(userSettings, build);
    build.catch(() => sourceBuilds.delete(userSettings));
  }
  return build;
}

async function buildFromSource(userSettings: string): Promise<WolfsslBuild> {
  const gcc = requireProgram("gcc");
  requireProgram("ar");
  const src = wolfsslSourceDir();
  if (!existsSync(path.join(src, "wolfssl", "wolfcrypt", "settings.h"))) {
    throw new Error(`wolfSSL 5.5.4 sources not found in ${src}: unpack Debian's source package there (apt-get source wolfssl=5.5.4-2+deb12u2; scripts/install-peers.sh should do it)`);
  }
  const hash = sha256("pkilab-wolfssl-source-1", userSettings).slice(0, 16);
  const dir = path.join(peersDir(), "wolfssl-build", hash);
  const library = path.join(dir, "libwolfssl.a");
  const result: WolfsslBuild = { cflags: ["-DWOLFSSL_USER_SETTINGS", "-I", dir, "-I", src], ldflags: [library, "-lm"], id: `source-${hash}`, config: path.join(dir, "user_settings.h") };
  if (existsSync(library)) return result;
  const scratch = `${dir}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  mkdirSync(scratch, { recursive: true });
  try {
    writeFileSync(path.join(scratch, "user_settings.h"), userSettings);
    const sources = [...LIBRARY_SOURCES.map((f) => path.join(src, f)), ...readdirSync(path.join(src, "wolfcrypt", "src")).filter((f) => f.endsWith(".c")).map((f) => path.join(src, "wolfcrypt", "src", f))];
    const objects: string[] = [];
    // Two compilers at a time (the machine has two cores).
    for (let i = 0; i < sources.length; i += 2) {
      const batch = sources.slice(i, i + 2).map(async (file, j) => {
        const object = path.join(scratch, `${i + j}-${path.basename(file, ".c")}.o`);
        const cc = await exec(gcc, ["-c", "-O1", "-w", "-DWOLFSSL_USER_SETTINGS", "-I", scratch, "-I", src, "-o", object, file]);
        if (cc.code !== 0) throw new Error(`wolfSSL source build: ${path.relative(src, file)} failed with this user_settings.h:\n${cc.stderr.trimEnd().split("\n").slice(-20).join("\n")}`);
        return object;
      });
      objects.push(...(await Promise.all(batch)));
    }
    const ar = await exec("ar", ["rcs", path.join(scratch, "libwolfssl.a"), ...objects]);
    if (ar.code !== 0) throw new Error(`ar failed: ${ar.stderr}`);
    for (const object of objects) rmSync(object);
    try {
      renameSync(scratch, dir);
    } catch (err) {
      rmSync(scratch, { recursive: true, force: true });
      if (!existsSync(library)) throw err;
    }
  } catch (err) {
    rmSync(scratch, { recursive: true, force: true });
    throw err;
  }
  return result;
}

/**
 * Compiles `sources` against `build` (default: the installed wolfSSL) into a cached binary (hash
 * of sources, flags, extra hashed files and the build). `-Werror`: a warning in the harness is a failure.
 */
export async function compileWolfssl(name: string, sources: string[], cflags: string[] = [], alsoHashed: string[] = [], build: WolfsslBuild = systemWolfssl()): Promise<string> {
  const gcc = requireProgram("gcc");
  const inputs = [...sources, ...alsoHashed];
  const hash = sha256("pkilab-wolfssl-1", build.id, ...cflags, ...inputs.flatMap((s) => [s, readFileSync(s, "utf8")]));
  const dir = path.join(peersDir(), "wolfssl-bin", hash.slice(0, 24));
  const binary = path.join(dir, name);
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  const scratch = `${binary}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  const args = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-O1", ...build.cflags, ...cflags, "-o", scratch, ...sources, ...build.ldflags];
  const cc = await exec(gcc, args);
  if (cc.code !== 0) {
    rmSync(scratch, { force: true });
    throw new Error(`compiling ${sources.map((s) => path.basename(s)).join(" ")} against wolfSSL failed:\ngcc ${args.join(" ")}\n${cc.stderr.trimEnd().split("\n").slice(-30).join("\n")}`);
  }
  renameSync(scratch, binary);
  return binary;
}

/**
 * The harness. `certsHeader`: a header from `pkilab export --c-array --for wolfssl`, compiled in
 * with the array and format arrays=1 loads (`caArray`, default pkilab_ca_der; `caFormat`,
 * WOLFSSL_FILETYPE_ASN1 or WOLFSSL_FILETYPE_PEM).
 */
export function compileWolfsslHarness(certs?: { header: string; caArray: string; caFormat: "WOLFSSL_FILETYPE_ASN1" | "WOLFSSL_FILETYPE_PEM"; sources?: string[] }, build?: WolfsslBuild): Promise<string> {
  if (!certs) return compileWolfssl("harness", [HARNESS], [], [], build);
  if (!/^[A-Za-z_]\w*$/.test(certs.caArray)) throw new Error(`bad array name ${certs.caArray}`);
  if (/["'\\$`\s]/.test(certs.header)) throw new Error(`header path must not contain quotes, $, \\ or spaces: ${certs.header}`);
  const flags = [`-DPKILAB_CERTS_HEADER="${certs.header}"`, `-DPKILAB_CA_ARRAY=${certs.caArray}`, `-DPKILAB_CA_FORMAT=${certs.caFormat}`];
  return compileWolfssl("harness", [HARNESS, ...(certs.sources ?? [])], flags, [certs.header], build);
}

export interface WolfsslResult {
  code: number;
  stdout: string;
  stderr: string;
  /** "ret" and "text" of each `load ca` line, in order. */
  loads: { ret: number; text: string }[];
  /** wolfSSL_connect's return (1 = WOLFSSL_SUCCESS); undefined when no handshake was tried. */
  handshakeRet?: number;
  /** wolfSSL_get_error() after a failed handshake (0 on success), and its wolfSSL_ERR_error_string(). */
  err?: number;
  errText?: string;
  /** wolfSSL_get_verify_result(). */
  verifyResult?: number;
  tlsVersion?: string;
  /** errors=: code -> text. */
  errorTexts: Map<number, string>;
}

/** Runs the harness with key=value arguments; kills it after timeoutMs. */
export async function runWolfsslHarness(binary: string, args: string[], timeoutMs = 30_000): Promise<WolfsslResult> {
  const run = await exec(binary, args, timeoutMs);
  if (run.timedOut) throw new Error(`${path.basename(binary)} ${args.join(" ")} timed out:\n${run.stdout}${run.stderr}`);
  const result: WolfsslResult = { code: run.code, stdout: run.stdout, stderr: run.stderr, loads: [], errorTexts: new Map() };
  for (const line of run.stdout.split("\n")) {
    const rest = line.replace(/^[a-z ]+?(?= \w+=)/, "");
    const f = fields(rest);
    if (line.startsWith("load ")) result.loads.push({ ret: Number(f.ret), text: f.text ?? "" });
    else if (line.startsWith("handshake ")) {
      result.handshakeRet = Number(f.ret);
      result.err = Number(f.err);
      result.errText = f.text ?? "";
    } else if (line.startsWith("verify ")) result.verifyResult = Number(f.result);
    else if (line.startsWith("session ")) result.tlsVersion = f.version;
    else if (line.startsWith("error ")) result.errorTexts.set(Number(f.code), f.text ?? "");
  }
  return result;
}

/** wolfSSL_ERR_error_string() of each code, from the real library. */
export async function wolfsslErrorTexts(codes: number[]): Promise<Map<number, string>> {
  const binary = await compileWolfsslHarness();
  const result = await runWolfsslHarness(binary, [`errors=${codes.join(",")}`]);
  if (result.code !== 0) throw new Error(`harness errors= failed:\n${result.stdout}${result.stderr}`);
  return result.errorTexts;
}
