// The entry points each fuzz target drives, run inside the worker (worker.ts). Every entry says
// what it may throw on bad input:
// - "input-error": pkilab's own InputError, one line (the io/ and peers/ readers, explainLog, and
//   inspectFiles, which turns every problem of a file into a one-line report error). These are
//   what the CLI calls, so anything else reaching them is a bug ("internal error" in the CLI).
// - "der-error" / "certificate-parse-error" / "preprocess-error": the model functions (src/model/*,
//   the C preprocessor) document their own error class; the io/ layer above wraps it into an
//   InputError, which the "input-error" entries check.
// - "never-throws": scanners that skip what they cannot read (eventsInQuery).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { explainLog } from "../../src/app/explain-log.js";
import { readClientHello } from "../../src/app/read-client-hello.js";
import { DerError } from "../../src/asn1/der-reader.js";
import { eventsInQuery } from "../../src/explain/events.js";
import { renderLogReport } from "../../src/explain/render.js";
import { renderClientHello } from "../../src/inspect/client-hello.js";
import { inspectFiles } from "../../src/app/inspect.js";
import { renderInspectReport } from "../../src/inspect/render.js";
import { buildForest, renderForest } from "../../src/inspect/tree.js";
import { InputError } from "../../src/io/input-error.js";
import { readPkcs12 } from "../../src/io/pkcs12.js";
import { readPkcs7Certificates } from "../../src/io/pkcs7.js";
import { describePrivateKeyFile, readPrivateKeyFile } from "../../src/io/private-key.js";
import { readCertificateFile, readMaterial } from "../../src/io/read.js";
import { parseCertificate } from "../../src/model/certificate.js";
import { parseCrl } from "../../src/model/crl.js";
import { parseCsr } from "../../src/model/csr.js";
import { parsePublicKeyInfo } from "../../src/model/public-key.js";
import { preprocess } from "../../src/peers/parse/c-preprocessor.js";
import { findClientHellos, parseClientHello } from "../../src/peers/parse/client-hello.js";
import {
  decodeCertificateMessage,
  decodeCertificateRequest,
  HANDSHAKE,
  HandshakeStream,
  ServerFlightReader,
} from "../../src/peers/parse/tls-messages.js";
import { openHandshakeRecords } from "../../src/peers/parse/tls13-records.js";
import { readMbedtlsConfig } from "../../src/app/read-mbedtls-config.js";
import { readWolfsslConfig } from "../../src/app/read-wolfssl-config.js";
import { readNginxTls } from "../../src/app/read-nginx-conf.js";
import { FUZZ_AT, FUZZ_PASSWORD, MBEDTLS_SDK_FILE, NGINX_DIR } from "./constants.js";

export type Expectation = "input-error" | "der-error" | "certificate-parse-error" | "preprocess-error" | "never-throws";

export interface EntryContext {
  /** The worker's scratch directory: inputs are written here for the entry points that read files. */
  dir: string;
}

export interface Entry {
  name: string;
  expect: Expectation;
  /** A valid seed may still be refused (inspect without the password of an encrypted file). */
  seedMayFail?: boolean;
  run(input: Uint8Array, context: EntryContext): unknown;
}

/** Writes the input where file-reading entry points find it. */
function inputFile(input: Uint8Array, context: EntryContext, name = "input"): string {
  const file = path.join(context.dir, name);
  writeFileSync(file, input);
  return file;
}

/**
 * The DER values of an input with their PEM labels: each PEM block's body (found with indexOf and
 * decoded leniently by the harness, so hostile text costs linear time here), or the bytes as one
 * DER value (label undefined).
 */
function derValues(input: Uint8Array): { label?: string; der: Uint8Array }[] {
  const text = Buffer.from(input).toString("latin1");
  if (!text.includes("-----BEGIN ")) return [{ der: input }];
  const out: { label: string; der: Uint8Array }[] = [];
  for (let at = 0; ; ) {
    const begin = text.indexOf("-----BEGIN ", at);
    const labelEnd = begin < 0 ? -1 : text.indexOf("-----", begin + 11);
    const end = labelEnd < 0 ? -1 : text.indexOf("-----END ", labelEnd + 5);
    if (end < 0) return out;
    out.push({ label: text.slice(begin + 11, labelEnd), der: new Uint8Array(Buffer.from(text.slice(labelEnd + 5, end), "base64")) });
    at = end + 9;
  }
}

/** The DER values a model function is meant for: PEM blocks with one of `labels`, or DER input. */
const valuesFor = (input: Uint8Array, labels: string[]): Uint8Array[] =>
  derValues(input)
    .filter((v) => v.label === undefined || labels.includes(v.label))
    .map((v) => v.der);

const text = (input: Uint8Array): string => Buffer.from(input).toString("utf8");

// --- material: certificates, keys, CSRs, CRLs, bundles ---

/** `pkilab inspect [--tree] [--password]`: every file problem must come back as one report error. */
function inspect(password: string | undefined): Entry {
  return {
    name: password === undefined ? "inspectFiles" : "inspectFiles --password",
    expect: "input-error",
    seedMayFail: password === undefined,
    async run(input, context) {
      const { report, certificates } = await inspectFiles({ files: [inputFile(input, context)], at: FUZZ_AT, password });
      renderInspectReport(report);
      JSON.stringify(report);
      renderForest(buildForest(certificates), FUZZ_AT);
      // inspectFiles reports what it could not read instead of throwing: a report error is the InputError the CLI prints.
      const first = report.errors[0];
      if (first) throw new InputError(first.message);
    },
  };
}

const readCertificates: Entry = {
  name: "readCertificateFile",
  expect: "input-error",
  run: (input, context) => readCertificateFile(inputFile(input, context), { password: FUZZ_PASSWORD }),
};

const modelCertificate: Entry = {
  name: "parseCertificate",
  expect: "certificate-parse-error",
  run: (input) => valuesFor(input, ["CERTIFICATE", "X509 CERTIFICATE"]).map((der) => parseCertificate(der, "fuzz")),
};

const readKey: Entry = {
  name: "readPrivateKeyFile",
  expect: "input-error",
  run: (input, context) => readPrivateKeyFile(inputFile(input, context), FUZZ_PASSWORD),
};

const describeKey: Entry = {
  name: "describePrivateKeyFile",
  expect: "input-error",
  run: (input, context) => describePrivateKeyFile(inputFile(input, context)),
};

const material = (...extra: Entry[]): Entry[] => [inspect(FUZZ_PASSWORD), inspect(undefined), ...extra];

// --- ClientHello ---

const parseHelloBytes: Entry = { name: "parseClientHello", expect: "input-error", run: (input) => renderClientHello(parseClientHello(input, "fuzz"), "fuzz") };
const readHelloFile: Entry = { name: "readClientHello(file)", expect: "input-error", run: (input, context) => readClientHello(inputFile(input, context)) };
/** Skips what does not decode; past CLIENT_HELLO_LIMITS (the text's size) it refuses the whole text with an InputError. */
const findHellos: Entry = { name: "findClientHellos", expect: "input-error", run: (input) => findClientHellos(text(input)).map((h) => renderClientHello(h, "log")) };
/** `--client-hello HEX` given on the command line: one argument holds at most 128 KiB on Linux (MAX_ARG_STRLEN). */
const helloArgument: Entry = { name: "readClientHello(hex argument)", expect: "input-error", run: (input) => readClientHello(text(input).slice(0, 131072)) };
const clientHello = [parseHelloBytes, readHelloFile, findHellos];

/**
 * What `probe` does with a server's bytes (src/app/probe-tls12.ts): the stream fed in three uneven
 * chunks to the flight reader, which lays each message out by the version and suite the ServerHello chose.
 */
function decodeFlight(input: Uint8Array): number {
  const stream = new HandshakeStream("fuzz");
  const flight = new ServerFlightReader("fuzz");
  const cuts = [0, Math.floor(input.length / 3), Math.floor(input.length / 2) + 1, input.length];
  let tls13 = false;
  let decoded = 0;
  for (let i = 0; i < 3; i++) {
    for (const event of stream.push(input.subarray(cuts[i], Math.max(cuts[i]!, cuts[i + 1]!)))) {
      if (event.kind !== "handshake") continue;
      flight.take(event.message);
      // A TLS 1.3 ServerHello: what follows is laid out as TLS 1.3 messages (as probe reads an opened flight).
      if (flight.serverHello?.version === "TLS 1.3") tls13 = true;
      if (!tls13) continue;
      const { type, body } = event.message;
      if (type === HANDSHAKE.certificate) decoded += decodeCertificateMessage(body, "1.3", "fuzz").length;
      else if (type === HANDSHAKE.certificateRequest) decoded += decodeCertificateRequest(body, "1.3", "fuzz").caNames.length;
    }
  }
  return decoded + (flight.certificates?.length ?? 0) + (flight.certificateRequest?.caNames.length ?? 0);
}
const serverFlight: Entry = { name: "HandshakeStream + message decoders", expect: "input-error", run: (input) => decodeFlight(input) };
/** The TLS 1.3 record opener on bytes that are not ours: every protected record must fail its tag, one line. */
const tls13Records: Entry = { name: "openHandshakeRecords", expect: "input-error", run: (input) => openHandshakeRecords(input, "TLS_AES_128_GCM_SHA256", new Uint8Array(32).fill(7), "fuzz")?.length };

// --- logs, nginx.conf, mbedTLS configs ---

const explainLogEntry: Entry = {
  name: "explainLog",
  expect: "input-error",
  run: async (input, context) => renderLogReport(await explainLog({ file: inputFile(input, context, "input.log"), chainFiles: [], caFiles: [], at: FUZZ_AT })),
};
const explainQuery: Entry = { name: "eventsInQuery", expect: "never-throws", run: (input) => eventsInQuery(text(input).slice(0, 131072)) };

/** Writes nginx.conf into the directory the worker set up with conf.d/ (what the seeds include). */
function nginxConf(input: Uint8Array, context: EntryContext): string {
  const dir = path.join(context.dir, NGINX_DIR);
  mkdirSync(dir, { recursive: true });
  return inputFile(input, { dir }, "nginx.conf");
}
const readNginx: Entry = { name: "readNginxTls", expect: "input-error", run: (input, context) => readNginxTls(nginxConf(input, context)) };
const readNginxNamed: Entry = {
  name: "readNginxTls --nginx-server localhost",
  expect: "input-error",
  run: (input, context) => readNginxTls(nginxConf(input, context), { serverName: "localhost" }),
};

const readConfig: Entry = { name: "readMbedtlsConfig", expect: "input-error", run: (input, context) => readMbedtlsConfig([inputFile(input, context, "config.h")]) };
/** The input after an SDK header, as `--mbedtls-config board_sdkconfig.h --mbedtls-config FILE --mbedtls-version 2.28`. */
const readConfigAfterSdk: Entry = {
  name: "readMbedtlsConfig (after board_sdkconfig.h, 2.28)",
  expect: "input-error",
  run: (input, context) => readMbedtlsConfig([path.join(context.dir, MBEDTLS_SDK_FILE), inputFile(input, context, "config.h")], { version: "2.28" }),
};
const readWolfssl: Entry = { name: "readWolfsslConfig", expect: "input-error", run: (input, context) => readWolfsslConfig([inputFile(input, context, "user_settings.h")]) };
const preprocessEntry: Entry = { name: "preprocess", expect: "preprocess-error", run: (input) => preprocess([{ name: "fuzz.h", text: text(input) }]) };

/** The entry points of each target, by target name (targets.ts names the seeds). */
export const ENTRIES: Record<string, Entry[]> = {
  "certificate-pem": material(readCertificates, modelCertificate),
  "certificate-der": material(readCertificates, modelCertificate),
  // The bundles of one file, as the app reads them: readMaterial bounds their sum (IO_LIMITS.maxPkcs7BytesPerFile) first.
  pkcs7: material(readCertificates, {
    name: "readPkcs7Certificates",
    expect: "input-error",
    run: (input) => Promise.all(readMaterial(input, "fuzz").filter((item) => item.kind === "pkcs7").map((item) => readPkcs7Certificates(item.der, "fuzz"))),
  }),
  pkcs12: material(readCertificates, { name: "readPkcs12", expect: "input-error", run: (input) => readPkcs12(input, "fuzz", FUZZ_PASSWORD) }),
  "key-pkcs8": material(readKey, describeKey),
  "key-pkcs8-encrypted": material(readKey, describeKey),
  "key-sec1": material(readKey, describeKey),
  "key-pkcs1": material(readKey, describeKey),
  "public-key": material({ name: "parsePublicKeyInfo", expect: "der-error", run: (input) => valuesFor(input, ["PUBLIC KEY"]).map((der) => parsePublicKeyInfo(der)) }),
  csr: material({ name: "parseCsr", expect: "der-error", run: (input) => valuesFor(input, ["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"]).map((der) => parseCsr(der)) }),
  crl: material({ name: "parseCrl", expect: "der-error", run: (input) => valuesFor(input, ["X509 CRL"]).map((der) => parseCrl(der)) }),
  "client-hello-record": clientHello,
  "client-hello-handshake": clientHello,
  "client-hello-mbedtls-dump": clientHello,
  "client-hello-hex-dump": clientHello,
  "client-hello-hex": [...clientHello, helloArgument],
  "client-hello-openssl-output": clientHello,
  "client-hello-pcap": clientHello,
  "client-hello-wireshark-text": clientHello,
  "tls-flight": [serverFlight, tls13Records],
  log: [explainLogEntry, explainQuery, findHellos],
  "nginx-conf": [readNginx, readNginxNamed],
  "mbedtls-config": [readConfig, readConfigAfterSdk],
  "wolfssl-config": [readWolfssl],
  "c-preprocessor": [preprocessEntry],
};

/**
 * Entries that break on purpose, to check the harness notices each kind of failure (fuzz.test.ts).
 * Each misbehaves only on inputs longer than 3 bytes, so the same entry also shows a passing case.
 */
export const SELF_TEST_ENTRIES: Record<string, Entry[]> = {
  "self-test-type-error": [
    {
      name: "throws TypeError",
      expect: "input-error",
      run: (input) => {
        const missing: { kind: string } | undefined = input.length > 3 ? undefined : { kind: "ok" };
        return missing!.kind;
      },
    },
  ],
  "self-test-slow": [
    {
      name: "busy for 300 ms",
      expect: "never-throws",
      run: (input) => {
        const end = performance.now() + 300;
        while (input.length > 3 && performance.now() < end);
      },
    },
  ],
  "self-test-hang": [
    {
      name: "loops forever",
      expect: "input-error",
      run: (input) => {
        while (input.length > 3);
      },
    },
  ],
  "self-test-two-lines": [
    {
      name: "throws a two-line InputError",
      expect: "input-error",
      run: () => {
        // InputError escapes newlines itself (src/io/input-error.ts); the harness must still catch a message changed after.
        const error = new InputError("fuzz: first line");
        error.message = "fuzz: first line\nsecond line";
        throw error;
      },
    },
  ],
  "self-test-der-error-allowed": [
    {
      name: "model entry throwing DerError",
      expect: "der-error",
      run: () => {
        throw new DerError("fuzz: a model error");
      },
    },
  ],
};

/** How deep plain recursion goes on this thread (the harness checks the worker's stack is the main thread's). */
export function stackDepth(): number {
  let depth = 0;
  const down = (): void => {
    depth++;
    down();
  };
  try {
    down();
  } catch {
    // RangeError: Maximum call stack size exceeded is the measurement.
  }
  return depth;
}
