// src/peers/parse/nginx-conf.ts against configuration trees written here, each one also checked by the
// real nginx (`nginx -t`): the valid trees must pass it, the broken ones must fail it, mostly with the
// same problem and line nginx reports.
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { InputError } from "../../src/io/input-error.js";
import { readNginxTls } from "../../src/app/read-nginx-conf.js";
import { tempDir } from "../helpers/cli.js";
import { requireProgram, run, type RunResult } from "../helpers/peers.js";

const work = tempDir("nginx-conf");
after(() => rmSync(work, { recursive: true, force: true }));

/** Shared certificates: a P-256 and an RSA pair, the first in a directory whose name has a space. */
const certs = path.join(work, "certs");
const spaced = path.join(certs, "my certs");
before(() => {
  requireProgram("openssl");
  mkdirSync(spaced, { recursive: true });
  const req = (args: string[], key: string, cert: string) => {
    const r = run("openssl", ["req", "-x509", "-newkey", ...args, "-nodes", "-subj", "/CN=x", "-keyout", key, "-out", cert, "-days", "2"]);
    assert.equal(r.code, 0, r.stderr);
  };
  req(["ec", "-pkeyopt", "ec_paramgen_curve:P-256"], path.join(spaced, "k.pem"), path.join(spaced, "c.pem"));
  req(["rsa:2048"], path.join(certs, "rsa.key"), path.join(certs, "rsa.pem"));
});

let treeCount = 0;
/** Writes `files` (relative path -> text) into a fresh directory and returns the directory. */
function writeTree(files: Record<string, string>): string {
  const dir = path.join(work, `tree-${treeCount++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  mkdirSync(path.join(dir, "tmp"), { recursive: true });
  return dir;
}

/** The top of a main nginx.conf that `nginx -t` accepts as root: pid and temp paths inside `dir`. */
function mainHead(dir: string): string {
  return `pid ${dir}/nginx.pid;
events { worker_connections 64; }
`;
}
function httpHead(dir: string): string {
  return `  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/tmp;
  proxy_temp_path ${dir}/tmp;
  fastcgi_temp_path ${dir}/tmp;
  uwsgi_temp_path ${dir}/tmp;
  scgi_temp_path ${dir}/tmp;
`;
}

/** A tree whose nginx.conf is mainHead + `main(dir)`; other files as given. */
function tree(main: (dir: string) => string, others: Record<string, string> = {}): string {
  const dir = writeTree(others);
  writeFileSync(path.join(dir, "nginx.conf"), mainHead(dir) + main(dir));
  return dir;
}

function nginxTest(dir: string): RunResult {
  const nginx = requireProgram("nginx");
  return run(nginx, ["-t", "-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")]);
}

function assertNginxAccepts(dir: string): void {
  const r = nginxTest(dir);
  assert.equal(r.code, 0, `nginx -t rejected a fixture meant to be valid:\n${r.stderr}`);
}

/** nginx must reject the tree; `expected` (if given) must appear in its message. */
function assertNginxRejects(dir: string, expected?: string | RegExp): void {
  const r = nginxTest(dir);
  assert.notEqual(r.code, 0, `nginx -t accepted a fixture meant to be broken:\n${r.stderr}`);
  if (typeof expected === "string") assert.ok(r.stderr.includes(expected), `nginx said: ${r.stderr}`);
  else if (expected) assert.match(r.stderr, expected);
}

function assertInputError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
    assert.match(err.message, pattern);
    assert.ok(!err.message.includes("\n"), "one-line message");
    return true;
  });
}

const cert = () => `"${path.join(spaced, "c.pem")}"`;
const key = () => `"${path.join(spaced, "k.pem")}"`;

describe("nginx-conf: a site with includes, inheritance and several servers", () => {
  let dir: string;
  let conf: string;
  before(() => {
    dir = tree(
      (d) => `# the main file; a comment with ; and { inside does not end or open anything
worker_processes 1;
http {
  include mime.types;
${httpHead(d)}  ssl_verify_depth 3;   # inherited by api, overridden by admin }
  ssl_protocols TLSv1.2 TLSv1.3;
  include conf.d/*.conf;
}
`,
      {
        "mime.types": "types {\n  text/html html htm;\n  application/json json;\n}\n",
        // Plain HTTP first: not the one to pick.
        "conf.d/10-plain.conf": `server {
  listen 127.0.0.1:8080;
  server_name plain.example.com;
  location / { return 200 "hello; { \\"quoted\\" }"; }
}
`,
        // Relative, quoted paths with a space: resolved against the directory of nginx.conf.
        "conf.d/20-api.conf": `server {
  listen 127.0.0.1:8443 ssl;
  server_name api.example.com *.api.example.com;
  ssl_certificate "../certs/my certs/c.pem";
  ssl_certificate_key '../certs/my certs/k.pem';
  ssl_certificate ../certs/rsa.pem;
  ssl_certificate_key ../certs/rsa.key;
  ssl_client_certificate ${cert()};
  ssl_verify_client on;
  location /$uri { return 200 "$ssl_client_s_dn"; }
}
`,
        "conf.d/30-admin.conf": `server {
  listen 127.0.0.1:8444 ssl;
  server_name ~^admin\\d+\\.example\\.org$;
  ssl_certificate ${cert()};
  ssl_certificate_key ${key()};
  ssl_client_certificate ${cert()};
  ssl_trusted_certificate ${cert()};
  ssl_crl ${cert()};
  ssl_verify_client optional;
  ssl_verify_depth 1;
}
`,
        // Not matched by *.conf: glob(3) skips dot files and other names, so these broken files are never read.
        "conf.d/.hidden.conf": "this is { not valid",
        "conf.d/README": "nor } is this",
      },
    );
    conf = path.join(dir, "nginx.conf");
  });

  it("is accepted by nginx -t", () => assertNginxAccepts(dir));

  it("picks the first server that verifies clients, with http-level values inherited", () => {
    const s = readNginxTls(conf);
    const api = path.join(dir, "conf.d", "20-api.conf");
    assert.equal(s.serverBlock, `${api}:1`);
    assert.deepEqual(s.serverNames, ["api.example.com", "*.api.example.com"]);
    assert.deepEqual(s.listen, ["127.0.0.1:8443 ssl"]);
    assert.deepEqual(s.sslCertificate, [path.join(spaced, "c.pem"), path.join(certs, "rsa.pem")]);
    assert.deepEqual(s.sslCertificateKey, [path.join(spaced, "k.pem"), path.join(certs, "rsa.key")]);
    assert.equal(s.sslClientCertificate, path.join(spaced, "c.pem"));
    assert.equal(s.sslVerifyClient, "on");
    assert.equal(s.sslVerifyDepth, 3);
    assert.equal(s.origins.sslVerifyDepth, `${conf}:13`);
    assert.equal(s.origins.sslVerifyClient, `${api}:9`);
    assert.equal(s.origins.sslCertificate, `${api}:4`);
    assert.deepEqual(s.sslProtocols, ["TLSv1.2", "TLSv1.3"]);
    assert.equal(s.sslTrustedCertificate, undefined);
  });

  it("selects by leading wildcard server_name", () => {
    const s = readNginxTls(conf, { serverName: "v2.API.example.com" });
    assert.equal(s.serverBlock, `${path.join(dir, "conf.d", "20-api.conf")}:1`);
  });

  it("selects by regex server_name, where the server overrides ssl_verify_depth", () => {
    const s = readNginxTls(conf, { serverName: "admin12.example.org." });
    assert.equal(s.serverBlock, `${path.join(dir, "conf.d", "30-admin.conf")}:1`);
    assert.equal(s.sslVerifyDepth, 1);
    assert.equal(s.origins.sslVerifyDepth, `${path.join(dir, "conf.d", "30-admin.conf")}:10`);
    assert.equal(s.sslVerifyClient, "optional");
    assert.equal(s.sslTrustedCertificate, path.join(spaced, "c.pem"));
    assert.equal(s.sslCrl, path.join(spaced, "c.pem"));
  });

  it("refuses a name served only without TLS", () => {
    assertInputError(() => readNginxTls(conf, { serverName: "plain.example.com" }), /10-plain\.conf:1: .*does not use TLS.*: pass the name/);
  });

  it("lists the names that exist when none matches", () => {
    assertInputError(
      () => readNginxTls(conf, { serverName: "nope.example.net" }),
      /nginx\.conf: no server block has a server_name matching "nope\.example\.net" \(names found: plain\.example\.com, api\.example\.com, \*\.api\.example\.com, ~\^admin.*\): pass one of those names$/,
    );
  });

});

describe("nginx-conf: server_name priority (http://nginx.org/en/docs/http/server_names.html)", () => {
  let conf: string;
  let dir: string;
  const server = (name: string, extra = "") => `  server { listen 127.0.0.1:8443${extra}; server_name ${name}; }\n`;
  before(() => {
    dir = tree(
      (d) => `http {
${httpHead(d)}  ssl_certificate ${cert()};
  ssl_certificate_key ${key()};
${server("~^www\\.", " ssl")}${server(".example.com")}${server("*.www.example.com")}${server("www.example.*")}${server("www.example.com")}${server('"~^(?P<sub>[a-z]+)\\.example\\.org$"')}}
`,
    );
    conf = path.join(dir, "nginx.conf");
  });
  const line = (s: { serverBlock: string }) => Number(s.serverBlock.slice(conf.length + 1));

  it("is accepted by nginx -t", () => assertNginxAccepts(dir));
  // Lines: servers start on line 12 (regex), 13 (.example.com), 14, 15, 16 (exact), 17 (named-group regex).
  it("exact name beats everything", () => assert.equal(line(readNginxTls(conf, { serverName: "www.example.com" })), 16));
  it("longest leading wildcard", () => assert.equal(line(readNginxTls(conf, { serverName: "a.www.example.com" })), 14));
  it(".example.com matches the bare domain", () => assert.equal(line(readNginxTls(conf, { serverName: "example.com" })), 13));
  it("trailing wildcard before regex", () => assert.equal(line(readNginxTls(conf, { serverName: "www.example.net" })), 15));
  it("regex last, first in order", () => assert.equal(line(readNginxTls(conf, { serverName: "www.other.org" })), 12));
  it("PCRE (?P<name>) regex", () => assert.equal(line(readNginxTls(conf, { serverName: "shop.example.org" })), 17));
  it("a plain listen on a socket another server made ssl is TLS; certificates inherit from http", () => {
    const s = readNginxTls(conf, { serverName: "www.example.com" });
    assert.deepEqual(s.listen, ["127.0.0.1:8443"]);
    assert.deepEqual(s.sslCertificate, [path.join(spaced, "c.pem")]);
    assert.equal(s.sslVerifyClient, undefined);
    assert.equal(s.sslVerifyDepth, undefined);
  });
});

describe("nginx-conf: tokens", () => {
  it("escapes, variables in paths, `#` inside a word, `${var}` braces and a default TLS server", () => {
    const dir = tree(
      (d) => `http {
${httpHead(d)}  map $http_x $tag { default "a\\"b"; ~^x\\{ 'c d'; }
  server {
    listen 127.0.0.1:8445 ssl;
    ssl_certificate $ssl_server_name.pem;
    ssl_certificate_key certs/\${ssl_server_name}.key;
    ssl_protocols TLSv1.2;
    ssl_protocols TLSv1.3;
    location /a#b {
      if ($http_x = "a") { return 403; }
      return 200 "\${tag}\\t$tag
spans lines";
    }
    ssl_trusted_certificate "${spaced}/c\\"q.pem";
    ssl_verify_client optional_no_ca;
  }
}
`,
    );
    copyFileSync(path.join(spaced, "c.pem"), path.join(spaced, 'c"q.pem'));
    assertNginxAccepts(dir);
    const s = readNginxTls(path.join(dir, "nginx.conf"));
    assert.equal(s.sslTrustedCertificate, path.join(spaced, 'c"q.pem'));
    assert.equal(s.origins.sslVerifyClient, `${path.join(dir, "nginx.conf")}:23`);
    assert.deepEqual(s.sslCertificate, ["$ssl_server_name.pem"]);
    assert.deepEqual(s.sslCertificateKey, [path.join(dir, "certs", "${ssl_server_name}.key")]);
    assert.deepEqual(s.sslProtocols, ["TLSv1.2", "TLSv1.3"]);
    assert.equal(s.sslVerifyClient, "optional_no_ca");
  });
});

describe("nginx-conf: prefix and other modules (parse only)", () => {
  // Not run through nginx -t: options.prefix stands for a conf prefix nginx would only have with the
  // file elsewhere, and Debian's nginx package is built without the stream module.
  it("resolves relative paths against options.prefix and ignores TLS servers in stream {}", () => {
    const dir = writeTree({
      "nginx.conf": `events { }
stream { server { listen 5000 ssl; ssl_certificate stream.pem; ssl_verify_client on; } }
http {
  server { listen 443 ssl; ssl_certificate rel/c.pem; ssl_certificate_key rel/k.pem; ssl_client_certificate ca.pem; }
}
`,
    });
    const s = readNginxTls(path.join(dir, "nginx.conf"), { prefix: path.join(dir, "elsewhere") });
    assert.equal(s.serverBlock, `${path.join(dir, "nginx.conf")}:4`);
    assert.deepEqual(s.sslCertificate, [path.join(dir, "elsewhere", "rel", "c.pem")]);
    assert.deepEqual(s.sslCertificateKey, [path.join(dir, "elsewhere", "rel", "k.pem")]);
    assert.equal(s.sslClientCertificate, path.join(dir, "elsewhere", "ca.pem"));
    assert.equal(s.sslVerifyClient, undefined);
  });
});

describe("nginx-conf: errors, each also rejected by nginx -t", () => {
  const tlsServer = `  server {
    listen 127.0.0.1:8443 ssl;
    ssl_certificate CERT;
    ssl_certificate_key KEY;
`;
  const withCerts = (text: string) => text.replace("CERT", cert()).replace("KEY", key());

  /** A main conf whose http block includes app.conf, which holds `app`. */
  function appTree(app: string): { dir: string; conf: string; app: string } {
    const dir = tree((d) => `http {\n${httpHead(d)}  include app.conf;\n}\n`, { "app.conf": withCerts(app) });
    return { dir, conf: path.join(dir, "nginx.conf"), app: path.join(dir, "app.conf") };
  }

  it("missing main file", () => {
    const missing = path.join(work, "nope", "nginx.conf");
    assertInputError(() => readNginxTls(missing), new RegExp(`^${missing}: cannot read: no such file or directory: check the path$`));
  });

  it("missing include", () => {
    const t = appTree(`include missing.conf;\n`);
    assertInputError(() => readNginxTls(t.conf), /app\.conf:1: include ".*missing\.conf": cannot read: no such file or directory: check the path$/);
    assertNginxRejects(t.dir, /missing\.conf" failed \(2: No such file or directory\)/);
  });

  it('unexpected "}"', () => {
    const t = appTree(`${tlsServer}  }\n}\n`);
    assertInputError(() => readNginxTls(t.conf), /app\.conf:6: unexpected "}": remove it/);
    assertNginxRejects(t.dir, `unexpected "}" in ${t.app}:6`);
  });

  it('unexpected end of file, expecting "}"', () => {
    const t = appTree(`${tlsServer}  location / {\n  }\n`);
    assertInputError(() => readNginxTls(t.conf), /app\.conf: unexpected end of file, expecting "}": the "server" block opened on line 1 is not closed$/);
    assertNginxRejects(t.dir, `unexpected end of file, expecting "}" in ${t.app}`);
  });

  it("unterminated quote", () => {
    const t = appTree(`${tlsServer}    return 200 "oops;\n  }\n`);
    assertInputError(() => readNginxTls(t.conf), /app\.conf:5: unterminated double quote: close the string with "$/);
    assertNginxRejects(t.dir, "unexpected end of file");
  });

  it("text glued to a closing quote", () => {
    const t = appTree(`${tlsServer}    return 200 "a"b;\n  }\n`);
    assertInputError(() => readNginxTls(t.conf), /app\.conf:5: unexpected "b" after a quoted string/);
    assertNginxRejects(t.dir, `unexpected "b" in ${t.app}:5`);
  });

  it('a directive missing its ";" before "}"', () => {
    const t = appTree(`${tlsServer}    ssl_verify_client on\n  }\n`);
    assertInputError(() => readNginxTls(t.conf), /app\.conf:6: unexpected "}": the directive "ssl_verify_client on" on line 5 is missing its ";"$/);
    assertNginxRejects(t.dir, `unexpected "}" in ${t.app}:6`);
  });

  it('a directive missing its ";" before the next one', () => {
    const t = appTree(`${tlsServer}    ssl_verify_depth 2\n    ssl_verify_client on;\n  }\n`);
    assertInputError(() => readNginxTls(t.conf), /app\.conf:5: invalid number of arguments in "ssl_verify_depth" \(2 ssl_verify_client on\): is the ";" after "2" missing\?$/);
    assertNginxRejects(t.dir, `invalid number of arguments in "ssl_verify_depth" directive in ${t.app}:6`);
  });

  it('a directive missing its ";" at the end of the file', () => {
    const dir = tree((d) => `http {\n${httpHead(d)}}\nworker_processes 1`);
    assertInputError(() => readNginxTls(path.join(dir, "nginx.conf")), /nginx\.conf:11: unexpected end of file: the directive "worker_processes 1" is missing its ";"$/);
    assertNginxRejects(dir, `unexpected end of file, expecting ";" or "}"`);
  });

  it("include cycle", () => {
    const dir = tree((d) => `http {\n${httpHead(d)}  include a.conf;\n}\n`, { "a.conf": "include b.conf;\n", "b.conf": "\ninclude a.conf;\n" });
    assertInputError(() => readNginxTls(path.join(dir, "nginx.conf")), /b\.conf:2: include cycle: .*a\.conf -> .*b\.conf -> .*a\.conf: remove the include/);
    // nginx has no cycle check: it recurses until it crashes (SIGSEGV) or runs out of descriptors.
    assertNginxRejects(dir);
  });

  it("more than 100 nested includes (nginx itself accepts these)", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 101; i++) files[`inc/${i}.conf`] = `include inc/${i + 1}.conf;\n`;
    files["inc/101.conf"] = "";
    const dir = tree((d) => `http {\n${httpHead(d)}  include inc/0.conf;\n}\n`, files);
    assertInputError(() => readNginxTls(path.join(dir, "nginx.conf")), /inc\/98\.conf:1: more than 100 nested includes \(NGINX_CONF_LIMITS\.maxIncludeDepth = 100\): flatten the includes$/);
  });

  it("no server block with TLS (nginx itself accepts this)", () => {
    const dir = tree((d) => `http {\n${httpHead(d)}  server { listen 127.0.0.1:8080; server_name plain; }\n}\n`);
    assertNginxAccepts(dir);
    assertInputError(
      () => readNginxTls(path.join(dir, "nginx.conf")),
      /nginx\.conf: no server block uses TLS \(ssl_certificate \/ listen \.\.\. ssl\): pass --nginx-conf the file that configures the mTLS server$/,
    );
  });

  it("bad ssl_verify_depth", () => {
    const t = appTree(`${tlsServer}    ssl_verify_depth deep;\n  }\n`);
    assertInputError(() => readNginxTls(t.conf), /app\.conf:5: ssl_verify_depth "deep" is not a number: write a whole number/);
    assertNginxRejects(t.dir, `invalid number in ${t.app}:5`);
  });

  it("bad ssl_verify_client", () => {
    const t = appTree(`${tlsServer}    ssl_verify_client required;\n  }\n`);
    assertInputError(() => readNginxTls(t.conf), /app\.conf:5: invalid value "required" in "ssl_verify_client": use on, off, optional or optional_no_ca$/);
    assertNginxRejects(t.dir, `invalid value "required" in ${t.app}:5`);
  });

  it("duplicate ssl_verify_depth in one block", () => {
    const t = appTree(`${tlsServer}    ssl_verify_depth 2;\n    ssl_verify_depth 3;\n  }\n`);
    assertInputError(() => readNginxTls(t.conf), /app\.conf:6: "ssl_verify_depth" directive is duplicate \(first at .*app\.conf:5\): keep one$/);
    assertNginxRejects(t.dir, `"ssl_verify_depth" directive is duplicate in ${t.app}:6`);
  });

  it("ssl_verify_client in upper case is accepted, as nginx does", () => {
    const t = appTree(`${tlsServer}    ssl_verify_client ON;\n    ssl_client_certificate CA;\n  }\n`.replace("CA", cert()));
    assertNginxAccepts(t.dir);
    assert.equal(readNginxTls(t.conf).sslVerifyClient, "on");
  });
});
