// The mbedTLS device harness (test/peers/mbedtls/harness.c) against real peers: Debian's
// libmbedtls-dev 2.28, mbedTLS 2.28 and 3.6 built from Debian's source packages (stock and with a
// firmware-style user config), `openssl s_server` and nginx. Each case shows a behaviour of the
// mbedTLS source (library/<file> <function>() of Mbed-TLS/mbedtls v2.28.3 / v3.6.6, named in the
// titles) on labs made by `pkilab init`.
// Missing peers (gcc, sources, openssl, nginx) fail the test with the install command; none skip.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli, tempDir } from "../helpers/cli.js";
import {
  compileHarness,
  compileHeaderCheck,
  fields,
  mbedtlsBuild,
  runHarness,
  startOpensslServer,
  type HarnessResult,
  type MbedtlsLine,
  type OpensslServer,
} from "../helpers/mbedtls.js";
import { startNginx, type NginxServer } from "../helpers/nginx.js";
import { requireProgram, run } from "../helpers/peers.js";

const work = tempDir("mbedtls-harness");
after(() => rmSync(work, { recursive: true, force: true }));

/** A firmware-style user config: P-521 compiled out (as in seed 002: fixtures/logs/seed-002-device-config.h). */
const NO_P521 = "/* pkilab test variant: no P-521 */\n#undef MBEDTLS_ECP_DP_SECP521R1_ENABLED\n";

/** The harness for a build, compiled with -Werror so a warning fails the test. */
async function harness(line: MbedtlsLine, userConfig?: string): Promise<string> {
  return compileHarness(await mbedtlsBuild(line, userConfig), ["-Werror"]);
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, string]> {
  const start = performance.now();
  const value = await fn();
  return [value, `${((performance.now() - start) / 1000).toFixed(1)} s`];
}

function explain(r: HarnessResult): string {
  return `exit ${r.code}\n${r.stdout}${r.stderr}`;
}

/** Default lab: P-384 root, one P-256 intermediate, P-256 leaves (server localhost + 127.0.0.1). */
const lab = path.join(work, "lab");
/** P-521 root and P-521 server leaf, no intermediate. */
const lab521 = path.join(work, "lab521");
const at = (dir: string, file: string) => path.join(dir, file);

before(() => {
  requireProgram("openssl");
  for (const [dir, args] of [
    [lab, ["--server", "localhost,127.0.0.1", "--client", "alice", "--device", "dev-1"]],
    [lab521, ["--root-key", "p521", "--leaf-key", "p521", "--intermediates", "0", "--server", "localhost"]],
  ] as const) {
    const init = runCli(["init", dir, ...args]);
    assert.equal(init.code, 0, init.stderr);
  }
});

describe("mbedTLS peers build (cached by config hash; timings in the diagnostics)", () => {
  it("Debian's libmbedtls-dev 2.28: the harness compiles with -Wall -Wextra -Werror", async (t) => {
    const [build] = await timed(() => mbedtlsBuild("2.28-system"));
    assert.match(build.version, /^2\.28\./);
    const [, compile] = await timed(() => harness("2.28-system"));
    t.diagnostic(`2.28-system ${build.version}: harness compile ${compile}`);
  });

  for (const [line, config] of [
    ["3.6", undefined],
    ["3.6", NO_P521],
    ["2.28", NO_P521],
  ] as const) {
    it(`mbedTLS ${line} from the Debian source package${config ? " with a user config (no P-521)" : ""}, and the harness`, { timeout: 600_000 }, async (t) => {
      const [build, buildTime] = await timed(() => mbedtlsBuild(line, config));
      assert.match(build.version, line === "3.6" ? /^3\.6\./ : /^2\.28\./);
      assert.equal(build.cflags.some((f) => f.startsWith("-DMBEDTLS_USER_CONFIG_FILE=")), config !== undefined);
      const [, compile] = await timed(() => harness(line, config));
      const [again, cached] = await timed(() => mbedtlsBuild(line, config));
      assert.equal(again.id, build.id);
      t.diagnostic(`${line} ${build.version}${config ? " (no P-521)" : ""}: library ${buildTime} (make -j2 lib, or cache), harness compile ${compile}, second call ${cached}`);
    });
  }

  it("a user config on the system library is refused", async () => {
    await assert.rejects(mbedtlsBuild("2.28-system", NO_P521), /needs a source build/);
  });

  it("a build that does not compile throws with the compiler's last lines", { timeout: 600_000 }, async () => {
    await assert.rejects(mbedtlsBuild("3.6", '#error "pkilab: deliberately broken config"\n'), /build failed[\s\S]*deliberately broken config/);
  });
});

describe("C arrays: a PEM buffer must end with its NUL (x509_crt.c mbedtls_x509_crt_parse(), pkparse.c mbedtls_pk_parse_key())", () => {
  let der: string;
  let twoDer: string;
  before(() => {
    der = path.join(work, "root.der");
    twoDer = path.join(work, "root+intermediate.der");
    assert.equal(run("openssl", ["x509", "-in", at(lab, "ca.pem"), "-outform", "DER", "-out", der]).code, 0);
    const intermediate = run("openssl", ["x509", "-in", at(lab, "intermediate-1/cert.pem"), "-outform", "DER", "-out", `${twoDer}.int`]);
    assert.equal(intermediate.code, 0);
    writeFileSync(twoDer, Buffer.concat([readFileSync(der), readFileSync(`${twoDer}.int`)]));
  });

  for (const line of ["2.28-system", "3.6"] as const) {
    it(`${line}: len = sizeof (with NUL) parses; len = strlen gives -0x2180 (cert) and -0x3D00 (key)`, async () => {
      const bin = await harness(line);
      const ok = await runHarness(bin, ["parse_only=1", `ca=${at(lab, "ca.pem")}`, `crt=${at(lab, "clients/alice/fullchain.pem")}`, `key=${at(lab, "clients/alice/key.pem")}`]);
      assert.equal(ok.code, 0, explain(ok));
      assert.deepEqual(fields(ok.lines["parse ca"]), { ret: "0", count: "1" });
      assert.deepEqual(fields(ok.lines["parse crt"]), { ret: "0", count: "2" });
      assert.deepEqual(fields(ok.lines["parse key"]), { ret: "0", type: "EC", bits: "256" });

      const noNul = await runHarness(bin, ["parse_only=1", "pem_nul=0", `ca=${at(lab, "ca.pem")}`, `key=${at(lab, "clients/alice/key.pem")}`]);
      assert.equal(noNul.code, 1, explain(noNul));
      assert.deepEqual(fields(noNul.lines["parse ca"]), { ret: "-0x2180", count: "0" });
      assert.equal(fields(noNul.lines["parse key"]).ret, "-0x3D00");
    });

    it(`${line}: DER parses either way; two concatenated DER certs load as ONE`, async () => {
      const bin = await harness(line);
      const r = await runHarness(bin, ["parse_only=1", `ca=${der}`, `ca_der=${der}`]);
      assert.equal(r.code, 0, explain(r));
      assert.match(r.stdout, /^parse ca ret=0 count=1$/m);
      assert.match(r.stdout, /^parse ca_der ret=0 count=2$/m); // appended to the same chain
      const two = await runHarness(bin, ["parse_only=1", `ca=${twoDer}`]);
      assert.deepEqual(fields(two.lines["parse ca"]), { ret: "0", count: "1" });
    });
  }
});

describe("TLS client vs openssl s_server, P-256 server cert from pkilab init", () => {
  let server: OpensslServer;
  before(async () => {
    server = await startOpensslServer({
      cert: at(lab, "servers/localhost/cert.pem"),
      key: at(lab, "servers/localhost/key.pem"),
      chain: at(lab, "servers/localhost/chain.pem"),
    });
  });
  after(async () => server?.stop());
  const connect = (bin: string, ...args: string[]) => runHarness(bin, [`ca=${at(lab, "ca.pem")}`, `port=${server.port}`, ...args]);

  it("2.28-system, host=localhost: handshake and HTTP 200 over TLS 1.2", async () => {
    const r = await connect(await harness("2.28-system"), "host=localhost", "request=GET /");
    assert.equal(r.code, 0, explain(r));
    assert.equal(r.handshakeRet, "0");
    assert.equal(r.tlsVersion, "TLSv1.2");
    assert.equal(r.flags, "0x00000000");
    assert.equal(r.httpStatus, 200);
  });

  it("2.28-system, host=127.0.0.1: no iPAddress SAN matching → -0x2700, CN_MISMATCH, alert 42 sent (x509_crt.c x509_crt_verify_name())", async () => {
    const r = await connect(await harness("2.28-system"), "host=127.0.0.1");
    assert.equal(r.code, 1, explain(r));
    assert.equal(r.handshakeRet, "-0x2700");
    assert.equal(r.flags, "0x00000004");
    assert.equal(r.alertSent, 42);
    assert.match(server.output(), /SSL alert number 42/);
  });

  it("3.6, host=127.0.0.1: the IP SAN matches (3.5.0+), TLS 1.3", async () => {
    const r = await connect(await harness("3.6"), "host=127.0.0.1", "request=GET /");
    assert.equal(r.code, 0, explain(r));
    assert.equal(r.tlsVersion, "TLSv1.3");
    assert.equal(r.httpStatus, 200);
  });

  it("hostname not set: 2.28.3 silently skips the check, 3.6.6 fails -0x5D80; set_hostname(NULL) opts out (3.6.6 ChangeLog, CVE-2025-27809)", async () => {
    const old = await connect(await harness("2.28-system"), "host=none");
    assert.equal(old.handshakeRet, "0", explain(old));
    const v36 = await harness("3.6");
    const none = await connect(v36, "host=none");
    assert.equal(none.handshakeRet, "-0x5D80", explain(none));
    const nul = await connect(v36, "host=null");
    assert.equal(nul.handshakeRet, "0", explain(nul));
  });

  it("2.28-system, curves=P-384 against the P-256 cert: OpenSSL answers alert 40 → -0x7780 (RFC 8422 5.1)", async () => {
    const r = await connect(await harness("2.28-system"), "host=localhost", "curves=P-384");
    assert.equal(r.code, 1, explain(r));
    assert.equal(r.handshakeRet, "-0x7780");
    assert.equal(r.alert, 40);
  });

  it("3.6, curves=P-384: alert 40 in TLS 1.2, but TLS 1.3 succeeds (the cert curve is tied to sig-algs there, not groups)", async () => {
    const bin = await harness("3.6");
    const tls12 = await connect(bin, "host=localhost", "curves=P-384", "tls=1.2");
    assert.equal(tls12.handshakeRet, "-0x7780", explain(tls12));
    assert.equal(tls12.alert, 40);
    const tls13 = await connect(bin, "host=localhost", "curves=P-384");
    assert.equal(tls13.handshakeRet, "0", explain(tls13));
    assert.equal(tls13.tlsVersion, "TLSv1.3");
  });

  it("mfl=512: 2.28 cannot reassemble the fragmented Certificate message (-0x7080); 3.6.6 can (ssl_msg.c mbedtls_ssl_prepare_handshake_record(); 3.6.6 ChangeLog, 3.6.3 entry)", async () => {
    const old = await connect(await harness("2.28-system"), "host=localhost", "mfl=512");
    assert.equal(old.handshakeRet, "-0x7080", explain(old));
    const v36 = await connect(await harness("3.6"), "host=localhost", "mfl=512", "tls=1.2");
    assert.equal(v36.handshakeRet, "0", explain(v36));
  });
});

describe("config variant: P-521 compiled out (pkparse.c: MBEDTLS_ERR_PK_UNKNOWN_NAMED_CURVE)", () => {
  for (const line of ["3.6", "2.28"] as const) {
    it(`${line} with #undef MBEDTLS_ECP_DP_SECP521R1_ENABLED: a P-521 cert fails to parse, -0x3A00; the stock build parses it`, async () => {
      if (line === "3.6") {
        const stock = await runHarness(await harness("3.6"), ["parse_only=1", `ca=${at(lab521, "ca.pem")}`]);
        assert.deepEqual(fields(stock.lines["parse ca"]), { ret: "0", count: "1" }, explain(stock));
      }
      const r = await runHarness(await harness(line, NO_P521), ["parse_only=1", `ca=${at(lab521, "ca.pem")}`]);
      assert.equal(r.code, 1, explain(r));
      assert.deepEqual(fields(r.lines["parse ca"]), { ret: "-0x3A00", count: "0" });
    });
  }

  it("TLS 1.2 against a P-521 server cert: the variant does not offer secp521r1, OpenSSL answers alert 40 → -0x7780", async () => {
    const server = await startOpensslServer({ cert: at(lab521, "servers/localhost/cert.pem"), key: at(lab521, "servers/localhost/key.pem") });
    try {
      for (const line of ["3.6", "2.28"] as const) {
        const r = await runHarness(await harness(line, NO_P521), [`port=${server.port}`, "host=localhost", "tls=1.2"]);
        assert.equal(r.handshakeRet, "-0x7780", `${line}: ${explain(r)}`);
        assert.equal(r.alert, 40);
      }
      // Control: the stock 3.6 build completes the same handshake.
      const stock = await runHarness(await harness("3.6"), [`ca=${at(lab521, "ca.pem")}`, `port=${server.port}`, "host=localhost", "tls=1.2"]);
      assert.equal(stock.handshakeRet, "0", explain(stock));
    } finally {
      await server.stop();
    }
  });
});

describe("nginx mTLS (ssl_verify_client on, the lab's ca.pem) with the device's client cert", () => {
  let nginx: NginxServer;
  before(async () => {
    nginx = await startNginx(
      path.join(work, "nginx"),
      `    ssl_certificate ${at(lab, "servers/localhost/fullchain.pem")};
    ssl_certificate_key ${at(lab, "servers/localhost/key.pem")};
    ssl_client_certificate ${at(lab, "ca.pem")};
    ssl_verify_client on;
    location / { return 200 "verified $ssl_client_verify $ssl_client_s_dn\\n"; }`,
    );
  });
  after(async () => nginx?.stop());
  const device = (bin: string, ...args: string[]) =>
    runHarness(bin, [`ca=${at(lab, "ca.pem")}`, `port=${nginx.port}`, "host=localhost", "request=GET /", ...args]);
  const cert = [`crt=${at(lab, "devices/dev-1/fullchain.pem")}`, `key=${at(lab, "devices/dev-1/key.pem")}`];

  for (const line of ["2.28-system", "3.6"] as const) {
    it(`${line}: device cert + intermediate → HTTP 200, nginx says SUCCESS`, async () => {
      const r = await device(await harness(line), ...cert);
      assert.equal(r.code, 0, explain(r));
      assert.equal(r.httpStatus, 200);
      assert.match(fields(r.lines.http).body ?? "", /^verified SUCCESS CN=dev-1/);
    });
  }

  it("2.28-system without a client cert: the handshake succeeds and nginx answers HTTP 400 (nginx src/http/ngx_http_request.c ngx_http_process_request())", async () => {
    const r = await device(await harness("2.28-system"));
    assert.equal(r.handshakeRet, "0", explain(r));
    assert.equal(r.httpStatus, 400);
  });
});

/** A split export, as mbedTLS's own test certificates are (tests/src/certs.c in 3.6): extern declarations in the .h, definitions in the .c. */
function writeExport(dir: string): { header: string; source: string } {
  const pem = (file: string) =>
    readFileSync(file, "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => `    "${l}\\r\\n"`)
      .join("\n");
  const der = (file: string) => {
    const out = path.join(dir, `${path.basename(file)}.der`);
    assert.equal(run("openssl", ["x509", "-in", file, "-outform", "DER", "-out", out]).code, 0);
    return [...readFileSync(out)].map((b) => `0x${b.toString(16).padStart(2, "0")}`).join(", ");
  };
  const header = path.join(dir, "lab_certs.h");
  const source = path.join(dir, "lab_certs.c");
  writeFileSync(
    header,
    `#ifndef LAB_CERTS_H
#define LAB_CERTS_H
#include <stddef.h>
extern const char lab_ca_pem[];
extern const size_t lab_ca_pem_len;
extern const unsigned char lab_ca_der[];
extern const size_t lab_ca_der_len;
extern const char lab_dev_chain_pem[];
extern const size_t lab_dev_chain_pem_len;
extern const char lab_dev_key_pem[];
extern const size_t lab_dev_key_pem_len;
/* the classic bug, for the negative case: the same PEM with len = strlen */
#define lab_ca_strlen lab_ca_pem
extern const size_t lab_ca_strlen_len;
#endif
`,
  );
  writeFileSync(
    source,
    `#include "lab_certs.h"
const char lab_ca_pem[] =
${pem(at(lab, "ca.pem"))};
const size_t lab_ca_pem_len = sizeof(lab_ca_pem);
const unsigned char lab_ca_der[] = { ${der(at(lab, "ca.pem"))} };
const size_t lab_ca_der_len = sizeof(lab_ca_der);
const char lab_dev_chain_pem[] =
${pem(at(lab, "devices/dev-1/fullchain.pem"))};
const size_t lab_dev_chain_pem_len = sizeof(lab_dev_chain_pem);
const char lab_dev_key_pem[] =
${pem(at(lab, "devices/dev-1/key.pem"))};
const size_t lab_dev_key_pem_len = sizeof(lab_dev_key_pem);
const size_t lab_ca_strlen_len = sizeof(lab_ca_pem) - 1;
`,
  );
  return { header, source };
}

describe("header check: exported C arrays loaded by mbedTLS (the pattern of 2.28 library/certs.c)", () => {
  for (const line of ["2.28-system", "3.6"] as const) {
    it(`${line}: PEM (sizeof), DER, a 2-cert PEM chain and a PEM key parse; strlen length gives -0x2180`, async () => {
      const dir = path.join(work, `export-${line}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const { header, source } = writeExport(dir);
      const bin = await compileHeaderCheck(await mbedtlsBuild(line), {
        header,
        sources: [source],
        arrays: ["CRT(lab_ca_pem)", "CRT(lab_ca_der)", "CRT_DER(lab_ca_der)", "CRT(lab_dev_chain_pem)", "KEY(lab_dev_key_pem)", "CRT(lab_ca_strlen)"],
        extraCFlags: ["-Werror"],
      });
      const r = await runHarness(bin, []);
      assert.equal(r.code, 1, explain(r)); // only because of the strlen case
      // sizeof counts every "line\r\n" of the literal plus the NUL
      const pemLines = readFileSync(at(lab, "ca.pem"), "utf8").trimEnd().split("\n");
      const sizeofPem = pemLines.reduce((n, l) => n + l.length + 2, 0) + 1;
      assert.deepEqual(fields(r.lines["parse lab_ca_pem"]), { ret: "0", count: "1", len: String(sizeofPem) });
      assert.equal(fields(r.lines["parse lab_ca_strlen"]).len, String(sizeofPem - 1));
      assert.equal(fields(r.lines["parse lab_ca_der"]).ret, "0");
      assert.equal(fields(r.lines["parse lab_ca_der"]).count, "1");
      assert.deepEqual(fields(r.lines["parse lab_dev_chain_pem"]), { ...fields(r.lines["parse lab_dev_chain_pem"]), ret: "0", count: "2" });
      assert.deepEqual(fields(r.lines["parse lab_dev_key_pem"]), { ...fields(r.lines["parse lab_dev_key_pem"]), ret: "0", type: "EC", bits: "256" });
      assert.equal(fields(r.lines["parse lab_ca_strlen"]).ret, "-0x2180");
    });
  }
});
