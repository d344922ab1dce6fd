// The entry point that scripts/bundle.js bundles into dist/bundle/: the CLI runner and the command
// list in one module, so oclif's "explicit" command target and bin/run.js share one instance.
export { main } from "./main.js";
export { COMMANDS } from "../../commands/index.js";
