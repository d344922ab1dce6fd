// The rule set's bookkeeping: one rule per file, named after the file, all listed in RULES, each
// documented for every peer it runs for, and each with a firing scenario in rules.test.ts, so a new
// rule cannot be added without its metadata and its test.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { RULES } from "../../src/lint/rules/index.js";
import type { Rule } from "../../src/lint/types.js";
import { PEER_IDS } from "../../src/peers/index.js";
import { REPO_ROOT } from "../helpers/cli.js";

const SOURCE_DIR = path.join(REPO_ROOT, "src", "lint", "rules");
const COMPILED_DIR = path.join(REPO_ROOT, "dist", "src", "lint", "rules");
const ruleFiles = readdirSync(SOURCE_DIR)
  .filter((f) => f.endsWith(".ts") && f !== "index.ts")
  .map((f) => f.slice(0, -".ts".length))
  .sort();

function isRule(value: unknown): value is Rule {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.id === "string" && typeof r.peers === "object" && typeof r.appliesTo === "function" && typeof r.check === "function";
}

describe("lint rule metadata", () => {
  it("each rule file exports `rule` whose id is the file name, and it is the object RULES lists", async () => {
    assert.ok(ruleFiles.length > 0, `no rule sources in ${SOURCE_DIR}`);
    for (const name of ruleFiles) {
      // Compiled from the source just listed (npm run build compiles src/ and test/ together).
      const module = (await import(pathToFileURL(path.join(COMPILED_DIR, `${name}.js`)).href)) as Record<string, unknown>;
      assert.ok(isRule(module.rule), `src/lint/rules/${name}.ts: no exported \`rule\``);
      assert.equal(module.rule.id, name, `src/lint/rules/${name}.ts: rule id`);
      assert.ok(RULES.includes(module.rule), `src/lint/rules/${name}.ts: not in RULES (src/lint/rules/index.ts)`);
    }
  });

  it("RULES lists exactly the rule files, each once", () => {
    const ids = RULES.map((r) => r.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], "duplicates in RULES");
    assert.deepEqual([...ids].sort(), ruleFiles);
  });

  it("every rule names known peers and has a title, a citation, the requirement it enforces and a symptom for each of its peers", () => {
    for (const rule of RULES) {
      const peers = Object.keys(rule.peers);
      assert.ok(peers.length > 0, `${rule.id}: runs for no peer`);
      for (const peer of peers) assert.ok((PEER_IDS as string[]).includes(peer), `${rule.id}: unknown peer ${peer}`);
      assert.ok(rule.title.trim(), `${rule.id}: empty title`);
      assert.ok(rule.citation.trim(), `${rule.id}: empty citation`);
      assert.ok(rule.requirement?.trim(), `${rule.id}: no requirement quoted`);
      for (const peer of PEER_IDS) {
        if (rule.peers[peer]) assert.ok(rule.symptom[peer]?.trim(), `${rule.id}: no symptom for ${peer}`);
      }
      for (const peer of Object.keys(rule.symptom)) assert.ok(peer in rule.peers, `${rule.id}: symptom for ${peer}, which it does not run for`);
    }
  });

  it("every peer is checked by at least one rule", () => {
    for (const peer of PEER_IDS) assert.ok(RULES.some((r) => r.peers[peer]), `no rule runs for ${peer}`);
  });

  // Static, from the sources: the types already tie a hit's ids to its rule's messages
  // (src/lint/types.ts RuleSpec); this also finds templates nothing reports.
  it("every message id a rule's source names is in its messages, and every template in messages is named by its source", () => {
    const problems: string[] = [];
    for (const rule of RULES) {
      const source = readFileSync(path.join(SOURCE_DIR, `${rule.id}.ts`), "utf8");
      const messages = rule.messages ?? {};
      const ids = Object.keys(messages);
      // The check's ids: `messageId: "x"`, `fixId: "x"`, and the branches of `fixId: test ? "x" : "y"`.
      const named = new Set<string>();
      for (const [, value] of source.matchAll(/\b(?:messageId|fixId):\s*((?:[^,}\n"]*"\w+"(?: as const)?)+)/g)) {
        for (const [, id] of (value ?? "").matchAll(/(?:^|[?:]\s*)"(\w+)"/g)) named.add(id ?? "");
      }
      for (const id of named) if (!ids.includes(id)) problems.push(`${rule.id}: reports "${id}", which is not in its messages`);
      // Outside the messages block, an id appears only where the check reports it.
      const outside = source.replace(/\n  messages: \{[\s\S]*?\n  \},\n/, "\n");
      for (const id of ids) if (!new RegExp(`"${id}"`).test(outside)) problems.push(`${rule.id}: message "${id}" is never reported`);
      for (const [id, template] of Object.entries(messages)) {
        if (!template.trim()) problems.push(`${rule.id}: message "${id}" is empty`);
        if (/\$\{/.test(template)) problems.push(`${rule.id}: message "${id}" has a template-literal \${…}, not a {placeholder}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it("every rule fires for each of its peers in a scenario of test/lint/rules.test.ts", () => {
    const text = readFileSync(path.join(REPO_ROOT, "test", "lint", "rules.test.ts"), "utf8");
    const missing: string[] = [];
    for (const rule of RULES) {
      for (const peer of PEER_IDS) {
        const severity = rule.peers[peer];
        // An expected finding is written "peer rule severity certIndex", e.g. "browser weak-key error 0".
        if (severity && !new RegExp(`"${peer} ${rule.id} ${severity} -?\\d+"`).test(text)) missing.push(`"${peer} ${rule.id} ${severity} N"`);
      }
    }
    assert.deepEqual(missing, [], "add a scenario where the rule fires to test/lint/rules.test.ts");
  });
});
