// Every input limit in the code is in the README's "Input limits" table with its value, and every
// row of that table names a limit that exists: the table users read cannot drift from the code.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { LAB_SEARCH_DEPTH } from "../../src/app/find-lab.js";
import { MAX_LEAF_FILES } from "../../src/app/leaf-inputs.js";
import { SERVE_LIMITS } from "../../src/app/serve.js";
import { DER_LIMITS } from "../../src/asn1/der-reader.js";
import { LOG_LIMITS } from "../../src/explain/log.js";
import { TREE_LIMITS } from "../../src/inspect/tree.js";
import { IO_LIMITS } from "../../src/io/read.js";
import { PREPROCESSOR_LIMITS } from "../../src/peers/parse/c-preprocessor.js";
import { CLIENT_HELLO_LIMITS } from "../../src/peers/parse/client-hello.js";
import { NGINX_CONF_LIMITS } from "../../src/peers/parse/nginx-conf.js";
import { PCAP_LIMITS } from "../../src/peers/parse/pcap.js";
import { TLS_WIRE_LIMITS } from "../../src/peers/parse/tls-messages.js";
import { PROBE_LIMITS } from "../../src/app/probe-connect.js";
import { READ_AHEAD_LIMITS } from "../../src/app/read-ahead.js";
import { REPO_ROOT } from "../helpers/cli.js";

const LIMITS: Record<string, Record<string, number>> = { IO_LIMITS, DER_LIMITS, NGINX_CONF_LIMITS, PREPROCESSOR_LIMITS, CLIENT_HELLO_LIMITS, PCAP_LIMITS, TLS_WIRE_LIMITS, PROBE_LIMITS, LOG_LIMITS, TREE_LIMITS, SERVE_LIMITS, READ_AHEAD_LIMITS };

function readmeTable(): Map<string, number> {
  const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Input limits"), readme.indexOf("\n## ", readme.indexOf("## Input limits") + 1));
  assert.ok(section.length > 100, "README has an Input limits section");
  const rows = new Map<string, number>();
  for (const [, name, value] of section.matchAll(/^\| `([A-Z_]+(?:\.[A-Za-z0-9]+)?)` \| (\d+) \|/gm)) rows.set(name!, Number(value));
  return rows;
}

describe("input limits: code and README agree", () => {
  const rows = readmeTable();
  const inCode = new Map<string, number>([["LAB_SEARCH_DEPTH", LAB_SEARCH_DEPTH], ["MAX_LEAF_FILES", MAX_LEAF_FILES]]);
  for (const [group, limits] of Object.entries(LIMITS)) for (const [key, value] of Object.entries(limits)) inCode.set(`${group}.${key}`, value);

  it("every limit in the code has a README row with its value", () => {
    for (const [name, value] of inCode) assert.equal(rows.get(name), value, `README row for ${name}`);
  });

  it("every README row names a limit in the code", () => {
    for (const name of rows.keys()) assert.ok(inCode.has(name), `README names ${name}, which the code does not have`);
  });
});
