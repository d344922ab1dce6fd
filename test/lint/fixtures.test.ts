// Every fixture folder (fixtures/<peer>/<scenario>/ with lint.json and expected.txt) linted through
// the CLI: the findings must be exactly the expected set (missing and unexpected both fail).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_ROOT, lintFixtureArgs, lintFixtureFolders } from "../helpers/lint-fixtures.js";
import type { LintReport } from "../../src/lint/types.js";

const root = FIXTURES_ROOT;
const folders = lintFixtureFolders();

describe("lint fixtures", () => {
  it("exist", () => assert.ok(folders.length >= 8, `${folders.length} fixture folders`));
  for (const folder of folders) {
    it(path.relative(root, folder), () => {
      const args = lintFixtureArgs(folder);
      const result = runCli(args);
      assert.notEqual(result.code, 2, result.stderr);
      const report = JSON.parse(result.stdout) as LintReport;
      const actual = report.findings.map((f) => `${f.peer} ${f.rule} ${f.severity} ${f.certIndex}`).sort();
      const expected = readFileSync(path.join(folder, "expected.txt"), "utf8").split("\n").filter((l) => l.trim() !== "").sort();
      assert.deepEqual(actual, expected);
      assert.equal(result.code, expected.some((line) => / error /.test(line)) ? 1 : 0, "exit code follows error findings");
      assert.ok(readFileSync(path.join(folder, "README.md"), "utf8").trim().length > 20, "README says what real failure it reproduces");
    });
  }
});
