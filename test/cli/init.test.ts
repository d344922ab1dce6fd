// pkilab init and pkilab issue as a user runs them: transactional writes, --force, --spec round trip,
// and bad input that must end in one clear line, exit code 2 and nothing written.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { BIN, runCli, tempDir, type CliResult } from "../helpers/cli.js";
import type { Manifest, ManifestEntry } from "../../src/pki/manifest.js";

const work = tempDir("cli-init");
after(() => rmSync(work, { recursive: true, force: true }));

/** Every file under dir with its content, for byte-for-byte comparison. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const f of readdirSync(dir, { recursive: true }).map(String).sort()) {
    const full = path.join(dir, f);
    if (statSync(full).isFile()) files.set(f, readFileSync(full, "base64"));
  }
  return files;
}

/** The exit-2 contract: one line on stderr that starts with "pkilab:", no stack trace, nothing on stdout. */
function assertBadInput(result: CliResult, pattern: RegExp): void {
  assert.equal(result.code, 2, `exit code; stderr: ${result.stderr}`);
  const lines = result.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one line expected, got:\n${result.stderr}`);
  assert.match(lines[0]!, /^pkilab: /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
}

/** No staging folders (".NAME.pkilab-tmp-*") left beside a target. */
function stagingLeftovers(parent: string): string[] {
  return existsSync(parent) ? readdirSync(parent).filter((f) => f.includes(".pkilab-tmp-")) : [];
}

describe("pkilab init", () => {
  it("writes the documented layout and a --json manifest whose files exist", () => {
    const dir = path.join(work, "layout");
    const result = runCli(["init", dir, "--json"]);
    assert.equal(result.code, 0, result.stderr);
    const manifest = JSON.parse(result.stdout) as Manifest;
    assert.equal(manifest.tool, "pkilab");
    assert.equal(manifest.issuingCa, "intermediate-1");
    assert.deepEqual(manifest.certificates.map((c) => [c.role, c.key]), [
      ["root", "p384"], ["intermediate", "p256"], ["server", "p256"], ["client", "p256"],
    ]);
    for (const name of ["ca.pem", "lab.yaml", "manifest.json"]) assert.ok(existsSync(path.join(dir, name)), name);
    for (const cert of manifest.certificates) {
      for (const file of Object.values(cert.files)) assert.ok(existsSync(path.join(dir, file!)), file);
      assert.match(cert.sha256, /^[0-9a-f]{64}$/);
    }
    const server = manifest.certificates.find((c) => c.role === "server")!;
    assert.deepEqual(server.sans, ["localhost", "127.0.0.1", "::1"]);
    assert.equal(readFileSync(path.join(dir, "ca.pem"), "utf8"), readFileSync(path.join(dir, "root/cert.pem"), "utf8"));
    const fullchain = readFileSync(path.join(dir, server.files.fullchain!), "utf8");
    assert.equal(fullchain, readFileSync(path.join(dir, server.files.cert), "utf8") + readFileSync(path.join(dir, server.files.chain!), "utf8"));
  });

  it("refuses to touch an existing lab without --force (exit 2, every file byte-identical), replaces it with --force", () => {
    const dir = path.join(work, "twice");
    assert.equal(runCli(["init", dir]).code, 0);
    const before = snapshot(dir);
    assertBadInput(runCli(["init", dir, "--leaf-key", "rsa2048"]), /already exists: pass --force/);
    assert.deepEqual(snapshot(dir), before);
    const forced = runCli(["init", dir, "--force", "--json"]);
    assert.equal(forced.code, 0, forced.stderr);
    const after = snapshot(dir);
    assert.notEqual(after.get("ca.pem"), before.get("ca.pem"), "a new root was made");
    assert.deepEqual(stagingLeftovers(work), []);
  });

  it("never replaces a directory that is not a lab, even with --force", () => {
    const dir = path.join(work, "precious");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "notes.txt"), "keep me");
    assertBadInput(runCli(["init", dir, "--force"]), /not a pkilab lab: refusing to replace it/);
    assert.equal(readFileSync(path.join(dir, "notes.txt"), "utf8"), "keep me");
  });

  it("fills an existing empty directory", () => {
    const dir = path.join(work, "empty");
    mkdirSync(dir);
    assert.equal(runCli(["init", dir]).code, 0);
    assert.ok(existsSync(path.join(dir, "manifest.json")));
  });

  it("re-creates a lab from its lab.yaml: same hierarchy, new keys", () => {
    const first = path.join(work, "spec-a");
    const second = path.join(work, "spec-b");
    const a = runCli(["init", first, "--json", "--root-key", "rsa2048", "--intermediates", "2", "--server", "api.test,10.1.2.3", "--device", "dev-9", "--leaf-days", "30"]);
    assert.equal(a.code, 0, a.stderr);
    const b = runCli(["init", second, "--json", "--spec", path.join(first, "lab.yaml")]);
    assert.equal(b.code, 0, b.stderr);
    const shape = (m: Manifest) => m.certificates.map((c) => [c.id, c.subject, c.key, c.sans.join(",")]);
    const ma = JSON.parse(a.stdout) as Manifest;
    const mb = JSON.parse(b.stdout) as Manifest;
    assert.deepEqual(shape(mb), shape(ma));
    assert.notDeepEqual(mb.certificates.map((c) => c.sha256), ma.certificates.map((c) => c.sha256));
    const days = (c: ManifestEntry) => Math.round((Date.parse(c.notAfter) - Date.parse(c.notBefore)) / 86400000);
    assert.equal(days(mb.certificates.find((c) => c.id === "devices/dev-9")!), 30);
  });

  it("reads a JSON spec with several leaves; flags add to it", () => {
    const spec = path.join(work, "spec.json");
    writeFileSync(spec, JSON.stringify({
      version: 1,
      org: "Acme Devices",
      root: { key: "rsa3072", days: 7300 },
      intermediates: [{ key: "p384", days: 5000 }],
      leafKey: "p384",
      leaves: [
        { role: "server", name: "mqtt.acme.test", sans: ["mqtt.acme.test", "192.168.0.254"] },
        { role: "device", name: "sensor-1", key: "p256", days: 3650 },
      ],
    }));
    const result = runCli(["init", path.join(work, "from-json"), "--json", "--spec", spec, "--client", "ops"]);
    assert.equal(result.code, 0, result.stderr);
    const m = JSON.parse(result.stdout) as Manifest;
    assert.deepEqual(m.certificates.map((c) => [c.id, c.key]), [
      ["root", "rsa3072"], ["intermediate-1", "p384"], ["servers/mqtt.acme.test", "p384"], ["devices/sensor-1", "p256"], ["clients/ops", "p384"],
    ]);
    assert.equal(m.certificates[0]!.subject, "CN=pkilab Root CA, O=Acme Devices");
  });

  it("leaves no half lab when interrupted", async () => {
    const dir = path.join(work, "interrupted");
    const child = spawn(process.execPath, [BIN, "init", dir, "--root-key", "rsa4096", "--intermediate-key", "rsa4096", "--leaf-key", "rsa4096", "--intermediates", "4", "--client", "a", "--client", "b", "--client", "c"], { stdio: "ignore" });
    await new Promise((r) => setTimeout(r, 700));
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
    assert.notEqual(code, 0, "the run was interrupted before it finished");
    assert.equal(existsSync(dir), false, "no lab at the target");
    assert.deepEqual(stagingLeftovers(work), []);
  });

  describe("bad input: exit 2, one line, nothing written", () => {
    const cases: [string, string[], RegExp][] = [
      ["unknown key type", ["--leaf-key", "p999"], /--leaf-key p999: not a key type pkilab creates: use one of rsa2048, rsa3072, rsa4096, p256, p384, p521/],
      ["5 intermediates", ["--intermediates", "5"], /--intermediates.*(less than or equal to 4|at most 4|from 0 to 4)/],
      ["an IPv4 address with a bad form", ["--server", "localhost,192.168.0.256"], /"192\.168\.0\.256" is not a valid IPv4 address/],
      ["an IPv6 address with a bad form", ["--server", "fe80::1::2"], /"fe80::1::2" is not a valid IPv6 address/],
      ["a DNS name with bad characters", ["--server", "bad_name!.test"], /is not a valid DNS name/],
      ["a leaf that outlives its CA", ["--leaf-days", "4000"], /would outlive its issuing CA/],
      ["an intermediate that outlives the root", ["--intermediate-days", "5000", "--root-days", "1000"], /would outlive its issuer/],
      ["the same leaf twice", ["--client", "alice", "--client", "alice"], /named twice/],
      ["an unknown flag", ["--colour"], /init: unknown flag --colour/],
    ];
    for (const [title, args, pattern] of cases) {
      it(title, () => {
        const dir = path.join(work, `bad-${title.replace(/\W+/g, "-")}`);
        assertBadInput(runCli(["init", dir, ...args]), pattern);
        assert.equal(existsSync(dir), false);
        assert.deepEqual(stagingLeftovers(work), []);
      });
    }

    const specCases: [string, string, RegExp][] = [
      ["a spec that is not YAML or JSON", "root: [unclosed\n  key: p256", /not valid YAML or JSON/],
      ["a spec with an unknown field", "version: 1\nroot:\n  key: p256\n  colour: red\n", /root\.colour: unknown field \(known: key, days, cn\)/],
      ["a spec with an unknown key type", "leafKey: ed25519\n", /leafKey: must be one of rsa2048/],
      ["a spec with a leaf of an unknown role", "leaves:\n  - role: printer\n    name: p1\n", /leaves\[0\]\.role: must be one of server, client, device/],
      ["a spec that is a list", "- a\n- b\n", /the spec: must be a mapping of fields/],
    ];
    for (const [title, text, pattern] of specCases) {
      it(title, () => {
        const spec = path.join(work, `${title.replace(/\W+/g, "-")}.yaml`);
        writeFileSync(spec, text);
        const dir = path.join(work, `bad-spec-${title.replace(/\W+/g, "-")}`);
        const result = runCli(["init", dir, "--spec", spec]);
        assertBadInput(result, pattern);
        assert.match(result.stderr, new RegExp(path.basename(spec).replace(/\./g, "\\.")));
        assert.equal(existsSync(dir), false);
      });
    }

    it("a spec file that does not exist", () => {
      assertBadInput(runCli(["init", path.join(work, "x"), "--spec", path.join(work, "missing.yaml")]), /missing\.yaml: cannot read the lab spec: no such file or directory/);
    });

    it("DIR on a read-only file system", () => {
      assertBadInput(runCli(["init", "/proc/pkilab-lab"]), /\/proc\/pkilab-lab: cannot create the directory/);
    });

    it("DIR below a regular file", () => {
      const file = path.join(work, "a-file");
      writeFileSync(file, "x");
      assertBadInput(runCli(["init", path.join(file, "lab")]), /cannot create the directory: a parent of this path is a file/);
    });

    it("--debug shows the stack trace instead of one line", () => {
      const result = runCli(["init", path.join(work, "dbg"), "--server", "300.1.1.1", "--debug"]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /InputError: .*"300\.1\.1\.1" is not a valid IPv4 address/);
      assert.match(result.stderr, /\n\s+at /);
    });
  });
});

describe("pkilab issue", () => {
  const lab = path.join(work, "issue-lab");

  it("adds a server leaf signed by the issuing CA and records it in manifest.json and lab.yaml", () => {
    assert.equal(runCli(["init", lab, "--intermediates", "2"]).code, 0);
    const result = runCli(["issue", "server", "api.example.com,10.0.0.5", "--lab", lab, "--key", "p384", "--days", "90", "--json"]);
    assert.equal(result.code, 0, result.stderr);
    const entry = JSON.parse(result.stdout) as ManifestEntry;
    assert.equal(entry.id, "servers/api.example.com");
    assert.equal(entry.issuer, "CN=pkilab Intermediate CA 2, O=pkilab lab");
    assert.deepEqual(entry.sans, ["api.example.com", "10.0.0.5"]);
    const manifest = JSON.parse(readFileSync(path.join(lab, "manifest.json"), "utf8")) as Manifest;
    assert.ok(manifest.certificates.some((c) => c.id === entry.id && c.sha256 === entry.sha256));
    assert.match(readFileSync(path.join(lab, "lab.yaml"), "utf8"), /name: api\.example\.com[\s\S]*- 10\.0\.0\.5[\s\S]*key: p384\n\s+days: 90/);
    assert.equal(statSync(path.join(lab, entry.files.key)).mode & 0o777, 0o600);
    assert.equal(readFileSync(path.join(lab, entry.files.chain!), "utf8").match(/BEGIN CERTIFICATE/g)?.length, 2);
  });

  it("refuses an existing name without --force and leaves it untouched; replaces it with --force", () => {
    const cert = path.join(lab, "clients/client/cert.pem");
    const before = readFileSync(cert, "utf8");
    assertBadInput(runCli(["issue", "client", "client", "--lab", lab]), /a client named "client" already exists: pass --force/);
    assert.equal(readFileSync(cert, "utf8"), before);
    assert.equal(runCli(["issue", "client", "client", "--lab", lab, "--force"]).code, 0);
    assert.notEqual(readFileSync(cert, "utf8"), before);
    const manifest = JSON.parse(readFileSync(path.join(lab, "manifest.json"), "utf8")) as Manifest;
    assert.equal(manifest.certificates.filter((c) => c.id === "clients/client").length, 1);
    assert.deepEqual(stagingLeftovers(path.join(lab, "clients")), []);
  });

  it("bad input: not a lab, a leaf that outlives the CA, an unknown role, a bad SAN", () => {
    assertBadInput(runCli(["issue", "client", "x", "--lab", path.join(work, "nowhere")]), /not a pkilab lab .*create one with pkilab init/);
    assertBadInput(runCli(["issue", "client", "x", "--lab", lab, "--days", "36000"]), /would outlive the issuing CA \(\d+ days left\)/);
    assertBadInput(runCli(["issue", "printer", "x", "--lab", lab]), /^pkilab: issue printer: use one of server, client, device$/m);
    assertBadInput(runCli(["issue", "device", "d1", "--lab", lab, "--san", "1.2.3"]), /"1\.2\.3" is not a valid IPv4 address/);
    assert.equal(existsSync(path.join(lab, "devices")), false);
  });

  it("a damaged lab: broken lab.yaml, unreadable CA key, hand-edited manifest entry — one line, nothing added", () => {
    const damaged = (name: string, damage: (dir: string) => void) => {
      const dir = path.join(work, name);
      assert.equal(runCli(["init", dir]).code, 0);
      damage(dir);
      return dir;
    };
    const badSpec = damaged("bad-spec", (dir) => writeFileSync(path.join(dir, "lab.yaml"), "leaves: [[\n"));
    assertBadInput(runCli(["issue", "client", "bob", "--lab", badSpec]), /lab\.yaml: not valid YAML or JSON/);
    assert.equal(existsSync(path.join(badSpec, "clients", "bob")), false, "no leaf folder written before the spec was read");
    assert.doesNotMatch(readFileSync(path.join(badSpec, "manifest.json"), "utf8"), /bob/);

    const badKey = damaged("bad-key", (dir) => writeFileSync(path.join(dir, "intermediate-1", "key.pem"), "garbage\n"));
    assertBadInput(runCli(["issue", "client", "bob", "--lab", badKey]), /intermediate-1\/key\.pem: the issuing CA's key cannot be read/);
    assert.equal(existsSync(path.join(badKey, "clients", "bob")), false);

    const badEntry = damaged("bad-entry", (dir) => writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ tool: "pkilab", formatVersion: 1, certificates: [{}] })));
    assertBadInput(runCli(["issue", "client", "bob", "--lab", badEntry]), /manifest\.json: not a pkilab manifest/);
  });
});

describe("flag values", () => {
  it("a bad --at is one line, not oclif's three", () => {
    assertBadInput(runCli(["verify", "x.pem", "--at", "notadate"]), /--at notadate: not a time: use an ISO 8601 date/);
  });
});
