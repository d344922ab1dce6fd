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

/** One scenario of src/knowledge/mbedtls-crl.ts: which intermediate's chain is presented, and the CRL files. */
export interface MbedtlsCrlScenarioFiles {
  via: "int" | "int2";
  crls: string[];
}

/** The PKI the mbedTLS CRL scenarios run on, with leaves of one extension section. */
export interface MbedtlsCrlPki {
  root: string;
  /** Per intermediate: its leaf, the leaf's key, the intermediate, and leaf + intermediate in one file. */
  chains: Record<MbedtlsCrlScenarioFiles["via"], { leaf: string; key: string; intermediate: string; bundle: string }>;
  /** Scenario id → files. */
  scenarios: Record<string, MbedtlsCrlScenarioFiles>;
}

/**
 * The PKI of the mbedTLS CRL table (src/knowledge/mbedtls-crl.ts), shared by the verify-level
 * (test/peers/crl-mbedtls-differential.test.ts, client leaves) and handshake-level
 * (test/peers/crl-mbedtls-lint.test.ts, server leaves) differentials: Root → Int → leaf;
 * Root → Int2 (keyUsage without cRLSign) → leaf2; a self-signed stranger named like Int (its CRLs
 * carry Int's name, signed by another key); an unrelated CA. Serials: root 1, Int 2, leaf 3, Int2 4, leaf2 5.
 */
export function makeMbedtlsCrlPki(dir: string, leafExtensions: "v_leaf" | "v_server"): MbedtlsCrlPki {
  const pki = new OpensslCrlPki(dir);
  for (const name of ["root", "int", "leaf", "int2", "leaf2", "stranger", "other"]) pki.key(name);
  const root = pki.certificate("root", "/CN=CRL Root", 1, "v_ca");
  const int = pki.certificate("int", "/CN=CRL Int", 2, "v_ca", "root");
  const leaf = pki.certificate("leaf", "/CN=crl leaf", 3, leafExtensions, "int");
  const int2 = pki.certificate("int2", "/CN=CRL Int2", 4, "v_ca_no_crlsign", "root");
  const leaf2 = pki.certificate("leaf2", "/CN=crl leaf2", 5, leafExtensions, "int2");
  pki.certificate("stranger", "/CN=CRL Int", 6, "v_ca");
  pki.certificate("other", "/CN=Other CA", 7, "v_ca");
  const [LEAF, INT, LEAF2] = [3, 2, 5];
  const rootCrl = pki.crl({ ca: "root" });
  const intCrl = pki.crl({ ca: "int" });
  const int1 = (crls: string[]): MbedtlsCrlScenarioFiles => ({ via: "int", crls });
  return {
    root,
    chains: {
      int: { leaf, key: pki.file("leaf.key"), intermediate: int, bundle: pki.bundle("chain.pem", [leaf, int]) },
      int2: { leaf: leaf2, key: pki.file("leaf2.key"), intermediate: int2, bundle: pki.bundle("chain2.pem", [leaf2, int2]) },
    },
    scenarios: {
      "no-crl": int1([]),
      "intermediate-crl-missing": int1([rootCrl]),
      "every-ca": int1([rootCrl, intCrl]),
      "crl-not-yet-valid": int1([rootCrl, pki.crl({ ca: "int", thisUpdateDays: 10, nextUpdateDays: 40 })]),
      "crl-expired": int1([rootCrl, pki.crl({ ca: "int", thisUpdateDays: -40, nextUpdateDays: -10 })]),
      "root-crl-expired": int1([pki.crl({ ca: "root", thisUpdateDays: -40, nextUpdateDays: -10 }), intCrl]),
      "revoked-leaf": int1([rootCrl, pki.crl({ ca: "int", revoked: [LEAF] })]),
      "revoked-intermediate": int1([pki.crl({ ca: "root", revoked: [INT] }), intCrl]),
      "revoked-root": int1([pki.crl({ ca: "root", revoked: [1] }), intCrl]),
      "revoked-leaf-expired-crl": int1([rootCrl, pki.crl({ ca: "int", revoked: [LEAF], thisUpdateDays: -40, nextUpdateDays: -10 })]),
      "revoked-leaf-future-crl": int1([rootCrl, pki.crl({ ca: "int", revoked: [LEAF], thisUpdateDays: 10, nextUpdateDays: 40 })]),
      "older-crl-revokes": int1([rootCrl, pki.crl({ ca: "int", revoked: [LEAF], thisUpdateDays: -5 }), intCrl]),
      "wrong-signer": int1([rootCrl, pki.crl({ ca: "stranger" })]),
      "bad-signature": int1([rootCrl, pki.corruptSignature(intCrl)]),
      "other-issuer": int1([pki.crl({ ca: "other", revoked: [LEAF] })]),
      "no-crlsign": { via: "int2", crls: [rootCrl, pki.crl({ ca: "int2" })] },
      "no-crlsign-revoked-leaf": { via: "int2", crls: [rootCrl, pki.crl({ ca: "int2", revoked: [LEAF2] })] },
      "no-next-update": int1([rootCrl, pki.withoutNextUpdate(intCrl, "int")]),
      "sha1-crl": int1([rootCrl, pki.crl({ ca: "int", md: "sha1" })]),
    },
  };
}
