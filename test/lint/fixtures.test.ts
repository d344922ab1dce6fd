// Every fixture folder (fixtures/<peer>/<scenario>/ with lint.json and expected.txt) linted through
// the CLI: the findings must be exactly the expected set (missing and unexpected both fail).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { REPO_ROOT, runCli } from "../helpers/cli.js";
import type { LintReport } from "../../src/lint/types.js";

interface LintOptions {
  for: string;
  at: string;
  verifyDepth?: number;
  host?: string;
  /** Config headers, relative to the fixture folder (main config first, then overrides). */
  mbedtlsConfig?: string[];
  mbedtlsVersion?: string;
  /** A captured ClientHello file, relative to the fixture folder. */
  clientHello?: string;
  deviceCert?: boolean;
  deviceClock?: string;
  /** An nginx.conf (relative to the fixture folder) lint reads with --nginx-conf: ssl_crl, ssl_verify_depth. */
  nginxConf?: string;
}

const root = path.join(REPO_ROOT, "fixtures");
const folders = readdirSync(root, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith("lint.json"))
  .map((f) => path.join(root, path.dirname(f)))
  .sort();

describe("lint fixtures", () => {
  it("exist", () => assert.ok(folders.length >= 8, `${folders.length} fixture folders`));
  for (const folder of folders) {
    it(path.relative(root, folder), () => {
      const options = JSON.parse(readFileSync(path.join(folder, "lint.json"), "utf8")) as LintOptions;
      const args = ["lint", path.join(folder, "leaf.pem"), "--ca", path.join(folder, "ca.pem"), "--for", options.for, "--at", options.at, "--json"];
      if (existsSync(path.join(folder, "chain.pem"))) args.push("--chain", path.join(folder, "chain.pem"));
      if (options.verifyDepth !== undefined) args.push("--verify-depth", String(options.verifyDepth));
      if (options.host !== undefined) args.push("--host", options.host);
      for (const config of options.mbedtlsConfig ?? []) args.push("--mbedtls-config", path.join(folder, config));
      if (options.mbedtlsVersion) args.push("--mbedtls-version", options.mbedtlsVersion);
      if (options.clientHello) args.push("--client-hello", path.join(folder, options.clientHello));
      if (options.deviceCert) args.push("--device-cert");
      if (options.deviceClock) args.push("--device-clock", options.deviceClock);
      if (options.nginxConf) args.push("--nginx-conf", path.join(folder, options.nginxConf));
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
