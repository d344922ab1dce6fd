// The verify report at a terminal's width: reasons hang under their text (not under the bullet), the
// fix under its own text, the chain under "chain tried:"; a wide terminal sees today's report.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { wrapper } from "../../src/cli/wrap.js";
import { resolveSpec } from "../../src/pki/lab-spec.js";
import { createLab } from "../../src/pki/lab.js";
import { renderVerifyReport } from "../../src/verify/render.js";
import { verifyFiles } from "../../src/app/verify.js";
import type { VerifyReport } from "../../src/verify/verify.js";
import { tempDir } from "../helpers/cli.js";
import { assertFits, assertOnlyLongLinesWrapped, words } from "../inspect/fits.js";

const work = tempDir("verify-render");
after(() => rmSync(work, { recursive: true, force: true }));
let report: VerifyReport;

before(async () => {
  const lab = path.join(work, "lab");
  await createLab(resolveSpec({}, { intermediates: 2, servers: ["localhost,127.0.0.1"], clients: ["alice"] }), lab);
  const file = (p: string) => path.join(lab, p);
  // The server certificate used as a client certificate for an IP it does not name: two reasons with
  // long fixes; and a valid client, whose OK line lists the whole chain.
  report = await verifyFiles({
    leaves: [file("servers/localhost/cert.pem"), file("clients/alice/cert.pem")],
    chainFiles: [file("servers/localhost/chain.pem")],
    caFiles: [file("ca.pem")],
    at: new Date(Date.now() + 86_400_000),
    purpose: "client",
    host: "192.168.0.254",
  });
  assert.equal(report.summary.invalid, 2);
});

describe("verify report at a terminal's width", () => {
  it("at 80 and 60 every line fits but a long file name, and nothing is lost", () => {
    const plain = renderVerifyReport(report);
    for (const width of [80, 60]) {
      const text = renderVerifyReport(report, { wrap: wrapper(width) });
      assertFits(text, width);
      assert.equal(words(text), words(plain));
    }
  });

  it("continuation lines start under the text: a reason's after '  - ', a fix's after 'fix: '", () => {
    const lines = renderVerifyReport(report, { wrap: wrapper(60) }).split("\n");
    const ip = lines.findIndex((l) => l.startsWith("      fix: its iPAddress SANs"));
    assert.ok(ip > 0 && lines[ip + 1]!.startsWith(" ".repeat(11)) && !lines[ip + 1]!.startsWith(" ".repeat(12)), lines.join("\n"));
    const purpose = lines.findIndex((l) => l.startsWith("  - [purpose-mismatch]"));
    assert.match(lines[purpose + 1]!, /^ {4}\S/);
    const chain = lines.findIndex((l) => l.startsWith("    chain tried: "));
    assert.match(lines[chain + 1]!, /^ {17}\S/);
  });

  it("at 200 columns the report is today's: lines that fit unchanged, only longer ones wrapped", () => {
    const plain = renderVerifyReport(report);
    assertOnlyLongLinesWrapped(renderVerifyReport(report, { wrap: wrapper(200) }), plain, 200);
    assert.equal(renderVerifyReport(report, { wrap: wrapper(Infinity) }), plain);
    assert.equal(renderVerifyReport(report, { quiet: true, wrap: wrapper(Infinity) }), renderVerifyReport(report, { quiet: true }));
  });
});
