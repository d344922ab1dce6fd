// inspect --tree at any terminal width: every line fits from 60 columns up, labels are shortened
// with "…" but bars and dates never are, and a wide terminal (or a pipe) sees today's drawing.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { buildForest, renderForest, type TreeNode } from "../../src/inspect/tree.js";
import { inspectFiles } from "../../src/app/inspect.js";
import { resolveSpec } from "../../src/pki/lab-spec.js";
import { createLab } from "../../src/pki/lab.js";
import { tempDir } from "../helpers/cli.js";

const work = tempDir("tree");
after(() => rmSync(work, { recursive: true, force: true }));
const DEVICE = "sensor-0042.plant-7.factory.example.com";
const lab = path.join(work, "lab");
const labFile = (f: string) => path.join(lab, f);
const ALL = ["ca.pem", "servers/localhost/fullchain.pem", "clients/alice/fullchain.pem", `devices/${DEVICE}/fullchain.pem`];
/** Inside every window; after the leaves' (they show EXPIRED). */
const IN_WINDOW = new Date("2026-06-15T00:00:00Z");
const LEAVES_EXPIRED = new Date("2028-01-01T00:00:00Z");

async function forest(files: string[], at: Date): Promise<TreeNode[]> {
  const { certificates } = await inspectFiles({ files: files.map(labFile), at });
  return buildForest(certificates);
}

before(async () => {
  // A fixed clock makes every date, and so every bar, the same on each run.
  const spec = resolveSpec({}, { intermediates: 2, servers: ["localhost,127.0.0.1"], clients: ["alice"], devices: [DEVICE] });
  await createLab(spec, lab, { now: new Date("2026-03-01T12:00:00Z") });
});

// Drawn by renderForest as it was before widths existed (commit d395edf), for this lab and these times.
const BEFORE: [Date, string[]][] = [
  [
    IN_WINDOW,
    [
      "CN=pkilab Root CA, O=pkilab lab  [ECDSA P-384]                                    =|======================================  2026-03-01 .. 2036-02-27",
      "└─ CN=pkilab Intermediate CA 1, O=pkilab lab  [ECDSA P-256]                       =|===================                     2026-03-01 .. 2031-02-28",
      "   └─ CN=pkilab Intermediate CA 2, O=pkilab lab  [ECDSA P-256]                    =|===================                     2026-03-01 .. 2031-02-28",
      "      ├─ CN=localhost, O=pkilab lab  [ECDSA P-256]                                =|===                                     2026-03-01 .. 2027-03-01",
      "      ├─ CN=alice, O=pkilab lab  [ECDSA P-256]                                    =|===                                     2026-03-01 .. 2027-03-01",
      "      └─ CN=sensor-0042.plant-7.factory.example.com, O=pkilab lab  [ECDSA P-256]  =|===                                     2026-03-01 .. 2027-03-01",
      '                                                                                  2026-03-01                    2036-02-27  ("|" = 2026-06-15 00:00 UTC, column 2)',
    ],
  ],
  [
    LEAVES_EXPIRED,
    [
      "CN=pkilab Root CA, O=pkilab lab  [ECDSA P-384]                                    =======|================================  2026-03-01 .. 2036-02-27",
      "└─ CN=pkilab Intermediate CA 1, O=pkilab lab  [ECDSA P-256]                       =======|=============                     2026-03-01 .. 2031-02-28",
      "   └─ CN=pkilab Intermediate CA 2, O=pkilab lab  [ECDSA P-256]                    =======|=============                     2026-03-01 .. 2031-02-28",
      "      ├─ CN=localhost, O=pkilab lab  [ECDSA P-256]                                =====  |                                  2026-03-01 .. 2027-03-01  EXPIRED",
      "      ├─ CN=alice, O=pkilab lab  [ECDSA P-256]                                    =====  |                                  2026-03-01 .. 2027-03-01  EXPIRED",
      "      └─ CN=sensor-0042.plant-7.factory.example.com, O=pkilab lab  [ECDSA P-256]  =====  |                                  2026-03-01 .. 2027-03-01  EXPIRED",
      '                                                                                  2026-03-01                    2036-02-27  ("|" = 2028-01-01 00:00 UTC, column 8)',
    ],
  ],
];

/** The dates column of each certificate, in tree order. */
const DATES = ["2026-03-01 .. 2036-02-27", "2026-03-01 .. 2031-02-28", "2026-03-01 .. 2031-02-28", "2026-03-01 .. 2027-03-01", "2026-03-01 .. 2027-03-01", "2026-03-01 .. 2027-03-01"];

/** The bars of a drawing: the run of "=", " " and "|" before each dates column, "|" included. */
function bars(text: string): { bar: string; column: number }[] {
  return [...text.matchAll(/([=| ]*\|[=| ]*?) {2}\d{4}-\d\d-\d\d \.\. /g)].map((m) => {
    const lineStart = text.lastIndexOf("\n", m.index) + 1;
    const padded = m[1]!;
    return { bar: padded.trimStart(), column: m.index - lineStart + (padded.length - padded.trimStart().length) };
  });
}

describe("inspect --tree at a terminal's width", () => {
  it("a wide terminal or a pipe (Infinity) draws exactly what it drew before", async () => {
    for (const [at, lines] of BEFORE) {
      const roots = await forest(ALL, at);
      assert.equal(renderForest(roots, at), lines.join("\n"));
      assert.equal(renderForest(roots, at, 200), lines.join("\n"));
      const widest = Math.max(...lines.map((line) => line.length));
      assert.equal(renderForest(roots, at, widest), lines.join("\n"), `${widest} columns: the widest line just fits`);
      assert.notEqual(renderForest(roots, at, widest - 1), lines.join("\n"));
    }
  });

  it("from 60 to 200 columns every line fits, every bar, date and key is whole, and all bars share one axis", async () => {
    for (const [at] of BEFORE) {
      const roots = await forest(ALL, at);
      const expired = at === LEAVES_EXPIRED;
      for (let width = 60; width <= 200; width++) {
        const text = renderForest(roots, at, width);
        const long = text.split("\n").filter((line) => line.length > width);
        assert.deepEqual(long, [], `width ${width}:\n${text}`);
        // The dates of every certificate, in order, with the state.
        const dates = [...text.matchAll(/\d{4}-\d\d-\d\d \.\. \d{4}-\d\d-\d\d(  EXPIRED)?/g)].map((m) => m[0]);
        assert.deepEqual(dates, DATES.map((d, i) => (expired && i >= 3 ? `${d}  EXPIRED` : d)), `width ${width}`);
        // One bar per certificate, all as wide and in the same column, "|" (--at) in the same place.
        const drawn = bars(text);
        assert.equal(drawn.length, 6, `width ${width}:\n${text}`);
        assert.equal(new Set(drawn.map((b) => `${b.column}:${b.bar.length}:${b.bar.indexOf("|")}`)).size, 1, `width ${width}:\n${text}`);
        assert.ok(drawn[0]!.bar.length >= 16 && drawn[0]!.bar.length <= 40, `bar of ${drawn[0]!.bar.length} at ${width}`);
        assert.equal((text.match(/\[ECDSA P-(256|384)\]/g) ?? []).length, 6, `keys at width ${width}:\n${text}`);
        assert.match(text, /2026-03-01 +2036-02-27/);
        assert.match(text, new RegExp(`\\("\\|" = ${at.toISOString().slice(0, 10)} 00:00 UTC, column \\d+\\)`));
      }
    }
  });

  it("narrower than today's drawing: the bar shrinks beside whole labels, then goes on its own line", async () => {
    const roots = await forest(ALL, IN_WINDOW);
    // 80 label columns + 2 + 16 + 2 + 24 dates: the narrowest one-line drawing.
    const oneLine = renderForest(roots, IN_WINDOW, 124).split("\n");
    assert.equal(oneLine.length, 8, "six certificates, the axis, and the meaning of \"|\" on its own line");
    assert.equal(oneLine[7], `${" ".repeat(82)}("|" = 2026-06-15 00:00 UTC, column 1)`);
    assert.match(oneLine[5]!, /^ {6}└─ CN=sensor-0042\.plant-7\.factory\.example\.com, O=pkilab lab {2}\[ECDSA P-256\] {2}\|=+ +2026-03-01 \.\. 2027-03-01$/);
    assert.equal(bars(oneLine.join("\n"))[0]!.bar.length, 16);

    const twoLines = renderForest(roots, IN_WINDOW, 123).split("\n");
    assert.equal(twoLines[0], "CN=pkilab Root CA, O=pkilab lab  [ECDSA P-384]");
    assert.match(twoLines[1]!, /^│ +=\|=+ {2}2026-03-01 \.\. 2036-02-27$/, "the tree's line continues beside the bar");
    assert.equal(twoLines[10], `      └─ CN=${DEVICE}, O=pkilab lab  [ECDSA P-256]`);

    const narrow = renderForest(roots, IN_WINDOW, 60).split("\n");
    assert.equal(narrow[10], "      └─ CN=sensor-0042.plant-7.factory.exam…  [ECDSA P-256]", "the subject is shortened, the key kept");
    assert.equal(narrow[10].length, 60);
  });

  it("a chain without its root (the tree hangs after '(issuer not given)') and certificates not yet valid fit at 60", async () => {
    const early = new Date("2026-01-01T00:00:00Z");
    const roots = await forest(["servers/localhost/fullchain.pem", `devices/${DEVICE}/fullchain.pem`], early);
    for (const width of [60, 61, 70, 80, 100]) {
      const text = renderForest(roots, early, width);
      assert.deepEqual(text.split("\n").filter((line) => line.length > width), [], `width ${width}:\n${text}`);
      assert.equal((text.match(/NOT YET VALID/g) ?? []).length, 4, text);
      assert.match(text, /^\(issuer not given\) CN=pkilab Intermediate CA/);
    }
  });
});
