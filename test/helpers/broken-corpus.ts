// A corpus of broken and odd input files, generated at test time, each with the one stderr line pkilab
// must answer it with (exit code 2, "pkilab: FILE: what was expected, what was found, what to do").
// A small valid base set is made with the openssl CLI first; the broken files are derived from it.
import { spawnSync } from "node:child_process";
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export interface BrokenCase {
  name: string;
  file: string;
  /** which CLI invocation: */
  use: "inspect" | "verify-leaf" | "verify-ca" | "verify-key" | "verify-chain";
  /** regex the single stderr line must match */
  expect: RegExp;
  password?: string;
}

/** The valid files the verify invocations pair a broken file with. */
export interface ValidFiles {
  ca: string;
  leaf: string;
}

const P12_PASSWORD = "correct-horse";

/** Where makeBrokenCorpus(dir) puts the valid CA certificate and leaf certificate. */
export function validFiles(dir: string): ValidFiles {
  return { ca: path.join(dir, "valid", "ca.pem"), leaf: path.join(dir, "valid", "leaf.pem") };
}

const OPENSSL_CNF = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = pkilab broken-corpus CA
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth,clientAuth
subjectAltName = DNS:leaf.test
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ca]
default_ca = lab
[lab]
database = index.txt
crlnumber = crlnumber
default_md = sha256
default_crl_days = 30
`;

/** Runs the openssl CLI in cwd and returns its stdout; throws with openssl's stderr when it fails. */
function openssl(cwd: string, args: string[]): string {
  const result = spawnSync("openssl", args, { cwd, encoding: "utf8" });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`openssl ${args.join(" ")} failed:\n${result.stderr}`);
  return result.stdout;
}

/** Deterministic "random" bytes (SHA-256 in counter mode), so a failure can be reproduced. */
function pseudoRandom(length: number, seed: string): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < length; i++) blocks.push(createHash("sha256").update(`${seed}:${i}`).digest());
  return Buffer.concat(blocks).subarray(0, length);
}

/** Wraps DER in a PEM block with the given label, 64 base64 characters a line. */
function pem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The line must name the file (its basename) and, after it, say something matching problem.
 * Requiring the problem after the name keeps the name or the temp directory from satisfying it.
 */
function says(file: string, problem: RegExp): RegExp {
  return new RegExp(`${escapeRegExp(path.basename(file))}.*(?:${problem.source})`, "i");
}

/** Writes the valid base set into dir/valid with openssl and node:crypto. */
function makeValidSet(validDir: string): void {
  mkdirSync(validDir, { recursive: true });
  writeFileSync(path.join(validDir, "openssl.cnf"), OPENSSL_CNF);
  writeFileSync(path.join(validDir, "index.txt"), "");
  writeFileSync(path.join(validDir, "crlnumber"), "01\n");
  const run = (args: string[]): string => openssl(validDir, args);
  run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ca.key"]);
  run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "leaf.key"]);
  run(["req", "-x509", "-new", "-config", "openssl.cnf", "-extensions", "v3_ca", "-key", "ca.key", "-days", "30", "-out", "ca.pem"]);
  run(["req", "-new", "-config", "openssl.cnf", "-key", "leaf.key", "-subj", "/CN=leaf.test", "-out", "leaf.csr"]);
  run(["x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "2", "-days", "30",
    "-extfile", "openssl.cnf", "-extensions", "v3_leaf", "-out", "leaf.pem"]);
  run(["x509", "-in", "leaf.pem", "-outform", "DER", "-out", "leaf.der"]);
  run(["pkcs12", "-export", "-in", "leaf.pem", "-inkey", "leaf.key", "-certfile", "ca.pem",
    "-passout", `pass:${P12_PASSWORD}`, "-out", "leaf.p12"]);
  run(["ca", "-gencrl", "-config", "openssl.cnf", "-keyfile", "ca.key", "-cert", "ca.pem", "-out", "crl.pem"]);
  writeFileSync(path.join(validDir, "leaf.txt"), run(["x509", "-in", "leaf.pem", "-noout", "-text"]));
}

/** Generates the broken files into dir (the valid base set goes to dir/valid) and returns the cases. */
export function makeBrokenCorpus(dir: string): BrokenCase[] {
  const validDir = path.join(dir, "valid");
  makeValidSet(validDir);
  const valid = (name: string): Buffer => readFileSync(path.join(validDir, name));
  const leafPem = valid("leaf.pem").toString("utf8");
  const leafDer = valid("leaf.der");
  const leafKey = createPrivateKey(valid("leaf.key"));
  const rsaKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;

  const cases: BrokenCase[] = [];
  const add = (name: string, file: string, content: string | Buffer | null, use: BrokenCase["use"], problem: RegExp,
    password?: string): void => {
    const full = path.join(dir, file);
    if (content !== null) writeFileSync(full, content);
    cases.push({ name, file: full, use, expect: says(full, problem), ...(password === undefined ? {} : { password }) });
  };

  // Words a message about "not a certificate at all" may use for text that holds no PEM block.
  const noPem = /\bPEM\b|BEGIN|text|not a certificate|no certificate/;
  // Words for a binary blob that is neither PEM nor a DER certificate.
  const notCert = /binary|unrecogni[sz]ed|unknown|not a certificate|no certificate|neither|not (?:PEM|DER)/;
  // Words for DER/ASN.1 that stops early or does not decode.
  const badDer = /truncated|incomplete|corrupt|malformed|invalid|\bDER\b|ASN\.1|decode|pars(?:e|ing)|length/;

  // --- inspect: files that are not a certificate in any encoding ---
  // 0 bytes: the most common accident (a failed redirect, "> cert.pem" before the command ran).
  add("empty file", "zero-bytes.pem", "", "inspect", /empty|0 bytes|no data|nothing/);
  // Only spaces, tabs and newlines: "empty" to a user, though not 0 bytes.
  add("only whitespace", "spaces-only.pem", "  \t \n\n   \r\n\t\n", "inspect", /empty|whitespace|blank|nothing|no data/);
  // A single newline, what `echo > file` leaves behind.
  add("a single newline", "newline-only.pem", "\n", "inspect", /empty|whitespace|blank|nothing|no data/);
  // 4 KiB of noise: neither PEM nor DER; the parser must not guess or crash.
  add("random binary 4 KiB", "random-4k.bin", pseudoRandom(4096, "random"), "inspect", notCert);
  // A PNG image (signature + IHDR): a wrong file picked in a file dialog; ideally named as an image.
  add("PNG header", "picture.png",
    Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61", "hex"), pseudoRandom(200, "png")]),
    "inspect", /PNG|image|binary|unrecogni[sz]ed|unknown|not a certificate/);
  // A gzip stream (of a valid PEM): a downloaded .pem.gz not unpacked; gunzip is the fix.
  add("gzip header", "download.gz", gzipSync(Buffer.from(leafPem)), "inspect",
    /gzip|compress|binary|unrecogni[sz]ed|unknown|not a certificate/);
  // An ELF executable header: a program passed by a slip of tab completion.
  add("ELF header", "tool.bin", Buffer.concat([Buffer.from("7f454c4602010100000000000000000002003e00", "hex"), pseudoRandom(300, "elf")]),
    "inspect", /\bELF\b|executable|binary|unrecogni[sz]ed|unknown|not a certificate/);
  // A valid PEM saved as UTF-16LE with BOM (PowerShell's "> file" default): must be reported, not misread.
  add("UTF-16 text", "wide-chars.pem", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(leafPem, "utf16le")]), "inspect",
    /UTF-?16|encoding|unicode|binary|unrecogni[sz]ed|not a certificate|not (?:PEM|ASCII)/);
  // 20 MB of 'A' (valid base64 alphabet, no PEM armour): must fail fast, not read, decode or hang.
  add("huge file, 20 MB of 'A'", "filler-20m.pem", Buffer.alloc(20 * 1024 * 1024, "A"), "inspect",
    /too (?:large|big)|size|\bMB\b|bytes|\bPEM\b|BEGIN|not a certificate|no certificate|unrecogni[sz]ed/);

  // --- inspect: PEM that is damaged ---
  // Cut in the middle of the base64 (a copy-paste that stopped short): truncated, END missing.
  add("truncated PEM", "cut-short.pem", leafPem.slice(0, Math.floor(leafPem.length / 2)), "inspect",
    /truncated|incomplete|corrupt|\bEND\b|unterminated|missing/);
  // The whole base64 but no END line (the last line lost when pasting).
  add("PEM without END line", "open-block.pem", leafPem.replace(/-----END CERTIFICATE-----\n?$/, ""), "inspect",
    /\bEND\b|truncated|incomplete|unterminated|missing/);
  // Characters outside the base64 alphabet in the body: Buffer.from(.., "base64") silently skips them.
  add("PEM with corrupted base64 characters", "mangled.pem",
    leafPem.replace(/\n([A-Za-z0-9+/]{10})[A-Za-z0-9+/]{4}/, "\n$1!*@#"), "inspect", /base64|corrupt|invalid|malformed|character/);
  // Valid armour and base64 around 600 random bytes: the base64 decodes, the DER does not.
  add("PEM whose base64 decodes to garbage DER", "noise-inside.pem", pem("CERTIFICATE", pseudoRandom(600, "der")), "inspect", badDer);
  // A PEM label pkilab does not know: it should say which label it found.
  add("PEM with unknown label BEGIN FOO", "strange-label.pem", pem("FOO", leafDer), "inspect", /\bFOO\b/);
  // A CERTIFICATE label around a private key's DER: the label lies, the content must decide.
  add("CERTIFICATE label around key DER", "label-lies.pem", pem("CERTIFICATE", leafKey.export({ type: "pkcs8", format: "der" })),
    "inspect", /private key|not a certificate|corrupt|malformed|invalid|\bDER\b|ASN\.1|decode/);

  // --- inspect: DER that is damaged ---
  // DER one byte short: the outer SEQUENCE length promises more than the file has.
  add("DER truncated by 1 byte", "leaf-minus1.der", leafDer.subarray(0, leafDer.length - 1), "inspect", badDer);
  // DER cut in half (an interrupted download).
  add("DER truncated by half", "leaf-half.der", leafDer.subarray(0, Math.floor(leafDer.length / 2)), "inspect", badDer);
  // A complete certificate followed by 16 garbage bytes: strict DER has nothing after the outer SEQUENCE.
  add("DER with trailing garbage", "leaf-tail.der", Buffer.concat([leafDer, pseudoRandom(16, "tail")]), "inspect",
    /trailing|extra|garbage|after|left ?over|corrupt|malformed|invalid/);
  // (Skipped: a certificate with one flipped byte in the signature parses fine; that is a verify failure, not bad input.)

  // --- inspect: text files that are not certificates ---
  // `openssl x509 -text -noout` output: looks like a certificate to a human, holds no PEM block.
  writeFileSync(path.join(dir, "leaf-info.txt"), valid("leaf.txt"));
  add("openssl -text dump without the PEM", "leaf-info.txt", null, "inspect", noPem);
  // A JSON document (e.g. a manifest.json) given by mistake.
  add("JSON file", "settings.json", JSON.stringify({ tool: "pkilab", certificates: [] }, null, 2), "inspect", /JSON|\bPEM\b|BEGIN|text|not a certificate|no certificate/);
  // A pkilab lab spec: an easy slip, since it sits beside the certificates.
  add("YAML lab spec", "lab.yaml", "version: 1\norg: Acme\nroot: { key: p384, cn: Acme Root CA }\nleaves:\n  - { role: server, name: localhost }\n",
    "inspect", /spec|\bPEM\b|BEGIN|text|not a certificate|no certificate/);
  // An nginx configuration: the file that names the certificate, not the certificate.
  add("nginx.conf", "nginx.conf", "events {}\nhttp {\n  server {\n    listen 8443 ssl;\n    ssl_certificate cert.pem;\n    ssl_certificate_key key.pem;\n  }\n}\n",
    "inspect", /configuration|config\b|\bPEM\b|BEGIN|text|not a certificate|no certificate/);

  // --- verify LEAF: something that is not a certificate where the leaf certificate belongs ---
  // PKCS#8 private key (BEGIN PRIVATE KEY) instead of the certificate.
  add("PKCS#8 private key as certificate", "pkcs8.key", leafKey.export({ type: "pkcs8", format: "pem" }), "verify-leaf", /private key/);
  // SEC1 key (BEGIN EC PRIVATE KEY), as `openssl ecparam -genkey` writes.
  add("SEC1 EC private key as certificate", "sec1.key", leafKey.export({ type: "sec1", format: "pem" }), "verify-leaf", /private key/);
  // PKCS#1 RSA key (BEGIN RSA PRIVATE KEY), as older tools write.
  add("PKCS#1 RSA private key as certificate", "rsa-pkcs1.key", rsaKey.export({ type: "pkcs1", format: "pem" }), "verify-leaf", /private key/);
  // A PKCS#8 private key in DER: no label to go by, the ASN.1 must tell.
  add("DER private key as certificate", "secret.der", leafKey.export({ type: "pkcs8", format: "der" }), "verify-leaf", /private key/);
  // A CSR: the request, not the certificate issued for it.
  writeFileSync(path.join(dir, "leaf-req.pem"), valid("leaf.csr"));
  add("CSR as certificate", "leaf-req.pem", null, "verify-leaf", /\bCSR\b|certificate request|signing request|PKCS ?#?10/);
  // A public key (BEGIN PUBLIC KEY): half of what a certificate holds.
  add("public key as certificate", "pubkey.pem", createPublicKey(leafKey).export({ type: "spki", format: "pem" }), "verify-leaf", /public key/);
  // A CRL: signed by the CA, but a revocation list, not a certificate.
  writeFileSync(path.join(dir, "revocations.pem"), valid("crl.pem"));
  add("CRL as certificate", "revocations.pem", null, "verify-leaf", /\bCRL\b|revocation list/);
  // PKCS#12 with the wrong password: must say the password is wrong, not "bad file".
  writeFileSync(path.join(dir, "bundle.p12"), valid("leaf.p12"));
  add("PKCS#12 with the wrong password", "bundle.p12", null, "verify-leaf", /password|passphrase|\bMAC\b|decrypt/, "not-the-password");
  // PKCS#12 and no password at all: must ask for --password / --password-file.
  writeFileSync(path.join(dir, "bundle-nopass.p12"), valid("leaf.p12"));
  add("PKCS#12 without a password", "bundle-nopass.p12", null, "verify-leaf", /password|passphrase/);
  // A directory where a file belongs (EISDIR must not surface as a stack trace).
  mkdirSync(path.join(dir, "certs.d"));
  // verify takes a directory of certificates: an empty one is the error.
  add("directory as file", "certs.d", null, "verify-leaf", /directory|folder|not a file|holds no certificate file/);
  // A path that does not exist (ENOENT).
  add("path that does not exist", "absent.pem", null, "verify-leaf", /no such file|not found|does not exist|missing|cannot find/);
  // 0 bytes as the leaf too: verify reads files through its own path.
  add("empty file as leaf", "leaf-zero.pem", "", "verify-leaf", /empty|0 bytes|no data|nothing/);
  // (Skipped: a file without read permission: the tests run as root, so chmod 000 does not block reading.)

  // --- verify --ca: the CA file is wrong ---
  // Only the CA's private key in the CA file: the certificate was meant.
  writeFileSync(path.join(dir, "ca-bundle.pem"), valid("ca.key"));
  add("CA file holding only a private key", "ca-bundle.pem", null, "verify-ca", /private key/);
  // An empty CA file: nothing to trust.
  add("empty CA file", "ca-zero.pem", "", "verify-ca", /empty|0 bytes|no data|nothing|no certificate/);
  // A CA file of garbage DER inside a CERTIFICATE block.
  add("CA file with garbage DER", "ca-noise.pem", pem("CERTIFICATE", pseudoRandom(500, "ca-der")), "verify-ca", badDer);
  // A CA path that is missing.
  add("CA path that does not exist", "ca-absent.pem", null, "verify-ca", /no such file|not found|does not exist|missing|cannot find/);

  // --- verify --chain: the chain file is wrong ---
  // An empty --chain file: given on purpose, it must hold at least one certificate.
  add("empty chain file", "chain-zero.pem", "", "verify-chain", /empty|0 bytes|no data|nothing|no certificate/);
  // A --chain file with a key instead of intermediates.
  writeFileSync(path.join(dir, "chain-key.pem"), valid("ca.key"));
  add("chain file holding a private key", "chain-key.pem", null, "verify-chain", /private key/);

  // --- verify --key: the key file is wrong ---
  // An encrypted PKCS#8 key and no password: must ask for --password / --password-file.
  add("encrypted PKCS#8 key without password", "locked.key",
    leafKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "s3cret" }), "verify-key",
    /password|passphrase|encrypted/);
  // The same key with the wrong password.
  add("encrypted PKCS#8 key with the wrong password", "locked-2.key",
    leafKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "s3cret" }), "verify-key",
    /password|passphrase|decrypt/, "wrong");
  // A certificate given as --key: the key was meant.
  writeFileSync(path.join(dir, "leaf-copy.pem"), leafPem);
  add("certificate as --key", "leaf-copy.pem", null, "verify-key", /certificate|not a (?:private )?key/);
  // A public key given as --key: it cannot prove possession.
  add("public key as --key", "pub.pem", createPublicKey(leafKey).export({ type: "spki", format: "pem" }), "verify-key",
    /public key|not a private key/);
  // An empty key file: the line must say a (private) key was expected here, not a certificate.
  add("empty key file", "key-zero.key", "", "verify-key", /(?:empty|0 bytes|no data|nothing).*\bkey\b|\bkey\b.*(?:empty|0 bytes|no data|nothing)/);

  return cases;
}
