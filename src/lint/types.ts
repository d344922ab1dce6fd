import type { ValidationResult } from "../chain/validate.js";
import type { KeyDescription } from "../model/key-description.js";
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
  /**
   * false = "not applicable" (reported as n/a, not as a pass). `missing(input)` = it would apply,
   * but an input it needs was not given: n/a too, and the verdict cannot be ACCEPTED.
   */
  appliesTo(ctx: LintContext): boolean | MissingInput;
  check(ctx: LintContext): RuleHit[];
}

/** Inputs a check may need that the user did not give (and pkilab could not find). */
export type LintInputName = "trust-anchor" | "host";

export interface MissingInput {
  missing: LintInputName;
}

/** For appliesTo: `ctx.options.host !== undefined || missing("host")`. */
export function missing(input: LintInputName): MissingInput {
  return { missing: input };
}

export function isMissingInput(value: boolean | MissingInput): value is MissingInput {
  return typeof value === "object";
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

/**
 * accepted: every check ran and none found an error. rejected: an error was found (certain even if
 * other checks could not run). undetermined: no error in what ran, but a check the verdict depends
 * on could not run for want of an input: never reported as accepted.
 */
export type VerdictStatus = "accepted" | "rejected" | "undetermined";

/** A check that could not run: the input it needed, the rules waiting for it, how to give it. */
export interface UncheckedInput {
  input: LintInputName;
  rules: string[];
  pass: string;
}

export interface PeerVerdict {
  peer: PeerId;
  title: string;
  errors: number;
  warnings: number;
  infos: number;
  status: VerdictStatus;
  /** status === "accepted". */
  accepted: boolean;
  /** Checks that could not run (status "undetermined" when there are errors none). */
  unchecked: UncheckedInput[];
  /** What the verdict assumed about the peer: its version, configuration and where they came from. */
  assumed: string[];
  /** Rules that did not apply (n/a), by id. */
  notApplicable: string[];
  configOrigin?: string;
}

/** Where the trust anchors and the chain came from, as one line can say it. */
export interface InputOrigin {
  /** "--ca", "nginx.conf", "lab" or "none". */
  from: "--ca" | "nginx.conf" | "lab" | "none";
  /** The trust anchor files, or the directives naming them. */
  anchors: string[];
  /** The chain file(s) found for the certificate (lab: its chain.pem). */
  chain: string[];
  /** The lab folder, when found by walking up from the certificate. */
  lab?: string;
}

export interface LintReport {
  file: string;
  at: string;
  host?: string;
  /** Where the trust anchors (and, inside a lab, the chain) came from. */
  inputs: InputOrigin;
  chain: { subject: string; source: string }[];
  findings: Finding[];
  verdicts: PeerVerdict[];
}
