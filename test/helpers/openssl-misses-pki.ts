// Certificates for test/peers/openssl-misses*.test.ts, made with the openssl CLI (`req -x509` and
// `x509 -req`: these tests need no explicit notBefore, so not openssl-mint.ts's `openssl ca`).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** A CA: its certificate file and its key file. */
export interface Signer {
  cert: string;
  key: string;
}

export const CA_EXT = ["basicConstraints = critical, CA:TRUE", "keyUsage = critical, keyCertSign, cRLSign", "subjectKeyIdentifier = hash"];
export const ISSUED_CA_EXT = [...CA_EXT, "authorityKeyIdentifier = keyid"];
export const CLIENT_EXT = ["basicConstraints = critical, CA:FALSE", "keyUsage = critical, digitalSignature", "extendedKeyUsage = clientAuth"];
export const KEY_IDS = ["subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid"];
export const NO_KEY_IDS = ["subjectKeyIdentifier = none", "authorityKeyIdentifier = none"];

export class OpensslPki {
  private serial = 1;

  constructor(readonly dir: string) {}

  file(name: string): string {
    return path.join(this.dir, name);
  }

  openssl(args: string[], input?: string): string {
    const result = spawnSync("openssl", args, { cwd: this.dir, encoding: "utf8", input, timeout: 30_000 });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`openssl ${args.join(" ")} failed:\n${result.stderr}`);
    return result.stdout;
  }

  /** A key file: "ec" (P-256), "ed25519", "ed448", "x25519", "x448". */
  key(name: string, type = "ec"): string {
    const out = this.file(`${name}.key`);
    this.openssl(["genpkey", ...(type === "ec" ? ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"] : ["-algorithm", type.toUpperCase()]), "-out", out]);
    return out;
  }

  private extFile(name: string, lines: string[]): string {
    const out = this.file(`${name}.ext`);
    writeFileSync(out, ["[req]", "distinguished_name = dn", "[dn]", "[v3]", ...lines, ""].join("\n"));
    return out;
  }

  /** A self-signed certificate with the extension lines given (openssl x509v3_config syntax). */
  selfSigned(name: string, cn: string, keyFile: string, ext: string[]): string {
    const out = this.file(`${name}.pem`);
    this.openssl(["req", "-new", "-x509", "-key", keyFile, "-subj", `/CN=${cn}`, "-days", "30", "-config", this.extFile(name, ext), "-extensions", "v3", "-out", out]);
    return out;
  }

  /**
   * A certificate for `subjectKey` issued by `ca`. A key that cannot sign (X25519, X448) goes in
   * with -force_pubkey: the request is signed by a throwaway EC key.
   */
  issue(name: string, cn: string, subjectKey: string, ca: Signer, ext: string[]): string {
    const out = this.file(`${name}.pem`);
    const canSign = !/X25519|X448/.test(this.openssl(["pkey", "-in", subjectKey, "-noout", "-text"]).split("\n")[0] ?? "");
    const signer = canSign ? subjectKey : this.key(`${name}-csr`, "ec");
    const csr = this.openssl(["req", "-new", "-key", signer, "-subj", `/CN=${cn}`]);
    const forced: string[] = [];
    if (!canSign) {
      writeFileSync(this.file(`${name}.pub`), this.openssl(["pkey", "-in", subjectKey, "-pubout"]));
      forced.push("-force_pubkey", this.file(`${name}.pub`));
    }
    this.openssl(["x509", "-req", "-CA", ca.cert, "-CAkey", ca.key, "-set_serial", String(this.serial++), "-days", "20",
      "-extfile", this.extFile(name, ext), "-extensions", "v3", ...forced, "-out", out], csr);
    return out;
  }

  /** The certificate as OpenSSL's "TRUSTED CERTIFICATE" with auxiliary trust (`openssl x509 -addtrust/-addreject`). */
  trusted(name: string, cert: string, settings: { trust?: string[]; reject?: string[] }): string {
    const out = this.file(`${name}.pem`);
    const args = [...(settings.trust ?? []).flatMap((t) => ["-addtrust", t]), ...(settings.reject ?? []).flatMap((r) => ["-addreject", r])];
    this.openssl(["x509", "-in", cert, ...args, "-out", out]);
    return out;
  }

  /** Files joined into one PEM file. */
  bundle(name: string, files: string[]): string {
    const out = this.file(`${name}.pem`);
    writeFileSync(out, files.map((f) => readFileSync(f, "utf8")).join(""));
    return out;
  }
}
