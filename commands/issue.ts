import { Args, Flags } from "@oclif/core";
import { BaseCommand } from "../src/cli/base-command.js";
import { daysFlag, keyFlag } from "../src/cli/flags.js";
import type { ManifestEntry } from "../src/pki/manifest.js";

export default class Issue extends BaseCommand {
  static override summary = "Add a server, client or device leaf to an existing lab, signed by its issuing CA.";
  static override examples = [
    "<%= config.bin %> issue client bob --lab pkilab-lab",
    "<%= config.bin %> issue server api.example.com,10.0.0.5 --lab pkilab-lab --key p384 --days 90",
    "<%= config.bin %> issue device dev-003 --lab fleet --san dev-003.fleet.local",
  ];
  static override enableJsonFlag = true;
  static override args = {
    role: Args.string({ description: "Kind of leaf.", options: ["server", "client", "device"], required: true }),
    name: Args.string({ description: "Name (CN); for a server, comma-separated DNS names and IPs (all become SANs).", required: true }),
  };
  static override flags = {
    lab: Flags.string({ description: "The lab directory.", default: "pkilab-lab" }),
    key: keyFlag("Key type [default: p256]."),
    days: daysFlag("Validity in days [default: 365, at most what the issuing CA has left]."),
    san: Flags.string({ multiple: true, description: "Extra subject alternative name (DNS name, IP or email); repeatable." }),
    force: Flags.boolean({ description: "Replace a leaf of the same role and name." }),
  };

  async run(): Promise<ManifestEntry> {
    const { args, flags } = await this.parse(Issue);
    const { leafFromList, checkLeafNames, DEFAULTS } = await import("../src/pki/lab-spec.js");
    const { addLeaf } = await import("../src/pki/lab.js");
    const { renderEntries } = await import("../src/cli/render-lab.js");
    const role = args.role as "server" | "client" | "device";
    const leaf = leafFromList(role, args.name, `pkilab issue ${role}`, flags.key ?? DEFAULTS.leafKey, flags.days ?? DEFAULTS.leafDays);
    leaf.sans.push(...(flags.san ?? []));
    checkLeafNames(leaf, "pkilab issue");
    const { keyProgressReporter } = await import("../src/cli/terminal.js");
    const progress = keyProgressReporter(process.stderr);
    const { entry } = await addLeaf(flags.lab, leaf, { force: flags.force, progress: progress.update }).finally(progress.end);
    if (!this.jsonEnabled()) {
      this.log(`Issued ${role} "${entry.name}" in ${flags.lab}:`);
      this.log(renderEntries([entry]).join("\n"));
    }
    return entry;
  }
}
