import path from "node:path";
import type { Manifest, ManifestEntry } from "../pki/manifest.js";

/** Human summary of a lab, as `pkilab init` prints it (pure: manifest in, text out). */
export function renderLabSummary(manifest: Manifest, labDir: string, seconds: number): string {
  const lines = [`Created lab ${labDir} in ${seconds.toFixed(2)} s; trust anchor: ${path.join(labDir, manifest.trustAnchor)}`];
  lines.push(...renderEntries(manifest.certificates));
  lines.push(
    "Private keys are key.pem in each folder (mode 0600). Leaves also have fullchain.pem (leaf + intermediates)" +
      (manifest.certificates.some((c) => c.files.chain) ? " and chain.pem (intermediates)." : "."),
    `Add a leaf: pkilab issue client NAME --lab ${labDir}`,
  );
  return lines.join("\n");
}

export function renderEntries(entries: ManifestEntry[]): string[] {
  const rows = entries.map((entry) => [
    entry.role,
    entry.keyLabel,
    `CN=${entry.name}`,
    entry.sans.length > 0 ? `SAN ${entry.sans.join(", ")}` : "",
    `until ${entry.notAfter.slice(0, 10)}`,
    `${entry.id}/`,
  ]);
  // Every row has the same six cells, so each column index exists in every row and in widths.
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => row[col]!.length))) ?? [];
  return rows.map((row) => "  " + row.map((cell, col) => cell.padEnd(widths[col]!)).join("  ").trimEnd());
}
