import path from "node:path";
import { renderMbedtlsConfig } from "../emit/mbedtls-config.js";
import { InputError } from "../io/input-error.js";
import { readCertificateFile } from "../io/read.js";
import type { CertFacts } from "../model/certificate.js";
import type { MbedtlsVersion } from "../peers/parse/mbedtls-config.js";
import { pickDevice, pickServer, readManifest, TRUST_ANCHOR_FILE } from "../pki/manifest.js";

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
  let crl = false;
  let labName = request.serverChain ? path.basename(request.serverChain) : "";
  if (request.lab) {
    const manifest = await readManifest(request.lab);
    labName = path.basename(path.resolve(request.lab));
    crl = manifest.crl !== undefined;
    if (caFiles.length === 0) caFiles = [path.join(request.lab, TRUST_ANCHOR_FILE)];
    if (!serverFile) {
      const server = pickServer(manifest, request.server, request.lab);
      serverFile = path.join(request.lab, server.files.fullchain ?? server.files.cert);
    }
    const device = pickDevice(manifest, request.device, request.lab);
    if (device) deviceFile = path.join(request.lab, device.files.fullchain ?? device.files.cert);
  }
  if (!serverFile) throw new InputError("export --mbedtls-config: give --lab DIR or --server-chain FILE");
  const read = (file: string, role: string): Promise<CertFacts[]> => readCertificateFile(file, { role });
  const serverChain = await read(serverFile, "the server's certificate chain");
  const anchors = (await Promise.all(caFiles.map((f) => read(f, "the trust anchors (CA certificates)")))).flat();
  const deviceChain = deviceFile ? await read(deviceFile, "the device's certificate chain") : [];
  return renderMbedtlsConfig({ version: request.version, labName, serverChain, anchors, deviceChain, crl });
}
