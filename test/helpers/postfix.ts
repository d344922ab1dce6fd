// The real Postfix (Debian package, 3.7) as an SMTP server with STARTTLS on a loopback port, for
// tests of `pkilab probe --starttls smtp`. Each instance has its own config_directory,
// queue_directory and data_directory in a fresh directory: the system instance (/etc/postfix,
// /var/spool/postfix, /var/lib/postfix) is never written, and of /etc/postfix only the package's
// own metadata (postfix-files, dynamicmaps.cf) is read.
//
// What Postfix needs, as observed with Debian's postfix 3.7.11:
// - root: `postfix start-fg` and the master daemon are for the superuser only (postfix(1)); as
//   any other user `postfix -c DIR start-fg` exits 1 (saying why only to syslog or a terminal).
// - the mail_owner user (`postfix`) and setgid_group (`postdrop`), which the package creates.
// - data_directory owned by mail_owner: created by root, master fails with "open lock file
//   DIR/master.lock: cannot create file exclusively: Permission denied". Leaving data_directory
//   and the queue's subdirectories absent lets `postfix-script check-fatal` (`post-install
//   create-missing`, run by start-fg) create them with the owners and modes of postfix-files;
//   the queue directory itself must exist (the postfix command chdirs there first).
// - every directory above them searchable by mail_owner: tlsmgr (running as postfix) opens
//   data_directory/prng_exch by its absolute path.
// - services in master.cf besides smtpd: tlsmgr (without it: "connect to private/tlsmgr: No such
//   file or directory ... no entropy for TLS key generation: disabling TLS support", and STARTTLS
//   answers 454) and postlog (maillog_file is written by postlogd; start-fg refuses to start
//   without it). Nothing else is needed to answer EHLO and STARTTLS once local_recipient_maps
//   (proxymap) and notify_classes (cleanup) are emptied; mail itself is rejected at RCPT.
//
// Postfix speaks SMTP only; IMAP and POP3 STARTTLS are tested against Dovecot (test/helpers/dovecot.ts).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "./nginx.js";
import { requireProgram } from "./peers.js";

export interface PostfixSmtpdOptions {
  /** PEM certificates in the order the server sends them: leaf first, then intermediates. */
  certChainFile: string;
  /** PEM private key of the leaf. */
  keyFile: string;
  /**
   * Directory in which this instance's own directory is made (default os.tmpdir()); it and its
   * parents must be searchable by the postfix user. The instance directory is removed by stop().
   */
  dir?: string;
  /**
   * How main.cf names the files: `smtpd_tls_chain_files = KEY, CHAIN` (Postfix >= 3.4, default) or
   * the legacy `smtpd_tls_cert_file = CHAIN` + `smtpd_tls_key_file = KEY` most deployed configs use.
   */
  certParameter?: "smtpd_tls_chain_files" | "smtpd_tls_cert_file";
  /**
   * Ask for a client certificate (smtpd_tls_ask_ccert = yes): the CertificateRequest lists the
   * subjects of the certificates in `caFile` (smtpd_tls_CAfile) as acceptable CA names. Postfix
   * never refuses the handshake over a client certificate; it verifies it against `caFile` and
   * logs "Trusted/Untrusted TLS connection established". `require` (smtpd_tls_req_ccert = yes,
   * which needs smtpd_tls_security_level = encrypt) makes it answer the first command after the
   * handshake with "421 4.7.1 HOST Error: No client certificate presented" or "... Client
   * certificate not trusted" and hang up: an SMTP reply, not a TLS alert.
   */
  askClientCert?: { caFile: string; require?: boolean };
  /** More main.cf settings, e.g. { tls_eecdh_auto_curves: "prime256v1" }; they win over the above. */
  mainCf?: Record<string, string>;
  /** How long start may take before it fails (ms, default 10 s). */
  startTimeoutMs?: number;
}

export interface PostfixSmtpd {
  port: number;
  /** The instance directory (etc/, queue/, data/, maillog). */
  dir: string;
  /** Postfix's log (maillog_file, written by postlogd): smtpd's TLS warnings land here. */
  logFile: string;
  log(): string;
  /** The master daemon's process group (it calls setsid()): the master and every daemon it ran. */
  processGroup: number;
  /** Stops the master daemon and all its processes, then removes the instance directory. */
  stop(): Promise<void>;
}

/** Values main.cf takes literally: no list separators, no $ expansion, no line breaks. */
function mainCfPath(file: string): string {
  const absolute = path.resolve(file);
  if (!/^[^\s,$'"]+$/.test(absolute)) throw new Error(`postfix helper: path unusable in main.cf: ${absolute}`);
  return absolute;
}

/**
 * Why Postfix refused to start, when it said nothing: before its log is up, the postfix command
 * writes its fatal errors to syslog, and to stderr only when stderr is a terminal (no /dev/log in a
 * container: the reason is lost). `postfix check` under script(1) (util-linux) gets a terminal.
 */
function postfixCheckOnATerminal(postfix: string, etc: string): string {
  const result = spawnSync("script", ["-qec", `${postfix} -c '${etc}' check`, "/dev/null"], { encoding: "utf8", timeout: 10_000 });
  if (result.error) return `(script(1) unavailable to ask postfix check: ${result.error.message})`;
  return `postfix check on a terminal says:\n${result.stdout}${result.stderr}`;
}

/** The first directory on the way to `dir` that the postfix user cannot search, if any. */
function unsearchableAncestor(dir: string, postfixUid: number): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const s = statSync(d);
    const searchable = (s.mode & 0o001) !== 0 || (s.uid === postfixUid && (s.mode & 0o100) !== 0);
    if (!searchable) return d;
    if (d === path.dirname(d)) return undefined;
  }
}

function postfixUid(): number {
  const passwd = spawnSync("id", ["-u", "postfix"], { encoding: "utf8" });
  const uid = Number(passwd.stdout.trim());
  if (passwd.status !== 0 || !Number.isInteger(uid)) throw new Error("postfix helper: no user 'postfix' (mail_owner): is the postfix package installed?");
  return uid;
}

/** Waits for smtpd's 220 greeting on 127.0.0.1:port (then says QUIT), or the master's exit. */
async function waitForGreeting(port: number, child: ChildProcess, deadline: number, why: (exited: boolean) => string): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`postfix start-fg exited (${child.exitCode ?? child.signalCode}):\n${why(true)}`);
    const greeted = await new Promise<boolean>((resolve) => {
      let text = "";
      const socket = net.connect(port, "127.0.0.1");
      socket.setTimeout(Math.max(100, deadline - Date.now()), () => socket.destroy());
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => {
        text += chunk;
        if (/^220 /m.test(text)) {
          socket.end("QUIT\r\n");
          resolve(true);
        }
      });
      socket.once("error", () => resolve(false));
      socket.once("close", () => resolve(false));
    });
    if (greeted) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`postfix did not greet on 127.0.0.1:${port} in time:\n${why(false)}`);
}

/**
 * Processes of process group `pgid` that still run (zombies left to init do not count), read from
 * /proc/PID/stat: "pid (comm) state ppid pgrp ...".
 */
export function livingProcessesInGroup(pgid: number): number[] {
  const living: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(pgrp) === pgid && state !== "Z" && state !== "X") living.push(Number(entry));
  }
  return living;
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {
    // the group is gone already
  }
}

/** Instances not yet stopped, stopped synchronously if the test process exits without stop(). */
const running = new Set<() => void>();
process.once("exit", () => {
  for (const stopNow of running) stopNow();
});

/**
 * Starts Debian's Postfix as an SMTP server with STARTTLS (smtpd_tls_security_level = may) on
 * 127.0.0.1:<free port>, with `postfix -c DIR start-fg` as a child process. Resolves once smtpd
 * greets on the port.
 */
export async function startPostfixSmtpd(options: PostfixSmtpdOptions): Promise<PostfixSmtpd> {
  const postfix = requireProgram("postfix");
  if (process.getuid?.() !== 0) throw new Error("postfix helper: Postfix's master daemon runs as root only (postfix(1)); run the peer tests as root");
  const uid = postfixUid();
  // main.cf and a shell (postfixCheckOnATerminal) take the instance's paths as they are.
  const parent = mainCfPath(options.dir ?? os.tmpdir());
  mkdirSync(parent, { recursive: true });
  const blocked = unsearchableAncestor(parent, uid);
  if (blocked) throw new Error(`postfix helper: the postfix user cannot search ${blocked} (mode it o+x or pass another dir)`);
  const dir = mkdtempSync(path.join(parent, "pkilab-postfix-"));
  chmodSync(dir, 0o755);
  const etc = path.join(dir, "etc");
  mkdirSync(etc);
  // The postfix command chdirs to queue_directory before anything else, so it must exist (root,
  // 0755 as postfix-files has it); its subdirectories and data_directory are Postfix's to make.
  const queue = path.join(dir, "queue");
  mkdirSync(queue, { mode: 0o755 });
  const logFile = path.join(dir, "maillog");
  const port = await freePort();
  const key = mainCfPath(options.keyFile);
  const chain = mainCfPath(options.certChainFile);

  const settings: Record<string, string> = {
    compatibility_level: "3.6",
    queue_directory: queue,
    data_directory: path.join(dir, "data"),
    mail_owner: "postfix",
    setgid_group: "postdrop",
    multi_instance_directories: "",
    maillog_file: logFile,
    maillog_file_prefixes: dir,
    inet_interfaces: "127.0.0.1",
    inet_protocols: "ipv4",
    myhostname: "probe.test",
    mydomain: "probe.test",
    myorigin: "probe.test",
    mydestination: "",
    mynetworks: "127.0.0.0/8",
    // No DNS, no proxymap (local_recipient_maps), no cleanup (postmaster notices): smtpd needs
    // only tlsmgr and postlog. Nothing is ever accepted for delivery.
    smtpd_peername_lookup: "no",
    smtp_host_lookup: "native",
    local_recipient_maps: "",
    notify_classes: "",
    smtpd_relay_restrictions: "reject",
    smtpd_recipient_restrictions: "reject",
    smtpd_tls_security_level: "may",
    smtpd_tls_loglevel: "1",
    ...(options.certParameter === "smtpd_tls_cert_file"
      ? { smtpd_tls_cert_file: chain, smtpd_tls_key_file: key }
      : { smtpd_tls_chain_files: `${key}, ${chain}` }),
    ...(options.askClientCert ? { smtpd_tls_ask_ccert: "yes", smtpd_tls_CAfile: mainCfPath(options.askClientCert.caFile) } : {}),
    ...(options.askClientCert?.require ? { smtpd_tls_security_level: "encrypt", smtpd_tls_req_ccert: "yes" } : {}),
    ...options.mainCf,
  };
  writeFileSync(path.join(etc, "main.cf"), Object.entries(settings).map(([name, value]) => `${name} = ${value}\n`).join(""));
  // chroot "n" everywhere: the queue directory holds no copies of libraries or /etc files.
  writeFileSync(
    path.join(etc, "master.cf"),
    `127.0.0.1:${port} inet n - n - - smtpd
tlsmgr unix - - n 1000? 1 tlsmgr
postlog unix-dgram n - n - 1 postlogd
`,
  );

  let output = "";
  // start-fg in a process group of its own, so that a last-resort SIGKILL to it spares the tests.
  const child = spawn(postfix, ["-c", etc, "start-fg"], { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const keep = (d: string) => {
    if (output.length < 65_536) output += d;
  };
  child.stdout.setEncoding("utf8").on("data", keep);
  child.stderr.setEncoding("utf8").on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const log = () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : "");

  // The master calls setsid(): it and its daemons live in a process group of their own, named by
  // the master's pid, which it writes to queue/pid/master.pid.
  const pidFile = path.join(queue, "pid", "master.pid");
  const readMasterPid = (): number | undefined => {
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").trim()) : NaN;
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  };
  let masterPid: number | undefined;
  const groups = () => {
    masterPid ??= readMasterPid();
    return [child.pid!, ...(masterPid ? [masterPid] : [])];
  };

  const stopNow = () => {
    running.delete(stopNow);
    spawnSync(postfix, ["-c", etc, "stop"], { stdio: "ignore", timeout: 10_000 });
    for (const group of groups()) killGroup(group);
    rmSync(dir, { recursive: true, force: true });
  };
  running.add(stopNow);

  const stop = async () => {
    if (!running.has(stopNow)) return;
    running.delete(stopNow);
    if (child.exitCode === null && child.signalCode === null) {
      // `postfix stop` sends the master SIGTERM, the master sends its group SIGTERM and exits
      // without waiting for it; start-fg (the child) returns when the master does.
      spawnSync(postfix, ["-c", etc, "stop"], { stdio: "ignore", timeout: 10_000 });
    }
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (child.exitCode === null && child.signalCode === null || groups().some((g) => livingProcessesInGroup(g).length > 0))) {
      await new Promise((r) => setTimeout(r, 25));
    }
    for (const group of groups()) if (livingProcessesInGroup(group).length > 0) killGroup(group);
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(child.pid!);
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const why = (exited: boolean) => {
      const said = `${output}${log()}`;
      return exited && said.trim() === "" ? postfixCheckOnATerminal(postfix, etc) : said;
    };
    await waitForGreeting(port, child, Date.now() + (options.startTimeoutMs ?? 10_000), why);
    masterPid ??= readMasterPid();
    if (masterPid === undefined) throw new Error(`postfix helper: smtpd greets but ${pidFile} names no master`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, dir, logFile, log, processGroup: masterPid, stop };
}
