// Hostile and corrupt input to the file readers (src/io: read.ts, private-key.ts, pkcs12.ts):
// every case is an InputError naming the file (exit 2 through the CLI), found in well under 2 s,
// or the right answer. Files are made by the real openssl CLI, then edited where a tool would not
// write them (a count of 2^31 iterations takes openssl itself many minutes).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { InputError } from "../../src/io/input-error.js";
import { readPkcs12 } from "../../src/io/pkcs12.js";
import { describePrivateKeyFile, privateKeyFromItem, readPrivateKeyFile } from "../../src/io/private-key.js";
import { certificatesFromMaterial, IO_LIMITS, readBytes, readMaterial } from "../../src/io/read.js";
import { BIN, tempDir } from "../helpers/cli.js";
import { requireProgram } from "../helpers/peers.js";

/** A regression bound: each refusal is found before any expensive work. */
const FAST_MS = 2000;

function openssl(dir: string, args: string[]): void {
  const result = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`openssl ${args.join(" ")} failed: ${result.stderr}`);
}

/** The CLI as a user runs it, with a heap of 200 MB and a deadline (a hang or a blow-up fails the test). */
function pkilab(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--max-old-space-size=200", BIN, ...args], { cwd, encoding: "utf8", timeout: 30_000 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Exit 2 with one line `pkilab: FILE: …` matching `pattern`, never the internal-error handler. */
function assertBadInput(result: { code: number; stderr: string }, file: string, pattern: RegExp): void {
  assert.equal(result.code, 2, `exit 2 expected; stderr: ${result.stderr}`);
  const lines = result.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one line: ${result.stderr}`);
  assert.ok(lines[0]?.startsWith(`pkilab: ${file}: `), `names the file: ${result.stderr}`);
  assert.doesNotMatch(result.stderr, /internal error/);
  assert.match(result.stderr, pattern);
}

/** `action` fails with an InputError of one line naming `file` and matching `pattern`, within FAST_MS. */
async function assertInputError(action: () => unknown, file: string, pattern: RegExp): Promise<void> {
  const start = performance.now();
  await assert.rejects(
    async () => action(),
    (err: unknown) => {
      assert.ok(err instanceof InputError, `expected an InputError, got ${String(err)}`);
      assert.ok(err.message.startsWith(`${file}: `), `names the file: ${err.message}`);
      assert.ok(!err.message.includes("\n"), `one line: ${err.message}`);
      assert.match(err.message, pattern);
      return true;
    },
  );
  const elapsed = performance.now() - start;
  assert.ok(elapsed < FAST_MS, `refused in ${Math.round(elapsed)} ms; at most ${FAST_MS} expected`);
}

// --- a minimal DER editor: enough to set a count inside files openssl wrote -------------------

interface Tlv {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

function readTlv(der: Uint8Array, offset: number): Tlv {
  const tag = der[offset] ?? -1;
  const first = der[offset + 1] ?? 0;
  let length = first;
  let contentStart = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[offset + 2 + i] ?? 0);
    contentStart += count;
  }
  const end = contentStart + length;
  if (tag < 0 || end > der.length || (first & 0x80 && (first & 0x7f) === 0)) throw new Error("not DER");
  return { tag, start: offset, contentStart, end };
}

function encodeTlv(tag: number, value: Buffer): Buffer {
  const n = value.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), value]);
}

/** A positive INTEGER's minimal content octets. */
function integerOctets(value: number): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const octets = Buffer.from(hex, "hex");
  return (octets[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), octets]) : octets;
}

/** The DER nodes of `der` laid end to end, or undefined when it is not exactly that. */
function nodesOf(der: Buffer): Tlv[] | undefined {
  const nodes: Tlv[] = [];
  try {
    for (let offset = 0; offset < der.length; offset = nodes[nodes.length - 1]?.end ?? der.length) nodes.push(readTlv(der, offset));
  } catch {
    return undefined;
  }
  return nodes;
}

/**
 * `der` with every INTEGER whose value is `from` set to `to`, lengths around it fixed. "outside"
 * leaves OCTET STRINGs alone (a PKCS#12 MAC count is outside them); "inside" edits only within
 * OCTET STRINGs that hold DER (a PKCS#12 file's bags are there); "everywhere" both.
 */
function setIntegers(der: Buffer, from: number, to: number, where: "outside" | "inside" | "everywhere"): { bytes: Buffer; edited: number } {
  let edited = 0;
  const fromOctets = integerOctets(from);
  const rewrite = (bytes: Buffer, inOctetString: boolean): Buffer => {
    const nodes = nodesOf(bytes);
    if (!nodes) return bytes;
    return Buffer.concat(
      nodes.map((node) => {
        const value = bytes.subarray(node.contentStart, node.end);
        if (node.tag === 0x02 && value.equals(fromOctets) && (where === "everywhere" || (where === "inside") === inOctetString)) {
          edited++;
          return encodeTlv(0x02, integerOctets(to));
        }
        if (node.tag & 0x20) return encodeTlv(node.tag, rewrite(value, inOctetString));
        if (node.tag === 0x04 && value[0] === 0x30 && where !== "outside" && nodesOf(value)) return encodeTlv(0x04, rewrite(value, true));
        return Buffer.from(bytes.subarray(node.start, node.end));
      }),
    );
  };
  return { bytes: rewrite(der, false), edited };
}

const pemOf = (label: string, der: Buffer): string => `-----BEGIN ${label}-----\n${der.toString("base64").replace(/(.{64})/g, "$1\n").trimEnd()}\n-----END ${label}-----\n`;
const derOf = (pemText: string): Buffer => Buffer.from(pemText.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, ""), "base64");

// ------------------------------------------------------------------------------------------------

describe("hostile input to the file readers", () => {
  let dir = "";
  const file = (name: string): string => path.join(dir, name);

  before(() => {
    requireProgram("openssl");
    dir = tempDir("hostile-input");
    openssl(dir, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.key"]);
    openssl(dir, ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.key"]);
    openssl(dir, ["req", "-x509", "-new", "-key", "ec.key", "-subj", "/CN=hostile CA", "-days", "2", "-out", "ca.pem"]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe("class 3: a corrupt private key is an InputError wherever it is read", () => {
    /** A PKCS#8 P-256 key whose inner ECPrivateKey SEQUENCE tag is broken: valid PEM, valid outer DER. */
    function corruptKeyFile(): string {
      const der = Buffer.from(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "der" }));
      const top = readTlv(der, 0);
      const version = readTlv(der, top.contentStart);
      const algorithm = readTlv(der, version.end);
      const octets = readTlv(der, algorithm.end);
      assert.equal(octets.tag, 0x04);
      der[octets.contentStart] = 0x31;
      writeFileSync(file("corrupt.key"), pemOf("PRIVATE KEY", der));
      return file("corrupt.key");
    }

    it("lint --key (describePrivateKeyFile), verify --key and export --key (readPrivateKeyFile), inspect", async () => {
      const key = corruptKeyFile();
      await assertInputError(() => describePrivateKeyFile(key), key, /private key 1 \(PRIVATE KEY\) cannot be read .*: the file is corrupted/);
      await assertInputError(() => readPrivateKeyFile(key), key, /private key 1 \(PRIVATE KEY\) cannot be read/);
      assertBadInput(pkilab(["lint", "ca.pem", "--for", "nginx-mtls", "--ca", "ca.pem", "--key", "corrupt.key"], dir), "corrupt.key", /private key 1 \(PRIVATE KEY\) cannot be read/);
      assertBadInput(pkilab(["inspect", "corrupt.key"], dir), "corrupt.key", /cannot be read/);
      assertBadInput(pkilab(["verify", "ca.pem", "--ca", "ca.pem", "--key", "corrupt.key"], dir), "corrupt.key", /private key 1 \(PRIVATE KEY\) cannot be read/);
      const exportKey = ["export", "--c-array", "--ca", "ca.pem", "--cert", "ca.pem", "--key", "corrupt.key", "--include-key"];
      assertBadInput(pkilab(exportKey, dir), "corrupt.key", /private key 1 \(PRIVATE KEY\) cannot be read/);
    });

    it("a SEC1 key OpenSSL opens but whose public point it cannot decode (found by npm run fuzz: lint --key reached the internal error)", async () => {
      // A P-256 key whose publicKey [1] is an empty BIT STRING: createPrivateKey accepts it, deriving the public key fails.
      writeFileSync(file("bad-point.key"), "-----BEGIN EC PRIVATE KEY-----\nMDcCAQEEIPA8qwSr8yVsuegzPF1NTCJGVYxiJ+aNcV0Ea6Z8dZhyoAoGCCqGSM49\nAwEHoQQDAgYA\n-----END EC PRIVATE KEY-----\n");
      const key = file("bad-point.key");
      await assertInputError(() => describePrivateKeyFile(key), key, /private key 1 \(EC PRIVATE KEY\) cannot be read \(.*invalid form\)/);
      await assertInputError(() => readPrivateKeyFile(key), key, /cannot be read/);
      assertBadInput(pkilab(["lint", "ca.pem", "--for", "nginx-mtls", "--ca", "ca.pem", "--key", "bad-point.key"], dir), "bad-point.key", /cannot be read/);
      assertBadInput(pkilab(["inspect", "bad-point.key"], dir), "bad-point.key", /cannot be read/);
    });
  });

  describe("class 4: '-----BEGIN ' without a readable block is an InputError, not an empty file", () => {
    const cases: [string, string][] = [
      ["cut-label.pem", "-----BEGIN CERTIFICATE\nMIIBsomething\n"],
      ["lower-case.pem", "-----BEGIN private key-----\nMIIB\n-----END private key-----\n"],
      ["only-begin.pem", "notes\n-----BEGIN \n"],
    ];
    for (const [name, text] of cases) {
      it(`${name}: readMaterial, readPrivateKeyFile and describePrivateKeyFile say there is no complete PEM block`, async () => {
        writeFileSync(file(name), text);
        await assertInputError(() => readMaterial(readBytes(file(name)), file(name)), file(name), /no complete PEM block \(found "-----BEGIN [^"]*"/);
        await assertInputError(() => readPrivateKeyFile(file(name)), file(name), /no complete PEM block/);
        await assertInputError(() => describePrivateKeyFile(file(name)), file(name), /no complete PEM block/);
      });
    }

    it("inspect exits 2 with the reason (it exited 0 and printed nothing); verify --key too", () => {
      writeFileSync(file("cut.pem"), "-----BEGIN CERTIFICATE\nMIIB\n");
      assertBadInput(pkilab(["inspect", "cut.pem"], dir), "cut.pem", /no complete PEM block/);
      assertBadInput(pkilab(["verify", "ca.pem", "--ca", "ca.pem", "--key", "cut.pem"], dir), "cut.pem", /no complete PEM block/);
    });
  });

  describe("class 10: key-derivation counts are capped (IO_LIMITS) before any work", () => {
    /** An encrypted PKCS#8 key written by openssl with `-iter 1234`, its count then set to `iterations`. */
    function encryptedKey(name: string, iterations: number, copies = 1): string {
      openssl(dir, ["pkcs8", "-topk8", "-in", "ec.key", "-passout", "pass:pw", "-iter", "1234", "-out", `${name}.orig`]);
      const { bytes, edited } = setIntegers(derOf(readFileSync(file(`${name}.orig`), "latin1")), 1234, iterations, "everywhere");
      assert.equal(edited, 1, "the PBKDF2 count was found");
      writeFileSync(file(name), pemOf("ENCRYPTED PRIVATE KEY", bytes).repeat(copies));
      return file(name);
    }

    it("PBKDF2 at 2^31 - 1 iterations in an encrypted PKCS#8 key (OpenSSL would run it for minutes)", async () => {
      const key = encryptedKey("pbkdf2-huge.key", 2 ** 31 - 1);
      const limit = /private key 1 \(ENCRYPTED PRIVATE KEY\) asks for 2147483647 PBKDF2 iterations, more than IO_LIMITS\.maxPbkdf2Iterations \(5000000; OpenSSL writes 2048\): .*openssl pkcs8 -topk8/;
      await assertInputError(() => readPrivateKeyFile(key, "pw"), key, limit);
      await assertInputError(() => describePrivateKeyFile(key), key, limit);
      assertBadInput(pkilab(["inspect", "pbkdf2-huge.key", "--password", "pw"], dir), "pbkdf2-huge.key", /IO_LIMITS\.maxPbkdf2Iterations/);
      // The same key as DER: read by structure, checked the same way.
      writeFileSync(file("pbkdf2-huge.der"), derOf(readFileSync(key, "latin1")));
      await assertInputError(() => readPrivateKeyFile(file("pbkdf2-huge.der"), "pw"), file("pbkdf2-huge.der"), /IO_LIMITS\.maxPbkdf2Iterations/);
    });

    it("just past the cap is refused (it would take seconds); 600,000 iterations, what careful tools write, still read", async () => {
      const over = encryptedKey("pbkdf2-over.key", IO_LIMITS.maxPbkdf2Iterations + 1);
      await assertInputError(() => readPrivateKeyFile(over, "pw"), over, /asks for 5000001 PBKDF2 iterations/);
      openssl(dir, ["pkcs8", "-topk8", "-in", "ec.key", "-passout", "pass:pw", "-iter", "600000", "-out", "careful.key"]);
      assert.equal((await readPrivateKeyFile(file("careful.key"), "pw")).asymmetricKeyType, "ec");
    });

    it("a zero count is a corrupted file, not a wrong password", async () => {
      const key = encryptedKey("pbkdf2-zero.key", 0);
      await assertInputError(() => readPrivateKeyFile(key, "pw"), key, /has a zero count of PBKDF2 iterations .*: the file is corrupted/);
    });

    it("the whole file is bounded: three keys each under the cap but 12,000,000 iterations together", async () => {
      const keys = encryptedKey("many.key", 4_000_000, 3);
      await assertInputError(
        () => readMaterial(readBytes(keys), keys, "a private key"),
        keys,
        /together ask for 12000000 key-derivation iterations, more than IO_LIMITS\.maxKdfWorkPerFile \(10000000 for one file\)/,
      );
      assertBadInput(pkilab(["inspect", "many.key", "--password", "pw"], dir), "many.key", /IO_LIMITS\.maxKdfWorkPerFile/);
    });

    it("scrypt: time (N*r*p) and memory are capped", async () => {
      openssl(dir, ["pkcs8", "-topk8", "-in", "ec.key", "-passout", "pass:pw", "-scrypt", "-scrypt_N", "16384", "-scrypt_r", "8", "-scrypt_p", "3", "-out", "scrypt.orig"]);
      const original = derOf(readFileSync(file("scrypt.orig"), "latin1"));
      // p = 64: 16 MB of memory, which OpenSSL allows, and 64 times its default work (seconds).
      const slow = setIntegers(original, 3, 64, "everywhere");
      assert.equal(slow.edited, 1);
      writeFileSync(file("scrypt-slow.key"), pemOf("ENCRYPTED PRIVATE KEY", slow.bytes));
      await assertInputError(() => readPrivateKeyFile(file("scrypt-slow.key"), "pw"), file("scrypt-slow.key"), /asks for 8388608 scrypt work \(N\*r\*p\), more than IO_LIMITS\.maxScryptWork/);
      // N = 65536: 64 MB, which OpenSSL refuses with "unsupported": say why.
      const big = setIntegers(original, 16384, 65536, "everywhere");
      assert.equal(big.edited, 1);
      writeFileSync(file("scrypt-memory.key"), pemOf("ENCRYPTED PRIVATE KEY", big.bytes));
      await assertInputError(() => readPrivateKeyFile(file("scrypt-memory.key"), "pw"), file("scrypt-memory.key"), /asks scrypt for 65 MB of memory, more than IO_LIMITS\.maxScryptMemoryBytes \(32 MB/);
      // OpenSSL's own default parameters still read.
      openssl(dir, ["pkcs8", "-topk8", "-in", "ec.key", "-passout", "pass:pw", "-scrypt", "-out", "scrypt-default.key"]);
      assert.equal((await readPrivateKeyFile(file("scrypt-default.key"), "pw")).asymmetricKeyType, "ec");
    });

    /** A PKCS#12 file written by openssl with `-iter 1234` (MAC and encryption), `extra` its other flags. */
    function pkcs12(name: string, extra: string[] = []): Buffer {
      openssl(dir, ["pkcs12", "-export", "-in", "ca.pem", "-inkey", "ec.key", "-passout", "pass:pw", "-iter", "1234", ...extra, "-out", name]);
      return readFileSync(file(name));
    }

    it("PKCS#12 MAC iterations: 0x7fffff (11 s in pkijs before) and 2^31 - 1 (which pkijs misread as 0: 'wrong password')", async () => {
      const original = pkcs12("mac.p12");
      for (const count of [0x7fffff, 2 ** 31 - 1]) {
        const { bytes, edited } = setIntegers(original, 1234, count, "outside");
        assert.equal(edited, 1, "only the MAC count is outside the bags");
        await assertInputError(
          () => readPkcs12(bytes, "mac.p12", "pw"),
          "mac.p12",
          new RegExp(`the PKCS#12 MAC asks for ${count} MAC iterations, more than IO_LIMITS\\.maxPkcs12MacIterations \\(1000000; OpenSSL writes 2048\\): .*openssl pkcs12 -in mac\\.p12`),
        );
      }
      // Through the CLI as a file: exit 2, one line.
      writeFileSync(file("mac-huge.p12"), setIntegers(original, 1234, 2 ** 31 - 1, "outside").bytes);
      assertBadInput(pkilab(["inspect", "mac-huge.p12", "--password", "pw"], dir), "mac-huge.p12", /IO_LIMITS\.maxPkcs12MacIterations/);
    });

    it("PKCS#12 PBKDF2 iterations of the bags, with and without a MAC (the limit is said, not 'wrong password')", async () => {
      // With -nomac, OpenSSL 3.0 leaves the certificates unencrypted: only the key bag has a count.
      const cases = [["bags.p12", [], 2], ["bags-nomac.p12", ["-nomac"], 1]] as const;
      for (const [name, extra, counts] of cases) {
        const { bytes, edited } = setIntegers(pkcs12(name, [...extra]), 1234, 2 ** 31 - 1, "inside");
        assert.equal(edited, counts, "the PBKDF2 counts of the encrypted parts");
        await assertInputError(() => readPkcs12(bytes, name, "pw"), name, /(an encrypted part \(EncryptedData\)|a private key bag) of this PKCS#12 file asks for 2147483647 PBKDF2 iterations, more than IO_LIMITS\.maxPbkdf2Iterations \(5000000; OpenSSL writes 2048\): if the file is trusted/);
      }
    });

    it("a PKCS#12 file at OpenSSL's own count still reads", async () => {
      const contents = await readPkcs12(pkcs12("plain.p12"), "plain.p12", "pw");
      assert.equal(contents.certificates.length, 1);
      assert.equal(contents.privateKeys.length, 1);
    });
  });

  describe("class 15: a DER CRL is a CRL, told apart from a CSR by its structure", () => {
    /** A CRL from the real `openssl ca -gencrl`: v2 with a crlNumber when `numbered`, else v1. */
    function makeCrl(name: string, numbered: boolean): string {
      const ca = file(`${name}-ca`);
      rmSync(ca, { recursive: true, force: true });
      spawnSync("mkdir", ["-p", ca]);
      writeFileSync(path.join(ca, "index.txt"), "");
      if (numbered) writeFileSync(path.join(ca, "crlnumber"), "01\n");
      const config = ["[ ca ]", "default_ca = lab", "[ lab ]", "database = index.txt", ...(numbered ? ["crlnumber = crlnumber"] : []), "default_md = sha256", "default_crl_days = 30", ""];
      writeFileSync(path.join(ca, "ca.cnf"), config.join("\n"));
      openssl(ca, ["ca", "-config", "ca.cnf", "-gencrl", "-keyfile", "../ec.key", "-cert", "../ca.pem", "-out", "crl.pem"]);
      openssl(dir, ["crl", "-in", path.join(ca, "crl.pem"), "-outform", "DER", "-out", name]);
      return file(name);
    }

    it("v2 and v1 CRLs in DER are read as CRLs; a DER CSR and certificate keep their kinds", () => {
      for (const [name, numbered] of [["v2.crl", true], ["v1.crl", false]] as const) {
        const crl = makeCrl(name, numbered);
        const items = readMaterial(readBytes(crl), crl);
        assert.deepEqual(items.map((i) => [i.kind, i.format]), [["crl", "DER CRL"]], name);
      }
      openssl(dir, ["req", "-new", "-key", "ec.key", "-subj", "/CN=request", "-outform", "DER", "-out", "req.der"]);
      assert.equal(readMaterial(readBytes(file("req.der")), "req.der")[0]?.kind, "csr");
      openssl(dir, ["x509", "-in", "ca.pem", "-outform", "DER", "-out", "ca.der"]);
      assert.equal(readMaterial(readBytes(file("ca.der")), "ca.der")[0]?.kind, "certificate");
    });

    it("inspect of a DER CRL exits 0 and describes it", () => {
      makeCrl("inspect.crl", true);
      const result = pkilab(["inspect", "inspect.crl"], dir);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /inspect\.crl #1: CRL/);
      assert.match(result.stdout, /issuer\s+CN=hostile CA/);
    });
  });

  describe("DER past DER_LIMITS is said to be too large, not corrupted", () => {
    const rdn = encodeTlv(0x31, encodeTlv(0x30, Buffer.concat([encodeTlv(0x06, Buffer.from([0x55, 4, 3])), encodeTlv(0x0c, Buffer.from("x"))])));
    const tooManyRdns = encodeTlv(0x30, Buffer.concat(Array<Buffer>(10_001).fill(rdn)));
    const ecdsaSha256 = encodeTlv(0x30, encodeTlv(0x06, Buffer.from([0x2a, 0x86, 0x48, 0xce, 0x3d, 4, 3, 2])));

    it("a certificate whose issuer has 10,001 RDNs (DER_LIMITS.maxChildren)", async () => {
      const validity = encodeTlv(0x30, Buffer.concat([encodeTlv(0x17, Buffer.from("260101000000Z")), encodeTlv(0x17, Buffer.from("270101000000Z"))]));
      const spki = encodeTlv(0x30, Buffer.concat([ecdsaSha256, encodeTlv(0x03, Buffer.from([0, 4]))]));
      const version = encodeTlv(0xa0, encodeTlv(0x02, Buffer.from([2])));
      const tbs = encodeTlv(0x30, Buffer.concat([version, encodeTlv(0x02, Buffer.from([1])), ecdsaSha256, tooManyRdns, validity, tooManyRdns, spki]));
      const cert = encodeTlv(0x30, Buffer.concat([tbs, ecdsaSha256, encodeTlv(0x03, Buffer.from([0, 0]))]));
      await assertInputError(
        () => certificatesFromMaterial(readMaterial(cert, "wide.der"), "wide.der"),
        "wide.der",
        /certificate 1 is not a valid certificate \(issuer: .*DER_LIMITS\.maxChildren\)\): larger than any TLS peer accepts, not a damaged file/,
      );
    });

    it("a DER file whose outer SEQUENCE holds 10,001 values", async () => {
      const wide = encodeTlv(0x30, Buffer.concat(Array<Buffer>(10_001).fill(Buffer.from([2, 1, 0]))));
      await assertInputError(() => readMaterial(wide, "wide-top.der"), "wide-top.der", /DER_LIMITS\.maxChildren\): larger than any TLS peer accepts/);
    });
  });

  describe("class 16: each PEM key is parsed from its own block, in time linear in their number", () => {
    it("an RSA key then a P-256 key are RSA 2048 then ECDSA P-256", () => {
      writeFileSync(file("two.key"), readFileSync(file("rsa.key"), "latin1") + readFileSync(file("ec.key"), "latin1"));
      const bytes = readBytes(file("two.key"));
      const keys = readMaterial(bytes, "two.key").map((item) => privateKeyFromItem(item, "two.key"));
      assert.deepEqual(keys.map((k) => [k.asymmetricKeyType, k.asymmetricKeyDetails?.modulusLength ?? k.asymmetricKeyDetails?.namedCurve]), [["rsa", 2048], ["ec", "prime256v1"]]);
      const result = pkilab(["inspect", "two.key"], dir);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /#1: private key, RSA 2048 [^\n]*\n[\s\S]*#2: private key, ECDSA P-256 /);
    });

    it("256 keys with 40 KB of notes after each (10 MB): each key costs its block, not the file (was 5 s)", () => {
      // Text around PEM blocks is allowed (`openssl x509 -text` writes it); parsing each key from the
      // whole file cost the file's size per key.
      const notes = `# ${"x".repeat(78)}\n`.repeat(500);
      const bytes = new Uint8Array(Buffer.from((readFileSync(file("ec.key"), "latin1") + notes).repeat(IO_LIMITS.maxPrivateKeysPerFile), "latin1"));
      const start = performance.now();
      const items = readMaterial(bytes, "fleet.key");
      for (const item of items) privateKeyFromItem(item, "fleet.key");
      const elapsed = performance.now() - start;
      assert.equal(items.length, IO_LIMITS.maxPrivateKeysPerFile);
      assert.ok(elapsed < FAST_MS, `${items.length} keys took ${Math.round(elapsed)} ms; at most ${FAST_MS} expected`);
    });
  });
});

describe("counts per file: IO_LIMITS.maxPrivateKeysPerFile and maxPkcs7BytesPerFile (found by npm run fuzz)", () => {
  const dir = tempDir("per-file");
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("8,000 keys in one PEM (4.3 s to inspect) are refused before any is decoded; the CLI says so in one line", () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    writeFileSync(path.join(dir, "many.key"), pem.repeat(8000));
    writeFileSync(path.join(dir, "at-cap.key"), pem.repeat(IO_LIMITS.maxPrivateKeysPerFile));
    const start = performance.now();
    assert.throws(() => readMaterial(readBytes(path.join(dir, "many.key")), "many.key"), (err: unknown) => err instanceof InputError && /^many\.key: holds 8000 private keys, more than pkilab reads from one file \(IO_LIMITS\.maxPrivateKeysPerFile = 256\): give one key per file$/.test(err.message));
    assert.ok(performance.now() - start < FAST_MS);
    assert.equal(readMaterial(readBytes(path.join(dir, "at-cap.key")), "at-cap.key").length, IO_LIMITS.maxPrivateKeysPerFile);
    assertBadInput(pkilab(["inspect", "many.key"], dir), "many.key", /IO_LIMITS\.maxPrivateKeysPerFile/);
  });

  it("1,000 small PKCS#7 bundles in one PEM (4.8 s) are refused by their sum; one bundle still reads", async () => {
    const certs = path.join(dir, "one.pem");
    openssl(dir, ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "one.key", "-out", certs, "-subj", "/CN=bundle", "-days", "30"]);
    openssl(dir, ["crl2pkcs7", "-nocrl", "-certfile", certs, "-out", "one.p7b"]);
    const one = readFileSync(path.join(dir, "one.p7b"), "latin1");
    const count = Math.floor(IO_LIMITS.maxPkcs7BytesPerFile / Buffer.from(one.replace(/-----[^-]+-----|\s/g, ""), "base64").length) + 1;
    writeFileSync(path.join(dir, "many.p7b"), one.repeat(count));
    assert.throws(() => readMaterial(readBytes(path.join(dir, "many.p7b")), "many.p7b"), (err: unknown) => err instanceof InputError && /IO_LIMITS\.maxPkcs7BytesPerFile = 524288\): give the certificates as PEM instead/.test(err.message));
    const bytes = readBytes(path.join(dir, "one.p7b"));
    assert.equal((await certificatesFromMaterial(readMaterial(bytes, "one.p7b"), "one.p7b")).length, 1);
    assertBadInput(pkilab(["inspect", "many.p7b"], dir), "many.p7b", /IO_LIMITS\.maxPkcs7BytesPerFile/);
  });
});

describe("PKCS#7 bundles: IO_LIMITS.maxPkcs7Bytes", () => {
  it("a bundle past the limit is refused at once in one line (a 2.7 MB one took pkijs over 6 s)", async () => {
    const { readPkcs7Certificates } = await import("../../src/io/pkcs7.js");
    const { IO_LIMITS } = await import("../../src/io/read.js");
    const big = new Uint8Array(IO_LIMITS.maxPkcs7Bytes + 1);
    const start = performance.now();
    await assert.rejects(readPkcs7Certificates(big, "big.p7b"), (err: unknown) => err instanceof InputError && /IO_LIMITS\.maxPkcs7Bytes = 524288\): give the certificates as PEM/.test(err.message));
    assert.ok(performance.now() - start < 100);
  });
});

describe("readBytes: what is at the path", () => {
  const dir = tempDir("read-bytes");
  after(() => rmSync(dir, { recursive: true, force: true }));
  const refused = (file: string, message: RegExp) =>
    assert.throws(() => readBytes(file), (err: unknown) => err instanceof InputError && message.test(err.message) && err.message.startsWith(`${file}: `));

  it("nothing there, a directory, a file past IO_LIMITS.maxFileBytes: one InputError each, naming the file", () => {
    refused(path.join(dir, "missing.pem"), /: no such file or directory: check the path$/);
    refused(path.join(dir, "missing", "cert.pem"), /: no such file or directory: check the path$/);
    refused(dir, /: is a directory, not a file: name a file inside it$/);
    const big = path.join(dir, "big.pem");
    writeFileSync(big, "");
    truncateSync(big, IO_LIMITS.maxFileBytes + 1); // sparse: nothing is written
    refused(big, /: too large \(64 MB; at most 64 MB, IO_LIMITS\.maxFileBytes\): split it into smaller files$/);
  });

  it("a regular file is read whole; one that says it is empty (Linux /proc) is read to its end", () => {
    const cert = path.join(dir, "cert.pem");
    const text = "-----BEGIN CERTIFICATE-----\n" + "A".repeat(70_000) + "\n-----END CERTIFICATE-----\n";
    writeFileSync(cert, text);
    assert.equal(Buffer.from(readBytes(cert)).toString("latin1"), text);
    if (process.platform === "linux") {
      assert.equal(statSync("/proc/self/status").size, 0);
      assert.match(Buffer.from(readBytes("/proc/self/status")).toString("latin1"), /^Name:\t/);
    }
  });
});
