import { Errors } from "@oclif/core";
import { InputError } from "../io/input-error.js";
import { MissingArgumentError } from "./usage-error.js";

/**
 * One error contract for every failure before or during a command (README "Exit codes
 * everywhere"): one line on stderr and exit 2, or with --json a small `{"error": {...}}` on stdout
 * and exit 2. oclif's own parse errors are multi-line, wrapped, coloured and carry the whole parse
 * state; they are put into one line here, naming the command and what to do.
 */
export interface DescribedError {
  /** usage: the command line is wrong; input: a file or value is wrong; internal: a pkilab bug. */
  code: "usage" | "input" | "internal";
  message: string;
}

/** What the failing command accepts, for suggestions ("did you mean --for?"). */
export interface CommandShape {
  id: string;
  flags: string[];
  args: string[];
}

const ANSI = /\u001b\[[0-9;]*m/g;

export function describeError(err: unknown, command?: CommandShape): DescribedError {
  const help = command ? `pkilab ${command.id} --help` : "pkilab --help";
  if (err instanceof InputError) return { code: "input", message: unwrapFlagParse(err.message) };
  if (err instanceof MissingArgumentError) return { code: "usage", message: `${command?.id ?? "the command"}: missing ${err.argument} (${firstSentence(err.description)}): see ${help}` };
  if (err instanceof Errors.CLIError) {
    const message = err.message.replace(ANSI, "");
    const oclif = err as Errors.CLIError & { args?: { name?: string; description?: string }[]; flags?: string[] };
    // oclif's parser error classes are not exported (parser/errors.js): tell them by their wording.
    switch (/^(Missing \d+ required arg|Nonexistent flag|Unexpected argument|Expected |The following error)/.exec(message)?.[1]?.replace(/\d+/, "N")) {
      case "Missing N required arg": {
        const missing = (oclif.args ?? []).map((a) => `${(a.name ?? "").toUpperCase()}${a.description ? ` (${firstSentence(a.description)})` : ""}`);
        return { code: "usage", message: `${command?.id ?? "the command"}: missing ${missing.join(", ") || "an argument"}: see ${help}` };
      }
      case "Nonexistent flag": {
        const unknown = oclif.flags ?? [];
        const suggestion = command && unknown.length === 1 ? closest(unknown[0]!.replace(/^-+/, "").split("=")[0]!, command.flags) : undefined;
        return {
          code: "usage",
          message: `${command?.id ?? "the command"}: unknown flag ${unknown.join(", ")}${suggestion ? `; did you mean --${suggestion}?` : ""} (${help} lists the flags)`,
        };
      }
      case "Unexpected argument": {
        const takes = command ? `${command.id} takes ${command.args.length === 0 ? "no arguments" : command.args.map((a) => a.toUpperCase()).join(" ")}` : "too many arguments";
        return { code: "usage", message: `unexpected ${message.replace(/^Unexpected argument(s)?: /, "argument$1 ").split("\n")[0]}: ${takes} (see ${help})` };
      }
      case "Expected ": {
        // A flag's value (Expected --format=xml to be one of: …) or an argument's (Expected fish to be one of: …).
        const flag = /^Expected --([\w-]+)=(.*) to be one of: (.*)$/m.exec(message);
        if (flag) return { code: "usage", message: `--${flag[1]} ${flag[2]}: use one of ${flag[3]}` };
        const arg = /^Expected (.*) to be one of: (.*)$/m.exec(message);
        if (arg) return { code: "usage", message: `${command?.id ? `${command.id} ` : ""}${arg[1]}: use one of ${arg[2]}` };
        break;
      }
      case "The following error": {
        const reasons = message.split("\n").slice(1).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("See more help"));
        return { code: "usage", message: `${reasons.join("; ")} (see ${help})` };
      }
    }
    return { code: "usage", message: `${unwrapFlagParse(message)} (see ${help})` };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: "internal", message: `internal error: ${message.split("\n")[0]} (a pkilab bug: run again with --debug for the stack trace)` };
}

/**
 * oclif rewrites an error thrown by a flag's parser as "Parsing --at \n\t<message>\nSee more help
 * with --help" (parser/parse.js). pkilab's own parsers already name the flag, so keep the message;
 * oclif's own (Flags.integer: "Expected an integer but received: x") gets the flag put in front.
 */
function unwrapFlagParse(message: string): string {
  const match = /^Parsing --([\w-]+) \n\t([\s\S]*?)(\nSee more help with --help)?$/.exec(message);
  if (!match) return oneLine(message);
  const inner = oneLine(match[2]!);
  return inner.startsWith(`--${match[1]}`) ? inner : `--${match[1]}: ${inner.charAt(0).toLowerCase()}${inner.slice(1)}`;
}

function oneLine(message: string): string {
  return message
    .replace(ANSI, "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("See more help"))
    .join("; ");
}

function firstSentence(text: string): string {
  return text.replace(/\.\s.*$|\.$/s, "").replace(/\s*\(.*\)$/, "").trim().replace(/^./, (c) => c.toLowerCase());
}

/** The candidate nearest to `word` by edit distance, if near enough to be a typo. */
export function closest(word: string, candidates: string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  // A third of the word, at least 1 and at most 3 edits: "lnit" → init, "--fro" → --for; not "x" → explain.
  const allowed = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  return best && best.distance <= allowed ? best.candidate : undefined;
}

/** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters is one edit. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
    }
  }
  return d[a.length]![b.length]!;
}
