// The Postfix harness itself (test/helpers/postfix.ts): Debian's postfix on a loopback port, spoken
// to with `openssl s_client -starttls smtp` and plain SMTP, so that `pkilab probe --starttls smtp`
// has a real server whose behaviour is known: what it sends, in which order, what it asks for.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import net from "node:net";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { tempDir } from "../helpers/cli.js";
import { requireProgram } from "../helpers/peers.js";
import { livingProcessesInGroup, startPostfixSmtpd, type PostfixSmtpd, type PostfixSmtpdOptions } from "../helpers/postfix.js";

const work = tempDir("postfix-harness");
after(() => rmSync(work, { recursive: true, force: true }));

function openssl(args: string[], input?: string): { code: number; out: string } {
  const result = spawnSync(requireProgram("openssl"), args, { cwd: work, encoding: "utf8", input, timeout: 20_000 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, out: `${result.stdout}${result.stderr}` };
}

function mustOpenssl(args: string[]): void {
  const result = openssl(args);
  if (result.code !== 0) throw new Error(`openssl ${args.join(" ")}:\n${result.out}`);
}

/**
 * root → intermediate → leaf (CN=probe.test), all P-384 ECDSA, made with the openssl CLI; and a
 * P-256 leaf (CN=probe.test) under the same intermediate; client certificates (P-256) from the
 * root and self-signed.
 */
function makePki(): {
  root: string; intermediate: string; leaf: string; leafKey: string; leafP256: string; leafP256Key: string;
  client: string; stranger: string; clientKey: string;
} {
  const file = (name: string) => path.join(work, name);
  for (const name of ["root", "intermediate", "leaf"]) mustOpenssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", file(`${name}.key`)]);
  mustOpenssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file("leaf-p256.key")]);
  mustOpenssl(["req", "-x509", "-new", "-key", file("root.key"), "-subj", "/CN=Postfix Harness Root", "-days", "2", "-sha384",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", file("root.pem")]);
  const issue = (name: string, subject: string, issuer: string, ext: string[]) => {
    writeFileSync(file(`${name}.ext`), ext.join("\n") + "\n");
    mustOpenssl(["req", "-new", "-key", file(`${name}.key`), "-subj", subject, "-out", file(`${name}.csr`)]);
    mustOpenssl(["x509", "-req", "-in", file(`${name}.csr`), "-CA", file(`${issuer}.pem`), "-CAkey", file(`${issuer}.key`), "-CAcreateserial",
      "-days", "2", "-sha384", "-extfile", file(`${name}.ext`), "-out", file(`${name}.pem`)]);
  };
  issue("intermediate", "/CN=Postfix Harness Intermediate", "root",
    ["basicConstraints=critical,CA:TRUE,pathlen:0", "keyUsage=critical,keyCertSign,cRLSign", "subjectKeyIdentifier=hash", "authorityKeyIdentifier=keyid"]);
  const leafExt = ["basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature", "extendedKeyUsage=serverAuth", "subjectAltName=DNS:probe.test",
    "subjectKeyIdentifier=hash", "authorityKeyIdentifier=keyid"];
  issue("leaf", "/CN=probe.test", "intermediate", leafExt);
  issue("leaf-p256", "/CN=probe.test", "intermediate", leafExt);
  // A client certificate from the root, and one from nobody (self-signed).
  mustOpenssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file("client.key")]);
  issue("client", "/CN=client.test", "root", ["basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature", "extendedKeyUsage=clientAuth"]);
  mustOpenssl(["req", "-x509", "-new", "-key", file("client.key"), "-subj", "/CN=stranger.test", "-days", "2", "-addext", "extendedKeyUsage=clientAuth", "-out", file("stranger.pem")]);
  return {
    client: file("client.pem"), stranger: file("stranger.pem"), clientKey: file("client.key"),
    root: file("root.pem"), intermediate: file("intermediate.pem"),
    leaf: file("leaf.pem"), leafKey: file("leaf.key"),
    leafP256: file("leaf-p256.pem"), leafP256Key: file("leaf-p256.key"),
  };
}

function concat(name: string, ...files: string[]): string {
  const out = path.join(work, name);
  writeFileSync(out, files.map((f) => readFileSync(f, "utf8")).join(""));
  return out;
}

/** `openssl s_client -starttls smtp -showcerts` against the instance; its output and exit code. */
function sClient(server: PostfixSmtpd, extra: string[] = []): { code: number; out: string } {
  return openssl(["s_client", "-starttls", "smtp", "-connect", `127.0.0.1:${server.port}`, "-showcerts", ...extra], "");
}

/** The certificate list as s_client printed it, in the order sent: "s:SUBJECT | i:ISSUER". */
function sentChain(out: string): string[] {
  return [...out.matchAll(/^ *\d+ s:(.*)\n *i:(.*)$/gm)].map((m) => `s:${m[1]} | i:${m[2]}`);
}

/** Postfix's log from `offset` on, once it matches `pattern` (postlogd writes it a moment later). */
async function logLine(server: PostfixSmtpd, pattern: RegExp, offset = 0): Promise<string> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const text = server.log().slice(offset);
    if (pattern.test(text) || Date.now() > deadline) return text;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Plain SMTP, one command at a time (no pipelining): the greeting, then each command's reply. */
async function smtp(port: number, commands: string[]): Promise<string[]> {
  const socket = net.connect(port, "127.0.0.1");
  socket.setEncoding("utf8");
  socket.setTimeout(10_000, () => socket.destroy(new Error("SMTP reply timed out")));
  let buffer = "";
  const waiters: Array<() => void> = [];
  socket.on("data", (chunk: string) => {
    buffer += chunk;
    waiters.shift()?.();
  });
  const closed = new Promise<void>((_, reject) => socket.once("error", reject));
  closed.catch(() => undefined);
  /** A complete reply: lines "NNN-..." ending with a line "NNN ...". */
  const reply = async (): Promise<string> => {
    for (;;) {
      const end = buffer.match(/^\d{3} .*\r\n/m);
      if (end?.index !== undefined) {
        const text = buffer.slice(0, end.index + end[0].length);
        buffer = buffer.slice(text.length);
        return text;
      }
      await Promise.race([new Promise<void>((r) => waiters.push(r)), closed]);
    }
  };
  const replies = [await reply()];
  for (const command of commands) {
    socket.write(`${command}\r\n`);
    replies.push(await reply());
  }
  socket.destroy();
  return replies;
}

describe("Postfix harness (Debian postfix, STARTTLS on loopback)", () => {
  requireProgram("postfix");
  const pki = makePki();
  const ROOT = "CN = Postfix Harness Root";
  const INTERMEDIATE = "CN = Postfix Harness Intermediate";
  const LEAF = "CN = probe.test";
  const started: PostfixSmtpd[] = [];
  after(async () => {
    for (const server of started) await server.stop();
  });

  async function start(options: Omit<PostfixSmtpdOptions, "keyFile"> & { keyFile?: string }): Promise<PostfixSmtpd> {
    const server = await startPostfixSmtpd({ keyFile: pki.leafKey, ...options });
    started.push(server);
    return server;
  }

  for (const certParameter of ["smtpd_tls_chain_files", "smtpd_tls_cert_file"] as const) {
    describe(`leaf + intermediate, named by ${certParameter}`, () => {
      let server: PostfixSmtpd;
      before(async () => {
        server = await start({ certChainFile: concat(`chain-${certParameter}.pem`, pki.leaf, pki.intermediate), certParameter });
      });

      it("advertises STARTTLS in its EHLO reply and answers STARTTLS with 220", async () => {
        const [greeting, ehlo, starttls] = await smtp(server.port, ["EHLO client.test", "STARTTLS"]);
        assert.match(greeting!, /^220 probe\.test ESMTP/);
        assert.match(ehlo!, /^250[- ]STARTTLS\r$/m);
        assert.match(starttls!, /^220 /);
      });

      it("sends the leaf then the intermediate, which verify to the root", () => {
        const result = sClient(server, ["-CAfile", pki.root, "-verify_return_error"]);
        assert.equal(result.code, 0, result.out + server.log());
        assert.deepEqual(sentChain(result.out), [`s:${LEAF} | i:${INTERMEDIATE}`, `s:${INTERMEDIATE} | i:${ROOT}`]);
        assert.match(result.out, /Peer signature type: ECDSA/);
        assert.match(result.out, /Verify return code: 0 \(ok\)/);
        assert.match(result.out, /No client certificate CA names sent/);
      });
    });
  }

  // Observed (postfix 3.7.11, OpenSSL 3.0): Postfix will not load a chain file whose first
  // certificate is not the key's (here the intermediate before the leaf). smtpd logs, with
  // smtpd_tls_chain_files: "warning: TLS library problem: error:0A000120:SSL routines::private key
  // mismatch" and "error loading private keys and certificates from: KEY, CHAIN: disabling TLS
  // support"; with smtpd_tls_cert_file/key_file: "key values mismatch" and "cannot get RSA private
  // key from file KEY: disabling TLS support" (RSA although the key is ECDSA). It still greets,
  // still advertises STARTTLS in EHLO, and answers STARTTLS with "454 4.7.0 TLS not available due
  // to local problem": a probe never sees an intermediate-first chain from Postfix, it sees a 454.
  for (const certParameter of ["smtpd_tls_chain_files", "smtpd_tls_cert_file"] as const) {
    it(`intermediate before the leaf (${certParameter}): TLS disabled, STARTTLS still advertised, answered 454`, async () => {
      const server = await start({ certChainFile: concat(`wrong-order-${certParameter}.pem`, pki.intermediate, pki.leaf), certParameter });
      const [, ehlo, starttls] = await smtp(server.port, ["EHLO client.test", "STARTTLS"]);
      assert.match(ehlo!, /^250[- ]STARTTLS\r$/m);
      assert.match(starttls!, /^454 4\.7\.0 TLS not available due to local problem/);
      const expected = certParameter === "smtpd_tls_chain_files" ? /private key mismatch[^]*disabling TLS support/ : /key values mismatch|disabling TLS support/;
      assert.match(await logLine(server, expected), expected);
      assert.equal(sClient(server).code, 1);
    });
  }

  // Observed: once the leaf comes first, Postfix sends the rest of the file as it is (here the root
  // before the intermediate), so a wrong-order chain on the wire from Postfix looks like this one.
  it("leaf, root, intermediate: sent in that order, as the file has them", async () => {
    const server = await start({ certChainFile: concat("leaf-root-intermediate.pem", pki.leaf, pki.root, pki.intermediate) });
    const result = sClient(server);
    assert.deepEqual(sentChain(result.out), [`s:${LEAF} | i:${INTERMEDIATE}`, `s:${ROOT} | i:${ROOT}`, `s:${INTERMEDIATE} | i:${ROOT}`], result.out);
  });

  // smtpd_tls_ask_ccert = yes: Postfix asks (never requires) a client certificate, naming the
  // subjects of smtpd_tls_CAfile as acceptable CAs, in TLS 1.2 and TLS 1.3 alike.
  for (const version of ["-tls1_2", "-tls1_3"]) {
    it(`askClientCert: the CertificateRequest names the CAfile's CA (${version})`, async () => {
      const server = await start({ certChainFile: concat("ask-chain.pem", pki.leaf, pki.intermediate), askClientCert: { caFile: pki.root } });
      const result = sClient(server, [version, "-CAfile", pki.root]);
      assert.equal(result.code, 0, result.out + server.log());
      assert.match(result.out, new RegExp(`Acceptable client certificate CA names\\n${ROOT}\\n`));
      assert.match(result.out, /Verify return code: 0 \(ok\)/);
    });
  }

  // With smtpd_tls_ask_ccert = yes and no smtpd_tls_req_ccert, Postfix never refuses a handshake
  // for a client certificate: it verifies it against smtpd_tls_CAfile and says so in its log only
  // ("Trusted TLS connection" / "Untrusted TLS connection"), for access rules to use later.
  describe("askClientCert: a client certificate is judged, never refused", () => {
    let server: PostfixSmtpd;
    before(async () => {
      server = await start({ certChainFile: concat("ccert-chain.pem", pki.leaf, pki.intermediate), askClientCert: { caFile: pki.root } });
    });
    for (const [who, cert, verdict] of [["the root's client", pki.client, /Trusted TLS connection established/], ["a self-signed stranger", pki.stranger, /Untrusted TLS connection established/]] as const) {
      it(`${who}: handshake completes, the log says ${verdict.source.split(" ")[0]}`, async () => {
        const logStart = server.log().length;
        const result = sClient(server, ["-tls1_3", "-CAfile", pki.root, "-cert", cert, "-key", pki.clientKey]);
        assert.equal(result.code, 0, result.out + server.log());
        assert.match(await logLine(server, verdict, logStart), verdict);
      });
    }
  });

  // askClientCert.require (smtpd_tls_req_ccert = yes): the handshake still completes whatever the
  // client sends; the verdict comes as Postfix's reply to the first command inside TLS.
  describe("askClientCert.require: the verdict is an SMTP reply after the handshake", () => {
    let server: PostfixSmtpd;
    before(async () => {
      server = await start({ certChainFile: concat("req-chain.pem", pki.leaf, pki.intermediate), askClientCert: { caFile: pki.root, require: true } });
    });
    // Both replies come only inside TLS (s_client prints the last line of the plain EHLO reply too).
    const cases = [
      { who: "no client certificate", args: [], verdict: "421", reply: /^421 4\.7\.1 probe\.test Error: No client certificate presented/m },
      { who: "the root's client", args: ["-cert", pki.client, "-key", pki.clientKey], verdict: "250, QUIT 221", reply: /^250 CHUNKING\r\n221 2\.0\.0 Bye/m },
      { who: "a self-signed stranger", args: ["-cert", pki.stranger, "-key", pki.clientKey], verdict: "421", reply: /^421 4\.7\.1 probe\.test Error: Client certificate not trusted/m },
    ];
    for (const c of cases) {
      for (const version of ["-tls1_2", "-tls1_3"]) {
        it(`${c.who} (${version}): handshake completes, EHLO gets ${c.verdict}`, () => {
          // -ign_eof: s_client reads the replies to EHLO and QUIT (Postfix logs the pipelining).
          const result = openssl(["s_client", "-starttls", "smtp", "-connect", `127.0.0.1:${server.port}`, "-ign_eof", version, "-CAfile", pki.root, ...c.args], "EHLO client.test\r\nQUIT\r\n");
          assert.match(result.out, /Verify return code: 0 \(ok\)/, result.out);
          assert.match(result.out, c.reply, result.out);
        });
      }
    }
  });

  // Seed 001 (a client offering only secp256r1 to a Postfix whose certificate is P-384), as
  // observed with postfix 3.7.11 / OpenSSL 3.0 and s_client narrowed like the client:
  // - TLS 1.2, groups P-256 only: the P-384 certificate is unusable, no other certificate exists;
  //   smtpd logs "no shared cipher" and the client gets alert 40 (handshake_failure). A P-256
  //   certificate passes.
  // - TLS 1.3, groups P-256 only: passes (1.3 does not tie the certificate's curve to the groups).
  // - TLS 1.3, signature algorithms ECDSA+SHA256 only: smtpd logs "no suitable signature
  //   algorithm" (1.3 needs ecdsa_secp384r1_sha384 for a P-384 key), alert 40 again.
  // - TLS 1.2, ECDSA+SHA256 only: passes (1.2 lets a P-384 key sign with SHA-256).
  describe("seed 001: a client offering only P-256", () => {
    const cases: Array<{ title: string; leaf: "P-384" | "P-256"; args: string[]; passes: boolean; serverSays?: RegExp }> = [
      { title: "TLS 1.2, groups P-256, P-384 certificate", leaf: "P-384", args: ["-tls1_2", "-groups", "P-256"], passes: false, serverSays: /no shared cipher/ },
      { title: "TLS 1.2, groups P-256, P-256 certificate", leaf: "P-256", args: ["-tls1_2", "-groups", "P-256"], passes: true },
      { title: "TLS 1.3, groups P-256, P-384 certificate", leaf: "P-384", args: ["-tls1_3", "-groups", "P-256"], passes: true },
      { title: "TLS 1.3, sigalgs ECDSA+SHA256, P-384 certificate", leaf: "P-384", args: ["-tls1_3", "-sigalgs", "ECDSA+SHA256"], passes: false, serverSays: /no suitable signature algorithm/ },
      { title: "TLS 1.2, sigalgs ECDSA+SHA256, P-384 certificate", leaf: "P-384", args: ["-tls1_2", "-sigalgs", "ECDSA+SHA256"], passes: true },
    ];
    const servers = new Map<string, PostfixSmtpd>();
    before(async () => {
      servers.set("P-384", await start({ certChainFile: concat("seed001-p384.pem", pki.leaf, pki.intermediate) }));
      servers.set("P-256", await start({ certChainFile: concat("seed001-p256.pem", pki.leafP256, pki.intermediate), keyFile: pki.leafP256Key }));
    });
    for (const c of cases) {
      it(`${c.title}: ${c.passes ? "handshake completes" : "alert 40, and Postfix says why"}`, async () => {
        const server = servers.get(c.leaf)!;
        const logStart = server.log().length;
        const result = sClient(server, [...c.args, "-CAfile", pki.root]);
        if (c.passes) {
          assert.equal(result.code, 0, result.out + server.log());
          assert.match(result.out, /Verify return code: 0 \(ok\)/);
        } else {
          assert.equal(result.code, 1, result.out);
          assert.match(result.out, /SSL alert number 40/);
          assert.match(await logLine(server, c.serverSays!, logStart), c.serverSays!);
        }
      });
    }
  });

  it("a main.cf Postfix refuses: start rejects with Postfix's reason and leaves no directory", async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), "pkilab-postfix-refused-"));
    chmodSync(parent, 0o755);
    try {
      const chain = concat("refused-chain.pem", pki.leaf, pki.intermediate);
      await assert.rejects(
        startPostfixSmtpd({ certChainFile: chain, keyFile: pki.leafKey, dir: parent, mainCf: { mail_owner: "no-such-postfix-user" } }),
        // Postfix said it to syslog only; the helper asks `postfix check` on a terminal.
        /parameter mail_owner: unknown user name value: no-such-postfix-user/,
      );
      assert.deepEqual(readdirSync(parent), []);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it("a dir the postfix user cannot search is refused before anything starts", async () => {
    // tempDir() is mkdtemp's 0700: tlsmgr, running as postfix, could not reach data_directory.
    await assert.rejects(startPostfixSmtpd({ certChainFile: pki.leaf, keyFile: pki.leafKey, dir: work }), /postfix user cannot search/);
  });

  it("two instances at once: own ports and directories; stop() leaves no process, port or directory", async (t) => {
    const chain = concat("parallel-chain.pem", pki.leaf, pki.intermediate);
    const t0 = Date.now();
    const [a, b] = await Promise.all([startPostfixSmtpd({ certChainFile: chain, keyFile: pki.leafKey }), startPostfixSmtpd({ certChainFile: chain, keyFile: pki.leafKey })]);
    started.push(a, b);
    const startMs = Date.now() - t0;
    assert.notEqual(a.port, b.port);
    assert.notEqual(a.dir, b.dir);
    for (const server of [a, b]) assert.match((await smtp(server.port, ["QUIT"]))[0]!, /^220 /);
    const groups = [a, b].map((s) => s.processGroup);
    const t1 = Date.now();
    await Promise.all([a.stop(), b.stop()]);
    const stopMs = Date.now() - t1;
    t.diagnostic(`two instances: start ${startMs} ms, stop ${stopMs} ms`);
    for (const [i, server] of [a, b].entries()) {
      assert.deepEqual(livingProcessesInGroup(groups[i]!), [], `processes left in the master's group ${groups[i]}`);
      assert.equal(existsSync(server.dir), false);
      await assert.rejects(smtp(server.port, []));
    }
  });
});
