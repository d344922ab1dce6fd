import { Args, Flags } from "@oclif/core";
import { BaseCommand } from "../src/cli/base-command.js";
import { atFlag, passwordFlags, peerListFlag, readPassword } from "../src/cli/flags.js";
import { parseTime } from "../src/cli/time.js";
import type { LintRequest } from "../src/app/lint-files.js";
import { MissingArgumentError } from "../src/cli/usage-error.js";
import { InputError } from "../src/io/input-error.js";
import type { LintReport } from "../src/lint/types.js";

export default class Lint extends BaseCommand {
  static override summary = "Check a certificate and its chain against the peers it must work with, and say how to fix what they will reject.";
  static override description = "Exit 0 when every peer will accept, 1 when one will reject, 3 when no peer rejects but a verdict could not be reached (an input a check needs is missing: a trust anchor, --host), 2 on bad input. Without --ca, a certificate inside a pkilab lab is checked against the lab's root and chain. `pkilab peers` lists the profiles.";
  static override examples = [
    "<%= config.bin %> lint client.pem --chain chain.pem --ca ca.pem --for nginx-mtls",
    "<%= config.bin %> lint client.pem --ca ca.pem --for nginx-mtls --verify-depth 2 --json",
    "<%= config.bin %> lint client.pem --chain chain.pem --ca ca.pem --crl crl.pem --for nginx-mtls",
    "<%= config.bin %> lint server.pem --for nginx-server,browser --host www.example.test --format sarif",
    "<%= config.bin %> lint server.pem --chain chain.pem --ca ca.pem --mbedtls-config config.h --host 192.168.0.254",
    "<%= config.bin %> lint server.pem --chain chain.pem --ca ca.pem --mbedtls-config config.h --mbedtls-profile fleet.profile --host device.example",
    "<%= config.bin %> lint server.pem --client-hello hello.hex",
    "<%= config.bin %> lint client.pem --chain chain.pem --ca ca.pem --for go-mtls --go-version 1.22",
    "<%= config.bin %> lint server.pem --chain chain.pem --ca ca.pem --wolfssl-config wolfssl/options.h --host device.example",
    "<%= config.bin %> lint devices/ --chain intermediate.pem --ca ca.pem --for nginx-mtls --jsonl",
  ];
  static override enableJsonFlag = true;
  static override strict = false;
  static override args = { cert: Args.string({ description: "The certificate to lint (a fullchain file supplies its own chain); several, or a directory of them (*.pem, *.crt, *.cer, *.der, sorted), lint each with the same options.", ignoreStdin: true }) };
  static override flags = {
    for: peerListFlag("Peer profile(s), repeatable or comma-separated: nginx-mtls, nginx-server, browser, mbedtls, client-hello, go-mtls, go-client, wolfssl [default: implied by --nginx-conf, --mbedtls-config, --client-hello, --wolfssl-config]."),
    chain: Flags.string({ multiple: true, description: "Intermediates the certificate is sent with (repeatable)." }),
    ca: Flags.string({ multiple: true, description: "Trust anchors: nginx's ssl_client_certificate, or the clients' root store (repeatable)." }),
    host: Flags.string({ description: "Host name or IP clients dial (server profiles)." }),
    "verify-depth": Flags.integer({ min: 0, description: "nginx ssl_verify_depth [default: from --nginx-conf, else 1, nginx's default]." }),
    crl: Flags.string({ multiple: true, description: "nginx-mtls: CRLs nginx checks revocation against, as ssl_crl (PEM with any number, or DER; repeatable) [default: ssl_crl from --nginx-conf]." }),
    "nginx-conf": Flags.string({ description: "Read ssl_verify_depth, ssl_client_certificate, ssl_trusted_certificate, ssl_verify_client and ssl_crl from this nginx.conf (includes followed)." }),
    "nginx-server": Flags.string({ description: "Which server block of --nginx-conf (by server_name) [default: the one with ssl_verify_client]." }),
    "mbedtls-config": Flags.string({ multiple: true, description: "The device's mbedTLS config header (config.h / mbedtls_config.h, or a cc -E -dM dump); repeat for user-config overrides." }),
    "mbedtls-version": Flags.option({ options: ["2.28", "3.6"] as const, description: "mbedTLS version of the device [default: guessed from the config, else 3.6]." })(),
    "mbedtls-profile": Flags.string({ description: "mbedtls: the X.509 verification profile the firmware sets with mbedtls_ssl_conf_cert_profile(): default, next, suiteb, or a FILE of mbedtls_x509_crt_profile fields (README: mbedTLS X.509 profiles) [default: default]." }),
    "wolfssl-config": Flags.string({ multiple: true, description: "wolfssl: the device's wolfssl/options.h or user_settings.h (or a cc -E -dM dump); repeat for overrides. Implies --for wolfssl." }),
    "wolfssl-verify-depth": Flags.integer({ min: 0, max: 255, description: "wolfssl: the depth the firmware passes to wolfSSL_CTX_set_verify_depth() [default: not called]. Implies --for wolfssl." }),
    "device-cert": Flags.boolean({ description: "mbedtls: the certificate is the device's own (client authentication), not the server's." }),
    "device-clock": Flags.string({ description: "mbedtls: the device's clock (ISO date), e.g. its firmware build date when it has no RTC." }),
    "client-hello": Flags.string({ description: "A captured ClientHello (file: binary, hex dump, Wireshark text, pcap/pcapng or tshark -x; or hex text): lint the server chain against what the client offers." }),
    key: Flags.string({ description: "The certificate's private key file: checks that it belongs to the certificate, and its format against the mbedTLS version (never printed)." }),
    openssl: Flags.option({ options: ["1.0", "1.1+"] as const, default: "1.1+", description: "OpenSSL series of the nginx build: 1.0 counted the leaf in ssl_verify_depth." })(),
    "go-version": Flags.string({ description: "go-mtls, go-client: the Go release the program was built with (1.19, 1.22.5, go1.23) [default: 1.19, the version pkilab's Go facts were tested on]." }),
    from: Flags.string({ description: "Also lint the certificate files listed in FILE, one path a line (- reads the list from standard input)." }),
    jsonl: Flags.boolean({ description: "Several certificates: print one JSON report per certificate, one a line (JSON Lines), as each is linted.", exclusive: ["json"] }),
    format: Flags.option({ options: ["text", "json", "sarif"] as const, default: "text", description: "Output format (--json is the same as --format json)." })(),
    at: atFlag(),
    ...passwordFlags,
  };

  async run(): Promise<LintReport | undefined> {
    const { argv, flags } = await this.parse(Lint);
    const { parsePeerList, impliedPeers } = await import("../src/peers/index.js");
    const { lintCertificate } = await import("../src/app/lint.js");
    const { leafFiles } = await import("../src/app/leaf-inputs.js");
    const paths = argv as string[];
    if (paths.length === 0 && flags.from === undefined) throw new MissingArgumentError("CERT", "The certificate to lint");
    const files = await leafFiles({ paths, from: flags.from });
    const request = {
      chainFiles: flags.chain ?? [],
      caFiles: flags.ca ?? [],
      crlFiles: flags.crl ?? [],
      peers: flags.for ? parsePeerList(flags.for.join(",")) : impliedPeers({ nginxConf: flags["nginx-conf"], mbedtlsConfig: flags["mbedtls-config"], mbedtlsVersion: flags["mbedtls-version"], mbedtlsProfile: flags["mbedtls-profile"], clientHello: flags["client-hello"], wolfsslConfig: flags["wolfssl-config"], wolfsslVerifyDepth: flags["wolfssl-verify-depth"] }),
      at: flags.at ?? new Date(),
      host: flags.host,
      verifyDepth: flags["verify-depth"],
      opensslSeries: flags.openssl,
      nginxConf: flags["nginx-conf"],
      nginxServerName: flags["nginx-server"],
      mbedtlsConfig: flags["mbedtls-config"],
      mbedtlsVersion: flags["mbedtls-version"],
      mbedtlsProfile: flags["mbedtls-profile"],
      wolfsslConfig: flags["wolfssl-config"],
      wolfsslVerifyDepth: flags["wolfssl-verify-depth"],
      deviceCert: flags["device-cert"],
      deviceClock: flags["device-clock"] ? parseTime(flags["device-clock"], "--device-clock") : undefined,
      clientHello: flags["client-hello"],
      keyFile: flags.key,
      goVersion: flags["go-version"],
      password: await readPassword(flags),
    };
    // Several certificates (more than one, a directory, or --from): each is reported as it is linted.
    const several = files.length > 1 || flags.from !== undefined || files[0] !== paths[0];
    if (several || flags.jsonl) return this.lintSeveral(files, request, flags.jsonl ? "jsonl" : this.jsonEnabled() || flags.format === "json" ? "json" : flags.format);
    const report = await lintCertificate({ ...request, file: files[0] as string });
    if (!this.jsonEnabled()) {
      if (flags.format === "sarif") {
        const { renderSarif, webAddress } = await import("../src/lint/report/sarif.js");
        const pkg = this.config.pjson as { repository?: string | { url?: string }; homepage?: string };
        const repositoryUrl = webAddress(typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url) ?? webAddress(pkg.homepage);
        this.log(JSON.stringify(renderSarif(report, this.config.version, { repositoryUrl }), null, 2));
      } else if (flags.format === "json") {
        this.log(JSON.stringify(report, null, 2));
      } else {
        const { renderText } = await import("../src/lint/report/text.js");
        const { stdoutWrap } = await import("../src/cli/terminal.js");
        this.log(renderText(report, { wrap: stdoutWrap() }));
      }
    }
    // 1: a peer will reject; 3: none will, but a verdict could not be reached (README "Exit codes").
    if (report.verdicts.some((v) => v.status === "rejected")) process.exitCode = 1;
    else if (report.verdicts.some((v) => v.status === "undetermined")) process.exitCode = 3;
    return report;
  }

  /**
   * Lint of several certificates with the same options: text reports one after another, --json
   * an array of lint reports (each as docs/schemas/lint.schema.json), --jsonl one report a line,
   * all written as each certificate is linted, in input order. Exit code: the worst of them.
   */
  private async lintSeveral(files: string[], request: Omit<LintRequest, "file">, format: "text" | "json" | "jsonl" | "sarif"): Promise<undefined> {
    if (format === "sarif") throw new InputError("--format sarif: lints one certificate: give one file, or use --jsonl for several");
    if (request.keyFile) throw new InputError(`${request.keyFile}: --key belongs to one certificate: give exactly one file with it`);
    const { lintCertificatesTo } = await import("../src/app/lint.js");
    const { BufferedOutput } = await import("../src/cli/buffered-output.js");
    const { renderText } = await import("../src/lint/report/text.js");
    const { stdoutWrap } = await import("../src/cli/terminal.js");
    const out = new BufferedOutput();
    const wrap = stdoutWrap();
    let count = 0;
    let rejected = false;
    let undetermined = false;
    try {
      await lintCertificatesTo(files, request, (report) => {
        if (format === "jsonl") out.write(`${JSON.stringify(report)}\n`);
        else if (format === "json") out.write(`${count === 0 ? "[\n" : ",\n"}${JSON.stringify(report, null, 2).replace(/^/gm, "  ")}`);
        else out.write(`${count === 0 ? "" : "\n"}${renderText(report, { wrap })}\n`);
        count++;
        rejected ||= report.verdicts.some((v) => v.status === "rejected");
        undetermined ||= report.verdicts.some((v) => v.status === "undetermined");
      });
      if (format === "json") out.write(count === 0 ? "[]\n" : "\n]\n");
    } finally {
      out.flush();
    }
    if (rejected) process.exitCode = 1;
    else if (undetermined) process.exitCode = 3;
    return undefined;
  }
}
