import type { ValidationResult } from "../chain/validate.js";
import type { KeyDescription } from "../io/private-key.js";
import type { CertFacts } from "../model/certificate.js";
import type { PeerId, PeerProfile } from "../peers/types.js";

export type Severity = "error" | "warning" | "info";

export interface LintOptions {
  /** The clock (--at). */
  at: Date;
  /** Host name or IP the server certificate must be valid for (--host). */
  host?: string;
  /** The device's private key (--key), described without its secret: for key-format rules. */
  key?: KeyDescription;
}


/** What a rule sees: everything parsed and built once by the engine. It does no I/O. */
export interface LintContext {
  profile: PeerProfile;
  options: LintOptions;
  /** The certificate under lint. */
  leaf: CertFacts;
  /** Certificates as given, in file order (leaf file first, then --chain files): for order rules. */
  given: CertFacts[];
  /** Trust anchors (--ca). */
  anchors: CertFacts[];
  /** The path the peer would build and its verdict under the peer's rules. */
  validation: ValidationResult;
}

/** One problem a rule found: where (0 = leaf, -1 = the chain), what, and what to do. */
export interface RuleHit {
  certIndex: number;
  message: string;
  fix: string;
}

export interface Rule {
  /** Equal to the file name (checked by test/lint/rules-meta.test.ts). */
  id: string;
  title: string;
  /** Severity per peer; a peer not listed does not run the rule. */
  peers: Partial<Record<PeerId, Severity>>;
  /** RFC section, peer docs or source, and/or the test that shows it on the real peer. */
  citation: string;
  /** What the peer does at run time when the rule fires (log line, alert, error code). */
  symptom: Partial<Record<PeerId, string>>;
  /** false = "not applicable" (reported as n/a, not as a pass). */
  appliesTo(ctx: LintContext): boolean;
  check(ctx: LintContext): RuleHit[];
}

export interface Finding {
  rule: string;
  peer: PeerId;
  severity: Severity | "fatal";
  certIndex: number;
  subject: string;
  message: string;
  fix: string;
  symptom?: string;
  citation: string;
}

export interface PeerVerdict {
  peer: PeerId;
  title: string;
  errors: number;
  warnings: number;
  infos: number;
  accepted: boolean;
  /** Rules that did not apply (n/a), by id. */
  notApplicable: string[];
  configOrigin?: string;
}

export interface LintReport {
  file: string;
  at: string;
  host?: string;
  chain: { subject: string; source: string }[];
  findings: Finding[];
  verdicts: PeerVerdict[];
}
