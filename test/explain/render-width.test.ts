// explain at a terminal's width: codes and every log in fixtures/logs, at 80 and 60 columns. Causes
// hang under their text (not under their number), commands are broken so they can still be pasted,
// and a wide terminal sees today's text except the lines longer than it.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { explainLog } from "../../src/app/explain-log.js";
import { wrapper } from "../../src/cli/wrap.js";
import { explainQueries } from "../../src/explain/explain.js";
import { renderExplanations, renderLogReport } from "../../src/explain/render.js";
import { REPO_ROOT } from "../helpers/cli.js";
import { assertFits, assertOnlyLongLinesWrapped, words } from "../inspect/fits.js";

const logs = path.join(REPO_ROOT, "fixtures", "logs");

describe("explain at a terminal's width", () => {
  const result = explainQueries(["-0x7780", "alert 40", "(26:unsupported certificate purpose)", "banana"]);

  it("explain -0x7780 and friends: every line fits at 80 and 60, nothing lost", () => {
    const plain = renderExplanations(result);
    assert.ok(plain.split("\n").some((l) => l.length > 200), "there are lines to wrap");
    for (const width of [80, 60]) {
      const text = renderExplanations(result, { wrap: wrapper(width) });
      assertFits(text, width);
      assert.equal(words(text), words(plain));
    }
  });

  it("a cause's continuation lines start under its text, after '    1. '", () => {
    const lines = renderExplanations(result, { wrap: wrapper(60) }).split("\n");
    const first = lines.findIndex((l) => l.startsWith("    1. the peer sent a fatal alert"));
    assert.ok(first >= 0);
    for (let i = first + 1; !lines[i]!.startsWith("    2. "); i++) assert.match(lines[i]!, /^ {7}\S/, lines[i]);
  });

  it("a confirm command is broken between arguments with ' \\', each line fitting", () => {
    const text = renderExplanations(result, { wrap: wrapper(60) });
    const command = text.match(/^ {2}confirm {5}pkilab lint SERVER\.pem --chain[^\n]* \\\n(?: {14}[^\n]* \\\n)* {14}[^\n]*[^\\\n]$/m);
    assert.ok(command, text);
    assert.equal(words(command[0]).replace("confirm ", ""), "pkilab lint SERVER.pem --chain CHAIN.pem --ca CA.pem --mbedtls-config config.h --host NAME");
  });

  it("at 200 columns: lines that fit are today's, only longer ones wrapped", () => {
    const plain = renderExplanations(result);
    assertOnlyLongLinesWrapped(renderExplanations(result, { wrap: wrapper(200) }), plain, 200);
    assert.equal(renderExplanations(result, { wrap: wrapper(Infinity) }), plain);
  });

  const files = readdirSync(logs).filter((f) => f.endsWith(".log"));
  assert.ok(files.length >= 4);
  for (const name of files) {
    it(`explain --log fixtures/logs/${name}: fits at 80 and 60, today's text at 200`, async () => {
      const report = await explainLog({ file: path.join(logs, name), chainFiles: [], caFiles: [], at: new Date() });
      const plain = renderLogReport(report);
      for (const width of [80, 60]) {
        const text = renderLogReport(report, { wrap: wrapper(width) });
        assertFits(text, width);
        assert.equal(words(text), words(plain));
      }
      assertOnlyLongLinesWrapped(renderLogReport(report, { wrap: wrapper(200) }), plain, 200);
      assert.equal(renderLogReport(report, { wrap: wrapper(Infinity) }), plain);
    });
  }
});
