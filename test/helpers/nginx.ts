import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { requireProgram, run, type RunResult } from "./peers.js";

/** Ports this process handed out: a test that listens on several must never get one twice. */
const handedOut = new Set<number>();

/**
 * A port on loopback that was free a moment ago, and not handed out before in this process. The
 * kernel may return a port again once its listener closed; two server blocks of one nginx on the
 * same port then share it, and a request lands in the wrong one (seen once in crl-lint-nginx).
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = await unusedPort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error("no fresh loopback port in 100 attempts");
}

function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface NginxServer {
  port: number;
  /** The nginx error log (written at level info, where client-certificate failures are logged). */
  errorLog(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real nginx (Debian package) in the foreground on 127.0.0.1 with `serverBody` as the
 * inside of one `server {}` block; `listen` is added here. Everything lives under `dir`.
 */
export async function startNginx(dir: string, serverBody: string): Promise<NginxServer> {
  const port = await freePort();
  return startNginxConf(dir, port, `  server {\n    listen 127.0.0.1:${port} ssl;\n${serverBody}\n  }`);
}

/**
 * Starts nginx with a complete server block written by `pkilab export --nginx` (its `listen` must be
 * 127.0.0.1:`port`), included inside http {} as the export's header says to.
 */
export async function startNginxWithBlock(dir: string, port: number, blockFile: string): Promise<NginxServer> {
  return startNginxConf(dir, port, `  include ${blockFile};`);
}

async function startNginxConf(dir: string, port: number, httpBody: string): Promise<NginxServer> {
  const nginx = requireProgram("nginx");
  mkdirSync(path.join(dir, "tmp"), { recursive: true });
  const errorLog = path.join(dir, "error.log");
  writeFileSync(errorLog, "");
  const conf = path.join(dir, "nginx.conf");
  writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
pid ${path.join(dir, "nginx.pid")};
error_log ${errorLog} info;
events { worker_connections 64; }
http {
  access_log ${path.join(dir, "access.log")};
  client_body_temp_path ${path.join(dir, "tmp")};
  proxy_temp_path ${path.join(dir, "tmp")};
  fastcgi_temp_path ${path.join(dir, "tmp")};
  uwsgi_temp_path ${path.join(dir, "tmp")};
  scgi_temp_path ${path.join(dir, "tmp")};
${httpBody}
}
`,
  );
  const check = run(nginx, ["-t", "-p", dir, "-c", conf, "-e", errorLog]);
  if (check.code !== 0) throw new Error(`nginx -t failed: ${check.stderr}`);
  const child: ChildProcess = spawn(nginx, ["-p", dir, "-c", conf, "-e", errorLog], { stdio: "ignore" });
  await waitForPort(port, child);
  return {
    port,
    errorLog: () => readFileSync(errorLog, "utf8"),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGQUIT");
        setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      }),
  };
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on port ${port}`);
}

export interface CurlResult extends RunResult {
  /** HTTP status, or 0 when no HTTP response came (handshake failure). */
  status: number;
}

/** curl over TLS to the server, optionally with a client certificate (PEM with its chain) and key. */
export function curl(url: string, options: { ca: string; cert?: string; key?: string; resolve?: string }): CurlResult {
  requireProgram("curl");
  const args = ["-sS", "-o", "-", "-w", "\n%{http_code}", "--max-time", "10", "--cacert", options.ca];
  if (options.cert) args.push("--cert", options.cert);
  if (options.key) args.push("--key", options.key);
  if (options.resolve) args.push("--resolve", options.resolve);
  args.push(url);
  const result = run("curl", args);
  const lines = result.stdout.trimEnd().split("\n");
  return { ...result, status: Number(lines[lines.length - 1]) || 0 };
}
