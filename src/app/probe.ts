import net from "node:net";
import { sentChainNotes } from "../chain/sent-chain.js";
import type { AlertFacts, ProbeReport, SentCertificate } from "../inspect/probe.js";
import { InputError } from "../io/input-error.js";
import { keyMatchesCertificate, readPrivateKeyFile } from "../io/private-key.js";
import { parseCertificateItem, readCertificateFile } from "../io/read.js";
import tls from "node:tls";
import { findTlsAlert } from "../knowledge/tls-alerts.js";
import type { CertFacts } from "../model/certificate.js";
import { parseName } from "../model/name.js";
import { toPem } from "../model/pem.js";
import { readWhole } from "../asn1/der-reader.js";
import { CLIENT_CERTIFICATE_PEERS } from "../peers/index.js";
import { TlsWireError } from "../peers/parse/tls-messages.js";
import { lintCertificates, type LintRequest } from "./lint-files.js";
import { connectTcp, endpointText, parseEndpoint, startTls, type Endpoint, type Starttls } from "./probe-connect.js";
import { isHostName } from "./tls-peer.js";
import { readTls12Flight, type Tls12Flight } from "./probe-tls12.js";
import { HandshakeFailure, tlsHandshake, type TlsSession } from "./probe-tls.js";

export type { ProbeReport, Starttls };

export interface ProbeRequest {
  /** HOST:PORT as the user typed it. */
  target: string;
  /** SNI to send [default: the host, when it is a name]. */
  serverName?: string;
  starttls?: Starttls;
  /** A client certificate (and its key) to present: the report says how the server answered it. */
  clientCertFile?: string;
  clientKeyFile?: string;
  password?: string;
  timeoutMs: number;
  /** How the chain as sent is linted (peers may be empty: then it is only shown). */
  lint: Omit<LintRequest, "file" | "chainFiles">;
}

function alertFacts(code: number): AlertFacts {
  return { code, name: findTlsAlert(code)?.name ?? `alert ${code}` };
}

/** Connects (TCP, then STARTTLS when asked); every step bounded by the timeout. */
async function open(endpoint: Endpoint, request: ProbeRequest): Promise<net.Socket> {
  const socket = await connectTcp(endpoint, request.timeoutMs);
  if (request.starttls) {
    try {
      await startTls(socket, request.starttls, endpointText(endpoint), request.timeoutMs);
    } catch (err) {
      socket.destroy();
      throw err;
    }
  }
  return socket;
}

function sentCertificate(cert: CertFacts): SentCertificate {
  return { subject: cert.subject.text, issuer: cert.issuer.text, key: cert.publicKey.label, notAfter: cert.notAfter.toISOString(), sha256: cert.sha256 };
}

function caName(der: Uint8Array, where: string): string {
  try {
    return parseName(der, readWhole(der), "CA name").text || "(empty name)";
  } catch {
    throw new InputError(`${where}: the CertificateRequest names a CA that is not a valid distinguished name`);
  }
}

/** A certificate the server sent; one that does not parse is the server's fault, said so. */
function serverCertificate(der: Uint8Array, where: string, position: number): CertFacts {
  try {
    return parseCertificateItem(der, `${where} certificate`, position);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new InputError(`${where}: certificate ${position} the server sent is not a valid certificate (${err.message.replace(/^.*?is not a valid certificate \(|\): .*$/g, "")}): the server's certificate file is damaged`);
  }
}

async function clientCredentials(request: ProbeRequest): Promise<{ cert: Buffer; key: Buffer; file: string } | undefined> {
  if (!request.clientCertFile && !request.clientKeyFile) return undefined;
  if (!request.clientCertFile || !request.clientKeyFile) throw new InputError("--cert and --key go together: give the client certificate and its private key");
  const certs = await readCertificateFile(request.clientCertFile, { role: "the client certificate to present", password: request.password });
  const key = await readPrivateKeyFile(request.clientKeyFile, request.password);
  if (!keyMatchesCertificate(key, certs[0])) throw new InputError(`${request.clientKeyFile}: this key does not belong to ${request.clientCertFile}: give the certificate's own key`);
  const credentials = {
    cert: Buffer.from(certs.map((c) => toPem("CERTIFICATE", c.der)).join("")),
    key: Buffer.from(key.export({ type: "pkcs8", format: "pem" }) as string),
    file: request.clientCertFile,
  };
  // OpenSSL's own checks (security level: an RSA-512 key is "ee key too small") before any connection.
  try {
    tls.createSecureContext({ cert: credentials.cert, key: credentials.key });
  } catch (err) {
    throw new InputError(`${request.clientCertFile}: OpenSSL refuses to present this certificate and key (${err instanceof Error ? err.message.split("\n")[0] : String(err)}): use a key of at least 2048-bit RSA or an ECDSA P-256 key`);
  }
  return credentials;
}

/**
 * `pkilab probe HOST:PORT`: asks a running server what it sends, and lints the chain as sent with
 * the profiles asked for. Only ever connects where the user points it. An endpoint that cannot be
 * reached or does not speak TLS is an InputError (exit 2).
 */
export async function probe(request: ProbeRequest): Promise<ProbeReport> {
  // The chain probed is the server's: a profile that judges client certificates would misjudge it.
  const clientSide = request.lint.peers.filter((id) => CLIENT_CERTIFICATE_PEERS.includes(id));
  if (clientSide.length > 0) {
    throw new InputError(`--for ${clientSide.join(",")}: judges client certificates, and probe reads the server's chain: use a profile of the server's clients (nginx-server, browser, mbedtls, wolfssl, go-client, client-hello), or present a client certificate with --cert/--key`);
  }
  const endpoint = parseEndpoint(request.target, request.starttls);
  const where = endpointText(endpoint);
  if (request.serverName !== undefined && !isHostName(request.serverName)) {
    throw new InputError(`--servername ${JSON.stringify(request.serverName)}: not a host name (letters, digits, '.', '-'): give the name clients dial`);
  }
  // SNI carries DNS names only (RFC 6066 §3): an IP address is the host to check, not sent.
  const hostName = request.serverName ?? endpoint.host;
  const serverName = net.isIP(hostName) ? undefined : hostName;
  const credentials = await clientCredentials(request);

  let flight: Tls12Flight;
  try {
    flight = await readTls12Flight(await open(endpoint, request), serverName, where, request.timeoutMs);
  } catch (err) {
    if (err instanceof TlsWireError) throw new InputError(`${err.message}: is ${where} a TLS port${request.starttls ? "" : " (a mail server needs --starttls smtp|imap|pop3)"}?`);
    throw err;
  }
  const first = flight.reader;
  const chosen = first.serverHello?.version;
  const report: ProbeReport = {
    endpoint: where,
    serverName,
    starttls: request.starttls,
    tls12: {
      accepted: chosen === "TLS 1.2" && first.done,
      version: chosen,
      refusedWith: flight.alert ? alertFacts(flight.alert.code) : undefined,
      incomplete: !first.done && !flight.alert && chosen === "TLS 1.2" ? flight.incomplete : undefined,
      suite: first.serverHello?.cipherSuite.name,
      group: first.keyExchange?.group?.name,
      signatureScheme: first.keyExchange?.signatureScheme?.name,
    },
    chainSource: "none",
    chain: [],
    chainNotes: [],
  };

  let session: TlsSession | undefined;
  try {
    session = await tlsHandshake({ socket: await open(endpoint, request), serverName, cert: credentials?.cert, key: credentials?.key, starttls: request.starttls, host: endpoint.host, timeoutMs: request.timeoutMs, answerMs: Math.min(request.timeoutMs, 2_000) });
    report.negotiated = { version: session.version, suite: session.suite, group: session.group, signatureScheme: session.wire?.signatureScheme };
  } catch (err) {
    if (!(err instanceof HandshakeFailure)) throw err;
    report.negotiated = { failed: err.message, alert: err.alert !== undefined ? alertFacts(err.alert) : undefined };
  }
  if (!first.serverHello && !session) {
    const failed = report.negotiated && "failed" in report.negotiated ? report.negotiated : undefined;
    if (flight.alert) {
      // It answered in TLS: it speaks TLS, just not anything both attempts offered.
      const second = failed?.alert ? `alert ${failed.alert.code} (${failed.alert.name})` : failed?.failed ?? "no handshake";
      throw new InputError(`${where}: speaks TLS, but no handshake completed: TLS 1.2 refused with alert ${flight.alert.code} (${alertFacts(flight.alert.code).name}); a current OpenSSL client got ${second}: check the server's protocol and cipher settings`);
    }
    const refusal = flight.incomplete === "timeout" ? "it did not answer a ClientHello" : "it closed the connection";
    throw new InputError(`${where}: no TLS handshake: ${refusal}: is this a TLS port${request.starttls ? "" : " (a mail server needs --starttls smtp|imap|pop3)"}?`);
  }

  // The chain exactly as sent: off the wire in either connection (TLS 1.2 plaintext, TLS 1.3
  // opened). Only if neither could be read is it the chain OpenSSL linked, and then nothing that
  // depends on the order sent is judged.
  const wire = first.done && first.certificates ? { certificates: first.certificates, certificateRequest: first.certificateRequest } : session?.wire;
  const ders = wire?.certificates ?? session?.chain ?? [];
  report.chainSource = wire?.certificates ? (wire === session?.wire && session.version === "TLSv1.3" ? "tls1.3-wire" : "tls1.2-wire") : ders.length > 0 ? "tls-library" : "none";
  const certificateRequest = first.certificateRequest ?? session?.wire?.certificateRequest;
  if (certificateRequest) {
    const { certificateTypes, signatureAlgorithms, caNames } = certificateRequest;
    report.certificateRequest = { certificateTypes, signatureAlgorithms: signatureAlgorithms.map((a) => a.name), caNames: caNames.map((n) => caName(n, where)) };
  }
  const sent = ders.map((der, i) => serverCertificate(der, where, i + 1));
  report.chain = sent.map(sentCertificate);
  if (report.chainSource !== "tls-library") report.chainNotes = sentChainNotes(sent);

  if (credentials) {
    const answer = session?.clientCertificate;
    // Whether the server asked is known from a flight that was read off the wire.
    const asked = certificateRequest !== undefined || (first.certificates === undefined && session?.wire === undefined);
    const failedAlert = report.negotiated && "failed" in report.negotiated ? report.negotiated.alert : undefined;
    report.clientCertificate = {
      file: credentials.file,
      outcome: answer?.outcome ?? (failedAlert ? "refused" : "undetermined"),
      alert: answer?.alert !== undefined ? alertFacts(answer.alert) : failedAlert,
      answer: answer?.answer,
      detail: answer?.detail,
      reason: answer?.reason ?? (answer || failedAlert ? undefined : "the handshake with the certificate failed without an alert"),
    };
    if (!asked && answer?.outcome === "accepted") report.clientCertificate.outcome = "not-asked";
  }

  const [leaf, ...rest] = sent;
  if (request.lint.peers.length > 0) {
    if (!leaf) report.notJudged = "the server sent no certificate";
    else if (report.chainSource === "tls-library") report.notJudged = "the chain as sent could not be read off the wire, and the chain OpenSSL linked hides its order and what it dropped";
    else report.lint = await lintCertificates(leaf, rest, { ...request.lint, file: `${where} (as sent)`, chainFiles: [], host: request.lint.host ?? hostName });
  }
  return report;
}
