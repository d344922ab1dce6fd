#!/usr/bin/env node
// The long fuzz run (the short fixed-seed one is part of npm test: test/fuzz/fuzz.test.ts). Runs the
// compiled harness of test/fuzz/ against every parser of untrusted bytes and prints, per target,
// cases run, failures, time and peak heap growth, then each failure with a minimal input written to
// a temporary folder. Exit 1 when anything failed.
//
// Usage: npm run build && npm run fuzz -- [--cases N] [--seed S] [--target NAME]... [--cli N]
//          [--budget-ms MS] [--shrink-ms MS] [--max-bytes N] [--out DIR]
//        npm run fuzz -- --replay FILE --target NAME     (runs one input again, prints what happened)
//   --cases N   cases across all targets (default 50,000, split evenly)
//   --seed S    fast-check seed (default: random, printed); the seeds (a fresh pkilab lab, openssl
//               output) differ between runs, so a failure is replayed from its written input file
//   --cli N     mutated inputs through the real CLI as well (default 300; 0 for none)
//   --budget-ms CPU time one entry point may take on one input (default 2000); past 3x that in wall
//               time it counts as hung and is stopped
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const harness = path.join(repo, "dist", "test", "fuzz");
if (!existsSync(path.join(harness, "campaign.js"))) {
  console.error("fuzz: the compiled harness is missing (dist/test/fuzz): run npm run build first");
  process.exit(2);
}

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      cases: { type: "string", default: "50000" },
      seed: { type: "string" },
      target: { type: "string", multiple: true },
      cli: { type: "string", default: "300" },
      "budget-ms": { type: "string", default: "2000" },
      "shrink-ms": { type: "string", default: "20000" },
      "max-bytes": { type: "string", default: String(4 * 1024 * 1024) },
      out: { type: "string" },
      replay: { type: "string" },
    },
  }));
} catch (err) {
  console.error(`fuzz: ${err.message}`);
  process.exit(2);
}
const number = (name) => {
  const value = Number(options[name]);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`fuzz: --${name} ${options[name]}: give a whole number`);
    process.exit(2);
  }
  return value;
};

const { ENTRIES } = await import(path.join(harness, "entries.js"));
const { WorkerPool } = await import(path.join(harness, "pool.js"));
const campaign = await import(path.join(harness, "campaign.js"));
const unknown = (options.target ?? []).filter((t) => !ENTRIES[t]);
if (unknown.length) {
  console.error(`fuzz: unknown target ${unknown.join(", ")}: use one of ${Object.keys(ENTRIES).join(", ")}`);
  process.exit(2);
}
const budgetMs = number("budget-ms");

if (options.replay) {
  const [target] = options.target ?? [];
  if (!target || options.target.length !== 1) {
    console.error("fuzz: --replay FILE needs exactly one --target NAME (the reproducer's file name starts with it)");
    process.exit(2);
  }
  // The scratch files the entry points expect (nginx's conf.d/, the SDK header) come from fresh seeds.
  const { makeSeeds } = await import(path.join(harness, "seeds.js"));
  const work = mkdtempSync(path.join(os.tmpdir(), "pkilab-fuzz-replay-"));
  try {
    const seeds = await makeSeeds(path.join(work, "seeds"));
    const pool = new WorkerPool({ hangMs: campaign.hangMsFor(budgetMs), setupFiles: seeds.setupFiles });
    const result = await pool.run(target, new Uint8Array(readFileSync(options.replay)));
    await pool.close();
    const verdict = campaign.judge(result, budgetMs);
    if (result.kind === "done") {
      for (const e of result.report.entries) {
        console.log(`${e.entry}: ${e.error ? `${e.error.constructorName}: ${e.error.message.split("\n")[0].slice(0, 300)}` : "ok"} (${Math.round(e.ms)} ms)`);
      }
    }
    console.log(verdict ? `FAIL ${verdict.description}${verdict.stack ? `\n${verdict.stack}` : ""}` : "ok: every entry point kept the contract");
    process.exitCode = verdict ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
} else {
  const seed = options.seed === undefined ? Math.floor(Math.random() * 0x7fffffff) : number("seed");
  const outDir = options.out ?? mkdtempSync(path.join(os.tmpdir(), `pkilab-fuzz-${seed}-`));
  const { makeSeeds } = await import(path.join(harness, "seeds.js"));
  const { makeTargets } = await import(path.join(harness, "targets.js"));
  const work = mkdtempSync(path.join(os.tmpdir(), "pkilab-fuzz-seeds-"));
  let failed = false;
  try {
    const seeds = await makeSeeds(work);
    const targets = makeTargets(seeds).filter((t) => !options.target || options.target.includes(t.name));
    const casesPerTarget = Math.max(1, Math.ceil(number("cases") / targets.length));
    console.log(`fuzz: seed ${seed}, ${casesPerTarget} cases for each of ${targets.length} targets, ${budgetMs} ms of CPU time per entry point; failures go to ${outDir}`);
    const pool = new WorkerPool({ hangMs: campaign.hangMsFor(budgetMs), setupFiles: seeds.setupFiles });
    const results = [];
    for (const target of targets) {
      for (const problem of await campaign.checkSeeds(target, pool, budgetMs)) {
        failed = true;
        console.log(`  ${target.name}: SEED ${problem.seed}: ${problem.verdict.description}`);
      }
      const result = await campaign.fuzzTarget(target, pool, {
        casesPerTarget,
        seed,
        budgetMs,
        shrinkMs: number("shrink-ms"),
        maxInputBytes: number("max-bytes"),
        outDir,
        log: (line) => console.log(line),
      });
      results.push(result);
      console.log(`${target.name}: ${result.cases} cases, ${result.failures.length} failures, ${(result.ms / 1000).toFixed(1)} s`);
    }
    await pool.close();
    console.log(`\n${campaign.formatResults(results, seed)}`);
    failed ||= results.some((r) => r.failures.length > 0);

    const cliCount = number("cli");
    if (cliCount > 0) {
      const cli = await import(path.join(harness, "cli-cases.js"));
      const cases = cli.makeCliCases(targets, seeds, { count: cliCount, seed, dir: path.join(work, "cli"), maxInputBytes: number("max-bytes") });
      const outcomes = await cli.runCliCases(cases, { concurrency: Math.max(1, os.availableParallelism() - 1), timeoutMs: 60_000 });
      let cliFailures = 0;
      outcomes.forEach((o, i) => {
        const problem = cli.judgeCli(o);
        if (!problem) return;
        cliFailures++;
        console.log(`\nFAIL cli ${o.case.target}: pkilab ${o.case.args.join(" ")}\n  ${problem}\n  input: ${cli.keepCliReproducer(o, outDir, i)}`);
      });
      const codes = outcomes.reduce((count, o) => ({ ...count, [o.code]: (count[o.code] ?? 0) + 1 }), {});
      console.log(`\ncli: ${outcomes.length} runs, ${cliFailures} failures; exit codes ${JSON.stringify(codes)}`);
      failed ||= cliFailures > 0;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (!failed && options.out === undefined) rmSync(outDir, { recursive: true, force: true });
  process.exitCode = failed ? 1 : 0;
}
