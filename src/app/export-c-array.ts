import path from "node:path";
import { renderCArrays, type CArrayItem, type CArrayOutput } from "../emit/c-array.js";
import { InputError } from "../io/input-error.js";
import { readPrivateKeyFile } from "../io/private-key.js";
import { readBytes, readCertificateFile, readMaterial } from "../io/read.js";
import { parseCrl } from "../model/crl.js";
import type { CertFacts } from "../model/certificate.js";
import { pickDevice, readManifest, TRUST_ANCHOR_FILE } from "../pki/manifest.js";

export interface CArrayRequest {
  lab?: string;
  /** Lab device (or client) whose certificate and chain to include; default the lab's first device. */
  device?: string;
  caFiles: string[];
  certFile?: string;
  chainFiles: string[];
  keyFile?: string;
  includeKey: boolean;
  /** Also the lab's CRLs (its crl.pem bundle), for mbedtls_ssl_conf_ca_chain(conf, ca, crl). */
  crl?: boolean;
  password?: string;
  prefix: string;
  der: boolean;
  headerName: string;
  splitSource: boolean;
  version: string;
  /** The firmware's TLS library: its loading calls and names (wolfSSL: sizeof_NAME as in certs_test.h). */
  library?: "mbedtls" | "wolfssl";
}

/** Gathers the trust anchors, the device's own certificate, chain and (on request) key, and renders them. */
export async function exportCArray(request: CArrayRequest): Promise<CArrayOutput & { keyIncluded: boolean }> {
  let caFiles = request.caFiles;
  let certFile = request.certFile;
  let chainFiles = request.chainFiles;
  let keyFile = request.keyFile;
  let crlFile: string | undefined;
  if (request.crl && !request.lab) throw new InputError("--crl: the CRLs come from a lab: give --lab DIR");
  if (request.crl && request.library === "wolfssl") throw new InputError("--crl: not with --for wolfssl (pkilab writes CRL arrays for mbedTLS only)");
  if (request.lab) {
    const manifest = await readManifest(request.lab);
    if (request.crl) {
      if (!manifest.crl) throw new InputError(`--crl: ${request.lab} has no CRLs yet: issue them with pkilab crl --lab ${request.lab}`);
      crlFile = path.join(request.lab, manifest.crl.bundle);
    }
    const device = pickDevice(manifest, request.device, request.lab);
    if (caFiles.length === 0) caFiles = [path.join(request.lab, TRUST_ANCHOR_FILE)];
    if (device) {
      certFile ??= path.join(request.lab, device.files.cert);
      if (chainFiles.length === 0 && device.files.chain) chainFiles = [path.join(request.lab, device.files.chain)];
      keyFile ??= path.join(request.lab, device.files.key);
    }
  }
  if (caFiles.length === 0 && !certFile) {
    throw new InputError("export --c-array: nothing to export: give --lab DIR, or --ca FILE and/or --cert FILE");
  }
  const anchors = (await Promise.all(caFiles.map((f) => readCertificateFile(f, { role: "the trust anchors (CA certificates)", password: request.password })))).flat();
  let own: CertFacts[] = [];
  if (certFile) own = await readCertificateFile(certFile, { role: "the device's certificate", password: request.password });
  const chain = [...own.slice(1), ...(await Promise.all(chainFiles.map((f) => readCertificateFile(f, { role: "intermediate certificates", password: request.password })))).flat()];
  const items: CArrayItem[] = [];
  if (anchors.length) items.push({ stem: "ca", role: "trust anchor(s) the device verifies the server with", certificates: anchors });
  const device = own[0];
  if (device) items.push({ stem: "device_crt", role: "the device's own certificate (parse it, then the chain, into the same mbedtls_x509_crt)", certificates: [device] });
  if (chain.length) items.push({ stem: "device_chain", role: "intermediates the device sends after its certificate", certificates: chain });
  if (crlFile) {
    const crls = readMaterial(readBytes(crlFile), crlFile, "a CRL")
      .filter((item) => item.kind === "crl")
      .map((item) => {
        const facts = parseCrl(item.der);
        return { der: item.der, issuer: facts.issuer.text, nextUpdate: facts.nextUpdate };
      });
    items.push({ stem: "crl", role: "CRLs of the lab's CAs: mbedtls_ssl_conf_ca_chain(&conf, &ca, &crl)", crls });
  }
  let keyIncluded = false;
  if (request.includeKey) {
    if (!keyFile) throw new InputError("--include-key: no key to include: give --key FILE (or --lab with a device)");
    const key = await readPrivateKeyFile(keyFile, request.password);
    // PKCS#8, unencrypted: both mbedTLS 2.28 and 3.6 read it (2.28 cannot read OpenSSL 3's AES-encrypted PKCS#8).
    const pem = key.export({ type: "pkcs8", format: "pem" }).toString();
    const der = new Uint8Array(key.export({ type: "pkcs8", format: "der" }));
    const label = key.asymmetricKeyType === "rsa" ? `RSA ${key.asymmetricKeyDetails?.modulusLength}` : `EC ${key.asymmetricKeyDetails?.namedCurve}`;
    items.push({ stem: "device_key", role: "the device's private key", key: { pem, der, label } });
    keyIncluded = true;
  }
  const output = renderCArrays(items, { prefix: request.prefix, der: request.der, headerName: request.headerName, splitSource: request.splitSource, generatedBy: `pkilab ${request.version} export --c-array${request.library === "wolfssl" ? " --for wolfssl" : ""}`, library: request.library });
  return { ...output, keyIncluded };
}
