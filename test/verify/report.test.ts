// src/verify/render.ts is pure: a VerifyReport in, text out. Each line form (OK, INVALID, a reason
// at the leaf, at a CA, for the chain, its fix, the chain tried, the summary and its context) is
// rendered from hand-made reports and must be exactly the text below.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderVerifyReport } from "../../src/verify/render.js";
import type { ChainLink, LeafVerdict, VerifyReport } from "../../src/verify/verify.js";

const link = (subject: string, issuer: string, trustAnchor = false): ChainLink => ({ subject, issuer, source: `${subject}.pem`, notAfter: "2031-01-01T00:00:00.000Z", trustAnchor });
const leaf = link("CN=alice", "CN=Int");
const intermediate = link("CN=Int", "CN=Root");
const root = link("CN=Root", "CN=Root", true);

const valid: LeafVerdict = { file: "alice.pem", subject: "CN=alice", valid: true, chain: [leaf, intermediate, root], reasons: [] };
const invalid: LeafVerdict = {
  file: "bob.pem",
  subject: "CN=bob",
  valid: false,
  chain: [{ ...leaf, subject: "CN=bob" }, intermediate, root],
  reasons: [
    { id: "expired", cert: 0, subject: "CN=bob", message: "expired 3 days ago", hint: "renew it", openssl: "10:certificate has expired" },
    { id: "purpose-mismatch", cert: 1, subject: "CN=Int", message: "EKU lacks clientAuth", openssl: "26:unsuitable certificate purpose" },
    { id: "depth-exceeded", cert: -1, subject: "", message: "2 intermediates, depth 1 allows 1", openssl: "22:certificate chain too long" },
  ],
};
const report = (results: LeafVerdict[], extra: Partial<VerifyReport> = {}): VerifyReport => {
  const ok = results.filter((r) => r.valid).length;
  return { at: "2030-06-01T00:00:00.000Z", results, summary: { total: results.length, valid: ok, invalid: results.length - ok }, ...extra };
};

describe("renderVerifyReport", () => {
  it("a valid leaf: one OK line with the chain, then the summary", () => {
    assert.equal(renderVerifyReport(report([valid])), "OK       alice.pem: CN=alice <- CN=Int <- CN=Root\n1 verified (at 2030-06-01T00:00:00.000Z): 1 valid, 0 invalid");
  });

  it("an invalid leaf: each reason where it is (leaf, cert N, chain), its fix, and the chain tried", () => {
    assert.equal(
      renderVerifyReport(report([invalid], { purpose: "client", host: "bob.test" })),
      [
        "INVALID  bob.pem: CN=bob",
        "  - [expired] leaf: expired 3 days ago",
        "      fix: renew it",
        "  - [purpose-mismatch] cert 1 (CN=Int): EKU lacks clientAuth",
        "  - [depth-exceeded] chain: 2 intermediates, depth 1 allows 1",
        "    chain tried: CN=bob <- CN=Int <- CN=Root (trust anchor)",
        "1 verified (purpose client, host bob.test, at 2030-06-01T00:00:00.000Z): 0 valid, 1 invalid",
      ].join("\n"),
    );
  });

  it("--quiet leaves out the OK lines, never the INVALID ones", () => {
    const text = renderVerifyReport(report([valid, invalid]), { quiet: true });
    assert.doesNotMatch(text, /^OK/m);
    assert.match(text, /^INVALID {2}bob\.pem: CN=bob$/m);
    assert.match(text, /2 verified \(at [^)]+\): 1 valid, 1 invalid$/);
  });

  it("a leaf alone (no chain built) has no 'chain tried' line; an unanchored chain says nothing of a trust anchor", () => {
    const alone: LeafVerdict = { ...invalid, chain: [invalid.chain[0]!], reasons: [invalid.reasons[0]!] };
    assert.doesNotMatch(renderVerifyReport(report([alone])), /chain tried/);
    const unanchored: LeafVerdict = { ...invalid, chain: [invalid.chain[0]!, intermediate], reasons: [invalid.reasons[0]!] };
    assert.match(renderVerifyReport(report([unanchored])), /^ {4}chain tried: CN=bob <- CN=Int$/m);
  });

  it("empty subjects are named as such; a trust anchor from a lab is in the summary's context", () => {
    const empty: LeafVerdict = { ...invalid, subject: "", chain: [{ ...leaf, subject: "" }], reasons: [invalid.reasons[0]!] };
    const okEmpty: LeafVerdict = { ...valid, chain: [{ ...leaf, subject: "" }, root] };
    const text = renderVerifyReport(report([empty, okEmpty], { trustAnchor: "lab/ca.pem (from the lab)" }));
    assert.match(text, /^INVALID {2}bob\.pem: \(empty subject\)$/m);
    assert.match(text, /^OK {7}alice\.pem: \(empty\) <- CN=Root$/m);
    assert.match(text, /2 verified \(trust anchor lab\/ca\.pem \(from the lab\), at 2030-06-01T00:00:00\.000Z\): 1 valid, 1 invalid$/);
  });

  it("with --crl the summary says how many CRLs were checked and for which certificates; without, it claims nothing of revocation", () => {
    assert.match(renderVerifyReport(report([valid], { revocation: { crls: 2, check: "all" } })), /1 verified \(2 CRL\(s\) checked for every certificate, at 2030-06-01T00:00:00\.000Z\): 1 valid, 0 invalid$/);
    assert.match(renderVerifyReport(report([valid], { revocation: { crls: 1, check: "leaf" } })), /\(1 CRL\(s\) checked for the leaf, at /);
    assert.doesNotMatch(renderVerifyReport(report([valid])), /CRL/);
  });
});
