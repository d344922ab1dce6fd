import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "./nginx.js";
import { requireProgram } from "./peers.js";

export interface DovecotServer {
  imapPort: number;
  pop3Port: number;
  /** dovecot's log so far. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Debian's Dovecot (dovecot-imapd, dovecot-pop3d) in the foreground with a config of its own under
 * `dir`: IMAP and POP3 on loopback ports with STARTTLS, serving `certChainFile` (leaf first) and
 * `keyFile`. Never touches /etc/dovecot. As root, the login processes run as the package's users
 * (dovenull, dovecot); as anyone else, as that user. Resolves when both ports accept connections.
 */
export async function startDovecot(dir: string, options: { certChainFile: string; keyFile: string }): Promise<DovecotServer> {
  const dovecot = requireProgram("dovecot");
  requireProgram("doveconf");
  const [imapPort, pop3Port] = [await freePort(), await freePort()];
  for (const sub of ["run", "state", "home", "mail"]) mkdirSync(path.join(dir, sub), { recursive: true });
  const root = process.getuid?.() === 0;
  const me = os.userInfo().username;
  const logFile = path.join(dir, "dovecot.log");
  writeFileSync(logFile, "");
  const config = path.join(dir, "dovecot.conf");
  writeFileSync(
    config,
    `default_login_user = ${root ? "dovenull" : me}
default_internal_user = ${root ? "dovecot" : me}
base_dir = ${path.join(dir, "run")}
state_dir = ${path.join(dir, "state")}
log_path = ${logFile}
protocols = imap pop3
listen = 127.0.0.1
ssl = yes
ssl_cert = <${options.certChainFile}
ssl_key = <${options.keyFile}
auth_mechanisms = plain
passdb {
  driver = static
  args = nopassword=y
}
userdb {
  driver = static
  args = uid=${root ? "nobody" : me} gid=${root ? "nogroup" : os.userInfo().gid} home=${path.join(dir, "home")}
}
mail_location = maildir:${path.join(dir, "mail")}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  chroot =
  inet_listener pop3 {
    address = 127.0.0.1
    port = ${pop3Port}
  }
  inet_listener pop3s {
    port = 0
  }
}
`,
  );
  const child = spawn(dovecot, ["-F", "-c", config], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
  const log = () => `${output}${readFileSync(logFile, "utf8")}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  // Bounded wait: both listeners accept within 10 s, or the start failed.
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}:\n${log()}`);
    if ((await accepts(imapPort)) && (await accepts(pop3Port))) break;
    if (attempt === 100) {
      await stop();
      throw new Error(`dovecot did not listen on 127.0.0.1:${imapPort}/${pop3Port} within 10 s:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { imapPort, pop3Port, log, stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
