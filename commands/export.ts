import path from "node:path";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../src/cli/base-command.js";
import { passwordFlags, readPassword } from "../src/cli/flags.js";
import { InputError } from "../src/io/input-error.js";

export default class Export extends BaseCommand {
  static override summary = "Emit what the other side needs: the nginx mTLS block, a C header of certificate arrays for mbedTLS firmware, or the mbedTLS config lines.";
  static override examples = [
    "<%= config.bin %> export --nginx --lab pkilab-lab",
    "<%= config.bin %> export --nginx --lab pkilab-lab --server localhost --listen 8443 -o /etc/nginx/conf.d/mtls.conf",
    "<%= config.bin %> export --c-array --lab pkilab-lab --device dev-001 -o certs.h",
    "<%= config.bin %> export --c-array --ca ca.pem --der --name fleet -o fleet_certs.h --source",
    "<%= config.bin %> export --c-array --lab pkilab-lab --device dev-001 --crl -o certs.h",
    "<%= config.bin %> export --c-array --for wolfssl --ca ca.pem --der -o ca_certs.h",
    "<%= config.bin %> export --mbedtls-config --lab pkilab-lab --mbedtls-version 2.28 -o pkilab_user_config.h",
  ];
  static override flags = {
    nginx: Flags.boolean({ description: "An nginx server {} block for mTLS with the lab's files.", exactlyOne: ["nginx", "c-array", "mbedtls-config"] }),
    "c-array": Flags.boolean({ description: "A C header with the trust anchors, the device's certificate and chain (and key with --include-key) as mbedTLS-ready arrays.", exactlyOne: ["nginx", "c-array", "mbedtls-config"] }),
    "mbedtls-config": Flags.boolean({ description: "The mbedTLS #define lines a device needs for the lab's chains (curves, key exchange, hashes, MPI size, record sizes), each with why.", exactlyOne: ["nginx", "c-array", "mbedtls-config"] }),
    "server-chain": Flags.string({ description: "--mbedtls-config: the chain of the server the device connects to (leaf first) [default: the lab's server]." }),
    "mbedtls-version": Flags.option({ options: ["2.28", "3.6"] as const, default: "3.6", description: "--mbedtls-config: macro names for this mbedTLS version." })(),
    lab: Flags.string({ description: "The lab directory [nginx default: pkilab-lab]." }),
    output: Flags.string({ char: "o", description: "Write to this file (atomically) instead of stdout." }),
    force: Flags.boolean({ description: "Replace an existing output file." }),
    // --nginx
    server: Flags.string({ description: "--nginx: which server leaf (by name) [default: the lab's first]." }),
    listen: Flags.string({ description: "--nginx: listen address.", default: "443" }),
    "client-ca": Flags.string({ description: "--nginx: trust this CA file for client certificates instead of the lab's root." }),
    "verify-depth": Flags.integer({ min: 0, description: "--nginx: override the ssl_verify_depth computed from the lab." }),
    openssl: Flags.option({ options: ["1.0", "1.1+"] as const, default: "1.1+", description: "--nginx: OpenSSL series of the nginx build (1.0 counted the leaf in ssl_verify_depth)." })(),
    upstream: Flags.string({ description: "--nginx: proxy_pass target for verified requests (e.g. http://127.0.0.1:8080)." }),
    // --c-array
    device: Flags.string({ description: "--c-array: the lab device (or client) to export [default: the first device]." }),
    ca: Flags.string({ multiple: true, description: "--c-array: trust anchor file(s) [default: the lab's ca.pem]." }),
    cert: Flags.string({ description: "--c-array: the device's certificate (a fullchain file supplies the chain)." }),
    chain: Flags.string({ multiple: true, description: "--c-array: intermediates the device sends." }),
    key: Flags.string({ description: "--c-array: the device's private key (only used with --include-key)." }),
    "include-key": Flags.boolean({ description: "--c-array: also embed the private key (it is then readable from the firmware image)." }),
    der: Flags.boolean({ description: "--c-array: DER byte arrays (mbedtls_x509_crt_parse_der) instead of PEM strings." }),
    name: Flags.string({ description: "--c-array: prefix of the C identifiers.", default: "pkilab" }),
    for: Flags.option({ options: ["mbedtls", "wolfssl"] as const, default: "mbedtls", description: "--c-array: the firmware's TLS library: mbedTLS (NAME_len) or wolfSSL (sizeof_NAME, as in wolfssl/certs_test.h, for wolfSSL_CTX_load_verify_buffer)." })(),
    crl: Flags.boolean({ description: "--c-array: also the lab's CRLs (crl.pem), for mbedtls_x509_crl_parse and mbedtls_ssl_conf_ca_chain(conf, ca, crl)." }),
    source: Flags.boolean({ description: "--c-array: split into FILE.h (extern declarations) and FILE.c (definitions); needs -o." }),
    ...passwordFlags,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Export);
    const { writeFileAtomic } = await import("../src/io/write-atomic.js");
    const write = async (file: string, text: string, mode?: number) => {
      await writeFileAtomic(file, text, { overwrite: flags.force, mode });
      process.stderr.write(`pkilab: wrote ${file}\n`);
    };
    if (flags.nginx) {
      const { exportNginx } = await import("../src/app/export-nginx.js");
      const text = await exportNginx({
        lab: flags.lab ?? "pkilab-lab",
        server: flags.server,
        listen: flags.listen,
        clientCa: flags["client-ca"],
        verifyDepth: flags["verify-depth"],
        opensslSeries: flags.openssl,
        upstream: flags.upstream,
      });
      if (flags.output) await write(flags.output, text);
      else process.stdout.write(text);
      return;
    }
    if (flags["mbedtls-config"]) {
      const { exportMbedtlsConfig } = await import("../src/app/export-mbedtls-config.js");
      const text = await exportMbedtlsConfig({
        lab: flags.lab,
        server: flags.server,
        device: flags.device,
        serverChain: flags["server-chain"],
        caFiles: flags.ca ?? [],
        version: flags["mbedtls-version"],
      });
      if (flags.output) await write(flags.output, text);
      else process.stdout.write(text);
      return;
    }
    if (flags.source && !flags.output) throw new InputError("--source: needs -o FILE.h (the .c file is written beside it)");
    const headerName = flags.output ? path.basename(flags.output) : `${flags.name}_certs.h`;
    const { exportCArray } = await import("../src/app/export-c-array.js");
    const result = await exportCArray({
      lab: flags.lab,
      device: flags.device,
      caFiles: flags.ca ?? [],
      certFile: flags.cert,
      chainFiles: flags.chain ?? [],
      keyFile: flags.key,
      includeKey: flags["include-key"],
      crl: flags.crl,
      password: await readPassword(flags),
      prefix: flags.name,
      der: flags.der,
      headerName,
      splitSource: flags.source,
      version: this.config.version,
      library: flags.for,
    });
    if (result.keyIncluded) process.stderr.write("pkilab: warning: the private key is in the output: anyone with the firmware image can read it\n");
    // A header holding a private key is itself a secret: same mode as key files.
    const mode = result.keyIncluded ? 0o600 : undefined;
    if (!flags.output) {
      process.stdout.write(result.header);
      return;
    }
    await write(flags.output, result.header, result.source ? undefined : mode);
    if (result.source) await write(flags.output.replace(/\.h$/, "") + ".c", result.source, mode);
  }
}
