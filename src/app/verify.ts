import { verifyFiles, type VerifyReport, type VerifyRequest } from "../verify/verify.js";
import { labFinder } from "./find-lab.js";

/**
 * `pkilab verify`: without --ca, leaves that all live in one pkilab lab are verified against the
 * lab's root, with their chain.pem files as the untrusted pool, and the report says so (as lint
 * does). Anything else without --ca is the usual "--ca: required".
 */
export async function verifyCertificates(request: VerifyRequest): Promise<VerifyReport> {
  if (request.caFiles.length > 0 || request.leaves.length === 0) return verifyFiles(request);
  const find = labFinder();
  const labs = await Promise.all(request.leaves.map(find));
  const anchors = new Set(labs.map((lab) => lab?.trustAnchor));
  const [anchor] = anchors;
  if (anchors.size !== 1 || anchor === undefined) return verifyFiles(request);
  const chainFiles = request.chainFiles.length > 0 ? request.chainFiles : [...new Set(labs.flatMap((lab) => (lab?.chain ? [lab.chain] : [])))];
  const report = await verifyFiles({ ...request, caFiles: [anchor], chainFiles });
  return { ...report, trustAnchor: `${anchor} (from the lab)` };
}
