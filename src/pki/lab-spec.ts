import { readFile } from "node:fs/promises";
import { describeFsError, InputError } from "../io/input-error.js";
import { isKeyType, KEY_TYPES, parseKeyType, type KeyType } from "./key-types.js";
import { classifyName, folderName, type SubjectAltName } from "./names.js";

/**
 * The lab spec: everything needed to re-create a lab. `pkilab init` writes the effective spec
 * (defaults filled in) into the lab as lab.yaml, so `pkilab init --spec lab/lab.yaml other-lab`
 * rebuilds the same hierarchy with fresh keys, and `pkilab issue` appends to it.
 */
export const LEAF_ROLES = ["server", "client", "device"] as const;
export type LeafRole = (typeof LEAF_ROLES)[number];

export interface CaSpec {
  key: KeyType;
  days: number;
  cn: string;
}

export interface LeafSpec {
  role: LeafRole;
  /** Common name and folder name. */
  name: string;
  /** Subject alternative names (DNS names, IP addresses, email addresses). */
  sans: string[];
  key: KeyType;
  days: number;
}

export interface LabSpec {
  version: 1;
  org: string;
  root: CaSpec;
  intermediates: CaSpec[];
  leaves: LeafSpec[];
}

export const MAX_INTERMEDIATES = 4;

/**
 * Defaults, and why:
 * - root P-384, intermediates and leaves P-256: every peer in scope supports them (mbedTLS 2.28/3.6
 *   defaults, OpenSSL, browsers); P-521 leaves are refused by Chrome and rustls (rule leaf-curve-refused
 *   cites the sources).
 * - root 10 years, intermediates 5 years: long enough that the lab outlives the project using it.
 * - leaves 365 days: below Apple's 825-day limit that applies to TLS server certificates from any CA
 *   (https://support.apple.com/en-us/103769); the CA/B Forum's 200-day cap (since 2026-03-15) binds
 *   publicly trusted CAs only, not a private lab root.
 */
export const DEFAULTS = {
  org: "pkilab lab",
  rootKey: "p384" as KeyType,
  rootDays: 3650,
  rootCn: "pkilab Root CA",
  intermediates: 1,
  intermediateKey: "p256" as KeyType,
  intermediateDays: 1825,
  leafKey: "p256" as KeyType,
  leafDays: 365,
  /** Used when neither flags nor the spec name any leaf: what a local mTLS test needs. */
  server: ["localhost", "127.0.0.1", "::1"],
  client: "client",
};

export function intermediateCn(index: number): string {
  return `pkilab Intermediate CA ${index + 1}`;
}

/** Overrides from command-line flags; anything undefined keeps the spec's (or the default) value. */
export interface SpecOverrides {
  org?: string;
  rootKey?: KeyType;
  rootDays?: number;
  intermediates?: number;
  intermediateKey?: KeyType;
  intermediateDays?: number;
  leafKey?: KeyType;
  leafDays?: number;
  /** Each entry: comma-separated names, the first becomes the CN. */
  servers?: string[];
  clients?: string[];
  devices?: string[];
}

/** A spec as read from a file: any field may be missing. */
export interface PartialSpec {
  org?: string;
  root?: Partial<CaSpec>;
  intermediates?: Partial<CaSpec>[];
  leafKey?: KeyType;
  leafDays?: number;
  leaves?: (Partial<LeafSpec> & { role: LeafRole; name: string })[];
}

/** Reads a YAML or JSON lab spec. Unknown fields and wrong types are InputErrors naming the field. */
export async function readSpecFile(file: string): Promise<PartialSpec> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new InputError(`${file}: cannot read the lab spec: ${describeFsError(err)}`);
  }
  const { parse, YAMLParseError } = await import("yaml");
  let data: unknown;
  try {
    // YAML is a superset of JSON, so one parser reads both.
    data = parse(text, { uniqueKeys: true, prettyErrors: false });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const line = err.linePos?.[0]?.line;
      throw new InputError(`${file}: not valid YAML or JSON${line ? ` (line ${line})` : ""}: ${err.message.split("\n")[0]}`);
    }
    throw err;
  }
  return validatePartialSpec(data, file);
}

function validatePartialSpec(data: unknown, file: string): PartialSpec {
  const top = asObject(data, file, "the spec", ["version", "org", "root", "intermediates", "leafKey", "leafDays", "leaves"]);
  if (top.version !== undefined && top.version !== 1) fail(file, "version", "must be 1");
  const spec: PartialSpec = {};
  if (top.org !== undefined) spec.org = asString(top.org, file, "org");
  if (top.root !== undefined) spec.root = readCa(top.root, file, "root");
  if (top.intermediates !== undefined) {
    if (!Array.isArray(top.intermediates)) fail(file, "intermediates", "must be a list");
    if (top.intermediates.length > MAX_INTERMEDIATES) {
      fail(file, "intermediates", `has ${top.intermediates.length} entries; at most ${MAX_INTERMEDIATES} are supported`);
    }
    spec.intermediates = top.intermediates.map((entry, i) => readCa(entry, file, `intermediates[${i}]`));
  }
  if (top.leafKey !== undefined) spec.leafKey = asKey(top.leafKey, file, "leafKey");
  if (top.leafDays !== undefined) spec.leafDays = asDays(top.leafDays, file, "leafDays");
  if (top.leaves !== undefined) {
    if (!Array.isArray(top.leaves)) fail(file, "leaves", "must be a list");
    spec.leaves = top.leaves.map((entry, i) => {
      const where = `leaves[${i}]`;
      const o = asObject(entry, file, where, ["role", "name", "sans", "key", "days"]);
      if (!(LEAF_ROLES as readonly unknown[]).includes(o.role)) fail(file, `${where}.role`, `must be one of ${LEAF_ROLES.join(", ")}`);
      const leaf: Partial<LeafSpec> & { role: LeafRole; name: string } = {
        role: o.role as LeafRole,
        name: asString(o.name, file, `${where}.name`),
      };
      if (o.sans !== undefined) {
        if (!Array.isArray(o.sans)) fail(file, `${where}.sans`, "must be a list of names");
        leaf.sans = o.sans.map((s, j) => asString(s, file, `${where}.sans[${j}]`));
      }
      if (o.key !== undefined) leaf.key = asKey(o.key, file, `${where}.key`);
      if (o.days !== undefined) leaf.days = asDays(o.days, file, `${where}.days`);
      return leaf;
    });
  }
  return spec;
}

function readCa(value: unknown, file: string, where: string): Partial<CaSpec> {
  const o = asObject(value, file, where, ["key", "days", "cn"]);
  const ca: Partial<CaSpec> = {};
  if (o.key !== undefined) ca.key = asKey(o.key, file, `${where}.key`);
  if (o.days !== undefined) ca.days = asDays(o.days, file, `${where}.days`);
  if (o.cn !== undefined) ca.cn = asString(o.cn, file, `${where}.cn`);
  return ca;
}

/**
 * Merges spec file, flag overrides and defaults into a complete, checked spec.
 * Flags win over the file; --intermediate-key and --leaf-key replace the file's keys for that level.
 */
export function resolveSpec(file: PartialSpec, flags: SpecOverrides, source = "flags"): LabSpec {
  const intermediateCount = flags.intermediates ?? file.intermediates?.length ?? DEFAULTS.intermediates;
  if (!Number.isInteger(intermediateCount) || intermediateCount < 0 || intermediateCount > MAX_INTERMEDIATES) {
    throw new InputError(`--intermediates ${intermediateCount}: must be a whole number from 0 to ${MAX_INTERMEDIATES}`);
  }
  const root: CaSpec = {
    key: flags.rootKey ?? file.root?.key ?? DEFAULTS.rootKey,
    days: flags.rootDays ?? file.root?.days ?? DEFAULTS.rootDays,
    cn: file.root?.cn ?? DEFAULTS.rootCn,
  };
  // A default validity never exceeds the issuer's (so `--root-days 1000` alone just works);
  // a validity the user gave that does is an error, reported by checkSpec.
  const intermediates: CaSpec[] = [];
  for (let i = 0; i < intermediateCount; i++) {
    const parentDays = (intermediates[i - 1] ?? root).days;
    intermediates.push({
      key: flags.intermediateKey ?? file.intermediates?.[i]?.key ?? DEFAULTS.intermediateKey,
      days: flags.intermediateDays ?? file.intermediates?.[i]?.days ?? Math.min(DEFAULTS.intermediateDays, parentDays),
      cn: file.intermediates?.[i]?.cn ?? intermediateCn(i),
    });
  }
  const issuerDays = (intermediates[intermediates.length - 1] ?? root).days;
  const leafKey = flags.leafKey ?? file.leafKey ?? DEFAULTS.leafKey;
  const leafDays = flags.leafDays ?? file.leafDays ?? Math.min(DEFAULTS.leafDays, issuerDays);
  const spec: LabSpec = { version: 1, org: flags.org ?? file.org ?? DEFAULTS.org, root, intermediates, leaves: [] };
  const fromFile = (file.leaves ?? []).map((leaf) => ({
    role: leaf.role,
    name: leaf.name,
    sans: leaf.sans ?? defaultSans(leaf.role, leaf.name),
    key: flags.leafKey ?? leaf.key ?? leafKey,
    days: flags.leafDays ?? leaf.days ?? leafDays,
  }));
  const fromFlags: LeafSpec[] = [
    ...(flags.servers ?? []).map((names) => leafFromList("server", names, "--server", leafKey, leafDays)),
    ...(flags.clients ?? []).map((name) => leafFromList("client", name, "--client", leafKey, leafDays)),
    ...(flags.devices ?? []).map((name) => leafFromList("device", name, "--device", leafKey, leafDays)),
  ];
  spec.leaves = [...fromFile, ...fromFlags];
  if (spec.leaves.length === 0) {
    spec.leaves = [
      leafFromList("server", DEFAULTS.server.join(","), "default", leafKey, leafDays),
      leafFromList("client", DEFAULTS.client, "default", leafKey, leafDays),
    ];
  }
  checkSpec(spec, source);
  return spec;
}

/** Builds a leaf from a comma list ("localhost,127.0.0.1": first is the CN, all are SANs for a server). */
export function leafFromList(role: LeafRole, list: string, where: string, key: KeyType, days: number): LeafSpec {
  const names = list.split(",").map((n) => n.trim()).filter((n) => n !== "");
  const [name] = names;
  if (name === undefined) throw new InputError(`${where}: empty name: give at least one name`);
  return { role, name, sans: role === "server" ? names : names.slice(1), key, days };
}

/** A server is reached by its name, so it is a SAN; a client's or device's name is its identity (CN). */
function defaultSans(role: LeafRole, name: string): string[] {
  return role === "server" ? [name] : [];
}

/** Checks the parts that flags and files share: names, validity nesting, uniqueness. */
export function checkSpec(spec: LabSpec, source: string): void {
  const cas = [spec.root, ...spec.intermediates];
  cas.forEach((ca, i) => {
    checkCn(ca.cn, source, i === 0 ? "root" : `intermediate ${i}`);
    const issuer = cas[i - 1]; // none for the root
    if (issuer && ca.days > issuer.days) {
      throw new InputError(
        `${source}: intermediate ${i} (${ca.days} days) would outlive its issuer (${issuer.days} days): lower --intermediate-days or raise --root-days`,
      );
    }
  });
  const issuerDays = cas[cas.length - 1]!.days; // cas starts with the root
  const seen = new Set<string>();
  for (const leaf of spec.leaves) {
    const where = `${source}: ${leaf.role} "${leaf.name}"`;
    checkLeafNames(leaf, source);
    if (leaf.days > issuerDays) {
      throw new InputError(`${where}: ${leaf.days} days would outlive its issuing CA (${issuerDays} days): lower --leaf-days`);
    }
    const id = leafId(leaf);
    if (seen.has(id)) throw new InputError(`${where}: named twice: each leaf needs its own name`);
    seen.add(id);
  }
}

/** The leaf's CN and SANs are well-formed (a server's CN must itself be a DNS name or IP). */
export function checkLeafNames(leaf: LeafSpec, source: string): void {
  const where = `${source}: ${leaf.role} "${leaf.name}"`;
  checkCn(leaf.name, source, `${leaf.role} "${leaf.name}"`);
  if (leaf.role === "server" && leaf.sans.length === 0) throw new InputError(`${where}: a server needs at least one SAN`);
  if (leaf.role === "server") classifyName(leaf.name, where);
  leaf.sans.forEach((san) => classifyName(san, where));
}

function checkCn(cn: string, source: string, what: string): void {
  // RFC 5280 appendix A: ub-common-name INTEGER ::= 64
  if (cn.length === 0 || cn.length > 64) {
    throw new InputError(`${source}: ${what}: a common name must be 1 to 64 characters (RFC 5280 ub-common-name)`);
  }
}

/** Folder of a leaf inside the lab, e.g. "servers/localhost"; also its id in the manifest. */
export function leafId(leaf: Pick<LeafSpec, "role" | "name">): string {
  return `${leaf.role}s/${folderName(leaf.name)}`;
}

export function sansOf(leaf: LeafSpec): SubjectAltName[] {
  return leaf.sans.map((san) => classifyName(san, `${leaf.role} "${leaf.name}"`));
}

/** The effective spec as written into the lab (lab.yaml). */
export async function renderSpec(spec: LabSpec | PartialSpec): Promise<string> {
  const { stringify } = await import("yaml");
  const header =
    "# pkilab lab spec: the effective settings this lab was made with.\n" +
    "# Re-create it (new keys):  pkilab init --spec lab.yaml NEW_DIR\n" +
    "# Add a leaf:               pkilab issue client NAME --lab DIR\n";
  return header + stringify(spec, { lineWidth: 0 });
}

// --- small typed readers for spec files ---------------------------------------------------------

function fail(file: string, field: string, problem: string): never {
  throw new InputError(`${file}: ${field}: ${problem}`);
}

function asObject(value: unknown, file: string, where: string, known: string[]): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(file, where, "must be a mapping of fields");
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) fail(file, where === "the spec" ? key : `${where}.${key}`, `unknown field (known: ${known.join(", ")})`);
  }
  return value as Record<string, unknown>;
}

function asString(value: unknown, file: string, where: string): string {
  if (typeof value !== "string" || value.trim() === "") fail(file, where, "must be a non-empty string");
  return value;
}

function asKey(value: unknown, file: string, where: string): KeyType {
  if (typeof value !== "string") fail(file, where, `must be one of ${KEY_TYPES.join(", ")}`);
  // The same names as the --*-key flags (P-256, secp384r1, RSA-2048 …).
  if (isKeyType(value)) return value;
  try {
    return parseKeyType(value, where);
  } catch {
    fail(file, where, `must be one of ${KEY_TYPES.join(", ")} (P-256, secp384r1, RSA-2048 … are read too)`);
  }
}

function asDays(value: unknown, file: string, where: string): number {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 36500) {
    fail(file, where, "must be a whole number of days from 1 to 36500");
  }
  return value as number;
}
