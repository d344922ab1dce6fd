// The repository stands alone: a fresh clone builds and passes its tests with nothing beside it.
// During development a read-only folder sat next to the repository (a design note, the user
// reports behind the seed fixtures, an mbedTLS reference and the x509-limbo vectors); a user's clone
// does not have it. So no tracked file may read it or cite it: data the tests need is copied in
// (test/suites/x509-limbo/, fixtures/logs/), and citations name what anyone can open (an RFC
// section, a peer's source file and function, a documentation URL, or a test or fixture here).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { REPO_ROOT } from "../helpers/cli.js";

/** This file names the forbidden forms in order to find them. */
const SELF = "test/meta/stands-alone.test.ts";

interface Forbidden {
  what: string;
  pattern: RegExp;
}

const FORBIDDEN: Forbidden[] = [
  {
    what: "reads or cites the folder beside the repository",
    pattern: /(?:\.\.|\/work)\/shared\b|["']\.\.["']\s*,\s*["']shared["']/,
  },
  { what: "cites that folder's seeds, reference or test suites", pattern: /\bshared\/(?:seeds|reference|testsuites)\b/ },
  { what: "cites the unpublished design note", pattern: /\bDESIGN(?:\.md)?\b/ },
  {
    what: "cites a section of the unpublished mbedTLS reference",
    pattern: /\b(?:ref|reference)\.? \d+(?:\.\d+)*\b|\breference\/mbedtls\b|\bsurprises? \d+\b/i,
  },
  { what: "cites a seed file instead of the fixture that holds its data", pattern: /\bseeds\/(?:\d{3}|NNN)\b/ },
];

/** Data the tests read, which a clone must carry (a file that exists here but is not tracked would not). */
const REQUIRED_DATA = [
  "test/suites/x509-limbo/limbo-subset.json",
  "test/suites/x509-limbo/subset-manifest.json",
  "test/suites/x509-limbo/README.md",
  "test/suites/x509-limbo/LICENSE",
  "test/suites/x509-limbo/LICENSE.bettertls",
  "fixtures/logs/README.md",
  "fixtures/logs/seed-002-device-config.h",
];

function trackedFiles(): string[] {
  const run = spawnSync("git", ["ls-files", "-z"], { cwd: REPO_ROOT, encoding: "utf8" });
  assert.equal(run.status, 0, `git ls-files failed in ${REPO_ROOT} (this test needs a git checkout): ${run.error?.message ?? run.stderr}`);
  return run.stdout.split("\0").filter(Boolean);
}

/** "file:line: text" for every line of `text` that a forbidden pattern matches. */
function offences(file: string, text: string): string[] {
  const found: string[] = [];
  text.split("\n").forEach((line, i) => {
    for (const rule of FORBIDDEN) {
      const match = rule.pattern.exec(line);
      if (match) found.push(`${file}:${i + 1}: ${rule.what}: "${match[0]}" in ${line.trim().slice(0, 160)}`);
    }
  });
  return found;
}

describe("the repository stands alone", () => {
  const tracked = trackedFiles();

  it("the guard's patterns catch the forms they are for, and not public citations", () => {
    const caught = [
      'path.join(REPO_ROOT, "..", "shared", "testsuites", "x509-limbo")',
      // Built from parts so that this file is not itself a citation of the folder it guards against.
      `copied from ${".."}/shared/seeds`,
      "see DESIGN.md",
      'DESIGN "Exit codes"',
      "(reference 6.4)",
      "(ref 8.12)",
      "Reference 6.1's example",
      "reference/mbedtls.md §3.2",
      "(reference 2.3, 2.5, surprise 15)",
      "the real report in seeds/000",
    ];
    for (const line of caught) assert.notDeepEqual(offences("sample", line), [], `not caught: ${line}`);
    const allowed = [
      "RFC 5280 4.2.1.6",
      "[RFC 8446 §6.2] [RFC 5246 §7.2.2]",
      "[2.28.3 include/mbedtls/ssl.h:109]",
      "Mbed-TLS/mbedtls v2.28.3 library/x509_crt.c x509_crt_verify_chain()",
      "fixtures/logs/seed-000-mbedtls-debug.log",
      "seed 003 (fixtures/nginx-mtls/seed-003-clock-skew)",
      "nginx src/event/ngx_event_openssl.c ngx_ssl_handshake()",
      "the shared intermediate of a lab",
    ];
    for (const line of allowed) assert.deepEqual(offences("sample", line), [], `wrongly caught: ${line}`);
  });

  it("no tracked file reads or cites material outside the repository", () => {
    const found: string[] = [];
    for (const file of tracked) {
      if (file === SELF) continue;
      const bytes = readFileSync(path.join(REPO_ROOT, file));
      if (bytes.subarray(0, 8000).includes(0)) continue; // binary
      found.push(...offences(file, bytes.toString("utf8")));
    }
    assert.deepEqual(found, [], `${found.length} reference(s) to material a clone does not have:\n${found.join("\n")}`);
  });

  it("the data the tests read is tracked in the repository", () => {
    const set = new Set(tracked);
    assert.deepEqual(REQUIRED_DATA.filter((file) => !set.has(file)), [], "data files a fresh clone would miss");
  });

  it("test/suites/limbo.test.ts reads its vectors from a tracked folder inside the repository", () => {
    const source = readFileSync(path.join(REPO_ROOT, "test", "suites", "limbo.test.ts"), "utf8");
    const declaration = /const SUITE_DIR = path\.join\(REPO_ROOT, ((?:"[^"]*"(?:, )?)+)\);/.exec(source);
    assert.ok(declaration, "test/suites/limbo.test.ts: no `const SUITE_DIR = path.join(REPO_ROOT, \"…\")` line to check");
    const dir = path.join(...[...declaration[1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!));
    assert.ok(!path.isAbsolute(dir) && !dir.startsWith(".."), `SUITE_DIR ${dir} is outside the repository`);
    const inside = tracked.filter((file) => file.startsWith(`${dir.split(path.sep).join("/")}/`));
    assert.ok(inside.includes(`${dir}/limbo-subset.json`.split(path.sep).join("/")), `${dir}/limbo-subset.json is not tracked`);
  });
});
