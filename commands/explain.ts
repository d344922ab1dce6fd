import { Args, Flags } from "@oclif/core";
import { BaseCommand } from "../src/cli/base-command.js";
import { atFlag } from "../src/cli/flags.js";
import type { ExplainResult } from "../src/explain/explain.js";
import type { LogReport } from "../src/explain/log.js";
import { InputError } from "../src/io/input-error.js";

export default class Explain extends BaseCommand {
  static override summary = "Explain mbedTLS error codes, TLS alerts, OpenSSL verify errors and nginx log lines: the cause, the lint rule that catches it, the fix.";
  static override description = "Exit 0 when everything was recognised, 1 when something was not (with the closest matches), 2 on bad usage.";
  static override examples = [
    "<%= config.bin %> explain -0x7780",
    "<%= config.bin %> explain 0x2700 -30592",
    '<%= config.bin %> explain "alert 40"',
    '<%= config.bin %> explain "(26:unsupported certificate purpose)"',
    "<%= config.bin %> explain --log /var/log/nginx/error.log --cert client.pem --chain chain.pem --ca ca.pem",
  ];
  static override strict = false;
  static override enableJsonFlag = true;
  static override args = { code: Args.string({ description: "Codes, numbers, names or pasted messages (several allowed)." }) };
  static override flags = {
    log: Flags.string({ description: "Scan a log (nginx error log, mbedTLS debug output, openssl s_client, curl -v, Postfix, a Go server or client) and explain every event in order." }),
    cert: Flags.string({ description: "--log: lint this certificate for the peer that wrote the log and say which finding explains each event." }),
    chain: Flags.string({ multiple: true, description: "--log --cert: intermediates." }),
    ca: Flags.string({ multiple: true, description: "--log --cert: trust anchors." }),
    "mbedtls-config": Flags.string({ multiple: true, description: "--log --cert: the device's mbedTLS config, for mbedTLS logs." }),
    at: atFlag(),
  };

  async run(): Promise<ExplainResult | LogReport> {
    const { argv, flags } = await this.parse(Explain);
    // The certificate flags only mean something with --cert: say so rather than ignore them.
    const withCert = (["chain", "ca", "mbedtls-config"] as const).find((name) => flags[name] !== undefined);
    if (withCert && !flags.cert) throw new InputError(`--${withCert}: goes with --log FILE --cert CERT`);
    if (flags.log) {
      const { explainLog } = await import("../src/app/explain-log.js");
      const { renderLogReport } = await import("../src/explain/render.js");
      const { stdoutWrap } = await import("../src/cli/terminal.js");
      const report = await explainLog({ file: flags.log, cert: flags.cert, chainFiles: flags.chain ?? [], caFiles: flags.ca ?? [], mbedtlsConfig: flags["mbedtls-config"], at: flags.at ?? new Date() });
      if (!this.jsonEnabled()) this.log(renderLogReport(report, { wrap: stdoutWrap() }));
      if (report.events.length === 0 && report.clientHellos.length === 0) process.exitCode = 1;
      return report;
    }
    if (flags.cert) throw new InputError("--cert: goes with --log FILE");
    if (argv.length === 0) throw new InputError("explain: give a code or message (e.g. -0x7780, \"alert 40\"), or --log FILE");
    const { explainQueries } = await import("../src/explain/explain.js");
    const { renderExplanations } = await import("../src/explain/render.js");
    const { stdoutWrap } = await import("../src/cli/terminal.js");
    const result = explainQueries(argv as string[]);
    if (!this.jsonEnabled()) this.log(renderExplanations(result, { wrap: stdoutWrap() }));
    if (result.unknown.length > 0) process.exitCode = 1;
    return result;
  }
}
