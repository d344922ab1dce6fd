/**
 * The words for the chain engine's reasons (src/chain/reasons.ts): what failed, in a sentence, and
 * what would pass. The engine hands out typed detail only; verify's report, lint's findings and
 * the limbo harness all word a reason here, so one reason reads the same everywhere. Here, in
 * Knowledge, because Lint and the views may both import it, and Knowledge may import Chain.
 */
import type { CrlScopeProblem } from "../chain/crl.js";
import type { Purpose, PurposeProblem } from "../chain/purpose.js";
import type { Reason, ReasonId, ReasonOf } from "../chain/reasons.js";
import { span } from "../chain/validate.js";
import { EKU_NAMES } from "../model/oids.js";

export interface ReasonWords {
  message: string;
  /** What would have passed, e.g. the names the certificate is valid for. */
  hint?: string;
}

export function describeReason<Id extends ReasonId>(reason: ReasonOf<Id>): ReasonWords;
export function describeReason(reason: Reason): ReasonWords;
export function describeReason<Id extends ReasonId>(reason: ReasonOf<Id>): ReasonWords {
  const words: (reason: ReasonOf<Id>) => ReasonWords = WORDS[reason.id];
  return words(reason);
}

type Wording = { [Id in ReasonId]: (reason: ReasonOf<Id>) => ReasonWords };

const REISSUE_CA = "re-issue the CA with basicConstraints critical, CA:TRUE";
const STRONGER_KEY = "use RSA 2048+ or P-256+";

const WORDS: Wording = {
  "issuer-not-found": ({ subject, detail: { issuer } }) => ({
    message: `no issuer found for "${subject}": "${issuer}" is neither among the given intermediates nor a trust anchor`,
    hint: `supply "${issuer}" with the chain (--chain) or in the trust store (--ca)`,
  }),
  "anchor-issuer-not-found": ({ subject, detail: { issuer } }) => ({
    message: `"${subject}" is trusted but is not a root, and its issuer "${issuer}" is not in the trust store`,
    hint: "put the root CA in the trust store: partial chains are not accepted (nginx never allows them)",
  }),
  "self-signed-not-trusted": ({ certIndex }) => ({
    message: `${certIndex === 0 ? "the certificate is" : "the chain ends at"} a self-signed certificate that is not a trust anchor`,
    hint: "add it to the trust store (--ca) if it should be trusted",
  }),
  "trust-rejected": ({ detail: { purpose, trust, reject } }) => {
    const uses = (oids: string[]) => oids.map((oid) => EKU_NAMES[oid] ?? oid).join(", ");
    const settings = [trust.length > 0 ? `trusted for ${uses(trust)}` : "", reject.length > 0 ? `rejected for ${uses(reject)}` : ""].filter(Boolean).join(", ");
    const use = purpose === "client" ? "clientAuth" : purpose === "server" ? "serverAuth" : "anyExtendedKeyUsage";
    return {
      message: `its OpenSSL trust settings (TRUSTED CERTIFICATE: ${settings}) reject it for ${purpose === undefined ? "any use" : `TLS ${purpose} authentication`}`,
      hint: `trust it for ${use} (openssl x509 -in FILE -addtrust ${use} -clrreject), or store it as a plain CERTIFICATE (openssl x509 -in FILE -out plain.pem)`,
    };
  },
  "signature-invalid": ({ detail: { issuer } }) => ({
    message: `its signature does not verify with the key of "${issuer}"`,
    hint: "it was signed by a different key with the same issuer name: re-issue it from the right CA",
  }),
  "signature-algorithm-unsupported": ({ detail: { algorithm, issuerKey } }) => ({
    message: `its signature algorithm ${algorithm} or the issuer's key (${issuerKey}) cannot be checked`,
  }),
  "not-yet-valid": ({ detail: { notBefore, at } }) => ({
    message: `not valid before ${iso(notBefore)} (${span(notBefore.getTime() - at.getTime())} after ${iso(at)})`,
    hint: "the verifier's clock is behind, or the certificate was issued with a future notBefore",
  }),
  expired: ({ detail: { notAfter, at } }) => ({
    message: `expired ${iso(notAfter)} (${span(at.getTime() - notAfter.getTime())} before ${iso(at)})`,
    hint: "renew it",
  }),
  "not-a-ca": ({ detail: { basicConstraints } }) => ({
    message: basicConstraints === "ca-false" ? "it issues certificates but has basicConstraints CA:FALSE" : "it issues certificates but has no basicConstraints CA:TRUE",
    hint: REISSUE_CA,
  }),
  "ca-without-keycertsign": () => ({ message: "it issues certificates but its key usage lacks keyCertSign", hint: "re-issue the CA with keyUsage keyCertSign" }),
  "path-length-exceeded": ({ detail: { pathLen, intermediatesBelow } }) => ({
    message: `its pathLen ${pathLen} allows ${pathLen} intermediate(s) below it, the chain has ${intermediatesBelow}`,
    hint: "re-issue the CA with a larger pathLen, or shorten the hierarchy",
  }),
  "purpose-mismatch": ({ certIndex, detail: { purpose, problem } }) => {
    const words = purposeWords(problem, purpose, certIndex > 0);
    return { message: `not usable for TLS ${purpose} authentication: ${words.message}`, hint: words.hint };
  },
  "unhandled-critical-extension": ({ detail: { oids } }) => ({ message: `it has critical extension(s) OpenSSL does not handle: ${oids.join(", ")}` }),
  "name-constraint-violation": ({ detail: { name, constraints, ca } }) => ({
    message: `name ${name} is outside the name constraints of "${ca}" (${constraints.join(" or ")})`,
  }),
  "name-constraint-excluded": ({ detail: { name, constraints, ca } }) => ({
    message: `name ${name} is excluded by the name constraints of "${ca}" (${constraints.join(" or ")})`,
  }),
  "name-constraint-unsupported": ({ detail: { name, constraints, ca } }) => ({
    message: `the name constraints of "${ca}" constrain ${constraints.join(" or ")}, a name form pkilab cannot check, and the certificate has ${name}`,
  }),
  "name-constraint-too-complex": ({ detail: { names, subtrees, ca } }) => ({
    message: `checking ${names} names against ${subtrees} subtrees of the name constraints of "${ca}" exceeds OpenSSL's limit of 2^20 comparisons`,
  }),
  "depth-exceeded": ({ detail: { intermediates, maxDepth } }) => ({
    message: `the chain has ${intermediates} intermediate(s); the verify depth allows ${maxDepth}`,
    hint: `raise the verify depth (nginx: ssl_verify_depth ${intermediates})`,
  }),
  "hostname-mismatch": ({ detail: { host, validFor } }) => ({
    message: `not valid for host name ${host}`,
    hint: validFor.length > 0 ? `it is valid for: ${validFor.join(", ")}` : "it names no DNS name or IP address in a SAN",
  }),
  "ip-mismatch": ({ detail: { host, validFor, dnsNames } }) => ({
    message: `not valid for IP address ${host}`,
    hint: `its iPAddress SANs: ${validFor.join(", ") || "none"}${dnsNames.length > 0 ? `; its DNS names (${dnsNames.join(", ")}) never match an IP` : ""}: add ${host} as an iPAddress SAN`,
  }),
  "email-mismatch": ({ detail: { email } }) => ({ message: `not valid for email address ${email}` }),
  "ee-key-too-weak": ({ detail }) => ({ message: keyTooWeak(detail), hint: STRONGER_KEY }),
  "ca-key-too-weak": ({ detail }) => ({ message: keyTooWeak(detail), hint: STRONGER_KEY }),
  "signature-digest-too-weak": ({ detail: { algorithm, securityLevel } }) => ({
    message: `it is signed with ${algorithm}, below OpenSSL security level ${securityLevel}`,
    hint: "re-issue it with SHA-256 or stronger",
  }),
  "explicit-ec-parameters": () => ({
    message: "its EC key has explicit curve parameters instead of a named curve (RFC 5480 2.1.1 forbids them)",
    hint: "re-issue it with a named curve (P-256, P-384)",
  }),
  "malformed-extensions": ({ detail: { oids } }) => ({
    message: `extension(s) ${oids.join(", ")} occur more than once (RFC 5280 4.2 forbids it)`,
    hint: "re-issue it with each extension once",
  }),
  "strict-pathlen-non-ca": () => ({ message: "pathLenConstraint without basicConstraints CA:TRUE (RFC 5280 4.2.1.9)" }),
  "strict-pathlen-without-keycertsign": () => ({ message: "pathLenConstraint without keyUsage keyCertSign (RFC 5280 4.2.1.9)" }),
  "strict-ku-keycertsign-non-ca": () => ({ message: "keyUsage keyCertSign without basicConstraints CA:TRUE (RFC 5280 4.2.1.9)" }),
  "strict-issuer-name-empty": () => ({ message: "the issuer name is empty (RFC 5280 4.1.2.4)" }),
  "strict-missing-aki": () => ({ message: "no authorityKeyIdentifier (RFC 5280 4.2.1.1)" }),
  "strict-missing-ski": () => ({ message: "a CA without subjectKeyIdentifier (RFC 5280 4.2.1.2)" }),
  "strict-empty-subject-san-not-critical": () => ({ message: "empty subject with a non-critical subjectAltName (RFC 5280 4.2.1.6)" }),
  "strict-ca-bcons-not-critical": () => ({ message: "basicConstraints of a CA is not critical (RFC 5280 4.2.1.9)" }),
  "strict-ca-without-basic-constraints": () => ({ message: "a CA without basicConstraints (RFC 5280 4.2.1.9)" }),
  "crl-not-found": ({ detail: { issuer, outOfScope } }) => ({
    message: outOfScope
      ? `no CRL of "${issuer}" that covers this certificate is loaded (the one loaded is out of scope)`
      : `no CRL from "${issuer}" is loaded, and CRL checking needs one for this certificate`,
    hint: `add the CRL of "${issuer}" (--crl); nginx's ssl_crl needs one for every CA of the chain, the root included`,
  }),
  "crl-signature-invalid": ({ detail: { crlIssuer } }) => ({
    message: `the CRL that covers it does not verify with the key of "${crlIssuer}"`,
    hint: "the CRL was signed by another key with the same issuer name: re-issue it with the CA's own key",
  }),
  "crl-not-yet-valid": ({ detail: { thisUpdate, at, crlIssuer } }) => ({
    message: `the CRL of "${crlIssuer}" is not valid before its thisUpdate ${iso(thisUpdate)} (${span(thisUpdate.getTime() - at.getTime())} after ${iso(at)})`,
    hint: "the verifier's clock is behind, or the CRL was issued with a future thisUpdate: backdate thisUpdate a little",
  }),
  "crl-expired": ({ detail: { nextUpdate, at, crlIssuer } }) => ({
    message: `the CRL of "${crlIssuer}" expired at its nextUpdate ${iso(nextUpdate)} (${span(at.getTime() - nextUpdate.getTime())} before ${iso(at)})`,
    hint: "issue a fresh CRL and reload the verifier (nginx reads ssl_crl at reload only)",
  }),
  "crl-issuer-without-crlsign": ({ detail: { crlIssuer, keyUsage } }) => ({
    message: `the CRL's issuer "${crlIssuer}" has a keyUsage without cRLSign (${keyUsage.join(", ") || "none"})`,
    hint: "re-issue the CA with keyUsage keyCertSign, cRLSign",
  }),
  "crl-unhandled-critical-extension": ({ detail: { oids, crlIssuer } }) => ({
    message: `the CRL of "${crlIssuer}" has critical extension(s) OpenSSL does not handle: ${oids.join(", ")}`,
    hint: "issue the CRL without them, or mark them non-critical (cRLNumber MUST be non-critical, RFC 5280 5.2.3)",
  }),
  "crl-different-scope": ({ detail: { scope, crlIssuer } }) => ({
    message: `the CRL of "${crlIssuer}" does not cover this certificate: ${SCOPE_WORDS[scope]}`,
    hint: "load a CRL whose issuingDistributionPoint covers it, or one without issuingDistributionPoint",
  }),
  "certificate-revoked": ({ detail: { serial, revocationDate, reasonCode, crlIssuer } }) => ({
    message: `revoked by "${crlIssuer}" on ${iso(revocationDate)}${reasonCode ? ` (${reasonCode})` : ""}: serial ${serial} is on its CRL`,
    hint: "issue a new certificate for it",
  }),
  "key-mismatch": ({ detail: { keyFile } }) => ({
    message: `the private key in ${keyFile} does not belong to this certificate`,
    hint: "pair the certificate with the key it was issued for (same public key)",
  }),
};

function keyTooWeak({ key, securityLevel, minBits }: { key: string; securityLevel: number; minBits: number }): string {
  return `its key (${key}) is below OpenSSL security level ${securityLevel} (${minBits} bits needed)`;
}

/** What fails the purpose (the sentence's tail) and what would pass; `asCa`: checked as an issuer. */
function purposeWords(problem: PurposeProblem, purpose: Purpose, asCa: boolean): Required<ReasonWords> {
  const ekuName = purpose === "client" ? "clientAuth" : "serverAuth";
  const reissueWithEku = `${asCa ? "re-issue the CA" : "re-issue it"} with extendedKeyUsage ${ekuName}${asCa ? " (or without an EKU extension)" : ""}`;
  switch (problem.kind) {
    case "eku-without-purpose":
      return { message: `its extended key usage lacks ${ekuName}`, hint: reissueWithEku };
    case "eku-any-only":
      return { message: `its extended key usage is anyExtendedKeyUsage only, which OpenSSL does not accept for TLS ${purpose} use`, hint: reissueWithEku };
    case "ns-cert-type-not-ssl-ca":
      return { message: "its Netscape cert type lacks SSL CA", hint: "re-issue the CA with basicConstraints CA:TRUE" };
    case "key-usage-not-allowed":
      return { message: `its key usage (${problem.keyUsage.join(", ") || "empty"}) has none of ${problem.allowed.join(", ")}`, hint: "re-issue it with keyUsage digitalSignature" };
    case "ns-cert-type-without-purpose":
      return { message: `its Netscape cert type does not include SSL ${purpose}`, hint: "re-issue it without nsCertType (it is obsolete) or with the right type" };
  }
}

const SCOPE_WORDS: Record<CrlScopeProblem, string> = {
  "only-user-certs": "its issuingDistributionPoint says onlyContainsUserCerts and this is a CA",
  "only-ca-certs": "its issuingDistributionPoint says onlyContainsCACerts and this is not a CA",
  "only-attribute-certs": "its issuingDistributionPoint says onlyContainsAttributeCerts",
  "distribution-point": "its issuingDistributionPoint names a distribution point the certificate's cRLDistributionPoints do not",
};

function iso(date: Date): string {
  return date.toISOString().replace(".000Z", "Z");
}
