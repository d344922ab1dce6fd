/**
 * A ClientHello as Wireshark shows it decoded: the "Packet Details" pane copied as text, or
 * `tshark -V` output — with its indentation, or flattened as it often is once pasted into a blog
 * or a ticket (seed 001: fixtures/logs/seed-001-exchange-client-hello.txt). No bytes are needed:
 * each list entry carries its code point in parentheses, which is what is read:
 *
 *   Handshake Type: Client Hello (1)
 *   Version: TLS 1.2 (0x0303)
 *   Cipher Suite: TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 (0xc02c)
 *   Extension: supported_groups (len=4)
 *   Type: supported_groups (10)
 *   Supported Group: secp256r1 (0x0017)
 *   Signature Algorithm: ecdsa_secp256r1_sha256 (0x0403)
 *   Supported Version: TLS 1.3 (0x0304)
 *   Key Share Entry: Group: x25519, Key Exchange length: 32
 *       Group: x25519 (29)
 *   Server Name: mail.example.test
 *   ALPN Next Protocol: h2
 *
 * Field labels are Wireshark's (epan/dissectors/packet-tls-utils.c hf_tls_handshake_cipher_suite
 * "Cipher Suite", hf_tls_handshake_extension_type "Type", hf_tls_handshake_extensions_supported_group
 * "Supported Group", hf_tls_handshake_sig_hash_alg "Signature Algorithm",
 * hf_tls_handshake_extensions_supported_version "Supported Version", hf_tls_handshake_extension_server_name
 * "Server Name", hf_tls_handshake_extensions_alpn_str "ALPN Next Protocol", key_share group "Group"),
 * as in Wireshark 3.x and 4.x. Names are re-derived from the code points (the IANA names pkilab
 * uses everywhere), never taken from the text, so an older Wireshark's wording does not matter.
 */
import { InputError } from "../../io/input-error.js";
import { cipherSuiteName, extensionName, groupName, POINT_FORMATS, signatureSchemeName, versionName } from "../../knowledge/tls-registry.js";
import type { ClientHello } from "./client-hello.js";

/** The line that says the text is a decoded ClientHello (matched one line at a time: no backtracking across lines). */
const CLIENT_HELLO_LINE = "Handshake Type: Client Hello (1)";
/** Where the ClientHello's own fields end: the next handshake message or record. */
const NEXT_MESSAGE = /^\s*(?:Handshake Type:|TLSv1(?:\.[0-3])? Record Layer:|SSLv3 Record Layer:|Secure Sockets Layer$|Transport Layer Security$)/;

const CODE = /\((0x[0-9A-Fa-f]{1,4}|\d{1,5})\)\s*$/;

/** Whether `text` may hold a ClientHello decoded by Wireshark (rather than its bytes): a cheap test before splitting it. */
export function mayBeWiresharkClientHello(text: string): boolean {
  return text.includes(CLIENT_HELLO_LINE);
}

/** The index of the line that opens a decoded ClientHello, or -1. */
export function wiresharkClientHelloStart(lines: readonly string[]): number {
  return lines.findIndex((l) => l.trim() === CLIENT_HELLO_LINE);
}

/** The number in a "(0x0017)" or "(10)" at the end of a line. */
function codeOf(line: string): number | undefined {
  const m = CODE.exec(line);
  if (!m) return undefined;
  const value = Number(m[1]);
  return Number.isInteger(value) && value >= 0 && value <= 0xffff ? value : undefined;
}

/**
 * Reads the decoded ClientHello that starts at line `start` of `lines` (wiresharkClientHelloStart();
 * callers bound their size and count: CLIENT_HELLO_LIMITS).
 * Throws InputError naming `source` when the hello lists no cipher suite (a copy cut short, or the
 * suites collapsed in the tree): nothing can be judged without them.
 */
export function parseWiresharkClientHello(lines: readonly string[], start: number, source: string): ClientHello {
  const hello: ClientHello = { legacyVersion: "", supportedVersions: [], cipherSuites: [], groups: [], signatureAlgorithms: [], pointFormats: [], keyShareGroups: [], extensions: [] };
  // The extension the following lines belong to (its type code), from "Type: name (N)".
  let extension: number | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (NEXT_MESSAGE.test(line)) break;
    const [label, value = ""] = splitLabel(line);
    switch (label) {
      case "Version":
        // The body's legacy_version (the record's own Version came before the handshake header).
        if (!hello.legacyVersion) {
          const code = codeOf(line);
          if (code !== undefined) hello.legacyVersion = versionName(code);
        }
        break;
      case "Cipher Suite": {
        const code = codeOf(line);
        if (code !== undefined) hello.cipherSuites.push({ id: code, name: cipherSuiteName(code) });
        break;
      }
      case "Type": {
        const code = codeOf(line);
        if (code === undefined) break;
        extension = code;
        hello.extensions.push({ id: code, name: extensionName(code), length: 0 });
        break;
      }
      case "Length": {
        // The extension's data length follows its Type line.
        const last = hello.extensions[hello.extensions.length - 1];
        const n = Number(value);
        if (last && last.id === extension && last.length === 0 && Number.isInteger(n) && n >= 0 && n <= 0xffff) last.length = n;
        break;
      }
      case "Supported Group": {
        const code = codeOf(line);
        if (code !== undefined) hello.groups.push({ id: code, name: groupName(code) });
        break;
      }
      case "Signature Algorithm": {
        const code = codeOf(line);
        if (code === undefined) break;
        const entry = { id: code, name: signatureSchemeName(code) };
        // signature_algorithms_cert (50) lists the same field; everything else is signature_algorithms.
        if (extension === 50) (hello.signatureAlgorithmsCert ??= []).push(entry);
        else hello.signatureAlgorithms.push(entry);
        break;
      }
      case "Supported Version": {
        const code = codeOf(line);
        if (code !== undefined) hello.supportedVersions.push(versionName(code));
        break;
      }
      case "EC point format": {
        const code = codeOf(line);
        if (code !== undefined) hello.pointFormats.push(POINT_FORMATS[code] ?? `0x${code.toString(16).padStart(2, "0")}`);
        break;
      }
      case "Group": {
        // Under each "Key Share Entry" of key_share (51): "Group: x25519 (29)".
        const code = codeOf(line);
        if (extension === 51 && code !== undefined) hello.keyShareGroups.push(groupName(code));
        break;
      }
      case "Server Name":
        if (hello.serverName === undefined && extension === 0 && value) hello.serverName = value;
        break;
      case "ALPN Next Protocol":
        if (value) (hello.alpn ??= []).push(value);
        break;
    }
  }
  if (!hello.legacyVersion) hello.legacyVersion = "unknown";
  if (hello.cipherSuites.length === 0) {
    throw new InputError(
      `${source}: a ClientHello decoded by Wireshark, but it lists no "Cipher Suite:" line: expand Cipher Suites (and the extensions) in the packet details before copying them, or give tshark -V output`,
    );
  }
  return hello;
}

/** "Cipher Suite: X (0xc02c)" → ["Cipher Suite", "X (0xc02c)"]. */
function splitLabel(line: string): [string, string?] {
  const colon = line.indexOf(": ");
  return colon < 0 ? [line] : [line.slice(0, colon), line.slice(colon + 2).trim()];
}
