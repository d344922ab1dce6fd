// Messages between the main thread (pool.ts) and the fuzz worker (worker.ts).
import type { Expectation } from "./entries.js";

export type ToWorker = { id: number; kind: "case"; target: string; input: Uint8Array } | { id: number; kind: "stack-depth" };

export type FromWorker =
  | { id: number; kind: "progress"; entry: string }
  | { id: number; kind: "done"; report: CaseReport }
  | { id: number; kind: "stack-depth"; depth: number };

/** What an entry point threw, with the classes the contract cares about (instanceof is only possible in the worker). */
export interface ErrorReport {
  name: string;
  constructorName: string;
  message: string;
  stack: string;
  inputError: boolean;
  derError: boolean;
  certificateParseError: boolean;
  preprocessError: boolean;
}

export interface EntryReport {
  entry: string;
  expect: Expectation;
  /** Wall-clock time. */
  ms: number;
  /** CPU time (user + system) of the process while the entry ran: what a loaded machine does not inflate. */
  cpuMs: number;
  error?: ErrorReport;
}

export interface CaseReport {
  entries: EntryReport[];
  heapUsedBefore: number;
  /** Highest used heap seen between entry points. */
  heapPeakUsed: number;
  heapTotalBefore: number;
  /** The heap V8 reserved after the case: it grows to hold the largest live set, so it tracks the peak. */
  heapTotalAfter: number;
}
