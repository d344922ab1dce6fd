// The read-ahead of a fleet (src/app/read-ahead.ts eachInOrder): results in input order whatever
// order the files' checks finish in, never more than READ_AHEAD_LIMITS.leavesAhead files started
// ahead of the one being judged, and a file that fails ends the run after every result before it.
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import { eachInOrder, READ_AHEAD_LIMITS, type AheadStep } from "../../src/app/read-ahead.js";

const files = (n: number) => Array.from({ length: n }, (_, i) => `leaf-${i}.pem`);
const index = (file: string) => Number(file.slice(5, -4));

/** A step whose checks finish in a scrambled order; records how far ahead it ever ran. */
function scrambled(options: { failAt?: number } = {}) {
  const seen = { started: 0, finished: 0, mostAhead: 0 };
  const step: AheadStep<number, string> = {
    async start(file) {
      seen.started++;
      seen.mostAhead = Math.max(seen.mostAhead, seen.started - seen.finished);
      const i = index(file);
      await sleep((i * 7) % 5);
      if (i === options.failAt) throw new Error(`${file}: cannot read`);
      return i;
    },
    finish(i, file) {
      seen.finished++;
      return `${file}=${i}`;
    },
  };
  return { step, seen };
}

describe("eachInOrder: a fleet read ahead", () => {
  it("emits every result in input order, with at most READ_AHEAD_LIMITS.leavesAhead files started ahead", async () => {
    const fleet = files(READ_AHEAD_LIMITS.leavesAhead * 3 + 5);
    const { step, seen } = scrambled();
    const out: string[] = [];
    await eachInOrder(fleet, step, (result) => out.push(result));
    assert.deepEqual(out, fleet.map((f, i) => `${f}=${i}`));
    assert.equal(seen.mostAhead, READ_AHEAD_LIMITS.leavesAhead);
  });

  it("a file that fails: every result before it, then its error, nothing after it", async () => {
    const fleet = files(READ_AHEAD_LIMITS.leavesAhead * 2);
    const failAt = READ_AHEAD_LIMITS.leavesAhead + 3;
    const { step } = scrambled({ failAt });
    const out: string[] = [];
    await assert.rejects(
      eachInOrder(fleet, step, (result) => out.push(result)),
      new RegExp(`^Error: leaf-${failAt}\\.pem: cannot read$`),
    );
    assert.deepEqual(out, fleet.slice(0, failAt).map((f, i) => `${f}=${i}`));
  });

  it("the first file failing: no result; an empty fleet: no result, no error", async () => {
    const out: string[] = [];
    await assert.rejects(eachInOrder(files(3), scrambled({ failAt: 0 }).step, (r) => out.push(r)), /leaf-0\.pem: cannot read/);
    await eachInOrder([], scrambled().step, (r) => out.push(r));
    assert.deepEqual(out, []);
  });
});
