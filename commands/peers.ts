import { Args } from "@oclif/core";
import { BaseCommand } from "../src/cli/base-command.js";
import type { PeerDescription } from "../src/peers/describe.js";

export default class Peers extends BaseCommand {
  static override summary = "List the peer profiles lint checks against: what each peer does, and which rules run for it.";
  static override examples = ["<%= config.bin %> peers", "<%= config.bin %> peers nginx-mtls --json"];
  static override enableJsonFlag = true;
  static override args = { peer: Args.string({ description: "One profile (default: all)." }) };

  async run(): Promise<PeerDescription[]> {
    const { args } = await this.parse(Peers);
    const { parsePeerList } = await import("../src/peers/index.js");
    const { describePeers, renderPeers } = await import("../src/peers/describe.js");
    const peers = describePeers(args.peer ? parsePeerList(args.peer) : undefined);
    if (!this.jsonEnabled()) this.log(renderPeers(peers));
    return peers;
  }
}
