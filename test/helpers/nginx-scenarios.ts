// Client-certificate scenarios for the differential test of `pkilab lint --for nginx-mtls` against the
// real nginx (test/peers/nginx-lint.test.ts).
//
// Everything is built at test time in a temporary folder, synchronously: `openssl ca` for the odd
// certificates (it is the only OpenSSL 3.0 command that sets an explicit notBefore, needed for the
// not-yet-valid cases) and `pkilab init` for labs made the way users make them (the server nginx
// presents, multi-intermediate and mixed-key hierarchies). Keys are EC except the RSA ones a scenario
// is about, so generation takes a few seconds.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runCli } from "./cli.js";
import { CA_EXT, DAY, ISSUED_CA_EXT, leafExt, MINUTE, Mint, YEAR, type CertSpec, type Issued, type KeySpec } from "./openssl-mint.js";
import { requireProgram } from "./peers.js";

export interface NginxScenario {
  /** kebab-case; also the name of fixtures/nginx-logs/<name>.log. */
  name: string;
  /** What the scenario exercises and what OpenSSL is expected to say: documentation, never asserted. */
  note: string;
  /** The client certificate alone: `pkilab lint CERT`. */
  leaf: string;
  /** Its private key: curl --key. */
  key: string;
  /** The intermediates the client sends after its certificate (`pkilab lint --chain`), if any. */
  chain?: string;
  /** What curl sends: the leaf followed by `chain` (curl --cert sends every certificate of the file). */
  certFile: string;
  /** nginx ssl_client_certificate (`pkilab export --client-ca`) and `pkilab lint --ca`. */
  clientCa: string;
  /** nginx ssl_verify_depth (`pkilab export --verify-depth`) and `pkilab lint --verify-depth`. */
  verifyDepth: number;
  /** curl --tls-max; default: TLS 1.3, which curl and the export's ssl_protocols both allow. */
  tlsMax?: "1.2";
}

export interface NginxScenarioSet {
  /** The pkilab lab whose server leaf nginx presents (`pkilab export --nginx --lab`). */
  serverLab: string;
  /** What curl trusts for the server: that lab's root. */
  serverCa: string;
  /**
   * OPENSSL_CONF for curl only: security level 0 on the client side, so that curl sends an RSA-1024
   * or SHA-1 certificate instead of refusing to load it (Debian builds OpenSSL at level 2). A device
   * on mbedTLS sends whatever it holds; the point is what nginx, still at level 2, does with it.
   */
  clientOpensslConf: string;
  scenarios: NginxScenario[];
}

/** Builds the server lab, every client certificate and CA file, and the scenarios that use them. */
export function makeNginxScenarios(dir: string): NginxScenarioSet {
  requireProgram("openssl");
  const now = Math.floor(Date.now() / 1000) * 1000;
  const mint = new Mint(path.join(dir, "mint"), now, "nginx-lint");
  const files = path.join(dir, "files");
  mkdirSync(files, { recursive: true });
  const bundle = (name: string, parts: string[]): string => {
    const file = path.join(files, `${name}.pem`);
    writeFileSync(file, parts.map((p) => readFileSync(p, "utf8")).join(""));
    return file;
  };

  const scenarios: NginxScenario[] = [];
  const add = (s: { name: string; note: string; leaf: Issued | { cert: string; key: string }; chain?: string[]; clientCa: string; verifyDepth?: number; tlsMax?: "1.2" }): void => {
    if (scenarios.some((other) => other.name === s.name)) throw new Error(`duplicate scenario ${s.name}`);
    const chain = s.chain?.length ? bundle(`${s.name}.chain`, s.chain) : undefined;
    scenarios.push({
      name: s.name,
      note: s.note,
      leaf: s.leaf.cert,
      key: s.leaf.key,
      chain,
      certFile: chain ? bundle(`${s.name}.sent`, [s.leaf.cert, chain]) : s.leaf.cert,
      clientCa: s.clientCa,
      verifyDepth: s.verifyDepth ?? 1,
      ...(s.tlsMax ? { tlsMax: s.tlsMax } : {}),
    });
  };

  const ca = (name: string, issuer: Issued | undefined, options: Partial<CertSpec> = {}): Issued =>
    mint.issue({ name, cn: `${name} CA`, key: "p256", issuer, ext: issuer ? ISSUED_CA_EXT : CA_EXT, from: -2 * YEAR, to: 10 * YEAR, ...options });
  // Leaves of one key type share a key: curl needs the key, verification never does.
  const leaf = (name: string, issuer: Issued, ext: string[], options: Partial<CertSpec> = {}): Issued => {
    const key = options.key ?? "p256";
    return mint.issue({ name, cn: name, key, keyLabel: `leaf-${key}`, issuer, ext, from: -DAY, to: YEAR, ...options });
  };
  const clientExt = (extra: { ku?: string; extra?: string[] } = {}) => leafExt({ eku: "clientAuth", ...extra });

  // The main hierarchy: root -> int -> client leaves; nginx trusts the root alone.
  const root = ca("root", undefined);
  const int = ca("int", root);
  const rootCa = root.cert;
  const viaInt = (name: string, note: string, ext: string[], options: Partial<CertSpec> = {}): Issued => {
    const issued = leaf(name, int, ext, options);
    add({ name, note, leaf: issued, chain: [int.cert], clientCa: rootCa });
    return issued;
  };

  // Extended key usage of the leaf.
  viaInt("one-intermediate-depth-1", "EKU clientAuth, intermediate sent, ssl_verify_depth 1: the baseline; OpenSSL >= 1.1 counts intermediates only", clientExt());
  viaInt("leaf-eku-serverauth-only", "a server certificate used as a client certificate: 26", leafExt({ eku: "serverAuth" }));
  viaInt("leaf-eku-none", "no EKU at all: any purpose", leafExt());
  viaInt("leaf-eku-clientauth-serverauth", "both EKUs", leafExt({ eku: "serverAuth, clientAuth" }));
  viaInt("leaf-eku-any-only", "anyExtendedKeyUsage alone does not stand for clientAuth in OpenSSL: 26", leafExt({ eku: "anyExtendedKeyUsage" }));
  viaInt("leaf-eku-any-and-clientauth", "anyExtendedKeyUsage with clientAuth", leafExt({ eku: "anyExtendedKeyUsage, clientAuth" }));

  // keyUsage and nsCertType of the leaf (EC keys).
  viaInt("leaf-ku-keyencipherment-ec", "keyUsage keyEncipherment only: OpenSSL's sslclient wants digitalSignature or keyAgreement: 26", clientExt({ ku: "keyEncipherment" }));
  const keyAgreement = viaInt(
    "leaf-ku-keyagreement-ec",
    "keyUsage keyAgreement only: passes OpenSSL's purpose check; the client still signs CertificateVerify with it, and neither side's OpenSSL checks keyUsage for that",
    clientExt({ ku: "keyAgreement" }),
  );
  add({ name: "leaf-ku-keyagreement-ec-tls12", note: "the same over TLS 1.2 (the client signs CertificateVerify there too)", leaf: keyAgreement, chain: [int.cert], clientCa: rootCa, tlsMax: "1.2" });
  viaInt("leaf-nscerttype-server", "EKU clientAuth but Netscape cert type server only: 26", clientExt({ extra: ["nsCertType = server"] }));
  viaInt("leaf-nscerttype-client", "Netscape cert type client", clientExt({ extra: ["nsCertType = client"] }));

  // Purpose on the CAs: OpenSSL checks the EKU of every certificate of the chain.
  const intEkuServer = ca("int-eku-server", root, { ext: [...ISSUED_CA_EXT, "extendedKeyUsage = serverAuth"] });
  add({ name: "intermediate-eku-serverauth-only", note: "the intermediate's EKU lacks clientAuth: 26 at depth 1", leaf: leaf("under-int-eku-server", intEkuServer, clientExt()), chain: [intEkuServer.cert], clientCa: rootCa });
  const intEkuBoth = ca("int-eku-both", root, { ext: [...ISSUED_CA_EXT, "extendedKeyUsage = serverAuth, clientAuth"] });
  add({ name: "intermediate-eku-both", note: "pkilab's intermediate profile: serverAuth and clientAuth", leaf: leaf("under-int-eku-both", intEkuBoth, clientExt()), chain: [intEkuBoth.cert], clientCa: rootCa });
  const rootEkuServer = ca("root-eku-server", undefined, { ext: [...CA_EXT, "extendedKeyUsage = serverAuth"] });
  const underRootEkuServer = ca("int-under-root-eku-server", rootEkuServer);
  add({
    name: "root-eku-serverauth-only", note: "the trusted root's EKU lacks clientAuth: OpenSSL checks the anchor too (26)",
    leaf: leaf("under-root-eku-server", underRootEkuServer, clientExt()), chain: [underRootEkuServer.cert], clientCa: rootEkuServer.cert,
  });
  const rootEkuBoth = ca("root-eku-both", undefined, { ext: [...CA_EXT, "extendedKeyUsage = serverAuth, clientAuth"] });
  const underRootEkuBoth = ca("int-under-root-eku-both", rootEkuBoth);
  add({
    name: "root-eku-with-clientauth", note: "a root with an EKU that includes clientAuth",
    leaf: leaf("under-root-eku-both", underRootEkuBoth, clientExt()), chain: [underRootEkuBoth.cert], clientCa: rootEkuBoth.cert,
  });

  // Chain assembly: what the client sends against what nginx trusts.
  const baseline = leaf("chain-leaf", int, clientExt());
  add({ name: "intermediate-missing", note: "intermediate neither sent nor in ssl_client_certificate: openssl verify says 20, nginx logs 21 (its verify callback continues, and the last error wins)", leaf: baseline, clientCa: rootCa });
  add({ name: "intermediate-only-in-ca-file", note: "intermediate not sent, but next to the root in ssl_client_certificate", leaf: baseline, clientCa: bundle("ca-root-and-int", [root.cert, int.cert]) });
  add({ name: "intermediate-as-only-ca", note: "only the intermediate in ssl_client_certificate, root missing: no partial chains (2)", leaf: baseline, clientCa: int.cert });
  add({ name: "one-intermediate-depth-0", note: "ssl_verify_depth 0 with one intermediate sent", leaf: baseline, chain: [int.cert], clientCa: rootCa, verifyDepth: 0 });

  // CA constraints.
  const intNotCa = ca("int-not-ca", root, { ext: ["basicConstraints = critical, CA:FALSE", "keyUsage = critical, keyCertSign, cRLSign", "subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid"] });
  add({ name: "intermediate-not-ca", note: "the intermediate is CA:FALSE: OpenSSL reports 79, then the sslclient purpose check on the CA fails too, and nginx logs that last error (26)", leaf: leaf("under-int-not-ca", intNotCa, clientExt()), chain: [intNotCa.cert], clientCa: rootCa });
  const pathLen = (n: number) => [`basicConstraints = critical, CA:TRUE, pathlen:${n}`, ...ISSUED_CA_EXT.slice(1)];
  const pl0 = ca("int-pathlen0", root, { ext: pathLen(0) });
  const belowPl0 = ca("int-below-pathlen0", pl0);
  add({
    name: "pathlen-0-with-intermediate-below", note: "pathlen:0 intermediate with another intermediate below it: 25 (depth 2 so that depth is not the reason)",
    leaf: leaf("under-below-pathlen0", belowPl0, clientExt()), chain: [belowPl0.cert, pl0.cert], clientCa: rootCa, verifyDepth: 2,
  });
  const pl1 = ca("int-pathlen1", root, { ext: pathLen(1) });
  const belowPl1 = ca("int-below-pathlen1", pl1);
  add({
    name: "pathlen-1-with-intermediate-below", note: "pathlen:1 allows one intermediate below",
    leaf: leaf("under-below-pathlen1", belowPl1, clientExt()), chain: [belowPl1.cert, pl1.cert], clientCa: rootCa, verifyDepth: 2,
  });

  // Validity (nginx uses the real clock: dates are relative to now).
  viaInt("leaf-expired", "expired yesterday: 10", clientExt(), { from: -YEAR, to: -DAY });
  const intExpired = ca("int-expired", root, { from: -3 * YEAR, to: -DAY });
  add({ name: "intermediate-expired", note: "the intermediate expired yesterday: 10 at depth 1", leaf: leaf("under-int-expired", intExpired, clientExt(), { from: -2 * YEAR, to: YEAR }), chain: [intExpired.cert], clientCa: rootCa });
  viaInt("leaf-not-yet-valid-10-minutes", "notBefore 10 minutes ahead: a clock behind the issuer's (seed 003, fixtures/nginx-mtls/seed-003-clock-skew): 9", clientExt(), { from: 10 * MINUTE, to: YEAR });
  viaInt("leaf-not-yet-valid-10-days", "notBefore 10 days ahead: 9", clientExt(), { from: 10 * DAY, to: YEAR });

  // Signatures and keys.
  const impostor = ca("impostor", undefined, { cn: "int CA" });
  add({
    name: "leaf-signed-by-wrong-key", note: "issuer name is the intermediate's, signature by another key, no AKI: 7",
    leaf: leaf("by-impostor", impostor, leafExt({ eku: "clientAuth", aki: false })), chain: [int.cert], clientCa: rootCa,
  });
  viaInt("leaf-rsa1024", "RSA-1024 leaf: below Debian's security level 2: 66", clientExt(), { key: "rsa1024" });
  viaInt("leaf-rsa2048", "RSA-2048 leaf", clientExt(), { key: "rsa2048" });
  viaInt("leaf-sha1-signed", "leaf signed with ecdsa-with-SHA1: refused at security level 2 (68)", clientExt(), { md: "sha1" });

  // Trust.
  const otherRoot = ca("other-root", undefined);
  const otherInt = ca("other-int", otherRoot);
  add({ name: "leaf-from-other-ca", note: "a client of another hierarchy, sent with its own intermediate: 20", leaf: leaf("from-other-ca", otherInt, clientExt()), chain: [otherInt.cert], clientCa: rootCa });
  const selfSigned = mint.issue({ name: "self-signed", cn: "self-signed client", key: "p256", ext: leafExt({ eku: "clientAuth", aki: false }), from: -DAY, to: YEAR });
  add({ name: "self-signed-client", note: "a self-signed client certificate nginx does not trust: 18", leaf: selfSigned, clientCa: rootCa });
  add({ name: "self-signed-client-trusted", note: "the same certificate as the only entry of ssl_client_certificate", leaf: selfSigned, clientCa: selfSigned.cert });

  // Labs made by pkilab itself.
  const lab = (name: string, args: string[]): string => {
    const labDir = path.join(dir, name);
    const result = runCli(["init", labDir, ...args]);
    if (result.code !== 0) throw new Error(`pkilab init ${name} failed: ${result.stderr}`);
    return labDir;
  };
  const labClient = (labDir: string, client: string) => {
    const folder = path.join(labDir, "clients", client);
    return { leaf: { cert: path.join(folder, "cert.pem"), key: path.join(folder, "key.pem") }, chain: [path.join(folder, "chain.pem")], clientCa: path.join(labDir, "ca.pem") };
  };
  const serverLab = lab("server-lab", ["--server", "localhost,127.0.0.1", "--client", "alice"]);
  add({ name: "intermediate-sent", note: "pkilab's default lab client with its chain.pem", ...labClient(serverLab, "alice") });
  add({ name: "leaf-from-other-lab", note: "pkilab lab client, nginx trusting another root: 20", ...labClient(serverLab, "alice"), clientCa: rootCa });

  const two = lab("lab-2-intermediates", ["--intermediates", "2", "--client", "c2"]);
  add({ name: "two-intermediates-depth-1", note: "2 intermediates, ssl_verify_depth 1: nginx logs 20, not 22", ...labClient(two, "c2"), verifyDepth: 1 });
  add({ name: "two-intermediates-depth-2", note: "2 intermediates, ssl_verify_depth 2", ...labClient(two, "c2"), verifyDepth: 2 });
  const three = lab("lab-3-intermediates", ["--intermediates", "3", "--client", "c3"]);
  add({ name: "three-intermediates-depth-2", note: "3 intermediates, ssl_verify_depth 2", ...labClient(three, "c3"), verifyDepth: 2 });
  add({ name: "three-intermediates-depth-3", note: "3 intermediates, ssl_verify_depth 3", ...labClient(three, "c3"), verifyDepth: 3 });
  const mixed = lab("lab-mixed-keys", ["--root-key", "rsa2048", "--intermediate-key", "p384", "--leaf-key", "p256", "--client", "mixed"]);
  add({ name: "mixed-rsa-root-p384-int-p256-leaf", note: "RSA-2048 root, P-384 intermediate, P-256 leaf", ...labClient(mixed, "mixed") });
  const p521 = lab("lab-p521", ["--root-key", "p521", "--intermediate-key", "p521", "--leaf-key", "p521", "--client", "p521"]);
  add({ name: "p521-throughout", note: "P-521 root, intermediate and leaf", ...labClient(p521, "p521") });
  add({ name: "p521-intermediate-missing", note: "P-521 lab client sent without its chain: nginx logs 21, as for intermediate-missing", leaf: labClient(p521, "p521").leaf, clientCa: path.join(p521, "ca.pem") });

  const clientOpensslConf = path.join(dir, "client-openssl.cnf");
  writeFileSync(
    clientOpensslConf,
    ["openssl_conf = openssl_init", "[ openssl_init ]", "ssl_conf = ssl_section", "[ ssl_section ]", "system_default = system_default_section",
      "[ system_default_section ]", "CipherString = DEFAULT@SECLEVEL=0", ""].join("\n"),
  );
  return { serverLab, serverCa: path.join(serverLab, "ca.pem"), clientOpensslConf, scenarios };
}
