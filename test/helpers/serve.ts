// `pkilab serve` as a child process, the way a user runs it, and clients run asynchronously next to
// it (a blocked event loop would stop reading serve's output).
import { spawn } from "node:child_process";
import { BIN, REPO_ROOT } from "./cli.js";
import type { ServeConnectionReport } from "../../src/inspect/serve.js";

export interface ServeProcess {
  port: number;
  pid: number;
  /** The JSON reports printed so far (--json). */
  reports(): ServeConnectionReport[];
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (signals as 128 + n). */
  exited: Promise<number>;
  /** Resolves once `count` reports were printed; rejects after timeoutMs. */
  waitForReports(count: number, timeoutMs?: number): Promise<ServeConnectionReport[]>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number>;
}

/** Starts `pkilab serve --port 0 ARGS` and resolves once it printed its listening line. */
export async function startServe(args: string[], options: { cwd?: string } = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", ...args], { cwd: options.cwd ?? REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
  const exited = new Promise<number>((resolve) => child.once("exit", (code, signal) => resolve(code ?? 128 + (signal === "SIGTERM" ? 15 : 9))));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${err}`)), 20_000);
    const check = () => {
      const m = /^listening on [^\n]*:(\d+)$/m.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stderr.on("data", check);
    void exited.then((code) => reject(new Error(`serve exited with ${code}:\n${err}${out}`)));
  });
  // Complete lines only: the last one may still be arriving.
  const reports = () =>
    out
      .slice(0, out.lastIndexOf("\n") + 1)
      .split("\n")
      .filter((line) => line.startsWith("{") && !line.startsWith('{"summary"'))
      .map((line) => JSON.parse(line) as ServeConnectionReport);
  return {
    port,
    pid: child.pid!,
    reports,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForReports: async (count, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (reports().length < count) {
        if (Date.now() > deadline) throw new Error(`serve printed ${reports().length} of ${count} reports in ${timeoutMs} ms:\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return reports();
    },
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

export interface ClientRun {
  code: number;
  output: string;
}

/** Runs a client program to completion without blocking the event loop; killed after timeoutMs. */
export function runClient(program: string, args: string[], options: { input?: string; timeoutMs?: number; cwd?: string } = {}): Promise<ClientRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
    child.stdin.end(options.input ?? "");
  });
}
