// docs/rules/ is generated from the rules' metadata by scripts/rule-docs.js. This renders the pages
// again in memory and fails when a committed page is missing, stale, or left over from a rule that
// no longer exists; the fix is always `node scripts/rule-docs.js` (after npm run build).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { RULES } from "../../src/lint/rules/index.js";
import type { Rule } from "../../src/lint/types.js";
import { REPO_ROOT, tempDir } from "../helpers/cli.js";

/** What scripts/rule-docs.js exports (it is plain JavaScript: no types to import). */
interface RuleDocsScript {
  DOCS_DIR: string;
  loadCompiled(repoRoot?: string): Promise<{ rules: Rule[]; markdownText: (text: string) => string }>;
  renderRuleDocs(rules: Rule[], markdownText: (text: string) => string, exists: (repoPath: string) => boolean): Map<string, string>;
  writeRuleDocs(pages: Map<string, string>, repoRoot?: string): { written: number; removed: string[] };
}

const script = (await import(pathToFileURL(path.join(REPO_ROOT, "scripts", "rule-docs.js")).href)) as RuleDocsScript;
const { rules, markdownText } = await script.loadCompiled(REPO_ROOT);
const inRepo = (repoPath: string) => existsSync(path.join(REPO_ROOT, repoPath));

/** Committed pages that are missing, differ, or have no rule, against the pages rendered now. */
function compare(expected: Map<string, string>, dir: string): { missing: string[]; stale: string[]; extra: string[] } {
  const committed = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".md")) : [];
  return {
    missing: [...expected.keys()].filter((f) => !committed.includes(f)).sort(),
    stale: committed.filter((f) => expected.has(f) && readFileSync(path.join(dir, f), "utf8") !== expected.get(f)).sort(),
    extra: committed.filter((f) => !expected.has(f)).sort(),
  };
}

describe("docs/rules", () => {
  it("every committed page is what scripts/rule-docs.js renders from the rules now", () => {
    const pages = script.renderRuleDocs(rules, markdownText, inRepo);
    assert.deepEqual(compare(pages, path.join(REPO_ROOT, script.DOCS_DIR)), { missing: [], stale: [], extra: [] }, "docs/rules is out of date: run node scripts/rule-docs.js");
  });

  it("the comparison catches a missing, a stale and a left-over page", () => {
    const dir = tempDir("rule-docs");
    const pages = script.renderRuleDocs(rules, markdownText, inRepo);
    script.writeRuleDocs(pages, dir);
    const docs = path.join(dir, script.DOCS_DIR);
    assert.deepEqual(compare(pages, docs), { missing: [], stale: [], extra: [] });
    // A rule retitled, a rule added, a rule removed: what the test above would see.
    const changed = rules.map((rule, i) => (i === 0 ? { ...rule, title: `${rule.title}, retitled` } : rule));
    const added: Rule = { ...rules[1]!, id: "a-new-rule" };
    const now = script.renderRuleDocs([...changed.slice(0, -1), added], markdownText, inRepo);
    assert.deepEqual(compare(now, docs), { missing: ["a-new-rule.md"], stale: [`${rules[0]!.id}.md`, "README.md"].sort(), extra: [`${rules.at(-1)!.id}.md`] });
    // The script repairs all three.
    writeFileSync(path.join(docs, "notes.txt"), "not a page: left alone");
    assert.deepEqual(script.writeRuleDocs(now, dir).removed, [`${rules.at(-1)!.id}.md`]);
    assert.deepEqual(compare(now, docs), { missing: [], stale: [], extra: [] });
    assert.ok(existsSync(path.join(docs, "notes.txt")));
  });

  it("each page states the rule's title, the requirement it enforces, every peer with its severity and symptom, and each part of its citation", () => {
    assert.equal(rules, RULES, "the script reads the same compiled RULES");
    const pages = script.renderRuleDocs(rules, markdownText, inRepo);
    // Markdown aside (code spans, escapes, links): the words are the metadata's.
    const plain = (md: string) => md.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/<(https?:[^>]+)>/g, "$1").replace(/\\(.)/g, "$1").replace(/`/g, "");
    for (const rule of rules) {
      const page = plain(pages.get(`${rule.id}.md`)!);
      assert.ok(page.startsWith(`# ${rule.id}\n`), rule.id);
      assert.ok(page.includes(`${rule.title}.`), `${rule.id}: title`);
      assert.ok(rule.requirement && page.includes(`> ${rule.requirement}`), `${rule.id}: requirement`);
      for (const [peer, severity] of Object.entries(rule.peers)) {
        assert.ok(page.includes(`| ${peer} | ${severity} | ${rule.symptom[peer as keyof Rule["symptom"]]} |`), `${rule.id}: ${peer}`);
      }
      for (const word of rule.citation.split(/[\s;]+/).filter(Boolean)) assert.ok(page.includes(word), `${rule.id}: citation word ${word}`);
      assert.ok(plain(pages.get("README.md")!).includes(`| ${rule.id} | ${rule.title} |`), `${rule.id}: not in the index`);
    }
  });

  it("every relative link in docs/rules/ points at a file of the repository", () => {
    const dir = path.join(REPO_ROOT, script.DOCS_DIR);
    const broken: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".md"))) {
      for (const link of readFileSync(path.join(dir, file), "utf8").matchAll(/\]\(([^)]+)\)/g)) {
        const target = link[1]!;
        if (!/^https?:/.test(target) && !existsSync(path.resolve(dir, target))) broken.push(`${file}: ${target}`);
      }
    }
    assert.deepEqual(broken, []);
  });
});
