/**
 * Shell completion for `pkilab autocomplete bash|zsh` (what oclif's autocomplete plugin offers,
 * without loading a plugin at every start-up): command names, then each command's flags, and
 * file names everywhere else. Pure: commands and flags in, script text out.
 */
export interface CompletionCommand {
  id: string;
  flags: string[];
}

export const SHELLS = ["bash", "zsh"] as const;
export type Shell = (typeof SHELLS)[number];

export function completionScript(shell: Shell, commands: CompletionCommand[], bin = "pkilab"): string {
  const fn = `_${bin.replace(/[^A-Za-z0-9_]/g, "_")}_complete`;
  const sorted = [...commands].sort((a, b) => a.id.localeCompare(b.id));
  const cases = sorted.map((c) => `    ${c.id}) flags="${[...new Set(c.flags)].sort().map((f) => `--${f}`).join(" ")}" ;;`).join("\n");
  const body = [
    `${fn}() {`,
    `  local cur="\${COMP_WORDS[COMP_CWORD]}" flags=""`,
    `  if [ "$COMP_CWORD" -eq 1 ]; then`,
    `    COMPREPLY=($(compgen -W "${sorted.map((c) => c.id).join(" ")} help" -- "$cur"))`,
    `    return`,
    `  fi`,
    `  case "\${COMP_WORDS[1]}" in`,
    cases,
    `  esac`,
    `  if [[ "$cur" == -* ]]; then`,
    `    COMPREPLY=($(compgen -W "$flags --help" -- "$cur"))`,
    `  else`,
    `    COMPREPLY=($(compgen -f -- "$cur"))`,
    `  fi`,
    `}`,
    `complete -o filenames -F ${fn} ${bin}`,
  ];
  // zsh runs bash completion functions through bashcompinit.
  const preamble = shell === "zsh" ? ["autoload -U +X compinit && compinit", "autoload -U +X bashcompinit && bashcompinit"] : [];
  return [`# ${bin} ${shell} completion: eval "$(${bin} autocomplete ${shell})" (e.g. in ~/.${shell}rc)`, ...preamble, ...body, ""].join("\n");
}
