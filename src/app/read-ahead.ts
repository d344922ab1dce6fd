import { checkSignaturesAhead } from "../chain/signature.js";
import { certificatesFromMaterial, readBytes, readMaterial, type ReadOptions } from "../io/read.js";
import type { CertFacts } from "../model/certificate.js";

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
   * Leaves held at once: the one being judged and those read ahead of it, whose signature checks
   * keep the thread pool (4 threads by default, UV_THREADPOOL_SIZE) busy while the main thread
   * judges. 8 and 16 were measured side by side with 32 (verify, 2,000 and 10,000 root-issued
   * leaves): 16 no faster, 8 slower (1.15 s against 1.03-1.18 s at 2,000), neither with a lower
   * peak RSS.
   */
  leavesAhead: 32,
  /**
   * ...and no more file bytes than this among them (a leaf file is ~1 KB, but one may be up to
   * IO_LIMITS.maxFileBytes): past it, no further file is read until the held ones are judged.
   */
  bytesAhead: 16 * 1024 * 1024,
  /** Signature checks started ahead for one leaf (its issuer's name may be on several CAs, a rollover). */
  issuersPerLeaf: 4,
} as const;

/** A leaf file read, with the slow part of its check under way. */
export interface Started<Read> {
  /** The file's size: what reading it ahead holds. */
  bytes: number;
  /** Resolves when the slow part is done. */
  ready: Promise<Read>;
}

/** The two halves of the check of one leaf file. */
export interface AheadStep<Read, Result> {
  /** Reads the file (a file that cannot be read throws here) and starts the slow part of its check. */
  start(file: string): Started<Read>;
  /** Judges the leaf, with the slow part done. */
  finish(read: Read, file: string): Result;
}

/**
 * Runs `step` on every file with files started ahead within READ_AHEAD_LIMITS, and hands each
 * result to `emit` in input order. A file that cannot be read ends the run as it would without
 * reading ahead: every result before it is emitted, then its error is thrown, and no file after it
 * is read.
 */
export async function eachInOrder<Read, Result>(files: readonly string[], step: AheadStep<Read, Result>, emit: (result: Result) => void): Promise<void> {
  const held: { file: string; bytes: number; ready: Promise<Read> }[] = [];
  let heldBytes = 0;
  let next = 0;
  let failed = false;
  const fill = () => {
    while (!failed && next < files.length && held.length < READ_AHEAD_LIMITS.leavesAhead && (held.length === 0 || heldBytes < READ_AHEAD_LIMITS.bytesAhead)) {
      const file = files[next++] as string;
      let started: Started<Read>;
      try {
        started = step.start(file);
      } catch (err) {
        // Its turn comes after the files before it are judged; nothing after it is read.
        failed = true;
        started = { bytes: 0, ready: Promise.reject(err) };
      }
      // A failure is thrown when its turn comes (below); until then it is not "unhandled".
      started.ready.catch(() => undefined);
      held.push({ file, ...started });
      heldBytes += started.bytes;
    }
  };
  fill();
  for (let head = held.shift(); head; head = held.shift()) {
    const read = await head.ready;
    heldBytes -= head.bytes;
    emit(step.finish(read, head.file));
    fill();
  }
}

/**
 * The start of the check of a fleet's leaf file: the file read now, its certificates parsed, and
 * the checks of the leaf's signature by `issuers` (the CAs and intermediates of the run, and any
 * certificates bundled in the file) started on the thread pool.
 */
export function startLeaf(file: string, options: ReadOptions, issuers: readonly CertFacts[]): Started<[CertFacts, ...CertFacts[]]> {
  const bytes = readBytes(file);
  const material = readMaterial(bytes, file, options.role);
  const ready = certificatesFromMaterial(material, file, options).then(async (read) => {
    const [leaf, ...bundled] = read;
    await checkSignaturesAhead(leaf, bundled.length ? [...bundled, ...issuers] : issuers, READ_AHEAD_LIMITS.issuersPerLeaf);
    return read;
  });
  return { bytes: bytes.length, ready };
}
