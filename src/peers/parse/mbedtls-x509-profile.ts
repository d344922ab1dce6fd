/**
 * A custom mbedTLS X.509 profile as `pkilab lint --mbedtls-profile FILE` reads it: the four fields
 * of the mbedtls_x509_crt_profile a firmware passes to mbedtls_ssl_conf_cert_profile(), one
 * `name = value` line each (README "mbedTLS X.509 profiles"):
 *
 *   # our fleet still has SHA-1 and RSA-1024 devices
 *   allowed_mds    = SHA1 SHA224 SHA256 SHA384 SHA512
 *   allowed_pks    = any
 *   allowed_curves = SECP256R1 SECP384R1
 *   rsa_min_bitlen = 1024
 *
 * A list is `any` (every bit, the library's 0xFFFFFFF), `none`, or names separated by spaces,
 * commas or `|`: the mbedTLS names with or without their prefix (SHA256, MBEDTLS_MD_SHA256,
 * MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA256)); curves also as P-256, secp256r1, brainpoolP256r1.
 * `#` and `//` start comments. Every field must be given once.
 */
import { InputError } from "../../io/input-error.js";
import { CURVE_NAMES, MD_NAMES, PK_NAMES, type IdSet, type MbedtlsX509Profile, type MdName, type PkName } from "../../knowledge/mbedtls-profiles.js";
import { CURVES } from "../../knowledge/mbedtls-macros.js";

const FIELDS = ["allowed_mds", "allowed_pks", "allowed_curves", "rsa_min_bitlen"] as const;
type Field = (typeof FIELDS)[number];

export const PROFILE_FILE_HELP = "a profile file has one line per mbedtls_x509_crt_profile field: allowed_mds, allowed_pks, allowed_curves (any, none, or names) and rsa_min_bitlen (README \"mbedTLS X.509 profiles\")";

/** Curve spellings users have at hand, to the MBEDTLS_ECP_DP_ name. */
const CURVE_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  CURVES.flatMap((c) => [[c.dp, c.dp], [c.name.toUpperCase(), c.dp], [c.psa, c.dp]]),
);

/** `source` names the file in errors. */
export function parseMbedtlsX509Profile(text: string, source: string): MbedtlsX509Profile {
  const values = new Map<Field, { value: string; line: number }>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/(#|\/\/).*$/, "").trim();
    if (content === "") return;
    const eq = content.indexOf("=");
    if (eq < 0) throw new InputError(`${source}:${line}: expected "field = value", got "${clip(content)}": ${PROFILE_FILE_HELP}`);
    const field = content.slice(0, eq).trim().toLowerCase();
    const value = content.slice(eq + 1).trim().replace(/[;,]$/, "");
    if (!(FIELDS as readonly string[]).includes(field)) throw new InputError(`${source}:${line}: unknown field "${clip(field)}": ${PROFILE_FILE_HELP}`);
    const known = values.get(field as Field);
    if (known) throw new InputError(`${source}:${line}: ${field} is given twice (first at line ${known.line})`);
    if (value === "") throw new InputError(`${source}:${line}: ${field} has no value: ${PROFILE_FILE_HELP}`);
    values.set(field as Field, { value, line });
  });
  const missing = FIELDS.filter((f) => !values.has(f));
  if (missing.length > 0) throw new InputError(`${source}: ${missing.join(", ")} missing: ${PROFILE_FILE_HELP}`);
  const at = (field: Field) => values.get(field)!;
  return {
    name: `the custom profile in ${source}`,
    allowedMds: idSet(at("allowed_mds"), source, "allowed_mds", "MBEDTLS_MD_", (n) => (MD_NAMES as readonly string[]).includes(n) ? (n as MdName) : undefined, MD_NAMES),
    allowedPks: idSet(at("allowed_pks"), source, "allowed_pks", "MBEDTLS_PK_", (n) => (PK_NAMES as readonly string[]).includes(n) ? (n as PkName) : undefined, PK_NAMES),
    allowedCurves: idSet(at("allowed_curves"), source, "allowed_curves", "MBEDTLS_ECP_DP_", (n) => CURVE_ALIASES[n], CURVE_NAMES),
    rsaMinBitlen: bits(at("rsa_min_bitlen"), source),
    citation: `${source} (--mbedtls-profile), as the firmware's mbedtls_x509_crt_profile`,
  };
}

function idSet<Name extends string>(
  { value, line }: { value: string; line: number },
  source: string,
  field: Field,
  prefix: string,
  lookup: (name: string) => Name | undefined,
  known: readonly string[],
): IdSet<Name> {
  const words = value.split(/[\s,|]+/).filter(Boolean);
  const lower = words.map((w) => w.toLowerCase());
  if (lower.length === 1 && (lower[0] === "any" || lower[0] === "0xfffffff")) return "any";
  if (lower.length === 1 && (lower[0] === "none" || lower[0] === "0")) return [];
  const names: Name[] = [];
  for (const word of words) {
    // MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA256), MBEDTLS_MD_SHA256, SHA256, SHA-256, sha3-256.
    const bare = word.replace(/^MBEDTLS_X509_ID_FLAG\((.*)\)$/i, "$1").toUpperCase().replace(new RegExp(`^${prefix}`), "");
    const name = lookup(bare) ?? lookup(bare.replace(/-/g, "")) ?? lookup(bare.replace(/-/g, "_"));
    if (name === undefined) throw new InputError(`${source}:${line}: ${field}: unknown name "${clip(word)}" (known: ${known.join(", ")}; or any, none)`);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

function bits({ value, line }: { value: string; line: number }, source: string): number {
  if (!/^\d{1,6}$/.test(value)) throw new InputError(`${source}:${line}: rsa_min_bitlen must be a number of bits (0 to 999999), got "${clip(value)}"`);
  return Number(value);
}

/** Keeps an echoed piece of a bad file to one short line. */
function clip(text: string): string {
  const printable = text.replace(/[^\x20-\x7e]/g, "?");
  return printable.length > 60 ? `${printable.slice(0, 57)}...` : printable;
}
