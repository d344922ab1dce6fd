// Differential test: `pkilab verify` must reach the same verdict as `openssl verify` on every chain
// variant of test/helpers/chain-variants.ts (openssl at -auth_level 2: the security level Debian and so
// nginx apply, which pkilab verify models by default), except the documented KNOWN_DIFFERENCES, which must
// really differ (so the list cannot go stale).
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, describe, it } from "node:test";
import { makeChainVariants, type ChainVariant } from "../helpers/chain-variants.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { opensslVerify, requireProgram } from "../helpers/peers.js";

/** Variant name → why pkilab deliberately disagrees with `openssl verify` there. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  // RFC 9525 6.3 (and every browser): the CN is not a reference identifier. OpenSSL's X509_check_host
  // falls back to it when there is no dNSName SAN; pkilab does so only with --legacy-cn.
  "cn-only-host-match": "pkilab ignores the CN for host matching unless --legacy-cn",
  // `openssl verify` reads only the first certificate of the leaf file; pkilab treats the rest of a
  // fullchain.pem as the chain, which is what the file means (nginx ssl_certificate, curl --cert).
  "lab-fullchain-as-leaf": "pkilab uses the rest of a fullchain file as the chain",
};

interface Outcome {
  name: string;
  opensslOk: boolean;
  opensslError: string;
  pkilabOk?: boolean;
  pkilabLine?: string;
}

/** `error 20 at 0 depth lookup: unable to get local issuer certificate`, or "OK". */
function opensslErrorLine(stdout: string, stderr: string): string {
  const line = `${stderr}\n${stdout}`.split("\n").find((l) => /^error \d+ at \d+ depth/.test(l));
  return line ?? (stdout.includes(": OK") ? "OK" : stderr.trim().split("\n")[0] ?? "");
}

function pkilabArgs(v: ChainVariant): string[] {
  const args = ["verify", v.leaf];
  for (const file of v.chain) args.push("--chain", file);
  for (const file of v.ca) args.push("--ca", file);
  if (v.purpose) args.push("--purpose", v.purpose);
  const host = v.host ?? v.ip;
  if (host !== undefined) args.push("--host", host);
  if (v.at !== undefined) args.push("--at", v.at);
  if (v.verifyDepth !== undefined) args.push("--verify-depth", String(v.verifyDepth));
  if (v.legacyCn) args.push("--legacy-cn");
  return args;
}

// The variants are generated when the file loads: node:test needs their names to register the tests.
requireProgram("openssl");
const work = tempDir("verify-differential");
const variants = makeChainVariants(work);
const outcomes: Outcome[] = [];

after(() => {
  const width = Math.max(...outcomes.map((o) => o.name.length));
  const verdict = (ok: boolean | undefined) => (ok === undefined ? "-   " : ok ? "PASS" : "FAIL");
  console.log(["variant".padEnd(width), "openssl", "pkilab", "openssl error"].join("  "));
  for (const o of outcomes) {
    console.log([o.name.padEnd(width), verdict(o.opensslOk).padEnd(7), verdict(o.pkilabOk).padEnd(6), o.opensslError].join("  "));
  }
  const agree = outcomes.filter((o) => o.pkilabOk === o.opensslOk).length;
  console.log(`pkilab vs openssl verify: ${agree} of ${outcomes.length} agree`);
  rmSync(work, { recursive: true, force: true });
});

describe("pkilab verify against openssl verify", () => {
  it("covers at least 60 chain variants", () => {
    assert.ok(variants.length >= 60, `only ${variants.length} variants`);
  });

  it("lists only existing variants as known differences", () => {
    const names = new Set(variants.map((v) => v.name));
    for (const name of Object.keys(KNOWN_DIFFERENCES)) assert.ok(names.has(name), `KNOWN_DIFFERENCES names no variant: ${name}`);
  });

  for (const v of variants) {
    it(v.name, () => {
      const peer = opensslVerify(["-auth_level", "2", ...v.openssl.args], work);
      const outcome: Outcome = { name: v.name, opensslOk: peer.code === 0, opensslError: opensslErrorLine(peer.stdout, peer.stderr) };
      outcomes.push(outcome);

      const ours = runCli(pkilabArgs(v));
      outcome.pkilabLine = (ours.stdout + ours.stderr).trim().split("\n")[0];
      assert.ok(ours.code === 0 || ours.code === 1, `pkilab verify exited ${ours.code}: ${ours.stderr.trim()}`);
      outcome.pkilabOk = ours.code === 0;

      const context = `openssl: ${outcome.opensslError}; pkilab: ${outcome.pkilabLine}`;
      const reason = KNOWN_DIFFERENCES[v.name];
      if (reason === undefined) {
        assert.equal(outcome.pkilabOk, outcome.opensslOk, `verdicts differ (${context})${v.note ? `; note: ${v.note}` : ""}`);
      } else {
        assert.notEqual(outcome.pkilabOk, outcome.opensslOk, `listed as a known difference (${reason}) but both agree (${context})`);
      }
    });
  }
});
