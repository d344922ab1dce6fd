import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../src/io/input-error.js";
import { DEFAULTS, leafFromList, resolveSpec } from "../../src/pki/lab-spec.js";

describe("resolveSpec", () => {
  it("defaults: P-384 root, one P-256 intermediate, a localhost server and a client", () => {
    const spec = resolveSpec({}, {});
    assert.equal(spec.root.key, "p384");
    assert.equal(spec.root.days, DEFAULTS.rootDays);
    assert.deepEqual(spec.intermediates, [{ key: "p256", days: 1825, cn: "pkilab Intermediate CA 1" }]);
    assert.deepEqual(spec.leaves, [
      { role: "server", name: "localhost", sans: ["localhost", "127.0.0.1", "::1"], key: "p256", days: 365 },
      { role: "client", name: "client", sans: [], key: "p256", days: 365 },
    ]);
  });

  it("flags override the file; --intermediates resizes the file's list", () => {
    const spec = resolveSpec(
      { root: { key: "rsa2048", cn: "Acme Root" }, intermediates: [{ key: "p521", days: 900, cn: "Acme Issuing" }], leafKey: "p384" },
      { rootKey: "rsa4096", intermediates: 2, clients: ["alice"], leafDays: 30 },
    );
    assert.deepEqual(spec.root, { key: "rsa4096", days: 3650, cn: "Acme Root" });
    assert.deepEqual(spec.intermediates, [
      { key: "p521", days: 900, cn: "Acme Issuing" },
      { key: "p256", days: 900, cn: "pkilab Intermediate CA 2" },
    ]);
    assert.deepEqual(spec.leaves, [{ role: "client", name: "alice", sans: [], key: "p384", days: 30 }]);
  });

  it("default validities shrink to fit a short-lived issuer", () => {
    const spec = resolveSpec({}, { rootDays: 100 });
    assert.equal(spec.intermediates[0]!.days, 100);
    assert.ok(spec.leaves.every((leaf) => leaf.days === 100));
  });

  it("rejects a second intermediate that outlives the first", () => {
    assert.throws(
      () => resolveSpec({ intermediates: [{ days: 100 }, { days: 200 }] }, {}),
      (err: unknown) => err instanceof InputError && /intermediate 2 \(200 days\) would outlive its issuer \(100 days\)/.test(err.message),
    );
  });

  it("rejects a CN longer than 64 characters", () => {
    assert.throws(() => resolveSpec({}, { clients: ["c".repeat(65)] }), /1 to 64 characters/);
  });
});

describe("leafFromList", () => {
  it("server: first name is the CN, every name is a SAN", () => {
    assert.deepEqual(leafFromList("server", "a.test, 10.0.0.1", "--server", "p256", 10), {
      role: "server", name: "a.test", sans: ["a.test", "10.0.0.1"], key: "p256", days: 10,
    });
  });
  it("device: the name is the CN; further names are SANs", () => {
    assert.deepEqual(leafFromList("device", "dev-1,dev-1.fleet.test", "--device", "p256", 10).sans, ["dev-1.fleet.test"]);
  });
  it("an empty list is an input error", () => {
    assert.throws(() => leafFromList("client", " , ", "--client", "p256", 10), /empty name/);
  });
});
