// What each rule predicts (its `predicts` field) is what `pkilab explain` links an error to: every
// code, flag, alert, status and message id named there must be one the knowledge tables know, and
// every peer a rule describes a symptom for must have a prediction (codes, or why there are none).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rulesFor } from "../../src/explain/explain.js";
import type { ExplainEvent } from "../../src/explain/events.js";
import { decodeMbedtlsError, formatMbedtlsCode, MBEDTLS_VERIFY_FLAGS } from "../../src/knowledge/mbedtls-errors.js";
import { findMessage } from "../../src/knowledge/messages.js";
import { findOpensslVerifyError } from "../../src/knowledge/openssl-verify.js";
import { findTlsAlert } from "../../src/knowledge/tls-alerts.js";
import { findWolfsslError } from "../../src/knowledge/wolfssl-errors.js";
import { RULES } from "../../src/lint/rules/index.js";
import type { Prediction } from "../../src/lint/types.js";
import type { PeerId } from "../../src/peers/types.js";

/** The statuses explain reads from nginx (src/explain/events.ts): 400, and 495/496 with error_page. */
const NGINX_STATUSES = [400, 495, 496];

const FLAG_NAMES = new Set(MBEDTLS_VERIFY_FLAGS.map((f) => f.name.replace(/^MBEDTLS_X509_/, "")));

/** Every part of a code is in the table: -0x262E is X509_UNKNOWN_SIG_ALG (-0x2600) + OID_NOT_FOUND (-0x002E). */
function knownMbedtlsCode(code: number): boolean {
  const magnitude = -code;
  const { high, low } = decodeMbedtlsError(code);
  return code < 0 && ((magnitude & 0xff80) === 0 || high !== undefined) && ((magnitude & 0x7f) === 0 || low !== undefined);
}

/** What in one prediction the knowledge tables do not know. */
function unknownIn(p: Prediction): string[] {
  return [
    ...(p.openssl ?? []).filter((code) => !findOpensslVerifyError(code)).map((code) => `OpenSSL verify error ${code}`),
    ...(p.mbedtls?.codes ?? []).filter((code) => !knownMbedtlsCode(code)).map((code) => `mbedTLS code ${formatMbedtlsCode(code)}`),
    ...(p.mbedtls?.flags ?? []).filter((flag) => !FLAG_NAMES.has(flag)).map((flag) => `mbedTLS verify flag ${flag}`),
    ...(p.alert ?? []).filter((code) => !findTlsAlert(code)).map((code) => `TLS alert ${code}`),
    ...(p.http ?? []).filter((status) => !NGINX_STATUSES.includes(status)).map((status) => `HTTP status ${status}`),
    ...(p.messages ?? []).filter((id) => !findMessage(id)).map((id) => `message ${id}`),
    ...(p.wolfssl ?? []).filter((code) => !findWolfsslError(code)).map((code) => `wolfSSL code ${code}`),
  ];
}

const codesIn = (p: Prediction): number =>
  (p.openssl?.length ?? 0) + (p.mbedtls?.codes?.length ?? 0) + (p.mbedtls?.flags?.length ?? 0) + (p.alert?.length ?? 0) + (p.http?.length ?? 0) + (p.messages?.length ?? 0) + (p.wolfssl?.length ?? 0);

const predictionsOf = (rule: (typeof RULES)[number]) => Object.entries(rule.predicts ?? {}) as [PeerId, Prediction][];

describe("rule predictions", () => {
  it("every code, flag, alert, status and message a rule predicts is in the knowledge tables", () => {
    const unknown = RULES.flatMap((rule) => predictionsOf(rule).flatMap(([peer, p]) => unknownIn(p).map((what) => `${rule.id} (${peer}): ${what}`)));
    assert.deepEqual(unknown, []);
  });

  it("every peer a rule describes a symptom for has a prediction: codes, or why nothing is printed", () => {
    const missing: string[] = [];
    for (const rule of RULES) {
      for (const peer of Object.keys(rule.symptom) as PeerId[]) {
        const p = rule.predicts?.[peer];
        if (!p || (codesIn(p) === 0 && !p.silent?.trim())) missing.push(`${rule.id} (${peer})`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it("a prediction is either codes or silent, and only for a peer the rule runs for", () => {
    const wrong = RULES.flatMap((rule) =>
      predictionsOf(rule).flatMap(([peer, p]) => [
        ...(rule.peers[peer] ? [] : [`${rule.id}: predicts for ${peer}, which it does not run for`]),
        ...(p.silent !== undefined && codesIn(p) > 0 ? [`${rule.id} (${peer}): silent, yet predicts codes`] : []),
      ]),
    );
    assert.deepEqual(wrong, []);
  });

  it("explain reads predicts, never the symptom: rewording every symptom changes no link", () => {
    const events: ExplainEvent[] = [
      { kind: "openssl-verify", value: 26, text: "" },
      { kind: "mbedtls-error", value: -0x2700, text: "" },
      { kind: "wolfssl-error", value: -188, text: "" },
      { kind: "verify-flags", value: 0x08, text: "" },
      { kind: "alert", value: 40, text: "" },
      { kind: "http-status", value: 495, text: "" },
      { kind: "message", value: "no-shared-cipher", text: "" },
      { kind: "message", value: "curl-no-alternative-name", text: "" },
    ];
    const before = events.map(rulesFor);
    const symptoms = RULES.map((rule) => rule.symptom);
    try {
      for (const rule of RULES) rule.symptom = Object.fromEntries(Object.keys(rule.symptom).map((peer) => [peer, "reworded"]));
      assert.deepEqual(events.map(rulesFor), before);
    } finally {
      RULES.forEach((rule, i) => (rule.symptom = symptoms[i] ?? {}));
    }
    assert.ok(before.every((rules) => rules.length > 0), "each sample event has rules to lose");
  });
});
