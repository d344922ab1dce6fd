// Device scenarios for the differential test of `pkilab lint --for wolfssl` against real wolfSSL
// handshakes (test/peers/wolfssl-lint.test.ts).
//
// A scenario is the chain `openssl s_server` presents, the device's CA file, the host it checks
// (wolfSSL_check_domain_name) and the run-time settings its firmware makes; the device is the
// harness (test/peers/wolfssl/harness.c) against Debian's libwolfssl-dev 5.5.4. pkilab is told the
// same: the certificate, chain, CA file, host, the library's options.h, and for a run-time setting
// the config macro whose value it replaces (wolfSSL_CTX_SetMinRsaKey_Sz overrides the
// WOLFSSL_MIN_RSA_BITS default that src/internal.c InitSSL_Ctx() puts in ctx->minRsaKeySz).
//
// The material is made when the test file loads, synchronously, with `openssl ca` (it sets both
// dates and any digest) and `pkilab init` for the everyday lab.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runCli } from "./cli.js";
import { requireProgram } from "./peers.js";

export interface WolfsslScenario {
  name: string;
  /** What the device is expected to do and why: shown in the table, never asserted. */
  note: string;
  leaf: string;
  key: string;
  chain?: string;
  ca: string;
  /** wolfSSL_check_domain_name(host) and `pkilab lint --host`; none: not called. */
  host?: string;
  /** Harness run-time settings (min_rsa=, min_ecc=, depth=) and what says the same to pkilab: config lines, or lint flags. */
  settings?: { harness: string[]; config?: string[]; lint?: string[] };
  tls?: "1.2";
  serverArgs?: string[];
}

function openssl(args: string[], cwd: string): void {
  const result = spawnSync("openssl", args, { cwd, encoding: "utf8" });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`openssl ${args.join(" ")} failed:\n${result.stderr}`);
}

function pkilab(args: string[]): void {
  const result = runCli(args, { timeoutMs: 300_000 });
  if (result.code !== 0) throw new Error(`pkilab ${args.join(" ")} failed (exit ${result.code}): ${result.stderr}`);
}

const DAY = 86_400_000;
const YEAR = 365 * DAY;

/** An OpenSSL curve name, "rsaNNNN" or "ed25519". */
type Key = "P-256" | "P-384" | "P-521" | "prime192v1" | "secp224r1" | "secp256k1" | "brainpoolP256r1" | "rsa512" | "rsa1024" | "rsa2048" | "ed25519";

interface Signer {
  cert: string;
  key: string;
}

const utcTime = (date: Date): string => date.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z";

class Mint {
  private readonly config: string;

  constructor(private readonly dir: string) {
    mkdirSync(path.join(dir, "newcerts"), { recursive: true });
    writeFileSync(path.join(dir, "index.txt"), "");
    this.config = path.join(dir, "ca.cnf");
    writeFileSync(
      this.config,
      ["[ ca ]", "default_ca = lab", "[ lab ]", "database = index.txt", "new_certs_dir = newcerts", "rand_serial = yes",
        "unique_subject = no", "copy_extensions = none", "policy = any_name", "[ any_name ]", "commonName = supplied", ""].join("\n"),
    );
  }

  private key(name: string, spec: Key): string {
    const file = path.join(this.dir, `${name}.key.pem`);
    const algorithm = spec.startsWith("rsa")
      ? ["-algorithm", "RSA", "-pkeyopt", `rsa_keygen_bits:${spec.slice(3)}`]
      : spec === "ed25519"
        ? ["-algorithm", "ED25519"]
        : ["-algorithm", "EC", "-pkeyopt", `ec_paramgen_curve:${spec}`];
    openssl(["genpkey", ...algorithm, "-out", file], this.dir);
    return file;
  }

  /** Issues `name` under `issuer` (self-signed without one); dates are offsets from now. */
  issue(o: { name: string; cn: string; issuer?: Signer; key: Key; ext: string[]; md?: string; from?: number; to?: number }): Signer {
    const base = path.join(this.dir, o.name);
    const key = this.key(o.name, o.key);
    writeFileSync(`${base}.ext`, ["[ ext ]", ...o.ext, ""].join("\n"));
    openssl(["req", "-new", "-key", key, "-subj", `/O=pkilab wolfssl-lint/CN=${o.cn}`, "-out", `${base}.csr`], this.dir);
    const now = Math.floor(Date.now() / 1000) * 1000;
    const signer = o.issuer ? ["-cert", o.issuer.cert, "-keyfile", o.issuer.key] : ["-selfsign", "-keyfile", key];
    // Ed25519 signs without a separate digest.
    const md = o.key === "ed25519" && !o.issuer ? [] : ["-md", o.md ?? "sha256"];
    openssl(
      ["ca", "-batch", "-notext", "-config", this.config, ...signer, "-in", `${base}.csr`, "-out", `${base}.pem`,
        "-startdate", utcTime(new Date(now + (o.from ?? -DAY))), "-enddate", utcTime(new Date(now + (o.to ?? YEAR))),
        ...md, "-extfile", `${base}.ext`, "-extensions", "ext"],
      this.dir,
    );
    return { cert: `${base}.pem`, key };
  }
}

const CA_EXT = ["basicConstraints = critical, CA:TRUE", "keyUsage = critical, keyCertSign, cRLSign", "subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid"];

function serverExt(o: { san?: string | null; eku?: string; ku?: string; extra?: string[] } = {}): string[] {
  return [
    "basicConstraints = critical, CA:FALSE",
    `keyUsage = critical, ${o.ku ?? "digitalSignature, keyEncipherment"}`,
    "subjectKeyIdentifier = hash",
    "authorityKeyIdentifier = keyid",
    `extendedKeyUsage = ${o.eku ?? "serverAuth"}`,
    ...(o.san === null ? [] : [`subjectAltName = ${o.san ?? "DNS:localhost"}`]),
    ...(o.extra ?? []),
  ];
}

/** Every scenario, with its material made under `work`. */
export function makeWolfsslScenarios(work: string): WolfsslScenario[] {
  requireProgram("openssl");
  const files = path.join(work, "files");
  mkdirSync(files, { recursive: true });
  const bundle = (name: string, parts: string[]): string => {
    const file = path.join(files, `${name}.pem`);
    writeFileSync(file, parts.map((p) => readFileSync(p, "utf8")).join(""));
    return file;
  };

  // pkilab's own lab: P-384 root, P-256 intermediate, P-256 server for localhost and 127.0.0.1.
  const lab = path.join(work, "lab");
  pkilab(["init", lab, "--server", "localhost,127.0.0.1"]);
  const labServer = { leaf: path.join(lab, "servers/localhost/cert.pem"), key: path.join(lab, "servers/localhost/key.pem"), chain: path.join(lab, "servers/localhost/chain.pem"), ca: path.join(lab, "ca.pem") };
  const intermediate = path.join(lab, "intermediate-1", "cert.pem");

  // openssl ca material: a P-256 root and intermediate, leaves of every kind under the intermediate.
  const mint = new Mint(path.join(work, "mint"));
  const root = mint.issue({ name: "root", cn: "pkilab wolfssl root", key: "P-256", ext: CA_EXT, from: -YEAR, to: 10 * YEAR });
  const int1 = mint.issue({ name: "int1", cn: "pkilab wolfssl int 1", issuer: root, key: "P-256", ext: CA_EXT, from: -YEAR, to: 5 * YEAR });
  const under = (name: string, o: { key?: Key; ext?: string[]; md?: string; from?: number; to?: number; cn?: string } = {}) => {
    const m = mint.issue({ name, cn: o.cn ?? "localhost", issuer: int1, key: o.key ?? "P-256", ext: o.ext ?? serverExt(), md: o.md, from: o.from, to: o.to });
    return { leaf: m.cert, key: m.key, chain: int1.cert, ca: root.cert };
  };

  const scenarios: WolfsslScenario[] = [];
  const add = (name: string, material: { leaf: string; key: string; chain?: string; ca: string }, note: string, extra: Partial<WolfsslScenario> = {}): void => {
    if (scenarios.some((s) => s.name === name)) throw new Error(`duplicate scenario ${name}`);
    scenarios.push({ name, note, host: "localhost", ...material, ...extra });
  };
  const SECLEVEL0 = ["-cipher", "DEFAULT@SECLEVEL=0"];

  add("baseline-pkilab-lab", labServer, "pkilab init's server, root as CA: handshake");
  add("baseline-ip-host", labServer, "host=127.0.0.1 against the iPAddress SAN", { host: "127.0.0.1" });
  add("host-mismatch", labServer, "host=other.example: DOMAIN_NAME_MISMATCH -322", { host: "other.example" });
  add("intermediate-missing", { ...labServer, chain: undefined }, "leaf alone: ASN_NO_SIGNER_E -188");
  add("unknown-ca", { ...labServer, ca: root.cert }, "another root: -188");
  add("intermediate-only-anchor", { ...labServer, ca: intermediate }, "the CA list holds only the intermediate");
  add("pinned-leaf-not-self-signed", { ...labServer, chain: undefined, ca: labServer.leaf }, "the CA list holds the CA-issued server certificate itself");

  const p256 = under("p256");
  add("baseline-openssl-ca", p256, "P-256 leaf under a P-256 chain");
  add("ip-as-dns-san", under("ip-in-dns", { ext: serverExt({ san: "DNS:127.0.0.1" }) }), "host=127.0.0.1, SAN DNS:127.0.0.1 only", { host: "127.0.0.1" });
  add("ip-host-dns-only", under("dns-only", { ext: serverExt({ san: "DNS:localhost" }) }), "host=127.0.0.1, no IP SAN", { host: "127.0.0.1" });
  add("cn-only-no-san", under("cn-only", { ext: serverExt({ san: null }) }), "CN=localhost, no SAN");
  add("cn-match-san-mismatch", under("cn-vs-san", { ext: serverExt({ san: "DNS:other.example" }) }), "CN=localhost, SAN other.example");
  add("wildcard-one-label", under("wildcard", { cn: "wild", ext: serverExt({ san: "DNS:*.example.test" }) }), "*.example.test for a.example.test", { host: "a.example.test" });
  add("wildcard-two-labels", under("wildcard2", { cn: "wild", ext: serverExt({ san: "DNS:*.example.test" }) }), "*.example.test for a.b.example.test", { host: "a.b.example.test" });
  add("expired-leaf", under("expired", { from: -YEAR, to: -DAY }), "expired yesterday: ASN_AFTER_DATE_E -151");
  add("not-yet-valid-leaf", under("future", { from: DAY, to: YEAR }), "valid from tomorrow: ASN_BEFORE_DATE_E -150 (wolfSSL allows no clock skew)");
  add("not-yet-valid-leaf-10-days", under("future10", { from: 10 * DAY, to: YEAR }), "valid in 10 days: -150");
  add("rsa1024-leaf", under("rsa1024", { key: "rsa1024" }), "RSA-1024: the default minimum is 1024 bits", { serverArgs: SECLEVEL0 });
  add("rsa512-leaf", under("rsa512", { key: "rsa512" }), "RSA-512: below 1024, RSA_KEY_SIZE_E -409", { serverArgs: SECLEVEL0, tls: "1.2" });
  add("rsa2048-leaf-min-3072", under("rsa2048", { key: "rsa2048" }), "RSA-2048, firmware minimum 3072 bits", {
    settings: { harness: ["min_rsa=3072"], config: ["#undef WOLFSSL_MIN_RSA_BITS", "#define WOLFSSL_MIN_RSA_BITS 3072"] },
  });
  add("p256-leaf-min-ecc-384", p256, "P-256, firmware minimum ECC 384 bits: ECC_KEY_SIZE_E -410", {
    settings: { harness: ["min_ecc=384"], config: ["#undef WOLFSSL_MIN_ECC_BITS", "#define WOLFSSL_MIN_ECC_BITS 384", "/* the library was built with ECC_MIN_KEY_SZ 224: the run-time minimum does not change its curves */", "#define ECC_MIN_KEY_SZ 224"] },
  });
  add("p384-leaf", under("p384", { key: "P-384", md: "sha384" }), "P-384 leaf");
  add("p521-leaf", under("p521", { key: "P-521", md: "sha512" }), "P-521 leaf");
  add("p224-leaf", under("p224", { key: "secp224r1" }), "P-224 leaf (TLS 1.2: no TLS 1.3 scheme for P-224)", { tls: "1.2", serverArgs: SECLEVEL0 });
  add("p192-leaf", under("p192", { key: "prime192v1" }), "P-192 leaf: below ECC_MIN_KEY_SZ 224, not compiled", { tls: "1.2", serverArgs: SECLEVEL0 });
  add("secp256k1-leaf", under("k256", { key: "secp256k1" }), "secp256k1 leaf (TLS 1.2)", { tls: "1.2" });
  add("brainpool-leaf", under("bp256", { key: "brainpoolP256r1" }), "brainpoolP256r1 leaf (TLS 1.2)", { tls: "1.2" });
  add("ed25519-leaf", under("ed25519", { key: "ed25519" }), "Ed25519 leaf (TLS 1.3)");
  add("sha1-signed-leaf", under("sha1", { md: "sha1" }), "ecdsa-with-SHA1 leaf", { serverArgs: SECLEVEL0 });
  add("sha512-signed-leaf", under("sha512", { md: "sha512" }), "ecdsa-with-SHA512 leaf");
  add("eku-clientauth-only", under("eku-client", { ext: serverExt({ eku: "clientAuth" }) }), "server leaf with EKU clientAuth only");
  add("ku-keycertsign-only", under("ku-certsign", { ext: serverExt({ ku: "keyCertSign" }) }), "server leaf with keyUsage keyCertSign only");
  add("critical-unknown-extension", under("crit-ext", { ext: serverExt({ extra: ["1.3.6.1.4.1.55555.1 = critical, ASN1:NULL"] }) }), "unknown critical extension");

  add("ip-san-only", under("ip-only", { cn: "device", ext: serverExt({ san: "IP:127.0.0.1" }) }), "host=127.0.0.1, SAN IP:127.0.0.1 only (OPENSSL_ALL: IP entries are compared as text)", { host: "127.0.0.1" });
  add("uri-san-and-cn", under("uri-san", { ext: serverExt({ san: "URI:https://localhost/" }) }), "CN=localhost, SAN with a URI only");
  const names = (n: number) => Array.from({ length: n }, (_, i) => `DNS:big-${String(i).padStart(4, "0")}.pkilab-wolfssl.example`).join(", ");
  add("certificate-message-14k", under("big14k", { ext: serverExt({ san: `DNS:localhost, ${names(420)}` }) }), "a Certificate message of about 14 KB: fits MAX_HANDSHAKE_SZ 18462");
  add("certificate-message-20k", under("big20k", { ext: serverExt({ san: `DNS:localhost, ${names(600)}` }) }), "a Certificate message of about 20 KB: over MAX_HANDSHAKE_SZ 18462");

  // Validity of the CAs.
  const oldRoot = mint.issue({ name: "old-root", cn: "pkilab wolfssl expired root", key: "P-256", ext: CA_EXT, from: -2 * YEAR, to: -DAY });
  const underOldRoot = mint.issue({ name: "under-old-root", cn: "localhost", issuer: oldRoot, key: "P-256", ext: serverExt(), from: -YEAR, to: YEAR });
  add("expired-root", { leaf: underOldRoot.cert, key: underOldRoot.key, ca: oldRoot.cert }, "the trust anchor expired yesterday");
  const oldInt = mint.issue({ name: "old-int", cn: "pkilab wolfssl expired int", issuer: root, key: "P-256", ext: CA_EXT, from: -2 * YEAR, to: -DAY });
  const underOldInt = mint.issue({ name: "under-old-int", cn: "localhost", issuer: oldInt, key: "P-256", ext: serverExt(), from: -YEAR, to: YEAR });
  add("expired-intermediate", { leaf: underOldInt.cert, key: underOldInt.key, chain: oldInt.cert, ca: root.cert }, "the intermediate expired yesterday");
  add("root-sent-too", { ...p256, chain: bundle("int-and-root", [int1.cert, root.cert]) }, "leaf, intermediate and root sent");

  // RFC 5280 limits a CA places on what is below it.
  const pathLen0 = mint.issue({ name: "pathlen0", cn: "pkilab wolfssl pathlen 0", issuer: root, key: "P-256", ext: ["basicConstraints = critical, CA:TRUE, pathlen:0", "keyUsage = critical, keyCertSign, cRLSign", "subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid"] });
  const belowPathLen0 = mint.issue({ name: "below-pathlen0", cn: "pkilab wolfssl below pathlen 0", issuer: pathLen0, key: "P-256", ext: CA_EXT });
  const pathLenLeaf = mint.issue({ name: "pathlen-leaf", cn: "localhost", issuer: belowPathLen0, key: "P-256", ext: serverExt() });
  add("path-length-exceeded", { leaf: pathLenLeaf.cert, key: pathLenLeaf.key, chain: bundle("pathlen-chain", [belowPathLen0.cert, pathLen0.cert]), ca: root.cert }, "an intermediate under a pathlen:0 CA");
  const constrained = mint.issue({ name: "constrained", cn: "pkilab wolfssl constrained", issuer: root, key: "P-256", ext: [...CA_EXT, "nameConstraints = critical, permitted;DNS:example.test"] });
  const outside = mint.issue({ name: "outside", cn: "localhost", issuer: constrained, key: "P-256", ext: serverExt() });
  add("name-constraint-violation", { leaf: outside.cert, key: outside.key, chain: constrained.cert, ca: root.cert }, "DNS:localhost under a CA permitted only example.test");
  const inside = mint.issue({ name: "inside", cn: "device.example.test", issuer: constrained, key: "P-256", ext: serverExt({ san: "DNS:device.example.test" }) });
  add("name-constraint-respected", { leaf: inside.cert, key: inside.key, chain: constrained.cert, ca: root.cert }, "DNS:device.example.test under the same CA", { host: "device.example.test" });

  // Chains: a non-CA intermediate, 9 intermediates, reversed order.
  const notCa = mint.issue({ name: "not-ca", cn: "pkilab not a CA", issuer: root, key: "P-256", ext: ["basicConstraints = critical, CA:FALSE", "keyUsage = critical, keyCertSign", "subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid"] });
  const underNotCa = mint.issue({ name: "under-not-ca", cn: "localhost", issuer: notCa, key: "P-256", ext: serverExt() });
  add("intermediate-not-ca", { leaf: underNotCa.cert, key: underNotCa.key, chain: notCa.cert, ca: root.cert }, "the intermediate has CA:FALSE");
  const chainOf = (n: number) => {
    const ints: Signer[] = [];
    for (let i = 1; i <= n; i++) ints.push(mint.issue({ name: `depth${n}-int-${i}`, cn: `pkilab depth ${n} int ${i}`, issuer: ints[i - 2] ?? root, key: "P-256", ext: CA_EXT, to: 2 * YEAR }));
    const leaf = mint.issue({ name: `depth${n}-leaf`, cn: "localhost", issuer: ints[n - 1]!, key: "P-256", ext: serverExt() });
    return { leaf: leaf.cert, key: leaf.key, chain: bundle(`depth${n}-chain`, ints.map((m) => m.cert).reverse()), ca: root.cert, ints };
  };
  const two = chainOf(2);
  add("two-intermediates-depth-1", two, "2 intermediates, wolfSSL_CTX_set_verify_depth(1): -188", { settings: { harness: ["depth=1"], lint: ["--wolfssl-verify-depth", "1"] } });
  add("two-intermediates-depth-2", two, "2 intermediates, wolfSSL_CTX_set_verify_depth(2): handshake", { settings: { harness: ["depth=2"], lint: ["--wolfssl-verify-depth", "2"] } });
  const seven = chainOf(7);
  const eight = chainOf(8);
  const nine = chainOf(9);
  add("seven-intermediates", seven, "7 intermediates + leaf = 8 certificates sent");
  add("eight-intermediates", eight, "8 intermediates + leaf = 9 certificates sent (MAX_CHAIN_DEPTH 9)");
  add("nine-intermediates", nine, "9 intermediates + leaf = 10 certificates sent: MAX_CHAIN_ERROR");
  add("intermediates-reversed", { ...seven, chain: bundle("seven-reversed", seven.ints.map((m) => m.cert)) }, "7 intermediates sent root-side first");
  return scenarios;
}
