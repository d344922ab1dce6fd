import { InputError } from "../io/input-error.js";
import { readCertificateFile } from "../io/read.js";
import { lint } from "../lint/engine.js";
import type { InputOrigin, LintReport } from "../lint/types.js";
import { buildProfile, type ProfileOptions } from "../peers/index.js";
import type { PeerId } from "../peers/types.js";
import type { ClientHello } from "../peers/parse/client-hello.js";
import type { CertFacts } from "../model/certificate.js";
import { eachInOrder, startLeaf, type AheadStep } from "./read-ahead.js";
import type { MbedtlsCapabilities } from "../peers/parse/mbedtls-config.js";
import type { WolfsslCapabilities } from "../peers/parse/wolfssl-config.js";

export interface LintRequest {
  file: string;
  chainFiles: string[];
  caFiles: string[];
  peers: PeerId[];
  at: Date;
  host?: string;
  verifyDepth?: number;
  opensslSeries?: "1.0" | "1.1+";
  password?: string;
  /** CRL files (--crl): nginx-mtls checks revocation against them as against ssl_crl; an mbedTLS device as mbedtls_ssl_conf_ca_chain() does. */
  crlFiles?: string[];
  /** The crl.pem of the lab the certificate lives in: nginx-mtls's ssl_crl when neither --crl nor ssl_crl names one. */
  labCrlFile?: string;
  /** A real nginx.conf: ssl_verify_depth, ssl_client_certificate, ssl_trusted_certificate, ssl_verify_client, ssl_crl. */
  nginxConf?: string;
  /** Which server block of nginxConf (by server_name). */
  nginxServerName?: string;
  /** mbedTLS config header(s): the main config, then user-config overrides. */
  mbedtlsConfig?: string[];
  mbedtlsVersion?: "2.28" | "3.6";
  /** --mbedtls-profile: default, next, suiteb or a profile file (the firmware's mbedtls_ssl_conf_cert_profile()). */
  mbedtlsProfile?: string;
  /** wolfSSL options.h / user_settings.h, then overrides (--wolfssl-config). */
  wolfsslConfig?: string[];
  /** wolfSSL_CTX_set_verify_depth() as the firmware calls it (--wolfssl-verify-depth). */
  wolfsslVerifyDepth?: number;
  /** The linted certificate is the device's own (it sends it), not the server's. */
  deviceCert?: boolean;
  /** The device's clock (a device without RTC starts at its build date). */
  deviceClock?: Date;
  /** A captured ClientHello: file or hex, or one already decoded (explain --log found it in the log). */
  clientHello?: string | ClientHello;
  /** The device's private key, for key-format rules (never printed). */
  keyFile?: string;
  /** go-mtls, go-client: the Go release (--go-version). */
  goVersion?: string;
}

/**
 * What nginx is configured with, from the flags and, where they are silent, from nginx.conf: flags
 * win over the file. `namedAt` says which directive named each file, so a bad file is reported
 * against its directive.
 */
interface NginxInputs {
  caFiles: string[];
  verifyDepth?: number;
  verifyDepthSource?: string;
  configOrigin?: string;
  verifyClient?: string;
  serverNames?: string[];
  crlFiles: string[];
  crlSource?: string;
  namedAt: Map<string, string>;
}

async function nginxInputs(request: LintRequest): Promise<NginxInputs> {
  const crlFiles = request.crlFiles ?? [];
  const inputs: NginxInputs = {
    caFiles: request.caFiles,
    verifyDepth: request.verifyDepth,
    verifyDepthSource: request.verifyDepth !== undefined ? "--verify-depth" : undefined,
    crlFiles,
    crlSource: crlFiles.length > 0 ? `--crl ${crlFiles.join(", ")}` : undefined,
    namedAt: new Map(),
  };
  if (inputs.crlFiles.length === 0 && request.labCrlFile) {
    inputs.crlFiles = [request.labCrlFile];
    inputs.crlSource = `${request.labCrlFile} — from the lab (the ssl_crl of pkilab export --nginx)`;
  }
  if (!request.nginxConf) return inputs;
  const { readNginxTls } = await import("./read-nginx-conf.js");
  const settings = readNginxTls(request.nginxConf, { serverName: request.nginxServerName });
  // nginx verifies with the CAs of ssl_client_certificate and ssl_trusted_certificate (only the former are named to clients).
  if (inputs.caFiles.length === 0) {
    inputs.caFiles = [settings.sslClientCertificate, settings.sslTrustedCertificate].filter((f): f is string => f !== undefined);
    if (settings.sslClientCertificate) inputs.namedAt.set(settings.sslClientCertificate, `ssl_client_certificate at ${settings.origins.sslClientCertificate}`);
    if (settings.sslTrustedCertificate) inputs.namedAt.set(settings.sslTrustedCertificate, `ssl_trusted_certificate at ${settings.origins.sslTrustedCertificate}`);
  }
  if (inputs.verifyDepth === undefined && settings.sslVerifyDepth !== undefined) {
    inputs.verifyDepth = settings.sslVerifyDepth;
    inputs.verifyDepthSource = settings.origins.sslVerifyDepth ?? "nginx.conf";
  }
  // As for the CAs, --crl wins over ssl_crl.
  if (inputs.crlFiles.length === 0 && settings.sslCrl !== undefined) {
    inputs.crlFiles = [settings.sslCrl];
    inputs.crlSource = `ssl_crl at ${settings.origins.sslCrl ?? settings.serverBlock}`;
    inputs.namedAt.set(settings.sslCrl, inputs.crlSource);
  }
  inputs.configOrigin = settings.origins.sslVerifyDepth ?? settings.serverBlock;
  inputs.verifyClient = settings.sslVerifyClient;
  inputs.serverNames = settings.serverNames;
  return inputs;
}

/** Reads a file named by nginx.conf; its errors start with the directive that named it. */
async function readNamed<T>(file: string, namedAt: Map<string, string>, read: (file: string) => T | Promise<T>): Promise<T> {
  try {
    return await read(file);
  } catch (err) {
    const where = namedAt.get(file);
    throw where && err instanceof InputError ? new InputError(`${where}: ${err.message}`) : err;
  }
}

/** Reads the certificate, its chain and the trust anchors once, and lints them for each peer. */
export async function lintFiles(request: LintRequest): Promise<LintReport> {
  const [leaf, ...bundled] = await readCertificateFile(request.file, { role: "the certificate to lint", password: request.password });
  const chain = [...bundled, ...(await Promise.all(request.chainFiles.map((f) => readCertificateFile(f, { role: "intermediate certificates", password: request.password })))).flat()];
  return lintCertificates(leaf, chain, request);
}

/**
 * Lints a certificate and the chain sent with it that the caller already has (`probe` read them
 * off the wire); the rest of the request (anchors, configs, CRLs) is read from files as for lint.
 * `request.file` names where the certificate came from.
 */
export async function lintCertificates(leaf: CertFacts, chain: CertFacts[], request: LintRequest): Promise<LintReport> {
  return (await lintContext(request)).lint(leaf, chain, request.file);
}

/**
 * Lints many certificate files that share everything else (the same --chain, --ca, --for and
 * configs): what the leaves share is read once, each file is read (and its signature checked on
 * the thread pool) a little ahead of its turn (read-ahead.ts), and each report is handed to
 * `report` in input order (nothing is kept per file beyond the read-ahead).
 */
export async function lintEachFile(files: string[], request: Omit<LintRequest, "file">, report: (report: LintReport) => void): Promise<void> {
  const shared = (await Promise.all(request.chainFiles.map((f) => readCertificateFile(f, { role: "intermediate certificates", password: request.password })))).flat();
  const context = await lintContext({ ...request, file: files[0] ?? "" });
  const issuers = [...shared, ...context.anchors];
  const step: AheadStep<[CertFacts, ...CertFacts[]], LintReport> = {
    start: (file) => startLeaf(file, { role: "the certificate to lint", password: request.password }, issuers),
    finish: ([leaf, ...bundled], file) => context.lint(leaf, [...bundled, ...shared], file),
  };
  await eachInOrder(files, step, report);
}

/** What every lint of a request shares: the trust anchors, and the lint of one certificate with them. */
interface LintContext {
  anchors: CertFacts[];
  lint(leaf: CertFacts, chain: CertFacts[], file: string): LintReport;
}

/** Reads what a lint needs besides the certificate and its chain, once, and returns the lint of one certificate. */
async function lintContext(request: LintRequest): Promise<LintContext> {
  const nginx = await nginxInputs(request);
  const { caFiles, verifyDepth, namedAt } = nginx;
  const readAnchors = (file: string) => readCertificateFile(file, { role: "the trust anchors (CA certificates)", password: request.password });
  const anchors = (await Promise.all(caFiles.map((file) => readNamed(file, namedAt, readAnchors)))).flat();
  let crls: ProfileOptions["crls"];
  if (nginx.crlFiles.length > 0) {
    const { readCrlFile } = await import("./verify.js");
    const read = await Promise.all(nginx.crlFiles.map((file) => readNamed(file, namedAt, readCrlFile)));
    crls = { crls: read.flat(), source: nginx.crlSource ?? nginx.crlFiles.join(", ") };
  }
  if (verifyDepth !== undefined && (verifyDepth < 0 || !Number.isInteger(verifyDepth))) {
    throw new InputError(`--verify-depth ${verifyDepth}: must be a whole number, 0 or more`);
  }
  let mbedtls: MbedtlsCapabilities | undefined;
  if (request.mbedtlsConfig && request.mbedtlsConfig.length > 0) {
    const { readMbedtlsConfig } = await import("./read-mbedtls-config.js");
    mbedtls = readMbedtlsConfig(request.mbedtlsConfig, { version: request.mbedtlsVersion });
  }
  let mbedtlsX509Profile: ProfileOptions["mbedtlsX509Profile"];
  if (request.mbedtlsProfile !== undefined) {
    const { readMbedtlsX509Profile } = await import("./read-mbedtls-x509-profile.js");
    mbedtlsX509Profile = readMbedtlsX509Profile(request.mbedtlsProfile);
  }
  let wolfssl: WolfsslCapabilities | undefined;
  if (request.wolfsslConfig && request.wolfsslConfig.length > 0) {
    const { readWolfsslConfig } = await import("./read-wolfssl-config.js");
    wolfssl = readWolfsslConfig(request.wolfsslConfig);
  }
  let clientHello = typeof request.clientHello === "object" ? request.clientHello : undefined;
  if (typeof request.clientHello === "string") {
    const { readClientHello } = await import("./read-client-hello.js");
    clientHello = readClientHello(request.clientHello);
  }
  const key = request.keyFile ? (await import("../io/private-key.js")).describePrivateKeyFile(request.keyFile) : undefined;
  const profiles = request.peers.map((id) =>
    buildProfile(id, {
      verifyDepth,
      verifyDepthSource: nginx.verifyDepthSource,
      opensslSeries: request.opensslSeries,
      configOrigin: nginx.configOrigin,
      verifyClient: nginx.verifyClient,
      serverNames: nginx.serverNames,
      mbedtls,
      mbedtlsVersion: request.mbedtlsVersion,
      mbedtlsX509Profile,
      deviceSendsCert: request.deviceCert,
      deviceClock: request.deviceClock,
      clientHello,
      crls,
      deviceCrls: request.crlFiles && request.crlFiles.length > 0 ? crls : undefined,
      goVersion: request.goVersion,
      wolfssl,
      wolfsslVerifyDepth: request.wolfsslVerifyDepth,
    }),
  );
  const inputs: InputOrigin =
    request.caFiles.length > 0
      ? { from: "--ca", anchors: request.caFiles, chain: request.chainFiles }
      : caFiles.length > 0
        ? { from: "nginx.conf", anchors: caFiles.map((f) => namedAt.get(f) ?? f), chain: request.chainFiles }
        : { from: "none", anchors: [], chain: request.chainFiles };
  const lintOne: LintContext["lint"] = (leaf, chain, file) => {
    const { findings, verdicts, chains } = lint({ leaf, chain, anchors, profiles, options: { at: request.at, host: request.host, key } });
    const longest = [...chains.values()].sort((a, b) => b.length - a.length)[0] ?? [leaf];
    return {
      file,
      at: request.at.toISOString(),
      host: request.host,
      inputs,
      chain: longest.map((cert) => ({ subject: cert.subject.text, source: cert.source })),
      findings,
      verdicts,
    };
  };
  return { anchors, lint: lintOne };
}
