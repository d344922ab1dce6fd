import { Flags } from "@oclif/core";
import { BaseCommand } from "../src/cli/base-command.js";

export default class Export extends BaseCommand {
  static override summary = "Emit what the other side needs: the nginx mTLS server block for a lab.";
  static override examples = [
    "<%= config.bin %> export --nginx --lab pkilab-lab",
    "<%= config.bin %> export --nginx --lab pkilab-lab --server localhost --listen 8443 -o /etc/nginx/conf.d/mtls.conf",
  ];
  static override flags = {
    nginx: Flags.boolean({ description: "An nginx server {} block for mTLS with the lab's files.", required: true }),
    lab: Flags.string({ description: "The lab directory.", default: "pkilab-lab" }),
    server: Flags.string({ description: "Which server leaf (by name) [default: the lab's first]." }),
    listen: Flags.string({ description: "nginx listen address.", default: "443" }),
    "client-ca": Flags.string({ description: "Trust this CA file for client certificates instead of the lab's root." }),
    "verify-depth": Flags.integer({ min: 0, description: "Override the ssl_verify_depth computed from the lab." }),
    openssl: Flags.option({ options: ["1.0", "1.1+"] as const, default: "1.1+", description: "OpenSSL series of the nginx build (1.0 counted the leaf in ssl_verify_depth)." })(),
    upstream: Flags.string({ description: "proxy_pass target for verified requests (e.g. http://127.0.0.1:8080)." }),
    output: Flags.string({ char: "o", description: "Write to this file (atomically) instead of stdout." }),
    force: Flags.boolean({ description: "Replace an existing output file." }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Export);
    const { exportNginx } = await import("../src/emit/export-nginx.js");
    const text = await exportNginx({
      lab: flags.lab,
      server: flags.server,
      listen: flags.listen,
      clientCa: flags["client-ca"],
      verifyDepth: flags["verify-depth"],
      opensslSeries: flags.openssl,
      upstream: flags.upstream,
    });
    if (flags.output) {
      const { writeFileAtomic } = await import("../src/io/write-atomic.js");
      await writeFileAtomic(flags.output, text, { overwrite: flags.force });
      process.stderr.write(`pkilab: wrote ${flags.output}\n`);
    } else {
      process.stdout.write(text);
    }
  }
}
