import { Args } from "@oclif/core";
import { BaseCommand } from "../src/cli/base-command.js";


export default class Autocomplete extends BaseCommand {
  static override summary = "Print a shell completion script for pkilab's commands, flags and file names.";
  static override description = 'Load it in your shell, e.g. in ~/.bashrc: eval "$(pkilab autocomplete bash)" (zsh: pkilab autocomplete zsh in ~/.zshrc).';
  static override examples = ['eval "$(<%= config.bin %> autocomplete bash)"', 'eval "$(<%= config.bin %> autocomplete zsh)"'];
  static override args = { shell: Args.string({ options: ["bash", "zsh"], default: "bash", description: "The shell: bash or zsh." }) };

  async run(): Promise<void> {
    const { args } = await this.parse(Autocomplete);
    const { completionScript } = await import("../src/cli/completion.js");
    const commands = this.config.commands.filter((c) => !c.hidden).map((c) => ({ id: c.id, flags: Object.keys(c.flags ?? {}) }));
    this.log(completionScript(args.shell as "bash" | "zsh", commands, this.config.bin));
  }
}
