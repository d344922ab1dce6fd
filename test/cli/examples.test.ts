// Every example lab spec builds, and its leaves pass `openssl verify` for their purpose.
import assert from "node:assert/strict";
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { REPO_ROOT, runCli, tempDir } from "../helpers/cli.js";
import { opensslVerify } from "../helpers/peers.js";
import type { Manifest } from "../../src/pki/manifest.js";

const work = tempDir("examples");
after(() => rmSync(work, { recursive: true, force: true }));
const specDir = path.join(REPO_ROOT, "examples", "lab-specs");

describe("examples/lab-specs", () => {
  const specs = readdirSync(specDir).filter((f) => f.endsWith(".yaml"));
  it("has specs", () => assert.ok(specs.length >= 2));
  for (const spec of specs) {
    it(`${spec} builds a lab that openssl verifies`, () => {
      const dir = path.join(work, spec.replace(/\.yaml$/, ""));
      const result = runCli(["init", dir, "--spec", path.join(specDir, spec), "--json"]);
      assert.equal(result.code, 0, result.stderr);
      const manifest = JSON.parse(result.stdout) as Manifest;
      const leaves = manifest.certificates.filter((c) => c.files.fullchain);
      assert.ok(leaves.length > 0);
      for (const leaf of leaves) {
        const purpose = leaf.role === "server" ? "sslserver" : "sslclient";
        const chain = leaf.files.chain ? ["-untrusted", leaf.files.chain] : [];
        const verified = opensslVerify(["-CAfile", "ca.pem", ...chain, "-purpose", purpose, leaf.files.cert], dir);
        assert.equal(verified.code, 0, `${leaf.id}: ${verified.stdout}${verified.stderr}`);
      }
    });
  }
});
