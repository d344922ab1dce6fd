/**
 * Opens the encrypted handshake records of a TLS 1.3 connection that pkilab itself took part in,
 * with the handshake traffic secret its own TLS library logged (Node's 'keylog' event, NSS key log
 * format). In TLS 1.3 everything after the ServerHello is encrypted (RFC 8446 §2), so this is the
 * only way to see the Certificate message exactly as the peer sent it — order, extra certificates —
 * and the CertificateRequest's CA names, as TLS 1.2 shows them in plaintext.
 *
 * RFC 8446 §7.1 (HKDF-Expand-Label), §7.3 (traffic keys), §5.2 (record payload protection: nonce =
 * iv XOR sequence number, additional data = the record header, inner plaintext = content, type,
 * zero padding). Pure: bytes and secrets in, handshake messages out.
 */
import { createDecipheriv, createHmac, type CipherGCMTypes } from "node:crypto";
import { HandshakeStream, TlsWireError, type HandshakeMessage } from "./tls-messages.js";

interface SuiteCipher {
  cipher: "aes-128-gcm" | "aes-256-gcm" | "chacha20-poly1305";
  keyLength: number;
  hash: "sha256" | "sha384";
}

/** The TLS 1.3 suites (RFC 8446 §B.4) OpenSSL negotiates, by IANA name. */
const SUITES: Readonly<Record<string, SuiteCipher>> = {
  TLS_AES_128_GCM_SHA256: { cipher: "aes-128-gcm", keyLength: 16, hash: "sha256" },
  TLS_AES_256_GCM_SHA384: { cipher: "aes-256-gcm", keyLength: 32, hash: "sha384" },
  TLS_CHACHA20_POLY1305_SHA256: { cipher: "chacha20-poly1305", keyLength: 32, hash: "sha256" },
};

const TAG_LENGTH = 16;

/** HKDF-Expand (RFC 5869 §2.3). */
function hkdfExpand(hash: string, secret: Uint8Array, info: Uint8Array, length: number): Buffer {
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let i = 1; Buffer.concat(blocks).length < length; i++) {
    previous = createHmac(hash, secret).update(Buffer.concat([previous, info, Buffer.of(i)])).digest();
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** HKDF-Expand-Label(secret, label, "", length) (RFC 8446 §7.1). */
function expandLabel(hash: string, secret: Uint8Array, label: string, length: number): Buffer {
  const fullLabel = Buffer.from(`tls13 ${label}`, "ascii");
  const info = Buffer.concat([Buffer.of(length >> 8, length & 0xff, fullLabel.length), fullLabel, Buffer.of(0)]);
  return hkdfExpand(hash, secret, info, length);
}

/**
 * The handshake messages inside the records of one direction, read from the first encrypted record
 * on (`records`: the raw bytes the peer sent, plaintext records included — they are skipped).
 * `secret` is that direction's handshake traffic secret; reading stops at the Finished message,
 * after which the application keys take over. Returns undefined for a suite not listed here.
 */
export function openHandshakeRecords(records: Uint8Array, suite: string, secret: Uint8Array, peer: string): HandshakeMessage[] | undefined {
  const spec = SUITES[suite];
  if (!spec) return undefined;
  const key = expandLabel(spec.hash, secret, "key", spec.keyLength);
  const iv = expandLabel(spec.hash, secret, "iv", 12);
  const inner = new HandshakeStream(peer);
  const messages: HandshakeMessage[] = [];
  let sequence = 0n;
  let at = 0;
  while (at + 5 <= records.length) {
    const type = records[at]!;
    const length = (records[at + 3]! << 8) | records[at + 4]!;
    const header = records.subarray(at, at + 5);
    const fragment = records.subarray(at + 5, at + 5 + length);
    at += 5 + length;
    if (fragment.length < length) break;
    if (type !== 23) continue; // ServerHello, the compatibility ChangeCipherSpec (RFC 8446 §D.4)
    if (length < TAG_LENGTH + 1) throw new TlsWireError(`${peer}: an encrypted TLS 1.3 record of ${length} bytes is too short for its tag`);
    const nonce = Buffer.from(iv);
    for (let i = 0; i < 8; i++) nonce[11 - i]! ^= Number((sequence >> BigInt(8 * i)) & 0xffn);
    sequence++;
    let plaintext: Buffer;
    try {
      // ChaCha20-Poly1305 takes the same AEAD calls; the cast only picks the overload with authTagLength.
      const decipher = createDecipheriv(spec.cipher as CipherGCMTypes, key, nonce, { authTagLength: TAG_LENGTH });
      decipher.setAAD(header);
      decipher.setAuthTag(fragment.subarray(length - TAG_LENGTH));
      plaintext = Buffer.concat([decipher.update(fragment.subarray(0, length - TAG_LENGTH)), decipher.final()]);
    } catch {
      throw new TlsWireError(`${peer}: a TLS 1.3 handshake record does not decrypt with the logged handshake secret`);
    }
    let end = plaintext.length;
    while (end > 0 && plaintext[end - 1] === 0) end--;
    if (end === 0) throw new TlsWireError(`${peer}: a TLS 1.3 record holds only padding`);
    const contentType = plaintext[end - 1]!;
    if (contentType !== 22) break; // an alert or application data: the handshake is over
    // Re-frame the content as a plaintext record, so one splitter reassembles messages across records.
    const content = plaintext.subarray(0, end - 1);
    for (let offset = 0; offset < content.length; offset += 16384) {
      const piece = content.subarray(offset, offset + 16384);
      for (const event of inner.push(Uint8Array.from([22, 3, 3, piece.length >> 8, piece.length & 0xff, ...piece]))) {
        if (event.kind !== "handshake") continue;
        messages.push(event.message);
        if (event.message.type === 20) return messages; // Finished
      }
    }
  }
  return messages;
}

/** The secret of an NSS key-log line ("SERVER_HANDSHAKE_TRAFFIC_SECRET <client random> <secret>"), by label. */
export function keylogSecret(lines: readonly string[], label: "SERVER_HANDSHAKE_TRAFFIC_SECRET" | "CLIENT_HANDSHAKE_TRAFFIC_SECRET"): Uint8Array | undefined {
  for (const line of lines) {
    const [name, , secret] = line.trim().split(" ");
    if (name === label && secret && /^[0-9a-f]+$/i.test(secret)) return Buffer.from(secret, "hex");
  }
  return undefined;
}
