/**
 * Word wrapping for the text reports (pure). The renderers live in parts that may not import each
 * other or src/cli (inspect and verify views, explain, lint reports), so they do not import this
 * module: each takes a `wrap` function of this shape, and the command passes `wrapper(width)`.
 */

export interface WrapOptions {
  /** Columns before each continuation line; the prefix's width unless said. */
  hang?: number;
  /**
   * The text is a shell command: break only between arguments (never inside quotes) and end every
   * line but the last with " \", so the wrapped command can still be pasted into a shell.
   */
  shell?: boolean;
}

/** The function the renderers take: `prefix + text` as one or more lines. */
export type Wrap = (prefix: string, text: string, options?: WrapOptions) => string;

/** Leaves every line whole: what the renderers do when no width is given. */
export const noWrap: Wrap = (prefix, text) => prefix + text;

/** A wrap function for `width` columns; Infinity (a pipe, see terminalWidth) never wraps. */
export function wrapper(width: number): Wrap {
  return Number.isFinite(width) ? (prefix, text, options) => wrapText(prefix, text, width, options) : noWrap;
}

/**
 * Writes `prefix + text` in lines of at most `width` columns, breaking only at spaces; continuation
 * lines are indented to the width of `prefix` (or `options.hang`), so they start under the text, not
 * under a bullet or label. A word longer than the room it has (a path, an OID, a hex string, a URL)
 * is never split: it stands alone on its line and overflows. A line that fits is returned unchanged.
 */
export function wrapText(prefix: string, text: string, width: number, options: WrapOptions = {}): string {
  const whole = prefix + text;
  if (whole.split("\n").every((line) => displayWidth(line) <= width)) return whole;
  // Continuation lines keep at least half the width for text: after a long prefix (a file name)
  // they hang further left instead.
  const hang = " ".repeat(Math.min(options.hang ?? prefix.length, Math.floor(width / 2)));
  // A newline in the text starts a new line at the hanging indent, as a wrap would.
  return text
    .split("\n")
    .map((paragraph, i) => fill(i === 0 ? prefix : hang, hang, paragraph, width, options.shell ?? false))
    .join("\n");
}

function fill(first: string, hang: string, text: string, width: number, shell: boolean): string {
  // Each word with the spaces before it: spaces inside a line stay as written, those at a break go.
  // A shell word runs to the next space outside quotes.
  const words = [...text.matchAll(shell ? /(\s*)((?:"[^"]*"|'[^']*'|\S)+)/g : /(\s*)(\S+)/g)].map((m) => ({ space: m[1]!, word: m[2]! }));
  const lines: string[] = [];
  let line = first + (words.length === 0 ? text : "");
  for (const [i, { space, word }] of words.entries()) {
    // A shell line that another follows ends with " \": keep room for it.
    const room = shell && i < words.length - 1 ? width - 2 : width;
    if (i === 0 || displayWidth(line) + space.length + displayWidth(word) <= room) {
      // The first word goes right after the prefix, whatever its length.
      line += space + word;
    } else {
      lines.push(shell ? `${line} \\` : line);
      line = hang + word;
    }
  }
  lines.push(line);
  return lines.join("\n");
}

/**
 * Characters a terminal draws two columns wide: emoji shown as pictures (Emoji_Presentation, UTS #51:
 * the ✅ and 📄 of explain's causes) and the East Asian wide scripts and fullwidth forms (UAX #11).
 */
const WIDE = /[\p{Emoji_Presentation}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u{FF01}-\u{FF60}\u{FFE0}-\u{FFE6}]/u;

/** The columns `text` takes on a terminal. */
export function displayWidth(text: string): number {
  let columns = 0;
  for (const char of text) columns += WIDE.test(char) ? 2 : 1;
  return columns;
}
