// The `pkilab serve` views (src/inspect/serve.ts): one connection's report and the Ctrl-C summary,
// from hand-made reports (the real ones come from test/peers/serve.test.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderServeConnection, renderServeSummary, type ServeConnectionReport } from "../../src/inspect/serve.js";
import type { LintReport } from "../../src/lint/types.js";

const base: ServeConnectionReport = { connection: 3, remote: "127.0.0.1:50000", at: "2030-01-01T00:00:00.000Z", outcome: "completed", ended: "completed", lint: {}, verdicts: [] };

const lintReport: LintReport = {
  file: "the client's certificate",
  at: "2030-01-01T00:00:00.000Z",
  inputs: { from: "lab", anchors: ["lab/ca.pem"], chain: [], lab: "lab" },
  chain: [{ subject: "CN=localhost", source: "wire" }],
  findings: [{ rule: "leaf-eku-purpose", peer: "nginx-mtls", severity: "error", certIndex: 0, subject: "CN=localhost", message: "the leaf's extended key usage (serverAuth) lacks clientAuth", fix: "re-issue it", symptom: "HTTP 400", citation: "RFC 5280 4.2.1.12" }],
  verdicts: [{ peer: "nginx-mtls", title: "nginx", errors: 1, warnings: 0, infos: 0, status: "rejected", accepted: false, unchecked: [], assumed: [], notApplicable: [] }],
};

describe("renderServeConnection", () => {
  it("the chain as sent, the findings in lint's words, the refusal and the end", () => {
    const text = renderServeConnection({
      ...base,
      outcome: "refused",
      ended: "refused by --enforce go-mtls: alert 42 bad_certificate sent",
      clientChain: { certificates: [{ subject: "CN=localhost", issuer: "CN=Intermediate", sha256: "0".repeat(64) }, { subject: "CN=Intermediate", issuer: "CN=Root", sha256: "1".repeat(64) }], order: "as sent" },
      lint: { clientChain: lintReport },
      enforced: { peer: "go-mtls", refusal: "refused the handshake with fatal alert 42 bad_certificate" },
    });
    assert.match(text, /^connection 3 from 127\.0\.0\.1:50000/);
    assert.match(text, /client chain {2}2 certificates, in the order sent\n {4}0: CN=localhost {2}issued by CN=Intermediate\n {4}1: CN=Intermediate/);
    assert.match(text, /the client's chain:\n/);
    assert.match(text, /ERROR +nginx-mtls leaf-eku-purpose: the leaf's extended key usage \(serverAuth\) lacks clientAuth/);
    assert.match(text, /nginx-mtls: will be REJECTED — 1 error/);
    assert.match(text, /enforced go-mtls: refused the handshake with fatal alert 42/);
    assert.match(text, /handshake: refused by --enforce go-mtls: alert 42 bad_certificate sent$/);
  });

  it("no client certificate, TLS 1.3 order, and a bare not-TLS line", () => {
    const none = renderServeConnection({ ...base, clientChain: { certificates: [], order: "not observable" }, verdicts: [{ peer: "nginx-mtls", judges: "client chain", status: "rejected", reason: "the client sent no certificate" }] });
    assert.match(none, /client chain {2}none: the client sent no certificate/);
    assert.match(none, /nginx-mtls: will be REJECTED — the client sent no certificate/);
    const notTls = renderServeConnection({ ...base, outcome: "not-tls", ended: 'the client: not TLS: it sent "GET / HT", not a TLS record' });
    assert.equal(notTls, 'connection 3 from 127.0.0.1:50000 at 2030-01-01T00:00:00.000Z\nhandshake: the client: not TLS: it sent "GET / HT", not a TLS record');
  });
});

describe("renderServeSummary", () => {
  it("counts by outcome, in a fixed order", () => {
    assert.equal(renderServeSummary({ connections: 5, byOutcome: { timeout: 1, completed: 3, "client-alert": 1 }, rejected: 2 }), "5 connections: 3 completed, 1 client-alert, 1 timeout; 2 with a chain a profile rejects");
    assert.equal(renderServeSummary({ connections: 0, byOutcome: {}, rejected: 0 }), "0 connections; 0 with a chain a profile rejects");
  });
});
