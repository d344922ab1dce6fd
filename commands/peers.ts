import { Args, Flags } from "@oclif/core";
import { BaseCommand } from "../src/cli/base-command.js";
import type { PeerDescription } from "../src/peers/describe.js";

export default class Peers extends BaseCommand {
  static override summary = "List the peer profiles lint checks against: what each peer does, and which rules run for it.";
  static override examples = ["<%= config.bin %> peers", "<%= config.bin %> peers nginx-mtls --json", "<%= config.bin %> peers mbedtls --mbedtls-config device/config.h", "<%= config.bin %> peers wolfssl --wolfssl-config user_settings.h"];
  static override enableJsonFlag = true;
  static override args = { peer: Args.string({ description: "One profile (default: all)." }) };
  static override flags = {
    "mbedtls-config": Flags.string({ multiple: true, description: "mbedtls: the device's config header (and overrides): print what it can do." }),
    "wolfssl-config": Flags.string({ multiple: true, description: "wolfssl: the device's wolfssl/options.h or user_settings.h (and overrides): print what it accepts." }),
    "mbedtls-version": Flags.option({ options: ["2.28", "3.6"] as const, description: "mbedtls: version [default: guessed from the config, else 3.6]." })(),
    "mbedtls-profile": Flags.string({ description: "mbedtls: the X.509 profile the firmware sets (default, next, suiteb or a FILE, as for lint)." }),
    "go-version": Flags.string({ description: "go-mtls, go-client: the Go release whose facts to print [default: 1.19]." }),
  };

  async run(): Promise<PeerDescription[]> {
    const { args, flags } = await this.parse(Peers);
    const { describePeers } = await import("../src/app/describe-peers.js");
    const { renderPeers } = await import("../src/peers/describe.js");
    const peers = await describePeers({ peer: args.peer, mbedtlsConfig: flags["mbedtls-config"], mbedtlsVersion: flags["mbedtls-version"], mbedtlsProfile: flags["mbedtls-profile"], wolfsslConfig: flags["wolfssl-config"], goVersion: flags["go-version"] });
    if (!this.jsonEnabled()) this.log(renderPeers(peers));
    return peers;
  }
}
