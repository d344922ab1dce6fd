// A fuzz campaign: for each target, fast-check draws cases (a seed and a few edits), each runs in the
// worker pool, and the outcome is judged against the error contract. A failure is shrunk (for a
// bounded time) to the smallest case that fails the same way, written to a file that reproduces it,
// and remembered by its signature, so the search goes on for other kinds of failure instead of
// finding the same one again.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { ENTRIES } from "./entries.js";
import { applyCase, caseArbitrary, type Case } from "./mutations.js";
import { WorkerPool, type RunResult } from "./pool.js";
import type { ErrorReport } from "./protocol.js";
import type { Target } from "./targets.js";

/**
 * Wall-clock time an entry point may run before it counts as hung and its worker is stopped: three
 * times the CPU budget, so a machine busy with other work does not turn a slow case into a "hang".
 */
export const hangMsFor = (budgetMs: number): number => 3 * budgetMs;

/** A user-facing message longer than this is no longer "one actionable line" (it quotes the input). */
export const MAX_MESSAGE_CHARS = 2000;

/** What went wrong in one case, or undefined when every entry point kept the contract. */
export interface Verdict {
  /** Failures with the same signature are one class (same entry point, error and source line). */
  signature: string;
  entry: string;
  description: string;
  /** The first lines of the stack, to route the failure. */
  stack?: string;
}

export interface Failure extends Verdict {
  target: string;
  /** The seed the minimal case starts from. */
  seedName: string;
  /** The minimal case, as data. */
  testCase: Case;
  /** A file holding the minimal input: `node scripts/fuzz.js --replay FILE --target TARGET` runs it again. */
  reproducer: string;
  inputBytes: number;
  /** fast-check's seed for the run that found it. */
  runSeed: number;
  /** How many generated cases failed this way (before shrinking). */
  occurrences: number;
}

export interface TargetResult {
  target: string;
  cases: number;
  failures: Failure[];
  ms: number;
  /** Growth of the worker's reserved heap over the target's cases, in MB (V8's total_heap_size). */
  peakHeapGrowthMb: number;
  /** The most CPU time one entry point took on one input. */
  slowestCpuMs: number;
  /** The target's time limit ran out before all its cases ran. */
  stoppedEarly: boolean;
}

export interface CampaignOptions {
  /** Cases per target. */
  casesPerTarget: number;
  seed: number;
  /** Wall-clock budget of one case: past it the worker is stopped and the case is a failure. */
  budgetMs: number;
  /** Time allowed to shrink each new failure. */
  shrinkMs: number;
  /** No mutated input is larger (mutations.ts MAX_INPUT_BYTES by default). */
  maxInputBytes?: number;
  /** Time allowed for one target (the short run of npm test must stay short even when a target hangs often). */
  timeLimitMs?: number;
  /** Where reproducers are written. */
  outDir: string;
  setupFiles?: Record<string, Uint8Array | string>;
  log?: (line: string) => void;
}

const firstLine = (s: string): string => s.split("\n")[0] ?? "";

/** "src/model/certificate.js:123 parse": the innermost frame in pkilab's own code. */
export function ownFrame(stack: string): string {
  for (const line of stack.split("\n").slice(1)) {
    const m = /at (?:(\S+) \()?.*\/dist\/(src\/[^:)]+):(\d+):\d+\)?$/.exec(line.trim());
    if (m) return `${m[2]}:${m[3]}${m[1] ? ` ${m[1]}` : ""}`;
  }
  return "no pkilab frame";
}

function allowed(expect: string, e: ErrorReport): boolean {
  switch (expect) {
    case "input-error":
      return e.inputError;
    case "der-error":
      return e.derError;
    case "certificate-parse-error":
      return e.certificateParseError;
    case "preprocess-error":
      return e.preprocessError;
    default:
      return false;
  }
}

/**
 * Judges one run against the contract (module comment of entries.ts): each entry point within
 * `budgetMs` of CPU time, throwing only what it may, one line.
 */
export function judge(result: RunResult, budgetMs: number): Verdict | undefined {
  if (result.kind === "timeout") {
    return { signature: `timeout|${result.entry ?? "?"}`, entry: result.entry ?? "?", description: `no answer: stopped after ${Math.round(result.ms)} ms while in ${result.entry ?? "?"}` };
  }
  if (result.kind === "crash") {
    return { signature: `crash|${result.entry ?? "?"}|${result.message.replace(/\d+/g, "N")}`, entry: result.entry ?? "?", description: `the worker died in ${result.entry ?? "?"}: ${result.message}` };
  }
  for (const outcome of result.report.entries) {
    if (outcome.cpuMs > budgetMs) {
      return { signature: `slow|${outcome.entry}`, entry: outcome.entry, description: `${outcome.entry} took ${Math.round(outcome.cpuMs)} ms of CPU time (budget ${budgetMs} ms)` };
    }
    const e = outcome.error;
    if (!e) continue;
    const where = ownFrame(e.stack);
    const stack = e.stack.split("\n").slice(0, 8).join("\n");
    if (!allowed(outcome.expect, e)) {
      return {
        signature: `${outcome.entry}|${e.name}|${where}`,
        entry: outcome.entry,
        description: `${outcome.entry} threw ${e.constructorName}${e.name !== e.constructorName ? ` (${e.name})` : ""}: ${firstLine(e.message).slice(0, 300)} [${where}] where ${outcome.expect === "never-throws" ? "nothing may be thrown" : `only ${outcome.expect} is allowed`}`,
        stack,
      };
    }
    if (e.inputError && e.message.includes("\n")) {
      return { signature: `${outcome.entry}|multi-line|${where}`, entry: outcome.entry, description: `${outcome.entry}: the InputError has ${e.message.split("\n").length} lines (the CLI prints one): ${JSON.stringify(e.message.slice(0, 200))}`, stack };
    }
    if (e.inputError && e.message.length > MAX_MESSAGE_CHARS) {
      return { signature: `${outcome.entry}|long-message|${where}`, entry: outcome.entry, description: `${outcome.entry}: the InputError is ${e.message.length} characters (at most ${MAX_MESSAGE_CHARS}): ${JSON.stringify(e.message.slice(0, 200))}…`, stack };
    }
  }
  return undefined;
}

/** A 31-bit seed derived from a run seed and a label (each target gets its own stream). */
export function deriveSeed(seed: number, label: string): number {
  return createHash("sha256").update(`${seed}:${label}`).digest().readUInt32BE(0) & 0x7fffffff;
}

/** Checks that every seed of the target passes every entry point untouched (else the target fuzzes nothing). */
export async function checkSeeds(target: Target, pool: WorkerPool, budgetMs: number): Promise<{ seed: string; verdict: Verdict }[]> {
  const problems: { seed: string; verdict: Verdict }[] = [];
  for (const seed of target.seeds) {
    const result = await pool.run(target.name, seed.bytes);
    const verdict = judge(result, budgetMs);
    if (verdict) {
      problems.push({ seed: seed.name, verdict });
      continue;
    }
    if (result.kind !== "done") continue;
    const mayFail = (entry: string, error: ErrorReport): boolean =>
      (seed.refusedBecause !== undefined && error.inputError) || ENTRIES[target.name]?.find((e) => e.name === entry)?.seedMayFail === true;
    const refused = result.report.entries.find((o) => o.error && !mayFail(o.entry, o.error));
    if (refused?.error) {
      problems.push({
        seed: seed.name,
        verdict: { signature: `seed|${refused.entry}`, entry: refused.entry, description: `a valid seed is refused by ${refused.entry}: ${firstLine(refused.error.message).slice(0, 300)}`, stack: refused.error.stack.split("\n").slice(0, 8).join("\n") },
      });
    }
  }
  return problems;
}

/** Fuzzes one target. */
export async function fuzzTarget(target: Target, pool: WorkerPool, options: CampaignOptions): Promise<TargetResult> {
  const started = performance.now();
  const failures = new Map<string, Failure>();
  const arbitrary = caseArbitrary(target.seeds, target.structure);
  let cases = 0;
  let slowest = 0;
  let heapBase: number | undefined;
  let heapPeak = 0;
  let runSeed = deriveSeed(options.seed, target.name);
  const deadline = started + (options.timeLimitMs ?? Infinity);
  let stoppedEarly = false;

  const measure = (result: RunResult): void => {
    if (result.kind !== "done") return;
    for (const e of result.report.entries) slowest = Math.max(slowest, e.cpuMs);
    heapBase ??= result.report.heapTotalBefore;
    heapPeak = Math.max(heapPeak, result.report.heapTotalAfter);
  };

  while (cases < options.casesPerTarget) {
    // Written by the property as it runs (a holder object: TypeScript does not follow writes made inside the closure).
    const search: { tracked?: { signature: string; deadline: number }; smallest?: { testCase: Case; input: Uint8Array; verdict: Verdict }; firstOccurrence: number } = { firstOccurrence: 0 };
    const property = fc.asyncProperty(arbitrary, async (testCase) => {
      // Shrinking: once the time for it is spent, every further candidate "passes" so fast-check stops.
      const { tracked } = search;
      if (tracked && performance.now() > tracked.deadline) return true;
      if (!tracked && performance.now() > deadline) {
        stoppedEarly = true;
        return true; // out of time: the remaining draws are skipped (drawing them costs next to nothing)
      }
      const input = applyCase(testCase, target.seeds, target.knowledge, options.maxInputBytes);
      const result = await pool.run(target.name, input);
      if (!tracked) {
        cases++;
        measure(result);
      }
      const verdict = judge(result, options.budgetMs);
      if (!verdict) return true;
      const known = failures.get(verdict.signature);
      if (!tracked) {
        if (known) {
          known.occurrences++;
          return true; // already found and shrunk: keep looking for other kinds
        }
        search.tracked = { signature: verdict.signature, deadline: performance.now() + options.shrinkMs };
        search.firstOccurrence = cases;
      } else if (verdict.signature !== tracked.signature) {
        return true; // shrink toward the same failure, not into another one
      }
      search.smallest = { testCase, input, verdict };
      return false;
    });
    const details = await fc.check(property, { seed: runSeed, numRuns: options.casesPerTarget - cases, endOnFailure: false });
    const found = search.smallest;
    if (details.failed && !found) throw new Error(`fuzz harness error in target ${target.name}: ${String(details.errorInstance)}`);
    if (!found) break;
    const index = failures.size + 1;
    mkdirSync(options.outDir, { recursive: true });
    const reproducer = path.join(options.outDir, `${target.name}-${index}.bin`);
    writeFileSync(reproducer, found.input);
    const failure: Failure = {
      ...found.verdict,
      target: target.name,
      seedName: target.seeds[found.testCase.seed % target.seeds.length]!.name,
      testCase: found.testCase,
      reproducer,
      inputBytes: found.input.length,
      runSeed,
      occurrences: 1,
    };
    writeFileSync(path.join(options.outDir, `${target.name}-${index}.json`), `${JSON.stringify({ ...failure, firstOccurrence: search.firstOccurrence }, null, 2)}\n`);
    failures.set(found.verdict.signature, failure);
    options.log?.(`  ${target.name}: ${found.verdict.description} (minimal input: ${found.input.length} bytes, ${reproducer})`);
    runSeed = deriveSeed(runSeed, `after-${index}`);
    if (stoppedEarly) break;
  }
  return {
    target: target.name,
    cases,
    failures: [...failures.values()],
    ms: performance.now() - started,
    peakHeapGrowthMb: heapBase === undefined ? 0 : Math.max(0, heapPeak - heapBase) / 1048576,
    slowestCpuMs: slowest,
    stoppedEarly,
  };
}

/** One line per target, then one block per failure: what `npm run fuzz` prints. */
export function formatResults(results: TargetResult[], seed: number): string {
  const lines = [`seed ${seed}`, `${"target".padEnd(30)} ${"cases".padStart(7)} ${"failures".padStart(8)} ${"time".padStart(8)} ${"max CPU".padStart(9)} ${"peak heap".padStart(10)}`];
  for (const r of results) {
    lines.push(
      `${r.target.padEnd(30)} ${String(r.cases).padStart(7)} ${String(r.failures.length).padStart(8)} ${`${(r.ms / 1000).toFixed(1)} s`.padStart(8)} ${`${Math.round(r.slowestCpuMs)} ms`.padStart(9)} ${`+${r.peakHeapGrowthMb.toFixed(0)} MB`.padStart(10)}`,
    );
  }
  for (const r of results) {
    for (const f of r.failures) lines.push("", formatFailure(f));
  }
  return lines.join("\n");
}

export function formatFailure(f: Failure): string {
  return [
    `FAIL ${f.target}: ${f.description}`,
    `  seen ${f.occurrences} time(s); minimal case from seed "${f.seedName}": ${JSON.stringify(f.testCase.edits).slice(0, 400)}`,
    `  input: ${f.inputBytes} bytes in ${f.reproducer} (fast-check seed ${f.runSeed}); replay: node scripts/fuzz.js --replay ${f.reproducer} --target ${f.target}`,
    ...(f.stack ? f.stack.split("\n").map((l) => `    ${l}`) : []),
  ].join("\n");
}
