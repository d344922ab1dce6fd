// Wireshark's packet details as Wireshark itself lays them out (an indented tree), made from the
// flattened text of seed 001 (fixtures/logs/seed-001-exchange-client-hello.txt, indentation lost
// when it was pasted into a blog): the same fields, so both layouts must decode to one hello.
const TOP = /^(Secure Sockets Layer|Transport Layer Security)$/;
const RECORD = /^TLSv1(\.[0-3])? Record Layer:/;
const MESSAGE = /^(Handshake Protocol|Alert Message)/;
const EXTENSION = /^Extension: /;

export function indentedDetails(flat: Uint8Array | string): string {
  const text = typeof flat === "string" ? flat : Buffer.from(flat).toString("utf8");
  let depth = 0;
  return text
    .split("\n")
    .map((line) => {
      if (TOP.test(line)) depth = 0;
      else if (RECORD.test(line)) depth = 1;
      else if (MESSAGE.test(line)) depth = 2;
      else if (EXTENSION.test(line)) depth = 3;
      const inside = TOP.test(line) ? 0 : RECORD.test(line) ? 1 : MESSAGE.test(line) ? 2 : EXTENSION.test(line) ? 3 : depth + 1;
      return line === "" ? line : `${"    ".repeat(inside)}${line}`;
    })
    .join("\n");
}
