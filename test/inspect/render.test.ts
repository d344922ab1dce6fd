// The plain inspect report at a terminal's width: a certificate with many SANs, keys and notes wrap
// under their field's text; hashes are never split; a wide terminal sees today's report.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { wrapper } from "../../src/cli/wrap.js";
import { inspectFiles } from "../../src/app/inspect.js";
import type { InspectReport } from "../../src/inspect/report.js";
import { renderInspectReport } from "../../src/inspect/render.js";
import { resolveSpec } from "../../src/pki/lab-spec.js";
import { createLab } from "../../src/pki/lab.js";
import { tempDir } from "../helpers/cli.js";
import { assertFits, assertOnlyLongLinesWrapped, words } from "./fits.js";

const work = tempDir("inspect-render");
after(() => rmSync(work, { recursive: true, force: true }));
const SANS = ["many.example.com", "10.0.0.5", ...Array.from({ length: 30 }, (_, i) => `host-${i + 1}.very-long-subdomain.example.com`)];
let report: InspectReport;

before(async () => {
  const lab = path.join(work, "lab");
  await createLab(resolveSpec({}, { servers: [SANS.join(",")], clients: ["alice"] }), lab);
  const at = new Date(Date.now() + 86_400_000);
  ({ report } = await inspectFiles({ files: [path.join(lab, "servers", "many.example.com", "fullchain.pem"), path.join(lab, "clients", "alice", "key.pem")], at }));
});

describe("inspect report at a terminal's width", () => {
  it("at 80 and 60 every line fits but the hashes and file names, and nothing is lost", () => {
    const plain = renderInspectReport(report);
    for (const width of [80, 60]) {
      const text = renderInspectReport(report, { wrap: wrapper(width) });
      assertFits(text, width);
      assert.equal(words(text), words(plain));
      // The only lines over the width are the sha256 fingerprints (64 hex digits) and file names.
      for (const line of text.split("\n").filter((l) => l.length > width)) {
        assert.ok(/^ {2}sha256 {7}[0-9a-f]{64}$/.test(line) || report.items.some((item) => item.file === line), line);
      }
    }
  });

  it("the SANs wrap under the field's text, whole, one name never split", () => {
    const lines = renderInspectReport(report, { wrap: wrapper(80) }).split("\n");
    const start = lines.findIndex((l) => l.startsWith("  SAN          "));
    const end = lines.findIndex((l, i) => i > start && !l.startsWith(" ".repeat(15)));
    const block = lines.slice(start, end);
    assert.ok(block.length > 5, block.join("\n"));
    assert.ok(block.slice(1).every((l) => /^ {15}\S/.test(l)), block.join("\n"));
    const names = block.join(" ").slice(15).split(/,\s+/).map((n) => n.trim());
    assert.deepEqual(names, SANS.map((n) => (n === "10.0.0.5" ? `IP:${n}` : `DNS:${n}`)));
  });

  it("an item's head: the file name is text, its continuation hangs 2 columns in, not after the name", () => {
    const keyItem = report.items.at(-1)!;
    assert.ok(keyItem.file.length > 40, "the temporary directory makes a long name");
    const text = renderInspectReport(report, { wrap: wrapper(keyItem.file.length + 12) });
    const head = text.split("\n\n").at(-1)!.split("\n");
    assert.equal(head[0], `${keyItem.file} #1: private`);
    assert.ok(head.length > 1 && head.slice(1).every((l) => /^ {2}\S/.test(l)), head.join("\n"));
  });

  it("at 200 columns the report is today's: lines that fit unchanged, only longer ones wrapped", () => {
    const plain = renderInspectReport(report);
    assert.ok(plain.split("\n").some((l) => l.length > 200), "the SAN line is longer than 200");
    assertOnlyLongLinesWrapped(renderInspectReport(report, { wrap: wrapper(200) }), plain, 200);
    assert.equal(renderInspectReport(report, { wrap: wrapper(Infinity) }), plain);
  });
});
