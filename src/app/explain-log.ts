import { peersForLog, readLog, withLintFindings, type LogReport } from "../explain/log.js";
import { readBytes } from "../io/read.js";
import { lintFiles } from "./lint-files.js";

export interface LogRequest {
  file: string;
  cert?: string;
  chainFiles: string[];
  caFiles: string[];
  mbedtlsConfig?: string[];
  at: Date;
}

/**
 * `pkilab explain --log`: reads the log, explains every event in it and, with --cert, lints the
 * certificate for the peers that wrote such a log (with the log's first ClientHello) and names
 * the findings that predict each event.
 */
export async function explainLog(request: LogRequest): Promise<LogReport> {
  const { report, hellos } = await readLog(readBytes(request.file), request.file);
  if (!request.cert) return report;
  const peers = peersForLog(report.kind, hellos.length > 0);
  const lint = await lintFiles({
    file: request.cert,
    chainFiles: request.chainFiles,
    caFiles: request.caFiles,
    peers,
    at: request.at,
    mbedtlsConfig: request.mbedtlsConfig,
    clientHello: hellos[0],
  });
  return withLintFindings(report, peers, lint.findings);
}
