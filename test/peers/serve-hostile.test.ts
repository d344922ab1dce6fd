// `pkilab serve` under load and abuse, on loopback: 200 concurrent TLS clients (Node's own TLS
// client, OpenSSL underneath) all reported, then 1,000 malformed hellos in a bounded pool (random
// bytes, truncated records, oversized declared lengths, garbage and cut-short ClientHellos, an
// oversized hello) and slow senders timed out by --timeout. Asserted: every connection reported
// once, the process alive and still serving a good client, and its resident memory bounded.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import tls from "node:tls";
import { runCli, tempDir } from "../helpers/cli.js";
import { startServe, type ServeProcess } from "../helpers/serve.js";

const work = tempDir("serve-hostile");
const lab = path.join(work, "lab");

/** Connections of each kind, and how many run at once. */
const CONCURRENT_GOOD = 200;
const MALFORMED = 1_000;
const SLOW_SENDERS = 10;
const POOL = 50;
/** Idle sockets opened at once: 4 more than SERVE_LIMITS.maxConnections. */
const IDLE = 260;
/**
 * Before the memory baseline: rounds of as many concurrent good clients as the test runs, then
 * malformed hellos. Measured: serve's RSS climbs for the first three or four rounds of 200 (the V8
 * heap growing to its working size), then stays flat (no growth per connection).
 */
const WARM_UP_ROUNDS = 3;
const WARM_UP = 70;
const WARMED = WARM_UP_ROUNDS * CONCURRENT_GOOD + WARM_UP;
/** Growth of serve's resident memory allowed over the whole run. */
const RSS_GROWTH_BOUND_KB = 64 * 1024;

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]);
}

/** A TLS client with the lab's client certificate: resolves true when the handshake and one request completed. */
function goodClient(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: "127.0.0.1",
      port,
      servername: "localhost",
      ca: readFileSync(path.join(lab, "ca.pem")),
      cert: readFileSync(path.join(lab, "clients/alice/fullchain.pem")),
      key: readFileSync(path.join(lab, "clients/alice/key.pem")),
    });
    let answer = "";
    const timer = setTimeout(() => socket.destroy(), 30_000);
    socket.on("secureConnect", () => socket.write("GET / HTTP/1.0\r\n\r\n"));
    socket.on("data", (d: Buffer) => (answer += d.toString()));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(answer.startsWith("HTTP/1.1 200"));
    });
  });
}

/** Sends `bytes` (then half-closes) and waits for serve to close, at most 5 s. */
function rawClient(port: number, bytes: Buffer, options: { end?: boolean } = {}): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(bytes);
      if (options.end !== false) socket.end();
    });
    const timer = setTimeout(() => socket.destroy(), 5_000);
    socket.on("error", () => {});
    socket.on("data", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A real ClientHello record, as Node's TLS client sends it (captured on a plain TCP listener). */
function captureClientHello(): Promise<Buffer> {
  return new Promise((resolve) => {
    const server = net.createServer((s) =>
      s.once("data", (d: Buffer) => {
        s.destroy();
        server.close();
        resolve(d);
      }),
    );
    server.listen(0, "127.0.0.1", () => {
      const client = tls.connect({ host: "127.0.0.1", port: (server.address() as net.AddressInfo).port, servername: "localhost", rejectUnauthorized: false });
      client.on("error", () => {});
    });
  });
}

function record(type: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([type, 3, 1, body.length >> 8, body.length & 0xff]), body]);
}

/** The i-th malformed input: seven kinds in turn. */
function malformed(i: number, hello: Buffer): Buffer {
  switch (i % 7) {
    case 0: // random bytes
      return randomBytes(1 + (i % 2000));
    case 1: // a record cut short: declares 200 bytes, carries 50
      return Buffer.concat([Buffer.from([22, 3, 1, 0, 200]), randomBytes(50)]);
    case 2: // a record longer than TLS allows
      return Buffer.concat([Buffer.from([22, 3, 1, 0xff, 0xff]), randomBytes(100)]);
    case 3: // a handshake message declaring 16 MiB
      return record(22, Buffer.concat([Buffer.from([1, 0xff, 0xff, 0xff]), randomBytes(200)]));
    case 4: { // a ClientHello of the right length holding garbage
      const body = randomBytes(60);
      return record(22, Buffer.concat([Buffer.from([1, 0, 0, body.length]), body]));
    }
    case 5: // a real ClientHello cut short
      return hello.subarray(0, 5 + (i % (hello.length - 6)));
    default: { // an oversized hello: 90,000 bytes of ClientHello in 6 records
      const message = Buffer.concat([Buffer.from([1, 0x01, 0x5f, 0x90]), randomBytes(90_000)]);
      const records: Buffer[] = [];
      for (let at = 0; at < message.length; at += 16_000) records.push(record(22, message.subarray(at, at + 16_000)));
      return Buffer.concat(records);
    }
  }
}

/** Sends a real ClientHello one byte every 300 ms: serve's --timeout must end it. */
function slowSender(port: number, hello: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let at = 0;
    const tick = setInterval(() => {
      if (at < hello.length && !socket.destroyed) socket.write(hello.subarray(at, ++at));
    }, 300);
    const timer = setTimeout(() => socket.destroy(), 20_000);
    socket.on("error", () => {});
    socket.on("close", () => {
      clearInterval(tick);
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Runs `count` tasks with at most `pool` at once. */
async function pooled(count: number, pool: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: pool }, async () => {
    while (next < count) await task(next++);
  }));
}

describe("serve under load and abuse", () => {
  let serve: ServeProcess;
  let hello: Buffer;
  before(async () => {
    assert.equal(runCli(["init", lab, "--server", "localhost,127.0.0.1", "--client", "alice"]).code, 0);
    // 4 s per connection: enough for 200 concurrent handshakes (each linted) on a loaded 2-core
    // machine (1.5 s timed 4 of 200 out once), and still under rawClient's 5 s, so serve ends the
    // cut-short ones itself.
    serve = await startServe(["--lab", lab, "--json", "--timeout", "4000"]);
    hello = await captureClientHello();
  });
  after(async () => {
    await serve?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it(`${CONCURRENT_GOOD} concurrent TLS clients and ${MALFORMED} malformed hellos + ${SLOW_SENDERS} slow senders: every one reported, no crash, memory bounded`, { timeout: 300_000 }, async (t) => {
    // Warm up (code loaded, the heap grown to its working size under both kinds of traffic) before
    // the baseline (WARM_UP_ROUNDS).
    for (let round = 0; round < WARM_UP_ROUNDS; round++) {
      const warm = await Promise.all(Array.from({ length: CONCURRENT_GOOD }, () => goodClient(serve.port)));
      assert.ok(warm.every(Boolean));
    }
    await pooled(WARM_UP, POOL, (i) => rawClient(serve.port, malformed(i, hello)));
    await serve.waitForReports(WARMED);
    const baseline = rssKb(serve.pid);

    const good = await Promise.all(Array.from({ length: CONCURRENT_GOOD }, () => goodClient(serve.port)));
    assert.equal(good.filter(Boolean).length, CONCURRENT_GOOD);
    const afterGood = await serve.waitForReports(WARMED + CONCURRENT_GOOD, 120_000);
    assert.ok(afterGood.slice(WARMED).every((r) => r.outcome === "completed" && r.verdicts[0]?.status === "accepted"));

    const afterGoodRss = rssKb(serve.pid);
    await Promise.all([pooled(MALFORMED, POOL, (i) => rawClient(serve.port, malformed(i, hello))), Promise.all(Array.from({ length: SLOW_SENDERS }, () => slowSender(serve.port, hello)))]);
    const total = WARMED + CONCURRENT_GOOD + MALFORMED + SLOW_SENDERS;
    const reports = await serve.waitForReports(total, 60_000);
    const hostile = reports.slice(WARMED + CONCURRENT_GOOD);
    assert.equal(reports.length, total, "one report per connection");
    assert.equal(new Set(reports.map((r) => r.connection)).size, total);
    const outcomes = new Map<string, number>();
    for (const r of hostile) outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
    assert.equal(outcomes.get("completed") ?? 0, 0, JSON.stringify([...outcomes]));
    assert.ok((outcomes.get("timeout") ?? 0) >= SLOW_SENDERS, JSON.stringify([...outcomes]));
    assert.ok((outcomes.get("not-tls") ?? 0) > 0 && (outcomes.get("malformed") ?? 0) > 0, JSON.stringify([...outcomes]));
    // Every one explained in one line.
    assert.ok(hostile.every((r) => r.ended.length > 0 && !r.ended.includes("\n")));

    // More idle sockets at once than SERVE_LIMITS.maxConnections (256): the extra ones are closed
    // unread, the others timed out by --timeout.
    await Promise.all(Array.from({ length: IDLE }, () => rawClient(serve.port, Buffer.alloc(0), { end: false })));
    const idle = (await serve.waitForReports(total + IDLE, 60_000)).slice(total);
    const idleOutcomes = new Map<string, number>();
    for (const r of idle) idleOutcomes.set(r.outcome, (idleOutcomes.get(r.outcome) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(idleOutcomes), { timeout: 256, "over-limit": IDLE - 256 });

    // Alive, and still serving.
    process.kill(serve.pid, 0);
    assert.equal(await goodClient(serve.port), true);
    const grown = rssKb(serve.pid) - baseline;
    t.diagnostic(`outcomes of the hostile connections: ${JSON.stringify(Object.fromEntries(outcomes))}; RSS ${baseline} kB, after the ${CONCURRENT_GOOD} good ones ${afterGoodRss} kB, at the end +${grown} kB`);
    assert.ok(grown < RSS_GROWTH_BOUND_KB, `serve's RSS grew by ${grown} kB (bound ${RSS_GROWTH_BOUND_KB} kB)`);

    // SIGTERM: the summary, and a clean exit.
    assert.equal(await serve.stop(), 0);
    const summary = JSON.parse(serve.stdout().trim().split("\n").at(-1)!) as { summary: { connections: number } };
    assert.equal(summary.summary.connections, total + IDLE + 1);
  });
});
