// A real wolfSSL device for the tests: the harness (test/peers/wolfssl/harness.c, a TLS client)
// compiled against Debian's libwolfssl-dev 5.5.4 as installed (/usr/include/wolfssl, -lwolfssl),
// with `openssl s_server` on 127.0.0.1 as the server (startOpensslServer of ./mbedtls.ts).
// Nothing is mocked or skipped: a missing gcc, header or openssl throws with the install hint.
//
// Binaries are cached under <os.tmpdir()>/pkilab-peers/wolfssl-bin/<hash>/ (PKILAB_PEERS_DIR
// overrides the root), keyed by the harness source, the flags, any compiled-in header and the
// installed options.h, so an edit or a library upgrade recompiles.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
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

/**
 * Compiles `sources` against the installed wolfSSL into a cached binary (hash of sources, flags,
 * extra hashed files and options.h). `-Werror`: a warning in the harness is a failure.
 */
export async function compileWolfssl(name: string, sources: string[], cflags: string[] = [], alsoHashed: string[] = []): Promise<string> {
  const gcc = requireProgram("gcc");
  wolfsslVersion();
  const inputs = [...sources, ...alsoHashed, SYSTEM_OPTIONS_H];
  const hash = sha256("pkilab-wolfssl-1", ...cflags, ...inputs.flatMap((s) => [s, readFileSync(s, "utf8")]));
  const dir = path.join(peersDir(), "wolfssl-bin", hash.slice(0, 24));
  const binary = path.join(dir, name);
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  const scratch = `${binary}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  const args = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-O1", ...cflags, "-o", scratch, ...sources, "-lwolfssl"];
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
export function compileWolfsslHarness(certs?: { header: string; caArray: string; caFormat: "WOLFSSL_FILETYPE_ASN1" | "WOLFSSL_FILETYPE_PEM"; sources?: string[] }): Promise<string> {
  if (!certs) return compileWolfssl("harness", [HARNESS]);
  if (!/^[A-Za-z_]\w*$/.test(certs.caArray)) throw new Error(`bad array name ${certs.caArray}`);
  if (/["'\\$`\s]/.test(certs.header)) throw new Error(`header path must not contain quotes, $, \\ or spaces: ${certs.header}`);
  const flags = [`-DPKILAB_CERTS_HEADER="${certs.header}"`, `-DPKILAB_CA_ARRAY=${certs.caArray}`, `-DPKILAB_CA_FORMAT=${certs.caFormat}`];
  return compileWolfssl("harness", [HARNESS, ...(certs.sources ?? [])], flags, [certs.header]);
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
