import type { ValidationResult } from "../chain/validate.js";
import type { KeyDescription } from "../model/key-description.js";
import type { CertFacts } from "../model/certificate.js";
import type { PeerId, PeerProfile, ProfileOf } from "../peers/types.js";

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
export interface LintContext<Profile extends PeerProfile = PeerProfile> {
  profile: Profile;
  options: LintOptions;
  /** The certificate under lint. */
  leaf: CertFacts;
  /** Certificates as given, in file order (leaf file first, then --chain files): for order rules. */
  given: CertFacts[];
  /** Trust anchors (--ca) as this peer loads them. */
  anchors: CertFacts[];
  /**
   * Trust anchors given (--ca) that this peer does not load: "TRUSTED CERTIFICATE" blocks, for a peer
   * that reads "CERTIFICATE" blocks only (ProfileBase.readsTrustedCertificateBlocks). Not in `anchors`.
   */
  skippedAnchors: CertFacts[];
  /** The path the peer would build and its verdict under the peer's rules. */
  validation: ValidationResult;
}

/**
 * The values a message template's `{name}` placeholders stand for. (undefined is allowed in the type
 * only because TypeScript adds `name?: undefined` to the other members of a union of literals.)
 */
export type MessageData = Record<string, string | number | undefined>;

/**
 * One problem a rule found (after eslint's context.report({ messageId, data })): where (0 = leaf,
 * -1 = the chain), what (the template `messageId` of the rule's `messages`, filled with `data`) and
 * what to do (the template `fixId`, filled with `fixData`). The engine fills them (message-format.ts).
 */
export interface TemplateHit<Id extends string = string> {
  certIndex: number;
  messageId: Id;
  data?: MessageData;
  fixId: Id;
  fixData?: MessageData;
}

/**
 * A hit whose words are already written: the chain engine's reasons, worded by
 * src/knowledge/reason-words.ts (reason-hits.ts), not by the rule.
 */
export interface WordedHit {
  certIndex: number;
  message: string;
  fix: string;
}

export type RuleHit<Id extends string = string> = TemplateHit<Id> | WordedHit;

/**
 * What a peer reports when a rule's problem reaches it, as codes `pkilab explain` looks up: each
 * is in the knowledge tables (test/meta/predicts.test.ts). explain links an error to rules through
 * these alone, never through the wording of the symptom.
 */
export interface Prediction {
  /** OpenSSL verify errors (X509_V_ERR_*, src/knowledge/openssl-verify.ts): 26. */
  openssl?: number[];
  /** mbedTLS return codes (-0x2700) and verify flags named without MBEDTLS_X509_ (src/knowledge/mbedtls-errors.ts). */
  mbedtls?: { codes?: number[]; flags?: string[] };
  /** wolfSSL error codes, negative (src/knowledge/wolfssl-errors.ts): -188. */
  wolfssl?: number[];
  /** TLS alerts (src/knowledge/tls-alerts.ts): 48. */
  alert?: number[];
  /** nginx's HTTP status: 400 (495 when error_page takes it: explain treats the two as one). */
  http?: number[];
  /** Known wordings, by id in src/knowledge/messages.ts: "no-shared-cipher". */
  messages?: string[];
  /** Nothing a log or a tool prints stands for the symptom: why (a build error, a browser page, nothing at all). */
  silent?: string;
}

/** What every rule declares besides its logic; the keys of `peers` decide which profiles it sees. */
export interface RuleMeta<P extends PeerId = PeerId> {
  /** Equal to the file name (checked by test/lint/rules-meta.test.ts). */
  id: string;
  title: string;
  /** Severity per peer; a peer not listed does not run the rule. */
  peers: Partial<Record<P, Severity>>;
  /** RFC section, peer docs or source, and/or the test that shows it on the real peer. */
  citation: string;
  /** The requirement the rule enforces, quoted (or closely paraphrased) from the source its citation names. */
  requirement?: string;
  /** What the peer does at run time when the rule fires (log line, alert, error code), in words for people. */
  symptom: Partial<Record<P, string>>;
  /** The same, as codes: explain's only link from an error to the rule. */
  predicts?: Partial<Record<P, Prediction>>;
  /**
   * The rule's message and fix templates by id (eslint's meta.messages): "{name}" stands for the
   * hit's data.name. Rules whose hits are the chain engine's worded reasons have none of their own.
   */
  messages?: Record<string, string>;
}

/**
 * What appliesTo answers: false = "not applicable" (reported as n/a, not as a pass);
 * `missing(input)` = it would apply, but an input it needs was not given (n/a too, and the verdict
 * cannot be ACCEPTED); any other value = it applies, and that value is what check needs (true
 * when it needs nothing more than the context).
 */
export type Applies<Needs> = Needs | false | MissingInput;

/** A rule as the engine runs it (defineRule makes one; the types of its parts are widened here). */
export interface Rule extends RuleMeta {
  appliesTo(ctx: LintContext): Applies<unknown>;
  check(ctx: LintContext, needs: unknown): RuleHit[];
}

/** A rule as written: it sees the profiles of its peers, and check gets what appliesTo returned. */
export interface RuleSpec<P extends PeerId, Needs extends {}, Id extends string> extends RuleMeta<P> {
  requirement: string;
  predicts: Partial<Record<P, Prediction>>;
  messages?: Record<Id, string>;
  appliesTo(ctx: LintContext<ProfileOf<P>>): Applies<Needs>;
  /** Its hits name templates of `messages` only (NoInfer: a hit cannot add an id). */
  check(ctx: LintContext<ProfileOf<P>>, needs: Needs): RuleHit<NoInfer<Id>>[];
}

/**
 * Defines a rule (after typescript-eslint's createRule): the keys of `peers` narrow the profile
 * appliesTo and check see (a rule for mbedtls only reads `ctx.profile.mbedtls`), and check
 * receives what appliesTo returned, so a fact appliesTo tested need not be asserted again with `!`.
 */
export function defineRule<P extends PeerId, Needs extends {}, Id extends string = never>(spec: RuleSpec<P, Needs, Id>): Rule {
  // The engine calls a rule only for the profiles its peers name and passes check only a value its
  // appliesTo returned (engine.ts), so the widening cannot be observed.
  return spec as unknown as Rule;
}

/** Inputs a check may need that the user did not give (and pkilab could not find). */
export type LintInputName = "trust-anchor" | "host";

/** An input a rule needs that was not given: a class, so that appliesTo may also return plain objects. */
export class MissingInput {
  constructor(readonly missing: LintInputName) {}
}

/** For appliesTo: `ctx.options.host ?? missing("host")`. */
export function missing(input: LintInputName): MissingInput {
  return new MissingInput(input);
}

export function isMissingInput(value: unknown): value is MissingInput {
  return value instanceof MissingInput;
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
