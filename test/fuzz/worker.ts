// The fuzz worker: runs one case (every entry point of a target on one input) per message and
// reports how each ended, how long it took and what the heap did. It runs in a worker_thread so the
// main thread can stop an input that loops forever (worker.terminate()) and survive one that
// exhausts the heap (resourceLimits), and report both as failures.
import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { DerError } from "../../src/asn1/der-reader.js";
import { InputError } from "../../src/io/input-error.js";
import { CertificateParseError } from "../../src/model/certificate.js";
import { PreprocessError } from "../../src/peers/parse/c-preprocessor.js";
import { ENTRIES, SELF_TEST_ENTRIES, stackDepth, type Entry } from "./entries.js";
import type { CaseReport, EntryReport, ErrorReport, ToWorker } from "./protocol.js";

const { dir } = workerData as { dir: string };
const port = parentPort!;
function entriesOf(target: string): Entry[] {
  const entries = ENTRIES[target] ?? SELF_TEST_ENTRIES[target];
  // Thrown out of the message handler, this ends the worker: the case is reported as a crash, never as a pass.
  if (!entries) throw new Error(`no fuzz target named ${target}`);
  return entries;
}

function describe(err: unknown): ErrorReport {
  const e = err instanceof Error ? err : new Error(String(err));
  return {
    name: e.name,
    constructorName: e.constructor.name,
    message: e.message,
    stack: e.stack ?? "",
    inputError: err instanceof InputError,
    derError: err instanceof DerError,
    certificateParseError: err instanceof CertificateParseError,
    preprocessError: err instanceof PreprocessError,
  };
}

port.on("message", async (message: ToWorker) => {
  if (message.kind === "stack-depth") {
    port.postMessage({ id: message.id, kind: "stack-depth", depth: stackDepth() });
    return;
  }
  const before = getHeapStatistics();
  let peakUsed = before.used_heap_size;
  const entries: EntryReport[] = [];
  for (const entry of entriesOf(message.target)) {
    // Sent before the entry runs: if it never returns, the main thread knows which one hung.
    port.postMessage({ id: message.id, kind: "progress", entry: entry.name });
    const start = performance.now();
    // process.cpuUsage() counts every thread of the process; the main thread idles while it waits for this answer.
    const cpuStart = process.cpuUsage();
    let error: ErrorReport | undefined;
    try {
      await entry.run(message.input, { dir });
    } catch (err) {
      error = describe(err);
    }
    const cpu = process.cpuUsage(cpuStart);
    entries.push({ entry: entry.name, expect: entry.expect, ms: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, ...(error ? { error } : {}) });
    // Sampled between entries: a lower bound on the peak inside one, the heap limit catches the rest.
    peakUsed = Math.max(peakUsed, getHeapStatistics().used_heap_size);
  }
  const after = getHeapStatistics();
  const report: CaseReport = {
    entries,
    heapUsedBefore: before.used_heap_size,
    heapPeakUsed: peakUsed,
    heapTotalBefore: before.total_heap_size,
    heapTotalAfter: after.total_heap_size,
  };
  port.postMessage({ id: message.id, kind: "done", report });
});
