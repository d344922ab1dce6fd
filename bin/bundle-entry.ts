// The entry point that scripts/bundle.js bundles into dist/bundle/pkilab.cjs: the CLI runner
// and the command list in one module, so oclif's "explicit" command target (package.json) and
// bin/run.js share one instance. The list is wired here, beside the executable: src/ never
// imports commands/ (the library knows no CLI).
export { main } from "../src/cli/main.js";
export { COMMANDS } from "../commands/index.js";
