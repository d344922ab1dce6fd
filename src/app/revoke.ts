import { revokeInLab, type RevokeRequest } from "../pki/lab-crl.js";
import type { Manifest, Revocation } from "../pki/manifest.js";

export interface RevokeResult {
  revocation: Revocation;
  manifest: Manifest;
}

/** `pkilab revoke`: records the revocation in the lab's manifest and reissues every CA's CRL. */
export async function revokeCertificate(lab: string, request: RevokeRequest, days?: number): Promise<RevokeResult> {
  const { manifest, revocation } = await revokeInLab(lab, request, { days });
  return { revocation, manifest };
}
