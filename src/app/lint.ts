import { lintEachFile, lintFiles, type LintRequest } from "./lint-files.js";
import type { LintReport } from "../lint/types.js";
import { findLabOf } from "./find-lab.js";

/**
 * `pkilab lint`: a verdict needs a trust anchor. Given none (no --ca, no CA in --nginx-conf), a
 * certificate that lives in a pkilab lab is checked against the lab's root, with its chain.pem
 * when the file is a bare cert.pem, and the report says so; outside a lab the anchor-dependent
 * checks cannot run and the verdict says what to pass. A lab with CRLs also gives nginx-mtls its
 * crl.pem, as the block of `export --nginx` does with ssl_crl (unless --crl names others).
 */
export async function lintCertificate(request: LintRequest): Promise<LintReport> {
  if (request.caFiles.length > 0 || request.nginxConf) return lintFiles(request);
  const lab = await findLabOf(request.file);
  if (!lab) return lintFiles(request);
  const chainFiles = request.chainFiles.length === 0 && lab.chain ? [lab.chain] : request.chainFiles;
  const report = await lintFiles({ ...request, caFiles: [lab.trustAnchor], chainFiles, labCrlFile: lab.crl });
  return { ...report, inputs: { from: "lab", anchors: [lab.trustAnchor], chain: chainFiles, lab: lab.dir } };
}

/**
 * lint of several certificate files with the same options, each report handed to `report` in
 * input order as it is made. With a trust anchor given (--ca, --nginx-conf) what the files share
 * is read once; without one each file is linted as lintCertificate lints it (its own lab).
 */
export async function lintCertificatesTo(files: string[], request: Omit<LintRequest, "file">, report: (report: LintReport) => void): Promise<void> {
  if (request.caFiles.length > 0 || request.nginxConf) return lintEachFile(files, request, report);
  for (const file of files) report(await lintCertificate({ ...request, file }));
}
