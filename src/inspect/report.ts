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

export type InspectItem =
  | { file: string; index: number; kind: "certificate"; certificate: CertificateSummary }
  | { file: string; index: number; kind: "private-key"; key: string; format: string; encrypted: boolean }
  | { file: string; index: number; kind: "public-key"; key: string }
  | { file: string; index: number; kind: "csr"; subject: string; key: string; subjectAltNames: string[] }
  | { file: string; index: number; kind: "crl"; issuer: string; thisUpdate: string; nextUpdate?: string; revoked: number; notes: string[] }
  | { file: string; index: number; kind: "other"; what: string };

export interface InspectReport {
  at: string;
  items: InspectItem[];
  /** Files that could not be read, each with the one line saying why; the others are still reported. */
  errors: { file: string; message: string }[];
}
