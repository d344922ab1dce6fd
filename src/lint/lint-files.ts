import { InputError } from "../io/input-error.js";
import { readCertificateFile } from "../io/read.js";
import { buildProfile } from "../peers/index.js";
import type { PeerId } from "../peers/types.js";
import { lint } from "./engine.js";
import type { LintReport } from "./types.js";

export interface LintRequest {
  file: string;
  chainFiles: string[];
  caFiles: string[];
  peers: PeerId[];
  at: Date;
  host?: string;
  verifyDepth?: number;
  opensslSeries?: "1.0" | "1.1+";
  password?: string;
}

/** Reads the certificate, its chain and the trust anchors once, and lints them for each peer. */
export async function lintFiles(request: LintRequest): Promise<LintReport> {
  const [leaf, ...bundled] = await readCertificateFile(request.file, { role: "the certificate to lint", password: request.password });
  const chain = [...bundled, ...(await Promise.all(request.chainFiles.map((f) => readCertificateFile(f, { role: "intermediate certificates", password: request.password })))).flat()];
  const anchors = (await Promise.all(request.caFiles.map((f) => readCertificateFile(f, { role: "the trust anchors (CA certificates)", password: request.password })))).flat();
  if (request.verifyDepth !== undefined && (request.verifyDepth < 0 || !Number.isInteger(request.verifyDepth))) {
    throw new InputError(`--verify-depth ${request.verifyDepth}: must be a whole number, 0 or more`);
  }
  const profiles = request.peers.map((id) => buildProfile(id, { verifyDepth: request.verifyDepth, opensslSeries: request.opensslSeries }));
  const { findings, verdicts, chains } = lint({ leaf, chain, anchors, profiles, options: { at: request.at, host: request.host } });
  const longest = [...chains.values()].sort((a, b) => b.length - a.length)[0] ?? [leaf];
  return {
    file: request.file,
    at: request.at.toISOString(),
    host: request.host,
    chain: longest.map((cert) => ({ subject: cert.subject.text, source: cert.source })),
    findings,
    verdicts,
  };
}
