import { readConfigText } from "./read-config-text.js";
import { HELP, parseMbedtlsConfig, type MbedtlsCapabilities, type MbedtlsVersion } from "../peers/parse/mbedtls-config.js";

/**
 * Reads `files` (`--mbedtls-config`, in order: the main config header or a `cc -E -dM` dump, then
 * override files) and parses them as one configuration (src/peers/parse/mbedtls-config.ts). Every
 * file is read, and can fail, before any is parsed. No files: the stock configuration of `version`.
 */
export function readMbedtlsConfig(files: string[], options: { version?: MbedtlsVersion } = {}): MbedtlsCapabilities {
  return parseMbedtlsConfig(files.map((file) => ({ name: file, text: readConfigText(file, HELP) })), options);
}
