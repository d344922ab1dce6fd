import { verifyDepthNeeded } from "../peers/profiles/nginx-mtls.js";

/** Everything the nginx mTLS server block needs, as plain data (pure: facts in, text out). */
export interface NginxBlockInput {
  labName: string;
  serverNames: string[];
  listen: string;
  certificate: string;
  certificateKey: string;
  clientCa: string;
  /** Intermediates between a client leaf and the root. */
  clientIntermediates: number;
  opensslSeries: "1.0" | "1.1+";
  /** ssl_verify_depth chosen by the user (--verify-depth); undefined = the depth the lab needs. */
  verifyDepth?: number;
  /** Where to pass verified requests; undefined = answer directly (for trying it out). */
  upstream?: string;
  /** The lab's CRL bundle, when it has CRLs (pkilab crl / init --crl). */
  crl?: NginxCrl;
}

export interface NginxCrl {
  /** The bundle holding every CA's CRL. */
  file: string;
  /** How many CAs (and so CRLs) the client chains have. */
  cas: number;
  /** The earliest nextUpdate in the bundle, ISO 8601. */
  nextUpdate: string;
  /** The command that issues them again. */
  reissue: string;
}

/**
 * An nginx `server {}` block for mutual TLS, to `include` inside `http {}`. Each choice carries
 * its reason, because these are the lines people get wrong (seed 003: fixtures/nginx-mtls/seed-003-*).
 */
export function renderNginxBlock(input: NginxBlockInput): string {
  const needed = verifyDepthNeeded(input.clientIntermediates, input.opensslSeries);
  const depth = input.verifyDepth ?? needed;
  const names = input.serverNames.filter((n) => !n.includes(":") && !/^\d+(\.\d+){3}$/.test(n));
  const backend = input.upstream
    ? [
        `        proxy_pass ${input.upstream};`,
        "        # The verified client identity, for the application:",
        "        proxy_set_header X-SSL-Client-Verify $ssl_client_verify;",
        "        proxy_set_header X-SSL-Client-S-DN   $ssl_client_s_dn;",
        "        proxy_set_header X-SSL-Client-Serial $ssl_client_serial;",
      ]
    : [
        "        # Replace with proxy_pass to your application; these headers carry the verified identity:",
        "        #   proxy_set_header X-SSL-Client-Verify $ssl_client_verify;",
        "        #   proxy_set_header X-SSL-Client-S-DN   $ssl_client_s_dn;",
        "        add_header X-SSL-Client-S-DN $ssl_client_s_dn always;",
        '        return 200 "client certificate verified: $ssl_client_s_dn\\n";',
      ];
  return [
    `# nginx mTLS server block for pkilab lab "${input.labName}" (pkilab export --nginx).`,
    "# Use it inside http { }:  include /path/to/this/file;",
    "server {",
    `    listen ${input.listen} ssl;`,
    `    server_name ${names.length ? names.join(" ") : "_"};`,
    "",
    "    # The server's certificate: leaf first, then the intermediates clients need to build the chain.",
    `    ssl_certificate     ${input.certificate};`,
    `    ssl_certificate_key ${input.certificateKey};`,
    "    # TLS 1.2 and 1.3 only: older versions are disabled by every current client and by OpenSSL 3.",
    "    ssl_protocols TLSv1.2 TLSv1.3;",
    "",
    "    # Client certificates. nginx trusts the CAs in this file and names them in its CertificateRequest;",
    "    # it must hold the self-signed root: nginx never accepts partial chains.",
    `    ssl_client_certificate ${input.clientCa};`,
    "    ssl_verify_client on;",
    `    # Client chains here have ${input.clientIntermediates} intermediate(s). ${input.opensslSeries === "1.1+" ? "OpenSSL >= 1.1 counts intermediates only" : "OpenSSL 1.0 counts the leaf too"};`,
    "    # too small a depth fails as \"(20:unable to get local issuer certificate)\" in the info log.",
    ...(depth === needed ? [] : [`    # Set by --verify-depth; these chains need ${needed}${depth < needed ? ": a smaller value rejects them" : ""}.`]),
    `    ssl_verify_depth ${depth};`,
    "",
    ...(input.crl ? crlLines(input.crl) : []),
    "    # Failed or missing client certificates: 495 / 496 instead of a bare 400, with the reason",
    "    # ($ssl_client_verify is \"FAILED:<OpenSSL reason>\" since nginx 1.11.7).",
    "    error_page 495 496 = @client_certificate_error;",
    "    location @client_certificate_error {",
    '        return 403 "client certificate rejected: $ssl_client_verify\\n";',
    "    }",
    "",
    "    location / {",
    ...backend,
    "    }",
    "}",
    "",
  ].join("\n");
}

/**
 * ssl_crl makes nginx check every certificate of the client's chain, not only the leaf: it sets
 * X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL (nginx src/event/ngx_event_openssl.c
 * ngx_ssl_crl()). So a CA without a CRL in the file fails every client with OpenSSL's error 3
 * (crypto/x509/x509_vfy.c check_cert()), and an expired CRL with error 12 (check_crl_time()); nginx reads the file
 * only at start and reload.
 */
function crlLines(crl: NginxCrl): string[] {
  return [
    "    # Revocation. With ssl_crl nginx checks the whole client chain against these CRLs, so EVERY CA",
    `    # in the chain needs its CRL in this file (${crl.cas} here), or every client fails with "(3:unable to get certificate CRL)".`,
    `    # The first CRL expires (nextUpdate) on ${crl.nextUpdate}: after that nginx rejects EVERY client with`,
    `    # "(12:CRL has expired)" unless \`${crl.reissue}\` runs again before then (then nginx -s reload).`,
    `    ssl_crl ${crl.file};`,
    "",
  ];
}
