import { Flags } from "@oclif/core";
import { BaseCommand } from "../src/cli/base-command.js";
import { daysFlag } from "../src/cli/flags.js";
import type { Manifest } from "../src/pki/manifest.js";

export default class Crl extends BaseCommand {
  static override summary = "Issue (again) one CRL per CA of a lab, and crl.pem holding them all for nginx's ssl_crl.";
  static override description =
    "Each CRL lists the revocations of certificates its CA issued (pkilab revoke), with a cRLNumber above the last one, " +
    "thisUpdate backdated 5 minutes like notBefore, and nextUpdate = thisUpdate + --days. Run it again before the next update: " +
    "nginx rejects every client once one CRL in ssl_crl has expired. Keys are only read.";
  static override examples = ["<%= config.bin %> crl --lab pkilab-lab", "<%= config.bin %> crl --lab pkilab-lab --days 7"];
  static override enableJsonFlag = true;
  static override flags = {
    lab: Flags.string({ description: "The lab directory.", default: "pkilab-lab" }),
    days: daysFlag("nextUpdate - thisUpdate in days [default: what the lab used last, else 30]."),
  };

  async run(): Promise<Manifest> {
    const { flags } = await this.parse(Crl);
    const { issueCrls } = await import("../src/app/crl.js");
    const manifest = await issueCrls(flags.lab, flags.days);
    if (!this.jsonEnabled()) {
      const { renderCrlSummary } = await import("../src/emit/crl-summary.js");
      this.log([`Issued the CRLs of ${flags.lab}:`, ...renderCrlSummary(manifest.crl, flags.lab)].join("\n"));
    }
    return manifest;
  }
}
