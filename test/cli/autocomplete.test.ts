// pkilab autocomplete: the bash script completes commands, each command's flags, and file names,
// run in a real bash as the shell would call it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { runCli } from "../helpers/cli.js";

/** What bash offers for the words typed so far (the last one being completed). */
function complete(script: string, words: string[]): string[] {
  const program = `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _pkilab_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = spawnSync("bash", ["-c", program], { encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.split("\n").filter(Boolean).sort();
}

describe("pkilab autocomplete", () => {
  const bash = runCli(["autocomplete", "bash"]);

  it("prints a bash script with how to load it", () => {
    assert.equal(bash.code, 0, bash.stderr);
    assert.match(bash.stdout, /^# pkilab bash completion: eval "\$\(pkilab autocomplete bash\)"/);
    assert.match(bash.stdout, /complete -o filenames -F _pkilab_complete pkilab/);
  });

  it("completes command names, then that command's flags", () => {
    assert.deepEqual(complete(bash.stdout, ["pkilab", "li"]), ["lint"]);
    assert.deepEqual(complete(bash.stdout, ["pkilab", "in"]), ["init", "inspect"]);
    assert.deepEqual(complete(bash.stdout, ["pkilab", "lint", "x.pem", "--fo"]), ["--for", "--format"]);
    assert.deepEqual(complete(bash.stdout, ["pkilab", "init", "--leaf-"]), ["--leaf-days", "--leaf-key"]);
  });

  it("zsh gets the same function through bashcompinit; another shell is exit 2", () => {
    const zsh = runCli(["autocomplete", "zsh"]);
    assert.equal(zsh.code, 0);
    assert.match(zsh.stdout, /autoload -U \+X bashcompinit && bashcompinit/);
    assert.ok(zsh.stdout.includes(bash.stdout.split("\n").slice(1).join("\n")), "the same completion function");
    const fish = runCli(["autocomplete", "fish"]);
    assert.equal(fish.code, 2);
    assert.match(fish.stderr, /^pkilab: /);
  });
});
