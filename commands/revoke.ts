import { Args, Flags } from "@oclif/core";
import { BaseCommand } from "../src/cli/base-command.js";
import { atFlag, daysFlag } from "../src/cli/flags.js";
import type { RevokeResult } from "../src/app/revoke.js";
import { REVOCATION_REASONS, type RevocationReason } from "../src/pki/revocation-reasons.js";

export default class Revoke extends BaseCommand {
  static override summary = "Revoke a leaf or an intermediate of a lab: record it in the manifest and issue the CRLs again.";
  static override description =
    "The certificate's files stay; its serial goes on the CRL of the CA that issued it (root/crl.pem for an intermediate), " +
    "and crl.pem at the lab root is rewritten for nginx's ssl_crl. Reload nginx afterwards.";
  static override examples = [
    "<%= config.bin %> revoke client alice --lab pkilab-lab --reason keyCompromise",
    "<%= config.bin %> revoke device dev-002 --lab fleet --reason cessationOfOperation",
    "<%= config.bin %> revoke intermediate intermediate-1 --lab pkilab-lab --reason cACompromise",
  ];
  static override enableJsonFlag = true;
  static override args = {
    role: Args.string({ description: "Kind of certificate.", options: ["server", "client", "device", "intermediate"], required: true }),
    name: Args.string({ description: "Its name (CN) or its folder in the lab (clients/alice, intermediate-1).", required: true }),
  };
  static override flags = {
    lab: Flags.string({ description: "The lab directory.", default: "pkilab-lab" }),
    reason: Flags.option({ options: Object.keys(REVOCATION_REASONS) as RevocationReason[], description: "CRLReason on the CRL entry (RFC 5280 5.3.1) [default: none, i.e. unspecified]." })(),
    at: atFlag(),
    days: daysFlag("nextUpdate - thisUpdate of the reissued CRLs in days [default: what the lab used last, else 30]."),
  };

  async run(): Promise<RevokeResult> {
    const { args, flags } = await this.parse(Revoke);
    const { revokeCertificate } = await import("../src/app/revoke.js");
    const role = args.role as "server" | "client" | "device" | "intermediate";
    const result = await revokeCertificate(flags.lab, { role, name: args.name, reason: flags.reason, at: flags.at }, flags.days);
    if (!this.jsonEnabled()) {
      const { renderCrlSummary } = await import("../src/emit/crl-summary.js");
      const { revocation } = result;
      this.log(
        [
          `Revoked ${role} ${revocation.id} (serial ${revocation.serial}${revocation.reason ? `, ${revocation.reason}` : ""}) on ${revocation.date}; CRLs issued again:`,
          ...renderCrlSummary(result.manifest.crl, flags.lab),
          "Reload nginx (nginx -s reload) so that it reads the new crl.pem.",
        ].join("\n"),
      );
    }
    return result;
  }
}
