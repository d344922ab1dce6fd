/**
 * Reads a real nginx configuration the way nginx does and extracts the TLS client-verification
 * settings of one `server {}` block in `http {}`.
 *
 * The tokenizer follows ngx_conf_read_token() in src/core/ngx_conf_file.c, includes follow
 * ngx_conf_include() (glob(3) order, paths relative to the conf prefix), and the ssl_* values are
 * merged from `http` into `server` like ngx_http_ssl_merge_srv_conf() in
 * src/http/modules/ngx_http_ssl_module.c. Directives this module does not know are ignored.
 */
import { readFileSync, readdirSync, realpathSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { InputError, describeFsError } from "../../io/input-error.js";

export interface NginxTlsSettings {
  /** The file and line of the server block chosen, e.g. "/etc/nginx/sites-enabled/app.conf:12". */
  serverBlock: string;
  serverNames: string[];
  /** One entry per `listen` directive, its arguments joined by spaces ("443 ssl http2"). */
  listen: string[];
  /** Absolute paths (relative ones resolved against the conf prefix); `$variable` and `data:` values kept as written. */
  sslCertificate: string[];
  sslCertificateKey: string[];
  sslClientCertificate?: string;
  sslTrustedCertificate?: string;
  sslVerifyClient?: VerifyClient;
  /** undefined = not set (nginx's default is 1). */
  sslVerifyDepth?: number;
  sslProtocols?: string[];
  sslCrl?: string;
  /** Where each value came from ("file:line"), for messages. */
  origins: Partial<Record<"sslClientCertificate" | "sslTrustedCertificate" | "sslVerifyClient" | "sslVerifyDepth" | "sslCertificate", string>>;
}

export type VerifyClient = "on" | "off" | "optional" | "optional_no_ca";

/** One directive: `name args...;` or `name args... { block }`. */
interface Directive {
  name: string;
  args: string[];
  file: string;
  line: number;
  block?: Directive[];
}

const at = (d: { file: string; line: number }): string => `${d.file}:${d.line}`;

// nginx gives up on deeper include nesting only when it runs out of file descriptors; 100 is plenty.
const MAX_INCLUDE_DEPTH = 100;

/**
 * Reads `mainFile` (the file nginx gets with -c) and its includes and returns the TLS settings of
 * one server: the one whose server_name matches `options.serverName`, else the first TLS server
 * that verifies client certificates, else the first TLS server.
 * `options.prefix` overrides the conf prefix (by default the directory of `mainFile`, as in nginx).
 */
export function readNginxTls(mainFile: string, options: { serverName?: string; prefix?: string } = {}): NginxTlsSettings {
  // ngx_process_options(): the conf prefix is the directory of the -c file, not the -p prefix.
  const prefix = path.resolve(options.prefix ?? path.dirname(path.resolve(mainFile)));
  const top = loadFile(mainFile, prefix, []);

  const https = top.filter((d) => d.name === "http");
  if (https.length > 1) throw new InputError(`${at(https[1]!)}: "http" directive is duplicate (first at ${at(https[0]!)}): keep one http block`);
  const http = https[0];
  if (http && !http.block) throw new InputError(`${at(http)}: directive "http" has no opening "{": write http { ... }`);
  const httpBlock = http?.block ?? [];

  const httpSsl = collectSsl(httpBlock, prefix);
  const servers: ServerInfo[] = [];
  for (const d of httpBlock) {
    if (d.name !== "server") continue;
    if (!d.block) throw new InputError(`${at(d)}: directive "server" has no opening "{": write server { ... }`);
    servers.push(serverInfo(d, httpSsl, prefix));
  }

  // A `listen ... ssl` makes that address:port TLS for every server on it (ngx_http_add_addresses()),
  // so a server with a plain `listen 443;` beside one with `listen 443 ssl;` is a TLS server too.
  const sslSockets = new Set(servers.flatMap((s) => s.listens.filter((l) => l.ssl).map((l) => l.key)));
  const usesTls = (s: ServerInfo): boolean =>
    s.listens.some((l) => sslSockets.has(l.key)) || s.ssl.sslOn?.value === true || s.ownCertificate;
  const tlsServers = servers.filter(usesTls);

  let chosen: ServerInfo | undefined;
  if (options.serverName !== undefined) {
    chosen = matchServerName(tlsServers, options.serverName);
    if (!chosen) {
      const plain = matchServerName(servers, options.serverName);
      if (plain) {
        throw new InputError(
          `${plain.where}: the server for "${options.serverName}" does not use TLS (no "listen ... ssl" or ssl_certificate): pass the name of the mTLS server`,
        );
      }
      const names = [...new Set(servers.flatMap((s) => s.names))].filter((n) => n !== "");
      throw new InputError(
        `${mainFile}: no server block has a server_name matching "${options.serverName}" (names found: ${names.length ? names.join(", ") : "none"}): pass one of those names`,
      );
    }
  } else {
    // ssl_verify_client is inherited from http, so "effective" values are compared.
    chosen = tlsServers.find((s) => s.ssl.verifyClient && s.ssl.verifyClient.value !== "off") ?? tlsServers[0];
    if (!chosen) {
      throw new InputError(
        `${mainFile}: no server block uses TLS (ssl_certificate / listen ... ssl): pass --nginx-conf the file that configures the mTLS server`,
      );
    }
  }
  return toSettings(chosen);
}

// ---------------------------------------------------------------------------------------------
// Tokenizer: ngx_conf_read_token()

type Token = { kind: "word"; text: string; line: number } | { kind: ";" | "{" | "}"; line: number };

const isSpace = (ch: string): boolean => ch === " " || ch === "\t" || ch === "\r" || ch === "\n";

function tokenize(file: string, text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (isSpace(ch)) {
      if (ch === "\n") line++;
      i++;
      continue;
    }
    if (ch === ";" || ch === "{" || ch === "}") {
      tokens.push({ kind: ch, line });
      i++;
      continue;
    }
    // `#` starts a comment only where a token could start: `a#b` is one word, as in nginx.
    if (ch === "#") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    const startLine = line;
    if (ch === '"' || ch === "'") {
      // Quoted word: ends at the matching unescaped quote; a backslash skips the next character.
      let j = i + 1;
      while (j < text.length && text[j] !== ch) {
        if (text[j] === "\n") line++;
        if (text[j] === "\\" && j + 1 < text.length) {
          if (text[j + 1] === "\n") line++;
          j++;
        }
        j++;
      }
      if (j >= text.length) {
        throw new InputError(`${file}:${startLine}: unterminated ${ch === '"' ? "double" : "single"} quote: close the string with ${ch}`);
      }
      tokens.push({ kind: "word", text: unescape(text.slice(i + 1, j)), line: startLine });
      i = j + 1;
      // After a closing quote nginx needs a space, ";", "{" or ")" (need_space).
      const next = text[i];
      if (next !== undefined && !isSpace(next) && next !== ";" && next !== "{" && next !== ")") {
        throw new InputError(`${file}:${line}: unexpected "${next}" after a quoted string: put a space or ";" after the closing quote`);
      }
      continue;
    }
    // Unquoted word: ends at whitespace, ";" or "{" ("}" does not end it, as in nginx). `${` keeps
    // its brace (variable syntax) and a backslash escapes the next character.
    let j = i;
    let variable = false;
    while (j < text.length) {
      const c = text[j]!;
      if (c === "{" && variable) {
        j++;
        continue;
      }
      variable = c === "$";
      if (c === "\\") {
        if (text[j + 1] === "\n") line++;
        j += 2;
        continue;
      }
      if (isSpace(c) || c === ";" || c === "{") break;
      j++;
    }
    tokens.push({ kind: "word", text: unescape(text.slice(i, Math.min(j, text.length))), line: startLine });
    i = j;
  }
  return tokens;
}

/** The escapes nginx decodes when it copies a word: \" \' \\ \t \r \n; any other backslash stays. */
function unescape(raw: string): string {
  return raw.replace(/\\(["'\\trn])/g, (_m, c: string) => (c === "t" ? "\t" : c === "r" ? "\r" : c === "n" ? "\n" : c));
}

// ---------------------------------------------------------------------------------------------
// Parser: ngx_conf_parse(). Each file must balance its own braces, as in nginx.

function parse(file: string, tokens: Token[]): Directive[] {
  const root: Directive[] = [];
  const stack: { list: Directive[]; opener?: Directive }[] = [{ list: root }];
  let words: { text: string; line: number }[] = [];
  const pending = (): string => `"${words.map((w) => w.text).join(" ")}"`;

  for (const tok of tokens) {
    const current = stack[stack.length - 1]!;
    if (tok.kind === "word") {
      words.push(tok);
      continue;
    }
    if (tok.kind === "}") {
      if (words.length > 0) {
        throw new InputError(`${file}:${tok.line}: unexpected "}": the directive ${pending()} on line ${words[0]!.line} is missing its ";"`);
      }
      if (!current.opener) throw new InputError(`${file}:${tok.line}: unexpected "}": remove it or the block it closes is missing its opening "{"`);
      stack.pop();
      continue;
    }
    if (words.length === 0) throw new InputError(`${file}:${tok.line}: unexpected "${tok.kind}": a directive name must come before it`);
    const directive: Directive = { name: words[0]!.text, args: words.slice(1).map((w) => w.text), file, line: words[0]!.line };
    current.list.push(directive);
    words = [];
    if (tok.kind === "{") {
      directive.block = [];
      stack.push({ list: directive.block, opener: directive });
    }
  }
  if (words.length > 0) {
    throw new InputError(`${file}:${words[0]!.line}: unexpected end of file: the directive ${pending()} is missing its ";"`);
  }
  const open = stack[stack.length - 1]!.opener;
  if (open) {
    throw new InputError(`${file}: unexpected end of file, expecting "}": the "${open.name}" block opened on line ${open.line} is not closed`);
  }
  return root;
}

// ---------------------------------------------------------------------------------------------
// Includes: ngx_conf_include()

/** Reads and parses one file and splices its includes in place, recursively. */
function loadFile(file: string, prefix: string, chain: string[], from?: Directive): Directive[] {
  let text: string;
  let real: string;
  try {
    text = readFileSync(file, "utf8");
    real = realpathSync(file);
  } catch (err) {
    const where = from ? `${at(from)}: include "${file}"` : file;
    throw new InputError(`${where}: cannot read: ${describeFsError(err)}: check the path`);
  }
  if (chain.includes(real)) {
    throw new InputError(`${at(from!)}: include cycle: ${[...chain, real].join(" -> ")}: remove the include that leads back`);
  }
  if (chain.length >= MAX_INCLUDE_DEPTH) {
    throw new InputError(`${at(from!)}: more than ${MAX_INCLUDE_DEPTH} nested includes: flatten the includes`);
  }
  return expandIncludes(parse(file, tokenize(file, text)), prefix, [...chain, real]);
}

function expandIncludes(list: Directive[], prefix: string, chain: string[]): Directive[] {
  const out: Directive[] = [];
  for (const d of list) {
    if (d.name !== "include") {
      if (d.block) d.block = expandIncludes(d.block, prefix, chain);
      out.push(d);
      continue;
    }
    checkArgs(d, 1, 1);
    if (d.block) throw new InputError(`${at(d)}: directive "include" is not terminated by ";": remove the block`);
    const target = fullName(d.args[0]!, prefix);
    // Only patterns with * ? [ are globbed; a pattern that matches nothing is fine (gl.test = 1).
    const files = /[*?[]/.test(target) ? glob(target) : [target];
    for (const f of files) out.push(...loadFile(f, prefix, chain, d));
  }
  return out;
}

/** ngx_conf_full_name(): absolute paths stay, relative ones are joined to the conf prefix. */
function fullName(name: string, prefix: string): string {
  return name.startsWith("/") ? name : path.join(prefix, name);
}

/**
 * glob(3) with flags 0 as ngx_open_glob() calls it: `*`, `?` and `[...]` in any path component,
 * no match for leading dots unless the pattern has one, results sorted (C locale: byte order).
 */
function glob(pattern: string): string[] {
  const parts = pattern.split("/").filter((p) => p !== "");
  let paths = ["/"];
  for (const part of parts) {
    if (!/[*?[]/.test(part)) {
      paths = paths.map((p) => path.join(p, part));
      continue;
    }
    const re = globPartToRegExp(part);
    const next: string[] = [];
    for (const dir of paths) {
      let entries: string[];
      try {
        entries = readdirSync(dir);
      } catch {
        continue; // unreadable or missing directory: glob(3) just finds nothing there
      }
      for (const entry of entries) {
        if (entry.startsWith(".") && !part.startsWith(".")) continue;
        if (re.test(entry)) next.push(path.join(dir, entry));
      }
    }
    paths = next;
  }
  return paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function globPartToRegExp(part: string): RegExp {
  let re = "";
  for (let i = 0; i < part.length; i++) {
    const c = part[i]!;
    if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[" && part.indexOf("]", i + 2) !== -1) {
      const end = part.indexOf("]", i + 2);
      let body = part.slice(i + 1, end);
      if (body.startsWith("!")) body = `^${body.slice(1)}`;
      re += `[${body.replace(/\\/g, "\\\\")}]`;
      i = end;
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

// ---------------------------------------------------------------------------------------------
// ssl_* directives and their merge: ngx_http_ssl_module.c

interface Valued<T> {
  value: T;
  origin: string;
}

interface SslScope {
  certificates?: Valued<string>[];
  keys?: Valued<string>[];
  clientCertificate?: Valued<string>;
  trustedCertificate?: Valued<string>;
  verifyClient?: Valued<VerifyClient>;
  verifyDepth?: Valued<number>;
  protocols?: Valued<string[]>;
  crl?: Valued<string>;
  sslOn?: Valued<boolean>;
}

const VERIFY_CLIENT: readonly VerifyClient[] = ["on", "off", "optional", "optional_no_ca"];

/** Reads the ssl_* directives that sit directly in `list` (an http or server block). */
function collectSsl(list: Directive[], prefix: string): SslScope {
  const scope: SslScope = {};
  // ngx_conf_set_*_slot() reject a second occurrence in the same block with "is duplicate".
  const once = <T>(d: Directive, previous: Valued<T> | undefined, value: T): Valued<T> => {
    if (previous) throw new InputError(`${at(d)}: "${d.name}" directive is duplicate (first at ${previous.origin}): keep one`);
    return { value, origin: at(d) };
  };
  for (const d of list) {
    if (!d.name.startsWith("ssl")) continue;
    switch (d.name) {
      case "ssl_certificate":
      case "ssl_certificate_key": {
        // ngx_conf_set_str_array_slot(): repeatable (an RSA and an ECDSA certificate).
        checkArgs(d, 1, 1);
        const entry = { value: certificatePath(d.args[0]!, prefix), origin: at(d) };
        if (d.name === "ssl_certificate") (scope.certificates ??= []).push(entry);
        else (scope.keys ??= []).push(entry);
        break;
      }
      case "ssl_client_certificate":
        checkArgs(d, 1, 1);
        scope.clientCertificate = once(d, scope.clientCertificate, fullName(d.args[0]!, prefix));
        break;
      case "ssl_trusted_certificate":
        checkArgs(d, 1, 1);
        scope.trustedCertificate = once(d, scope.trustedCertificate, fullName(d.args[0]!, prefix));
        break;
      case "ssl_crl":
        checkArgs(d, 1, 1);
        scope.crl = once(d, scope.crl, fullName(d.args[0]!, prefix));
        break;
      case "ssl_verify_client": {
        checkArgs(d, 1, 1);
        // ngx_conf_set_enum_slot() compares case-insensitively.
        const value = d.args[0]!.toLowerCase();
        if (!(VERIFY_CLIENT as readonly string[]).includes(value)) {
          throw new InputError(`${at(d)}: invalid value "${d.args[0]}" in "ssl_verify_client": use on, off, optional or optional_no_ca`);
        }
        scope.verifyClient = once(d, scope.verifyClient, value as VerifyClient);
        break;
      }
      case "ssl_verify_depth": {
        checkArgs(d, 1, 1);
        // ngx_atoi(): decimal digits only.
        // http://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_verify_depth
        const raw = d.args[0]!;
        if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
          throw new InputError(`${at(d)}: ssl_verify_depth "${raw}" is not a number: write a whole number such as 2 (nginx's default is 1)`);
        }
        scope.verifyDepth = once(d, scope.verifyDepth, Number(raw));
        break;
      }
      case "ssl_protocols":
        // ngx_conf_set_bitmask_slot(): several lines add up, no duplicate error.
        checkArgs(d, 1, Infinity);
        scope.protocols = { value: [...(scope.protocols?.value ?? []), ...d.args], origin: scope.protocols?.origin ?? at(d) };
        break;
      case "ssl":
        // `ssl on;` (deprecated in 1.15.0, removed in 1.25.1): TLS on every listen of the server.
        checkArgs(d, 1, 1);
        scope.sslOn = once(d, scope.sslOn, d.args[0]!.toLowerCase() === "on");
        break;
      default:
        continue; // other ssl_* directives (ciphers, session cache, ...) do not matter here
    }
    if (d.block) throw new InputError(`${at(d)}: directive "${d.name}" is not terminated by ";": remove the block`);
  }
  return scope;
}

/** ssl_certificate also takes `data:...` and variables (resolved per handshake): keep those as text. */
function certificatePath(value: string, prefix: string): string {
  if (value.startsWith("data:") || value.startsWith("$")) return value;
  return fullName(value, prefix);
}

/**
 * ngx_http_ssl_merge_srv_conf(): a value set in the server wins, otherwise the http one applies.
 * The certificate and key lists are replaced as a whole (ngx_conf_merge_ptr_value), not appended.
 */
function mergeSsl(server: SslScope, http: SslScope): SslScope {
  return {
    certificates: server.certificates ?? http.certificates,
    keys: server.keys ?? http.keys,
    clientCertificate: server.clientCertificate ?? http.clientCertificate,
    trustedCertificate: server.trustedCertificate ?? http.trustedCertificate,
    verifyClient: server.verifyClient ?? http.verifyClient,
    verifyDepth: server.verifyDepth ?? http.verifyDepth,
    protocols: server.protocols ?? http.protocols,
    crl: server.crl ?? http.crl,
    sslOn: server.sslOn ?? http.sslOn,
  };
}

/** nginx's "invalid number of arguments in ... directive", with the usual cause spelled out. */
function checkArgs(d: Directive, min: number, max: number): void {
  if (d.args.length >= min && d.args.length <= max) return;
  if (d.args.length === 0) throw new InputError(`${at(d)}: "${d.name}" needs a value: write ${d.name} <value>;`);
  throw new InputError(
    `${at(d)}: invalid number of arguments in "${d.name}" (${d.args.join(" ")}): is the ";" after "${d.args[max - 1]}" missing?`,
  );
}

// ---------------------------------------------------------------------------------------------
// Servers and server_name matching: http://nginx.org/en/docs/http/server_names.html

interface ServerInfo {
  where: string;
  names: string[];
  listen: string[];
  listens: { key: string; ssl: boolean }[];
  ssl: SslScope;
  /** ssl_certificate written in this server block itself (not inherited from http). */
  ownCertificate: boolean;
  namesAt: string;
}

function serverInfo(d: Directive, httpSsl: SslScope, prefix: string): ServerInfo {
  const block = d.block ?? [];
  const names: string[] = [];
  const listen: string[] = [];
  const listens: { key: string; ssl: boolean }[] = [];
  let namesAt = at(d);
  for (const item of block) {
    if (item.name === "server_name") {
      checkArgs(item, 1, Infinity);
      names.push(...item.args);
      namesAt = at(item);
    } else if (item.name === "listen") {
      checkArgs(item, 1, Infinity);
      listen.push(item.args.join(" "));
      listens.push({ key: socketKey(item.args[0]!), ssl: item.args.slice(1).includes("ssl") });
    }
  }
  // No listen means *:80 (ngx_http_core_merge_srv_conf(); 8000 when not root, plain HTTP either way).
  if (listens.length === 0) listens.push({ key: "*:80", ssl: false });
  const own = collectSsl(block, prefix);
  return {
    where: at(d),
    // No server_name means "" (ngx_http_core_merge_srv_conf()).
    names: names.length ? names : [""],
    listen,
    listens,
    ssl: mergeSsl(own, httpSsl),
    ownCertificate: own.certificates !== undefined,
    namesAt: namesAt,
  };
}

/** A comparable address:port for a listen argument ("443", "*:443" and "0.0.0.0:443" are the same socket). */
function socketKey(address: string): string {
  if (address.startsWith("unix:")) return address;
  if (/^\d+$/.test(address)) return `*:${address}`;
  const v6 = /^(\[[^\]]*\])(?::(\d+))?$/.exec(address);
  if (v6) return `${v6[1]}:${v6[2] ?? "80"}`;
  const colon = address.lastIndexOf(":");
  const host = colon === -1 ? address : address.slice(0, colon);
  const port = colon === -1 ? "80" : address.slice(colon + 1);
  return `${host === "0.0.0.0" ? "*" : host}:${port}`;
}

/**
 * nginx's order: exact name, longest leading wildcard (`*.example.com`, `.example.com`), longest
 * trailing wildcard (`www.example.*`), then the first regular expression in configuration order.
 */
function matchServerName(servers: ServerInfo[], requested: string): ServerInfo | undefined {
  // Host names compare case-insensitively, without a trailing dot (ngx_http_validate_host()).
  const host = requested.toLowerCase().replace(/\.$/, "");
  const exact = servers.find((s) =>
    s.names.some((raw) => !raw.startsWith("~") && (raw === "$hostname" ? os.hostname() : raw).toLowerCase() === host),
  );
  const leading = longestMatch(servers, (name) => {
    if (name.startsWith("*.") && host.endsWith(name.slice(1)) && host.length > name.length - 1) return name.length - 1;
    // `.example.com` is "example.com" plus "*.example.com".
    if (name.startsWith(".") && (host === name.slice(1) || host.endsWith(name))) return name.length;
    return 0;
  });
  const trailing = longestMatch(servers, (name) =>
    name.endsWith(".*") && host.startsWith(name.slice(0, -1)) && host.length > name.length - 1 ? name.length - 1 : 0,
  );
  return (
    exact ??
    leading ??
    trailing ??
    servers.find((s) => s.names.some((raw) => raw.startsWith("~") && serverNameRegExp(raw, s).test(host)))
  );
}

/** The server with the longest matching wildcard name (`score` = matched length, 0 = no match); the first on ties. */
function longestMatch(servers: ServerInfo[], score: (name: string) => number): ServerInfo | undefined {
  let best: ServerInfo | undefined;
  let bestScore = 0;
  for (const s of servers) {
    for (const raw of s.names) {
      const n = score(raw.toLowerCase());
      if (n > bestScore) [best, bestScore] = [s, n];
    }
  }
  return best;
}

/** A `~regex` server_name as a JS RegExp: PCRE's (?P<name>...) becomes (?<name>...); nginx matches caselessly. */
function serverNameRegExp(raw: string, s: ServerInfo): RegExp {
  try {
    return new RegExp(raw.slice(1).replace(/\(\?P</g, "(?<"), "i");
  } catch (err) {
    throw new InputError(`${s.namesAt}: server_name regular expression "${raw}" is invalid: ${(err as Error).message}: fix the expression`);
  }
}

function toSettings(s: ServerInfo): NginxTlsSettings {
  const { ssl } = s;
  const settings: NginxTlsSettings = {
    serverBlock: s.where,
    serverNames: s.names,
    listen: s.listen,
    sslCertificate: (ssl.certificates ?? []).map((c) => c.value),
    sslCertificateKey: (ssl.keys ?? []).map((k) => k.value),
    origins: {},
  };
  if (ssl.certificates?.[0]) settings.origins.sslCertificate = ssl.certificates[0].origin;
  if (ssl.clientCertificate) {
    settings.sslClientCertificate = ssl.clientCertificate.value;
    settings.origins.sslClientCertificate = ssl.clientCertificate.origin;
  }
  if (ssl.trustedCertificate) {
    settings.sslTrustedCertificate = ssl.trustedCertificate.value;
    settings.origins.sslTrustedCertificate = ssl.trustedCertificate.origin;
  }
  if (ssl.verifyClient) {
    settings.sslVerifyClient = ssl.verifyClient.value;
    settings.origins.sslVerifyClient = ssl.verifyClient.origin;
  }
  if (ssl.verifyDepth) {
    settings.sslVerifyDepth = ssl.verifyDepth.value;
    settings.origins.sslVerifyDepth = ssl.verifyDepth.origin;
  }
  if (ssl.protocols) settings.sslProtocols = ssl.protocols.value;
  if (ssl.crl) settings.sslCrl = ssl.crl.value;
  return settings;
}
