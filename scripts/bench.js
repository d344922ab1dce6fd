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

// GNU time's %M (peak resident set size of the child, in KB) when /usr/bin/time is there. Both
// sides of a comparison run under it, so its small cost is paid alike.
const gnuTime = spawnSync("/usr/bin/time", ["-f", "%M", "true"], { encoding: "utf8" }).status === 0;

/**
 * Runs a command like run(), under GNU time when there is one, and returns its peak RSS in MB
 * (null without GNU time). exitCodes: the exit codes that are not a failure.
 */
function runMeasured(argv, { exitCodes = [0] } = {}) {
  const wrapped = gnuTime ? ["/usr/bin/time", "-f", "%M", ...argv] : argv;
  const result = spawnSync(wrapped[0], wrapped.slice(1), { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (!exitCodes.includes(result.status)) {
    throw new Error(`${argv.slice(0, 4).join(" ")} ... failed (exit ${result.status ?? result.signal}):\n${result.stderr.slice(-2000)}`);
  }
  if (!gnuTime) return { peakMb: null };
  const kb = Number(result.stderr.trim().split("\n").pop());
  return { peakMb: Number.isFinite(kb) && kb > 0 ? kb / 1024 : null };
}

/** Every timed sample, by label, for the JSON output. */
const samples = {};

/** Times one call of fn in wall seconds and records it under label. */
function measure(label, fn) {
  const start = process.hrtime.bigint();
  const value = fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  (samples[label] ??= []).push(seconds);
  return value;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const results = [];
/** How long making each fleet lab took (untimed in the comparisons; reported for the record). */
const labMaking = [];
/** Peak RSS of verify per output form and fleet size. */
const memory = [];
// lint of many certificates in one call: without it there is no fair lint row (one process per
// leaf would measure Node's start-up 2,000 times).
const lintTakesMany = true;

/**
 * Times pkilab and its reference `runs` times each, alternating them so that a slow moment of the
 * machine (another process, thermal throttling) hits both sides alike, and records the medians.
 * `fresh(i)` runs untimed before each run (e.g. removing the previous run's output).
 */
function compare(name, { pkilab: pkilabFn, reference: referenceFn, runs = 3, target = null, fresh = () => {}, invert = false }) {
  let pkilabPeakMb = null;
  let referencePeakMb = null;
  for (let i = 0; i < runs; i++) {
    fresh(i);
    const mine = measure(`${name}/pkilab`, pkilabFn);
    if (mine?.peakMb) pkilabPeakMb = Math.max(pkilabPeakMb ?? 0, mine.peakMb);
    fresh(i);
    const theirs = measure(`${name}/reference`, referenceFn);
    if (theirs?.peakMb) referencePeakMb = Math.max(referencePeakMb ?? 0, theirs.peakMb);
  }
  const pkilabS = median(samples[`${name}/pkilab`]);
  const referenceS = median(samples[`${name}/reference`]);
  // Time ratios (pkilab/reference) must stay under their target; throughput ratios
  // (reference/pkilab, `invert`) must reach theirs.
  const ratio = invert ? referenceS / pkilabS : pkilabS / referenceS;
  const row = { name, pkilab_s: pkilabS, reference_s: referenceS, ratio, target, runs, kind: invert ? "throughput" : "time", pkilab_peak_mb: pkilabPeakMb, reference_peak_mb: referencePeakMb };
  row.meets_target = target === null ? null : invert ? ratio >= target : ratio <= target;
  results.push(row);
  process.stderr.write(`bench: ${name}: pkilab ${pkilabS.toFixed(3)} s, reference ${referenceS.toFixed(3)} s${pkilabPeakMb ? `, pkilab peak ${pkilabPeakMb.toFixed(0)} MB` : ""}\n`);
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
    pkilab: () => runMeasured([...pkilab, "init", path.join(tmp, "pk"), ...devices.flatMap((d) => ["--device", d]), "--force"]),
    reference: () =>
      run([...opensslLab, path.join(tmp, "os"), "--root-key", "p384", "--intermediate-key", "p256", "--leaf-key", "p256", "--intermediates", "1", "--devices", "100"]),
    target: 0.2,
    fresh: cleanLabs,
  });

  // (a2) The same at 1,000 devices (issue 16: <= 0.2x, memory flat): one run each (the openssl
  // script takes tens of seconds), pkilab from a spec, with its peak RSS beside the 100-device one.
  const spec1000 = path.join(tmp, "init-1000.json");
  writeFileSync(spec1000, JSON.stringify({ leaves: Array.from({ length: 1000 }, (_, i) => ({ role: "device", name: `dev-${String(i + 1).padStart(4, "0")}` })) }));
  compare("init 1000 devices (p384/p256/p256)", {
    pkilab: () => runMeasured([...pkilab, "init", path.join(tmp, "pk"), "--spec", spec1000, "--force"]),
    reference: () =>
      run([...opensslLab, path.join(tmp, "os"), "--root-key", "p384", "--intermediate-key", "p256", "--leaf-key", "p256", "--intermediates", "1", "--devices", "1000"]),
    runs: 1,
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

  // (c) Bulk verification of a fleet, in two shapes, the unfavourable one first:
  //  - root-issued: every device leaf is signed by the (P-384) root directly (`--intermediates 0`).
  //    openssl and pkilab both check one root signature per leaf; pkilab has no cache to win with.
  //  - intermediate-issued: leaves signed by one intermediate. openssl re-verifies the intermediate
  //    for every leaf, pkilab checks it once (its shared-CA cache), which flatters pkilab.
  // Each lab is made once, untimed, with FLEET_MAX leaves; the 2,000-leaf runs use its first 2,000.
  // Every run is one call of each tool on the same files: openssl with every path on its command
  // line (its only way), pkilab with them in a list file (--from), its way for a fleet.
  const FLEET_MAX = Number(process.env.BENCH_FLEET_MAX ?? 10000);
  const fleetSizes = [2000, FLEET_MAX].filter((n, i, all) => n <= FLEET_MAX && all.indexOf(n) === i);
  const spec = path.join(tmp, "fleet.json");
  writeFileSync(spec, JSON.stringify({ leaves: Array.from({ length: FLEET_MAX }, (_, i) => ({ role: "device", name: `dev-${String(i + 1).padStart(5, "0")}` })) }));
  const shapes = [
    { shape: "root-issued", dir: path.join(tmp, "fleet-root"), initFlags: ["--intermediates", "0"] },
    { shape: "intermediate-issued", dir: path.join(tmp, "fleet-int"), initFlags: ["--intermediates", "1"] },
  ];
  for (const { shape, dir, initFlags } of shapes) {
    const start = process.hrtime.bigint();
    run([...pkilab, "init", dir, "--spec", spec, ...initFlags]);
    labMaking.push({ shape, leaves: FLEET_MAX, seconds: Number(process.hrtime.bigint() - start) / 1e9 });
    process.stderr.write(`bench: made the ${shape} lab of ${FLEET_MAX} leaves (untimed) in ${labMaking.at(-1).seconds.toFixed(1)} s\n`);
  }
  for (const { shape, dir } of shapes) {
    const ca = path.join(dir, "ca.pem");
    const chain = shape === "root-issued" ? [] : [path.join(dir, "intermediate-1", "cert.pem")];
    for (const count of fleetSizes) {
      const certs = Array.from({ length: count }, (_, i) => path.join(dir, "devices", `dev-${String(i + 1).padStart(5, "0")}`, "cert.pem"));
      const list = path.join(tmp, `${shape}-${count}.txt`);
      writeFileSync(list, certs.join("\n") + "\n");
      // The big runs take seconds each: fewer of them keeps the bench within minutes.
      const runs = count > 2000 ? 1 : 3;
      compare(`verify ${count} ${shape}`, {
        pkilab: () => runMeasured([...pkilab, "verify", "--from", list, ...chain.flatMap((c) => ["--chain", c]), "--ca", ca, "--purpose", "client", "--quiet"]),
        reference: () => runMeasured(["openssl", "verify", "-no-CApath", "-no-CAstore", "-CAfile", ca, ...chain.flatMap((c) => ["-untrusted", c]), "-purpose", "sslclient", ...certs]),
        runs,
        // Throughput ratio = openssl's time / pkilab's time; the target is >= 1.5.
        invert: true,
        target: 1.5,
      });
      if (!lintTakesMany) continue;
      // nginx-mtls checks what `openssl verify` checks (nginx verifies with OpenSSL) and more.
      compare(`lint --for nginx-mtls ${count} ${shape}`, {
        pkilab: () => runMeasured([...pkilab, "lint", "--from", list, ...chain.flatMap((c) => ["--chain", c]), "--ca", ca, "--for", "nginx-mtls"]),
        reference: () => runMeasured(["openssl", "verify", "-no-CApath", "-no-CAstore", "-CAfile", ca, ...chain.flatMap((c) => ["-untrusted", c]), "-purpose", "sslclient", ...certs]),
        runs,
        invert: true,
        target: 1.5,
      });
    }
  }

  // Peak memory of verify by output form: it must not grow with the number of leaves (target:
  // <= 150 MB at the largest fleet, <= 1.3x the 2,000-leaf figure), root-issued fleet, untimed.
  for (const format of ["text", "--json", "--jsonl"]) {
    const row = { format };
    for (const count of fleetSizes) {
      const list = path.join(tmp, `root-issued-${count}.txt`);
      const args = [...pkilab, "verify", "--from", list, "--ca", path.join(shapes[0].dir, "ca.pem"), "--purpose", "client", ...(format === "text" ? [] : [format])];
      row[count] = runMeasured(args).peakMb;
    }
    memory.push(row);
    process.stderr.write(`bench: peak RSS of verify ${format}: ${fleetSizes.map((n) => `${n} leaves ${row[n]?.toFixed(0)} MB`).join(", ")}\n`);
  }

  // (d) A cold `pkilab lint` of one certificate vs bare node (target <= 2x).
  const clientLeaf = path.join(shapes[1].dir, "devices", "dev-00001", "cert.pem");
  const chain = path.join(shapes[1].dir, "intermediate-1", "cert.pem");
  const ca = path.join(shapes[1].dir, "ca.pem");
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
const header = ["name", "pkilab_s", "reference_s", "ratio", "target", "pkilab_peak_MB"];
const rows = results.map((r) => [
  r.name,
  r.pkilab_s.toFixed(3),
  r.reference_s.toFixed(3),
  r.ratio.toFixed(2),
  r.target === null ? "-" : `${r.kind === "throughput" ? ">=" : "<="} ${r.target}`,
  r.pkilab_peak_mb ? r.pkilab_peak_mb.toFixed(0) : "-",
]);
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
  labMaking,
  memory,
  samples,
};
mkdirSync("bench-out", { recursive: true });
writeFileSync(path.join("bench-out", "bench.json"), JSON.stringify(report, null, 2) + "\n");
console.log(`\nthroughput ratio = openssl verify time / pkilab time (>= 1.5 wanted); peak RSS by GNU time (target <= 150 MB at 10,000 leaves, <= 1.3x the 2,000 figure)`);
for (const row of memory) console.log(`peak RSS of verify ${row.format} (root-issued): ${Object.entries(row).filter(([k]) => k !== "format").map(([n, mb]) => `${n} leaves ${mb?.toFixed(0)} MB`).join(", ")}`);
for (const made of labMaking) console.log(`made the ${made.shape} lab of ${made.leaves} leaves (untimed) in ${made.seconds.toFixed(1)} s`);
console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "?"}, node ${process.version}, ${opensslVersion}`);
console.log("\nWritten to bench-out/bench.json");
