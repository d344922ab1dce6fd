import { buildPaths } from "../chain/paths.js";
import { checkSignature } from "../chain/signature.js";
import type { CertFacts } from "../model/certificate.js";
import { EKU } from "../model/oids.js";
import type { GoClientProfile, GoFacts, GoMtlsProfile } from "../peers/types.js";
import type { LintContext } from "./types.js";

/**
 * What Go's crypto/x509 requires of one candidate chain beyond what the chain engine checks for the
 * Go profiles (go1.19 src/crypto/x509/verify.go Verify(), buildChains(), checkChainForKeyUsage();
 * x509.go CheckSignatureFrom()). The go-* rules report these on the path pkilab builds; because Go
 * builds every chain it can and accepts if one passes, a rule stays quiet when another path passes
 * them all (anotherGoChainPasses).
 */
export type GoProfile = GoMtlsProfile | GoClientProfile;
type Usage = GoProfile["requestedUsage"];

/** Digests Go never verifies in a certificate signature (go1.19 src/crypto/x509/x509.go checkSignature). */
const ALWAYS_REFUSED = new Set(["md5", "md2"]);

/** A certificate's EKUs allow the usage: no extension (or an empty one) allows any. */
export function ekuAllows(cert: CertFacts, wanted: Usage): boolean {
  const eku = cert.extKeyUsage;
  return !eku || eku.length === 0 || eku.includes(EKU.anyExtendedKeyUsage) || eku.includes(EKU[wanted]);
}

/** The digest of the certificate's signature, when Go refuses to verify it ("sha1" from Go 1.18, "md5" always). */
export function insecureDigest(cert: CertFacts, go: GoFacts): string | undefined {
  const digest = cert.signatureAlgorithm.hash ?? "";
  return ALWAYS_REFUSED.has(digest) || (digest === "sha1" && go.refusesSha1) ? digest : undefined;
}

/** Why Go refuses this certificate as an issuer, or undefined (CheckSignatureFrom, isValid NotAuthorizedToSign). */
export function issuerProblem(cert: CertFacts, trustedTop: boolean): "ca-false" | "v3-no-bc" | "v1-intermediate" | "no-keycertsign" | undefined {
  const bc = cert.basicConstraints;
  if (bc && !bc.ca) return "ca-false";
  if (!bc && cert.version === 3) return "v3-no-bc";
  if (!bc && !trustedTop) return "v1-intermediate";
  if (cert.keyUsage && cert.keyUsage.size > 0 && !cert.keyUsage.has("keyCertSign")) return "no-keycertsign";
  return undefined;
}

/** Whether a chain (leaf first, trusted top last) passes the conditions above, every certificate valid at `at`. */
function passes(chain: CertFacts[], profile: GoProfile, at: number): boolean {
  const last = chain.length - 1;
  return chain.every(
    (cert, i) =>
      cert.notBefore.getTime() <= at &&
      at <= cert.notAfter.getTime() &&
      ekuAllows(cert, profile.requestedUsage) &&
      (i === last || insecureDigest(cert, profile.go) === undefined) &&
      (i === 0 || issuerProblem(cert, i === last) === undefined),
  );
}

/** Another anchored path, every signature good, that passes Go's conditions: Go would take it. */
export function anotherGoChainPasses(ctx: LintContext<GoProfile>): boolean {
  const at = (ctx.profile.clock ?? ctx.options.at).getTime();
  const trusted = new Set(ctx.anchors.map((a) => a.sha256));
  const pool = [...ctx.anchors, ...ctx.given.slice(1)].filter((c, i, all) => all.findIndex((o) => o.sha256 === c.sha256) === i);
  for (const path of buildPaths(ctx.leaf, pool, (c) => trusted.has(c.sha256), ctx.profile.partialChain)) {
    if (path.end !== "anchor") continue;
    const signed = path.chain.every((cert, i) => i === path.chain.length - 1 || checkSignature(cert, path.chain[i + 1]!) === "ok");
    if (signed && passes(path.chain, ctx.profile, at)) return true;
  }
  return false;
}
