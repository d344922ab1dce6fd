import type { MessageData } from "./types.js";

/** A placeholder: "{name}", the name in the characters JavaScript identifiers start with. */
const PLACEHOLDER = /\{([A-Za-z_]\w*)\}/g;

/** The placeholder names of a template, in order, each once. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ""))];
}

/**
 * Fills a rule's message template (eslint's meta.messages and report data, with `{name}` where
 * eslint writes `{{name}}`). Strict both ways, so a template and the data a rule passes it cannot
 * drift apart: a placeholder without a value throws, and so does a value no placeholder takes. The
 * engine turns a throw into an internal/rule-failed finding.
 */
export function format(template: string, data: MessageData = {}): string {
  const unused = Object.keys(data).filter((key) => data[key] !== undefined && !placeholders(template).includes(key));
  if (unused.length > 0) throw new Error(`message data ${unused.join(", ")} not used by "${template}"`);
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`message "${template}" has no value for {${name}}`);
    return String(value);
  });
}
