// Certificates made with the openssl CLI for the differential tests (chain-variants.ts,
// nginx-scenarios.ts). `openssl ca` is the only OpenSSL 3.0 command that sets an explicit notBefore
// (`x509 -req` cannot, and `req -x509 -not_before` arrived in 3.4), which the not-yet-valid cases need.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export const MINUTE = 60_000;
export const DAY = 86_400_000;
export const YEAR = 365 * DAY;

export type KeySpec = "p256" | "p384" | "p521" | "rsa1024" | "rsa2048";

/** A certificate made by the mint: its PEM file and its private key. */
export interface Issued {
  cert: string;
  key: string;
  keySpec: KeySpec;
}

export interface CertSpec {
  /** File stem under certs/. */
  name: string;
  cn: string;
  key: KeySpec;
  /** Absent: self-signed. */
  issuer?: Issued;
  /** Lines of the extension section (openssl x509v3_config syntax). */
  ext: string[];
  /** Validity as offsets from the mint's `now`, in ms. */
  from: number;
  to: number;
  /** Signature digest; default: the one matching the issuer's key. */
  md?: string;
  sigopt?: string[];
  /** Certificates with the same label share one key (leaves: verification never needs their keys). */
  keyLabel?: string;
}

export const CA_EXT = ["basicConstraints = critical, CA:TRUE", "keyUsage = critical, keyCertSign, cRLSign", "subjectKeyIdentifier = hash"];
export const ISSUED_CA_EXT = [...CA_EXT, "authorityKeyIdentifier = keyid"];

export function leafExt(options: { eku?: string; san?: string; ku?: string; aki?: boolean; extra?: string[] } = {}): string[] {
  return [
    "basicConstraints = critical, CA:FALSE",
    `keyUsage = critical, ${options.ku ?? "digitalSignature"}`,
    "subjectKeyIdentifier = hash",
    // openssl 3.0's ca adds an AKI by default: "none" is the only way to leave it out.
    `authorityKeyIdentifier = ${options.aki ?? true ? "keyid" : "none"}`,
    ...(options.eku ? [`extendedKeyUsage = ${options.eku}`] : []),
    ...(options.san ? [`subjectAltName = ${options.san}`] : []),
    ...(options.extra ?? []),
  ];
}

function openssl(args: string[], cwd: string): void {
  const result = spawnSync("openssl", args, { cwd, encoding: "utf8" });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`openssl ${args.join(" ")} failed:\n${result.stderr}`);
}

/** UTCTime as `openssl ca -startdate/-enddate` takes it (every date here is in 2000-2049). */
function utcTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z";
}

function digestFor(key: KeySpec): string {
  if (key === "p384") return "sha384";
  if (key === "p521") return "sha512";
  return "sha256";
}

/** Issues certificates with `openssl ca`, which needs a config, a database and a CSR per certificate. */
export class Mint {
  private readonly config: string;
  private readonly keys = new Map<string, string>();

  /** `organization`: an O= added to every subject after the CN. */
  constructor(
    private readonly dir: string,
    readonly now: number,
    private readonly organization?: string,
  ) {
    mkdirSync(path.join(dir, "certs"), { recursive: true });
    mkdirSync(path.join(dir, "newcerts"), { recursive: true });
    writeFileSync(path.join(dir, "index.txt"), "");
    this.config = path.join(dir, "ca.cnf");
    // unique_subject = no: the impostor CAs reuse a real CA's name on purpose.
    writeFileSync(
      this.config,
      ["[ ca ]", "default_ca = lab", "[ lab ]", "database = index.txt", "new_certs_dir = newcerts", "rand_serial = yes",
        "unique_subject = no", "copy_extensions = none", "policy = any_name", "[ any_name ]", "commonName = supplied", ""].join("\n"),
    );
  }

  /** One key per distinct label; a fresh key otherwise. */
  key(spec: KeySpec, label?: string): string {
    const id = label ?? `${spec}-${this.keys.size}`;
    const existing = this.keys.get(id);
    if (existing) return existing;
    const file = path.join(this.dir, "certs", `key-${id}.pem`);
    const algorithm = spec.startsWith("rsa")
      ? ["-algorithm", "RSA", "-pkeyopt", `rsa_keygen_bits:${spec.slice(3)}`]
      : ["-algorithm", "EC", "-pkeyopt", `ec_paramgen_curve:P-${spec.slice(1)}`];
    openssl(["genpkey", ...algorithm, "-out", file], this.dir);
    this.keys.set(id, file);
    return file;
  }

  issue(spec: CertSpec): Issued {
    const base = path.join(this.dir, "certs", spec.name);
    const key = this.key(spec.key, spec.keyLabel);
    writeFileSync(`${base}.ext`, ["[ ext ]", ...spec.ext, ""].join("\n"));
    const subject = `/CN=${spec.cn}${this.organization ? `/O=${this.organization}` : ""}`;
    openssl(["req", "-new", "-key", key, "-subj", subject, "-out", `${base}.csr`], this.dir);
    const signer = spec.issuer ? ["-cert", spec.issuer.cert, "-keyfile", spec.issuer.key] : ["-selfsign", "-keyfile", key];
    const sigopt = (spec.sigopt ?? []).flatMap((o) => ["-sigopt", o]);
    openssl(
      ["ca", "-batch", "-notext", "-config", this.config, ...signer, ...sigopt, "-in", `${base}.csr`, "-out", `${base}.pem`,
        "-startdate", utcTime(new Date(this.now + spec.from)), "-enddate", utcTime(new Date(this.now + spec.to)),
        "-md", spec.md ?? digestFor(spec.issuer?.keySpec ?? spec.key), "-extfile", `${base}.ext`, "-extensions", "ext"],
      this.dir,
    );
    return { cert: `${base}.pem`, key, keySpec: spec.key };
  }
}
