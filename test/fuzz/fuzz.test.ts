// The short, fixed-seed fuzz run of `npm test` (scripts/fuzz.js runs the long one): every target's
// seeds must pass untouched, then CASES_PER_TARGET mutated cases per target must keep the error
// contract (entries.ts): only pkilab's own InputError (or the model's DerError), one line, within
// BUDGET_MS, inside the worker's heap limit. The first tests check the harness itself: that it
// notices each kind of failure, and that its views of DER and TLS write seeds back unchanged.
import assert from "node:assert/strict";
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { tempDir } from "../helpers/cli.js";
import { judgeCli } from "./cli-cases.js";
import { checkSeeds, formatFailure, fuzzTarget, hangMsFor, judge, type TargetResult } from "./campaign.js";
import { parseDer, positions, writeDer } from "./der.js";
import { ENTRIES, stackDepth } from "./entries.js";
import { applyCase, splitPem, type Case } from "./mutations.js";
import { WorkerPool } from "./pool.js";
import { makeSeeds, type SeedSet } from "./seeds.js";
import { makeTargets, type Target } from "./targets.js";
import { frame, parseHello, unframe, writeHello } from "./tls.js";

/** Fixed, so a failure in CI is the same failure on a laptop (the lab's keys differ; the reproducer file does not). */
const SEED = 20260601;
const CASES_PER_TARGET = 100;
const BUDGET_MS = 2000;
const SHRINK_MS = 3000;
/** Enough for the 140,000-element inputs of issue 11 (a SAN list, nginx directives, a hex line), a quarter of npm run fuzz's limit. */
const MAX_INPUT_BYTES = 1024 * 1024;
/**
 * A target that fails often with timeouts stops here, so npm test stays short when something hangs.
 * Wall time, so it is set well above an idle machine's 1-4 s per target: on a loaded 2-core machine
 * pkcs12 took 9 s for its 100 cases (each case's CPU budget, BUDGET_MS, is what catches slow input).
 */
const TARGET_TIME_LIMIT_MS = 30_000;

const work = tempDir("fuzz");
/** Reproducers of failures stay after the run (the directory is removed when there are none). */
const failuresDir = tempDir("fuzz-failures");
let seeds: SeedSet;
let targets: Target[];
let pool: WorkerPool;

before(async () => {
  seeds = await makeSeeds(path.join(work, "seeds"));
  targets = makeTargets(seeds);
  pool = new WorkerPool({ hangMs: hangMsFor(BUDGET_MS), setupFiles: seeds.setupFiles });
});
after(async () => {
  await pool?.close();
  rmSync(work, { recursive: true, force: true });
  if (readdirSync(failuresDir).length === 0) rmSync(failuresDir, { recursive: true, force: true });
});

describe("fuzz harness", () => {
  it("has a target for every entry-point list and the other way round", () => {
    assert.deepEqual(targets.map((t) => t.name).sort(), Object.keys(ENTRIES).sort());
  });

  it("runs the worker with the main thread's stack depth (so a stack overflow the CLI would hit is hit here)", async () => {
    const main = stackDepth();
    const worker = await pool.stackDepth();
    assert.ok(Math.abs(worker - main) / main < 0.05, `worker recursion depth ${worker} vs main thread ${main}: adjust WORKER_STACK_MB`);
  });

  it("reports an escaping TypeError, a hang (stopped), CPU time past the budget, a two-line InputError; accepts DerError from a model entry", async () => {
    const small = { pool: new WorkerPool({ hangMs: 500 }) };
    try {
      const typeError = judge(await small.pool.run("self-test-type-error", new Uint8Array(8)), 500);
      assert.match(typeError?.description ?? "", /threw TypeError/);
      assert.equal(judge(await small.pool.run("self-test-type-error", new Uint8Array(2)), 500), undefined);

      const hang = await small.pool.run("self-test-hang", new Uint8Array(8));
      assert.equal(hang.kind, "timeout");
      assert.ok(hang.ms < 2000, `the hang was stopped after ${hang.ms} ms`);
      assert.match(judge(hang, 500)?.description ?? "", /no answer: stopped after \d+ ms while in loops forever/);
      // A fresh worker takes over after the stopped one.
      assert.equal(judge(await small.pool.run("self-test-type-error", new Uint8Array(1)), 500), undefined);

      assert.match(judge(await small.pool.run("self-test-slow", new Uint8Array(8)), 100)?.description ?? "", /busy for 300 ms took \d+ ms of CPU time \(budget 100 ms\)/);
      assert.equal(judge(await small.pool.run("self-test-slow", new Uint8Array(1)), 100), undefined);
      assert.match(judge(await small.pool.run("self-test-two-lines", new Uint8Array(1)), 500)?.description ?? "", /InputError has 2 lines/);
      assert.equal(judge(await small.pool.run("self-test-der-error-allowed", new Uint8Array(1)), 500), undefined);
      // A target the worker does not know is a crash, never a pass.
      assert.match(judge(await small.pool.run("no-such-target", new Uint8Array(1)), 500)?.description ?? "", /no fuzz target named no-such-target/);
    } finally {
      await small.pool.close();
    }
  });

  it("judges a CLI run: an internal error, a signal, a stack trace, or a two-line exit 2 is a failure", () => {
    const run = (code: number | null, stderr: string, signal: NodeJS.Signals | null = null) =>
      judgeCli({ case: { target: "t", args: [], input: "" }, code, signal, stderr, ms: 1, timedOut: false });
    assert.equal(run(2, "pkilab: input: not a certificate: give one\n"), undefined);
    assert.equal(run(1, ""), undefined);
    assert.match(run(2, "pkilab: internal error: x is undefined (a pkilab bug: run again with --debug for the stack trace)\n") ?? "", /internal error/);
    assert.match(run(null, "", "SIGSEGV") ?? "", /SIGSEGV/);
    assert.match(run(1, "TypeError: x\n    at f (file:///a/b.js:1:2)\n") ?? "", /stack trace/);
    assert.match(run(2, "pkilab: a\nb\n") ?? "", /exactly one/);
    assert.match(run(134, "") ?? "", /exit code 134/);
  });

  it("writes every DER and TLS seed back byte for byte, and an edit changes the input", () => {
    for (const target of targets) {
      for (const seed of target.seeds) {
        if (seed.structure.kind === "der") {
          const tree = parseDer(seed.bytes);
          assert.ok(tree, `${seed.name}: not one DER value`);
          assert.ok(positions(tree).length > 3, `${seed.name}: the DER view sees no structure`);
          assert.deepEqual(Buffer.from(writeDer(tree)), Buffer.from(seed.bytes), seed.name);
        }
        // A legacy encrypted PEM key (Proc-Type headers) holds ciphertext, not DER: its edits are text and bytes only.
        if (seed.structure.kind === "pem" && !Buffer.from(seed.bytes).includes("Proc-Type")) assert.ok(splitPem(Buffer.from(seed.bytes).toString("latin1")).some((p) => p.block?.tree), `${seed.name}: no DER block`);
        if (seed.hello) {
          const fields = parseHello(seed.hello);
          assert.ok(fields?.extensions?.length, `${seed.name}: the TLS view sees no extensions`);
          assert.deepEqual(Buffer.from(writeHello(fields).message), Buffer.from(seed.hello), seed.name);
        }
      }
    }
    const record = targets.find((t) => t.name === "client-hello-record")!;
    const hello = record.seeds[0]!.hello!;
    assert.deepEqual(Buffer.from(unframe(frame(hello, 7))!), Buffer.from(hello));
    // An emptied SEQUENCE keeps the certificate well-formed DER around it: the edit reaches the parser.
    const cert = targets.find((t) => t.name === "certificate-der")!;
    const emptied = applyCase({ seed: 0, edits: [{ kind: "der-empty", block: 0, node: 3 }] } satisfies Case, cert.seeds, cert.knowledge);
    assert.notDeepEqual(Buffer.from(emptied), Buffer.from(cert.seeds[0]!.bytes));
    assert.ok(parseDer(emptied), "an emptied value leaves well-formed DER");
  });
});

describe(`fuzz: ${CASES_PER_TARGET} cases per target, seed ${SEED}`, () => {
  const results: TargetResult[] = [];
  after(() => {
    const lines = results.map((r) => `${r.target.padEnd(28)} ${String(r.cases).padStart(4)} cases ${String(r.failures.length).padStart(2)} failures ${(r.ms / 1000).toFixed(1).padStart(5)} s  max CPU ${Math.round(r.slowestCpuMs)} ms  heap +${r.peakHeapGrowthMb.toFixed(0)} MB`);
    if (lines.length) console.log(lines.join("\n"));
  });
  for (const name of Object.keys(ENTRIES)) {
    it(`${name}: every seed passes, every mutated case keeps the contract`, async () => {
      const target = targets.find((t) => t.name === name)!;
      const seedProblems = await checkSeeds(target, pool, BUDGET_MS);
      const result = await fuzzTarget(target, pool, {
        casesPerTarget: CASES_PER_TARGET,
        seed: SEED,
        budgetMs: BUDGET_MS,
        shrinkMs: SHRINK_MS,
        maxInputBytes: MAX_INPUT_BYTES,
        timeLimitMs: TARGET_TIME_LIMIT_MS,
        outDir: failuresDir,
      });
      results.push(result);
      const problems = [
        ...seedProblems.map((p) => `SEED ${p.seed}: ${p.verdict.description}${p.verdict.stack ? `\n${p.verdict.stack}` : ""}`),
        ...result.failures.map(formatFailure),
      ];
      assert.equal(problems.length, 0, `\n${problems.join("\n\n")}`);
      assert.ok(result.cases >= CASES_PER_TARGET, `only ${result.cases} of ${CASES_PER_TARGET} cases ran in ${TARGET_TIME_LIMIT_MS} ms: a target this slow is a finding too`);
    });
  }
});
