import path from "node:path";
import type { Manifest } from "../pki/manifest.js";

/**
 * What `pkilab crl` and `pkilab revoke` print about the lab's CRLs (pure: manifest in, text out):
 * each CA's CRL file, its number and revoked count, and the date by which `pkilab crl` must run
 * again, because nginx rejects every client once one CRL's nextUpdate has passed.
 */
export function renderCrlSummary(manifest: Manifest, labDir: string): string[] {
  const crl = manifest.crl;
  if (!crl) return [];
  const lines = crl.issued.map((issued) => `  ${path.join(labDir, issued.file)}  CRL #${issued.number}, ${issued.revoked} revoked, next update ${issued.nextUpdate}`);
  const next = crl.issued.map((issued) => issued.nextUpdate).sort()[0];
  lines.push(`  ${path.join(labDir, crl.bundle)}  every CA's CRL (nginx ssl_crl)`);
  if (next) lines.push(`Run pkilab crl --lab ${labDir} before ${next}: after it nginx with ssl_crl rejects every client.`);
  return lines;
}
