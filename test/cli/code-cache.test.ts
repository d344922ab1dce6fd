// The bundle's V8 code cache (scripts/bundle-loader.cjs, made by scripts/code-cache.js) must be
// accepted by the Node that built it: a rejected cache changes no output, only the start-up time,
// so nothing else would notice. A preloaded probe wraps vm.Script and reports, at exit, whether V8
// rejected the cached data the loader passed. Timing itself is `npm run bench`'s, never a test's.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { BIN, REPO_ROOT, runCli, tempDir } from "../helpers/cli.js";

const work = tempDir("code-cache");
after(() => rmSync(work, { recursive: true, force: true }));
const lab = path.join(work, "lab");
const probe = path.join(work, "probe.cjs");

before(() => {
  writeFileSync(
    probe,
    `const vm = require("node:vm");
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(source, options) {
    super(source, options);
    const verdict = options && options.cachedData ? "cachedDataRejected=" + this.cachedDataRejected : "no cachedData";
    process.on("exit", () => process.stderr.write("probe: " + verdict + "\\n"));
  }
};
`,
  );
  const made = runCli(["init", lab, "--device", "dev-1"]);
  assert.equal(made.code, 0, made.stderr);
});

describe("the bundle's code cache", () => {
  it("is built beside the bundle, named after it", () => {
    const caches = readdirSync(path.join(REPO_ROOT, "dist", "bundle")).filter((f) => f.endsWith(".v8-cache"));
    assert.equal(caches.length, 1, caches.join(", "));
    assert.match(caches[0]!, /^pkilab\.cjs\.[0-9a-f]{16}\.v8-cache$/);
  });

  it("is accepted by V8 for a cold lint, whose output is unchanged", () => {
    const device = path.join(lab, "devices", "dev-1");
    const args = ["lint", path.join(device, "cert.pem"), "--chain", path.join(device, "chain.pem"), "--ca", path.join(lab, "ca.pem"), "--for", "nginx-mtls"];
    const probed = spawnSync(process.execPath, ["--require", probe, BIN, ...args], { cwd: REPO_ROOT, encoding: "utf8", timeout: 120_000 });
    assert.equal(probed.status, 0, probed.stderr);
    assert.equal(probed.stderr, "probe: cachedDataRejected=false\n");
    const withoutClock = (text: string) => text.replace(/^time: .*$/m, "time: …");
    assert.equal(withoutClock(probed.stdout), withoutClock(runCli(args).stdout));
    assert.match(probed.stdout, /^nginx-mtls: will be ACCEPTED$/m);
  });
});
