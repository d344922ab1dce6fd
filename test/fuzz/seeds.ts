// The valid inputs the fuzzer starts from: files in the repository (fixtures/), a lab made by the
// real `pkilab init` in a temporary folder, what the real openssl makes from that lab (CSRs, a CRL,
// PKCS#7 and PKCS#12 bundles, keys in every encoding), and a ClientHello the real `openssl s_client`
// sends on loopback, with its -msg/-debug output. Made once per run, in a temporary folder.
import { spawn, spawnSync } from "node:child_process";
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { REPO_ROOT, runCli } from "../helpers/cli.js";
import { indentedDetails } from "../helpers/wireshark-text.js";
import { requireProgram } from "../helpers/peers.js";
import { FUZZ_PASSWORD, MBEDTLS_SDK_FILE, NGINX_DIR } from "./constants.js";
import type { Seed, Structure } from "./mutations.js";
import { frame, RENDERS, unframe, type RenderName } from "./tls.js";

/** Every seed of a run, by target name, and the files the worker's scratch directory needs. */
export interface SeedSet {
  byTarget: Record<string, Seed[]>;
  setupFiles: Record<string, string>;
  /** Paths of lab files the CLI check pairs a fuzzed file with. */
  lab: { ca: string; clientCert: string; serverCert: string; serverChain: string };
}

const DER: Structure = { kind: "der" };
const PEM: Structure = { kind: "pem" };
const TEXT: Structure = { kind: "text" };
const BINARY: Structure = { kind: "binary" };

const bytes = (b: Uint8Array | string): Uint8Array => new Uint8Array(typeof b === "string" ? Buffer.from(b, "latin1") : b);
const fixture = (relative: string): Uint8Array => new Uint8Array(readFileSync(path.join(REPO_ROOT, relative)));

function openssl(cwd: string, args: string[], input?: string): Buffer {
  const result = spawnSync("openssl", args, { cwd, input, maxBuffer: 1 << 26 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`openssl ${args.join(" ")} failed: ${result.stderr.toString()}`);
  return result.stdout;
}

/** DER of the first PEM block of a file. */
function pemToDer(pem: Uint8Array | string): Uint8Array {
  const text = typeof pem === "string" ? pem : Buffer.from(pem).toString("latin1");
  const body = /-----BEGIN [^-]+-----([\s\S]*?)-----END /.exec(text)?.[1];
  if (!body) throw new Error("no PEM block in a seed");
  return new Uint8Array(Buffer.from(body, "base64"));
}

/** PEM and DER seeds of one value (`pem` as openssl or Node wrote it). */
function both(name: string, pem: string | Uint8Array): { pem: Seed; der: Seed } {
  return { pem: { name: `${name} (PEM)`, bytes: bytes(pem), structure: PEM }, der: { name: `${name} (DER)`, bytes: pemToDer(pem), structure: DER } };
}

export async function makeSeeds(work: string): Promise<SeedSet> {
  requireProgram("openssl");
  mkdirSync(work, { recursive: true });
  const labDir = path.join(work, "lab");
  // Mixed key types, as README's example: an RSA root, a P-384 intermediate, P-256 leaves.
  const init = runCli(["init", labDir, "--root-key", "rsa2048", "--intermediate-key", "p384", "--leaf-key", "p256", "--server", "localhost,127.0.0.1,::1", "--client", "client", "--device", "sensor-1"]);
  if (init.code !== 0) throw new Error(`pkilab init failed: ${init.stderr}`);
  const lab = (relative: string): string => path.join(labDir, relative);
  const labText = (relative: string): string => readFileSync(lab(relative), "latin1");
  const run = (args: string[], input?: string): Buffer => openssl(work, args, input);

  // --- certificates ---
  const certPem: Seed[] = [];
  const certDer: Seed[] = [];
  const addCert = (name: string, pem: string): void => {
    const s = both(name, pem);
    certPem.push(s.pem);
    certDer.push(s.der);
  };
  addCert("lab: ca.pem (RSA root)", labText("ca.pem"));
  addCert("lab: intermediate-1/cert.pem (P-384)", labText("intermediate-1/cert.pem"));
  addCert("lab: servers/localhost/cert.pem (SANs with IPs)", labText("servers/localhost/cert.pem"));
  addCert("fixtures/mbedtls/seed-000-ecdhe-ecdsa-only-vs-rsa-server/leaf.pem", readFileSync(path.join(REPO_ROOT, "fixtures/mbedtls/seed-000-ecdhe-ecdsa-only-vs-rsa-server/leaf.pem"), "latin1"));
  addCert("fixtures/mbedtls/seed-002-p521-key-small-device/leaf.pem", readFileSync(path.join(REPO_ROOT, "fixtures/mbedtls/seed-002-p521-key-small-device/leaf.pem"), "latin1"));
  certPem.push(
    { name: "lab: clients/client/fullchain.pem (three blocks)", bytes: bytes(labText("clients/client/fullchain.pem")), structure: PEM },
    { name: "fixtures/nginx-mtls/seed-003-two-intermediates-depth-2/chain.pem", bytes: fixture("fixtures/nginx-mtls/seed-003-two-intermediates-depth-2/chain.pem"), structure: PEM },
    // `openssl x509 -text` output: text around the PEM block, as people paste it.
    { name: "openssl x509 -text of the client certificate", bytes: bytes(run(["x509", "-in", lab("clients/client/cert.pem"), "-text"])), structure: PEM },
    { name: "openssl x509 -trustout (TRUSTED CERTIFICATE)", bytes: bytes(run(["x509", "-in", lab("ca.pem"), "-trustout", "-addtrust", "clientAuth"])), structure: PEM },
    // Every field of the trust settings pkilab reads (src/model/aux-trust.ts): trust, reject, alias.
    { name: "openssl x509 -addtrust -addreject -setalias (TRUSTED CERTIFICATE)", bytes: bytes(run(["x509", "-in", lab("ca.pem"), "-addtrust", "serverAuth", "-addreject", "clientAuth", "-setalias", "lab root"])), structure: PEM },
  );

  // --- PKCS#7 ---
  const p7 = run(["crl2pkcs7", "-nocrl", "-certfile", lab("clients/client/fullchain.pem")]);
  const pkcs7 = [both("openssl crl2pkcs7 -nocrl of fullchain.pem", p7)];

  // --- CSR and CRL, made by openssl from the lab's keys ---
  const csrEc = run(["req", "-new", "-key", lab("clients/client/key.pem"), "-subj", "/CN=fuzz.test/O=pkilab fuzz", "-addext", "subjectAltName=DNS:fuzz.test,IP:10.0.0.1,email:a@fuzz.test"]);
  const csrRsa = run(["req", "-new", "-key", lab("root/key.pem"), "-subj", "/CN=rsa.fuzz.test"]);
  const crlPem = makeCrl(work, lab);
  const crl = [both("openssl ca -gencrl with one revoked certificate", crlPem)];

  // --- PKCS#12 ---
  const p12 = (name: string, extra: string[], options: { password?: string; refusedBecause?: string } = {}): Seed => {
    const out = path.join(work, `${name.replace(/\W+/g, "-")}.p12`);
    run(["pkcs12", "-export", "-in", lab("clients/client/cert.pem"), "-inkey", lab("clients/client/key.pem"), "-certfile", lab("clients/client/chain.pem"), "-passout", `pass:${options.password ?? FUZZ_PASSWORD}`, "-out", out, ...extra]);
    return { name: `openssl pkcs12 -export ${name}`, bytes: new Uint8Array(readFileSync(out)), structure: DER, ...(options.refusedBecause ? { refusedBecause: options.refusedBecause } : {}) };
  };
  const pkcs12 = [
    p12("(OpenSSL 3 defaults: PBES2 AES-256, SHA-256 MAC)", []),
    p12("-legacy (RC2/3DES, SHA-1 MAC)", ["-legacy"], { refusedBecause: "pkilab does not decrypt legacy PKCS#12 encryption and says how to convert the file (README)" }),
    p12("-nomac", ["-nomac"]),
    p12("with the empty password", [], { password: "", refusedBecause: "the entry points pass the fuzz password, which is the wrong one for this file" }),
  ];

  // --- keys ---
  const ec = createPrivateKey(readFileSync(lab("clients/client/key.pem")));
  const ecP384 = createPrivateKey(readFileSync(lab("intermediate-1/key.pem")));
  const rsa = createPrivateKey(readFileSync(lab("root/key.pem")));
  const ed = generateKeyPairSync("ed25519").privateKey;
  const exported = (key: KeyObject, type: "pkcs8" | "sec1" | "pkcs1", cipher?: string): { pem: string; der: Uint8Array } => ({
    pem: String(key.export({ type, format: "pem", ...(cipher ? { cipher, passphrase: FUZZ_PASSWORD } : {}) })),
    der: new Uint8Array(key.export({ type, format: "der", ...(cipher && type === "pkcs8" ? { cipher, passphrase: FUZZ_PASSWORD } : {}) })),
  });
  const keySeeds = (name: string, key: KeyObject, type: "pkcs8" | "sec1" | "pkcs1", cipher?: string): Seed[] => {
    const e = exported(key, type, cipher);
    return [
      { name: `${name} (PEM)`, bytes: bytes(e.pem), structure: PEM },
      { name: `${name} (DER)`, bytes: e.der, structure: DER },
    ];
  };
  const pkcs8 = [
    ...keySeeds("PKCS#8 P-256 (the lab's key)", ec, "pkcs8"),
    ...keySeeds("PKCS#8 RSA-2048", rsa, "pkcs8"),
    ...keySeeds("PKCS#8 Ed25519", ed, "pkcs8"),
  ];
  const encrypted = [
    ...keySeeds("encrypted PKCS#8 P-256 (Node, PBES2 AES-256-CBC)", ec, "pkcs8", "aes-256-cbc"),
    ...[
      ["openssl pkcs8 -v2 aes-128-cbc -iter 1000", ["-v2", "aes-128-cbc", "-iter", "1000"]],
      ["openssl pkcs8 -v1 PBE-SHA1-3DES", ["-v1", "PBE-SHA1-3DES"]],
      ["openssl pkcs8 -scrypt", ["-scrypt"]],
    ].flatMap(([name, args]) => {
      const pem = run(["pkcs8", "-topk8", "-in", lab("clients/client/key.pem"), "-passout", `pass:${FUZZ_PASSWORD}`, ...(args as string[])]);
      return Object.values(both(name as string, pem));
    }),
    // OpenSSL's legacy PEM encryption (Proc-Type/DEK-Info headers, RFC 1421).
    { name: "legacy encrypted EC PRIVATE KEY (DEK-Info AES-128-CBC)", bytes: bytes(exported(ec, "sec1", "aes-128-cbc").pem), structure: PEM },
  ];
  const sec1 = [
    ...keySeeds("SEC1 P-256", ec, "sec1"),
    ...keySeeds("SEC1 P-384", ecP384, "sec1"),
    { name: "openssl ecparam -genkey (EC PARAMETERS + EC PRIVATE KEY)", bytes: bytes(run(["ecparam", "-name", "prime256v1", "-genkey"])), structure: PEM },
  ];
  const pkcs1 = [...keySeeds("PKCS#1 RSA-2048", rsa, "pkcs1")];
  const spki = (name: string, key: KeyObject, type: "spki" | "pkcs1" = "spki"): Seed[] => {
    const pub = createPublicKey(key);
    return [
      { name: `${name} (PEM)`, bytes: bytes(String(pub.export({ type, format: "pem" }))), structure: PEM },
      { name: `${name} (DER)`, bytes: new Uint8Array(pub.export({ type, format: "der" })), structure: DER },
    ];
  };
  // PKCS#1 RSAPublicKey as PEM only: pkilab recognises DER public keys by the SPKI shape.
  const publicKeys = [...spki("SPKI P-256", ec), ...spki("SPKI RSA-2048", rsa), ...spki("SPKI Ed25519", ed), spki("RSA PUBLIC KEY (PKCS#1)", rsa, "pkcs1")[0]!];

  // --- ClientHellos ---
  const live = await captureOpensslHello(work, lab);
  const hellos: { name: string; record: Uint8Array }[] = [
    { name: "fixtures/client-hello/seed-000 (mbedTLS on an STM32)", record: dumpBytes(readFileSync(path.join(REPO_ROOT, "fixtures/client-hello/seed-000-one-ecdsa-suite-vs-rsa-server/client-hello.txt"), "latin1")) },
    { name: "test/fuzz/data/tls12-p256-only-hello.hex (a TLS 1.2 hello offering secp256r1 only, shaped like seed 001's)", record: hexBytes(readFileSync(path.join(REPO_ROOT, "test/fuzz/data/tls12-p256-only-hello.hex"), "latin1")) },
    { name: "openssl s_client on loopback (TLS 1.3)", record: live.record },
  ];
  const tls = (framing: "records" | "handshake", render: RenderName, split?: number): Seed[] =>
    hellos.map(({ name, record }) => {
      const hello = unframe(record);
      if (!hello) throw new Error(`${name}: not a TLS record`);
      const framed = framing === "handshake" ? hello : split ? frame(hello, split) : record;
      return { name: `${name}, ${render}${split ? `, records of ${split} bytes` : ""}`, bytes: RENDERS[render](framed), structure: { kind: "tls", framing, render }, hello };
    });

  // --- text formats ---
  const dir = (relative: string): Seed[] =>
    readdirSync(path.join(REPO_ROOT, relative))
      .filter((f) => !f.endsWith(".md"))
      .sort()
      .map((f) => ({ name: `${relative}/${f}`, bytes: fixture(`${relative}/${f}`), structure: TEXT }));
  const logs = [...dir("fixtures/logs").filter((s) => s.name.endsWith(".log")), ...dir("fixtures/nginx-logs")];
  const configs: Seed[] = [
    ...dir("fixtures/mbedtls-config").map((s) =>
      s.name.endsWith("board_mbedtls_config.h") ? { ...s, refusedBecause: "it is read after board_sdkconfig.h (fixtures/mbedtls-config/README.md); the second entry point does that" } : s,
    ),
    { name: "fixtures/mbedtls/seed-000-ecdhe-ecdsa-only-vs-rsa-server/config.h", bytes: fixture("fixtures/mbedtls/seed-000-ecdhe-ecdsa-only-vs-rsa-server/config.h"), structure: TEXT },
    { name: "fixtures/logs/seed-002-device-config.h", bytes: fixture("fixtures/logs/seed-002-device-config.h"), structure: TEXT },
  ];

  // wolfSSL: a user_settings.h of a small device and an options.h as ./configure writes it (their shapes).
  const wolfsslConfigs: Seed[] = [
    {
      name: "wolfSSL user_settings.h: ECC-only device, conditionals, sizes",
      bytes: bytes(
        [
          "#ifndef USER_SETTINGS_H", "#define USER_SETTINGS_H", "#define WOLFSSL_USER_SETTINGS_VERSION 2", "#define HAVE_ECC", "#define ECC_USER_CURVES",
          "#define HAVE_ECC384", "#undef NO_ECC256", "#define NO_RSA", "#define NO_SHA", "#define WOLFSSL_SHA384",
          "#if WOLFSSL_USER_SETTINGS_VERSION >= 2", "  #define MAX_CHAIN_DEPTH 4", "#else", "  #define MAX_CHAIN_DEPTH 9", "#endif",
          "#define MAX_CERTIFICATE_SZ (4 * 1024)", "#define WOLFSSL_MIN_ECC_BITS 256", "#define NO_ASN_TIME", "#endif /* USER_SETTINGS_H */", "",
        ].join("\n"),
      ),
      structure: TEXT,
    },
    {
      name: "wolfSSL options.h as ./configure writes it",
      bytes: bytes(
        ["#ifndef WOLFSSL_OPTIONS_H", "#define WOLFSSL_OPTIONS_H", "#ifdef __cplusplus", 'extern "C" {', "#endif", "#undef  HAVE_ECC", "#define HAVE_ECC",
          "#undef  WOLFSSL_SHA384", "#define WOLFSSL_SHA384", "#undef  OPENSSL_ALL", "#define OPENSSL_ALL", "#undef  WOLFSSL_ALT_CERT_CHAINS", "#define WOLFSSL_ALT_CERT_CHAINS",
          "#ifdef __cplusplus", "}", "#endif", "#endif /* WOLFSSL_OPTIONS_H */", ""].join("\n"),
      ),
      structure: TEXT,
    },
  ];

  // nginx: the server block `pkilab export --nginx` writes, included from a main nginx.conf as admins do.
  const exportFile = path.join(work, "mtls.conf");
  const exported_ = runCli(["export", "--nginx", "--lab", labDir, "-o", exportFile]);
  if (exported_.code !== 0) throw new Error(`pkilab export --nginx failed: ${exported_.stderr}`);
  const serverBlock = readFileSync(exportFile, "latin1");
  const nginx: Seed[] = [
    { name: "nginx.conf including conf.d/*.conf (pkilab export --nginx)", bytes: bytes(`events {}\nhttp {\n    include conf.d/*.conf;\n}\n`), structure: TEXT },
    { name: "nginx.conf with the exported server block inline", bytes: bytes(`worker_processes 1;\nevents { worker_connections 64; }\nhttp {\n${serverBlock}}\n`), structure: TEXT },
    {
      name: "nginx.conf: http-level verify settings, two servers, an include inside a server",
      bytes: bytes(
        [
          "events {}",
          "http {",
          "    ssl_verify_client optional;  # inherited by both servers",
          "    ssl_verify_depth 2;",
          "    ssl_client_certificate ca.pem;",
          "    server {",
          "        listen 443 ssl default_server;",
          "        listen [::]:443 ssl;",
          '        server_name localhost "api.test" *.fuzz.test ~^(?<n>.+)\\.test$;',
          "        ssl_certificate cert.pem;",
          "        ssl_certificate_key key.pem;",
          "        include conf.d/tls-extra.conf;",
          "    }",
          "    server {",
          "        listen 8443 ssl;",
          "        server_name other.test;",
          "        ssl_verify_client on;",
          "        ssl_trusted_certificate 'chain.pem';",
          "        location / { return 200 'ok;{}'; }",
          "    }",
          "}",
          "",
        ].join("\n"),
      ),
      structure: TEXT,
    },
  ];
  const setupFiles = {
    [MBEDTLS_SDK_FILE]: readFileSync(path.join(REPO_ROOT, "fixtures/mbedtls-config/board_sdkconfig.h"), "latin1"),
    [`${NGINX_DIR}/conf.d/mtls.conf`]: serverBlock,
    [`${NGINX_DIR}/conf.d/tls-extra.conf`]: "ssl_protocols TLSv1.2 TLSv1.3;\nssl_verify_depth 3;\n",
  };

  const byTarget: Record<string, Seed[]> = {
    "certificate-pem": certPem,
    "certificate-der": certDer,
    pkcs7: pkcs7.flatMap((s) => [s.pem, s.der]),
    pkcs12,
    "key-pkcs8": pkcs8,
    "key-pkcs8-encrypted": encrypted,
    "key-sec1": sec1,
    "key-pkcs1": pkcs1,
    "public-key": publicKeys,
    csr: [...Object.values(both("openssl req, P-256 with SANs", csrEc)), ...Object.values(both("openssl req, RSA-2048", csrRsa))],
    crl: crl.flatMap((s) => [s.pem, s.der]),
    "client-hello-record": [...tls("records", "binary"), ...tls("records", "binary", 40)],
    "client-hello-handshake": tls("handshake", "binary"),
    "client-hello-mbedtls-dump": [
      // The fixture itself, byte for byte, besides the same layout made from the other hellos.
      { name: "fixtures/client-hello/seed-000-one-ecdsa-suite-vs-rsa-server/client-hello.txt", bytes: fixture("fixtures/client-hello/seed-000-one-ecdsa-suite-vs-rsa-server/client-hello.txt"), structure: { kind: "tls", framing: "records", render: "mbedtls" }, hello: unframe(hellos[0]!.record)! },
      ...tls("records", "mbedtls").slice(1),
    ],
    "client-hello-hex-dump": [...tls("records", "wireshark"), ...tls("handshake", "wireshark"), ...tls("records", "xxd"), ...tls("records", "hexdump"), ...tls("records", "openssl-debug"),
      // tshark -r tls12-alpn-split.pcap -x: whole frames, the hello spanning two of them.
      { name: "test/fuzz/data/tls12-alpn-split-x.txt (tshark -x frames)", bytes: fixture("test/fuzz/data/tls12-alpn-split-x.txt"), structure: TEXT },
    ],
    "client-hello-hex": [
      { name: "test/fuzz/data/tls12-p256-only-hello.hex", bytes: fixture("test/fuzz/data/tls12-p256-only-hello.hex"), structure: { kind: "tls", framing: "records", render: "hex-upper-wrapped" }, hello: unframe(hexBytes(readFileSync(path.join(REPO_ROOT, "test/fuzz/data/tls12-p256-only-hello.hex"), "latin1")))! },
      ...tls("records", "plain-hex"),
      ...tls("records", "hex-spaces"),
      ...tls("records", "hex-colons"),
      ...tls("records", "c-array"),
    ],
    "client-hello-openssl-output": [
      { name: "openssl s_client -msg -debug on loopback (whole output)", bytes: bytes(live.output), structure: TEXT },
      { name: "openssl s_client -debug on loopback (the ClientHello's dump)", bytes: bytes(live.debug), structure: TEXT },
      { name: "fixtures/logs/seed-000-mbedtls-debug.log", bytes: fixture("fixtures/logs/seed-000-mbedtls-debug.log"), structure: TEXT },
    ],
    // Captures made by real tcpdump and tshark on loopback (openssl s_client -groups P-256 → s_server); the
    // split one went through a relay that sent the hello in two TCP segments (test/peers/client-hello-pcap.test.ts makes them the same way).
    "client-hello-pcap": [
      { name: "test/fuzz/data/tls12-p256-only.pcap (tcpdump -i lo -w)", bytes: fixture("test/fuzz/data/tls12-p256-only.pcap"), structure: BINARY },
      { name: "test/fuzz/data/tls12-p256-only.pcapng (tshark -i lo -F pcapng -w)", bytes: fixture("test/fuzz/data/tls12-p256-only.pcapng"), structure: BINARY },
      { name: "test/fuzz/data/tls12-alpn-split.pcap (a hello in two TCP segments)", bytes: fixture("test/fuzz/data/tls12-alpn-split.pcap"), structure: BINARY },
    ],
    "client-hello-wireshark-text": [
      { name: "fixtures/logs/seed-001-exchange-client-hello.txt (tshark text as posted, flattened)", bytes: fixture("fixtures/logs/seed-001-exchange-client-hello.txt"), structure: TEXT },
      { name: "the same, indented as in Wireshark's packet details", bytes: bytes(indentedDetails(fixture("fixtures/logs/seed-001-exchange-client-hello.txt"))), structure: TEXT },
    ],
    // A server's first TLS 1.2 flight as probe reads it: captured from openssl s_server on loopback
    // (pkilab init labs, P-256 with -Verify and a CA file, and RSA-2048) after probe's own ClientHello.
    "tls-flight": [
      { name: "test/fuzz/data/tls12-server-flight-certificate-request.bin", bytes: fixture("test/fuzz/data/tls12-server-flight-certificate-request.bin"), structure: { kind: "tls", framing: "records", render: "binary" } },
      { name: "test/fuzz/data/tls12-server-flight-rsa.bin", bytes: fixture("test/fuzz/data/tls12-server-flight-rsa.bin"), structure: { kind: "tls", framing: "records", render: "binary" } },
    ],
    log: logs,
    "nginx-conf": nginx,
    "mbedtls-config": configs,
    "wolfssl-config": [...wolfsslConfigs, ...configs],
    "c-preprocessor": configs,
  };
  return {
    byTarget,
    setupFiles,
    lab: { ca: lab("ca.pem"), clientCert: lab("clients/client/cert.pem"), serverCert: lab("servers/localhost/cert.pem"), serverChain: lab("servers/localhost/chain.pem") },
  };
}

/** A CRL (RFC 5280 5.1) from `openssl ca -gencrl`, issued by the lab's intermediate, revoking the client certificate. */
function makeCrl(work: string, lab: (relative: string) => string): string {
  const dir = path.join(work, "crl");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "index.txt"), "");
  writeFileSync(path.join(dir, "crlnumber"), "01\n");
  writeFileSync(
    path.join(dir, "openssl.cnf"),
    ["[ca]", "default_ca = lab", "[lab]", "database = index.txt", "crlnumber = crlnumber", "default_md = sha256", "default_crl_days = 30", ""].join("\n"),
  );
  const common = ["-config", "openssl.cnf", "-keyfile", lab("intermediate-1/key.pem"), "-cert", lab("intermediate-1/cert.pem")];
  openssl(dir, ["ca", ...common, "-revoke", lab("clients/client/cert.pem"), "-crl_reason", "keyCompromise"]);
  return openssl(dir, ["ca", ...common, "-gencrl"]).toString("latin1");
}

/** The bytes of an mbedTLS debug dump ("0000:  16 03 ...  ascii"): the hex columns only. */
function dumpBytes(text: string): Uint8Array {
  const hex = text
    .split("\n")
    .map((line) => /^[0-9a-f]{4}:\s((?:\s[0-9a-f]{2}){1,16})/.exec(line)?.[1] ?? "")
    .join("")
    .replace(/\s+/g, "");
  return new Uint8Array(Buffer.from(hex, "hex"));
}

const hexBytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/[^0-9a-fA-F]/g, ""), "hex"));

/**
 * The ClientHello `openssl s_client -msg -debug` sends to a TCP server on 127.0.0.1 that closes the
 * connection once the hello is in, and what s_client printed about it.
 */
async function captureOpensslHello(work: string, lab: (relative: string) => string): Promise<{ record: Uint8Array; output: string; debug: string }> {
  const server = net.createServer();
  const received = new Promise<Buffer>((resolve) => {
    server.once("connection", (socket) => {
      let data = Buffer.alloc(0);
      socket.on("error", () => undefined);
      socket.on("data", (chunk: Buffer) => {
        data = Buffer.concat([data, chunk]);
        if (data.length >= 5 && data.length >= 5 + data.readUInt16BE(3)) {
          socket.destroy();
          resolve(data.subarray(0, 5 + data.readUInt16BE(3)));
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  const output = await new Promise<string>((resolve) => {
    const child = spawn("openssl", ["s_client", "-connect", `127.0.0.1:${port}`, "-servername", "localhost", "-CAfile", lab("ca.pem"), "-msg", "-debug"], { cwd: work });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString("latin1")));
    child.stderr.on("data", (d: Buffer) => (out += d.toString("latin1")));
    child.stdin.end();
    child.on("close", () => resolve(out));
  });
  const record = await received;
  server.close();
  // The -debug dump of the hello alone: "write to ..." and the "0000 - ..." lines under it.
  const lines = output.split("\n");
  const start = lines.findIndex((l) => l.startsWith("write to "));
  if (start < 0 || !output.includes(">>> ")) throw new Error(`openssl s_client printed no -debug/-msg dump of its ClientHello:\n${output}`);
  let end = start + 1;
  while (end < lines.length && /^[0-9a-f]{4} - /.test(lines[end]!)) end++;
  return { record: new Uint8Array(record), output, debug: `${lines.slice(start, end).join("\n")}\n` };
}
