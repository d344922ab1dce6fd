/**
 * DER as PEM text (RFC 7468 section 2: base64 in lines of 64 characters between BEGIN and END
 * lines naming the label). A pure encoding: the lab writes it, the emitters print it.
 */
export function toPem(label: string, der: Uint8Array): string {
  const base64 = Buffer.from(der).toString("base64");
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
