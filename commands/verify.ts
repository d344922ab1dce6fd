import { Args, Flags } from "@oclif/core";
import { BaseCommand } from "../src/cli/base-command.js";
import { atFlag, passwordFlags, readPassword } from "../src/cli/flags.js";
import { MissingArgumentError } from "../src/cli/usage-error.js";

export default class Verify extends BaseCommand {
  static override summary = "Validate certificate chains the way OpenSSL and nginx do: path, signatures, time, CA and purpose, host name.";
  static override description =
    "Exit 0 when every leaf is valid, 1 when any is not (every reason is listed), 2 on bad input. " +
    "Many leaves in one call are verified in one process: name them, give a directory (its *.pem, *.crt, *.cer and *.der files, sorted), " +
    "or a list with --from FILE (one path a line; - reads standard input). Results are printed as they are reached, in input order.";
  static override examples = [
    "<%= config.bin %> verify pkilab-lab/clients/client/cert.pem --chain pkilab-lab/clients/client/chain.pem --ca pkilab-lab/ca.pem --purpose client",
    "<%= config.bin %> verify server.pem --ca ca.pem --purpose server --host 192.168.0.254",
    "<%= config.bin %> verify client.pem --chain intermediate.pem --ca ca.pem --crl crl.pem --purpose client",
    "<%= config.bin %> verify devices/*/cert.pem --chain intermediate.pem --ca ca.pem --purpose client --quiet",
    "find devices -name cert.pem | <%= config.bin %> verify --from - --ca ca.pem --purpose client --jsonl",
  ];
  static override strict = false;
  static override enableJsonFlag = true;
  static override args = { leaf: Args.string({ description: "Certificate file(s) or directories of them to verify (a fullchain file counts its extra certificates as chain).", ignoreStdin: true }) };
  static override flags = {
    chain: Flags.string({ multiple: true, description: "Untrusted intermediates, in any order (repeatable)." }),
    ca: Flags.string({ multiple: true, description: "Trust anchors: the root CA file (repeatable)." }),
    purpose: Flags.option({ options: ["client", "server"] as const, description: "Check OpenSSL's sslclient/sslserver purpose on every certificate." })(),
    host: Flags.string({ description: "DNS name or IP address the leaf must be valid for." }),
    at: atFlag(),
    "verify-depth": Flags.integer({ min: 0, description: "Maximum number of intermediates (OpenSSL -verify_depth, nginx ssl_verify_depth)." }),
    "legacy-cn": Flags.boolean({ description: "Match --host against the CN when there is no DNS SAN (OpenSSL's default, not RFC 9525)." }),
    "partial-chain": Flags.boolean({ description: "Accept a trusted intermediate as the end of the chain (nginx never does)." }),
    "security-level": Flags.integer({ min: 0, max: 5, default: 2, description: "OpenSSL security level for keys and signature digests (2 = Debian's default, which nginx applies; 0 = off, like a bare openssl verify)." }),
    "x509-strict": Flags.boolean({ description: "Also check the RFC 5280 profile rules OpenSSL checks only with -x509_strict." }),
    crl: Flags.string({ multiple: true, description: "CRLs to check revocation against, PEM (any number per file) or DER (repeatable); turns CRL checking on, as nginx ssl_crl." }),
    "crl-check": Flags.option({ options: ["leaf", "all"] as const, description: "With --crl: which certificates need a CRL: every one up to the root (all, the default, as nginx) or the leaf only (openssl verify -crl_check)." })(),
    key: Flags.string({ description: "Check that this private key belongs to the (single) leaf." }),
    from: Flags.string({ description: "Also verify the files listed in FILE, one path a line (- reads the list from standard input)." }),
    jsonl: Flags.boolean({ description: "Print one JSON object per leaf, one a line (JSON Lines), as each is verified.", exclusive: ["json"] }),
    quiet: Flags.boolean({ description: "Print only invalid leaves and the summary." }),
    ...passwordFlags,
  };

  /**
   * The report is written as verdicts arrive (src/verify/stream.ts), --json included, so run()
   * returns nothing for oclif to print.
   */
  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Verify);
    if (argv.length === 0 && flags.from === undefined) throw new MissingArgumentError("LEAF", "Certificate file(s) to verify");
    const { verifyCertificatesTo } = await import("../src/app/verify.js");
    const { leafFiles } = await import("../src/app/leaf-inputs.js");
    const { verifyOutput } = await import("../src/verify/stream.js");
    const { BufferedOutput } = await import("../src/cli/buffered-output.js");
    const { stdoutWrap } = await import("../src/cli/terminal.js");
    const out = new BufferedOutput();
    const format = flags.jsonl ? "jsonl" : this.jsonEnabled() ? "json" : "text";
    const output = verifyOutput(format, (text) => out.write(text), { quiet: flags.quiet, wrap: format === "text" ? stdoutWrap() : undefined });
    try {
      const summary = await verifyCertificatesTo(
        {
          leaves: await leafFiles({ paths: argv as string[], from: flags.from }),
          chainFiles: flags.chain ?? [],
          caFiles: flags.ca ?? [],
          crlFiles: flags.crl ?? [],
          crlCheck: flags["crl-check"],
          at: flags.at ?? new Date(),
          purpose: flags.purpose,
          host: flags.host,
          maxDepth: flags["verify-depth"],
          legacyCn: flags["legacy-cn"],
          partialChain: flags["partial-chain"],
          securityLevel: flags["security-level"],
          x509Strict: flags["x509-strict"],
          keyFile: flags.key,
          password: await readPassword(flags),
        },
        output,
      );
      output.end(summary);
      if (summary.invalid > 0) process.exitCode = 1;
    } finally {
      // What was verified before a failure is still printed, before the error's line.
      out.flush();
    }
  }
}
