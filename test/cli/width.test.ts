// Output that fits the terminal: the wrapping rules (src/cli/wrap.ts), the width decision
// (src/cli/terminal.ts), and the real CLI under COLUMNS=80 and 60.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { terminalWidth } from "../../src/cli/terminal.js";
import { displayWidth, noWrap, wrapper, wrapText } from "../../src/cli/wrap.js";
import { BIN, REPO_ROOT, runCli, tempDir } from "../helpers/cli.js";
import { assertFits } from "../inspect/fits.js";

describe("wrapText", () => {
  it("leaves a line that fits as it is, spaces and all", () => {
    assert.equal(wrapText("  key          ", "ECDSA  P-256", 80), "  key          ECDSA  P-256");
    assert.equal(wrapText("", "x".repeat(60), 60), "x".repeat(60));
  });

  it("breaks at spaces, continuation lines under the text (not under the label)", () => {
    const text = "the peer sent a fatal alert: see its number in the debug output";
    assert.equal(
      wrapText("    1. ", text, 30),
      ["    1. the peer sent a fatal", "       alert: see its number", "       in the debug output"].join("\n"),
    );
  });

  it("never splits a word: a path, hash or URL longer than the room stands alone and overflows", () => {
    const hash = "25aa5219bda960b6959ef672efb26d1667099ef2219f1ac79e6e4f1c4aba5ccf";
    assert.equal(wrapText("  sha256       ", hash, 60), `  sha256       ${hash}`);
    const url = "https://github.com/Mbed-TLS/mbedtls/blob/v3.6.0/library/ssl_tls12_client.c";
    assert.equal(wrapText("  source ", `see ${url} for the check`, 40), ["  source see", `         ${url}`, "         for the check"].join("\n"));
  });

  it("hang: continuation lines at that column instead of the prefix's width, at most half the width", () => {
    const title = "OpenSSL verify error 26 X509_V_ERR_INVALID_PURPOSE: unsuitable certificate purpose";
    assert.equal(wrapText("", title, 60, { hang: 2 }), ["OpenSSL verify error 26 X509_V_ERR_INVALID_PURPOSE:", "  unsuitable certificate purpose"].join("\n"));
    const long = "x".repeat(40);
    assert.equal(wrapText(`${long}: `, "one two three four five six", 60), `${long}: one two three four\n${" ".repeat(30)}five six`);
  });

  it("a newline in the text starts a line at the hanging indent", () => {
    assert.equal(wrapText("  note: ", "first part that is long enough\nsecond", 30), ["  note: first part that is", "        long enough", "        second"].join("\n"));
  });

  it("shell: breaks between arguments, never inside quotes, with ' \\' so the command can be pasted", () => {
    const command = `pkilab lint SERVER.pem --chain CHAIN.pem --ca CA.pem --mbedtls-config config.h --host NAME`;
    const wrapped = wrapText("  confirm     ", command, 60, { shell: true });
    assert.equal(wrapped, ["  confirm     pkilab lint SERVER.pem --chain CHAIN.pem \\", "              --ca CA.pem --mbedtls-config config.h --host \\", "              NAME"].join("\n"));
    assert.ok(wrapped.split("\n").every((line) => line.length <= 60));
    // What bash reads back is the same command.
    const echoed = spawnSync("bash", ["-c", `printf '%s\\n' ${wrapped.replace(/^ {2}confirm {5}/, "")}`], { encoding: "utf8" });
    assert.equal(echoed.stdout.trim().split("\n").join(" "), command);
    const quoted = wrapText("", `pkilab explain "alert 40" "(26:unsupported certificate purpose)" -0x7780`, 30, { shell: true });
    assert.equal(quoted, ['pkilab explain "alert 40" \\', '"(26:unsupported certificate purpose)" \\', "-0x7780"].join("\n"));
  });

  it("counts the columns a terminal draws: emoji pictures and East Asian wide characters take two", () => {
    assert.equal(displayWidth("└─ CN=x, O=y"), 12);
    assert.equal(displayWidth("self-signed ✅"), 14);
    assert.equal(displayWidth("(24 in 1.1.x) 📄"), 16);
    assert.equal(displayWidth("CN=日本語テスト"), 15);
    // "aaaa bbbb ✅" is 11 characters but 12 columns.
    assert.equal(wrapText("", "aaaa bbbb ✅ cc", 11), "aaaa bbbb\n✅ cc");
  });

  it("wrapper(Infinity) never wraps; wrapper(width) wraps at width", () => {
    assert.equal(wrapper(Infinity), noWrap);
    assert.equal(wrapper(Infinity)("  - ", "word ".repeat(100)), `  - ${"word ".repeat(100)}`);
    assert.ok(wrapper(40)("  - ", "word ".repeat(100)).split("\n").every((line) => line.length <= 40));
  });
});

describe("terminalWidth", () => {
  it("a terminal: its own width, even when COLUMNS says otherwise", () => {
    assert.equal(terminalWidth({ isTTY: true, columns: 132 }, { COLUMNS: "80" }), 132);
  });
  it("not a terminal: COLUMNS when it is a positive integer, else Infinity (no wrapping in pipes and files)", () => {
    assert.equal(terminalWidth({ isTTY: false }, { COLUMNS: "80" }), 80);
    assert.equal(terminalWidth({}, { COLUMNS: " 60 " }), 60);
    for (const bad of ["", "0", "-5", "abc", "80x", "1e3"]) assert.equal(terminalWidth({}, { COLUMNS: bad }), Infinity, bad);
    assert.equal(terminalWidth({}, {}), Infinity);
  });
  it("a terminal that does not say its size: COLUMNS, else 80", () => {
    assert.equal(terminalWidth({ isTTY: true, columns: 0 }, { COLUMNS: "100" }), 100);
    assert.equal(terminalWidth({ isTTY: true }, {}), 80);
  });
});

describe("the CLI at COLUMNS=80 and 60", () => {
  const work = tempDir("width");
  const lab = path.join(work, "lab");
  const file = (p: string) => path.join(lab, p);
  after(() => rmSync(work, { recursive: true, force: true }));
  before(() => {
    const init = runCli(["init", lab, "--intermediates", "2", "--server", "localhost,127.0.0.1", "--client", "alice", "--device", "sensor-0042.plant-7.factory.example.com"]);
    assert.equal(init.code, 0, init.stderr);
  });

  /** Runs pkilab with COLUMNS set (or removed) and stdout a pipe. */
  function pkilab(args: string[], columns: string | undefined) {
    const env = { ...process.env };
    delete env.COLUMNS;
    if (columns !== undefined) env.COLUMNS = columns;
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env, encoding: "utf8" });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  // A fixed clock, so that two runs print the same validity words and times.
  const at = ["--at", new Date(Date.now() + 86_400_000).toISOString()];
  const commands: [string, string[]][] = [
    ["inspect --tree", ["inspect", "--tree", file("ca.pem"), file("servers/localhost/fullchain.pem"), file("clients/alice/fullchain.pem"), file("devices/sensor-0042.plant-7.factory.example.com/fullchain.pem"), ...at]],
    ["inspect", ["inspect", file("servers/localhost/fullchain.pem"), file("clients/alice/key.pem")]],
    ["verify (invalid, with fixes)", ["verify", file("servers/localhost/cert.pem"), "--chain", file("servers/localhost/chain.pem"), "--ca", file("ca.pem"), "--purpose", "client", "--host", "192.168.0.254", ...at]],
    ["explain -0x7780", ["explain", "-0x7780", "alert 40"]],
    ["explain --log", ["explain", "--log", path.join("fixtures", "logs", "seed-000-mbedtls-debug.log")]],
    ["lint (findings, verdicts, assumptions)", ["lint", file("clients/alice/cert.pem"), "--for", "nginx-mtls,nginx-server,mbedtls", ...at]],
  ];
  for (const [name, args] of commands) {
    it(`${name}: fits at 80 and 60; without COLUMNS a pipe gets the unwrapped text`, () => {
      const unwrapped = pkilab(args, undefined);
      assert.ok(unwrapped.stdout.split("\n").some((line) => line.length > 80), "the example has lines to wrap");
      assert.equal(pkilab(args, "100000").stdout, unwrapped.stdout);
      for (const columns of [80, 60]) {
        const result = pkilab(args, String(columns));
        assert.equal(result.code, unwrapped.code, result.stderr);
        if (name === "inspect --tree") assert.deepEqual(result.stdout.split("\n").filter((line) => line.length > columns), []);
        else assertFits(result.stdout, columns);
      }
    });
  }
});
