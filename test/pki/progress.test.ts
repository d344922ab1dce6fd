// Key generation progress: src/pki/lab.ts counts finished keys and reports them as data; the command
// layer (src/cli/terminal.ts) draws them: one line rewritten on a terminal, one plain line in a log.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { keyGenerationLine, keyProgressLine, keyProgressReporter } from "../../src/cli/terminal.js";
import { resolveSpec } from "../../src/pki/lab-spec.js";
import { addLeaf, createLab, type KeyProgress } from "../../src/pki/lab.js";
import { BIN, runCli, tempDir } from "../helpers/cli.js";

const work = tempDir("progress");
after(() => rmSync(work, { recursive: true, force: true }));

/** A stream double that records what is written to it. */
function recorder(isTTY: boolean, columns?: number) {
  const writes: string[] = [];
  return { isTTY, columns, writes, write: (text: string) => writes.push(text) };
}

const sample = (done: number): KeyProgress => ({ done, total: 4, slow: 1, slowLabels: ["RSA 3072"] });

describe("key generation progress (src/pki/lab.ts)", () => {
  it("reports the start and every finished key, in order, when a slow key is among them", async () => {
    const reports: KeyProgress[] = [];
    const spec = resolveSpec({}, { rootKey: "rsa3072", clients: ["a", "b"] });
    await createLab(spec, path.join(work, "slow"), { progress: (p) => reports.push(p) });
    // root, intermediate, two clients
    assert.deepEqual(
      reports.map((p) => p.done),
      [0, 1, 2, 3, 4],
    );
    assert.ok(reports.every((p) => p.total === 4 && p.slow === 1 && p.slowLabels.join() === "RSA 3072"));

    const leafReports: KeyProgress[] = [];
    await addLeaf(path.join(work, "slow"), { role: "client", name: "c", sans: [], key: "rsa3072", days: 30 }, { progress: (p) => leafReports.push(p) });
    assert.deepEqual(leafReports, [
      { done: 0, total: 1, slow: 1, slowLabels: ["RSA 3072"] },
      { done: 1, total: 1, slow: 1, slowLabels: ["RSA 3072"] },
    ]);
  });

  it("says nothing when every key is fast", async () => {
    const reports: KeyProgress[] = [];
    await createLab(resolveSpec({}, {}), path.join(work, "fast"), { progress: (p) => reports.push(p) });
    assert.deepEqual(reports, []);
  });
});

describe("drawing it (src/cli/terminal.ts)", () => {
  it("keyProgressLine: k/N keys, cut to width - 1 columns", () => {
    assert.equal(keyProgressLine(3, 14, ["RSA 4096"], 80), "pkilab: generating keys (slow: RSA 4096): 3/14 keys");
    assert.equal(keyProgressLine(0, 1, ["RSA 3072"], 80), "pkilab: generating a key (slow: RSA 3072): 0/1 keys");
    for (const width of [20, 40, 52]) {
      const line = keyProgressLine(13, 14, ["RSA 4096", "RSA 3072"], width);
      assert.equal(line.length, width - 1, line);
      assert.ok(line.endsWith("…"), line);
    }
  });

  it("not a terminal: one line when generation starts, nothing else (no \\r in logs)", () => {
    const stream = recorder(false);
    const reporter = keyProgressReporter(stream);
    for (let done = 0; done <= 4; done++) reporter.update(sample(done));
    reporter.end();
    assert.deepEqual(stream.writes, ["pkilab: generating 4 keys (1 slow: RSA 3072); this can take a few seconds\n"]);
    assert.equal(keyGenerationLine({ done: 0, total: 1, slow: 1, slowLabels: ["RSA 4096"] }), "pkilab: generating a RSA 4096 key; this can take a few seconds");
  });

  it("a terminal: the line is rewritten for each key and cleared at the end", () => {
    const stream = recorder(true, 40);
    const reporter = keyProgressReporter(stream);
    for (let done = 0; done <= 4; done++) reporter.update(sample(done));
    const clear = "\r\u001b[K";
    assert.deepEqual(stream.writes, [0, 1, 2, 3].map((done) => clear + keyProgressLine(done, 4, ["RSA 3072"], 40)).concat(clear));
    assert.ok(stream.writes.every((w) => !w.includes("\n")));
    reporter.end();
    assert.equal(stream.writes.length, 5, "end() after the last key writes nothing more");
  });

  it("a terminal: end() on failure clears the line before the error is printed, and later keys draw nothing", () => {
    const stream = recorder(true, 80);
    const reporter = keyProgressReporter(stream);
    reporter.update(sample(0));
    reporter.update(sample(1));
    reporter.end();
    reporter.update(sample(2));
    assert.equal(stream.writes.at(-1), "\r\u001b[K");
    assert.equal(stream.writes.length, 3);
  });
});

describe("pkilab init / issue stderr", () => {
  it("piped: exactly today's single line, no \\r", () => {
    const lab = path.join(work, "cli");
    const init = runCli(["init", lab, "--root-key", "rsa3072"]);
    assert.equal(init.code, 0, init.stderr);
    assert.equal(init.stderr, "pkilab: generating 4 keys (1 slow: RSA 3072); this can take a few seconds\n");
    const issue = runCli(["issue", "client", "bob", "--lab", lab, "--key", "rsa3072"]);
    assert.equal(issue.code, 0, issue.stderr);
    assert.equal(issue.stderr, "pkilab: generating a RSA 3072 key; this can take a few seconds\n");
  });

  it("on a real terminal (util-linux script gives it a pty): k/N keys rewritten with \\r, cleared before the summary", () => {
    const lab = path.join(work, "tty");
    const command = [process.execPath, BIN, "init", lab, "--root-key", "rsa3072", "--intermediate-key", "rsa3072"].map((a) => `'${a}'`).join(" ");
    const result = spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", env: { ...process.env, COLUMNS: "" }, timeout: 120_000 });
    assert.equal(result.error, undefined, "util-linux script is needed to run pkilab on a pty");
    assert.equal(result.status, 0, result.stdout);
    const clear = "\r\u001b[K";
    for (let done = 0; done < 4; done++) assert.ok(result.stdout.includes(`${clear}pkilab: generating keys (slow: RSA 3072): ${done}/4 keys`), result.stdout);
    assert.ok(result.stdout.includes(`${clear}Created lab ${lab}`), "the progress line is cleared before the summary");
    assert.doesNotMatch(result.stdout, /this can take a few seconds/);
  });
});
