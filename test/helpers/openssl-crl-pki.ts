// A small PKI and its CRLs made with the openssl CLI, for the device-side CRL differentials: keys
// (P-256), certificates from `openssl req`/`openssl x509 -req` with the extension sections below,
// and CRLs from `openssl ca -gencrl` with one minimal config each (the same recipe as
// test/peers/crl-verify-differential.test.ts). Dates are relative to now, in days, so the
// scenarios mean the same thing on any day the test runs.
import assert from "node:assert/strict";
import { sign } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { children, raw, readWhole } from "../../src/asn1/der-reader.js";
import * as der from "../../src/asn1/der-writer.js";
import { requireProgram, run } from "./peers.js";

const EXTENSIONS = [
  "[req]",
  "distinguished_name = dn",
  "[dn]",
  "[v_ca]",
  "basicConstraints = critical, CA:TRUE",
  "keyUsage = critical, keyCertSign, cRLSign",
  "subjectKeyIdentifier = hash",
  "authorityKeyIdentifier = keyid",
  "[v_ca_no_crlsign]",
  "basicConstraints = critical, CA:TRUE",
  "keyUsage = critical, keyCertSign",
  "subjectKeyIdentifier = hash",
  "authorityKeyIdentifier = keyid",
  "[v_leaf]",
  "basicConstraints = CA:FALSE",
  "keyUsage = critical, digitalSignature",
  "extendedKeyUsage = clientAuth",
  "subjectKeyIdentifier = hash",
  "authorityKeyIdentifier = keyid",
  "[v_server]",
  "basicConstraints = CA:FALSE",
  "keyUsage = critical, digitalSignature",
  "extendedKeyUsage = serverAuth",
  "subjectAltName = DNS:crl.test",
  "subjectKeyIdentifier = hash",
  "authorityKeyIdentifier = keyid",
  "",
].join("\n");

export interface CrlSpec {
  /** The CA (key and certificate file stem) that signs it. */
  ca: string;
  /** Serial numbers of revoked certificates. */
  revoked?: number[];
  /** thisUpdate, in days from now (default -1). */
  thisUpdateDays?: number;
  /** nextUpdate, in days from now (default 30). */
  nextUpdateDays?: number;
  /** thisUpdate and nextUpdate as fixed `openssl ca` dates (YYYYMMDDHHMMSSZ): they win over the days. */
  lastUpdate?: string;
  nextUpdate?: string;
  /** More lines of the crl_extensions section; an [idp] section (onlyuser = TRUE) is there to name. */
  extensions?: string[];
  /** Leave out the authorityKeyIdentifier (a CRL that names no key). */
  noAki?: boolean;
  /** Signature hash (default sha256). */
  md?: string;
}

/** `openssl ca` date form, YYYYMMDDHHMMSSZ, `days` from now. */
function opensslDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().replace(/[-:T]/g, "").replace(/\.\d+Z$/, "Z");
}

export class OpensslCrlPki {
  private crlCount = 0;

  constructor(readonly dir: string) {
    requireProgram("openssl");
    mkdirSync(dir, { recursive: true });
    writeFileSync(this.file("ext.cnf"), EXTENSIONS);
  }

  file(name: string): string {
    return path.join(this.dir, name);
  }

  private openssl(args: string[]): void {
    const result = run("openssl", args, { cwd: this.dir });
    assert.equal(result.code, 0, `openssl ${args.join(" ")}: ${result.stderr}`);
  }

  key(name: string): void {
    this.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", this.file(`${name}.key`)]);
  }

  /**
   * Certificate `name`.pem for `subject` with the `extensions` section of EXTENSIONS, issued by
   * `issuer` (self-signed when undefined); valid from now for 10 years (root) or 1000 days.
   */
  certificate(name: string, subject: string, serial: number, extensions: string, issuer?: string): string {
    const out = this.file(`${name}.pem`);
    const common = ["-set_serial", String(serial), "-out", out];
    if (!issuer) {
      this.openssl(["req", "-x509", "-new", "-key", this.file(`${name}.key`), "-subj", subject, "-days", "3650", "-config", this.file("ext.cnf"), "-extensions", extensions, ...common]);
      return out;
    }
    this.openssl(["req", "-new", "-key", this.file(`${name}.key`), "-subj", subject, "-config", this.file("ext.cnf"), "-out", this.file(`${name}.csr`)]);
    this.openssl(["x509", "-req", "-in", this.file(`${name}.csr`), "-CA", this.file(`${issuer}.pem`), "-CAkey", this.file(`${issuer}.key`), "-days", "1000", "-extfile", this.file("ext.cnf"), "-extensions", extensions, ...common]);
    return out;
  }

  /** `openssl ca -gencrl` with a minimal config (version 2, AKI unless noAki, CRL number 1): the PEM file's path. */
  crl(spec: CrlSpec): string {
    const name = `crl-${++this.crlCount}`;
    const dir = this.file(name);
    mkdirSync(dir);
    // index.txt rows for the revoked certificates (openssl ca's database format, tab-separated).
    const rows = (spec.revoked ?? []).map((serial) => ["R", "351231235959Z", "250101000000Z", serial.toString(16).toUpperCase().padStart(2, "0"), "unknown", "/CN=x"].join("\t") + "\n");
    writeFileSync(path.join(dir, "index.txt"), rows.join(""));
    writeFileSync(path.join(dir, "crlnumber"), "01\n");
    const extensions = [...(spec.noAki ? [] : ["authorityKeyIdentifier = keyid"]), ...(spec.extensions ?? [])];
    const config = ["[ca]", "default_ca = x", "[x]", `database = ${dir}/index.txt`, `crlnumber = ${dir}/crlnumber`, `default_md = ${spec.md ?? "sha256"}`, "crl_extensions = crl_ext", "[crl_ext]", ...extensions, "[idp]", "onlyuser = TRUE", ""];
    writeFileSync(path.join(dir, "ca.cnf"), config.join("\n"));
    const out = this.file(`${name}.pem`);
    this.openssl([
      "ca", "-gencrl", "-config", path.join(dir, "ca.cnf"), "-keyfile", this.file(`${spec.ca}.key`), "-cert", this.file(`${spec.ca}.pem`),
      "-crl_lastupdate", spec.lastUpdate ?? opensslDate(spec.thisUpdateDays ?? -1), "-crl_nextupdate", spec.nextUpdate ?? opensslDate(spec.nextUpdateDays ?? 30), "-out", out,
    ]);
    return out;
  }

  toDer(pem: string): string {
    const out = `${pem}.der`;
    this.openssl(["crl", "-in", pem, "-outform", "DER", "-out", out]);
    return out;
  }

  /** The CRL with its signature's last byte changed (an ECDSA s still parses: the signature fails). */
  corruptSignature(pem: string): string {
    const bytes = Uint8Array.from(readFileSync(this.toDer(pem)));
    const last = bytes.length - 1;
    bytes[last] = (bytes[last] ?? 0) ^ 0x01;
    const out = `${pem}.bad.der`;
    writeFileSync(out, bytes);
    return out;
  }

  /** The CRL without nextUpdate (OPTIONAL, RFC 5280 5.1.2.5; `openssl ca` always writes one), re-signed by `keyName`. */
  withoutNextUpdate(pem: string, keyName: string): string {
    const bytes = readFileSync(this.toDer(pem));
    const [tbs, algorithm] = children(bytes, readWhole(bytes));
    const fields = children(bytes, tbs).filter((_, i) => i !== 4); // version, signature, issuer, thisUpdate, [nextUpdate], ...
    const newTbs = der.sequence(...fields.map((node) => raw(bytes, node)));
    const signature = sign("sha256", newTbs, readFileSync(this.file(`${keyName}.key`)));
    const out = `${pem}.no-next.der`;
    writeFileSync(out, der.sequence(newTbs, raw(bytes, algorithm), der.bitString(signature)));
    return out;
  }

  /** Concatenates PEM files into `name` (a chain file or a CRL bundle). */
  bundle(name: string, files: string[]): string {
    const out = this.file(name);
    writeFileSync(out, files.map((f) => readFileSync(f, "utf8")).join(""));
    return out;
  }
}
