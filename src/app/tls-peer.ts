import type tls from "node:tls";

/**
 * The peer's certificates as OpenSSL linked them after a handshake: getPeerCertificate(true)
 * followed through issuerCertificate, leaf first, each once (a self-signed one points at itself).
 * Not the order sent, and possibly completed from our own CA store: probe and serve use it only
 * when the flight could not be read off the wire, and say so.
 */
export function linkedPeerChain(socket: tls.TLSSocket): Uint8Array[] {
  const chain: Uint8Array[] = [];
  const seen = new Set<string>();
  let cert = socket.getPeerCertificate(true) as tls.DetailedPeerCertificate | undefined;
  while (cert?.raw && !seen.has(cert.fingerprint256) && chain.length < 16) {
    seen.add(cert.fingerprint256);
    chain.push(new Uint8Array(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}

/** A DNS host name as SNI carries it (RFC 6066 §3): letters, digits, '.', '-', '_'; never control characters. */
export function isHostName(name: string): boolean {
  return /^[A-Za-z0-9._-]{1,253}$/.test(name);
}
