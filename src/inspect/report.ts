/** The report types of `pkilab inspect`: what the App returns, what the renderers and --json show (docs/schemas/inspect.schema.json). */

/** One certificate, summarised for people and for --json. */
export interface CertificateSummary {
  source: string;
  subject: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  /** "expires in 41 days" relative to --at. */
  validity: string;
  key: string;
  signature: string;
  subjectAltNames: string[];
  keyUsage: string[];
  extKeyUsage: string[];
  basicConstraints: string;
  subjectKeyId?: string;
  authorityKeyId?: string;
  nameConstraints?: { permitted: string[]; excluded: string[] };
  selfSigned: boolean;
  derSize: number;
  sha256: string;
  notes: string[];
}

/** One CRL, summarised for people and for --json. */
export interface CrlSummary {
  issuer: string;
  /** cRLNumber in hex (RFC 5280 5.2.3), when the CRL has one. */
  crlNumber?: string;
  thisUpdate: string;
  nextUpdate?: string;
  /** "valid for 29 more days", "expired 2 days ago (nginx: (12:CRL has expired))" relative to --at. */
  validity: string;
  authorityKeyId?: string;
  /** How many entries the CRL lists (a repeated serial counts each time). */
  revoked: number;
  /** The first REVOKED_LISTED entries, in the CRL's order (one per serial). */
  revokedEntries: RevokedSummary[];
  /** Entries (one per serial) beyond those listed. */
  revokedNotListed: number;
  notes: string[];
}

export interface RevokedSummary {
  serial: string;
  date: string;
  /** The reasonCode entry extension's name (RFC 5280 5.3.1), when present. */
  reason?: string;
}

export type InspectItem =
  | { file: string; index: number; kind: "certificate"; certificate: CertificateSummary }
  | { file: string; index: number; kind: "private-key"; key: string; format: string; encrypted: boolean }
  | { file: string; index: number; kind: "public-key"; key: string }
  | { file: string; index: number; kind: "csr"; subject: string; key: string; subjectAltNames: string[] }
  | ({ file: string; index: number; kind: "crl" } & CrlSummary)
  | { file: string; index: number; kind: "other"; what: string };

export interface InspectReport {
  at: string;
  items: InspectItem[];
  /** Files that could not be read, each with the one line saying why; the others are still reported. */
  errors: { file: string; message: string }[];
}
