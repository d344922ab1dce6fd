import { children, content, expectChildren, type DerNode } from "../asn1/der-reader.js";
import { parseName, type DistinguishedName } from "./name.js";

/** A GeneralName (RFC 5280 4.2.1.6) as pkilab uses it. */
export type GeneralName =
  | { type: "dns"; value: string }
  | { type: "ip"; value: string; bytes: Uint8Array }
  | { type: "email"; value: string }
  | { type: "uri"; value: string }
  | { type: "dn"; value: string; name: DistinguishedName }
  /** otherName [0], x400Address [3], ediPartyName [5], registeredID [8]: names pkilab cannot match. */
  | { type: "other"; value: string; form: string };

const OTHER_FORMS: Record<number, string> = { 0: "otherName", 3: "x400Address", 5: "ediPartyName", 8: "registeredID" };

const ascii = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

export function parseGeneralName(buf: Uint8Array, node: DerNode, ipWithMask = false): GeneralName {
  const bytes = content(buf, node);
  switch (node.tag) {
    case 0x81:
      return { type: "email", value: ascii(bytes) };
    case 0x82:
      return { type: "dns", value: ascii(bytes) };
    case 0x86:
      return { type: "uri", value: ascii(bytes) };
    case 0x87:
      return { type: "ip", value: ipWithMask ? ipMaskText(bytes) : ipText(bytes), bytes };
    case 0xa4: {
      const [inner] = expectChildren(buf, node, 0xa4, "directoryName [4]", ["Name"]);
      const name = parseName(buf, inner, "directoryName");
      return { type: "dn", value: name.text, name };
    }
    default: {
      const form = OTHER_FORMS[node.tag & 0x1f] ?? `[${node.tag & 0x1f}]`;
      return { type: "other", value: form, form };
    }
  }
}

export function parseGeneralNames(buf: Uint8Array, node: DerNode, what = "GeneralNames"): GeneralName[] {
  return children(buf, node, what).map((child) => parseGeneralName(buf, child));
}

/** "192.168.0.254", "2001:db8::5" (RFC 5952 short form), or hex for odd lengths. */
export function ipText(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join(".");
  if (bytes.length === 16) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(view.getUint16(i).toString(16));
    // Shorten the longest run of zero groups (length >= 2) to "::".
    let best = { start: -1, length: 0 };
    for (let i = 0; i < 8; ) {
      if (groups[i] !== "0") {
        i++;
        continue;
      }
      let j = i;
      while (j < 8 && groups[j] === "0") j++;
      if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
      i = j;
    }
    if (best.start < 0) return groups.join(":");
    return `${groups.slice(0, best.start).join(":")}::${groups.slice(best.start + best.length).join(":")}`;
  }
  return `#${Buffer.from(bytes).toString("hex")}`;
}

/** Name-constraint form: address and mask ("10.0.0.0/255.0.0.0"). */
function ipMaskText(bytes: Uint8Array): string {
  const half = bytes.length / 2;
  if (bytes.length !== 8 && bytes.length !== 32) return `#${Buffer.from(bytes).toString("hex")}`;
  return `${ipText(bytes.subarray(0, half))}/${ipText(bytes.subarray(half))}`;
}

/** The 4 or 16 octets of an IP literal, or undefined if it is not one. */
export function ipBytesOf(text: string): Uint8Array | undefined {
  const bare = text.replace(/^\[(.*)\]$/, "$1");
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bare)) {
    const parts = bare.split(".").map(Number);
    return parts.every((p) => p <= 255) ? Uint8Array.from(parts) : undefined;
  }
  if (!bare.includes(":")) return undefined;
  let canonical: string;
  try {
    canonical = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
  const [head, tail] = canonical.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  if (groups.length !== 8) return undefined;
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    const value = parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  return bytes;
}
