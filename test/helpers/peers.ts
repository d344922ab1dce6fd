import { spawnSync } from "node:child_process";

/**
 * Real peers are required, never mocked or skipped: a missing program fails the test with the
 * command that installs it (the README's test command does).
 */
export function requireProgram(program: string): string {
  // nginx lives in /usr/sbin, which a non-login PATH may lack.
  const found = spawnSync("sh", ["-c", `PATH="$PATH:/usr/sbin:/sbin" command -v ${program}`], { encoding: "utf8" });
  const location = found.stdout.trim();
  if (found.status !== 0 || location === "") {
    throw new Error(`${program} is not installed: run scripts/install-peers.sh (the README's test command does)`);
  }
  return location;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(program: string, args: string[], options: { cwd?: string; input?: string } = {}): RunResult {
  const result = spawnSync(program, args, { encoding: "utf8", cwd: options.cwd, input: options.input, timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `openssl verify` exactly as a user would run it against a lab. */
export function opensslVerify(args: string[], cwd: string): RunResult {
  requireProgram("openssl");
  return run("openssl", ["verify", ...args], { cwd });
}
