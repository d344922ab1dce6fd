// A ClientHello as Wireshark decodes it (src/peers/parse/client-hello-details.ts): seed 001's tshark
// text exactly as its user posted it (fixtures/logs/seed-001-exchange-client-hello.txt: Exchange
// Online's hello, flattened by the blog), the same text indented as Wireshark lays it out, and the
// TLS 1.3 fields a modern hello adds. Names come from the code points, so they are pkilab's IANA names.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { parseClientHello } from "../../src/peers/parse/client-hello.js";
import { REPO_ROOT, runCli, tempDir } from "../helpers/cli.js";
import { indentedDetails } from "../helpers/wireshark-text.js";

const SEED_001 = path.join(REPO_ROOT, "fixtures", "logs", "seed-001-exchange-client-hello.txt");
const seedText = readFileSync(SEED_001, "utf8");

describe("Wireshark's decoded ClientHello", () => {
  it("seed 001 as posted: TLS 1.2, 16 suites, secp256r1 only, 9 signature algorithms, no SNI", () => {
    const hello = parseClientHello(seedText, "seed 001");
    assert.equal(hello.legacyVersion, "TLS 1.2");
    assert.deepEqual(hello.supportedVersions, []);
    assert.equal(hello.cipherSuites.length, 16);
    assert.deepEqual(hello.cipherSuites.slice(0, 2), [
      { id: 0xc02c, name: "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384" },
      { id: 0xc02b, name: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" },
    ]);
    assert.deepEqual(hello.cipherSuites.at(-1), { id: 0x002f, name: "TLS_RSA_WITH_AES_128_CBC_SHA" });
    assert.deepEqual(hello.groups, [{ id: 0x0017, name: "secp256r1" }]);
    assert.deepEqual(
      hello.signatureAlgorithms.map((s) => s.id),
      [0x0401, 0x0501, 0x0201, 0x0403, 0x0503, 0x0203, 0x0202, 0x0601, 0x0603],
    );
    assert.equal(hello.signatureAlgorithmsCert, undefined);
    assert.deepEqual(hello.pointFormats, ["uncompressed"]);
    assert.deepEqual(
      hello.extensions.map((e) => [e.id, e.length]),
      [[10, 4], [11, 2], [13, 20], [35, 218], [23, 0], [65281, 1]],
    );
    assert.equal(hello.serverName, undefined);
  });

  it("the same hello indented as Wireshark shows it decodes the same", () => {
    const indented = indentedDetails(seedText);
    assert.notEqual(indented, seedText);
    assert.match(indented, /^ {12}Cipher Suite: /m);
    assert.deepEqual(parseClientHello(indented, "indented"), parseClientHello(seedText, "flat"));
  });

  it("TLS 1.3 fields: supported versions, key shares, SNI, ALPN, signature_algorithms_cert", () => {
    const text = [
      "Transport Layer Security",
      "    TLSv1.3 Record Layer: Handshake Protocol: Client Hello",
      "        Handshake Protocol: Client Hello",
      "            Handshake Type: Client Hello (1)",
      "            Version: TLS 1.2 (0x0303)",
      "            Cipher Suites (2 suites)",
      "                Cipher Suite: TLS_AES_128_GCM_SHA256 (0x1301)",
      "                Cipher Suite: TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (0xc02b)",
      "            Extension: server_name (len=22) name=mail.example.test",
      "                Type: server_name (0)",
      "                Length: 22",
      "                Server Name Indication extension",
      "                    Server Name: mail.example.test",
      "            Extension: supported_groups (len=6)",
      "                Type: supported_groups (10)",
      "                    Supported Group: x25519 (0x001d)",
      "                    Supported Group: secp384r1 (0x0018)",
      "            Extension: signature_algorithms (len=4)",
      "                Type: signature_algorithms (13)",
      "                    Signature Algorithm: ecdsa_secp384r1_sha384 (0x0503)",
      "            Extension: signature_algorithms_cert (len=4)",
      "                Type: signature_algorithms_cert (50)",
      "                    Signature Algorithm: rsa_pkcs1_sha256 (0x0401)",
      "            Extension: application_layer_protocol_negotiation (len=5)",
      "                Type: application_layer_protocol_negotiation (16)",
      "                    ALPN Next Protocol: h2",
      "            Extension: supported_versions (len=3) TLS 1.3",
      "                Type: supported_versions (43)",
      "                Supported Version: TLS 1.3 (0x0304)",
      "            Extension: key_share (len=38) x25519",
      "                Type: key_share (51)",
      "                    Key Share Entry: Group: x25519, Key Exchange length: 32",
      "                        Group: x25519 (29)",
      "    TLSv1.3 Record Layer: Handshake Protocol: Server Hello",
      "            Handshake Type: Server Hello (2)",
      "                Cipher Suite: TLS_AES_256_GCM_SHA384 (0x1302)",
    ].join("\n");
    const hello = parseClientHello(text, "tls13");
    assert.deepEqual(hello.cipherSuites.map((s) => s.id), [0x1301, 0xc02b], "the ServerHello's suite is not the client's");
    assert.deepEqual(hello.supportedVersions, ["TLS 1.3"]);
    assert.deepEqual(hello.groups.map((g) => g.name), ["x25519", "secp384r1"]);
    assert.deepEqual(hello.signatureAlgorithms.map((s) => s.name), ["ecdsa_secp384r1_sha384"]);
    assert.deepEqual(hello.signatureAlgorithmsCert?.map((s) => s.name), ["rsa_pkcs1_sha256"]);
    assert.equal(hello.serverName, "mail.example.test");
    assert.deepEqual(hello.alpn, ["h2"]);
    assert.deepEqual(hello.keyShareGroups, ["x25519"]);
  });

  it("a hello copied with its cipher suites collapsed: one line, exit 2, what to do", () => {
    const dir = tempDir("wireshark-text");
    const file = path.join(dir, "collapsed.txt");
    writeFileSync(file, seedText.split("\n").filter((l) => !l.startsWith("Cipher Suite:")).join("\n"));
    const result = runCli(["inspect", "--client-hello", file]);
    rmSync(dir, { recursive: true, force: true });
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
    assert.match(result.stderr, /no "Cipher Suite:" line: expand Cipher Suites/);
  });

  it("lint of seed 001's three servers: P-384 refused with no shared cipher, P-256 and RSA pass", () => {
    const fixtures = path.join(REPO_ROOT, "fixtures", "client-hello");
    const run = (dir: string) => runCli(["lint", "leaf.pem", "--ca", "ca.pem", "--client-hello", "client-hello.txt", "--at", "2030-06-01T00:00:00Z"], { cwd: path.join(fixtures, dir) });
    const p384 = run("seed-001-p384-cert-p256-only-client");
    assert.equal(p384.code, 1, p384.stdout + p384.stderr);
    assert.match(p384.stdout, /client-hello-curve-not-offered/);
    for (const dir of ["seed-001-fixed-p256-cert", "seed-001-rsa-cert"]) {
      const ok = run(dir);
      assert.equal(ok.code, 0, `${dir}: ${ok.stdout}${ok.stderr}`);
    }
  });
});
