import { Args, Flags } from "@oclif/core";
import { BaseCommand } from "../src/cli/base-command.js";
import { daysFlag, keyFlag } from "../src/cli/flags.js";
import type { Manifest } from "../src/pki/manifest.js";

export default class Init extends BaseCommand {
  static override summary = "Create a certificate lab: root, intermediates and server/client/device leaves.";
  static override description =
    "Everything is generated in a temporary folder beside DIR and moved into place at the end. " +
    "An existing lab is replaced only with --force. The effective spec is written to DIR/lab.yaml.";
  static override examples = [
    "<%= config.bin %> init",
    "<%= config.bin %> init lab --root-key rsa4096 --intermediate-key p384 --leaf-key p256 --intermediates 2 --server localhost,127.0.0.1 --client alice",
    "<%= config.bin %> init fleet --device dev-001 --device dev-002 --leaf-days 3650 --root-days 7300 --intermediate-days 5475",
    "<%= config.bin %> init copy --spec lab/lab.yaml",
  ];
  static override enableJsonFlag = true;
  static override args = {
    dir: Args.string({ description: "Where to create the lab.", default: "pkilab-lab" }),
  };
  static override flags = {
    "root-key": keyFlag("Root CA key type [default: p384]."),
    "intermediate-key": keyFlag("Key type of every intermediate CA [default: p256]."),
    "leaf-key": keyFlag("Key type of leaves that do not set their own [default: p256]."),
    intermediates: Flags.integer({ min: 0, max: 4, description: "Number of intermediate CAs between root and leaves [default: 1]." }),
    server: Flags.string({ multiple: true, description: "A server leaf: comma-separated DNS names and IP addresses; the first is the CN." }),
    client: Flags.string({ multiple: true, description: "A client leaf with this name (CN)." }),
    device: Flags.string({ multiple: true, description: "A device leaf with this name (CN)." }),
    "root-days": daysFlag("Root CA validity in days [default: 3650]."),
    "intermediate-days": daysFlag("Intermediate CA validity in days [default: 1825]."),
    "leaf-days": daysFlag("Leaf validity in days [default: 365]."),
    org: Flags.string({ description: 'Organization (O=) in every subject [default: "pkilab lab"].' }),
    spec: Flags.string({ description: "A YAML or JSON lab spec; flags override it." }),
    force: Flags.boolean({ description: "Replace an existing lab in DIR." }),
    crl: Flags.boolean({ description: "Also issue every CA's (empty) CRL and crl.pem for nginx's ssl_crl (see pkilab crl)." }),
    "crl-days": Flags.integer({ min: 1, max: 36500, dependsOn: ["crl"], description: "With --crl: nextUpdate - thisUpdate of the CRLs in days [default: 30]." }),
  };

  async run(): Promise<Manifest> {
    const { args, flags } = await this.parse(Init);
    const { readSpecFile, resolveSpec } = await import("../src/pki/lab-spec.js");
    const { createLab } = await import("../src/pki/lab.js");
    const { renderLabSummary } = await import("../src/cli/render-lab.js");
    const started = performance.now();
    const fromFile = flags.spec ? await readSpecFile(flags.spec) : {};
    const spec = resolveSpec(
      fromFile,
      {
        org: flags.org,
        rootKey: flags["root-key"],
        rootDays: flags["root-days"],
        intermediates: flags.intermediates,
        intermediateKey: flags["intermediate-key"],
        intermediateDays: flags["intermediate-days"],
        leafKey: flags["leaf-key"],
        leafDays: flags["leaf-days"],
        servers: flags.server,
        clients: flags.client,
        devices: flags.device,
      },
      flags.spec ?? "flags",
    );
    const { keyProgressReporter } = await import("../src/cli/terminal.js");
    const progress = keyProgressReporter(process.stderr);
    const { DEFAULT_CRL_DAYS } = await import("../src/pki/lab-crl.js");
    const crlDays = flags.crl ? (flags["crl-days"] ?? DEFAULT_CRL_DAYS) : undefined;
    const manifest = await createLab(spec, args.dir, { force: flags.force, progress: progress.update, crlDays }).finally(progress.end);
    if (!this.jsonEnabled()) {
      const { renderCrlSummary } = await import("../src/emit/crl-summary.js");
      this.log([renderLabSummary(manifest, args.dir, (performance.now() - started) / 1000), ...(manifest.crl ? ["CRLs:", ...renderCrlSummary(manifest.crl, args.dir)] : [])].join("\n"));
    }
    return manifest;
  }
}
