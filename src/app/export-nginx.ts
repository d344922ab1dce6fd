import path from "node:path";
import { renderNginxBlock } from "../emit/nginx-block.js";
import { earliestNextUpdate } from "../pki/lab-crl.js";
import { pickServer, readManifest, TRUST_ANCHOR_FILE } from "../pki/manifest.js";

export interface NginxExportRequest {
  lab: string;
  /** The server leaf's name; default the lab's first server. */
  server?: string;
  listen: string;
  /** Trust this CA file for clients instead of the lab's root. */
  clientCa?: string;
  verifyDepth?: number;
  opensslSeries: "1.0" | "1.1+";
  upstream?: string;
}

/** Builds the nginx block for a lab, with absolute paths to the lab's files. */
export async function exportNginx(request: NginxExportRequest): Promise<string> {
  const manifest = await readManifest(request.lab);
  const server = pickServer(manifest, request.server, request.lab);
  if (request.clientCa) {
    // nginx would only fail at start-up on a missing or wrong file: check it now.
    const { readCertificateFile } = await import("../io/read.js");
    await readCertificateFile(request.clientCa, { role: "the client CA file (--client-ca)" });
  }
  const labDir = path.resolve(request.lab);
  const intermediates = manifest.certificates.filter((entry) => entry.role === "intermediate").length;
  const nextUpdate = earliestNextUpdate(manifest);
  return renderNginxBlock({
    labName: path.basename(labDir),
    serverNames: server.sans.length ? server.sans : [server.name],
    listen: request.listen,
    certificate: path.join(labDir, server.files.fullchain ?? server.files.cert),
    certificateKey: path.join(labDir, server.files.key),
    clientCa: request.clientCa ? path.resolve(request.clientCa) : path.join(labDir, TRUST_ANCHOR_FILE),
    clientIntermediates: intermediates,
    opensslSeries: request.opensslSeries,
    verifyDepth: request.verifyDepth,
    upstream: request.upstream,
    crl:
      manifest.crl && nextUpdate
        ? { file: path.join(labDir, manifest.crl.bundle), cas: manifest.crl.issued.length, nextUpdate: nextUpdate.toISOString(), reissue: `pkilab crl --lab ${labDir}` }
        : undefined,
  });
}
