import { Args, Flags } from "@oclif/core";
import { BaseCommand } from "../src/cli/base-command.js";
import { atFlag, passwordFlags, readPassword } from "../src/cli/flags.js";
import type { InspectReport } from "../src/inspect/report.js";
import { InputError } from "../src/io/input-error.js";
import type { ClientHello } from "../src/app/read-client-hello.js";

export default class Inspect extends BaseCommand {
  static override summary = "Say in plain words what certificate, chain, key, CSR, CRL or PKCS#12 files hold.";
  static override examples = [
    "<%= config.bin %> inspect pkilab-lab/servers/localhost/cert.pem",
    "<%= config.bin %> inspect --tree pkilab-lab/ca.pem pkilab-lab/servers/localhost/fullchain.pem",
    "<%= config.bin %> inspect bundle.p12 --password-file pass.txt --json",
    "<%= config.bin %> inspect --client-hello hello.hex",
  ];
  static override strict = false;
  static override enableJsonFlag = true;
  static override args = { file: Args.string({ description: "Files to inspect (PEM, DER, PKCS#7, PKCS#12, keys, CSRs, CRLs)." }) };
  static override flags = {
    "client-hello": Flags.string({ description: "Decode a captured ClientHello (binary; a hex dump as mbedTLS debug output, Wireshark or openssl -debug print it; Wireshark text; a pcap/pcapng capture or tshark -x; or hex text)." }),
    tree: Flags.boolean({ description: "Draw the chain(s) built from all certificates, with validity bars on one time axis; each CRL given is drawn under its CA, and the certificates it revokes are marked." }),
    at: atFlag(),
    ...passwordFlags,
  };

  async run(): Promise<InspectReport | ClientHello> {
    const { argv, flags } = await this.parse(Inspect);
    if (flags["client-hello"]) {
      const { readClientHello } = await import("../src/app/read-client-hello.js");
      const { renderClientHello } = await import("../src/inspect/client-hello.js");
      const hello = readClientHello(flags["client-hello"]);
      if (!this.jsonEnabled()) this.log(renderClientHello(hello, flags["client-hello"]));
      return hello;
    }
    if (argv.length === 0) throw new InputError("inspect: name at least one file (or --client-hello FILE|HEX)");
    const { inspectFiles } = await import("../src/app/inspect.js");
    const at = flags.at ?? new Date();
    const { report, certificates, crls } = await inspectFiles({ files: argv as string[], at, password: await readPassword(flags) });
    if (argv.length === 1 && report.errors.length === 1) throw new InputError(report.errors[0]!.message);
    if (!this.jsonEnabled() && (report.items.length > 0 || report.errors.length === 0)) {
      if (flags.tree) {
        const { buildForest, renderForest } = await import("../src/inspect/tree.js");
        const { terminalWidth } = await import("../src/cli/terminal.js");
        this.log(renderForest(buildForest(certificates), at, terminalWidth(), crls));
      } else {
        const { renderInspectReport } = await import("../src/inspect/render.js");
        const { stdoutWrap } = await import("../src/cli/terminal.js");
        this.log(renderInspectReport(report, { wrap: stdoutWrap() }));
      }
    }
    // Every file is reported; each bad one gets its one line, and the run ends with exit 2.
    if (report.errors.length > 0) {
      for (const error of report.errors) process.stderr.write(`pkilab: ${error.message}\n`);
      process.exitCode = 2;
    }
    return report;
  }
}
