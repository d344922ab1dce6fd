import type { ClientHello } from "../peers/parse/client-hello.js";
import { printable } from "./printable.js";

/** A decoded ClientHello in plain words (pure), for `pkilab inspect --client-hello`. */
export function renderClientHello(hello: ClientHello, source: string): string {
  const list = (items: { name: string }[]) => items.map((i) => i.name).join(", ") || "(none)";
  const lines = [
    `${source}: TLS ClientHello${hello.truncated ? ` (truncated: ${hello.truncated.presentLength} of ${hello.truncated.declaredLength} bytes)` : ""}`,
    `  versions      ${[hello.legacyVersion, ...hello.supportedVersions.filter((v) => v !== hello.legacyVersion)].join(", ")}${hello.supportedVersions.length ? " (supported_versions)" : ""}`,
    `  server name   ${hello.serverName !== undefined ? printable(hello.serverName) : "(no SNI)"}`,
    `  suites        ${list(hello.cipherSuites)}`,
    `  groups        ${list(hello.groups)}`,
    `  sig. algs     ${list(hello.signatureAlgorithms)}`,
  ];
  if (hello.signatureAlgorithmsCert) lines.push(`  sig. algs (certs) ${list(hello.signatureAlgorithmsCert)}`);
  if (hello.keyShareGroups.length) lines.push(`  key shares    ${hello.keyShareGroups.join(", ")}`);
  if (hello.maxFragmentLength) lines.push(`  max fragment  ${hello.maxFragmentLength} bytes (the server must send records this small: mbedTLS 2.28 then cannot take a Certificate message larger than one record)`);
  if (hello.alpn?.length) lines.push(`  ALPN          ${hello.alpn.map(printable).join(", ")}`);
  lines.push(`  extensions    ${hello.extensions.map((e) => e.name).join(", ")}`);
  return lines.join("\n");
}
