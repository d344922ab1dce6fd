import path from "node:path";
import { InputError } from "../io/input-error.js";
import { readCertificateFile } from "../io/read.js";
import type { CertFacts } from "../model/certificate.js";
import type { MbedtlsVersion } from "../peers/parse/mbedtls-config.js";
import { readManifest, TRUST_ANCHOR_FILE } from "../pki/manifest.js";
import { renderMbedtlsConfig } from "./mbedtls-config.js";

export interface MbedtlsConfigRequest {
  lab?: string;
  server?: string;
  device?: string;
  /** The server chain the device connects to (fullchain: leaf first), instead of the lab's server. */
  serverChain?: string;
  caFiles: string[];
  version: MbedtlsVersion;
}

/** The config lines a device needs for a lab's (or a given server's) chains. */
export async function exportMbedtlsConfig(request: MbedtlsConfigRequest): Promise<string> {
  let serverFile = request.serverChain;
  let caFiles = request.caFiles;
  let deviceFile: string | undefined;
  let labName = request.serverChain ? path.basename(request.serverChain) : "";
  if (request.lab) {
    const manifest = await readManifest(request.lab);
    labName = path.basename(path.resolve(request.lab));
    if (caFiles.length === 0) caFiles = [path.join(request.lab, TRUST_ANCHOR_FILE)];
    if (!serverFile) {
      const servers = manifest.certificates.filter((e) => e.role === "server");
      const server = request.server ? servers.find((e) => e.name === request.server) : servers[0];
      if (!server) throw new InputError(`${request.lab}: ${request.server ? `no server leaf named ${request.server}` : "the lab has no server leaf"}: give --server-chain FILE (the server the device connects to)`);
      serverFile = path.join(request.lab, server.files.fullchain ?? server.files.cert);
    }
    const devices = manifest.certificates.filter((e) => e.role === "device" || e.role === "client");
    const device = request.device ? devices.find((e) => e.name === request.device) : devices.find((e) => e.role === "device") ?? devices[0];
    if (request.device && !device) throw new InputError(`--device ${request.device}: no device or client with that name in ${request.lab}`);
    if (device) deviceFile = path.join(request.lab, device.files.fullchain ?? device.files.cert);
  }
  if (!serverFile) throw new InputError("export --mbedtls-config: give --lab DIR or --server-chain FILE");
  const read = (file: string, role: string): Promise<CertFacts[]> => readCertificateFile(file, { role });
  const serverChain = await read(serverFile, "the server's certificate chain");
  const anchors = (await Promise.all(caFiles.map((f) => read(f, "the trust anchors (CA certificates)")))).flat();
  const deviceChain = deviceFile ? await read(deviceFile, "the device's certificate chain") : [];
  return renderMbedtlsConfig({ version: request.version, labName, serverChain, anchors, deviceChain });
}
