// The CLI-level check: mutated inputs through the real CLI (node bin/run.js), the way a user passes
// them, asserting the exit-code contract: 0, 1, 2 or 3; never pkilab's "internal error" handler, a
// signal or a stack trace; exit 2 is exactly one line "pkilab: ...".
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { BIN, REPO_ROOT } from "../helpers/cli.js";
import { deriveSeed } from "./campaign.js";
import { FUZZ_PASSWORD } from "./constants.js";
import { applyCase, caseArbitrary } from "./mutations.js";
import type { SeedSet } from "./seeds.js";
import type { Target } from "./targets.js";

export interface CliCase {
  target: string;
  args: string[];
  input: string;
}

export interface CliOutcome {
  case: CliCase;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

/** The commands a fuzzed file of each target goes through; `{}` is the file. */
function commandsFor(target: string, lab: SeedSet["lab"]): string[][] {
  const password = ["--password", FUZZ_PASSWORD];
  if (target.startsWith("certificate") || target === "pkcs7" || target === "pkcs12") {
    return [["inspect", "--tree", "{}", ...password], ["verify", "{}", "--ca", lab.ca, ...password], ["lint", "{}", "--for", "nginx-mtls", "--ca", lab.ca, ...password]];
  }
  if (target.startsWith("key-")) {
    return [["inspect", "{}", ...password], ["lint", lab.clientCert, "--for", "nginx-mtls", "--key", "{}", ...password], ["verify", lab.clientCert, "--key", "{}", ...password]];
  }
  if (target === "public-key" || target === "csr" || target === "crl") return [["inspect", "{}"]];
  if (target.startsWith("client-hello")) return [["inspect", "--client-hello", "{}"], ["lint", lab.serverCert, "--chain", lab.serverChain, "--ca", lab.ca, "--client-hello", "{}"]];
  if (target === "log") return [["explain", "--log", "{}"]];
  if (target === "nginx-conf") return [["lint", lab.clientCert, "--nginx-conf", "{}"]];
  return [["lint", lab.serverCert, "--for", "mbedtls", "--mbedtls-config", "{}", "--host", "localhost"]];
}

/** `count` cases, targets in turn, each a mutated seed written under `dir` with the command that reads it. */
export function makeCliCases(targets: Target[], seeds: SeedSet, options: { count: number; seed: number; dir: string; maxInputBytes?: number }): CliCase[] {
  const out: CliCase[] = [];
  for (let i = 0; i < options.count; i++) {
    const target = targets[i % targets.length]!;
    const [testCase] = fc.sample(caseArbitrary(target.seeds, target.structure), { seed: deriveSeed(options.seed, `cli-${i}`), numRuns: 1 });
    const input = applyCase(testCase!, target.seeds, target.knowledge, options.maxInputBytes);
    const caseDir = path.join(options.dir, `case-${i}`);
    mkdirSync(caseDir, { recursive: true });
    if (target.name === "nginx-conf") {
      // nginx.conf finds its includes next to it, as in the worker.
      for (const [relative, content] of Object.entries(seeds.setupFiles)) {
        const file = path.join(caseDir, path.relative("nginx", relative));
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, content);
      }
    }
    const file = path.join(caseDir, target.name === "nginx-conf" ? "nginx.conf" : "input");
    writeFileSync(file, input);
    const commands = commandsFor(target.name, seeds.lab);
    const command = commands[Math.floor(i / targets.length) % commands.length]!;
    out.push({ target: target.name, args: command.map((a) => (a === "{}" ? file : a)), input: file });
  }
  return out;
}

function runOne(c: CliCase, timeoutMs: number): Promise<CliOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    // No COLUMNS: in a pipe pkilab does not wrap, so each report line is whole.
    const { COLUMNS: _columns, ...env } = process.env;
    const child = spawn(process.execPath, [BIN, ...c.args], { cwd: REPO_ROOT, env });
    let stderr = "";
    let timedOut = false;
    child.stdout.resume();
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ case: c, code, signal, stderr, ms: performance.now() - started, timedOut });
    });
  });
}

/** Runs the cases, `concurrency` at a time. */
export async function runCliCases(cases: CliCase[], options: { concurrency: number; timeoutMs: number }): Promise<CliOutcome[]> {
  const outcomes: CliOutcome[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < cases.length) outcomes.push(await runOne(cases[next++]!, options.timeoutMs));
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  return outcomes;
}

/** What is wrong with one CLI run, or undefined. */
export function judgeCli(o: CliOutcome): string | undefined {
  if (o.timedOut) return `no exit within ${Math.round(o.ms)} ms (killed)`;
  if (o.signal) return `killed by ${o.signal}`;
  if (o.code === null || ![0, 1, 2, 3].includes(o.code)) return `exit code ${o.code}`;
  if (/internal error/.test(o.stderr)) return `reached the internal error handler: ${o.stderr.trim().split("\n")[0]}`;
  if (/^\s+at .+:\d+:\d+\)?$/m.test(o.stderr)) return `printed a stack trace: ${o.stderr.trim().split("\n").slice(0, 3).join(" | ")}`;
  if (o.code === 2) {
    const lines = o.stderr.trimEnd().split("\n");
    if (lines.length !== 1 || !lines[0]!.startsWith("pkilab: ")) return `exit 2 without exactly one "pkilab: ..." line: ${JSON.stringify(o.stderr.slice(0, 300))}`;
  }
  return undefined;
}

/** Copies the input of a failed CLI case next to the other reproducers. */
export function keepCliReproducer(o: CliOutcome, outDir: string, index: number): string {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `cli-${o.case.target}-${index}${path.basename(o.case.input) === "nginx.conf" ? ".conf" : ".bin"}`);
  copyFileSync(o.case.input, file);
  return file;
}
