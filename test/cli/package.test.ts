// The package people install: `npm pack` the built repository, `npm install -g` the tarball into a
// temporary prefix, and run the installed `pkilab` on a lab it makes, as a user would after
// `npm i -g pkilab`. Nothing here reads the repository's node_modules: the installed CLI must run
// from what the tarball holds (bin/run.js, dist/bundle/, oclif.manifest.json, package.json).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { REPO_ROOT, tempDir } from "../helpers/cli.js";
import { requireProgram, run } from "../helpers/peers.js";

const work = tempDir("package");
after(() => rmSync(work, { recursive: true, force: true }));
const prefix = path.join(work, "prefix");
const installed = path.join(prefix, "lib", "node_modules", "pkilab");
const lab = path.join(work, "lab");
const labFile = (p: string) => path.join(lab, p);
const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to completion within timeoutMs; a hang or a missing program fails the test. */
function exec(program: string, args: string[], options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv }): Result {
  const result = spawnSync(program, args, { cwd: options.cwd, env: options.env, encoding: "utf8", timeout: options.timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The installed command, `PREFIX/bin/pkilab`, the link npm made; its `#!/usr/bin/env node` finds the
 * node running these tests first on PATH. Run from the work folder, outside the repository.
 */
function pkilab(args: string[]): Result {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ""}` };
  delete env.NODE_PATH;
  return exec(path.join(prefix, "bin", "pkilab"), args, { cwd: work, timeoutMs: 60_000, env });
}

/** The tarball's file list, as `npm pack --json` reports it. */
let packed: string[] = [];

before(() => {
  // --ignore-scripts: the package is packed from the build the test runner already ran on. prepack
  // (`npm run build`) would rebuild dist/ under the other test files, which run the repository's
  // CLI from dist/bundle at the same time, and this test must not change the repository.
  const pack = exec("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: REPO_ROOT, timeoutMs: 60_000 });
  assert.equal(pack.code, 0, pack.stderr);
  const report = (JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[])[0]!;
  packed = report.files.map((f) => f.path);
  const install = exec("npm", ["install", "--global", path.join(work, report.filename), "--prefix", prefix, "--no-audit", "--no-fund"], {
    cwd: work,
    timeoutMs: 120_000,
  });
  assert.equal(install.code, 0, install.stderr);
});

describe("the npm package", () => {
  it("holds the CLI, its license and notices, and no sources, tests or fixtures", () => {
    for (const file of ["package.json", "README.md", "LICENSE", "NOTICE", "bin/run.js", "oclif.manifest.json", "dist/bundle/bundle-entry.cjs", "dist/bundle/pkilab.cjs", "dist/bundle/THIRD-PARTY-LICENSES.txt"]) {
      assert.ok(packed.includes(file), `${file} is missing from the tarball`);
    }
    const unwanted = packed.filter((f) => /^(dist\/)?(test|src|fixtures|commands|scripts|docs|examples)\//.test(f) || f.endsWith(".ts"));
    assert.deepEqual(unwanted, []);
    // Anything else would be shipped by accident: only the top-level files above and the bundle.
    // V8's code cache for the bundle (scripts/code-cache.js) ships beside it.
    assert.equal(packed.filter((f) => /^dist\/bundle\/pkilab\.cjs\.[0-9a-f]{16}\.v8-cache$/.test(f)).length, 1, "the bundle's code cache is missing from the tarball");
    const stray = packed.filter((f) => !f.startsWith("dist/bundle/") && !["package.json", "README.md", "LICENSE", "NOTICE", "bin/run.js", "oclif.manifest.json"].includes(f));
    assert.deepEqual(stray, []);
    assert.match(readFileSync(path.join(installed, "LICENSE"), "utf8"), /Apache License\s+Version 2\.0, January 2004/);
  });

  it("installs with no runtime dependencies: everything the CLI loads is bundled", () => {
    assert.ok(existsSync(path.join(installed, "dist", "bundle", "bundle-entry.cjs")));
    assert.equal(existsSync(path.join(installed, "node_modules")), false, "the install pulled in packages: the bundle is not self-contained");
    const licenses = readFileSync(path.join(installed, "dist", "bundle", "THIRD-PARTY-LICENSES.txt"), "utf8");
    for (const bundled of ["@oclif/core", "yaml", "pkijs", "asn1js"]) {
      assert.match(licenses, new RegExp(`^${bundled} \\d+\\.\\d+\\.\\d+ \\(`, "m"), `no license text for ${bundled}`);
    }
  });
});

describe("the installed pkilab", () => {
  it("--version", () => {
    const result = pkilab(["--version"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^pkilab/${version.replaceAll(".", "\\.")} `));
  });

  it("init makes a lab (and writes its lab.yaml with the bundled yaml)", () => {
    const result = pkilab(["init", lab]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Created lab .* trust anchor: .*ca\.pem$/m);
    assert.match(readFileSync(labFile("lab.yaml"), "utf8"), /^version: 1$/m);
  });

  it("issue reads the lab's lab.yaml back and adds a leaf", () => {
    const result = pkilab(["issue", "client", "bob", "--lab", lab]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^\s+client\s+ECDSA P-256\s+CN=bob\b/m);
  });

  it("lint --for nginx-mtls accepts the lab's client", () => {
    const result = pkilab(["lint", labFile("clients/client/fullchain.pem"), "--ca", labFile("ca.pem"), "--for", "nginx-mtls"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^nginx-mtls: will be ACCEPTED$/m);
  });

  it("inspect reads a PEM certificate and a PKCS#12 file (the bundled pkijs and asn1js)", () => {
    requireProgram("openssl");
    const p12 = path.join(work, "client.p12");
    const made = run("openssl", ["pkcs12", "-export", "-in", labFile("clients/client/fullchain.pem"), "-inkey", labFile("clients/client/key.pem"), "-out", p12, "-passout", "pass:secret"]);
    assert.equal(made.code, 0, made.stderr);
    const result = pkilab(["inspect", labFile("ca.pem"), p12, "--password", "secret"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /subject\s+CN=pkilab Root CA, O=pkilab lab/);
    assert.match(result.stdout, /client\.p12 #1: certificate$/m);
    assert.match(result.stdout, /subject\s+CN=client, O=pkilab lab/);
  });

  it("verify validates the client's chain", () => {
    const result = pkilab(["verify", labFile("clients/client/cert.pem"), "--chain", labFile("clients/client/chain.pem"), "--ca", labFile("ca.pem"), "--purpose", "client"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^OK\s+.*cert\.pem: CN=client, O=pkilab lab <- CN=pkilab Intermediate CA 1/m);
  });

  it("export --nginx writes the mTLS server block", () => {
    const result = pkilab(["export", "--nginx", "--lab", lab]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^\s+ssl_verify_client on;$/m);
    assert.ok(result.stdout.includes(`ssl_client_certificate ${labFile("ca.pem")};`), result.stdout);
  });

  it("explain -0x7780 names the mbedTLS error", () => {
    const result = pkilab(["explain", "-0x7780"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^-0x7780 MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE$/m);
  });

  it("bad input: one line on stderr and exit 2", () => {
    const result = pkilab(["lint", path.join(work, "no-such.pem"), "--for", "nginx-mtls"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^pkilab: .*no-such\.pem.*\n$/);
  });

  // Last: it spoils the installed code cache. A cache V8 rejects (another Node version, or a
  // damaged file) is ignored and the bundle compiles from source (scripts/bundle-loader.cjs).
  it("runs the same when V8 rejects the bundle's code cache", () => {
    const bundleDir = path.join(installed, "dist", "bundle");
    const cache = readdirSync(bundleDir).find((f) => f.endsWith(".v8-cache"));
    assert.ok(cache, "no code cache installed");
    writeFileSync(path.join(bundleDir, cache), "not a V8 code cache");
    const result = pkilab(["lint", labFile("clients/client/fullchain.pem"), "--ca", labFile("ca.pem"), "--for", "nginx-mtls"]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    assert.match(result.stdout, /^nginx-mtls: will be ACCEPTED$/m);
  });
});
