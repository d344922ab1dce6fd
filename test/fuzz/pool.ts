// Runs cases in a worker_thread with a wall-clock limit per entry point. An input that loops forever
// is stopped by worker.terminate() and reported as a timeout naming the entry point that was running;
// one that exhausts the worker's heap limit is reported as a crash. A fresh worker replaces a stopped
// one. (Slow but finite work is judged on CPU time by campaign.ts, which a busy machine does not inflate.)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { CaseReport, FromWorker, ToWorker } from "./protocol.js";

/**
 * The worker's stack, in MB. Node gives a worker 4 MB, the main thread (where the CLI runs) about
 * 984 KB (V8's --stack-size default); a worker with 1.15 MB recurses as deep as the main thread
 * (Node keeps 192 KB of a worker's stack in reserve), so a stack overflow the CLI would hit, as with
 * `push(...array)` on 125,000 elements, happens in the worker too. fuzz.test.ts checks the match.
 */
export const WORKER_STACK_MB = 1.15;

/** The worker's old-generation heap limit: an input that needs more is a failure, not a machine that swaps. */
export const WORKER_HEAP_LIMIT_MB = 512;

export type RunResult =
  | { kind: "done"; report: CaseReport; ms: number }
  | { kind: "timeout"; entry?: string; ms: number }
  | { kind: "crash"; entry?: string; message: string; ms: number };

export interface PoolOptions {
  /** Wall-clock time one entry point may take before the worker is stopped (a hang). */
  hangMs: number;
  /** Files every worker's scratch directory starts with (relative path -> content), e.g. conf.d/ for nginx.conf. */
  setupFiles?: Record<string, Uint8Array | string>;
}

export class WorkerPool {
  private worker: Worker | undefined;
  private dir: string | undefined;
  private nextId = 1;
  private pending: ((message: FromWorker | { kind: "exit"; message: string }) => void) | undefined;

  constructor(private readonly options: PoolOptions) {}

  private start(): Worker {
    this.dir = mkdtempSync(path.join(os.tmpdir(), "pkilab-fuzz-worker-"));
    for (const [relative, content] of Object.entries(this.options.setupFiles ?? {})) {
      const file = path.join(this.dir, relative);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    const worker = new Worker(new URL("./worker.js", import.meta.url), {
      workerData: { dir: this.dir },
      resourceLimits: { stackSizeMb: WORKER_STACK_MB, maxOldGenerationSizeMb: WORKER_HEAP_LIMIT_MB },
    });
    worker.on("message", (message: FromWorker) => this.pending?.(message));
    worker.on("error", (err) => this.pending?.({ kind: "exit", message: `${err.name}: ${err.message}` }));
    worker.on("exit", (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.pending?.({ kind: "exit", message: `the worker exited with code ${code}` });
    });
    this.worker = worker;
    return worker;
  }

  /** Stops the current worker (a hung or crashed one is never reused) and removes its scratch directory. */
  private async stop(): Promise<void> {
    const worker = this.worker;
    const dir = this.dir;
    this.worker = undefined;
    this.dir = undefined;
    if (worker) await worker.terminate();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }

  /** Runs every entry point of `target` on `input`. */
  run(target: string, input: Uint8Array): Promise<RunResult> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    const started = performance.now();
    let entry: string | undefined;
    return new Promise<RunResult>((resolve) => {
      const finish = (result: RunResult, stop: boolean): void => {
        clearTimeout(timer);
        this.pending = undefined;
        if (stop) void this.stop().then(() => resolve(result));
        else resolve(result);
      };
      const hang = (): NodeJS.Timeout => setTimeout(() => finish({ kind: "timeout", entry, ms: performance.now() - started }, true), this.options.hangMs);
      let timer = hang();
      this.pending = (message) => {
        if (message.kind === "exit") finish({ kind: "crash", entry, message: message.message, ms: performance.now() - started }, true);
        else if (message.id !== id) return;
        else if (message.kind === "progress") {
          // Each entry point gets the whole limit.
          entry = message.entry;
          clearTimeout(timer);
          timer = hang();
        }
        else if (message.kind === "done") finish({ kind: "done", report: message.report, ms: performance.now() - started }, false);
      };
      worker.postMessage({ id, kind: "case", target, input } satisfies ToWorker);
    });
  }

  /** How deep plain recursion goes in the worker (to compare with the main thread). */
  stackDepth(): Promise<number> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending = (message) => {
        this.pending = undefined;
        if (message.kind === "stack-depth" && message.id === id) resolve(message.depth);
        else reject(new Error(`unexpected answer from the worker: ${JSON.stringify(message)}`));
      };
      worker.postMessage({ id, kind: "stack-depth" } satisfies ToWorker);
    });
  }

  async close(): Promise<void> {
    await this.stop();
  }
}
