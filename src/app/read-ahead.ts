/**
 * verify and lint of a fleet on every core, in one thread of JavaScript: while the main thread
 * judges one leaf, the next leaves are already read and parsed and their signatures are being
 * checked on libuv's thread pool (src/chain/signature.ts checkSignaturesAhead). A leaf is judged
 * when its checks are in, in input order.
 *
 * Why: on a fleet whose leaves are signed by the root itself, each leaf costs one ECDSA P-384
 * verification (~0.65 ms of OpenSSL's own code, as in `openssl verify`), ~75% of the run
 * (profiled). Worker threads were measured too (README, the notes on `npm run bench`): each loads
 * the bundle and compiles the same JavaScript again, ~10% more CPU in all, which two cores cannot hide.
 */
export const READ_AHEAD_LIMITS = {
  /**
   * Leaves read and in their signature checks ahead of the one being judged: enough to keep the
   * thread pool (4 threads by default, UV_THREADPOOL_SIZE) busy while the main thread judges,
   * few enough that what is held stays small (a parsed leaf is a few KB of objects). 8 and 16
   * were measured too (verify, 2,000 and 10,000 root-issued leaves, two runs each): 16 no faster,
   * 8 slower (1.15 s against 1.03-1.18 s at 2,000), and both with a higher peak RSS (109-128 MB
   * against 89-120 MB).
   */
  leavesAhead: 32,
} as const;

/** The two halves of the check of one leaf file. */
export interface AheadStep<Read, Result> {
  /** Reads the file and starts the slow part of its check; resolves when that part is done. */
  start(file: string): Promise<Read>;
  /** Judges the leaf, with the slow part done. */
  finish(read: Read, file: string): Result;
}

/**
 * Runs `step` on every file with up to READ_AHEAD_LIMITS.leavesAhead files started ahead, and
 * hands each result to `emit` in input order. A file that cannot be read ends the run as it would
 * without reading ahead: every result before it is emitted, then its error is thrown.
 */
export async function eachInOrder<Read, Result>(files: readonly string[], step: AheadStep<Read, Result>, emit: (result: Result) => void): Promise<void> {
  const started: { file: string; read: Promise<Read> }[] = [];
  let next = 0;
  const fill = () => {
    while (next < files.length && started.length < READ_AHEAD_LIMITS.leavesAhead) {
      const file = files[next++] as string;
      const read = step.start(file);
      // Its failure is thrown when its turn comes (below); until then it is not "unhandled".
      read.catch(() => undefined);
      started.push({ file, read });
    }
  };
  fill();
  for (let head = started.shift(); head; head = started.shift()) {
    const read = await head.read;
    emit(step.finish(read, head.file));
    fill();
  }
}
