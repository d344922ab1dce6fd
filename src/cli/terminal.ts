import type { KeyProgress } from "../pki/lab.js";
import { wrapper, type Wrap } from "./wrap.js";

/** What the width decision needs to know about an output stream (process.stdout is one). */
export interface OutputStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** A terminal that does not report its size gets the width terminals open with. */
const DEFAULT_TTY_COLUMNS = 80;

/**
 * How wide the text reports may be on `stream`, in the order util-linux's get_terminal_width()
 * (lib/ttyutils.c) asks:
 * - a terminal: its width (it follows resizing, where an exported COLUMNS may be stale);
 * - otherwise the COLUMNS environment variable when it is a positive integer (`COLUMNS=80 pkilab …`
 *   for a CI log or a file);
 * - otherwise Infinity: nothing is wrapped or shortened, so a pipe, a file or `grep` sees every
 *   fact on one line, as before (a pager wraps for itself).
 */
export function terminalWidth(stream: Pick<OutputStream, "isTTY" | "columns"> = process.stdout, env: NodeJS.ProcessEnv = process.env): number {
  if (stream.isTTY && stream.columns && stream.columns > 0) return stream.columns;
  const columns = env.COLUMNS?.trim();
  if (columns && /^[0-9]+$/.test(columns) && Number(columns) > 0) return Number(columns);
  return stream.isTTY ? DEFAULT_TTY_COLUMNS : Infinity;
}

/** The wrap function for a text report on stdout, for the renderers' `wrap` option. */
export function stdoutWrap(): Wrap {
  return wrapper(terminalWidth(process.stdout));
}

/** "pkilab: generating 14 keys (14 slow: RSA 4096); this can take a few seconds": said once, when generation starts. */
export function keyGenerationLine(progress: KeyProgress): string {
  const what =
    progress.total === 1 ? `a ${progress.slowLabels[0]} key` : `${progress.total} keys (${progress.slow} slow: ${progress.slowLabels.join(", ")})`;
  return `pkilab: generating ${what}; this can take a few seconds`;
}

/**
 * The line a terminal shows while keys generate: "pkilab: generating keys (slow: RSA 4096): 3/14 keys".
 * It is cut to width - 1 columns: writing the last column makes some terminals move to the next
 * line, and "\r" would then rewrite only that one.
 */
export function keyProgressLine(done: number, total: number, slowLabels: string[], width: number): string {
  const line = `pkilab: generating ${total === 1 ? "a key" : "keys"} (slow: ${slowLabels.join(", ")}): ${done}/${total} keys`;
  const room = Math.max(1, width - 1);
  return line.length <= room ? line : `${line.slice(0, room - 1)}…`;
}

/** "\r" back to the start of the line, then ESC [ K (erase to the end of the line; ECMA-48 EL). */
const REWRITE = "\r\u001b[K";

export interface ProgressReporter {
  /** The `progress` callback for createLab and addLeaf. */
  update(progress: KeyProgress): void;
  /** Clears the progress line (call it also when the command fails, before the error is printed). */
  end(): void;
}

/**
 * Draws key generation progress on `stream` (stderr): on a terminal one line rewritten as each key
 * finishes and cleared at the end; elsewhere (a log file, CI) the single line said at the start,
 * with no "\r" in the log.
 */
export function keyProgressReporter(stream: OutputStream = process.stderr): ProgressReporter {
  let drawn = false;
  let ended = false;
  const clear = () => {
    if (drawn) stream.write(REWRITE);
    drawn = false;
  };
  return {
    update(progress) {
      if (ended) return;
      if (!stream.isTTY) {
        if (progress.done === 0) stream.write(`${keyGenerationLine(progress)}\n`);
        return;
      }
      if (progress.done === progress.total) return clear();
      stream.write(REWRITE + keyProgressLine(progress.done, progress.total, progress.slowLabels, terminalWidth(stream)));
      drawn = true;
    },
    end() {
      clear();
      ended = true;
    },
  };
}
