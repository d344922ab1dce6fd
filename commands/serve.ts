import { Flags } from "@oclif/core";
import { BaseCommand } from "../src/cli/base-command.js";
import { peerListFlag } from "../src/cli/flags.js";
import { parseTime } from "../src/cli/time.js";
import type { ServeConnectionReport } from "../src/inspect/serve.js";

export default class Serve extends BaseCommand {
  static override summary = "A diagnostic TLS server to point a device or client at: what it offered, the chain it sent, what each peer decides about it, and how the handshake ended.";
  static override description =
    "Prints `listening on ADDRESS:PORT` on stderr, then one report per connection: the decoded ClientHello, the client's chain in the order sent (plaintext under TLS 1.2; under TLS 1.3 opened with serve's own handshake secret), the findings of each --for profile in the words of `lint` (mTLS servers such as nginx-mtls and go-mtls judge the client's chain; the others, client-hello included, judge ours as this client will), and how the handshake ended. Report-only by default: the handshake completes whatever the client sent. --enforce PROFILE refuses as that peer would (nginx: HTTP 400 after the handshake; go-mtls: the fatal alert its rules predict, sent right after the client's Certificate message, which is why --enforce go-mtls caps the version at TLS 1.2). Ctrl-C prints a summary. With --once: exit 0 when every profile accepts and the handshake completed, 1 when a profile rejects or the handshake failed, 3 when undetermined, 2 when the client sent no TLS.";
  static override examples = [
    "<%= config.bin %> serve --lab lab --port 8443",
    "<%= config.bin %> serve --lab lab --for nginx-mtls,client-hello --once",
    "<%= config.bin %> serve --lab lab --for mbedtls,client-hello --mbedtls-config device.h --once",
    "<%= config.bin %> serve --cert server.pem --key server.key --ca clients-ca.pem --enforce nginx-mtls --json",
  ];
  static override flags = {
    port: Flags.integer({ min: 0, max: 65535, default: 8443, description: "TCP port (0: any free port, printed on the first line)." }),
    listen: Flags.string({ default: "127.0.0.1", description: "Address to listen on." }),
    lab: Flags.string({ description: "A pkilab lab: serve its server leaf with its chain, and ask clients for certificates from its root." }),
    server: Flags.string({ description: "--lab: which server leaf (by name) [default: the lab's first]." }),
    cert: Flags.string({ description: "The server certificate (a fullchain file supplies its chain)." }),
    key: Flags.string({ description: "The server certificate's private key (PEM)." }),
    chain: Flags.string({ multiple: true, description: "Intermediates sent after the certificate (repeatable)." }),
    ca: Flags.string({ multiple: true, description: "CAs for client certificates, named to clients in the CertificateRequest [default: the lab's root]; without --lab also the anchors our chain is judged against." }),
    for: peerListFlag("Profiles that judge each connection, repeatable or comma-separated [default: nginx-mtls, plus mbedtls or wolfssl when their config flags are given]: nginx-mtls and go-mtls judge the client's chain; nginx-server, browser, mbedtls, client-hello, go-client and wolfssl judge ours against what the client offered."),
    enforce: Flags.option({ options: ["nginx-mtls", "go-mtls"] as const, description: "Answer as this server would when it rejects the client's chain: nginx answers HTTP 400 after the handshake, Go refuses it with an alert (report-only without it)." })(),
    tls: Flags.option({ options: ["1.2", "1.3"] as const, description: "Highest TLS version offered [default: 1.3; 1.2 with --enforce go-mtls, whose alert is sent before our Finished]." })(),
    host: Flags.string({ description: "The host name or IP the client dials, checked by server-side profiles [default: the SNI it sends, else the address it connected to]." }),
    once: Flags.boolean({ description: "Serve one connection, then exit by its verdict." }),
    json: Flags.boolean({ description: "One JSON object per connection, one per line (docs/schemas/serve-connection.schema.json)." }),
    timeout: Flags.integer({ min: 100, description: "Milliseconds a connection may last: its handshake, and the one request answered after it [default: 10000]." }),
    "verify-depth": Flags.integer({ min: 0, description: "nginx-mtls: ssl_verify_depth [default: 1, nginx's default]." }),
    crl: Flags.string({ multiple: true, description: "nginx-mtls: CRLs checked as ssl_crl [default: the lab's crl.pem]." }),
    "mbedtls-config": Flags.string({ multiple: true, description: "mbedtls: the device's mbedTLS config header(s)." }),
    "mbedtls-version": Flags.option({ options: ["2.28", "3.6"] as const, description: "mbedtls: version of the device." })(),
    "mbedtls-profile": Flags.string({ description: "mbedtls: the X.509 verification profile of the firmware." }),
    "wolfssl-config": Flags.string({ multiple: true, description: "wolfssl: the device's options.h / user_settings.h." }),
    "go-version": Flags.string({ description: "go-mtls, go-client: the Go release." }),
    "device-clock": Flags.string({ description: "mbedtls: the device's clock (ISO date)." }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Serve);
    const { parsePeerList } = await import("../src/peers/index.js");
    const { startServe, hostPort, SERVE_LIMITS } = await import("../src/app/serve.js");
    const { renderServeConnection, renderServeSummary } = await import("../src/inspect/serve.js");
    const { printableLines } = await import("../src/inspect/printable.js");
    const { stdoutWrap } = await import("../src/cli/terminal.js");
    const wrap = stdoutWrap();
    const print = (report: ServeConnectionReport) => {
      if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else process.stdout.write(`${printableLines(renderServeConnection(report, { wrap }))}\n\n`);
    };
    const handle = await startServe(
      {
        lab: flags.lab,
        server: flags.server,
        cert: flags.cert,
        key: flags.key,
        chainFiles: flags.chain ?? [],
        caFiles: flags.ca ?? [],
        listen: flags.listen,
        port: flags.port,
        // Without --for: nginx-mtls, and the device a config flag describes.
        peers: flags.for ? parsePeerList(flags.for.join(",")) : ["nginx-mtls", ...impliedDevice(flags)],
        enforce: flags.enforce,
        tls: flags.tls,
        host: flags.host,
        timeoutMs: flags.timeout ?? SERVE_LIMITS.defaultTimeoutMs,
        once: flags.once,
        lintOptions: {
          verifyDepth: flags["verify-depth"],
          crlFiles: flags.crl,
          mbedtlsConfig: flags["mbedtls-config"],
          mbedtlsVersion: flags["mbedtls-version"],
          mbedtlsProfile: flags["mbedtls-profile"],
          wolfsslConfig: flags["wolfssl-config"],
          goVersion: flags["go-version"],
          deviceClock: flags["device-clock"] ? parseTime(flags["device-clock"], "--device-clock") : undefined,
        },
      },
      print,
    );
    // `serve | head` must not crash on a closed pipe: stop quietly, as a pipeline expects.
    process.stdout.on("error", () => process.exit(0));
    process.stderr.write(`listening on ${hostPort(handle.address, handle.port)}\n`);
    if (flags.once) {
      const report = await handle.onceDone;
      await handle.close();
      process.exitCode = onceExit(report);
      return;
    }
    await new Promise<void>((resolve) => {
      const stop = () => {
        void handle.close().then((summary) => {
          if (flags.json) process.stdout.write(`${JSON.stringify({ summary })}\n`);
          else process.stdout.write(`${renderServeSummary(summary)}\n`);
          resolve();
        });
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
  }
}

function impliedDevice(flags: { "mbedtls-config"?: string[]; "mbedtls-version"?: string; "mbedtls-profile"?: string; "wolfssl-config"?: string[] }): ("mbedtls" | "wolfssl")[] {
  const ids: ("mbedtls" | "wolfssl")[] = [];
  if (flags["mbedtls-config"]?.length || flags["mbedtls-version"] || flags["mbedtls-profile"]) ids.push("mbedtls");
  if (flags["wolfssl-config"]?.length) ids.push("wolfssl");
  return ids;
}

/** --once: 1 rejected or the handshake failed, 3 undetermined, 2 no TLS to judge, else 0. */
function onceExit(report: ServeConnectionReport): number {
  if (report.verdicts.some((v) => v.status === "rejected")) return 1;
  if (report.outcome === "not-tls" || report.outcome === "malformed") return 2;
  if (report.outcome !== "completed") return 1;
  if (report.verdicts.some((v) => v.status === "undetermined")) return 3;
  return 0;
}
