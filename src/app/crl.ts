import { reissueCrls } from "../pki/lab-crl.js";
import type { Manifest } from "../pki/manifest.js";

/** `pkilab crl`: (re)issues one CRL per CA of the lab and the crl.pem bundle; returns the updated manifest. */
export async function issueCrls(lab: string, days?: number): Promise<Manifest> {
  return reissueCrls(lab, { days });
}
