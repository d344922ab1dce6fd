import { Args, Flags } from "@oclif/core";
import { BaseCommand } from "../src/cli/base-command.js";
import { atFlag, passwordFlags, peerListFlag, readPassword } from "../src/cli/flags.js";
import { parseTime } from "../src/cli/time.js";
import type { ProbeReport } from "../src/app/probe.js";

export default class Probe extends BaseCommand {
  static override summary = "Ask a running TLS server what it sends (chain as sent, CAs it asks clients for, negotiated parameters), and lint that chain for the peers that must accept it.";
  static override description =
    "Connects only where you point it: first with a TLS 1.2 ClientHello, whose answer is plaintext (the chain exactly as sent, the CertificateRequest), then as a current OpenSSL client (TLS 1.3 when the server has it). With --cert/--key it presents a client certificate and reports the server's answer. Exit codes as lint: 0 every peer accepts, 1 one rejects (or the server refused the client certificate), 3 undecided; 2 when the endpoint cannot be reached or does not speak TLS.";
  static override examples = [
    "<%= config.bin %> probe 127.0.0.1:8443 --ca lab/ca.pem --for nginx-server",
    "<%= config.bin %> probe server.example:443 --for mbedtls --mbedtls-config device/mbedtls_config.h --ca device/ca.pem",
    "<%= config.bin %> probe 127.0.0.1:8443 --cert lab/clients/alice/cert.pem --key lab/clients/alice/key.pem",
    "<%= config.bin %> probe mail.example:25 --starttls smtp --client-hello exchange-hello.txt",
  ];
  static override enableJsonFlag = true;
  static override args = { target: Args.string({ description: "HOST:PORT (IPv6 as [::1]:8443). Default port 443, or the --starttls protocol's.", required: true }) };
  static override flags = {
    servername: Flags.string({ description: "SNI host name to send, and the host the chain is checked against [default: the host, when it is a name]." }),
    starttls: Flags.option({ options: ["smtp", "imap", "pop3"] as const, description: "Upgrade a plaintext mail connection first (SMTP: RFC 3207, IMAP: RFC 3501, POP3: RFC 2595)." })(),
    cert: Flags.string({ description: "A client certificate to present (PEM or DER; a fullchain file sends its intermediates too)." }),
    key: Flags.string({ description: "The client certificate's private key (never printed)." }),
    timeout: Flags.integer({ min: 1, max: 300, default: 10, description: "Seconds to wait for each connection step." }),
    for: peerListFlag("Peer profile(s) to lint the chain as sent for: nginx-server, browser, mbedtls, client-hello, go-client, wolfssl … [default: implied by --mbedtls-config, --client-hello, --wolfssl-config; none: the chain is only shown]."),
    ca: Flags.string({ multiple: true, description: "Trust anchors of the clients (the device's CA file, a root store)." }),
    host: Flags.string({ description: "Host name or IP the clients dial [default: --servername, else the target's host]." }),
    "mbedtls-config": Flags.string({ multiple: true, description: "The device's mbedTLS config header: will this device accept the server?" }),
    "mbedtls-version": Flags.option({ options: ["2.28", "3.6"] as const, description: "mbedTLS version of the device." })(),
    "mbedtls-profile": Flags.string({ description: "mbedtls: the firmware's X.509 verification profile: default, next, suiteb or a FILE." }),
    "wolfssl-config": Flags.string({ multiple: true, description: "The device's wolfssl/options.h or user_settings.h." }),
    "wolfssl-verify-depth": Flags.integer({ min: 0, max: 255, description: "wolfssl: wolfSSL_CTX_set_verify_depth() of the firmware." }),
    "client-hello": Flags.string({ description: "A captured ClientHello: would this server find anything the client offers?" }),
    "device-clock": Flags.string({ description: "mbedtls: the device's clock (ISO date)." }),
    "go-version": Flags.string({ description: "go-client: the Go release of the client [default: 1.19]." }),
    format: Flags.option({ options: ["text", "json", "sarif"] as const, default: "text", description: "Output format (--json is the same as --format json; sarif holds the lint findings)." })(),
    at: atFlag(),
    ...passwordFlags,
  };

  async run(): Promise<ProbeReport> {
    const { args, flags } = await this.parse(Probe);
    const { parsePeerList, impliedPeers } = await import("../src/peers/index.js");
    const { probe } = await import("../src/app/probe.js");
    const implied = { mbedtlsConfig: flags["mbedtls-config"], mbedtlsVersion: flags["mbedtls-version"], mbedtlsProfile: flags["mbedtls-profile"], clientHello: flags["client-hello"], wolfsslConfig: flags["wolfssl-config"], wolfsslVerifyDepth: flags["wolfssl-verify-depth"] };
    const anyImplied = Object.values(implied).some((v) => v !== undefined && (!Array.isArray(v) || v.length > 0));
    const peers = flags.for ? parsePeerList(flags.for.join(",")) : anyImplied ? impliedPeers(implied) : [];
    if (flags.format === "sarif" && peers.length === 0) {
      const { InputError } = await import("../src/io/input-error.js");
      throw new InputError("--format sarif: SARIF holds lint findings: name the peers that must accept the chain with --for");
    }
    const report = await probe({
      target: args.target,
      serverName: flags.servername,
      starttls: flags.starttls,
      clientCertFile: flags.cert,
      clientKeyFile: flags.key,
      password: await readPassword(flags),
      timeoutMs: flags.timeout * 1000,
      lint: {
        peers,
        caFiles: flags.ca ?? [],
        at: flags.at ?? new Date(),
        host: flags.host ?? flags.servername,
        mbedtlsConfig: flags["mbedtls-config"],
        mbedtlsVersion: flags["mbedtls-version"],
        mbedtlsProfile: flags["mbedtls-profile"],
        wolfsslConfig: flags["wolfssl-config"],
        wolfsslVerifyDepth: flags["wolfssl-verify-depth"],
        clientHello: flags["client-hello"],
        deviceClock: flags["device-clock"] ? parseTime(flags["device-clock"], "--device-clock") : undefined,
        goVersion: flags["go-version"],
      },
    });
    if (!this.jsonEnabled()) {
      if (flags.format === "json") this.log(JSON.stringify(report, null, 2));
      else if (flags.format === "sarif") {
        const { renderSarif } = await import("../src/lint/report/sarif.js");
        if (report.lint) this.log(JSON.stringify(renderSarif(report.lint, this.config.version), null, 2));
        else process.stderr.write(`pkilab: no SARIF: ${report.notJudged ?? "nothing was linted (name the peers with --for)"}\n`);
      } else {
        const { renderProbe } = await import("../src/inspect/probe.js");
        const { renderText } = await import("../src/lint/report/text.js");
        const { stdoutWrap } = await import("../src/cli/terminal.js");
        const { printableLines } = await import("../src/inspect/printable.js");
        // What the server sent (names, its answer) is printed with its control characters escaped.
        this.log(printableLines(renderProbe(report)));
        if (report.lint) this.log(`\n${printableLines(renderText(report.lint, { wrap: stdoutWrap() }))}`);
        else if (!report.notJudged) this.log("\n(no --for: the chain is shown, not judged; name the peers that must accept it)");
      }
    }
    // As lint: 1 a peer rejects (or the server refused the client certificate), 3 undecided.
    const verdicts = report.lint?.verdicts ?? [];
    if (verdicts.some((v) => v.status === "rejected") || report.clientCertificate?.outcome === "refused") process.exitCode = 1;
    else if (verdicts.some((v) => v.status === "undetermined") || report.notJudged || report.clientCertificate?.outcome === "undetermined") process.exitCode = 3;
    return report;
  }
}
