// Every file of the broken-input corpus through the real CLI: exit code 2, one "pkilab: " line on stderr
// that names the file and the problem, no stack trace, and an answer in well under 5 s.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { after, describe, it } from "node:test";
import { makeBrokenCorpus, validFiles, type BrokenCase } from "../helpers/broken-corpus.js";
import { runCli, tempDir } from "../helpers/cli.js";

const work = tempDir("bad");
after(() => rmSync(work, { recursive: true, force: true }));

const cases = makeBrokenCorpus(work);
const valid = validFiles(work);

/** The command line a case runs: the broken file in the slot its `use` names, valid files elsewhere. */
function argsFor(c: BrokenCase): string[] {
  const password = c.password === undefined ? [] : ["--password", c.password];
  switch (c.use) {
    case "inspect":
      return ["inspect", c.file, ...password];
    case "verify-leaf":
      return ["verify", c.file, "--ca", valid.ca, ...password];
    case "verify-ca":
      return ["verify", valid.leaf, "--ca", c.file, ...password];
    case "verify-chain":
      return ["verify", valid.leaf, "--ca", valid.ca, "--chain", c.file, ...password];
    case "verify-key":
      return ["verify", valid.leaf, "--ca", valid.ca, "--key", c.file, ...password];
  }
}

describe("broken input corpus", () => {
  it("has at least 35 cases, each with a unique file and a pattern that needs more than the file name", () => {
    assert.ok(cases.length >= 35, `only ${cases.length} cases`);
    assert.equal(new Set(cases.map((c) => c.file)).size, cases.length, "file names must be unique");
    for (const c of cases) {
      assert.doesNotMatch(`pkilab: ${c.file}: x`, c.expect, `${c.name}: the pattern is satisfied by the file name alone`);
    }
  });
});

describe("pkilab on broken input: exit 2 and one clear line", () => {
  for (const c of cases) {
    it(`${c.use}: ${c.name} (${path.basename(c.file)})`, () => {
      const args = argsFor(c);
      const started = performance.now();
      const result = runCli(args, { timeoutMs: 10_000 });
      const seconds = (performance.now() - started) / 1000;
      const shown = `pkilab ${args.map((a) => (a.startsWith(work) ? path.relative(work, a) : a)).join(" ")}\nexit ${result.code}\nstderr: ${result.stderr}`;

      assert.equal(result.code, 2, `exit code\n${shown}`);
      const lines = result.stderr.trimEnd().split("\n");
      assert.equal(lines.length, 1, `exactly one stderr line expected\n${shown}`);
      assert.ok(lines[0]!.trim().length > 0, `the stderr line is empty\n${shown}`);
      assert.match(lines[0]!, /^pkilab: /, shown);
      // oclif's own "command verify:FILE not found" would otherwise pass the "no such file" cases.
      assert.doesNotMatch(lines[0]!, /^pkilab: command \S+ not found/, `the command does not exist\n${shown}`);
      assert.match(lines[0]!, c.expect, shown);
      assert.doesNotMatch(result.stderr, /^\s+at /m, `stack trace on stderr\n${shown}`);
      assert.ok(seconds < 5, `took ${seconds.toFixed(1)} s\n${shown}`);
    });
  }
});
