import { createHash } from "node:crypto";
import path from "node:path";
import type { Location, Log, Notification, ReportingDescriptor, Result } from "sarif";
import type { PeerId } from "../../peers/types.js";
import { RULES } from "../rules/index.js";
import type { Finding, LintInputName, LintReport, Rule, Severity } from "../types.js";

/**
 * SARIF 2.1.0 (OASIS Standard with Errata 01), for code-scanning UIs:
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/sarif-v2.1.0-errata01-os-complete.html
 * Section numbers below (§) are that document's. test/lint/sarif.test.ts validates real lint runs
 * against the official schema (test/schemas/).
 */

export const SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** The base the relative artifact URIs are written against (§3.14.14); named after the spec's own example. */
export const SRCROOT = "%SRCROOT%";

/** partialFingerprints key (§3.27.17: "fingerprint type/version"). */
export const FINGERPRINT_KEY = "pkilabFinding/v1";

/** The finding of a rule that threw (src/lint/engine.ts): not a rule file, but results name it. */
const RULE_FAILED_ID = "internal/rule-failed";

export interface SarifOptions {
  /** Where relative artifact URIs start (%SRCROOT%) [default: the current directory]. */
  baseDir?: string;
  /**
   * The repository's web address (https://host/owner/name), for informationUri and, on GitHub or
   * GitLab, helpUri (the command passes package.json's `repository`, else its `homepage`). Without one both
   * are left out: §3.49.12 and §3.19.17 want absolute URIs, so a relative docs/rules/… link would
   * be invalid.
   */
  repositoryUrl?: string;
}

/** Forges whose file pages are <repository>/blob/<ref>/<path> (GitLab redirects it to /-/blob/). */
const BLOB_PAGES = /^https:\/\/(?:github\.com|gitlab\.com)\//;

const LEVEL = { error: "error", fatal: "error", warning: "warning", info: "note" } as const satisfies Record<Finding["severity"], Result.level>;
const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function renderSarif(report: LintReport, version: string, options: SarifOptions = {}): Log {
  const baseDir = path.resolve(options.baseDir ?? process.cwd());
  const repositoryUrl = options.repositoryUrl;
  const descriptors = [...RULES.map((rule) => describeRule(rule, repositoryUrl)), RULE_FAILED];
  const ruleIndex = new Map(descriptors.map((d, i) => [d.id, i]));
  // Two hits of one rule on one certificate for one peer get the same identity; their order of
  // appearance (stable: rules run in a fixed order) keeps their fingerprints apart.
  const seen = new Map<string, number>();
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "pkilab",
            version,
            ...(repositoryUrl && { informationUri: repositoryUrl }),
            rules: descriptors,
            notifications: NOTIFICATIONS,
          },
        },
        // A verdict pkilab could not reach (a check waited for an input) has no result to show:
        // without these a code-scanning UI would show the run as clean (§3.20.22).
        invocations: [{ executionSuccessful: true, toolConfigurationNotifications: uncheckedInputs(report) }],
        // §3.14.14: a base URI "SHALL end with a single forward slash".
        originalUriBaseIds: { [SRCROOT]: { uri: fileUri(baseDir).replace(/\/?$/, "/") } },
        results: report.findings.map((finding): Result => {
          const identity = JSON.stringify([finding.rule, finding.peer, finding.certIndex, finding.subject]);
          const occurrence = seen.get(identity) ?? 0;
          seen.set(identity, occurrence + 1);
          return {
            ruleId: finding.rule,
            ruleIndex: ruleIndex.get(finding.rule),
            level: LEVEL[finding.severity],
            // The fix is not in the message (§3.27.11 is what was found): it is in properties.fix.
            message: { text: `${finding.peer}: ${finding.message}` },
            locations: [locate(report, finding, baseDir)],
            partialFingerprints: { [FINGERPRINT_KEY]: sha256(`${identity}#${occurrence}`) },
            properties: {
              peer: finding.peer,
              certIndex: finding.certIndex,
              subject: finding.subject,
              fix: finding.fix,
              ...(finding.symptom && { symptom: finding.symptom }),
            },
          };
        }),
        properties: {
          file: report.file,
          at: report.at,
          ...(report.host && { host: report.host }),
          verdicts: report.verdicts.map((v) => ({ peer: v.peer, status: v.status, errors: v.errors, warnings: v.warnings, infos: v.infos })),
        },
      },
    ],
  };
}

/** Inputs a check can wait for, in words: one notification descriptor each (§3.19.24). */
const MISSING: Record<LintInputName, string> = { "trust-anchor": "a trust anchor", host: "the host name" };
const NOTIFICATIONS: ReportingDescriptor[] = Object.entries(MISSING).map(([input, words]) => ({
  id: `missing-${input}`,
  shortDescription: { text: `A check needs ${words} and none was given: the peer's verdict is not decided.` },
}));

function uncheckedInputs(report: LintReport): Notification[] {
  return report.verdicts.flatMap((verdict) =>
    verdict.unchecked.map((u): Notification => {
      const id = `missing-${u.input}`;
      return {
        descriptor: { id, index: NOTIFICATIONS.findIndex((d) => d.id === id) },
        level: "warning",
        message: { text: `${verdict.peer}: not checked without ${MISSING[u.input]} (${u.rules.join(", ")}): ${u.pass}` },
        properties: { peer: verdict.peer, rules: u.rules },
      };
    }),
  );
}

/** One rule's reportingDescriptor (§3.49), from its metadata: the same facts as docs/rules/<id>.md. */
function describeRule(rule: Rule, repositoryUrl: string | undefined): ReportingDescriptor {
  const peers = Object.entries(rule.peers) as [PeerId, Severity][];
  const worst = peers.map(([, s]) => s).reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
  const behaviour = peers.map(([peer, severity]) => `${peer} (${severity}): ${rule.symptom[peer] ?? ""}`);
  const docs = `docs/rules/${rule.id}.md`;
  const docsUri = repositoryUrl && BLOB_PAGES.test(repositoryUrl) ? `${repositoryUrl}/blob/HEAD/${docs}` : undefined;
  return {
    id: rule.id,
    shortDescription: { text: `${rule.title}.` },
    fullDescription: { text: `${rule.title}. What each peer does when it fires: ${behaviour.join("; ")}.` },
    ...(docsUri && { helpUri: docsUri }),
    help: {
      text: [
        `${rule.title}.`,
        ...behaviour.map((line) => `- ${line}`),
        "Fix: each result names the fix for its certificate (result.properties.fix); pkilab lint prints it as \"fix:\".",
        `Citation: ${rule.citation}`,
        `Documentation: ${docs} in the pkilab repository.`,
      ].join("\n"),
      markdown: [
        `**${markdownText(rule.title)}.**`,
        "",
        ...behaviour.map((line) => `- ${markdownText(line)}`),
        "",
        "Fix: each result names the fix for its certificate (`result.properties.fix`); `pkilab lint` prints it as `fix:`.",
        "",
        `Citation: ${markdownText(rule.citation)}`,
        "",
        docsUri ? `Documentation: [${docs}](${docsUri})` : `Documentation: \`${docs}\` in the pkilab repository.`,
      ].join("\n"),
    },
    defaultConfiguration: { level: LEVEL[worst] },
    properties: { tags: peers.map(([peer]) => peer) },
  };
}

const RULE_FAILED: ReportingDescriptor = {
  id: RULE_FAILED_ID,
  shortDescription: { text: "A lint rule failed while checking the certificate." },
  fullDescription: { text: "A lint rule threw instead of giving a verdict: the certificate was not fully checked for that peer. This is a pkilab bug." },
  help: { text: "Report it as a pkilab bug, with the certificate (not its key) and the command line." },
  defaultConfiguration: { level: "error" },
};

/**
 * Where a finding is: the file the certificate came from (report.chain[i].source is "file#N", the
 * N-th certificate of the file), or the linted file for findings about the whole chain.
 */
function locate(report: LintReport, finding: Finding, baseDir: string): Location {
  // certIndex counts along the peer's own chain; report.chain is the longest of them, so check the
  // subject before trusting the index.
  const atIndex = finding.certIndex >= 0 ? report.chain[finding.certIndex] : undefined;
  const entry = atIndex?.subject === finding.subject ? atIndex : report.chain.find((c) => finding.certIndex >= 0 && c.subject === finding.subject);
  const [, file, position] = (entry && /^(.*)#(\d+)$/.exec(entry.source)) || [undefined, entry?.source ?? report.file, undefined];
  return {
    physicalLocation: {
      artifactLocation: artifactLocation(file, baseDir),
      // Without a region a location is the whole file (§3.29.4), which code-scanning UIs cannot
      // place. LintReport does not carry the line a PEM block starts on: use the file's first line.
      region: { startLine: 1 },
    },
    ...(entry && position && { message: { text: `certificate ${position} of the file: ${entry.subject}` } }),
  };
}

/** Relative to %SRCROOT% when the file is under it, else an absolute file: URI (§3.4.3, §3.4.4). */
export function artifactLocation(file: string, baseDir: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(baseDir, file);
  const relative = path.relative(baseDir, absolute);
  if (relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative)) {
    return { uri: relative.split(path.sep).map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
  }
  return { uri: fileUri(absolute) };
}

/**
 * An absolute path as a file: URI (RFC 8089), each segment percent-encoded as UTF-8 (RFC 3986
 * 2.1). Not url.pathToFileURL: WHATWG URLs leave "[", "]", "|" and "^" as they are, which RFC 3986
 * does not allow in a path. encodeURIComponent keeps only unreserved characters and !*'(), all
 * legal in a segment; a Windows drive letter ("C:") keeps its colon, as RFC 8089 E.2 writes it.
 */
export function fileUri(absolute: string): string {
  const segments = absolute.split(path.sep).filter((s, i) => i === 0 || s !== "");
  const encoded = segments.map((s, i) => (i === 0 && /^[A-Za-z]:$/.test(s) ? s : encodeURIComponent(s)));
  const joined = encoded.join("/");
  return `file://${joined.startsWith("/") ? "" : "/"}${joined}`;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * Rule text as Markdown: web addresses become links, identifiers (MBEDTLS_X509_MAX_INTERMEDIATE_CA, check_purpose_ssl_client,
 * $ssl_client_verify, MBEDTLS_ECP_DP_*_ENABLED) become code spans, where "_" and "*" cannot start
 * emphasis; other Markdown characters are escaped. "|" is escaped everywhere so the text can sit in
 * a table cell. Also used by scripts/rule-docs.js for docs/rules/.
 */
export function markdownText(text: string): string {
  return text
    .split(/(\s+)/)
    .map((word) => {
      // Matches every word, and each group takes part (possibly empty): the defaults never apply.
      let [, open = "", core = "", close = ""] = /^([("']*)(.*?)((?:'s)?[)"',;:.]*)$/s.exec(word)!;
      // "f()" keeps its parentheses: a ")" that closes a "(" of the word is part of it.
      while (close.startsWith(")") && core.split("(").length > core.split(")").length) [core, close] = [`${core})`, close.slice(1)];
      if (/^https?:\/\/\S+$/.test(core)) return `${open}<${core}>${close}`;
      if (/[_*$]/.test(core) && !core.includes("`")) return `${open}\`${core.replace(/\|/g, "\\|")}\`${close}`;
      return word.replace(/[\\`*_[\]<|]/g, "\\$&");
    })
    .join("");
}

/** "git+https://github.com/o/r.git", "git@github.com:o/r.git", "github:o/r", "o/r" → https://github.com/o/r. */
export function webAddress(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(value);
  if (shorthand) return `https://github.com/${shorthand[1]!.replace(/\.git$/, "")}`;
  const scp = /^git@([^:]+):(.+?)(?:\.git)?$/.exec(value);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  const url = /^(?:git\+)?(https?):\/\/(?:[^@/]+@)?([^#?]+?)(?:\.git)?\/?(?:[#?].*)?$/.exec(value);
  return url ? `${url[1]}://${url[2]}` : undefined;
}
