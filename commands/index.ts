// Explicit command list (oclif "explicit" strategy): no directory scan at start-up.
// Each command keeps its heavy imports inside run(), so loading this list stays cheap.
import Autocomplete from "./autocomplete.js";
import Crl from "./crl.js";
import Explain from "./explain.js";
import Export from "./export.js";
import Init from "./init.js";
import Inspect from "./inspect.js";
import Issue from "./issue.js";
import Lint from "./lint.js";
import Peers from "./peers.js";
import Probe from "./probe.js";
import Revoke from "./revoke.js";
import Serve from "./serve.js";
import Verify from "./verify.js";

export const COMMANDS = {
  autocomplete: Autocomplete,
  crl: Crl,
  explain: Explain,
  export: Export,
  init: Init,
  inspect: Inspect,
  issue: Issue,
  lint: Lint,
  peers: Peers,
  probe: Probe,
  revoke: Revoke,
  serve: Serve,
  verify: Verify,
};
