import { InputError } from "../io/input-error.js";
import { readCertificateFile } from "../io/read.js";
import { lint } from "../lint/engine.js";
import type { InputOrigin, LintReport } from "../lint/types.js";
import { buildProfile, type ProfileOptions } from "../peers/index.js";
import type { PeerId } from "../peers/types.js";
import type { ClientHello } from "../peers/parse/client-hello.js";
import type { MbedtlsCapabilities } from "../peers/parse/mbedtls-config.js";

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
  /** CRL files (--crl): nginx-mtls checks revocation against them as against ssl_crl. */
  crlFiles?: string[];
  /** A real nginx.conf: ssl_verify_depth, ssl_client_certificate, ssl_trusted_certificate, ssl_verify_client, ssl_crl. */
  nginxConf?: string;
  /** Which server block of nginxConf (by server_name). */
  nginxServerName?: string;
  /** mbedTLS config header(s): the main config, then user-config overrides. */
  mbedtlsConfig?: string[];
  mbedtlsVersion?: "2.28" | "3.6";
  /** The linted certificate is the device's own (it sends it), not the server's. */
  deviceCert?: boolean;
  /** The device's clock (a device without RTC starts at its build date). */
  deviceClock?: Date;
  /** A captured ClientHello: file or hex, or one already decoded (explain --log found it in the log). */
  clientHello?: string | ClientHello;
  /** The device's private key, for key-format rules (never printed). */
  keyFile?: string;
}

/** Reads the certificate, its chain and the trust anchors once, and lints them for each peer. */
export async function lintFiles(request: LintRequest): Promise<LintReport> {
  const [leaf, ...bundled] = await readCertificateFile(request.file, { role: "the certificate to lint", password: request.password });
  const chain = [...bundled, ...(await Promise.all(request.chainFiles.map((f) => readCertificateFile(f, { role: "intermediate certificates", password: request.password })))).flat()];
  let caFiles = request.caFiles;
  let verifyDepth = request.verifyDepth;
  let verifyDepthSource = verifyDepth !== undefined ? "--verify-depth" : undefined;
  let configOrigin: string | undefined;
  let verifyClient: string | undefined;
  let serverNames: string[] | undefined;
  let crlFiles = request.crlFiles ?? [];
  let crlSource = crlFiles.length > 0 ? `--crl ${crlFiles.join(", ")}` : undefined;
  /** CA files nginx.conf named, with where: a bad one is reported against the directive. */
  const namedAt = new Map<string, string>();
  if (request.nginxConf) {
    const { readNginxTls } = await import("./read-nginx-conf.js");
    const settings = readNginxTls(request.nginxConf, { serverName: request.nginxServerName });
    // Flags win over the file; the file fills what the flags leave out. nginx verifies with the CAs
    // of ssl_client_certificate and ssl_trusted_certificate (only the former are named to clients).
    if (caFiles.length === 0) {
      caFiles = [settings.sslClientCertificate, settings.sslTrustedCertificate].filter((f): f is string => f !== undefined);
      if (settings.sslClientCertificate) namedAt.set(settings.sslClientCertificate, `ssl_client_certificate at ${settings.origins.sslClientCertificate}`);
      if (settings.sslTrustedCertificate) namedAt.set(settings.sslTrustedCertificate, `ssl_trusted_certificate at ${settings.origins.sslTrustedCertificate}`);
    }
    if (verifyDepth === undefined && settings.sslVerifyDepth !== undefined) {
      verifyDepth = settings.sslVerifyDepth;
      verifyDepthSource = settings.origins.sslVerifyDepth ?? "nginx.conf";
    }
    // As for the CAs, --crl wins over ssl_crl.
    if (crlFiles.length === 0 && settings.sslCrl !== undefined) {
      crlFiles = [settings.sslCrl];
      crlSource = `ssl_crl at ${settings.origins.sslCrl ?? settings.serverBlock}`;
      namedAt.set(settings.sslCrl, crlSource);
    }
    configOrigin = settings.origins.sslVerifyDepth ?? settings.serverBlock;
    verifyClient = settings.sslVerifyClient;
    serverNames = settings.serverNames;
  }
  const readAnchors = async (file: string) => {
    try {
      return await readCertificateFile(file, { role: "the trust anchors (CA certificates)", password: request.password });
    } catch (err) {
      const where = namedAt.get(file);
      throw where && err instanceof InputError ? new InputError(`${where}: ${err.message}`) : err;
    }
  };
  const anchors = (await Promise.all(caFiles.map(readAnchors))).flat();
  let crls: ProfileOptions["crls"];
  if (crlFiles.length > 0) {
    const { readCrlFile } = await import("./verify.js");
    const readCrls = (file: string) => {
      try {
        return readCrlFile(file);
      } catch (err) {
        const where = namedAt.get(file);
        throw where && err instanceof InputError ? new InputError(`${where}: ${err.message}`) : err;
      }
    };
    crls = { crls: crlFiles.flatMap(readCrls), source: crlSource ?? crlFiles.join(", ") };
  }
  if (verifyDepth !== undefined && (verifyDepth < 0 || !Number.isInteger(verifyDepth))) {
    throw new InputError(`--verify-depth ${verifyDepth}: must be a whole number, 0 or more`);
  }
  let mbedtls: MbedtlsCapabilities | undefined;
  if (request.mbedtlsConfig && request.mbedtlsConfig.length > 0) {
    const { readMbedtlsConfig } = await import("./read-mbedtls-config.js");
    mbedtls = readMbedtlsConfig(request.mbedtlsConfig, { version: request.mbedtlsVersion });
  }
  let clientHello = typeof request.clientHello === "object" ? request.clientHello : undefined;
  if (typeof request.clientHello === "string") {
    const { readClientHello } = await import("./read-client-hello.js");
    clientHello = readClientHello(request.clientHello);
  }
  let key;
  if (request.keyFile) {
    const { describePrivateKeyFile } = await import("../io/private-key.js");
    key = describePrivateKeyFile(request.keyFile);
  }
  const profiles = request.peers.map((id) =>
    buildProfile(id, {
      verifyDepth,
      verifyDepthSource,
      opensslSeries: request.opensslSeries,
      configOrigin,
      verifyClient,
      serverNames,
      mbedtls,
      mbedtlsVersion: request.mbedtlsVersion,
      deviceSendsCert: request.deviceCert,
      deviceClock: request.deviceClock,
      clientHello,
      crls,
    }),
  );
  const { findings, verdicts, chains } = lint({ leaf, chain, anchors, profiles, options: { at: request.at, host: request.host, key } });
  const longest = [...chains.values()].sort((a, b) => b.length - a.length)[0] ?? [leaf];
  const inputs: InputOrigin =
    request.caFiles.length > 0
      ? { from: "--ca", anchors: request.caFiles, chain: request.chainFiles }
      : caFiles.length > 0
        ? { from: "nginx.conf", anchors: caFiles.map((f) => namedAt.get(f) ?? f), chain: request.chainFiles }
        : { from: "none", anchors: [], chain: request.chainFiles };
  return {
    file: request.file,
    at: request.at.toISOString(),
    host: request.host,
    inputs,
    chain: longest.map((cert) => ({ subject: cert.subject.text, source: cert.source })),
    findings,
    verdicts,
  };
}
