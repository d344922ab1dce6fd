// The Go peer (test/peers/go/peer.go) built with the system's Go toolchain (Debian golang-go 1.19)
// and run: a real crypto/tls handshake over 127.0.0.1 judged by Go's crypto/x509. The build is
// offline (GO111MODULE=off, no imports outside the standard library) and cached under
// peersDir() by the hash of the source and the toolchain version, so a test run builds it once.
import { execFile, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "./cli.js";
import { peersDir } from "./mbedtls.js";
import { requireProgram } from "./peers.js";

const SOURCE = path.join(REPO_ROOT, "test", "peers", "go", "peer.go");

/** What Go said: its handshake error exactly as `err.Error()` prints it. */
export interface GoOutcome {
  ok: boolean;
  /** The judging side's error (the server in mtls mode, the client in client mode). */
  error?: string;
  /** The other side's error, e.g. "remote error: tls: bad certificate". */
  peerError?: string;
}

let built: Promise<string> | undefined;

/** `go version` without the platform: "go1.19.8". */
export function goVersion(): string {
  const go = requireProgram("go");
  const out = spawnSync(go, ["version"], { encoding: "utf8" }).stdout;
  const m = /go version (go\d+\.\d+(?:\.\d+)?)/.exec(out);
  if (!m) throw new Error(`go version: cannot read "${out.trim()}"`);
  return m[1]!;
}

/** Builds the Go peer once per run (cached across runs by source hash); resolves to the binary. */
export function goPeer(): Promise<string> {
  built ??= build();
  return built;
}

function goEnv(dir: string): NodeJS.ProcessEnv {
  // Offline and self-contained: no module lookups, caches under the temp dir, no cgo needed.
  return { ...process.env, GO111MODULE: "off", GOFLAGS: "", GOCACHE: path.join(dir, "gocache"), GOPATH: path.join(dir, "gopath"), GOTOOLCHAIN: "local", CGO_ENABLED: "0", HOME: process.env.HOME ?? dir };
}

async function build(): Promise<string> {
  const go = requireProgram("go");
  const source = readFileSync(SOURCE);
  const version = goVersion();
  const hash = createHash("sha256").update(version).update("\0").update(source).digest("hex").slice(0, 16);
  const dir = path.join(peersDir(), "go");
  const binary = path.join(dir, `peer-${version}-${hash}`);
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  const partial = `${binary}.${process.pid}.tmp`;
  const result = await exec(go, ["build", "-o", partial, SOURCE], { env: goEnv(dir), timeoutMs: 300_000 });
  if (result.code !== 0) throw new Error(`go build ${SOURCE} failed:\n${result.stderr}`);
  renameSync(partial, binary); // atomic: a parallel run sees the whole binary or none
  return binary;
}

/** Builds and runs a one-file Go program (standard library only), offline; resolves to its stdout. */
export async function runGoProgram(name: string, source: string): Promise<string> {
  const go = requireProgram("go");
  const dir = path.join(peersDir(), "go");
  const work = mkdtempSync(path.join(os.tmpdir(), `pkilab-go-${name}-`));
  const file = path.join(work, `${name}.go`);
  writeFileSync(file, source);
  mkdirSync(dir, { recursive: true });
  const result = await exec(go, ["run", file], { env: goEnv(dir), timeoutMs: 300_000 });
  rmSync(work, { recursive: true, force: true });
  if (result.code !== 0) throw new Error(`go run ${name}.go failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/**
 * A Go server with ClientAuth: tls.RequireAndVerifyClientCert and ClientCAs = `ca` judges the client
 * chain `cert` (leaf first, sent with `key` by an in-process Go client).
 */
export async function goMtls(files: { cert: string; key: string; ca: string }): Promise<GoOutcome> {
  return runPeer(["mtls", "-cert", files.cert, "-key", files.key, "-ca", files.ca]);
}

/** A Go client with RootCAs = `ca` and ServerName = `host` judges the server chain `cert`. */
export async function goClient(files: { cert: string; key: string; ca: string; host: string }): Promise<GoOutcome> {
  return runPeer(["client", "-cert", files.cert, "-key", files.key, "-ca", files.ca, "-host", files.host]);
}

async function runPeer(args: string[]): Promise<GoOutcome> {
  const binary = await goPeer();
  const result = await exec(binary, args, { timeoutMs: 30_000 });
  if (result.code !== 0) throw new Error(`go peer ${args.join(" ")} exited ${result.code}:\n${result.stdout}${result.stderr}`);
  return JSON.parse(result.stdout.trim()) as GoOutcome;
}

function exec(program: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(program, args, { env: options.env, timeout: options.timeoutMs, encoding: "utf8", maxBuffer: 4 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr: stderr + (error && code === -1 ? `\n${error.message}` : "") });
    });
  });
}
