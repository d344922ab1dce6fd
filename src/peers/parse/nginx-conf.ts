/**
 * Reads a real nginx configuration the way nginx does and extracts the TLS client-verification
 * settings of one `server {}` block in `http {}`.
 *
 * The tokenizer follows ngx_conf_read_token() in src/core/ngx_conf_file.c, includes follow
 * ngx_conf_include() (glob(3) order, paths relative to the conf prefix), and the ssl_* values are
 * merged from `http` into `server` like ngx_http_ssl_merge_srv_conf() in
 * src/http/modules/ngx_http_ssl_module.c. Directives this module does not know are ignored.
 *
 * Every cost a configuration controls is bounded by NGINX_CONF_LIMITS; crossing one is an
 * InputError that names the limit. Nothing here recurses on the input: blocks and includes are
 * walked with explicit stacks, and each file is read and parsed once however often it is included.
 */
import { setFlagsFromString } from "node:v8";
import os from "node:os";
import path from "node:path";
import { InputError, describeFsError } from "../../io/input-error.js";

/** The bounds on what one configuration may cost to read. Each error that enforces one names it. */
export const NGINX_CONF_LIMITS = {
  /**
   * Most files read: the main file and each distinct file an include names or matches (a file
   * included at many places is read once). nginx sets no limit; a large host keeps a few thousand
   * sites in sites-enabled/.
   */
  maxFiles: 10_000,
  /**
   * Most bytes read over all those files. Real configurations are kilobytes; a generated `map` or
   * `geo` include runs to a few megabytes. Also ends an include of /dev/zero, which never ends.
   */
  maxBytes: 16 * 1024 * 1024,
  /**
   * Most words (directive names and arguments) parsed over all files. Each costs memory, a directive
   * about 100 bytes: the 16 MB that maxBytes allows could hold 8 million `a;` (800 MB), this many
   * take 50 MB. A 100,000-entry `map` is 200,000 words.
   */
  maxWords: 500_000,
  /**
   * Most directives visited once every include is expanded at each place it appears, as nginx does
   * (ngx_conf_include() parses the file again at every include), counting each included file too. A
   * file that includes another twice, which includes another twice, ... doubles the count per level:
   * 30 such files are 2^30 directives. A 100,000-entry `map` included in four servers is 400,000.
   */
  maxExpandedDirectives: 500_000,
  /**
   * Deepest block nesting (`http { server { location { if { ...`), through includes. nginx sets none
   * (its parser recurses once per level); real configurations nest 4 to 6 deep.
   */
  maxBlockDepth: 100,
  /**
   * Deepest chain of files including files. nginx sets none: it keeps each file open while it
   * parses the files that one includes, so it stops only when it runs out of file descriptors (and
   * an include cycle crashes it).
   */
  maxIncludeDepth: 100,
  /**
   * Most directory entries read to match include patterns, over all patterns (each distinct pattern
   * is matched once). Matching one entry takes at most name x pattern steps, and names are at most
   * 255 bytes (NAME_MAX), so this also bounds the time patterns take.
   */
  maxGlobEntries: 20_000,
  /**
   * Most bytes of include patterns (those with `*`, `?` or `[`; plain paths do not count), over the
   * distinct patterns. Reading one costs up to 50 ms for the worst 4 KB of brackets (the longest word
   * nginx allows), so thousands would take minutes; a configuration has a few patterns of a few
   * dozen bytes (conf.d/*.conf, sites-enabled/*).
   */
  maxGlobPatternBytes: 16 * 1024,
  /**
   * nginx's own limit, not one of pkilab's: it reads a file through a buffer of this many bytes
   * (NGX_CONF_BUFFER in src/core/ngx_conf_file.c), and a word, quoted string or comment that does not
   * end within it is an error ("too long parameter"). In practice a word may have 4094 bytes (4095
   * before ";" or "{"), a quoted string 4094 (4093 before a space) and a comment 4095 with its "#".
   */
  tokenBufferBytes: 4096,
} as const;

type LimitName = keyof typeof NGINX_CONF_LIMITS;

/** "what (NGINX_CONF_LIMITS.name = value)", the middle of a limit's message. */
function overLimit(what: string, limit: LimitName): string {
  return `${what} (NGINX_CONF_LIMITS.${limit} = ${NGINX_CONF_LIMITS[limit]})`;
}

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
  origins: Partial<Record<"sslClientCertificate" | "sslTrustedCertificate" | "sslVerifyClient" | "sslVerifyDepth" | "sslCertificate" | "sslCrl", string>>;
}

export type VerifyClient = "on" | "off" | "optional" | "optional_no_ca";

/** One directive: `name args...;` or `name args... { block }`. */
interface Directive {
  name: string;
  args: string[];
  file: string;
  line: number;
  block?: Directive[];
  /** What a block held as parsed, before includes were expanded (see BlockSummary). */
  parsed?: BlockSummary;
}

/** A block as its file has it: what expandIncludes() needs to use it as it is. */
interface BlockSummary {
  /** Directives inside, at any depth. */
  directives: number;
  /** Levels of blocks: 1 for a block with no block inside. */
  levels: number;
  /** An include is inside, at any depth: then the block differs from place to place once expanded. */
  hasInclude: boolean;
}

const at = (d: { file: string; line: number }): string => `${d.file}:${d.line}`;

/**
 * The file system as this reader uses it: nginx opens, reads and globs the files itself
 * (ngx_conf_parse(), ngx_conf_include()), so the reader is handed one instead of touching any.
 * src/app/read-nginx-conf.ts gives node:fs's; the limits and messages stay here.
 */
export interface ConfFileSystem {
  /**
   * The file's bytes, none when it has more than `allowance` (a device such as /dev/zero has no
   * end), and its device and inode ("dev:ino"). Throws the file system's error when it cannot be read.
   */
  readAtMost(file: string, allowance: number): { bytes?: Buffer; identity: string };
  /**
   * The names readdir(3) gives for `dir`, "." and ".." included (`.*` matches them); none if it
   * cannot be read (glob(3) without GLOB_ERR finds nothing there). `countEntry` is called as each
   * entry after those two is read; it throws at the limit, so a directory of millions stops there.
   */
  listDirectory(dir: string, countEntry: () => void): string[];
  /** stat(2): the path is a directory (following links); false when it cannot be stat'ed. */
  isDirectory(file: string): boolean;
  /** lstat(2) succeeds: the name exists (a dangling link too). */
  exists(file: string): boolean;
}

/**
 * Reads `mainFile` (the file nginx gets with -c) and its includes through `fileSystem` and returns
 * the TLS settings of one server: the one whose server_name matches `options.serverName`, else the
 * first TLS server that verifies client certificates, else the first TLS server.
 * `options.prefix` overrides the conf prefix (by default the directory of `mainFile`, as in nginx).
 */
export function parseNginxTls(mainFile: string, fileSystem: ConfFileSystem, options: { serverName?: string; prefix?: string } = {}): NginxTlsSettings {
  // ngx_process_options(): the conf prefix is the directory of the -c file, not the -p prefix.
  const prefix = path.resolve(options.prefix ?? path.dirname(path.resolve(mainFile)));
  const top = expandIncludes(mainFile, new ConfigFiles(fileSystem), prefix);

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
        `${mainFile}: no server block has a server_name matching "${options.serverName}" (names found: ${names.length ? someOf(names, 20, ", ") : "none"}): pass one of those names`,
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

/** The first `count` items joined, and how many more there are: a message stays one readable line. */
function someOf(items: readonly string[], count: number, separator: string): string {
  const shown = items.slice(0, count).map((s) => (s.length > 80 ? `${s.slice(0, 80)}...` : s));
  return items.length > count ? `${shown.join(separator)}${separator}... (${items.length - count} more)` : shown.join(separator);
}

// ---------------------------------------------------------------------------------------------
// Tokenizer: ngx_conf_read_token()
//
// The text is the file's bytes as latin1 (one character per byte), so lengths are nginx's byte
// counts and glob patterns are matched byte by byte as glob(3) does in the C locale nginx runs in;
// each word is decoded from UTF-8 once it is complete.

type Token = { kind: "word"; text: string; line: number } | { kind: ";" | "{" | "}"; line: number };

const isSpace = (ch: string | undefined): boolean => ch === " " || ch === "\t" || ch === "\r" || ch === "\n";

/** Yields the tokens one at a time, so a file that is all ";" costs no memory before the parser refuses it. */
function* tokenize(file: string, text: string): Generator<Token> {
  const buffer = NGINX_CONF_LIMITS.tokenBufferBytes;
  /**
   * ngx_conf_read_token() keeps the token being read (from `start`) in its buffer: reading the byte
   * at `lastRead` with the token still open fails once they are a buffer apart. At the end of the
   * file nginx reports the end instead, hence `lastRead` is always a byte that exists.
   */
  const tooLong = (start: number, lastRead: number, line: number, quote?: { char: string; closedAt: number }): void => {
    const failsAt = start + buffer;
    if (failsAt > Math.min(lastRead, text.length - 1)) return;
    const what =
      quote && failsAt <= quote.closedAt
        ? `too long parameter, probably missing terminating ${quote.char} character`
        : `too long parameter "${toUtf8(text.slice(start, start + 10))}..." started`;
    throw new InputError(
      `${file}:${line}: ${overLimit(`${what}: nginx reads a word, quoted string or comment in one buffer`, "tokenBufferBytes")}: ${quote ? "close the string or shorten it" : "shorten it"}`,
    );
  };
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
      yield { kind: ch, line };
      i++;
      continue;
    }
    // `#` starts a comment only where a token could start: `a#b` is one word, as in nginx.
    if (ch === "#") {
      const end = text.indexOf("\n", i);
      tooLong(i, end === -1 ? text.length : end, line);
      i = end === -1 ? text.length : end;
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
      // After the closing quote nginx reads one more byte, and after a space one more again, before
      // the token's start moves on.
      tooLong(i + 1, isSpace(text[j + 1]) ? j + 2 : j + 1, startLine, { char: ch, closedAt: j });
      if (j >= text.length) {
        throw new InputError(`${file}:${startLine}: unterminated ${ch === '"' ? "double" : "single"} quote: close the string with ${ch}`);
      }
      yield { kind: "word", text: toUtf8(unescape(text.slice(i + 1, j))), line: startLine };
      i = j + 1;
      // After a closing quote nginx needs a space, ";", "{" or ")" (need_space).
      const next = text[i];
      if (next !== undefined && !isSpace(next) && next !== ";" && next !== "{" && next !== ")") {
        throw new InputError(`${file}:${line}: unexpected "${toUtf8(next)}" after a quoted string: put a space or ";" after the closing quote`);
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
    // A space after the word is read with the word's start still in place; ";" and "{" end it at once.
    tooLong(i, isSpace(text[j]) ? j + 1 : j, startLine);
    yield { kind: "word", text: toUtf8(unescape(text.slice(i, Math.min(j, text.length)))), line: startLine };
    i = j;
  }
}

/** The escapes nginx decodes when it copies a word: \" \' \\ \t \r \n; any other backslash stays. */
function unescape(raw: string): string {
  if (!raw.includes("\\")) return raw;
  return raw.replace(/\\(["'\\trn])/g, (_m, c: string) => (c === "t" ? "\t" : c === "r" ? "\r" : c === "n" ? "\n" : c));
}

/** A word's bytes (held as latin1) as text: UTF-8, as nginx's own messages and file names are. */
function toUtf8(latin1: string): string {
  return /[\x80-\xff]/.test(latin1) ? Buffer.from(latin1, "latin1").toString("utf8") : latin1;
}

// ---------------------------------------------------------------------------------------------
// Parser: ngx_conf_parse(). Each file must balance its own braces, as in nginx.

function parse(file: string, text: string, files: ConfigFiles): Directive[] {
  const root: Directive[] = [];
  /** The open blocks, the file itself first; each adds up what it holds until it closes. */
  const stack: ({ list: Directive[]; opener?: Directive } & BlockSummary)[] = [{ list: root, directives: 0, levels: 1, hasInclude: false }];
  /** The words of the directive being read (one array, emptied after each directive). */
  const words: string[] = [];
  let firstLine = 0;
  const pending = (): string => `"${someOf(words, 8, " ")}"`;

  for (const tok of tokenize(file, text)) {
    const current = stack[stack.length - 1]!;
    if (tok.kind === "word") {
      files.countWord(file, tok.line);
      if (words.length === 0) firstLine = tok.line;
      words.push(tok.text);
      continue;
    }
    if (tok.kind === "}") {
      if (words.length > 0) {
        throw new InputError(`${file}:${tok.line}: unexpected "}": the directive ${pending()} on line ${firstLine} is missing its ";"`);
      }
      if (!current.opener) throw new InputError(`${file}:${tok.line}: unexpected "}": remove it or the block it closes is missing its opening "{"`);
      stack.pop();
      const { directives, levels, hasInclude } = current;
      if (directives === 0) {
        // `a {}` half a million times should not cost half a million lists and summaries.
        current.opener.block = NO_DIRECTIVES;
        current.opener.parsed = EMPTY_BLOCK;
      } else {
        // A list grown by push() has room for 16; a copy has room for what it holds.
        if (current.list.length < 16) current.opener.block = current.list.slice();
        current.opener.parsed = { directives, levels, hasInclude };
      }
      const parent = stack[stack.length - 1]!;
      parent.directives += directives;
      parent.levels = Math.max(parent.levels, levels + 1);
      parent.hasInclude ||= hasInclude;
      continue;
    }
    const name = words[0];
    if (name === undefined) throw new InputError(`${file}:${tok.line}: unexpected "${tok.kind}": a directive name must come before it`);
    // Every field set here, so V8 keeps them in the object (fields added later cost a separate store).
    const directive: Directive = { name, args: words.length > 1 ? words.slice(1) : NO_ARGS, file, line: firstLine, block: undefined, parsed: undefined };
    current.list.push(directive);
    current.directives++;
    if (name === "include") current.hasInclude = true;
    words.length = 0;
    if (tok.kind === "{") {
      // The depth within this file; expandIncludes() checks it again with the blocks around the include.
      if (stack.length > NGINX_CONF_LIMITS.maxBlockDepth) throw tooDeep(directive);
      directive.block = [];
      stack.push({ list: directive.block, opener: directive, directives: 0, levels: 1, hasInclude: false });
    }
  }
  if (words.length > 0) {
    throw new InputError(`${file}:${firstLine}: unexpected end of file: the directive ${pending()} is missing its ";"`);
  }
  const open = stack[stack.length - 1]!.opener;
  if (open) {
    throw new InputError(`${file}: unexpected end of file, expecting "}": the "${open.name}" block opened on line ${open.line} is not closed`);
  }
  return root;
}

/**
 * Shared by every directive without arguments, every empty block and its summary (nothing writes to
 * a parsed directive), so half a million `a;` or `a {}` do not cost as many arrays.
 */
const NO_ARGS: string[] = [];
const NO_DIRECTIVES: Directive[] = [];
const EMPTY_BLOCK: BlockSummary = { directives: 0, levels: 1, hasInclude: false };

function tooDeep(d: Directive): InputError {
  return new InputError(`${at(d)}: ${overLimit(`blocks nest more than ${NGINX_CONF_LIMITS.maxBlockDepth} deep`, "maxBlockDepth")}: close the blocks with "}" or flatten them`);
}

// ---------------------------------------------------------------------------------------------
// Files: each read and parsed once, within NGINX_CONF_LIMITS

interface LoadedFile {
  /** The file itself (device and inode), whatever name or link it was reached by: include cycles are found by it. */
  identity: string;
  directives: Directive[];
}

/** The files and include patterns one configuration reads, and what reading them has cost so far. */
class ConfigFiles {
  private readonly loaded = new Map<string, LoadedFile>();
  private readonly globs = new Map<string, string[]>();
  private bytes = 0;
  private words = 0;
  private globEntries = 0;
  private globPatternBytes = 0;

  constructor(private readonly fileSystem: ConfFileSystem) {}

  /** `file` parsed (once: later calls return the same directives). `from` is the include that names it. */
  load(file: string, from?: Directive): LoadedFile {
    const known = this.loaded.get(file);
    if (known) return known;
    const where = from ? `${at(from)}: include "${file}"` : file;
    if (this.loaded.size >= NGINX_CONF_LIMITS.maxFiles) {
      throw new InputError(`${where}: ${overLimit(`more than ${NGINX_CONF_LIMITS.maxFiles} files to read`, "maxFiles")}: include fewer files`);
    }
    let read: { bytes?: Buffer; identity: string };
    try {
      read = this.fileSystem.readAtMost(file, NGINX_CONF_LIMITS.maxBytes - this.bytes);
    } catch (err) {
      throw new InputError(`${where}: cannot read: ${describeFsError(err)}: check the path`);
    }
    const { bytes, identity } = read;
    if (bytes === undefined) {
      throw new InputError(
        `${where}: ${overLimit(`the configuration files add up to more than ${NGINX_CONF_LIMITS.maxBytes} bytes`, "maxBytes")}: include only nginx configuration files`,
      );
    }
    this.bytes += bytes.length;
    const result = { identity, directives: parse(file, bytes.toString("latin1"), this) };
    this.loaded.set(file, result);
    return result;
  }

  countWord(file: string, line: number): void {
    if (++this.words > NGINX_CONF_LIMITS.maxWords) {
      throw new InputError(
        `${file}:${line}: ${overLimit(`the configuration files hold more than ${NGINX_CONF_LIMITS.maxWords} words`, "maxWords")}: include only the files the TLS server needs`,
      );
    }
  }

  /** The files an include pattern matches, as glob(3) lists them (matched once per distinct pattern). */
  glob(pattern: string, from: Directive): string[] {
    let files = this.globs.get(pattern);
    if (!files) {
      this.globPatternBytes += Buffer.byteLength(pattern);
      if (this.globPatternBytes > NGINX_CONF_LIMITS.maxGlobPatternBytes) {
        throw new InputError(
          `${at(from)}: include "${someOf([pattern], 1, "")}": ${overLimit(`the include patterns add up to more than ${NGINX_CONF_LIMITS.maxGlobPatternBytes} bytes`, "maxGlobPatternBytes")}: use fewer or shorter patterns`,
        );
      }
      files = globFiles(pattern, this.fileSystem, (count) => {
        this.globEntries += count;
        if (this.globEntries > NGINX_CONF_LIMITS.maxGlobEntries) {
          throw new InputError(
            `${at(from)}: include "${pattern}": ${overLimit(`the include patterns read more than ${NGINX_CONF_LIMITS.maxGlobEntries} directory entries`, "maxGlobEntries")}: use narrower patterns`,
          );
        }
      });
      this.globs.set(pattern, files);
    }
    return files;
  }
}

// ---------------------------------------------------------------------------------------------
// Includes: ngx_conf_include()

/** A list of directives being copied into `out`: `depth` = how many blocks hold it. */
interface ListFrame {
  kind: "list";
  items: readonly Directive[];
  next: number;
  out: Directive[];
  depth: number;
  /** The top level of an included (or the main) file: when done, the file leaves the include chain. */
  endsFile: boolean;
  /** The copied block directive whose list `out` is, if any. */
  owner?: Directive;
}
/** The files one include matched, expanded one after the other into `out`. */
interface IncludeFrame {
  kind: "include";
  from: Directive;
  files: readonly string[];
  next: number;
  out: Directive[];
  depth: number;
}

/**
 * The main file's directives with every include replaced by the directives of the files it names,
 * at each place it appears (nginx parses an included file again at every include). Iterative: a
 * frame per open block or include, so neither nesting nor includes grow the call stack. Directives
 * without blocks are shared between the places a file is included; blocks are copied.
 */
function expandIncludes(mainFile: string, files: ConfigFiles, prefix: string): Directive[] {
  const main = files.load(mainFile);
  const top: Directive[] = [];
  /** The files being expanded, outermost first, and their identities. */
  const chain = [{ name: mainFile, identity: main.identity }];
  const open = new Set([main.identity]);
  const stack: (ListFrame | IncludeFrame)[] = [{ kind: "list", items: main.directives, next: 0, out: top, depth: 0, endsFile: true }];
  let visited = 0;
  const visit = (d: Directive, count = 1): void => {
    visited += count;
    if (visited > NGINX_CONF_LIMITS.maxExpandedDirectives) {
      throw new InputError(
        `${at(d)}: ${overLimit(`more than ${NGINX_CONF_LIMITS.maxExpandedDirectives} directives once every include is expanded where it appears`, "maxExpandedDirectives")}: include shared files at fewer places`,
      );
    }
  };

  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.kind === "include") {
      const file = frame.files[frame.next++];
      if (file === undefined) {
        stack.pop();
        continue;
      }
      visit(frame.from);
      const { identity, directives } = files.load(file, frame.from);
      if (open.has(identity)) {
        throw new InputError(`${at(frame.from)}: include cycle: ${[...chain.map((f) => f.name), file].join(" -> ")}: remove the include that leads back`);
      }
      if (chain.length >= NGINX_CONF_LIMITS.maxIncludeDepth) {
        throw new InputError(`${at(frame.from)}: more than ${NGINX_CONF_LIMITS.maxIncludeDepth} nested includes (NGINX_CONF_LIMITS.maxIncludeDepth = ${NGINX_CONF_LIMITS.maxIncludeDepth}): flatten the includes`);
      }
      chain.push({ name: file, identity });
      open.add(identity);
      stack.push({ kind: "list", items: directives, next: 0, out: frame.out, depth: frame.depth, endsFile: true });
      continue;
    }

    const d = frame.items[frame.next++];
    if (d === undefined) {
      stack.pop();
      if (frame.endsFile) open.delete(chain.pop()!.identity);
      // A list grown by push() has room for 16; a copy has room for what it holds.
      if (frame.owner && frame.out.length < 16) frame.owner.block = frame.out.length === 0 ? NO_DIRECTIVES : frame.out.slice();
      continue;
    }
    visit(d);
    if (d.name === "include") {
      checkArgs(d, 1, 1);
      if (d.block) throw new InputError(`${at(d)}: directive "include" is not terminated by ";": remove the block`);
      const target = fullName(d.args[0]!, prefix);
      // Only patterns with * ? [ are globbed (strpbrk() in ngx_conf_include()); a pattern that
      // matches nothing is fine (gl.test = 1).
      const matched = /[*?[]/.test(target) ? files.glob(target, d) : [target];
      stack.push({ kind: "include", from: d, files: matched, next: 0, out: frame.out, depth: frame.depth });
    } else if (d.block && d.parsed && !d.parsed.hasInclude) {
      // No include inside: the block is the same wherever it appears, so it is used as parsed
      // (counted and measured from its summary) instead of copied.
      visit(d, d.parsed.directives);
      if (frame.depth + d.parsed.levels > NGINX_CONF_LIMITS.maxBlockDepth) throw tooDeep(deepestBlock(d, NGINX_CONF_LIMITS.maxBlockDepth - frame.depth + 1));
      frame.out.push(d);
    } else if (d.block) {
      if (frame.depth + 1 > NGINX_CONF_LIMITS.maxBlockDepth) throw tooDeep(d);
      const block: Directive[] = [];
      const copy: Directive = { ...d, block, parsed: undefined };
      frame.out.push(copy);
      stack.push({ kind: "list", items: d.block, next: 0, out: block, depth: frame.depth + 1, endsFile: false, owner: copy });
    } else {
      frame.out.push(d);
    }
  }
  return top;
}

/** The block `levels` below `d` (d itself is 1) on a path down its deepest blocks: the one that goes too deep. */
function deepestBlock(d: Directive, levels: number): Directive {
  let block = d;
  for (let level = 1; level < levels; level++) {
    const deeper = block.block?.find((inner) => inner.parsed !== undefined && inner.parsed.levels === block.parsed!.levels - 1);
    if (!deeper) break;
    block = deeper;
  }
  return block;
}

/** ngx_conf_full_name(): absolute paths stay, relative ones are joined to the conf prefix. */
function fullName(name: string, prefix: string): string {
  return name.startsWith("/") ? name : path.join(prefix, name);
}

// ---------------------------------------------------------------------------------------------
// glob(3) as ngx_open_glob() calls it: glob(pattern, 0, NULL, &gl), in the C locale (nginx never
// calls setlocale() on Unix). Names are matched as bytes the way glibc's fnmatch(3) does with
// FNM_PERIOD (posix/fnmatch_loop.c); nothing is turned into a RegExp.

/** A byte set: set[b] === 1 when byte b is in it. */
type ByteSet = Uint8Array;

/** One path component of a pattern, compiled. */
interface GlobPart {
  /** The byte sets between the `*`s: one run = no star, two runs = one star, ... */
  runs: ByteSet[][];
  /** The pattern starts with a "." written as such: only then can a name starting with "." match (FNM_PERIOD). */
  dotFirst: boolean;
  /** The name itself when the component has no wildcard (escapes removed): the directory is not read. */
  literal?: string;
}

const DOT = 0x2e;

/**
 * The files an absolute pattern matches in `fileSystem`, as glob(3) returns them: `*`, `?` and
 * `[...]` in any path component, sorted in byte order. `countEntries` is told of each directory entry read.
 */
export function globFiles(pattern: string, fileSystem: ConfFileSystem, countEntries: (count: number) => void = () => {}): string[] {
  let paths = ["/"];
  const components = pattern.split("/").filter((c) => c !== "");
  for (let k = 0; k < components.length && paths.length > 0; k++) {
    const part = compileGlobPart(components[k]!);
    if (part === undefined) return []; // a component that matches no name
    const { literal } = part;
    if (literal !== undefined) {
      // No wildcard: glob(3) does not read the directory; the last component must exist (lstat).
      paths = paths.map((p) => joinPath(p, literal));
      if (k === components.length - 1) paths = paths.filter((p) => fileSystem.exists(p));
      continue;
    }
    const next: string[] = [];
    for (const dir of paths) {
      for (const name of fileSystem.listDirectory(dir, () => countEntries(1))) {
        if (matchGlobPart(part, Buffer.from(name, "utf8"))) next.push(joinPath(dir, name));
      }
    }
    paths = next;
  }
  // A pattern ending in "/" matches directories only, written with the "/" (then nginx fails to read them).
  if (pattern.endsWith("/")) paths = paths.filter((p) => fileSystem.isDirectory(p)).map((p) => `${p}/`);
  // glob(3) sorts with strcoll(): byte order in the C locale.
  return paths
    .map((p) => ({ p, key: Buffer.from(p, "utf8") }))
    .sort((a, b) => Buffer.compare(a.key, b.key))
    .map(({ p }) => p);
}

const joinPath = (dir: string, name: string): string => (dir === "/" ? `/${name}` : `${dir}/${name}`);

/** A path component (no "/") compiled, or undefined when it matches no name at all. */
function compileGlobPart(component: string): GlobPart | undefined {
  const p = Buffer.from(component, "utf8");
  const runs: ByteSet[][] = [[]];
  let current = runs[0]!;
  /** The bytes written as such, while no wildcard has been seen. */
  let literal: number[] | undefined = [];
  let dotFirst = false;
  const add = (set: ByteSet, written?: number): void => {
    if (runs.length === 1 && current.length === 0) dotFirst = written === DOT;
    if (written === undefined) literal = undefined;
    else literal?.push(written);
    current.push(set);
  };
  const brackets = new BracketReader(p);
  let elements = 0;
  let i = 0;
  while (i < p.length) {
    // Each element but * takes one byte of the name, and names have at most NAME_MAX (255) bytes
    // (glibc's struct dirent has d_name[256]): a longer pattern matches nothing, and reading it
    // further would only cost time.
    if (elements > NAME_MAX) return undefined;
    const c = p[i]!;
    if (c !== 0x2a) elements++;
    if (c === 0x2a /* * */) {
      if (runs.length === 1 && current.length === 0) dotFirst = false;
      literal = undefined;
      // Consecutive stars are one star.
      if (current.length > 0 || runs.length === 1) runs.push((current = []));
      i++;
    } else if (c === 0x3f /* ? */) {
      add(ANY_BYTE);
      i++;
    } else if (c === 0x5c /* \ */) {
      const escaped = p[i + 1];
      if (escaped === undefined) return undefined; // glibc: "Trailing \ loses."
      add(singleByte(escaped), escaped);
      i += 2;
    } else if (c === 0x5b /* [ */) {
      const bracket = brackets.read(i + 1);
      if (bracket === "never") return undefined;
      if (bracket === "plain") {
        // glibc: "[ unterminated, treat as normal character."
        add(singleByte(c), c);
        i++;
      } else {
        add(bracket.set);
        i = bracket.end;
      }
    } else {
      add(singleByte(c), c);
      i++;
    }
  }
  return { runs, dotFirst, literal: literal === undefined ? undefined : Buffer.from(literal).toString("utf8") };
}

const NAME_MAX = 255;
const ANY_BYTE: ByteSet = new Uint8Array(256).fill(1);
function singleByte(b: number): ByteSet {
  const set = new Uint8Array(256);
  set[b] = 1;
  return set;
}

/** The character classes of the C locale (ASCII only) for `[:name:]`. */
const CHARACTER_CLASSES: ReadonlyMap<string, ByteSet> = new Map(
  Object.entries({
    alnum: (b: number) => isAlpha(b) || isDigit(b),
    alpha: isAlpha,
    blank: (b: number) => b === 0x20 || b === 0x09,
    cntrl: (b: number) => b < 0x20 || b === 0x7f,
    digit: isDigit,
    graph: (b: number) => b > 0x20 && b < 0x7f,
    lower: (b: number) => b >= 0x61 && b <= 0x7a,
    print: (b: number) => b >= 0x20 && b < 0x7f,
    punct: (b: number) => b > 0x20 && b < 0x7f && !isAlpha(b) && !isDigit(b),
    space: (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d),
    upper: (b: number) => b >= 0x41 && b <= 0x5a,
    xdigit: (b: number) => isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66),
  }).map(([name, test]) => [name, Uint8Array.from({ length: 256 }, (_, b) => (test(b) ? 1 : 0))]),
);
function isAlpha(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}
function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/** Where a bracket's items end: after a closing "]" (the position after it), at the end of the pattern, or at an item glibc gives up on. */
type BracketEnd = number | "unterminated" | "never";

/** One item of a bracket: the bytes `low` to `high` (none when reversed), or a class's `members`; the next item starts at `after`. */
interface BracketItem {
  low: number;
  high: number;
  members?: ByteSet;
  after: number;
}

const includesByte = (item: BracketItem, b: number): boolean => (item.members ? item.members[b] === 1 : item.low <= b && b <= item.high);

/**
 * The bracket expressions of one pattern component, read as glibc's fnmatch(3) reads them for each
 * byte of a name (`case L_('[')` in posix/fnmatch_loop.c, C locale). glibc reads the items in order
 * until one matches the byte: `!` or `^` first negates, "]" first is a plain byte, `a-z` is a byte
 * range (empty when reversed: `[z-a]` matches nothing), `\x` is x, `[:alpha:]` a class, `[=a=]` and
 * `[.a.]` the byte a. An unknown class, a range or escape cut off by the end of the pattern, or a
 * collating symbol of more than one byte ends the items with no match. Once an item matched, glibc
 * skips to the "]" by simpler rules of its own (skip()), so what follows the matching item can
 * still decide; both readings are followed here. A bracket no "]" closes leaves its "[" a plain byte.
 *
 * Both walks are remembered by position for the whole component, so reading all its brackets costs
 * time in proportion to its length, even when unclosed brackets overlap ("[[[[...").
 */
class BracketReader {
  private readonly walks = new Map<number, { end: BracketEnd; bracketAfter: number }>();
  private readonly skips = new Map<number, BracketEnd>();

  constructor(private readonly p: Uint8Array) {}

  /**
   * The bracket whose "[" is just before `start`: the bytes it matches and where the pattern goes
   * on; "plain" when its "[" is a plain byte instead; "never" when no byte can match there.
   */
  read(start: number): { set: ByteSet; end: number } | "plain" | "never" {
    let i = start;
    const negate = this.p[i] === 0x21 /* ! */ || this.p[i] === 0x5e; /* ^ */
    if (negate) i++;
    const first = this.item(i, true);
    const ending = "end" in first ? first.end : this.walk(first.after).end;

    if (ending === "unterminated") {
      // No "]" closes the items: what matters is whether the byte "[" reads the "[" as plain. It
      // does if no item matches it, or if glibc's skipping from the item that does runs off the end.
      const firstItem = "end" in first ? first.last : first;
      const bracketAfter = firstItem && includesByte(firstItem, 0x5b) ? firstItem.after : "end" in first ? -1 : this.walk(first.after).bracketAfter;
      const goesOn = bracketAfter === -1 ? ending : this.skip(bracketAfter);
      return goesOn === "unterminated" ? "plain" : "never";
    }

    // For each byte, the first item that matches it (an index into `afters`), or -1.
    const firstMatch = new Int16Array(256).fill(-1);
    const afters: number[] = [];
    let unmatched = 256;
    const record = (item: BracketItem): void => {
      const index = afters.push(item.after) - 1;
      for (let b = item.members ? 0 : item.low; unmatched > 0 && b <= (item.members ? 255 : item.high); b++) {
        if (firstMatch[b] === -1 && includesByte(item, b)) {
          firstMatch[b] = index;
          unmatched--;
        }
      }
    };
    for (let j = i, isFirst = true; ; isFirst = false) {
      const item = this.item(j, isFirst);
      if ("end" in item) {
        if (item.last) record(item.last);
        break;
      }
      record(item);
      j = item.after;
    }
    const goesOnAfter = afters.map((after) => this.skip(after));
    const set = new Uint8Array(256);
    // Where the matching bytes go on: the items' "]", or when an item ended them with no match, the
    // "]" glibc's skipping finds after an item that matched before it (`[a[:foo:]]` matches "a").
    let end = typeof ending === "number" ? ending : -1;
    for (let b = 0; b < 256; b++) {
      const index = firstMatch[b]!;
      const matched = index !== -1;
      // Negation swaps which bytes match: those no item matched, going on at the items' "]".
      if (matched === negate) continue;
      const goesOn: BracketEnd | undefined = matched ? goesOnAfter[index] : ending;
      if (typeof goesOn !== "number") continue;
      // The items and the skipping find the same "]" except where a range ends at a "[" just before
      // ":" or "=" (`[xa-[:alpha:]]`: the skipping reads a class there, the items plain bytes);
      // glob(3) then goes on at both places, and here the bytes that go on at the other are left out.
      if (end === -1) end = goesOn;
      if (goesOn === end) set[b] = 1;
    }
    if (end !== -1) return { set, end };
    const bracket = firstMatch[0x5b]!;
    return bracket !== -1 && goesOnAfter[bracket] === "unterminated" ? "plain" : "never";
  }

  /** The item at `i` (`first`: a "]" there is a plain byte), or how the items end there (`last`: an item read just before). */
  private item(i: number, first: boolean): BracketItem | { end: BracketEnd; last?: BracketItem } {
    const p = this.p;
    const c = p[i];
    if (c === undefined) return { end: "unterminated" };
    if (c === 0x5d /* ] */ && !first) return { end: i + 1 };
    if (c === 0x5b /* [ */ && p[i + 1] === 0x3a /* : */) {
      // `[:name:]` when letters a-y (glibc's own test) run up to ":]"; otherwise a plain "[".
      let j = i + 2;
      while (p[j] !== undefined && p[j]! >= 0x61 && p[j]! < 0x7a) j++;
      if (j - (i + 2) >= CHAR_CLASS_MAX_LENGTH) return { end: "never" };
      if (p[j] === 0x3a && p[j + 1] === 0x5d) {
        const members = CHARACTER_CLASSES.get(Buffer.from(p.subarray(i + 2, j)).toString("latin1"));
        return members ? { low: 0, high: 255, members, after: j + 2 } : { end: "never" };
      }
    }
    if (c === 0x5b && p[i + 1] === 0x3d /* = */ && p[i + 2] !== undefined && p[i + 3] === 0x3d && p[i + 4] === 0x5d) {
      // `[=a=]`: without collation rules the class is the byte itself; it starts no range.
      return { low: p[i + 2]!, high: p[i + 2]!, after: i + 5 };
    }
    const low = bracketByte(p, i);
    if (low === "never") return { end: "never" };
    // A "-" after an item makes a range unless "]" follows it (then the "-" is a plain byte).
    if (p[low.next] === 0x2d /* - */ && p[low.next + 1] !== 0x5d) {
      const high = bracketByte(p, low.next + 1);
      if (high !== "never") return { low: low.byte, high: high.byte, after: high.next };
      // glibc compared the low byte itself first when the pattern ended right after the "-".
      return p[low.next + 1] === undefined ? { end: "never", last: { low: low.byte, high: low.byte, after: low.next } } : { end: "never" };
    }
    // glibc quirk kept: a collating symbol followed by "-]" is neither matched nor a range start.
    if (low.symbol && p[low.next] === 0x2d) return { low: 1, high: 0, after: low.next };
    return { low: low.byte, high: low.byte, after: low.next };
  }

  /** From the item at `i` on (not the first): how the items end, and the position after the first one matching "[" (-1: none). */
  private walk(i: number): { end: BracketEnd; bracketAfter: number } {
    const passed: BracketItem[] = [];
    const from = i;
    let result = this.walks.get(i);
    while (result === undefined) {
      const item = this.item(i, false);
      if ("end" in item) {
        result = { end: item.end, bracketAfter: item.last && includesByte(item.last, 0x5b) ? item.last.after : -1 };
        this.walks.set(i, result);
        break;
      }
      passed.push(item);
      i = item.after;
      result = this.walks.get(i);
    }
    // Remember the answer at every item passed, nearest the end first.
    let { bracketAfter } = result;
    for (let k = passed.length - 1; k >= 0; k--) {
      const item = passed[k]!;
      if (includesByte(item, 0x5b)) bracketAfter = item.after;
      this.walks.set(k === 0 ? from : passed[k - 1]!.after, { end: result.end, bracketAfter });
    }
    return this.walks.get(from)!;
  }

  /**
   * Where glibc's skip to the closing "]" ends after an item matched at `from` (the `matched:` loop
   * in posix/fnmatch_loop.c): after the "]", "unterminated", or "never" (a `[=` that is not
   * `[=x=]`, or an escape or `[.` cut off by the end).
   */
  private skip(from: number): BracketEnd {
    const p = this.p;
    const passed: number[] = [];
    let i = from;
    let result = this.skips.get(i);
    while (result === undefined) {
      passed.push(i);
      const c = p[i];
      if (c === undefined) result = "unterminated";
      else if (c === 0x5d /* ] */) result = i + 1;
      else if (c === 0x5c /* \ */) {
        if (p[i + 1] === undefined) result = "never";
        i += 2;
      } else if (c === 0x5b && p[i + 1] === 0x3a /* [: */) {
        // Up to ":]" over letters a-y; at any other byte the "[" was a plain byte.
        let j = i + 2;
        while (j - (i + 2) < CHAR_CLASS_MAX_LENGTH - 1 && !(p[j] === 0x3a && p[j + 1] === 0x5d) && p[j] !== undefined && p[j]! >= 0x61 && p[j]! < 0x7a) j++;
        if (j - (i + 2) >= CHAR_CLASS_MAX_LENGTH - 1) result = "never";
        i = p[j] === 0x3a && p[j + 1] === 0x5d ? j + 2 : i + 1;
      } else if (c === 0x5b && p[i + 1] === 0x3d /* [= */) {
        if (p[i + 2] === undefined || p[i + 3] !== 0x3d || p[i + 4] !== 0x5d) result = "never";
        i += 5;
      } else if (c === 0x5b && p[i + 1] === 0x2e /* [. */) {
        let j = i + 2;
        while (j < p.length && !(p[j] === 0x2e && p[j + 1] === 0x5d)) j++;
        if (j >= p.length) result = "never";
        i = j + 2;
      } else {
        i++;
      }
      result ??= this.skips.get(i);
    }
    for (const at of passed) this.skips.set(at, result);
    return result;
  }
}

/** glibc's CHAR_CLASS_MAX_LENGTH: a class name this long ends the bracket with no match. */
const CHAR_CLASS_MAX_LENGTH = 256;

/** One byte of a bracket at `i`: a plain byte, `\x`, or a collating symbol `[.x.]`. */
function bracketByte(p: Uint8Array, i: number): { byte: number; next: number; symbol: boolean } | "never" {
  const c = p[i];
  if (c === undefined) return "never";
  if (c === 0x5c /* \ */) {
    const escaped = p[i + 1];
    return escaped === undefined ? "never" : { byte: escaped, next: i + 2, symbol: false };
  }
  if (c === 0x5b /* [ */ && p[i + 1] === 0x2e /* . */) {
    // `[.x.]` ends at the first ".]" after the "[."; the C locale has one-byte symbols only.
    let j = i + 2;
    while (j < p.length && !(p[j] === 0x2e && p[j + 1] === 0x5d)) j++;
    if (j !== i + 3) return "never";
    return { byte: p[i + 2]!, next: j + 2, symbol: true };
  }
  return { byte: c, next: i + 1, symbol: false };
}

/**
 * fnmatch(3) with FNM_PERIOD for one name. A run between two stars has a fixed length, so each run
 * is placed at its leftmost fit after the previous one, which is what glibc's backtracking to the
 * last star amounts to: at most name x pattern steps, never exponential.
 */
function matchGlobPart(part: GlobPart, name: Uint8Array): boolean {
  // A leading "." is matched only by a "." written as such: not by *, ? or [...] (FNM_PERIOD).
  if (name[0] === DOT && !part.dotFirst) return false;
  const { runs } = part;
  const fits = (run: readonly ByteSet[], at: number): boolean => {
    for (let k = 0; k < run.length; k++) if (run[k]![name[at + k]!] !== 1) return false;
    return true;
  };
  const head = runs[0]!;
  if (runs.length === 1) return name.length === head.length && fits(head, 0);
  const tail = runs[runs.length - 1]!;
  let needed = 0;
  for (const run of runs) needed += run.length;
  if (name.length < needed || !fits(head, 0) || !fits(tail, name.length - tail.length)) return false;
  let from = head.length;
  const end = name.length - tail.length;
  for (let r = 1; r < runs.length - 1; r++) {
    const run = runs[r]!;
    while (from + run.length <= end && !fits(run, from)) from++;
    if (from + run.length > end) return false;
    from += run.length;
  }
  return true;
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
        // Appended in place: copying the list at every line would be quadratic in the lines.
        scope.protocols ??= { value: [], origin: at(d) };
        for (const protocol of d.args) scope.protocols.value.push(protocol);
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
    `${at(d)}: invalid number of arguments in "${d.name}" (${someOf(d.args, 8, " ")}): is the ";" after "${d.args[max - 1]}" missing?`,
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
      for (const name of item.args) names.push(name); // not push(...args): 140,000 names would overflow the stack
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

/**
 * A `~regex` server_name as a JS RegExp: PCRE's (?P<name>...) becomes (?<name>...); nginx matches
 * caselessly. The expression comes from the config, so it runs on V8's linear-time engine (flag
 * "l"): `~^(.*)*(.*)*…x$` would otherwise backtrack for minutes, where nginx's PCRE gives up at
 * its match limit. Backreferences and lookaround have no linear-time form and are refused. That
 * engine has no caseless mode: the expression's letters are lowercased here (escapes such as \D
 * and \p{…} kept) and callers match lowercased names, which is the same as matching caselessly.
 */
function serverNameRegExp(raw: string, s: ServerInfo): RegExp {
  enableLinearRegExp();
  const source = lowercaseLetters(raw.slice(1).replace(/\(\?P</g, "(?<"));
  try {
    new RegExp(source, "i");
  } catch (err) {
    throw new InputError(`${s.namesAt}: server_name regular expression "${raw}" is invalid: ${(err as Error).message}: fix the expression`);
  }
  try {
    return new RegExp(source, "l");
  } catch {
    throw new InputError(
      `${s.namesAt}: server_name regular expression "${raw}" uses a backreference or lookaround, which pkilab does not match (it cannot bound the time): choose the server block with --nginx-server and a literal server_name`,
    );
  }
}

/** Lowercases a regular expression's literal letters, leaving escapes (\D, \S, \p{Lu}, \u{…}) as written. */
function lowercaseLetters(source: string): string {
  let out = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c !== "\\") {
      out += c.toLowerCase();
      continue;
    }
    const next = source[i + 1] ?? "";
    out += c + next;
    i++;
    // \p{…}, \P{…}, \u{…}, \k<…>: the braces' content is a name or number, kept as it is.
    const close = source[i + 1] === "{" ? "}" : next === "k" && source[i + 1] === "<" ? ">" : "";
    if (close) {
      const end = source.indexOf(close, i + 1);
      if (end !== -1) {
        out += source.slice(i + 1, end + 1);
        i = end;
      }
    }
  }
  return out;
}

let linearRegExpEnabled = false;

/** V8's linear-time regular expression engine (RegExp flag "l") is behind a flag; turn it on once, before the first use. */
function enableLinearRegExp(): void {
  if (linearRegExpEnabled) return;
  setFlagsFromString("--enable-experimental-regexp-engine");
  linearRegExpEnabled = true;
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
  if (ssl.crl) {
    settings.sslCrl = ssl.crl.value;
    settings.origins.sslCrl = ssl.crl.origin;
  }
  return settings;
}
