// Benchmarks pkilab against its reference (the hand-written openssl script, or bare node) in one
// run, on the same machine, and prints ratios. It never asserts on time: timings vary between
// machines; the ratios and the targets are for people (and notes) to read.
//
// Usage: npm run build && npm run bench   (writes bench-out/bench.json as well)
// To add a case: one more compare(...) call below.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Run everything from the repo root so the commands use the same relative paths as the docs.
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(repo);

const tmp = mkdtempSync(path.join(os.tmpdir(), "pkilab-bench-"));
// process.execPath: the same node that runs this script, whatever `node` is first on PATH.
const node = process.execPath;
const pkilab = [node, "bin/run.js"];
const opensslLab = ["bash", "scripts/bench/openssl-lab.sh"];

/** Runs a command to completion; a failure stops the benchmark (a broken run has no timing). */
function run(argv) {
  const result = spawnSync(argv[0], argv.slice(1), { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${argv.slice(0, 4).join(" ")} ... failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
  }
  return result;
}

/** Every timed sample, by label, for the JSON output. */
const samples = {};

/** Times one call of fn in wall seconds and records it under label. */
function measure(label, fn) {
  const start = process.hrtime.bigint();
  fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  (samples[label] ??= []).push(seconds);
  return seconds;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const results = [];
let memory = null;

/**
 * Times pkilab and its reference `runs` times each, alternating them so that a slow moment of the
 * machine (another process, thermal throttling) hits both sides alike, and records the medians.
 * `fresh(i)` runs untimed before each run (e.g. removing the previous run's output).
 */
function compare(name, { pkilab: pkilabFn, reference: referenceFn, runs = 3, target = null, fresh = () => {}, invert = false }) {
  for (let i = 0; i < runs; i++) {
    fresh(i);
    measure(`${name}/pkilab`, pkilabFn);
    fresh(i);
    measure(`${name}/reference`, referenceFn);
  }
  const pkilabS = median(samples[`${name}/pkilab`]);
  const referenceS = median(samples[`${name}/reference`]);
  // Time ratios (pkilab/reference) must stay under their target; throughput ratios
  // (reference/pkilab, `invert`) must reach theirs.
  const ratio = invert ? referenceS / pkilabS : pkilabS / referenceS;
  const row = { name, pkilab_s: pkilabS, reference_s: referenceS, ratio, target, runs, kind: invert ? "throughput" : "time" };
  row.meets_target = target === null ? null : invert ? ratio >= target : ratio <= target;
  results.push(row);
  process.stderr.write(`bench: ${name}: pkilab ${pkilabS.toFixed(3)} s, reference ${referenceS.toFixed(3)} s\n`);
  return row;
}

/** Gives each lab a fresh output folder, so no run profits from (or trips over) the previous one. */
function cleanLabs() {
  rmSync(path.join(tmp, "pk"), { recursive: true, force: true });
  rmSync(path.join(tmp, "os"), { recursive: true, force: true });
}

try {
  // (a) A 100-device fleet with pkilab's default key types (root P-384, intermediate and leaves P-256).
  const devices = Array.from({ length: 100 }, (_, i) => `dev-${String(i + 1).padStart(4, "0")}`);
  compare("init 100 devices (p384/p256/p256)", {
    pkilab: () => run([...pkilab, "init", path.join(tmp, "pk"), ...devices.flatMap((d) => ["--device", d]), "--force"]),
    reference: () =>
      run([...opensslLab, path.join(tmp, "os"), "--root-key", "p384", "--intermediate-key", "p256", "--leaf-key", "p256", "--intermediates", "1", "--devices", "100"]),
    target: 0.2,
    fresh: cleanLabs,
  });

  // (b) The README's RSA-4096 example: dominated by RSA key generation, which is random in length,
  // so its ratio is noisier than (a)'s.
  const rsaLab = ["--root-key", "rsa4096", "--intermediate-key", "p384", "--leaf-key", "p256", "--intermediates", "2", "--server", "localhost,127.0.0.1", "--client", "alice"];
  compare("init rsa4096 root, 2 intermediates", {
    pkilab: () => run([...pkilab, "init", path.join(tmp, "pk"), ...rsaLab, "--force"]),
    reference: () => run([...opensslLab, path.join(tmp, "os"), ...rsaLab]),
    runs: 7,
    fresh: cleanLabs,
  });

  // (c) Bulk verification of a fleet: 2,000 device certificates in one call each. The lab is made
  // once, untimed, from a spec (2,000 --device flags would also do, but a spec is what users keep).
  const fleet = path.join(tmp, "fleet");
  const spec = path.join(tmp, "fleet.json");
  writeFileSync(spec, JSON.stringify({ leaves: Array.from({ length: 2000 }, (_, i) => ({ role: "device", name: `dev-${String(i + 1).padStart(5, "0")}` })) }));
  run([...pkilab, "init", fleet, "--spec", spec]);
  const deviceCerts = Array.from({ length: 2000 }, (_, i) => path.join(fleet, "devices", `dev-${String(i + 1).padStart(5, "0")}`, "cert.pem"));
  const chain = path.join(fleet, "intermediate-1", "cert.pem");
  const ca = path.join(fleet, "ca.pem");
  compare("verify 2000 device certs (throughput ratio: openssl/pkilab time)", {
    pkilab: () => run([...pkilab, "verify", ...deviceCerts, "--chain", chain, "--ca", ca, "--purpose", "client", "--quiet"]),
    reference: () => run(["openssl", "verify", "-no-CApath", "-no-CAstore", "-CAfile", ca, "-untrusted", chain, "-purpose", "sslclient", ...deviceCerts]),
    // Throughput ratio = openssl's time / pkilab's time; the target is >= 1.5.
    invert: true,
    target: 1.5,
  });

  // Peak memory must stay flat in the number of certificates (target: <= 150 MB at 10,000):
  // compare 500 and 2,000 leaves. GNU time reports the peak RSS; without it this is skipped.
  const peakMb = (count) => {
    const timed = spawnSync("/usr/bin/time", ["-f", "%M", node, "bin/run.js", "verify", ...deviceCerts.slice(0, count), "--chain", chain, "--ca", ca, "--purpose", "client", "--quiet"], { encoding: "utf8" });
    const kb = Number(timed.stderr.trim().split("\n").pop());
    return Number.isFinite(kb) && kb > 0 ? kb / 1024 : null;
  };
  memory = { verify500Mb: peakMb(500), verify2000Mb: peakMb(2000) };
  process.stderr.write(`bench: peak memory of verify: 500 leaves ${memory.verify500Mb?.toFixed(0)} MB, 2000 leaves ${memory.verify2000Mb?.toFixed(0)} MB\n`);

  // (d) A cold `pkilab lint` of one certificate vs bare node (target <= 2x).
  const clientLeaf = deviceCerts[0];
  compare("cold lint of one cert vs node -e 0", {
    pkilab: () => spawnSync(node, ["bin/run.js", "lint", clientLeaf, "--chain", chain, "--ca", ca, "--for", "nginx-mtls"], { encoding: "utf8" }),
    reference: () => run([node, "-e", "0"]),
    runs: 7,
    target: 2,
  });

  // (e) Cold start: what loading the CLI costs on top of starting node at all.
  compare("cold start (--version vs node -e 0)", {
    pkilab: () => run([...pkilab, "--version"]),
    reference: () => run([node, "-e", "0"]),
    runs: 7,
  });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// Results table.
const header = ["name", "pkilab_s", "reference_s", "ratio", "target"];
const rows = results.map((r) => [r.name, r.pkilab_s.toFixed(3), r.reference_s.toFixed(3), r.ratio.toFixed(3), r.target === null ? "-" : `${r.kind === "throughput" ? ">=" : "<="} ${r.target}`]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
for (const row of [header, ...rows]) {
  console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  "));
}

// JSON for notes: medians plus every sample and the machine they were measured on.
const opensslVersion = spawnSync("openssl", ["version"], { encoding: "utf8" }).stdout?.trim() ?? null;
const report = {
  date: new Date().toISOString(),
  machine: { platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, node: process.version, openssl: opensslVersion },
  results,
  memory,
  samples,
};
mkdirSync("bench-out", { recursive: true });
writeFileSync(path.join("bench-out", "bench.json"), JSON.stringify(report, null, 2) + "\n");
if (memory) console.log(`\npeak memory, pkilab verify: ${memory.verify500Mb?.toFixed(0)} MB for 500 leaves, ${memory.verify2000Mb?.toFixed(0)} MB for 2000 (target: flat, <= 150 MB at 10,000)`);
console.log("\nWritten to bench-out/bench.json");
