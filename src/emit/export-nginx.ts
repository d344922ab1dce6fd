import path from "node:path";
import { InputError } from "../io/input-error.js";
import { readManifest, TRUST_ANCHOR_FILE } from "../pki/manifest.js";
import { renderNginxBlock } from "./nginx-block.js";

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
  const servers = manifest.certificates.filter((entry) => entry.role === "server");
  if (servers.length === 0) throw new InputError(`${request.lab}: the lab has no server leaf: add one with pkilab issue server NAME --lab ${request.lab}`);
  const server = request.server ? servers.find((entry) => entry.name === request.server || entry.sans.includes(request.server!)) : servers[0];
  if (!server) {
    throw new InputError(`--server ${request.server}: no server leaf with that name in ${request.lab}: the lab has ${servers.map((s) => s.name).join(", ")}`);
  }
  if (request.clientCa) {
    // nginx would only fail at start-up on a missing or wrong file: check it now.
    const { readCertificateFile } = await import("../io/read.js");
    await readCertificateFile(request.clientCa, { role: "the client CA file (--client-ca)" });
  }
  const labDir = path.resolve(request.lab);
  const intermediates = manifest.certificates.filter((entry) => entry.role === "intermediate").length;
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
  });
}
