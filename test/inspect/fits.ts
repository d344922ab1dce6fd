// What "fits the terminal" means for the text reports, shared by the width tests.
import assert from "node:assert/strict";
import { displayWidth } from "../../src/cli/wrap.js";

/**
 * The longest label a report line puts before its text ("  chain tried: ", "  sha256       "): an
 * over-long line may hold that and one unbreakable word, nothing more.
 */
const MAX_LABEL = 16;

/**
 * Lines of `text` wider than `width` columns other than an unbreakable word (a hash, a path, a URL): a word
 * longer than half the width (no continuation line hangs deeper than that, so it fits on none),
 * ending a line that holds nothing else but its indent and a label. Empty when the text fits.
 */
export function linesThatDoNotFit(text: string, width: number): string[] {
  return text.split("\n").filter((line) => {
    if (displayWidth(line) <= width) return false;
    const word = line.trimEnd().split(/\s+/).at(-1) ?? "";
    const unbreakable = displayWidth(word) > width / 2 && line.trimStart().length - word.length <= MAX_LABEL;
    return !unbreakable;
  });
}

export function assertFits(text: string, width: number): void {
  assert.deepEqual(linesThatDoNotFit(text, width), [], `at width ${width}:\n${text}`);
}

/** The words of a text, whatever its line breaks (a shell command's " \" continuations included). */
export function words(text: string): string {
  return text.replace(/ \\\n/g, " ").replace(/\s+/g, " ").trim();
}

/**
 * `wrapped` is `plain` laid out at `width`: each line of `plain` that fits is there unchanged, each
 * longer one became two or more lines with the same words. So a terminal wide enough sees exactly
 * today's output.
 */
export function assertOnlyLongLinesWrapped(wrapped: string, plain: string, width: number): void {
  const out = wrapped.split("\n");
  let i = 0;
  for (const line of plain.split("\n")) {
    if (displayWidth(line) <= width) {
      assert.equal(out[i++], line);
      continue;
    }
    const pieces = [out[i++]];
    while (i < out.length && words(pieces.join("\n")) !== words(line)) pieces.push(out[i++]);
    assert.equal(words(pieces.join("\n")), words(line));
    assert.ok(pieces.length > 1, `a ${line.length}-column line was not wrapped at ${width}`);
  }
  assert.equal(i, out.length, "nothing after the last line");
}
