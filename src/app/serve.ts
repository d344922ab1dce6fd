/**
 * `pkilab serve`: a diagnostic TLS server a device or client is pointed at. For each connection it
 * reports what the client offered (its ClientHello), the chain it sent, what each profile decides
 * about that chain (and about ours, as the client will judge it), and how the handshake ended.
 *
 * How the wire is seen: each accepted TCP socket feeds a Duplex wrapped by a server-side
 * tls.TLSSocket; the client's bytes pass through a HandshakeStream tap on their way in (and ours
 * on their way out) until encryption starts. In TLS 1.2 the client's Certificate message is
 * plaintext, so its chain is seen in the exact order sent; in TLS 1.3 it is encrypted, and is
 * opened afterwards with the handshake secret serve's own TLS library logged
 * (src/peers/parse/tls13-records.ts); only if that fails is the chain what OpenSSL hands back
 * (order not observable).
 *
 * --enforce PEER answers as that peer would when it rejects the client's chain: a peer whose rules
 * predict an HTTP status (nginx: its verify callback lets every handshake complete) completes the
 * handshake and answers the request with nginx's 400 page; any other peer refuses the handshake
 * with the alert its rules predict, which serve writes itself as a plaintext fatal alert record
 * right after the client's Certificate message arrived (TLS 1.2, before our ChangeCipherSpec and
 * Finished: where OpenSSL and Go send theirs). That is why an alert-refusing --enforce caps the
 * version at TLS 1.2 unless --tls says otherwise; under TLS 1.3 the refusal is a close after the
 * handshake.
 */
import { createPrivateKey, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { Duplex } from "node:stream";
import tls from "node:tls";
import { InputError } from "../io/input-error.js";
import { readCertificateFile } from "../io/read.js";
import { parseCertificate, type CertFacts } from "../model/certificate.js";
import { RULES } from "../lint/rules/index.js";
import type { LintReport } from "../lint/types.js";
import { findOpensslVerifyError } from "../knowledge/openssl-verify.js";
import { findTlsAlert } from "../knowledge/tls-alerts.js";
import { parseClientHello, type ClientHello } from "../peers/parse/client-hello.js";
import { decodeCertificateMessage, decodeServerHello, HANDSHAKE, HandshakeStream, type AlertRecord } from "../peers/parse/tls-messages.js";
import { keylogSecret, openHandshakeRecords } from "../peers/parse/tls13-records.js";
import { CLIENT_CERTIFICATE_PEERS } from "../peers/index.js";
import type { PeerId } from "../peers/types.js";
import type { AlertSeen, ChainSeen, ServeConnectionReport, ServeOutcome, ServeSummary, ServeVerdict } from "../inspect/serve.js";
import { pickServer, readManifest, TRUST_ANCHOR_FILE } from "../pki/manifest.js";
import { lintCertificates, type LintRequest } from "./lint-files.js";
import { opensslReason } from "./openssl-reason.js";
import { isHostName, linkedPeerChain } from "./tls-peer.js";

export const SERVE_LIMITS = {
  /** Connections handled at once; a socket beyond them is closed unread (and counted). */
  maxConnections: 256,
  /** Default --timeout: how long a connection may last, handshake and the one request after it (a slow sender is cut off). */
  defaultTimeoutMs: 10_000,
  /** Bytes read from a client before its handshake completes (a real ClientHello + flight is a few KiB). */
  maxHandshakeBytes: 256 * 1024,
  /** Bytes of application data read after the handshake: we answer one request and close. */
  maxRequestBytes: 16 * 1024,
} as const;

/** Profiles that judge the client's chain (servers doing mTLS); every other one judges ours. */
const JUDGES_CLIENT: ReadonlySet<PeerId> = new Set(CLIENT_CERTIFICATE_PEERS);

/** Profile options passed on to lint as `pkilab lint` takes them. */
export type ServeLintOptions = Pick<
  LintRequest,
  "verifyDepth" | "opensslSeries" | "crlFiles" | "mbedtlsConfig" | "mbedtlsVersion" | "mbedtlsProfile" | "wolfsslConfig" | "wolfsslVerifyDepth" | "goVersion" | "deviceClock"
>;

export interface ServeRequest {
  /** A pkilab lab: its first server leaf (or `server`), and its root as the client CA. */
  lab?: string;
  server?: string;
  cert?: string;
  key?: string;
  chainFiles: string[];
  /** CAs for client certificates, named to clients as certificate_authorities [default: the lab's root]. */
  caFiles: string[];
  listen: string;
  port: number;
  peers: PeerId[];
  enforce?: PeerId;
  /** Highest TLS version offered [default: 1.3, or 1.2 with an --enforce that refuses with an alert]. */
  tls?: "1.2" | "1.3";
  /** The host the client dials, for profiles that check it [default: the SNI, else the address dialled]. */
  host?: string;
  timeoutMs: number;
  once: boolean;
  lintOptions: ServeLintOptions;
}

export interface ServeHandle {
  address: string;
  port: number;
  /** Resolves when --once has served its connection (never otherwise). */
  onceDone: Promise<ServeConnectionReport>;
  summary(): ServeSummary;
  /** Stops accepting, closes open connections, and resolves with the summary. */
  close(): Promise<ServeSummary>;
}

interface ServerMaterial {
  leaf: CertFacts;
  chain: CertFacts[];
  /** What our chain is judged against: the lab's root, else --ca. */
  anchors: string[];
  clientCaFiles: string[];
  labCrl?: string;
  context: tls.SecureContext;
  source: string;
}

async function readMaterial(request: ServeRequest): Promise<ServerMaterial> {
  let certFile: string;
  let keyFile: string;
  let clientCaFiles = request.caFiles;
  let anchors = request.caFiles;
  let labCrl: string | undefined;
  if (request.lab) {
    if (request.cert || request.key) throw new InputError("--lab and --cert/--key: give one or the other");
    const manifest = await readManifest(request.lab);
    const server = pickServer(manifest, request.server, request.lab);
    certFile = path.join(request.lab, server.files.fullchain ?? server.files.cert);
    keyFile = path.join(request.lab, server.files.key);
    const root = path.join(request.lab, TRUST_ANCHOR_FILE);
    anchors = [root];
    if (clientCaFiles.length === 0) clientCaFiles = [root];
    if (manifest.crl) labCrl = path.join(request.lab, manifest.crl.bundle);
  } else {
    if (!request.cert || !request.key) throw new InputError("serve needs --lab DIR, or --cert FILE and --key FILE");
    certFile = request.cert;
    keyFile = request.key;
  }
  const [leaf, ...bundled] = await readCertificateFile(certFile, { role: "the server certificate" });
  const chain = [...bundled, ...(await Promise.all(request.chainFiles.map((f) => readCertificateFile(f, { role: "intermediate certificates" })))).flat()];
  const clientCas = (await Promise.all(clientCaFiles.map((f) => readCertificateFile(f, { role: "the client CA certificates (--ca)" })))).flat();
  let key: string;
  try {
    key = readFileSync(keyFile, "utf8");
  } catch (err) {
    throw new InputError(`${keyFile}: cannot read the key: ${(err as Error).message}`);
  }
  let context: tls.SecureContext;
  try {
    context = tls.createSecureContext({
      cert: [leaf, ...chain].map(pem).join(""),
      key,
      // Node hands these to SSL_CTX_add_client_CA too: they are the CertificateRequest's CA names.
      ca: clientCas.length ? clientCas.map(pem) : undefined,
      // An enforced alert goes out in plaintext before our Finished, which only TLS 1.2 allows; an
      // enforced HTTP refusal (nginx) comes after the handshake and needs no cap.
      maxVersion: request.tls === "1.2" || (request.enforce && refusalKind(request.enforce) === "alert" && !request.tls) ? "TLSv1.2" : "TLSv1.3",
      minVersion: request.tls === "1.3" ? "TLSv1.3" : "TLSv1.2",
    });
  } catch (err) {
    throw new InputError(`${keyFile}: the key cannot serve ${certFile}: ${opensslReason((err as Error).message)}`);
  }
  // OpenSSL compares keys of one type only: an Ed25519 or RSA-PSS key beside an ECDSA certificate
  // loads, and every handshake then fails. Compare them here, once.
  let matches = false;
  try {
    matches = new X509Certificate(leaf.der).checkPrivateKey(createPrivateKey(key));
  } catch {
    matches = false;
  }
  if (!matches) throw new InputError(`${keyFile}: this key does not belong to ${certFile}: give the certificate's own private key`);
  return { leaf, chain, anchors, clientCaFiles, labCrl, context, source: certFile };
}

function pem(cert: CertFacts): string {
  const b64 = Buffer.from(cert.der).toString("base64").replace(/(.{64})/g, "$1\n");
  return `-----BEGIN CERTIFICATE-----\n${b64.endsWith("\n") ? b64 : `${b64}\n`}-----END CERTIFICATE-----\n`;
}

/** How the enforced peer says no: an HTTP status after the handshake (nginx), or a fatal alert. */
function refusalKind(peer: PeerId): "http" | "alert" {
  return RULES.some((rule) => rule.predicts?.[peer]?.http?.length) ? "http" : "alert";
}

/**
 * The alert a server that requires a client certificate sends, in TLS 1.2, when the client sends
 * none: Go 42 bad_certificate (crypto/tls handshake_server.go processCertsFromClient(), "tls: client
 * didn't provide a certificate", go1.19); OpenSSL 40 handshake_failure (ssl/statem/statem_srvr.c
 * tls_process_client_certificate(), SSL_VERIFY_FAIL_IF_NO_PEER_CERT).
 */
function noCertificateAlert(peer: PeerId): number {
  return peer === "go-mtls" ? 42 : 40;
}

/** The alert the enforced peer sends for these findings: the first its rules predict, else 42 bad_certificate. */
function predictedAlert(report: LintReport, peer: PeerId): number {
  for (const finding of report.findings) {
    if (finding.peer !== peer || (finding.severity !== "error" && finding.severity !== "fatal")) continue;
    const predicts = RULES.find((r) => r.id === finding.rule)?.predicts?.[peer];
    if (predicts?.alert?.[0] !== undefined) return predicts.alert[0];
    for (const code of predicts?.openssl ?? []) {
      const alert = findOpensslVerifyError(code)?.alert;
      if (alert !== undefined) return alert;
    }
  }
  // RFC 8446 §6.2 / RFC 5246 §7.2.2: "a certificate was corrupt, contained signatures that did not verify correctly, etc."
  return 42;
}

function alertSeen(code: number, from: "client" | "server"): AlertSeen {
  const known = findTlsAlert(code);
  // The knowledge table marks each cause as run (✅) or read (📄): the report needs the words only.
  const meaning = known?.causes[0]?.replace(/\s*[\u2705\u{1F4C4}]/gu, "");
  return { code, name: known?.name ?? `alert ${code}`, from, meaning };
}

function chainSeen(ders: Uint8Array[], order: ChainSeen["order"], note?: string): { seen: ChainSeen; certs: CertFacts[] } {
  const certs = ders.map((der, i) => parseCertificate(der, `the client's certificate ${i}`));
  return { seen: { certificates: certs.map((c) => ({ subject: c.subject.text, issuer: c.issuer.text, sha256: c.sha256 })), order, note }, certs };
}

export async function startServe(request: ServeRequest, onReport: (report: ServeConnectionReport) => void): Promise<ServeHandle> {
  const material = await readMaterial(request);
  const peers = request.enforce && !request.peers.includes(request.enforce) ? [...request.peers, request.enforce] : request.peers;
  const clientPeers = peers.filter((p) => JUDGES_CLIENT.has(p));
  const serverPeers = peers.filter((p) => !JUDGES_CLIENT.has(p));
  if (request.enforce && !JUDGES_CLIENT.has(request.enforce)) {
    throw new InputError(`--enforce ${request.enforce}: serve can only answer as a server that judges client certificates: ${[...JUDGES_CLIENT].join(", ")}`);
  }
  const enforceKind = request.enforce ? refusalKind(request.enforce) : undefined;
  const baseLint = (file: string): LintRequest => ({ ...request.lintOptions, file, chainFiles: [], caFiles: [], peers: [], at: new Date(), labCrlFile: material.labCrl });

  // Bad profile inputs (a config header, a CA file) fail now, once, not on every connection.
  const staticServerPeers = serverPeers.filter((p) => p !== "client-hello");
  if (staticServerPeers.length > 0) await lintCertificates(material.leaf, material.chain, { ...baseLint(material.source), caFiles: material.anchors, peers: staticServerPeers });

  const summary: ServeSummary = { connections: 0, byOutcome: {}, rejected: 0 };
  /** Open connections, each with how to end it on shutdown (its report is then out). */
  const open = new Map<net.Socket, () => Promise<unknown>>();
  let resolveOnce: (report: ServeConnectionReport) => void = () => {};
  const onceDone = new Promise<ServeConnectionReport>((resolve) => (resolveOnce = resolve));

  const record = (report: ServeConnectionReport) => {
    summary.byOutcome[report.outcome] = (summary.byOutcome[report.outcome] ?? 0) + 1;
    if (report.verdicts.some((v) => v.status === "rejected")) summary.rejected++;
    onReport(report);
  };

  /** Anchors that came from --lab are reported as the lab's, as `pkilab lint` does. */
  const fromLab = (report: LintReport | undefined): LintReport | undefined =>
    report && request.lab && report.inputs.from === "--ca" && request.caFiles.length === 0 ? { ...report, inputs: { ...report.inputs, from: "lab", lab: request.lab } } : report;

  /**
   * Ours, as this client will judge it. The host it checks is the name it sent (SNI), else the
   * address it dialled (a device dialling an IP sends no SNI: RFC 6066 §3), unless --host says.
   */
  async function lintServerChain(hello: ClientHello | undefined, localAddress: string | undefined): Promise<LintReport | undefined> {
    const wanted = serverPeers.filter((p) => p !== "client-hello" || hello);
    if (wanted.length === 0) return undefined;
    const sni = hello?.serverName !== undefined && isHostName(hello.serverName) ? hello.serverName : undefined;
    const host = request.host ?? sni ?? localAddress?.replace(/^::ffff:/, "");
    return lintCertificates(material.leaf, material.chain, { ...baseLint(material.source), caFiles: material.anchors, peers: wanted, clientHello: hello, host });
  }

  async function lintClientChain(certs: CertFacts[]): Promise<LintReport | undefined> {
    if (clientPeers.length === 0 || certs.length === 0) return undefined;
    const [leaf, ...chain] = certs as [CertFacts, ...CertFacts[]];
    return lintCertificates(leaf, chain, { ...baseLint("the client's certificate"), caFiles: material.clientCaFiles, peers: clientPeers });
  }

  function handle(socket: net.Socket): void {
    const number = ++summary.connections;
    const remote = hostPort(socket.remoteAddress ?? "?", socket.remotePort ?? 0);
    const at = new Date().toISOString();
    socket.on("error", () => {}); // reported through the TLS socket or the close below
    if (open.size >= SERVE_LIMITS.maxConnections) {
      socket.destroy();
      record({ connection: number, remote, at, outcome: "over-limit", ended: `closed unread: ${SERVE_LIMITS.maxConnections} connections are open (SERVE_LIMITS.maxConnections)`, lint: {}, verdicts: [] });
      return;
    }
    open.set(socket, () => {
      finish("closed", "closed by serve: it was stopped (Ctrl-C or SIGTERM) before the connection ended");
      socket.destroy();
      return reported ?? Promise.resolve();
    });
    if (request.once) server.close();

    const clientTap = new HandshakeStream("the client");
    const serverTap = new HandshakeStream("serve");
    let tapping = true;
    let tappingServer = true;
    let handshakeBytes = 0;
    let requestBytes = 0;
    let hello: ClientHello | undefined;
    let tls12Chain: Uint8Array[] | undefined;
    let clientAlert: AlertRecord | undefined;
    let serverAlert: AlertRecord | undefined;
    let negotiatedVersion: string | undefined;
    /** Client bytes held back while --enforce judges the chain (TLS 1.2). */
    let held: Buffer[] | undefined;
    let secure = false;
    let negotiated: ServeConnectionReport["negotiated"];
    let reported: Promise<ServeConnectionReport> | undefined;
    let httpRefusal: string | undefined;
    /** Parts of the report found before the handshake ended (the enforced refusal lints early). */
    const early: { clientLint?: LintReport; chain?: ChainSeen; certs?: CertFacts[]; enforced?: ServeConnectionReport["enforced"]; ended?: string } = {};

    const inner = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        if (tappingServer) tapServer(chunk);
        if (socket.destroyed) return callback();
        socket.write(chunk, () => callback());
      },
      final(callback) {
        socket.end();
        callback();
      },
      destroy(err, callback) {
        socket.destroy();
        callback(err);
      },
    });
    const tlsSocket = new tls.TLSSocket(inner as unknown as net.Socket, { isServer: true, secureContext: material.context, requestCert: true, rejectUnauthorized: false });
    // TLS 1.3 encrypts the client's Certificate: its bytes and our own key log open it afterwards
    // (src/peers/parse/tls13-records.ts), so the chain is seen as sent in TLS 1.3 too.
    const keylog: string[] = [];
    const clientBytes: Buffer[] = [];
    tlsSocket.on("keylog", (line: Buffer) => void (keylog.length < 8 && keylog.push(line.toString("latin1"))));

    const timer = setTimeout(() => {
      finish("timeout", `no complete handshake within ${request.timeoutMs} ms (--timeout): closed`); // after a handshake, the report is out already
      socket.destroy();
    }, request.timeoutMs);

    function stop(outcome: ServeOutcome, ended: string, error?: string): void {
      finish(outcome, ended, error);
      socket.destroy();
    }

    socket.on("data", (chunk: Buffer) => {
      if (!secure) {
        handshakeBytes += chunk.length;
        if (handshakeBytes > SERVE_LIMITS.maxHandshakeBytes) return stop("malformed", `more than ${SERVE_LIMITS.maxHandshakeBytes} bytes without a complete handshake (SERVE_LIMITS.maxHandshakeBytes): closed`);
      } else if ((requestBytes += chunk.length) > SERVE_LIMITS.maxRequestBytes) return void socket.destroy();
      // Kept to open a TLS 1.3 Certificate afterwards (bounded by SERVE_LIMITS.maxHandshakeBytes above); TLS 1.2 needs none.
      if (!secure && negotiatedVersion !== "TLS 1.2") clientBytes.push(chunk);
      if (tapping && !tapClient(chunk)) return;
      if (held) held.push(chunk);
      else inner.push(chunk);
    });
    socket.on("end", () => inner.push(null));
    socket.on("close", () => {
      clearTimeout(timer);
      open.delete(socket);
      tlsSocket.destroy();
      if (clientAlert) finish("client-alert", alertWords(alertSeen(clientAlert.code, "client")));
      else finish("closed", secure ? "completed; the connection is closed" : "the client closed the connection before the handshake ended, without an alert");
      void reported?.then((report) => request.once && resolveOnce(report));
    });

    /** Feeds the client's bytes to the tap; false when the connection was closed for them. */
    function tapClient(chunk: Buffer): boolean {
      try {
        for (const event of clientTap.push(chunk)) {
          if (event.kind === "handshake") {
            const { type, body } = event.message;
            if (!hello) {
              if (type !== HANDSHAKE.clientHello) throw new InputError(`the client: the first handshake message is of type ${type}, not a ClientHello`);
              const header = Buffer.from([type, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff]);
              hello = parseClientHello(Buffer.concat([header, body]), "the client's ClientHello");
            } else if (type === HANDSHAKE.certificate && negotiatedVersion === "TLS 1.2") {
              // TLS 1.2 (our ServerHello said so): plaintext, the chain exactly as sent.
              tls12Chain = decodeCertificateMessage(body, "1.2", "the client");
              if (request.enforce && enforceKind === "alert") {
                held = [];
                void judgeBeforeFinished(tls12Chain);
              }
            }
          } else if (event.kind === "alert" && event.alert.level === "fatal") clientAlert = event.alert; // a warning (close_notify, user_canceled) ends nothing by itself
          else tapping = false; // ChangeCipherSpec or ciphertext: the rest is encrypted
        }
        return true;
      } catch (err) {
        // Whatever the bytes, the connection is reported and closed: never the process.
        tapping = false;
        const message = err instanceof Error ? err.message : String(err);
        stop(/not TLS/.test(message) ? "not-tls" : "malformed", message);
        return false;
      }
    }

    function tapServer(chunk: Buffer): void {
      try {
        for (const event of serverTap.push(chunk)) {
          if (event.kind === "handshake" && event.message.type === HANDSHAKE.serverHello) {
            negotiatedVersion = decodeServerHello(event.message.body, "serve").version;
            if (negotiatedVersion === "TLS 1.2") clientBytes.length = 0; // its Certificate is plaintext: the tap reads it
          }
          else if (event.kind === "alert") serverAlert = event.alert;
          else if (event.kind !== "handshake") tappingServer = false;
        }
      } catch {
        tappingServer = false; // our own bytes: nothing to report if the tap loses track
      }
    }

    /** --enforce, TLS 1.2: lint the client's chain before our Finished; refuse with the alert, or let the handshake go on. */
    async function judgeBeforeFinished(ders: Uint8Array[]): Promise<void> {
      const peer = request.enforce!;
      let alert: number | undefined;
      try {
        const { seen, certs } = chainSeen(ders, "as sent");
        early.chain = seen;
        early.certs = certs;
        if (certs.length === 0) alert = noCertificateAlert(peer);
        else {
          early.clientLint = await lintClientChain(certs);
          const verdict = early.clientLint?.verdicts.find((v) => v.peer === peer);
          if (verdict?.status === "rejected") alert = predictedAlert(early.clientLint!, peer);
        }
      } catch (err) {
        alert = 42; // an unparsable certificate (or chain we cannot lint): every peer refuses it
        early.ended = `the client's chain cannot be read: ${err instanceof Error ? err.message : String(err)}`;
      }
      if (alert === undefined) {
        const release = held ?? [];
        held = undefined;
        for (const chunk of release) inner.push(chunk);
        return;
      }
      const seen = alertSeen(alert, "server");
      early.enforced = { peer, refusal: `refused the handshake with fatal alert ${seen.code} ${seen.name}, sent in plaintext right after the client's Certificate message (before our Finished), as ${peer} would` };
      finish("refused", `refused by --enforce ${peer}: alert ${seen.code} ${seen.name} sent`);
      // Closed once the alert is flushed, so the client reads the alert rather than a reset.
      if (!socket.destroyed) socket.end(Buffer.from([21, 3, 3, 0, 2, 2, alert]), () => socket.destroy());
    }

    tlsSocket.on("secure", () => {
      secure = true;
      tapping = false;
      const cipher = tlsSocket.getCipher();
      negotiated = { version: tlsSocket.getProtocol() ?? negotiatedVersion ?? "unknown", cipher: cipher.standardName ?? cipher.name };
      finish("completed", "completed");
    });
    tlsSocket.on("error", (err: Error) => {
      if (secure) return;
      err.message = opensslReason(err.message);
      const code = clientAlert?.code ?? Number(/alert number (\d+)/.exec(err.message)?.[1] ?? NaN);
      if (!Number.isNaN(code) && !serverAlert) return stop("client-alert", alertWords(alertSeen(code, "client")), err.message);
      const ours = serverAlert ? ` (we sent alert ${serverAlert.code} ${alertSeen(serverAlert.code, "server").name})` : "";
      stop("failed", `failed on our side${ours}: ${err.message}`, err.message);
    });
    tlsSocket.on("data", (data: Buffer) => {
      // One answer per connection, then close: the report is what matters.
      tlsSocket.removeAllListeners("data");
      const http = /^[A-Z]+ \S+ HTTP\/1\.[01]\r?\n/.test(data.toString("latin1", 0, 64));
      void (reported ?? Promise.resolve(undefined)).then(() => {
        if (!http) return void tlsSocket.end();
        const [status, body] = httpRefusal ? ["400 Bad Request", `<html><head><title>400 ${httpRefusal}</title></head><body><center><h1>400 Bad Request</h1></center><center>${httpRefusal}</center><hr><center>nginx</center></body></html>\n`] : ["200 OK", "pkilab serve: handshake completed; the report is on the serve side\n"];
        tlsSocket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/${httpRefusal ? "html" : "plain"}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      });
    });
    tlsSocket.on("end", () => tlsSocket.end());

    /** Builds and emits the report once, when the handshake ended one way or another. */
    function finish(outcome: ServeOutcome, ended: string, error?: string): void {
      if (reported) return;
      reported = build(outcome, early.ended ?? ended, error).then(
        (report) => {
          record(report);
          return report;
        },
        (err: Error) => {
          const report: ServeConnectionReport = { connection: number, remote, at, outcome: "failed", ended: `serve could not judge this connection: ${err.message}`, lint: {}, verdicts: [] };
          record(report);
          return report;
        },
      );
    }

    async function build(outcome: ServeOutcome, ended: string, error?: string): Promise<ServeConnectionReport> {
      let clientChain = early.chain;
      let certs = early.certs;
      let unreadable: string | undefined;
      try {
        if (!clientChain && tls12Chain) ({ seen: clientChain, certs } = chainSeen(tls12Chain, "as sent"));
        const opened = !clientChain && secure ? openClientCertificate(Buffer.concat(clientBytes), tlsSocket, keylog) : undefined;
        if (opened) ({ seen: clientChain, certs } = chainSeen(opened, "as sent", "TLS 1.3: the encrypted Certificate message opened with serve's own handshake secret"));
        if (!clientChain && secure) ({ seen: clientChain, certs } = chainSeen(peerChain(tlsSocket), "not observable", "TLS 1.3: the Certificate message could not be opened; this is the chain OpenSSL built, leaf first, without the root"));
      } catch (err) {
        unreadable = `the client's chain cannot be read: ${err instanceof Error ? err.message : String(err)}`;
      }
      const clientLint = early.clientLint ?? (certs ? await lintClientChain(certs) : undefined);
      const serverLint = hello ? await lintServerChain(hello, socket.localAddress) : undefined;
      const verdicts: ServeVerdict[] = [
        ...(clientLint?.verdicts ?? []).map((v) => ({ peer: v.peer, judges: "client chain" as const, status: v.status })),
        ...(serverLint?.verdicts ?? []).map((v) => ({ peer: v.peer, judges: "server chain" as const, status: v.status })),
      ];
      if (unreadable) for (const peer of clientPeers) verdicts.push({ peer, judges: "client chain", status: "rejected", reason: unreadable });
      if (clientChain && clientChain.certificates.length === 0) {
        for (const peer of clientPeers) verdicts.push({ peer, judges: "client chain", status: "rejected", reason: "the client sent no certificate" });
      }
      let enforced = early.enforced;
      if (request.enforce && secure && !enforced) {
        const verdict = verdicts.find((v) => v.peer === request.enforce && v.judges === "client chain");
        if (verdict?.status === "rejected") {
          if (enforceKind === "http") {
            httpRefusal = clientChain?.certificates.length ? "The SSL certificate error" : "No required SSL certificate was sent";
            enforced = { peer: request.enforce, refusal: `the handshake completed; the request is answered HTTP 400 "${httpRefusal}", as ${request.enforce} does (it lets the handshake finish and refuses the request)` };
          } else {
            enforced = { peer: request.enforce, refusal: "closed the connection after the handshake: under TLS 1.3 the alert would be encrypted, and serve cannot send a chosen one" };
            tlsSocket.destroy();
          }
        }
      }
      return {
        connection: number,
        remote,
        at,
        outcome,
        ended,
        error,
        alert: outcome === "client-alert" ? clientAlertSeen(error) : serverAlert ? alertSeen(serverAlert.code, "server") : undefined,
        clientHello: hello,
        negotiated,
        clientChain,
        lint: { clientChain: fromLab(clientLint), serverChain: fromLab(serverLint) },
        verdicts,
        enforced,
      };
    }

    function clientAlertSeen(error: string | undefined): AlertSeen | undefined {
      const code = clientAlert?.code ?? Number(/alert number (\d+)/.exec(error ?? "")?.[1] ?? NaN);
      return Number.isNaN(code) ? undefined : alertSeen(code, "client");
    }
  }

  const server = net.createServer(handle);
  server.maxConnections = SERVE_LIMITS.maxConnections * 4; // the kernel-side backstop; handle() closes past maxConnections itself
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => reject(new InputError(`cannot listen on ${request.listen}:${request.port}: ${err.code ?? err.message}`)));
    server.listen(request.port, request.listen, () => resolve());
  });
  server.on("error", () => {});
  const address = server.address() as net.AddressInfo;
  return {
    address: address.address,
    port: address.port,
    onceDone,
    summary: () => summary,
    close: () =>
      new Promise((resolve) => {
        // Every open connection is reported before the summary, which is the last line.
        const ended = [...open.values()].map((end) => end());
        const closed = new Promise<void>((done) => (server.listening ? server.close(() => done()) : done()));
        void Promise.allSettled([...ended, closed]).then(() => resolve(summary));
      }),
  };
}

/** "127.0.0.1:8443", "[::1]:8443". */
export function hostPort(address: string, port: number): string {
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}

function alertWords(alert: AlertSeen): string {
  // An alert a verifier sends (tls-alerts.ts `sender`) means the client refused our chain.
  const refused = findTlsAlert(alert.code)?.sender === "verifier" ? "the client rejected our certificate: " : "";
  return `${refused}the client sent fatal alert ${alert.code} ${alert.name}${alert.meaning ? ` (${alert.meaning})` : ""}`;
}

/** The client's TLS 1.3 Certificate message, opened with the handshake secret our TLS library logged; undefined when it cannot be. */
function openClientCertificate(bytes: Uint8Array, socket: tls.TLSSocket, keylog: string[]): Uint8Array[] | undefined {
  const secret = keylogSecret(keylog, "CLIENT_HANDSHAKE_TRAFFIC_SECRET");
  const cipher = socket.getCipher();
  if (!secret || socket.getProtocol() !== "TLSv1.3") return undefined;
  try {
    const certificate = openHandshakeRecords(bytes, cipher.standardName ?? cipher.name, secret, "the client")?.find((m) => m.type === HANDSHAKE.certificate);
    return certificate ? decodeCertificateMessage(certificate.body, "1.3", "the client") : undefined;
  } catch {
    return undefined; // reported as not observable, with the chain OpenSSL kept
  }
}

/** The client's chain as OpenSSL kept it (TLS 1.3, when the Certificate message could not be opened). */
function peerChain(socket: tls.TLSSocket): Uint8Array[] {
  const ders = linkedPeerChain(socket);
  // Node completes the chain with the self-signed root from our CA file: the client did not necessarily send it.
  const last = ders.length > 1 ? parseCertificate(ders[ders.length - 1]!, "the client's chain") : undefined;
  if (last && last.subject.text === last.issuer.text) ders.pop();
  return ders;
}
