// The read-ahead of a fleet (src/app/read-ahead.ts eachInOrder): results in input order whatever
// order the files' checks finish in, never more files or bytes held than READ_AHEAD_LIMITS allows,
// and a file that fails ends the run after every result before it, with nothing after it read.
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import { eachInOrder, READ_AHEAD_LIMITS, type AheadStep } from "../../src/app/read-ahead.js";

const files = (n: number) => Array.from({ length: n }, (_, i) => `leaf-${i}.pem`);
const index = (file: string) => Number(file.slice(5, -4));

/**
 * A step whose checks finish in a scrambled order; records how many files it ever held at once
 * and which it read. failAt: that file cannot be read (readFails) or fails in its check.
 */
function scrambled(options: { failAt?: number; readFails?: boolean; bytes?: number } = {}) {
  const seen = { read: [] as number[], judged: 0, mostHeld: 0 };
  const step: AheadStep<number, string> = {
    start(file) {
      const i = index(file);
      seen.read.push(i);
      seen.mostHeld = Math.max(seen.mostHeld, seen.read.length - seen.judged);
      if (i === options.failAt && options.readFails) throw new Error(`${file}: cannot read`);
      const ready = (async () => {
        await sleep((i * 7) % 5);
        if (i === options.failAt) throw new Error(`${file}: bad certificate`);
        return i;
      })();
      return { bytes: options.bytes ?? 1000, ready };
    },
    finish(i, file) {
      seen.judged++;
      return `${file}=${i}`;
    },
  };
  return { step, seen };
}

const inOrder = (fleet: string[]) => fleet.map((f, i) => `${f}=${i}`);

describe("eachInOrder: a fleet read ahead", () => {
  it("emits every result in input order, holding at most READ_AHEAD_LIMITS.leavesAhead files", async () => {
    const fleet = files(READ_AHEAD_LIMITS.leavesAhead * 3 + 5);
    const { step, seen } = scrambled();
    const out: string[] = [];
    await eachInOrder(fleet, step, (result) => out.push(result));
    assert.deepEqual(out, inOrder(fleet));
    assert.equal(seen.mostHeld, READ_AHEAD_LIMITS.leavesAhead);
  });

  it("holds no more bytes than READ_AHEAD_LIMITS.bytesAhead, and a file larger than that alone", async () => {
    const quarter = scrambled({ bytes: READ_AHEAD_LIMITS.bytesAhead / 4 });
    const fleet = files(20);
    const out: string[] = [];
    await eachInOrder(fleet, quarter.step, (result) => out.push(result));
    assert.deepEqual(out, inOrder(fleet));
    assert.equal(quarter.seen.mostHeld, 4);
    const huge = scrambled({ bytes: READ_AHEAD_LIMITS.bytesAhead * 2 });
    await eachInOrder(files(5), huge.step, () => undefined);
    assert.equal(huge.seen.mostHeld, 1);
  });

  it("a file that fails its check: every result before it, then its error, nothing after it", async () => {
    const fleet = files(READ_AHEAD_LIMITS.leavesAhead * 2);
    const failAt = READ_AHEAD_LIMITS.leavesAhead + 3;
    const out: string[] = [];
    await assert.rejects(
      eachInOrder(fleet, scrambled({ failAt }).step, (result) => out.push(result)),
      new RegExp(`^Error: leaf-${failAt}\\.pem: bad certificate$`),
    );
    assert.deepEqual(out, inOrder(fleet).slice(0, failAt));
  });

  it("a file that cannot be read: the results before it, then its error; no file after it is read", async () => {
    const fleet = files(READ_AHEAD_LIMITS.leavesAhead * 2);
    const failAt = 5;
    const { step, seen } = scrambled({ failAt, readFails: true });
    const out: string[] = [];
    await assert.rejects(
      eachInOrder(fleet, step, (result) => out.push(result)),
      new RegExp(`^Error: leaf-${failAt}\\.pem: cannot read$`),
    );
    assert.deepEqual(out, inOrder(fleet).slice(0, failAt));
    assert.deepEqual(seen.read, [0, 1, 2, 3, 4, 5]);
  });

  it("the first file failing: no result; an empty fleet: no result, no error", async () => {
    const out: string[] = [];
    await assert.rejects(eachInOrder(files(3), scrambled({ failAt: 0 }).step, (r) => out.push(r)), /leaf-0\.pem: bad certificate/);
    await eachInOrder([], scrambled().step, (r) => out.push(r));
    assert.deepEqual(out, []);
  });
});
