// Each reason id's OpenSSL verify error: its number (src/chain/reasons.ts) is in the knowledge table
// (src/knowledge/openssl-verify.ts), and "N:text" is what verify's JSON has always said for it. The
// texts themselves are checked against the real OpenSSL library in test/explain/knowledge.test.ts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { REASONS, type ReasonId } from "../../src/chain/reasons.js";
import { findOpensslVerifyError, opensslForm, pkilabReasonsFor } from "../../src/knowledge/openssl-verify.js";

/** The "N:text" pairs src/chain/reasons.ts used to spell out itself (OpenSSL 3.0 wording). */
const OPENSSL_FORMS: Record<Exclude<ReasonId, "key-mismatch">, string> = {
  "issuer-not-found": "20:unable to get local issuer certificate",
  "anchor-issuer-not-found": "2:unable to get issuer certificate",
  "self-signed-not-trusted": "18:self-signed certificate",
  "signature-invalid": "7:certificate signature failure",
  "signature-algorithm-unsupported": "7:certificate signature failure",
  "not-yet-valid": "9:certificate is not yet valid",
  expired: "10:certificate has expired",
  "not-a-ca": "79:invalid CA certificate",
  "ca-without-keycertsign": "79:invalid CA certificate",
  "path-length-exceeded": "25:path length constraint exceeded",
  "purpose-mismatch": "26:unsuitable certificate purpose",
  "unhandled-critical-extension": "34:unhandled critical extension",
  "name-constraint-violation": "47:permitted subtree violation",
  "name-constraint-excluded": "48:excluded subtree violation",
  "depth-exceeded": "22:certificate chain too long",
  "hostname-mismatch": "62:hostname mismatch",
  "ip-mismatch": "64:IP address mismatch",
  "email-mismatch": "63:email address mismatch",
  "ee-key-too-weak": "66:EE certificate key too weak",
  "ca-key-too-weak": "67:CA certificate key too weak",
  "signature-digest-too-weak": "68:CA signature digest algorithm too weak",
  "explicit-ec-parameters": "94:Certificate public key has explicit ECC parameters",
  "malformed-extensions": "41:invalid or inconsistent certificate extension",
  "name-constraint-unsupported": "51:unsupported name constraint type",
  "name-constraint-too-complex": "1:unspecified certificate verification error",
  "trust-rejected": "28:certificate rejected",
  "strict-pathlen-non-ca": "80:Path length invalid for non-CA cert",
  "strict-pathlen-without-keycertsign": "81:Path length given without key usage keyCertSign",
  "strict-ku-keycertsign-non-ca": "82:Key usage keyCertSign invalid for non-CA cert",
  "strict-issuer-name-empty": "83:Issuer name empty",
  "strict-missing-aki": "85:Missing Authority Key Identifier",
  "strict-missing-ski": "86:Missing Subject Key Identifier",
  "strict-empty-subject-san-not-critical": "88:Subject empty and Subject Alt Name extension not critical",
  "strict-ca-bcons-not-critical": "89:Basic Constraints of CA cert not marked critical",
  "strict-ca-without-basic-constraints": "79:invalid CA certificate",
  "crl-not-found": "3:unable to get certificate CRL",
  "crl-signature-invalid": "8:CRL signature failure",
  "crl-not-yet-valid": "11:CRL is not yet valid",
  "crl-expired": "12:CRL has expired",
  "crl-issuer-without-crlsign": "35:key usage does not include CRL signing",
  "crl-unhandled-critical-extension": "36:unhandled critical CRL extension",
  "crl-different-scope": "44:different CRL scope",
  "certificate-revoked": "23:certificate revoked",
};

describe("reason ids and OpenSSL verify errors", () => {
  for (const id of Object.keys(REASONS) as ReasonId[]) {
    it(id, () => {
      const code = REASONS[id].openssl;
      if (id === "key-mismatch") {
        assert.equal(code, null, "a key mismatch is no verify error");
        return;
      }
      assert.ok(code !== null && findOpensslVerifyError(code), `${id}: OpenSSL code ${code} is not in src/knowledge/openssl-verify.ts`);
      assert.equal(opensslForm(id), OPENSSL_FORMS[id]);
      assert.ok(pkilabReasonsFor(code).includes(id));
    });
  }
});
