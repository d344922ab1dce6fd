// The short CLI-level fuzz run of `npm test` (scripts/fuzz.js --cli N runs more): CLI_CASES mutated
// inputs through the real CLI (inspect, verify, lint --key/--client-hello/--nginx-conf/
// --mbedtls-config, explain --log), each of which must end with exit 0, 1, 2 or 3, never in the
// "internal error" handler, a signal or a stack trace (cli-cases.ts judgeCli()).
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { tempDir } from "../helpers/cli.js";
import { judgeCli, keepCliReproducer, makeCliCases, runCliCases } from "./cli-cases.js";
import { makeSeeds } from "./seeds.js";
import { makeTargets } from "./targets.js";

const SEED = 20260601;
/** One or two per target: each is a CLI start (~0.2 s), two at a time on this 2-core machine. */
const CLI_CASES = 30;
/** Far above a normal run; a case past it is a hang. */
const CLI_TIMEOUT_MS = 30_000;

const work = tempDir("fuzz-cli");
after(() => rmSync(work, { recursive: true, force: true }));

describe(`fuzz through the CLI: ${CLI_CASES} mutated inputs, seed ${SEED}`, () => {
  it("every run exits 0, 1, 2 or 3 without an internal error, a signal or a stack trace; exit 2 is one line", async () => {
    const seeds = await makeSeeds(path.join(work, "seeds"));
    const cases = makeCliCases(makeTargets(seeds), seeds, { count: CLI_CASES, seed: SEED, dir: path.join(work, "cases"), maxInputBytes: 256 * 1024 });
    const outcomes = await runCliCases(cases, { concurrency: 2, timeoutMs: CLI_TIMEOUT_MS });
    assert.equal(outcomes.length, CLI_CASES);
    // The run means something only if the inputs reach past the first check: some must be accepted or linted.
    assert.ok(outcomes.some((o) => o.code !== 2), "every fuzzed input was refused as unreadable: the mutations are too coarse to test anything");
    const keep = tempDir("fuzz-cli-failures");
    const problems = outcomes.flatMap((o, i) => {
      const problem = judgeCli(o);
      if (!problem) return [];
      return [`${o.case.target}: pkilab ${o.case.args.join(" ")}\n  ${problem}\n  input kept in ${keepCliReproducer(o, keep, i)}`];
    });
    if (problems.length === 0) rmSync(keep, { recursive: true, force: true });
    assert.equal(problems.length, 0, `\n${problems.join("\n")}`);
  });
});
