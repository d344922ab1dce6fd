// Chain variants for the differential test of `pkilab verify` against `openssl verify`.
//
// Everything is built at test time in a temporary folder, with the openssl CLI (`openssl ca`, the
// only 3.0 command that can set an explicit notBefore: `x509 -req` cannot, and `req -x509
// -not_before` arrived in 3.4) and with `pkilab init` for a few labs. Keys are EC except three RSA
// keys (an RSA root, an RSA leaf, an RSA-1024 leaf), so the whole set takes a few seconds.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runCli } from "./cli.js";
import { CA_EXT, DAY, ISSUED_CA_EXT, leafExt, Mint, YEAR, type CertSpec, type Issued, type KeySpec } from "./openssl-mint.js";

export interface ChainVariant {
  name: string;
  /** The certificate to verify (pkilab verify LEAF). */
  leaf: string;
  /** Untrusted intermediates, one `--chain` per file. */
  chain: string[];
  /** Trust anchors, one `--ca` per file. */
  ca: string[];
  purpose?: "client" | "server";
  /** A DNS name: pkilab --host, openssl -verify_hostname. */
  host?: string;
  /** An IP address: pkilab --host, openssl -verify_ip. */
  ip?: string;
  /** ISO 8601 verification time: pkilab --at, openssl -attime. */
  at?: string;
  verifyDepth?: number;
  /** pkilab --legacy-cn: match a host against the CN when there is no DNS SAN, as OpenSSL does. */
  legacyCn?: boolean;
  /** The exact `openssl verify` arguments (without "verify"). */
  openssl: { args: string[] };
  /** What the variant exercises and what OpenSSL is expected to say. */
  note?: string;
}

interface VariantInput extends Omit<ChainVariant, "openssl" | "chain" | "at"> {
  chain?: string[];
  /** Verification time as an offset from now, in ms. */
  atOffset?: number;
}

export function makeChainVariants(dir: string): ChainVariant[] {
  const now = Math.floor(Date.now() / 1000) * 1000;
  const mint = new Mint(dir, now);
  const bundles = path.join(dir, "bundles");
  mkdirSync(bundles, { recursive: true });
  const bundle = (name: string, files: string[]): string => {
    const file = path.join(bundles, `${name}.pem`);
    writeFileSync(file, files.map((f) => readFileSync(f, "utf8")).join(""));
    return file;
  };

  const variants: ChainVariant[] = [];
  const add = (input: VariantInput): void => {
    const { atOffset, ...rest } = input;
    const chain = input.chain ?? [];
    const at = atOffset === undefined ? undefined : new Date(now + atOffset).toISOString();
    // -CAfile takes one file (a repeated -CAfile replaces the previous one): several anchors go in a bundle.
    // -untrusted may be repeated. -no-CApath/-no-CAstore keep the system store out, as pkilab trusts only --ca.
    const caFile = input.ca.length === 1 ? input.ca[0]! : bundle(`${input.name}.ca`, input.ca);
    const args = ["-no-CApath", "-no-CAstore", "-CAfile", caFile, ...chain.flatMap((c) => ["-untrusted", c])];
    if (input.purpose) args.push("-purpose", input.purpose === "client" ? "sslclient" : "sslserver");
    if (input.host !== undefined) args.push("-verify_hostname", input.host);
    if (input.ip !== undefined) args.push("-verify_ip", input.ip);
    if (at !== undefined) args.push("-attime", String(Math.floor(Date.parse(at) / 1000)));
    if (input.verifyDepth !== undefined) args.push("-verify_depth", String(input.verifyDepth));
    args.push(input.leaf);
    if (variants.some((v) => v.name === input.name)) throw new Error(`duplicate variant ${input.name}`);
    variants.push({ ...rest, chain, ...(at === undefined ? {} : { at }), openssl: { args } });
  };

  // The main hierarchy: root -> int1 -> int2 -> int3, valid from 5 years ago so that --at in the past works.
  const ca = (name: string, cn: string, issuer: Issued | undefined, options: Partial<CertSpec> = {}): Issued =>
    mint.issue({ name, cn, key: "p256", issuer, ext: issuer ? ISSUED_CA_EXT : CA_EXT, from: -5 * YEAR, to: 10 * YEAR, ...options });
  const leaf = (name: string, issuer: Issued, ext: string[], options: Partial<CertSpec> = {}): Issued => {
    const key = options.key ?? "p256";
    return mint.issue({ name, cn: `${name}.example.test`, key, keyLabel: `leaf-${key}`, issuer, ext, from: -DAY, to: YEAR, ...options });
  };
  const server = (san = "DNS:a.example.test") => leafExt({ eku: "serverAuth", san });
  const client = () => leafExt({ eku: "clientAuth" });

  const root = ca("root", "Test Root CA", undefined);
  const int1 = ca("int1", "Test Intermediate 1", root);
  const int2 = ca("int2", "Test Intermediate 2", int1);
  const int3 = ca("int3", "Test Intermediate 3", int2);
  const leaf0 = leaf("leaf0", root, server());
  const leaf1 = leaf("leaf1", int1, server());
  const leaf2 = leaf("leaf2", int2, server());
  const leaf3 = leaf("leaf3", int3, server());
  const chain2 = bundle("int2-int1", [int2.cert, int1.cert]);
  const chain3 = bundle("int3-int2-int1", [int3.cert, int2.cert, int1.cert]);

  // Depth and chain assembly.
  add({ name: "valid-depth0", leaf: leaf0.cert, ca: [root.cert], purpose: "server", note: "leaf issued by the root" });
  add({ name: "valid-depth1", leaf: leaf1.cert, chain: [int1.cert], ca: [root.cert], purpose: "server" });
  add({ name: "valid-depth2", leaf: leaf2.cert, chain: [chain2], ca: [root.cert], purpose: "server" });
  add({ name: "valid-depth3", leaf: leaf3.cert, chain: [chain3], ca: [root.cert], purpose: "server" });
  add({ name: "valid-depth1-no-purpose", leaf: leaf1.cert, chain: [int1.cert], ca: [root.cert] });
  add({
    name: "shuffled-bundle-with-leaf", leaf: leaf3.cert, ca: [root.cert],
    chain: [bundle("shuffled", [int1.cert, leaf3.cert, int3.cert, int2.cert])],
    note: "one --chain bundle holding the leaf and the intermediates in the wrong order",
  });
  add({
    name: "intermediates-as-separate-files-any-order", leaf: leaf3.cert, ca: [root.cert],
    chain: [int1.cert, int3.cert, int2.cert],
  });
  add({ name: "missing-middle-intermediate", leaf: leaf2.cert, chain: [int2.cert], ca: [root.cert], note: "int1 absent: error 20 at depth 1" });
  add({ name: "missing-all-intermediates", leaf: leaf1.cert, ca: [root.cert], note: "error 20 at depth 0" });
  add({
    name: "intermediate-only-in-ca-file", leaf: leaf1.cert, ca: [root.cert, int1.cert],
    note: "int1 given only as a second --ca next to the root: the chain still ends at the self-signed root",
  });
  add({
    name: "intermediate-as-only-anchor", leaf: leaf1.cert, ca: [int1.cert],
    note: "no partial chains: a non-self-signed anchor alone fails (error 2)",
  });
  add({
    name: "root-in-chain-not-trusted", leaf: leaf1.cert, chain: [bundle("int1-root", [int1.cert, root.cert])], ca: [int2.cert],
    note: "the root arrives only as untrusted: error 19 (self-signed certificate in chain)",
  });
  add({ name: "root-also-in-chain", leaf: leaf1.cert, chain: [bundle("int1-root-2", [int1.cert, root.cert])], ca: [root.cert] });

  // Validity periods.
  const expiredLeaf = leaf("expired-leaf", int1, server(), { from: -2 * YEAR, to: -DAY });
  const futureLeaf = leaf("future-leaf", int1, server(), { from: YEAR, to: 2 * YEAR });
  const expiredInt = ca("int-expired", "Expired Intermediate", root, { from: -3 * YEAR, to: -YEAR });
  const underExpiredInt = leaf("under-expired-int", expiredInt, server(), { from: -3 * YEAR, to: YEAR });
  const futureInt = ca("int-future", "Future Intermediate", root, { from: YEAR, to: 5 * YEAR });
  const underFutureInt = leaf("under-future-int", futureInt, server(), { from: -DAY, to: 6 * YEAR });
  const expiredRoot = ca("root-expired", "Expired Root CA", undefined, { from: -10 * YEAR, to: -DAY });
  const underExpiredRoot = leaf("under-expired-root", expiredRoot, server(), { from: -2 * YEAR, to: YEAR });
  add({ name: "expired-leaf", leaf: expiredLeaf.cert, chain: [int1.cert], ca: [root.cert], note: "error 10 at depth 0" });
  add({ name: "expired-intermediate", leaf: underExpiredInt.cert, chain: [expiredInt.cert], ca: [root.cert], note: "error 10 at depth 1" });
  add({ name: "expired-root", leaf: underExpiredRoot.cert, ca: [expiredRoot.cert], note: "OpenSSL checks the anchor's dates too: error 10 at depth 1" });
  add({ name: "not-yet-valid-leaf", leaf: futureLeaf.cert, chain: [int1.cert], ca: [root.cert], note: "error 9 at depth 0" });
  add({ name: "not-yet-valid-intermediate", leaf: underFutureInt.cert, chain: [futureInt.cert], ca: [root.cert], note: "error 9 at depth 1" });
  add({ name: "at-before-everything", leaf: leaf1.cert, chain: [int1.cert], ca: [root.cert], atOffset: -6 * YEAR, note: "valid chain, --at before every notBefore: error 9" });
  add({ name: "at-before-leaf-only", leaf: leaf1.cert, chain: [int1.cert], ca: [root.cert], atOffset: -2 * DAY, note: "only the leaf is not yet valid then" });
  add({ name: "at-after-leaf-expiry", leaf: leaf1.cert, chain: [int1.cert], ca: [root.cert], atOffset: 2 * YEAR, note: "error 10" });
  add({ name: "at-within-expired-leaf", leaf: expiredLeaf.cert, chain: [int1.cert], ca: [root.cert], atOffset: -YEAR, note: "expired now, valid a year ago" });
  add({ name: "at-within-future-leaf", leaf: futureLeaf.cert, chain: [int1.cert], ca: [root.cert], atOffset: 1.5 * YEAR });
  add({ name: "at-within-expired-intermediate", leaf: underExpiredInt.cert, chain: [expiredInt.cert], ca: [root.cert], atOffset: -2 * YEAR });
  add({ name: "at-within-future-intermediate", leaf: underFutureInt.cert, chain: [futureInt.cert], ca: [root.cert], atOffset: 2 * YEAR });

  // Purposes: extendedKeyUsage and keyUsage of the leaf and of the CAs.
  const ekuLeaf = (name: string, eku?: string) => leaf(name, int1, leafExt({ eku, san: "DNS:a.example.test" }));
  const serverOnly = ekuLeaf("eku-server", "serverAuth");
  const clientOnly = ekuLeaf("eku-client", "clientAuth");
  const noEku = ekuLeaf("eku-none");
  const bothEku = ekuLeaf("eku-both", "serverAuth, clientAuth");
  const anyEku = ekuLeaf("eku-any", "anyExtendedKeyUsage");
  const kuEncipherOnly = leaf("ku-keyencipherment", int1, leafExt({ ku: "keyEncipherment", san: "DNS:a.example.test" }));
  const purposeCases: Array<[string, Issued, "client" | "server", string?]> = [
    ["eku-server-purpose-server", serverOnly, "server"],
    ["eku-server-purpose-client", serverOnly, "client", "error 26"],
    ["eku-client-purpose-client", clientOnly, "client"],
    ["eku-client-purpose-server", clientOnly, "server", "error 26"],
    ["eku-none-purpose-client", noEku, "client"],
    ["eku-none-purpose-server", noEku, "server"],
    ["eku-both-purpose-client", bothEku, "client"],
    ["eku-both-purpose-server", bothEku, "server"],
    ["eku-any-only-purpose-client", anyEku, "client", "OpenSSL does not let anyExtendedKeyUsage stand for clientAuth: error 26"],
    ["eku-any-only-purpose-server", anyEku, "server", "nor for serverAuth: error 26"],
    ["ec-ku-keyencipherment-purpose-client", kuEncipherOnly, "client", "OpenSSL's sslclient wants digitalSignature or keyAgreement"],
    ["ec-ku-keyencipherment-purpose-server", kuEncipherOnly, "server", "OpenSSL's sslserver accepts keyEncipherment even on an EC key"],
  ];
  for (const [name, cert, purpose, note] of purposeCases) {
    add({ name, leaf: cert.cert, chain: [int1.cert], ca: [root.cert], purpose, note });
  }
  const serverEkuInt = ca("int-eku-server", "ServerAuth-only Intermediate", root, { ext: [...ISSUED_CA_EXT, "extendedKeyUsage = serverAuth"] });
  add({
    name: "int-eku-server-client-leaf-purpose-client", leaf: leaf("client-under-server-int", serverEkuInt, client()).cert,
    chain: [serverEkuInt.cert], ca: [root.cert], purpose: "client", note: "OpenSSL checks EKU on CAs too: error 26 at depth 1",
  });
  add({
    name: "int-eku-server-server-leaf-purpose-server", leaf: leaf("server-under-server-int", serverEkuInt, server()).cert,
    chain: [serverEkuInt.cert], ca: [root.cert], purpose: "server",
  });

  // CA constraints.
  const caCase = (name: string, ext: string[], note: string): void => {
    const intermediate = ca(`int-${name}`, `Intermediate ${name}`, root, { ext });
    add({ name, leaf: leaf(`under-${name}`, intermediate, server()).cert, chain: [intermediate.cert], ca: [root.cert], purpose: "server", note });
  };
  caCase("int-no-basic-constraints", ["keyUsage = critical, keyCertSign, cRLSign", "subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid"], "error 79 (X509_V_ERR_INVALID_CA is 79 in OpenSSL 3; 24 is now NO_ISSUER_PUBLIC_KEY)");
  caCase("int-ca-false", ["basicConstraints = critical, CA:FALSE", "keyUsage = critical, keyCertSign, cRLSign", "subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid"], "error 79");
  caCase("int-no-keycertsign", ["basicConstraints = critical, CA:TRUE", "keyUsage = critical, digitalSignature, cRLSign", "subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid"], "keyUsage without keyCertSign: error 79 from the CA check, before the signature check could say 32 (KEYUSAGE_NO_CERTSIGN)");
  caCase("int-no-keyusage", ["basicConstraints = critical, CA:TRUE", "subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid"], "no keyUsage at all is allowed (RFC 5280 says MUST, OpenSSL does not enforce outside -x509_strict)");

  const pathLen = (n: number) => ["basicConstraints = critical, CA:TRUE, pathlen:" + n, ...ISSUED_CA_EXT.slice(1)];
  const pl0 = ca("int-pathlen0", "Pathlen0 Intermediate", root, { ext: pathLen(0) });
  const belowPl0 = ca("int-below-pathlen0", "Below Pathlen0 Intermediate", pl0);
  add({
    name: "pathlen0-int-with-int-below", leaf: leaf("under-below-pathlen0", belowPl0, server()).cert,
    chain: [bundle("below-pl0", [belowPl0.cert, pl0.cert])], ca: [root.cert], note: "error 25",
  });
  add({ name: "pathlen0-int-issuing-leaf", leaf: leaf("under-pathlen0", pl0, server()).cert, chain: [pl0.cert], ca: [root.cert] });
  const pl1 = ca("int-pathlen1", "Pathlen1 Intermediate", root, { ext: pathLen(1) });
  const belowPl1 = ca("int-below-pathlen1", "Below Pathlen1 Intermediate", pl1);
  add({
    name: "pathlen1-int-with-int-below", leaf: leaf("under-below-pathlen1", belowPl1, server()).cert,
    chain: [bundle("below-pl1", [belowPl1.cert, pl1.cert])], ca: [root.cert],
  });
  const rootPl0 = ca("root-pathlen0", "Pathlen0 Root CA", undefined, { ext: ["basicConstraints = critical, CA:TRUE, pathlen:0", ...CA_EXT.slice(1)] });
  const intUnderRootPl0 = ca("int-under-root-pathlen0", "Intermediate under Pathlen0 Root", rootPl0);
  add({
    name: "root-pathlen0-with-one-int", leaf: leaf("under-int-under-root-pathlen0", intUnderRootPl0, server()).cert,
    chain: [intUnderRootPl0.cert], ca: [rootPl0.cert], note: "OpenSSL enforces the anchor's pathlen: error 25",
  });
  add({ name: "root-pathlen0-direct-leaf", leaf: leaf("under-root-pathlen0", rootPl0, server()).cert, ca: [rootPl0.cert] });
  const rootNoBc = ca("root-no-bc", "Root without basicConstraints", undefined, { ext: ["keyUsage = critical, keyCertSign, cRLSign", "subjectKeyIdentifier = hash"] });
  add({
    name: "root-no-basic-constraints", leaf: leaf("under-root-no-bc", rootNoBc, server()).cert, ca: [rootNoBc.cert],
    note: "a trust anchor without basicConstraints (OpenSSL tolerates it outside -x509_strict)",
  });

  // Signatures and trust.
  const impostor = ca("impostor", "Test Intermediate 1", undefined);
  add({
    name: "wrong-issuer-signature", leaf: leaf("by-impostor", impostor, leafExt({ eku: "serverAuth", san: "DNS:a.example.test", aki: false })).cert,
    chain: [int1.cert], ca: [root.cert], note: "signed by another key under int1's name, no AKI: error 7",
  });
  add({
    name: "wrong-issuer-with-aki", leaf: leaf("by-impostor-aki", impostor, server()).cert,
    chain: [int1.cert], ca: [root.cert], note: "the AKI names the impostor's key, so int1 is not even a candidate issuer: error 20, not 7",
  });
  const otherRoot = ca("other-root", "Other Root CA", undefined);
  const byOther = leaf("by-other-root", otherRoot, server());
  add({ name: "issuer-not-trusted", leaf: byOther.cert, ca: [root.cert], note: "error 20" });
  add({ name: "issuer-only-in-chain", leaf: byOther.cert, chain: [otherRoot.cert], ca: [root.cert], note: "error 19" });
  add({ name: "two-anchors-second-matches", leaf: byOther.cert, ca: [root.cert, otherRoot.cert] });
  const selfSigned = mint.issue({ name: "self-signed-leaf", cn: "self.example.test", key: "p256", ext: leafExt({ eku: "serverAuth", san: "DNS:self.example.test", aki: false }), from: -DAY, to: YEAR });
  add({ name: "self-signed-leaf", leaf: selfSigned.cert, ca: [root.cert], note: "error 18" });
  add({ name: "self-signed-leaf-trusted", leaf: selfSigned.cert, ca: [selfSigned.cert], purpose: "server", note: "a CA:FALSE self-signed leaf that is itself the anchor" });

  // Names.
  const wildcard = leaf("wildcard", int1, server("DNS:*.example.test"));
  const ipLeaf = leaf("ip", int1, server("IP:10.0.0.5, IP:2001:db8::5"));
  const ipAsDns = leaf("ip-as-dns", int1, server("DNS:10.0.0.7"));
  const cnOnly = leaf("cn-only", int1, leafExt({ eku: "serverAuth" }), { cn: "cn.example.test" });
  const cnIpOnly = leaf("cn-ip-only", int1, leafExt({ eku: "serverAuth" }), { cn: "10.0.0.9" });
  const cnAndSan = leaf("cn-and-san", int1, server(), { cn: "cn.example.test" });
  const nameCases: Array<[string, Issued, { host?: string; ip?: string; legacyCn?: boolean }, string?]> = [
    ["host-match", leaf1, { host: "a.example.test" }],
    ["host-match-case-insensitive", leaf1, { host: "A.Example.TEST" }],
    ["host-mismatch", leaf1, { host: "b.example.test" }, "error 62"],
    ["wildcard-one-label", wildcard, { host: "a.example.test" }],
    ["wildcard-two-labels", wildcard, { host: "a.b.example.test" }, "a wildcard covers one label only"],
    ["wildcard-apex", wildcard, { host: "example.test" }, "a wildcard does not cover the bare domain"],
    ["ipv4-match", ipLeaf, { ip: "10.0.0.5" }],
    ["ipv4-mismatch", ipLeaf, { ip: "10.0.0.6" }, "error 64"],
    ["ipv6-match", ipLeaf, { ip: "2001:db8::5" }],
    ["ipv6-match-long-form", ipLeaf, { ip: "2001:0db8:0:0:0:0:0:5" }],
    ["ipv6-mismatch", ipLeaf, { ip: "2001:db8::6" }, "error 64"],
    ["ip-only-as-dns-san", ipAsDns, { ip: "10.0.0.7" }, "an IP written as dNSName does not match an IP: error 64"],
    ["cn-only-host-match", cnOnly, { host: "cn.example.test" }, "no SAN: OpenSSL 3 falls back to the CN"],
    ["cn-only-host-match-legacy-cn", cnOnly, { host: "cn.example.test", legacyCn: true }, "pkilab --legacy-cn: the CN fallback OpenSSL does by default"],
    ["cn-only-host-mismatch", cnOnly, { host: "other.example.test" }],
    ["cn-only-ip", cnIpOnly, { ip: "10.0.0.9" }, "X509_check_ip never looks at the CN"],
    ["cn-ignored-when-dns-san", cnAndSan, { host: "cn.example.test" }, "a DNS SAN present: the CN is not consulted"],
  ];
  for (const [name, cert, target, note] of nameCases) {
    add({ name, leaf: cert.cert, chain: [int1.cert], ca: [root.cert], purpose: "server", ...target, note });
  }

  // Algorithms.
  const rsaRoot = ca("rsa-root", "RSA Root CA", undefined, { key: "rsa2048" });
  const ecUnderRsa = ca("p384-int-under-rsa", "P-384 Intermediate", rsaRoot, { key: "p384" });
  const rsaLeaf = leaf("rsa-leaf", ecUnderRsa, leafExt({ eku: "serverAuth", san: "DNS:a.example.test", ku: "digitalSignature, keyEncipherment" }), { key: "rsa2048" });
  add({ name: "rsa-root-ec-int-rsa-leaf", leaf: rsaLeaf.cert, chain: [ecUnderRsa.cert], ca: [rsaRoot.cert], purpose: "server", host: "a.example.test" });
  const p521Root = ca("p521-root", "P-521 Root CA", undefined, { key: "p521" });
  const p521Int = ca("p521-int", "P-521 Intermediate", p521Root, { key: "p521" });
  const p521Leaf = leaf("p521-leaf", p521Int, client(), { key: "p521" });
  add({ name: "p521-throughout", leaf: p521Leaf.cert, chain: [p521Int.cert], ca: [p521Root.cert], purpose: "client" });
  const pss = leaf("rsa-pss-signed", rsaRoot, server(), { sigopt: ["rsa_padding_mode:pss", "rsa_pss_saltlen:digest"] });
  add({ name: "rsa-pss-signed-leaf", leaf: pss.cert, ca: [rsaRoot.cert], purpose: "server" });
  const sha1 = leaf("sha1-signed", rsaRoot, server(), { md: "sha1" });
  add({ name: "sha1-signed-leaf", leaf: sha1.cert, ca: [rsaRoot.cert], purpose: "server", note: "passes: openssl verify's default auth_level is -1 (no security-level checks); -auth_level 1 gives error 68" });
  const rsa1024 = leaf("rsa1024-leaf", int1, server(), { key: "rsa1024" });
  add({ name: "rsa1024-leaf-key", leaf: rsa1024.cert, chain: [int1.cert], ca: [root.cert], purpose: "server", note: "passes: no key-size check by default, and 1024 bits (80-bit strength) still passes -auth_level 1; level 2 (Debian's TLS default) would refuse it" });

  // --verify-depth (OpenSSL: the number of intermediates allowed).
  add({ name: "depth-limit-0-direct-leaf", leaf: leaf0.cert, ca: [root.cert], verifyDepth: 0 });
  add({ name: "depth-limit-0-one-int", leaf: leaf1.cert, chain: [int1.cert], ca: [root.cert], verifyDepth: 0, note: "error 22" });
  add({ name: "depth-limit-1-two-ints", leaf: leaf2.cert, chain: [chain2], ca: [root.cert], verifyDepth: 1, note: "error 22" });
  add({ name: "depth-limit-2-two-ints", leaf: leaf2.cert, chain: [chain2], ca: [root.cert], verifyDepth: 2 });
  add({ name: "depth-limit-2-three-ints", leaf: leaf3.cert, chain: [chain3], ca: [root.cert], verifyDepth: 2, note: "error 22" });
  add({ name: "depth-limit-3-three-ints", leaf: leaf3.cert, chain: [chain3], ca: [root.cert], verifyDepth: 3 });

  // Labs made by pkilab init itself.
  const lab = (name: string, args: string[]): string => {
    const labDir = path.join(dir, name);
    const result = runCli(["init", labDir, ...args]);
    if (result.code !== 0 || !existsSync(path.join(labDir, "ca.pem"))) throw new Error(`pkilab init ${name} failed: ${result.stderr}`);
    return labDir;
  };
  const labA = lab("lab-default", ["--server", "localhost,127.0.0.1,::1", "--client", "alice", "--device", "dev-1"]);
  const inLab = (labDir: string, leafDir: string) => ({
    leaf: path.join(labDir, leafDir, "cert.pem"),
    chain: existsSync(path.join(labDir, leafDir, "chain.pem")) ? [path.join(labDir, leafDir, "chain.pem")] : [],
    ca: [path.join(labDir, "ca.pem")],
  });
  add({ name: "lab-server-host", ...inLab(labA, "servers/localhost"), purpose: "server", host: "localhost" });
  add({ name: "lab-server-ipv4", ...inLab(labA, "servers/localhost"), purpose: "server", ip: "127.0.0.1" });
  add({ name: "lab-server-ipv6", ...inLab(labA, "servers/localhost"), purpose: "server", ip: "::1" });
  add({ name: "lab-server-wrong-host", ...inLab(labA, "servers/localhost"), purpose: "server", host: "example.test" });
  add({ name: "lab-server-as-client", ...inLab(labA, "servers/localhost"), purpose: "client" });
  add({ name: "lab-client", ...inLab(labA, "clients/alice"), purpose: "client" });
  add({ name: "lab-client-as-server", ...inLab(labA, "clients/alice"), purpose: "server" });
  add({ name: "lab-device", ...inLab(labA, "devices/dev-1"), purpose: "client" });
  add({
    name: "lab-fullchain-as-leaf", leaf: path.join(labA, "clients/alice/fullchain.pem"), ca: [path.join(labA, "ca.pem")], purpose: "client",
    note: "openssl verify reads only the first certificate of the file: the intermediates are not used (error 20)",
  });
  const labRsa = lab("lab-rsa-mix", ["--root-key", "rsa2048", "--intermediate-key", "p256", "--leaf-key", "rsa2048", "--intermediates", "2", "--server", "api.example.test"]);
  add({ name: "lab-rsa-root-ec-ints-rsa-leaf", ...inLab(labRsa, "servers/api.example.test"), purpose: "server", host: "api.example.test" });
  const labP521 = lab("lab-p521", ["--root-key", "p521", "--intermediate-key", "p521", "--leaf-key", "p521", "--intermediates", "3", "--client", "bob"]);
  add({ name: "lab-p521-three-ints", ...inLab(labP521, "clients/bob"), purpose: "client" });
  add({ name: "lab-p521-depth-limit-2", ...inLab(labP521, "clients/bob"), purpose: "client", verifyDepth: 2, note: "error 22" });
  const labFlat = lab("lab-no-int", ["--intermediates", "0", "--root-key", "p384", "--leaf-key", "p384", "--server", "flat.example.test"]);
  add({ name: "lab-no-intermediates", ...inLab(labFlat, "servers/flat.example.test"), purpose: "server", host: "flat.example.test" });
  add({ name: "lab-cross-lab-anchor", ...inLab(labA, "clients/alice"), ca: [path.join(labP521, "ca.pem")], purpose: "client", note: "error 20" });

  return variants;
}
