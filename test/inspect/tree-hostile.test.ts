// inspect --tree on hostile input (issue 11, class 7, src/inspect/tree.ts): 130,000 certificates
// (their dates were spread into Math.min, past the stack), a chain one deeper than OpenSSL verifies
// (checked against the real `openssl verify`), and many same-named CAs that signed nothing (each
// costs a signature check per certificate naming them). Each answer is the drawing or an
// InputError naming TREE_LIMITS, in well under 2 s.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { buildForest, renderForest, TREE_LIMITS, type TreeNode } from "../../src/inspect/tree.js";
import { InputError } from "../../src/io/input-error.js";
import { tempDir } from "../helpers/cli.js";
import { forge, forgeKey, type Forged } from "../helpers/forge.js";
import { opensslVerify } from "../helpers/peers.js";

const work = tempDir("tree-hostile");
after(() => rmSync(work, { recursive: true, force: true }));

const FAST_MS = 2000;
const AT = new Date();
const VALIDITY = { notBefore: new Date(AT.getTime() - 86_400_000), notAfter: new Date(AT.getTime() + 30 * 86_400_000) };

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

function inputError(fn: () => unknown, expected: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof InputError, `expected an InputError, got ${String(caught)}`);
  assert.ok(!caught.message.includes("\n"), `not one line: ${caught.message}`);
  assert.match(caught.message, expected);
}

/** A root, `intermediates` CAs under it and a leaf, all with one key (signing is what costs). */
function chain(intermediates: number): Forged[] {
  const key = forgeKey("p256");
  const certs = [forge({ subject: { cn: "Deep Root" }, key, ...VALIDITY, basicConstraints: { ca: true } })];
  for (let i = 1; i <= intermediates; i++) {
    certs.push(forge({ subject: { cn: `Deep CA ${i}` }, issuer: certs[i - 1]!, key, ...VALIDITY, basicConstraints: { ca: true } }));
  }
  certs.push(forge({ subject: { cn: "deep leaf" }, issuer: certs[certs.length - 1]!, key, ...VALIDITY }));
  return certs;
}

/** `openssl verify` of the chain's leaf, the root trusted and the CAs between given as untrusted. */
function opensslVerdict(certs: Forged[], name: string): string {
  const root = path.join(work, `${name}-root.pem`);
  const untrusted = path.join(work, `${name}-untrusted.pem`);
  const leaf = path.join(work, `${name}-leaf.pem`);
  writeFileSync(root, certs[0]!.pem);
  writeFileSync(untrusted, certs.slice(1, -1).map((c) => c.pem).join(""));
  writeFileSync(leaf, certs[certs.length - 1]!.pem);
  const result = opensslVerify(["-CAfile", root, "-untrusted", untrusted, leaf], work);
  return `${result.code} ${result.stdout}${result.stderr}`;
}

describe("inspect --tree: hostile input", () => {
  it("draws 130,000 certificates (a call takes only so many arguments)", () => {
    const root = forge({ subject: { cn: "Root" }, ...VALIDITY, basicConstraints: { ca: true } }).facts;
    const roots: TreeNode[] = Array.from({ length: 130_000 }, () => ({ cert: root, children: [] }));
    const { value, ms } = timed(() => renderForest(roots, AT));
    const lines = value.split("\n");
    assert.equal(lines.length, 130_001); // one per certificate, and the axis
    assert.ok(lines.slice(0, -1).every((line) => line.startsWith("CN=Root  [ECDSA P-256]  ")), lines[0]);
    // 14 MB of drawing: about 1 s on an idle 2-core machine, where reading 130,000 certificates
    // takes several. The bound is for work linear in the rows.
    assert.ok(ms < 3 * FAST_MS, `${Math.round(ms)} ms`);
  });

  it(`draws a chain of TREE_LIMITS.maxDepth (${TREE_LIMITS.maxDepth}) certificates and refuses one more, as openssl verify does`, () => {
    const longest = chain(TREE_LIMITS.maxDepth - 2);
    assert.equal(longest.length, TREE_LIMITS.maxDepth);
    assert.match(opensslVerdict(longest, "longest"), /^0 .*: OK/);
    const drawing = renderForest(buildForest(longest.map((c) => c.facts)), AT).split("\n");
    assert.equal(drawing.length, TREE_LIMITS.maxDepth + 1);
    assert.match(drawing[TREE_LIMITS.maxDepth - 1]!, new RegExp(`^ {${3 * (TREE_LIMITS.maxDepth - 2)}}└─ CN=deep leaf `));

    const deeper = chain(TREE_LIMITS.maxDepth - 1);
    assert.match(opensslVerdict(deeper, "deeper"), /^2 .*certificate chain too long/s);
    const forest = buildForest(deeper.map((c) => c.facts));
    inputError(() => renderForest(forest, AT), new RegExp(`^inspect --tree: a chain of more than ${TREE_LIMITS.maxDepth} certificates \\(TREE_LIMITS\\.maxDepth = ${TREE_LIMITS.maxDepth};`));
  });

  it(`stops after TREE_LIMITS.maxRejectedIssuers (${TREE_LIMITS.maxRejectedIssuers}) same-named issuers that signed nothing`, () => {
    const cas = Array.from({ length: 40 }, () => forge({ subject: { cn: "Shared CA" }, ...VALIDITY, basicConstraints: { ca: true } }));
    // Leaves that name the CAs as issuer, each signed by the CA that issued it.
    const issued = Array.from({ length: 30 }, (_, i) => forge({ subject: { cn: `device ${i}` }, issuer: cas[i % cas.length]!, ...VALIDITY }));
    const fine = timed(() => buildForest([...cas, ...issued].map((c) => c.facts)));
    assert.deepEqual(
      fine.value.map((root) => root.children.map((child) => child.cert.subject.text)),
      cas.map((_, c) => issued.filter((_, i) => i % cas.length === c).map((leaf) => leaf.facts.subject.text)),
    );
    // The same leaves signed by keys none of the 40 holds: each is checked against all 40.
    const forged = Array.from({ length: 30 }, (_, i) => forge({ subject: { cn: `device ${i}` }, issuer: cas[0]!, ...VALIDITY, wrongSigner: true }));
    const { ms } = timed(() =>
      inputError(
        () => buildForest([...cas, ...forged].map((c) => c.facts)),
        /^inspect --tree: more than 1000 times a certificate with an issuer's name did not sign the certificate naming it \(TREE_LIMITS\.maxRejectedIssuers = 1000\): /,
      ),
    );
    assert.ok(ms < FAST_MS, `${Math.round(ms)} ms`);
    assert.ok(fine.ms < FAST_MS, `${Math.round(fine.ms)} ms`);
  });
});
