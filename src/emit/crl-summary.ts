import path from "node:path";

/** The lab's CRLs as `pkilab crl` records them (the manifest's `crl`), as plain data. */
export interface CrlSummaryInput {
  bundle: string;
  issued: { file: string; number: number; revoked: number; nextUpdate: string }[];
}

/**
 * What `pkilab crl`, `revoke` and `init --crl` print about the lab's CRLs (pure: facts in, text out):
 * each CA's CRL file, its number and revoked count, and the date by which `pkilab crl` must run
 * again, because nginx rejects every client once one CRL's nextUpdate has passed.
 */
export function renderCrlSummary(crl: CrlSummaryInput | undefined, labDir: string): string[] {
  if (!crl) return [];
  const lines = crl.issued.map((issued) => `  ${path.join(labDir, issued.file)}  CRL #${issued.number}, ${issued.revoked} revoked, next update ${issued.nextUpdate}`);
  const next = crl.issued.map((issued) => issued.nextUpdate).sort()[0];
  lines.push(`  ${path.join(labDir, crl.bundle)}  every CA's CRL (nginx ssl_crl)`);
  if (next) lines.push(`Run pkilab crl --lab ${labDir} before ${next}: after it nginx with ssl_crl rejects every client.`);
  return lines;
}
