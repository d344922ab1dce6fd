// Device scenarios for the differential test of `pkilab lint --for mbedtls` against real mbedTLS
// handshakes (test/peers/mbedtls-lint.test.ts).
//
// A scenario is a device (an mbedTLS build: Debian's 2.28, or 2.28 / 3.6 from source with a user
// config; the harness test/peers/mbedtls/harness.c is its TLS client), the chain `openssl s_server`
// presents, the device's CA file and the host it dials. pkilab gets the same inputs: the server
// certificate, the chain, the CA file, the host and the device's configuration, either as the
// headers the build read (the stock config header, then the user config: `--mbedtls-config STOCK
// --mbedtls-config USER`) or as a `cc -E -dM` macro dump made with the build's own flags.
//
// The material is made when the test file loads, synchronously: `pkilab init` / `pkilab issue` for
// labs made the way users make them, `openssl ca` for what pkilab never issues (SHA-1 and SHA-512
// signatures, RSA-1024 and secp256k1 keys, expired dates, anyExtendedKeyUsage, 9 intermediates).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT, runCli } from "./cli.js";
import { peersDir, type MbedtlsLine } from "./mbedtls.js";
import { requireProgram } from "./peers.js";

export type MbedtlsVersion = "2.28" | "3.6";

/** An mbedTLS build acting as the device. */
export interface Device {
  /** For the table: "2.28-system", "3.6 no P-521". */
  id: string;
  line: MbedtlsLine;
  version: MbedtlsVersion;
  /**
   * "stock": the line's stock config header, then `overrides` as MBEDTLS_USER_CONFIG_FILE.
   * "replace": `overrides` are the whole configuration, as a firmware's MBEDTLS_CONFIG_FILE: the
   * user config first #undefs every option of the stock header (seed fixtures).
   */
  base: "stock" | "replace";
  /** Header files applied in order (the user config is their concatenation). */
  overrides: string[];
  /** Give pkilab a `cc -E -dM` dump of the build instead of the headers (the build's own preprocessor resolves user configs, -D flags and derived macros). */
  dump?: boolean;
}

export interface MbedtlsScenario {
  name: string;
  /** What the device is expected to do and why (the mbedTLS source behind it): shown in the table, never asserted. */
  note: string;
  device: Device;
  /** The server certificate: s_server -cert, `pkilab lint CERT`. */
  leaf: string;
  key: string;
  /** Intermediates s_server sends after the leaf (-cert_chain), `pkilab lint --chain`. */
  chain?: string;
  /** The device's CA list: harness ca=, `pkilab lint --ca`. */
  ca: string;
  /** harness host= (mbedtls_ssl_set_hostname), `pkilab lint --host`. */
  host: string;
  /** Pin the device to TLS 1.2 where the fact is TLS-1.2-specific (the certificate's curve must be among the offered groups). */
  tls?: "1.2";
  /** More s_server arguments, e.g. security level 0 to serve SHA-1 or RSA-1024 certificates. */
  serverArgs?: string[];
  /** The fixture folder this scenario proves (fixtures/mbedtls/<seed>). */
  seed?: string;
  /**
   * The X.509 verification profile the device sets with mbedtls_ssl_conf_cert_profile(): a named
   * one (harness profile=next, `pkilab lint --mbedtls-profile next`) or a custom one (harness
   * profile=custom with its fields, `--mbedtls-profile FILE` with the same fields). Default: the
   * library's default profile, and no --mbedtls-profile.
   */
  x509Profile?: "default" | "next" | "suiteb" | CustomX509Profile;
}

/**
 * A custom mbedtls_x509_crt_profile, field by field, in the names pkilab's --mbedtls-profile FILE
 * takes (README "mbedTLS X.509 profiles"): "any" is 0xFFFFFFF (every bit).
 */
export interface CustomX509Profile {
  /** For the file name and the table. */
  name: string;
  allowedMds: string[] | "any";
  allowedPks: string[] | "any";
  allowedCurves: string[] | "any";
  rsaMinBitlen: number;
}

/** The profile as `pkilab lint --mbedtls-profile FILE` reads it. */
export function customProfileFile(profile: CustomX509Profile): string {
  const list = (v: string[] | "any") => (v === "any" ? "any" : v.length === 0 ? "none" : v.join(" "));
  return [
    `# pkilab mbedtls-lint: custom X.509 profile "${profile.name}" (mbedtls_x509_crt_profile fields)`,
    `allowed_mds = ${list(profile.allowedMds)}`,
    `allowed_pks = ${list(profile.allowedPks)}`,
    `allowed_curves = ${list(profile.allowedCurves)}`,
    `rsa_min_bitlen = ${profile.rsaMinBitlen}`,
    "",
  ].join("\n");
}

/** The same profile as harness arguments (test/peers/mbedtls/harness.c profile=custom). */
export function customProfileHarnessArgs(profile: CustomX509Profile): string[] {
  // The harness looks curves up with mbedtls_ecp_curve_info_from_name(): "secp256r1", "brainpoolP256r1".
  const curve = (name: string) => (/^BP\d+R1$/.test(name) ? `brainpoolP${name.slice(2, -2)}r1` : name.toLowerCase());
  const list = (v: string[] | "any", map: (n: string) => string = (n) => n) => (v === "any" ? "any" : v.length === 0 ? "none" : v.map(map).join(","));
  return [
    "profile=custom",
    `profile_mds=${list(profile.allowedMds)}`,
    `profile_pks=${list(profile.allowedPks)}`,
    `profile_curves=${list(profile.allowedCurves, curve)}`,
    `profile_rsa_min=${profile.rsaMinBitlen}`,
  ];
}

export interface SeedFixture {
  /** fixtures/mbedtls/<name> */
  name: string;
  dir: string;
  /** The device as the fixture describes it (lint.json). */
  lint: { for: string; at: string; host?: string; mbedtlsConfig: string[]; mbedtlsVersion: MbedtlsVersion };
  /** The build whose parser proves what the device does with its own certificate and key (fixtures/mbedtls/seed-002-*). */
  parseDevice?: Device;
  parseFixedDevice?: Device;
}

export interface MbedtlsScenarioSet {
  scenarios: MbedtlsScenario[];
  seeds: SeedFixture[];
}

export const MBEDTLS_FIXTURES = path.join(REPO_ROOT, "fixtures", "mbedtls");

/** The identity of the URI-SAN scenarios: a device dialled by URI (SPIFFE-style). */
const DEVICE_URI = "spiffe://pkilab.test/device";

/** The stock config header of a line, as the build reads it (includeDir of mbedtlsBuild). */
export function stockHeaderName(line: MbedtlsLine): string {
  return path.join("mbedtls", line === "3.6" ? "mbedtls_config.h" : "config.h");
}

/** The stock header in the unpacked source tree (scripts/install-peers.sh puts it there). */
function sourceStockHeader(line: "2.28" | "3.6"): string {
  const file = path.join(peersDir(), "src", line, "include", stockHeaderName(line));
  if (!existsSync(file)) throw new Error(`mbedTLS ${line} sources not found (${file}): run scripts/install-peers.sh (the README's test command does)`);
  return file;
}

/**
 * The user config a build gets. "replace" devices first #undef every option the stock header
 * defines (the user config is read after it: [2.28.3 config.h:4163-4165] [3.6.6 build_info.h:129-131]),
 * so the effective configuration is exactly the override files, as pkilab reads them.
 */
export function userConfigOf(device: Device): string | undefined {
  if (device.line === "2.28-system") {
    if (device.overrides.length > 0) throw new Error(`${device.id}: Debian's prebuilt library takes no user config`);
    return undefined;
  }
  if (device.base === "stock") return device.overrides.length > 0 ? device.overrides.map((file) => readFileSync(file, "utf8")).join("") : undefined;
  const text = device.overrides.map((file) => `/* ---- ${path.basename(file)} ---- */\n${readFileSync(file, "utf8")}`).join("\n");
  const stock = readFileSync(sourceStockHeader(device.line), "utf8");
  const names = [...new Set([...stock.matchAll(/^\s*#\s*define\s+(MBEDTLS_\w+)/gm)].map((m) => m[1]))].filter((n) => n !== "MBEDTLS_CONFIG_H");
  const clear = names.map((name) => `#undef ${name}`).join("\n");
  return `/* pkilab: the stock ${stockHeaderName(device.line)} is replaced by the files below */\n${clear}\n${text}`;
}

// ---------------------------------------------------------------------------------------------
// Material
// ---------------------------------------------------------------------------------------------

function openssl(args: string[], cwd: string): string {
  const result = spawnSync("openssl", args, { cwd, encoding: "utf8" });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`openssl ${args.join(" ")} failed:\n${result.stderr}`);
  return result.stdout;
}

function pkilab(args: string[]): void {
  const result = runCli(args, { timeoutMs: 300_000 });
  if (result.code !== 0) throw new Error(`pkilab ${args.join(" ")} failed (exit ${result.code}): ${result.stderr}`);
}

/** UTCTime as `openssl ca -startdate/-enddate` takes it. */
function utcTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z";
}

const DAY = 86_400_000;
const YEAR = 365 * DAY;

type OpensslKey = "p256" | "rsa1024" | "secp256k1";

interface Signer {
  cert: string;
  key: string;
}

interface Minted extends Signer {
  name: string;
}

/** `openssl ca` (the one OpenSSL 3.0 command that sets both dates) with its config and database. */
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

  private key(name: string, spec: OpensslKey): string {
    const file = path.join(this.dir, `${name}.key.pem`);
    const algorithm = spec.startsWith("rsa")
      ? ["-algorithm", "RSA", "-pkeyopt", `rsa_keygen_bits:${spec.slice(3)}`]
      : ["-algorithm", "EC", "-pkeyopt", `ec_paramgen_curve:${spec === "p256" ? "P-256" : spec}`];
    openssl(["genpkey", ...algorithm, "-out", file], this.dir);
    return file;
  }

  /** Issues `name` under `issuer`; `ext` are x509v3_config lines; dates are offsets from now. */
  issue(options: { name: string; cn: string; issuer: Signer; key: OpensslKey; ext: string[]; md?: string; from?: number; to?: number }): Minted {
    const base = path.join(this.dir, options.name);
    const key = this.key(options.name, options.key);
    writeFileSync(`${base}.ext`, ["[ ext ]", ...options.ext, ""].join("\n"));
    openssl(["req", "-new", "-key", key, "-subj", `/O=pkilab mbedtls-lint/CN=${options.cn}`, "-out", `${base}.csr`], this.dir);
    const now = Math.floor(Date.now() / 1000) * 1000;
    openssl(
      ["ca", "-batch", "-notext", "-config", this.config, "-cert", options.issuer.cert, "-keyfile", options.issuer.key,
        "-in", `${base}.csr`, "-out", `${base}.pem`,
        "-startdate", utcTime(new Date(now + (options.from ?? -DAY))), "-enddate", utcTime(new Date(now + (options.to ?? YEAR))),
        "-md", options.md ?? "sha256", "-extfile", `${base}.ext`, "-extensions", "ext"],
      this.dir,
    );
    return { name: options.name, cert: `${base}.pem`, key };
  }

  /** A self-signed certificate (`openssl req -x509`): a server certificate a device pins. */
  selfSigned(options: { name: string; cn: string; key: OpensslKey; ext: string[]; md?: string }): Minted {
    const base = path.join(this.dir, options.name);
    const key = this.key(options.name, options.key);
    writeFileSync(`${base}.cnf`, ["[ req ]", "distinguished_name = dn", "[ dn ]", "[ ext ]", ...options.ext, ""].join("\n"));
    openssl(
      ["req", "-x509", "-new", "-key", key, "-subj", `/O=pkilab mbedtls-lint/CN=${options.cn}`, "-days", "365", `-${options.md ?? "sha256"}`,
        "-config", `${base}.cnf`, "-extensions", "ext", "-out", `${base}.pem`],
      this.dir,
    );
    return { name: options.name, cert: `${base}.pem`, key };
  }
}

const CA_EXT = ["basicConstraints = critical, CA:TRUE", "keyUsage = critical, keyCertSign, cRLSign", "subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid"];

function serverExt(options: { eku?: string; san?: string } = {}): string[] {
  return [
    "basicConstraints = critical, CA:FALSE",
    "keyUsage = critical, digitalSignature, keyEncipherment",
    "subjectKeyIdentifier = hash",
    "authorityKeyIdentifier = keyid",
    `extendedKeyUsage = ${options.eku ?? "serverAuth"}`,
    `subjectAltName = ${options.san ?? "DNS:localhost"}`,
  ];
}

/** Bytes of the TLS 1.2 Certificate message carrying these PEM files (RFC 5246 7.4.2: 4 + 3 + Σ(3 + len)). */
function certificateMessageSize(files: string[]): number {
  let size = 4 + 3;
  for (const file of files) {
    for (const m of readFileSync(file, "utf8").matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)) {
      size += 3 + Buffer.from(m[1]!.replace(/\s+/g, ""), "base64").length;
    }
  }
  return size;
}

/** A server leaf of a pkilab lab: its certificate, key, chain.pem and the lab's root as the CA list. */
function labServer(lab: string, folder: string): { leaf: string; key: string; chain: string; ca: string } {
  const at = (file: string) => path.join(lab, "servers", folder, file);
  return { leaf: at("cert.pem"), key: at("key.pem"), chain: at("chain.pem"), ca: path.join(lab, "ca.pem") };
}

/** Writes a header (override) file for a variant build. */
function header(dir: string, name: string, lines: string[]): string {
  const file = path.join(dir, `${name}.h`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

/** Every device, the material, and the scenarios that combine them. */
export function makeMbedtlsScenarios(work: string): MbedtlsScenarioSet {
  requireProgram("openssl");
  const configs = path.join(work, "configs");
  mkdirSync(configs, { recursive: true });
  const files = path.join(work, "files");
  mkdirSync(files, { recursive: true });
  const bundle = (name: string, parts: string[]): string => {
    const file = path.join(files, `${name}.pem`);
    writeFileSync(file, parts.map((p) => readFileSync(p, "utf8")).join(""));
    return file;
  };

  // --- devices ---------------------------------------------------------------------------------
  const stock = (id: string, line: MbedtlsLine, overrides: string[] = [], dump = false): Device => ({
    id,
    line,
    version: line === "3.6" ? "3.6" : "2.28",
    base: "stock",
    overrides,
    ...(dump ? { dump } : {}),
  });
  // The same bytes as NO_P521 in test/peers/mbedtls-harness.test.ts: both tests share the cached build.
  const noP521 = header(configs, "no-p521", ["/* pkilab test variant: no P-521 */", "#undef MBEDTLS_ECP_DP_SECP521R1_ENABLED"]);
  const variant = (name: string, lines: string[]) => header(configs, name, [`/* pkilab mbedtls-lint variant: ${name} */`, ...lines]);
  const sys228 = stock("2.28-system", "2.28-system");
  const stock36 = stock("3.6", "3.6");
  const noP521v228 = stock("2.28 no P-521", "2.28", [noP521]);
  const noP521v36 = stock("3.6 no P-521", "3.6", [noP521]);
  const noP384v228 = stock("2.28 no P-384", "2.28", [variant("no-p384", ["#undef MBEDTLS_ECP_DP_SECP384R1_ENABLED"])]);
  const mpi256 = variant("mpi-max-size-256", ["#define MBEDTLS_MPI_MAX_SIZE 256"]);
  const mpi256v228 = stock("2.28 MPI_MAX_SIZE 256", "2.28", [mpi256], true);
  const mpi256v36 = stock("3.6 MPI_MAX_SIZE 256", "3.6", [mpi256]);
  const noSha512v228 = stock("2.28 no SHA-512", "2.28", [variant("no-sha512-2.28", ["#undef MBEDTLS_SHA512_C"])]);
  const noSha512v36 = stock("3.6 no SHA-384/512", "3.6", [variant("no-sha384-sha512-3.6", ["#undef MBEDTLS_SHA384_C", "#undef MBEDTLS_SHA512_C"])]);
  const in4096 = variant("in-content-len-4096", ["#define MBEDTLS_SSL_IN_CONTENT_LEN 4096"]);
  const in4096v228 = stock("2.28 IN_CONTENT_LEN 4096", "2.28", [in4096]);
  const in4096v36 = stock("3.6 IN_CONTENT_LEN 4096", "3.6", [in4096], true);
  const maxInt1v228 = stock("2.28 MAX_INTERMEDIATE_CA 1", "2.28", [variant("max-intermediate-ca-1", ["#define MBEDTLS_X509_MAX_INTERMEDIATE_CA 1"])]);
  const noTimev36 = stock("3.6 no HAVE_TIME_DATE", "3.6", [variant("no-have-time-date", ["#undef MBEDTLS_HAVE_TIME_DATE"])], true);

  // Seed fixtures: their config.h is the whole configuration.
  const seed000 = path.join(MBEDTLS_FIXTURES, "seed-000-ecdhe-ecdsa-only-vs-rsa-server");
  const seed002 = path.join(MBEDTLS_FIXTURES, "seed-002-p521-key-small-device");
  const replace = (id: string, overrides: string[]): Device => ({ id, line: "2.28", version: "2.28", base: "replace", overrides });
  const seed000Fix = header(configs, "seed-000-fix", [
    "/* seed 000's fix, as the asker reported it: the RSA key exchange and what it needs */",
    "#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED",
    "#define MBEDTLS_RSA_C",
    "#define MBEDTLS_PKCS1_V15",
    "#define MBEDTLS_PKCS1_V21",
  ]);
  const seed002Client = header(configs, "seed-002-as-client", [
    "/* pkilab: the harness is a TLS client on a PC: add the client side, use the platform's entropy */",
    "/* instead of the board's hardware RNG (MBEDTLS_ENTROPY_HARDWARE_ALT needs mbedtls_hardware_poll) */",
    "#define MBEDTLS_SSL_CLI_C",
    "#undef MBEDTLS_NO_PLATFORM_ENTROPY",
    "#undef MBEDTLS_ENTROPY_HARDWARE_ALT",
  ]);
  const seed002Fix = header(configs, "seed-002-fix", [
    "/* seed 002 fixed for a P-521 key: the curve, and bignums and ECP sized for it */",
    "#define MBEDTLS_ECP_DP_SECP521R1_ENABLED",
    "#undef MBEDTLS_MPI_MAX_SIZE",
    "#define MBEDTLS_MPI_MAX_SIZE 66",
    "#undef MBEDTLS_ECP_MAX_BITS",
    "#define MBEDTLS_ECP_MAX_BITS 521",
  ]);
  const seed000Device = replace("2.28 seed 000 config", [path.join(seed000, "config.h")]);
  const seed000Fixed = replace("2.28 seed 000 fixed", [path.join(seed000, "config.h"), seed000Fix]);
  const seed002Device = replace("2.28 seed 002 config (client)", [path.join(seed002, "config.h"), seed002Client]);
  const seed002Fixed = replace("2.28 seed 002 fixed (client)", [path.join(seed002, "config.h"), seed002Client, seed002Fix]);

  // --- material --------------------------------------------------------------------------------
  // Lab A: P-256 root and intermediate (every variant parses them), leaves of each kind under it.
  const labA = path.join(work, "lab-a");
  pkilab(["init", labA, "--root-key", "p256", "--intermediate-key", "p256", "--leaf-key", "p256", "--server", "localhost,127.0.0.1"]);
  const issueA = (name: string, key: string) => {
    pkilab(["issue", "server", name, "--lab", labA, "--key", key]);
    return labServer(labA, name.split(",")[0]!);
  };
  const p256 = labServer(labA, "localhost");
  const p384 = issueA("p384.localhost,localhost", "p384");
  const p521 = issueA("p521.localhost,localhost", "p521");
  const rsa2048 = issueA("rsa2048.localhost,localhost", "rsa2048");
  const rsa4096 = issueA("rsa4096.localhost,localhost", "rsa4096");
  const ipOnly = issueA("127.0.0.1", "p256");
  pkilab(["issue", "client", "localhost", "--lab", labA, "--san", "localhost"]);
  const clientAuthOnly = { ...p256, leaf: path.join(labA, "clients", "localhost", "cert.pem"), key: path.join(labA, "clients", "localhost", "key.pem") };
  // Many SANs make a P-256 leaf as large as needed: ~30 bytes per name.
  const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, "0")}.pkilab-lint.example`);
  const big3k = issueA(["big3k.localhost", "localhost", ...names("fits", 60)].join(","), "p256");
  const big5k = issueA(["big5k.localhost", "localhost", ...names("over4k", 160)].join(","), "p256");
  const big18k = issueA(["big18k.localhost", "localhost", ...names("over16k", 620)].join(","), "p256");
  const sizes = { big3k: certificateMessageSize([big3k.leaf, big3k.chain]), big5k: certificateMessageSize([big5k.leaf, big5k.chain]), big18k: certificateMessageSize([big18k.leaf, big18k.chain]) };
  if (!(sizes.big3k < 4096 && sizes.big5k > 4096 && sizes.big5k < 16384 && sizes.big18k > 16384)) {
    throw new Error(`the large-chain material misses its sizes (want <4096, 4096..16384, >16384): ${JSON.stringify(sizes)}`);
  }

  // Lab B: two intermediates.
  const labB = path.join(work, "lab-b");
  pkilab(["init", labB, "--root-key", "p256", "--intermediate-key", "p256", "--intermediates", "2", "--server", "localhost"]);
  const twoInts = labServer(labB, "localhost");
  const reversed = bundle("lab-b-reversed-chain", [path.join(labB, "intermediate-1", "cert.pem"), path.join(labB, "intermediate-2", "cert.pem")]);

  // Lab C: an RSA root over EC certificates (a device without MBEDTLS_RSA_C cannot parse the root).
  const labC = path.join(work, "lab-c");
  pkilab(["init", labC, "--root-key", "rsa2048", "--intermediate-key", "p256", "--leaf-key", "p256", "--server", "localhost"]);
  const underRsaRoot = labServer(labC, "localhost");

  // openssl ca, under lab A's intermediate (or root).
  const mint = new Mint(path.join(work, "mint"));
  const intA: Signer = { cert: path.join(labA, "intermediate-1", "cert.pem"), key: path.join(labA, "intermediate-1", "key.pem") };
  const rootA: Signer = { cert: path.join(labA, "root", "cert.pem"), key: path.join(labA, "root", "key.pem") };
  const underIntA = (m: Minted) => ({ leaf: m.cert, key: m.key, chain: intA.cert, ca: p256.ca });
  const sha512 = underIntA(mint.issue({ name: "sha512-signed", cn: "localhost", issuer: intA, key: "p256", ext: serverExt(), md: "sha512" }));
  const sha1 = underIntA(mint.issue({ name: "sha1-signed", cn: "localhost", issuer: intA, key: "p256", ext: serverExt(), md: "sha1" }));
  const expired = underIntA(mint.issue({ name: "expired", cn: "localhost", issuer: intA, key: "p256", ext: serverExt(), from: -YEAR, to: -DAY }));
  const ekuAny = underIntA(mint.issue({ name: "eku-any", cn: "localhost", issuer: intA, key: "p256", ext: serverExt({ eku: "anyExtendedKeyUsage" }) }));
  const rsa1024 = underIntA(mint.issue({ name: "rsa1024", cn: "localhost", issuer: intA, key: "rsa1024", ext: serverExt() }));
  const k256 = underIntA(mint.issue({ name: "secp256k1", cn: "localhost", issuer: intA, key: "secp256k1", ext: serverExt() }));
  // Nine intermediates under lab A's root, issuing CA first in the chain file.
  const nine: Minted[] = [];
  for (let i = 1; i <= 9; i++) nine.push(mint.issue({ name: `nine-int-${i}`, cn: `pkilab nine ${i}`, issuer: nine[i - 2] ?? rootA, key: "p256", ext: CA_EXT, to: 2 * YEAR }));
  const nineLeaf = mint.issue({ name: "nine-leaf", cn: "localhost", issuer: nine[8]!, key: "p256", ext: serverExt() });
  const nineInts = { leaf: nineLeaf.cert, key: nineLeaf.key, chain: bundle("nine-intermediates", nine.map((m) => m.cert).reverse()), ca: p256.ca };
  const sha224 = underIntA(mint.issue({ name: "sha224-signed", cn: "localhost", issuer: intA, key: "p256", ext: serverExt(), md: "sha224" }));
  // Pinned server certificates: the device's CA list holds the server's own certificate.
  const selfSignedExt = serverExt().filter((line) => !line.startsWith("authorityKeyIdentifier"));
  const pinned = (m: Minted) => ({ leaf: m.cert, key: m.key, ca: m.cert });
  const pinnedSha256 = pinned(mint.selfSigned({ name: "pinned-self-signed", cn: "localhost", key: "p256", ext: selfSignedExt }));
  const pinnedSha1 = pinned(mint.selfSigned({ name: "pinned-self-signed-sha1", cn: "localhost", key: "p256", ext: selfSignedExt, md: "sha1" }));
  const leafAndRoot = bundle("pinned-leaf-and-root", [p256.leaf, p256.ca]);
  // A server named only by a URI SAN (a SPIFFE-style identity), dialled by that URI.
  const uriOnly = underIntA(mint.issue({ name: "uri-san", cn: "pkilab uri device", issuer: intA, key: "p256", ext: serverExt({ san: `URI:${DEVICE_URI}` }) }));

  // Seed fixtures, as committed.
  const fixture = (dir: string) => ({
    leaf: path.join(dir, "leaf.pem"),
    key: path.join(dir, "key.pem"),
    ...(existsSync(path.join(dir, "chain.pem")) ? { chain: path.join(dir, "chain.pem") } : {}),
    ca: path.join(dir, "ca.pem"),
  });

  // --- scenarios -------------------------------------------------------------------------------
  type Material = { leaf: string; key: string; chain?: string; ca: string };
  const scenarios: MbedtlsScenario[] = [];
  const add = (name: string, device: Device, material: Material, note: string, extra: Partial<MbedtlsScenario> = {}): void => {
    if (scenarios.some((s) => s.name === name)) throw new Error(`duplicate scenario ${name}`);
    scenarios.push({ name, note, device, host: "localhost", ...material, ...extra });
  };
  const SECLEVEL0 = ["-cipher", "DEFAULT@SECLEVEL=0"];

  // Seeds (fixtures/mbedtls): the failing config and the fixed one, on the committed material.
  add("seed-000-ecdhe-ecdsa-only-vs-rsa-server", seed000Device, fixture(seed000), "only ECDHE_ECDSA against an RSA server: alert 40, -0x7780 (seed 000)", { host: "www.example.com", seed: "seed-000-ecdhe-ecdsa-only-vs-rsa-server" });
  add("seed-000-fixed-ecdhe-rsa", seed000Fixed, fixture(seed000), "ECDHE_RSA + RSA_C + PKCS1_V15/V21 added: handshake", { host: "www.example.com", seed: "seed-000-ecdhe-ecdsa-only-vs-rsa-server" });
  add("ec-server-rsa-root-seed-000-config", seed000Device, underRsaRoot, "the seed 000 device (no MBEDTLS_RSA_C) with an ECDSA server under an RSA root: the RSA root in its CA list and the RSA-signed intermediate do not parse (-0x262E), so NOT_TRUSTED, -0x2700, alert 48 (library/oid.c knows RSA signature OIDs only with MBEDTLS_RSA_C; ssl_tls.c ssl_parse_certificate_chain())");
  add("ec-server-rsa-root-seed-000-fixed", seed000Fixed, underRsaRoot, "the same with seed 000's fix (MBEDTLS_RSA_C on): handshake");
  add("seed-002-p521-key-small-device", seed002Device, fixture(seed002), "P-256/P-384 only, MPI_MAX_SIZE 48, as a TLS 1.2 client: secp521r1 not offered, alert 40, -0x7780 (the offered groups are the enabled curves)", { seed: "seed-002-p521-key-small-device" });
  add("seed-002-fixed-p521-enabled", seed002Fixed, fixture(seed002), "P-521 enabled, MPI_MAX_SIZE 66, ECP_MAX_BITS 521: handshake", { seed: "seed-002-p521-key-small-device" });

  // Curves compiled out (MBEDTLS_ECP_DP_*_ENABLED): the TLS 1.2 group list decides (RFC 8422 5.1).
  add("p521-leaf-2.28-no-p521", noP521v228, p521, "P-521 server, P-521 compiled out: not offered, alert 40, -0x7780 (2.28 is TLS 1.2 only)");
  add("p521-leaf-3.6-no-p521-tls12", noP521v36, p521, "same on 3.6 pinned to TLS 1.2: alert 40, -0x7780", { tls: "1.2" });
  add("p521-leaf-3.6-no-p521-tls13", noP521v36, p521, "same on 3.6 with TLS 1.3 allowed (the curve comes with the signature scheme there, RFC 8446 4.2.3)");
  add("p384-leaf-3.6-no-p521", noP521v36, p384, "the fix: a P-384 server for the same device");
  add("p521-leaf-2.28-system", sys228, p521, "the stock 2.28 client offers secp521r1 first: handshake (2.28 library/ecp.c ecp_supported_curves[])");
  add("p384-leaf-2.28-no-p384", noP384v228, p384, "P-384 server, P-384 compiled out (config, not run-time curves=): alert 40, -0x7780");
  add("p256-leaf-2.28-no-p384", noP384v228, p256, "the fix: a P-256 server for the same device");

  // MPI_MAX_SIZE (library/rsa.c rsa_check_context()).
  add("rsa4096-leaf-2.28-mpi-256", mpi256v228, rsa4096, "RSA-4096 server, MPI_MAX_SIZE 256: the leaf does not parse, -0x3B00, alert 42");
  add("rsa4096-leaf-3.6-mpi-256", mpi256v36, rsa4096, "same on 3.6: -0x3B00");
  add("rsa2048-leaf-2.28-mpi-256", mpi256v228, rsa2048, "the fix: RSA-2048 fits 256 bytes");

  // Hashes compiled out: the leaf is skipped (ssl_tls.c ssl_parse_certificate_chain()), then -0x2700.
  add("sha512-signed-leaf-2.28-no-sha512", noSha512v228, sha512, "ecdsa-with-SHA512 leaf, SHA512_C off: skipped, -0x2700, alert 42");
  add("sha512-signed-leaf-3.6-no-sha384-512", noSha512v36, sha512, "same on 3.6 (SHA384_C and SHA512_C off): -0x2700");
  add("sha512-signed-leaf-2.28-system", sys228, sha512, "the fix: the stock config has SHA-512");

  // The Certificate message against IN_CONTENT_LEN and 16 KB records (ssl_msg.c mbedtls_ssl_prepare_handshake_record(), mbedtls_ssl_fetch_input()).
  add("certificate-message-5k-2.28-in-4096", in4096v228, big5k, `Certificate message ${sizes.big5k} B in one record, IN_CONTENT_LEN 4096: -0x7100`);
  add("certificate-message-5k-3.6-in-4096", in4096v36, big5k, `same on 3.6 (TLS 1.3): -0x7100`);
  add("certificate-message-3k-3.6-in-4096", in4096v36, big3k, `Certificate message ${sizes.big3k} B fits IN_CONTENT_LEN 4096: handshake`);
  add("certificate-message-5k-2.28-system", sys228, big5k, "the fix: the stock IN_CONTENT_LEN 16384");
  add("certificate-message-18k-2.28-system", sys228, big18k, `Certificate message ${sizes.big18k} B: split over records, 2.28 cannot reassemble: -0x7080`);
  add("certificate-message-18k-3.6", stock36, big18k, "same on 3.6: reassembled, but larger than IN_CONTENT_LEN 16384: -0x7100");

  // Host names (x509_crt.c x509_crt_verify_name()).
  add("ip-san-only-2.28-system", sys228, ipOnly, "host=127.0.0.1, only an iPAddress SAN: 2.28 never matches it, -0x2700, flags 0x04, alert 42", { host: "127.0.0.1" });
  add("ip-san-only-3.6", stock36, ipOnly, "the same on 3.6 (3.5.0+ matches iPAddress SANs): handshake", { host: "127.0.0.1" });
  add("host-mismatch-2.28-system", sys228, p256, "host=other.example.com: -0x2700, CN_MISMATCH, alert 42", { host: "other.example.com" });
  add("host-mismatch-3.6", stock36, p256, "same on 3.6", { host: "other.example.com" });
  add("baseline-2.28-system", sys228, p256, "pkilab init's default server (P-256, one intermediate): handshake");
  add("baseline-3.6", stock36, p256, "the same on 3.6 (TLS 1.3): handshake");

  // Leaf usage (ssl_tls.c mbedtls_ssl_check_cert_usage()).
  add("eku-clientauth-only-2.28-system", sys228, clientAuthOnly, "server leaf with EKU clientAuth only: -0x7A00, alert 43");
  add("eku-clientauth-only-3.6", stock36, clientAuthOnly, "same on 3.6 (TLS 1.3): -0x7A00, alert 43");
  add("eku-any-2.28-system", sys228, ekuAny, "EKU anyExtendedKeyUsage: handshake");

  // Chain building (x509_crt.c x509_crt_find_parent()).
  add("intermediate-missing-2.28-system", sys228, { ...p256, chain: undefined }, "the server sends the leaf alone: -0x2700, NOT_TRUSTED, alert 48");
  add("intermediate-missing-3.6", stock36, { ...p256, chain: undefined }, "same on 3.6");
  add("intermediates-reversed-2.28-system", sys228, { ...twoInts, chain: reversed }, "two intermediates sent root-side first: NOT_TRUSTED, alert 48");
  add("intermediates-reversed-3.6", stock36, { ...twoInts, chain: reversed }, "same on 3.6");
  add("intermediates-in-order-2.28-system", sys228, twoInts, "the fix: issuing CA first (pkilab's chain.pem)");
  add("intermediate-only-anchor-2.28-system", sys228, { ...p256, ca: intA.cert }, "the CA list holds only the intermediate: any listed CA is a trust anchor in mbedTLS: handshake");
  add("intermediate-only-anchor-3.6", stock36, { ...p256, ca: intA.cert }, "same on 3.6");

  // Time (x509.c mbedtls_x509_time_is_past(), a no-op without MBEDTLS_HAVE_TIME_DATE).
  add("expired-leaf-2.28-system", sys228, expired, "expired yesterday, HAVE_TIME_DATE on: -0x2700, EXPIRED, alert 45");
  add("expired-leaf-3.6-no-time-date", noTimev36, expired, "the same certificate, HAVE_TIME_DATE off: never checked, handshake");

  // MBEDTLS_X509_MAX_INTERMEDIATE_CA (x509_crt.c x509_crt_verify_chain()).
  add("nine-intermediates-2.28-system", sys228, nineInts, "9 intermediates, MAX_INTERMEDIATE_CA 8: -0x3000, flags 0xFFFFFFFF, alert 49");
  add("nine-intermediates-3.6", stock36, nineInts, "same on 3.6");
  add("two-intermediates-2.28-max-1", maxInt1v228, twoInts, "2 intermediates, MAX_INTERMEDIATE_CA 1: -0x3000, alert 49");
  add("one-intermediate-2.28-max-1", maxInt1v228, p256, "1 intermediate, MAX_INTERMEDIATE_CA 1: handshake");

  // The default X.509 profile (x509_crt.c mbedtls_x509_crt_profile_default) and 3.6's default groups
  // (ssl_tls.c ssl_preset_default_groups[]).
  add("secp256k1-leaf-2.28-system", sys228, k256, "secp256k1 server: 2.28's default profile and groups accept it: handshake");
  add("secp256k1-leaf-3.6-tls12", stock36, k256, "same on 3.6 (TLS 1.2): secp256k1 not among the groups, alert 40, -0x7780", { tls: "1.2" });
  add("secp256k1-leaf-3.6", stock36, k256, "same on 3.6 with TLS 1.3 allowed (no TLS 1.3 signature scheme carries secp256k1, RFC 8446 4.2.3)");
  add("sha1-signed-leaf-2.28-system", sys228, sha1, "ecdsa-with-SHA1 leaf: BAD_MD, -0x2700, alert 46", { serverArgs: SECLEVEL0 });
  add("sha1-signed-leaf-3.6", stock36, sha1, "same on 3.6", { serverArgs: SECLEVEL0 });
  add("rsa1024-leaf-2.28-system", sys228, rsa1024, "RSA-1024 server: BAD_KEY, -0x2700, alert 43", { serverArgs: SECLEVEL0 });
  add("rsa1024-leaf-3.6", stock36, rsa1024, "same on 3.6", { serverArgs: SECLEVEL0 });

  // Pinned server certificates (x509_crt.c x509_crt_verify_chain()): a listed end-entity certificate ends
  // the chain only when it is self-issued (x509_crt_check_ee_locally_trusted()), and its own signature's hash
  // and algorithm are checked against the profile before that exemption.
  add("pinned-ca-issued-leaf-2.28-system", sys228, { ...p256, ca: p256.leaf }, "the CA list holds the server's own CA-issued certificate, the server sends its intermediate: not self-issued, no exemption, the root is missing: NOT_TRUSTED, -0x2700, alert 48");
  add("pinned-ca-issued-leaf-3.6", stock36, { ...p256, ca: p256.leaf }, "same on 3.6");
  add("pinned-ca-issued-leaf-alone-3.6", stock36, { ...p256, chain: undefined, ca: p256.leaf }, "the same certificate pinned and sent alone: NOT_TRUSTED");
  add("pinned-ca-issued-leaf-and-root-2.28-system", sys228, { ...p256, ca: leafAndRoot }, "the leaf pinned and the root listed too: the chain is built through the intermediate to the root: handshake");
  add("pinned-self-signed-2.28-system", sys228, pinnedSha256, "a pinned self-signed server certificate (SHA-256): a locally trusted end entity: handshake");
  add("pinned-self-signed-3.6", stock36, pinnedSha256, "same on 3.6");
  add("pinned-self-signed-sha1-2.28-system", sys228, pinnedSha1, "the same, self-signed with SHA-1: the hash is checked before the exemption: BAD_MD, -0x2700, alert 46", { serverArgs: SECLEVEL0 });
  add("pinned-self-signed-sha1-3.6", stock36, pinnedSha1, "same on 3.6", { serverArgs: SECLEVEL0 });

  // URI SANs (3.5.0+ x509_crt.c x509_crt_check_san() → x509_crt_check_san_uri(): the whole host string, byte for byte).
  add("uri-san-host-3.6", stock36, uriOnly, "host = the URI SAN: 3.5.0+ matches URI SANs exactly: handshake", { host: DEVICE_URI });
  add("uri-san-host-2.28-system", sys228, uriOnly, "same on 2.28: dNSName SANs only: CN_MISMATCH, -0x2700, alert 42", { host: DEVICE_URI });
  add("uri-san-host-other-case-3.6", stock36, uriOnly, "the URI in capitals: no normalisation (RFC 5280 7.4 is not applied): CN_MISMATCH", { host: DEVICE_URI.toUpperCase() });

  // X.509 profiles the firmware sets with mbedtls_ssl_conf_cert_profile() (x509_crt.c
  // mbedtls_x509_crt_profile_next / _suiteb, or its own mbedtls_x509_crt_profile).
  const legacy: CustomX509Profile = { name: "legacy-sha1-rsa1024", allowedMds: ["SHA1", "SHA224", "SHA256", "SHA384", "SHA512"], allowedPks: "any", allowedCurves: "any", rsaMinBitlen: 1024 };
  const p384Only: CustomX509Profile = { name: "p384-only", allowedMds: ["SHA256", "SHA384"], allowedPks: ["ECDSA", "ECKEY"], allowedCurves: ["SECP384R1"], rsaMinBitlen: 2048 };
  add("sha224-signed-leaf-2.28-system", sys228, sha224, "ecdsa-with-SHA224 leaf: 2.28's default profile takes SHA-224: handshake");
  add("profile-next-sha224-leaf-2.28-system", sys228, sha224, "the same with profile next (SHA-256+): BAD_MD, -0x2700, alert 46", { x509Profile: "next" });
  add("profile-default-sha224-leaf-2.28-system", sys228, sha224, "--mbedtls-profile default named: handshake", { x509Profile: "default" });
  add("profile-suiteb-rsa2048-leaf-2.28-system", sys228, rsa2048, "RSA-2048 server, profile suiteb (ECDSA/ECKEY only): BAD_PK, -0x2700, alert 43", { x509Profile: "suiteb" });
  add("profile-suiteb-rsa2048-leaf-3.6", stock36, rsa2048, "same on 3.6", { x509Profile: "suiteb" });
  add("profile-suiteb-p521-leaf-3.6", stock36, p521, "P-521 server, profile suiteb (P-256 and P-384 only): BAD_KEY, -0x2700, alert 43", { x509Profile: "suiteb" });
  add("profile-suiteb-rsa-root-3.6", stock36, underRsaRoot, "a P-256 server and intermediate under an RSA root, profile suiteb: the intermediate's RSA signature is refused (the root's RSA key is not: rsa_min_bitlen 0): BAD_PK, alert 43", { x509Profile: "suiteb" });
  add("profile-suiteb-p384-leaf-3.6", stock36, p384, "P-384 server under P-256 CAs, SHA-256: suiteb accepts: handshake", { x509Profile: "suiteb" });
  add("profile-custom-legacy-sha1-leaf-2.28-system", sys228, sha1, "a firmware profile allowing SHA-1 and RSA-1024 (old fleets): the SHA-1 leaf passes: handshake", { x509Profile: legacy, serverArgs: SECLEVEL0 });
  add("profile-custom-legacy-sha1-leaf-3.6", stock36, sha1, "same on 3.6", { x509Profile: legacy, serverArgs: SECLEVEL0 });
  add("profile-custom-legacy-rsa1024-leaf-3.6", stock36, rsa1024, "the same profile, RSA-1024 server: rsa_min_bitlen 1024: handshake", { x509Profile: legacy, serverArgs: SECLEVEL0 });
  add("profile-custom-p384-only-p256-leaf-3.6", stock36, p256, "a firmware profile with P-384 only: the P-256 leaf and CAs: BAD_KEY, -0x2700, alert 43", { x509Profile: p384Only });
  add("profile-custom-p384-only-p384-leaf-2.28-system", sys228, p384, "same profile, P-384 leaf under P-256 CAs: the issuers' keys are checked too: BAD_KEY, alert 43", { x509Profile: p384Only });

  const seeds: SeedFixture[] = [seed000, seed002].map((dir) => ({
    name: path.basename(dir),
    dir,
    lint: JSON.parse(readFileSync(path.join(dir, "lint.json"), "utf8")) as SeedFixture["lint"],
  }));
  seeds[1]!.parseDevice = seed002Device;
  seeds[1]!.parseFixedDevice = seed002Fixed;
  return { scenarios, seeds };
}
