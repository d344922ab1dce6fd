// inspect of a CRL: its window in words relative to --at (src/inspect/notes.ts crlValidityWords), its
// summary with a bounded list of entries (src/inspect/items.ts summarizeCrl), the text report, and
// --tree drawing each CRL's window under its CA and marking the certificates it revokes. CRLs come
// from the test forge (test/chain/forge-crl.ts), so every date is fixed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { REVOKED_LISTED, summarizeCrl } from "../../src/inspect/items.js";
import { crlNotes, crlValidityWords } from "../../src/inspect/notes.js";
import { renderInspectReport } from "../../src/inspect/render.js";
import { buildForest, renderForest } from "../../src/inspect/tree.js";
import { forgeCrl } from "../chain/forge-crl.js";
import { forge, forgeKey } from "../helpers/forge.js";
import { assertFits } from "./fits.js";

const THIS_UPDATE = "2030-06-01T00:00:00Z";
const NEXT_UPDATE = "2030-07-01T00:00:00Z";
const IN_WINDOW = new Date("2030-06-15T00:00:00Z");
const key = forgeKey("p256");
const ca = forge({ subject: { cn: "CRL CA" }, key, notBefore: "2030-01-01T00:00:00Z", notAfter: "2031-01-01T00:00:00Z", basicConstraints: { ca: true }, keyUsage: ["keyCertSign", "cRLSign"] });
const leaf = (cn: string, serial: bigint) =>
  forge({ subject: { cn }, issuer: ca, key, serial, notBefore: "2030-02-01T00:00:00Z", notAfter: "2030-12-01T00:00:00Z", basicConstraints: { ca: false }, keyUsage: ["digitalSignature"] });
const alice = leaf("alice", 0x0a1n);
const bob = leaf("bob", 0x0b0bn);
const crl = forgeCrl({ issuer: ca, thisUpdate: THIS_UPDATE, nextUpdate: NEXT_UPDATE, revoked: [{ cert: alice, date: "2030-05-20T00:00:00Z", reason: "keyCompromise" }] });

describe("crlValidityWords: thisUpdate and nextUpdate from --at, as nginx will see them", () => {
  const ROWS: [string, string][] = [
    ["2030-05-31T21:00:00Z", "not yet valid: starts in 3 hours (nginx: (11:CRL is not yet valid))"],
    // OpenSSL check_crl_time(): valid from thisUpdate itself, expired at nextUpdate itself.
    [THIS_UPDATE, "valid for 30 more days"],
    ["2030-06-02T00:00:00Z", "valid for 29 more days"],
    ["2030-06-30T22:00:00Z", "valid for 2 more hours"],
    ["2030-06-30T23:59:00Z", "valid for 1 more minute"],
    [NEXT_UPDATE, "expired 1 second ago (nginx: (12:CRL has expired))"],
    ["2030-07-03T00:00:00Z", "expired 2 days ago (nginx: (12:CRL has expired))"],
  ];
  for (const [at, words] of ROWS) it(`at ${at}: ${words}`, () => assert.equal(crlValidityWords(crl.facts, new Date(at)), words));

  it("without nextUpdate: no nextUpdate, unless it has not started yet", () => {
    const open = { thisUpdate: new Date(THIS_UPDATE), nextUpdate: undefined };
    assert.equal(crlValidityWords(open, new Date("2031-01-01T00:00:00Z")), "no nextUpdate");
    assert.equal(crlValidityWords(open, new Date("2030-05-31T00:00:00Z")), "not yet valid: starts in 24 hours (nginx: (11:CRL is not yet valid))");
  });
});

describe("summarizeCrl and the text report", () => {
  it("issuer, CRL number, window in words, AKI, each entry with its serial, date and reason", () => {
    const summary = summarizeCrl(crl.facts, IN_WINDOW);
    assert.deepEqual(
      { ...summary, notes: [] },
      {
        issuer: "CN=CRL CA",
        crlNumber: "01",
        thisUpdate: "2030-06-01T00:00:00.000Z",
        nextUpdate: "2030-07-01T00:00:00.000Z",
        validity: "valid for 16 more days",
        authorityKeyId: ca.facts.subjectKeyId,
        revoked: 1,
        revokedEntries: [{ serial: "a1", date: "2030-05-20T00:00:00.000Z", reason: "keyCompromise" }],
        revokedNotListed: 0,
        notes: [],
      },
    );
    const text = renderInspectReport({ at: IN_WINDOW.toISOString(), items: [{ file: "ca.crl", index: 1, kind: "crl", ...summary }], errors: [] });
    assert.deepEqual(text.split("\n").slice(0, 7), [
      "ca.crl #1: CRL",
      "  issuer       CN=CRL CA",
      "  CRL number   01",
      "  valid        2030-06-01T00:00:00.000Z .. 2030-07-01T00:00:00.000Z (valid for 16 more days)",
      `  AKI          ${ca.facts.subjectKeyId}`,
      "  revoked      1",
      "               serial a1, 2030-05-20T00:00:00.000Z, keyCompromise",
    ]);
  });

  it(`lists at most REVOKED_LISTED (${REVOKED_LISTED}) entries and counts the others`, () => {
    const many = Array.from({ length: REVOKED_LISTED + 5 }, (_, i) => ({ cert: leaf(`c${i}`, BigInt(i + 1)), date: "2030-05-20T00:00:00Z" }));
    const summary = summarizeCrl(forgeCrl({ issuer: ca, thisUpdate: THIS_UPDATE, revoked: many }).facts, IN_WINDOW);
    assert.equal(summary.revoked, REVOKED_LISTED + 5);
    assert.equal(summary.revokedEntries.length, REVOKED_LISTED);
    assert.deepEqual(summary.revokedEntries[0], { serial: "01", date: "2030-05-20T00:00:00.000Z" });
    assert.equal(summary.revokedNotListed, 5);
    assert.equal(summary.validity, "no nextUpdate");
    const text = renderInspectReport({ at: IN_WINDOW.toISOString(), items: [{ file: "big.crl", index: 1, kind: "crl", ...summary }], errors: [] });
    assert.ok(text.includes("  valid        2030-06-01T00:00:00.000Z .. (no nextUpdate)\n"), text);
    assert.ok(text.includes("\n               … and 5 more\n"), text);
  });
});

describe("crlNotes: what nginx will make of a CRL, and what it covers", () => {
  const CLOCK_NOTE = "a CRL whose thisUpdate is ahead of a server's clock fails in nginx with (11:CRL is not yet valid)";
  const withExtensions = (...extensions: { oid: string; value: number[]; critical?: boolean }[]) =>
    crlNotes(forgeCrl({ issuer: ca, thisUpdate: THIS_UPDATE, nextUpdate: NEXT_UPDATE, extensions: extensions.map((e) => ({ ...e, value: Uint8Array.from(e.value) })) }).facts);

  it("a plain CRL: only the clock note", () => assert.deepEqual(crlNotes(crl.facts), [CLOCK_NOTE]));
  it("an unhandled critical extension: nginx's (36:…)", () => {
    assert.deepEqual(withExtensions({ oid: "1.2.3.4", value: [0x05, 0x00], critical: true }), [
      CLOCK_NOTE,
      "critical extension 1.2.3.4 that OpenSSL does not handle: nginx refuses the certificates this CRL covers with (36:unhandled critical CRL extension)",
    ]);
  });
  it("a delta CRL names its base", () => {
    assert.deepEqual(withExtensions({ oid: "2.5.29.27", value: [0x02, 0x01, 0x07], critical: true }).slice(1), ["a delta CRL (deltaCRLIndicator, base CRL number 07): it lists only the changes since that CRL (RFC 5280 5.2.4)"]);
  });
  it("an issuingDistributionPoint's scope: user certificates only; an indirect CRL", () => {
    // IssuingDistributionPoint ::= SEQUENCE { onlyContainsUserCerts [1] TRUE, indirectCRL [4] TRUE }
    assert.deepEqual(withExtensions({ oid: "2.5.29.28", value: [0x30, 0x06, 0x81, 0x01, 0xff, 0x84, 0x01, 0xff], critical: true }).slice(1), [
      "an indirect CRL: OpenSSL uses it only with extended CRL support, which nginx does not turn on",
      "covers end-entity certificates only (onlyContainsUserCerts): CAs need another CRL",
    ]);
  });
});

describe("inspect --tree with CRLs", () => {
  const certs = [ca.facts, alice.facts, bob.facts];
  const crls = [{ crl: crl.facts, source: "ca.crl#1" }];

  it("draws the CRL's window under its CA on the certificates' time axis and marks what it revokes", () => {
    const lines = renderForest(buildForest(certs), IN_WINDOW, Infinity, crls).split("\n");
    assert.equal(lines.length, 5, lines.join("\n"));
    assert.match(lines[0]!, /^CN=CRL CA {2}\[ECDSA P-256\] /);
    assert.match(lines[1]!, /^├─ CRL number 01 \(ca\.crl#1\) {2}\[1 revoked\] +=* *-*\|-* +2030-06-01 \.\. 2030-07-01$/);
    assert.match(lines[2]!, /^├─ CN=alice .* 2030-02-01 \.\. 2030-12-01 {2}REVOKED$/);
    assert.match(lines[3]!, /^└─ CN=bob .* 2030-02-01 \.\. 2030-12-01$/);
    assert.match(lines[4]!, /"-" = a CRL's thisUpdate \.\. nextUpdate\)$/);
    // Same axis: the CRL's "-" run starts at its thisUpdate's column, inside the CA's "=" bar.
    const barStart = lines[0]!.indexOf("=");
    const crlStart = lines[1]!.search(/[-|]/);
    assert.ok(crlStart > barStart, lines.join("\n"));
  });

  it("an expired or not yet valid CRL says so; a CRL without nextUpdate runs to the axis's end", () => {
    const expired = renderForest(buildForest(certs), new Date("2030-08-01T00:00:00Z"), Infinity, crls).split("\n");
    assert.match(expired[1]!, /2030-06-01 \.\. 2030-07-01 {2}EXPIRED$/);
    const early = renderForest(buildForest(certs), new Date("2030-05-01T00:00:00Z"), Infinity, crls).split("\n");
    assert.match(early[1]!, /2030-06-01 \.\. 2030-07-01 {2}NOT YET VALID$/);
    const open = [{ crl: forgeCrl({ issuer: ca, thisUpdate: THIS_UPDATE }).facts, source: "open.crl#1" }];
    const line = renderForest(buildForest(certs), IN_WINDOW, Infinity, open).split("\n")[1]!;
    assert.match(line, /-  2030-06-01 \.\. \(no nextUpdate\)$/);
  });

  it("a CRL whose CA is not drawn is listed after the trees; nothing is marked revoked", () => {
    const other = forge({ subject: { cn: "Other CA" }, key, notBefore: "2030-01-01T00:00:00Z", notAfter: "2031-01-01T00:00:00Z", basicConstraints: { ca: true } });
    const foreign = [{ crl: forgeCrl({ issuer: other, thisUpdate: THIS_UPDATE, nextUpdate: NEXT_UPDATE, revoked: [{ cert: alice, date: THIS_UPDATE }] }).facts, source: "other.crl#1" }];
    const lines = renderForest(buildForest(certs), IN_WINDOW, Infinity, foreign).split("\n");
    assert.match(lines[3]!, /^\(issuer not given\) CRL number 01 \(other\.crl#1\) {2}\[1 revoked\] /);
    assert.ok(!lines.some((l) => l.includes("REVOKED")), lines.join("\n"));
  });

  it("fits 60 and 80 columns, the legend included", () => {
    for (const width of [60, 80]) assertFits(renderForest(buildForest(certs), IN_WINDOW, width, crls), width);
  });
});
