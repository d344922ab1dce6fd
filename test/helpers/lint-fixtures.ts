// The lint fixtures (fixtures/<peer>/<scenario>/ with lint.json): where they are and the command
// line each stands for. test/lint/fixtures.test.ts checks their findings, test/meta/json-schemas
// their JSON: both run the same command, so a new lint.json option reaches both.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./cli.js";

export interface LintFixtureOptions {
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

export const FIXTURES_ROOT = path.join(REPO_ROOT, "fixtures");

/** Every folder holding a lint.json, sorted. */
export function lintFixtureFolders(): string[] {
  return readdirSync(FIXTURES_ROOT, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith("lint.json"))
    .map((f) => path.join(FIXTURES_ROOT, path.dirname(f)))
    .sort();
}

/** `pkilab lint … --json` as the fixture's lint.json describes it. */
export function lintFixtureArgs(folder: string): string[] {
  const options = JSON.parse(readFileSync(path.join(folder, "lint.json"), "utf8")) as LintFixtureOptions;
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
  return args;
}
