import { readConfigText } from "./read-config-text.js";
import { parseWolfsslConfig, WOLFSSL_HELP, type WolfsslCapabilities } from "../peers/parse/wolfssl-config.js";

/**
 * Reads `files` (`--wolfssl-config`, in order: options.h or user_settings.h, then override files)
 * and parses them as one configuration (src/peers/parse/wolfssl-config.ts). Every file is read, and
 * can fail, before any is parsed. No files: wolfSSL's default configuration.
 */
export function readWolfsslConfig(files: string[]): WolfsslCapabilities {
  return parseWolfsslConfig(files.map((file) => ({ name: file, text: readConfigText(file, WOLFSSL_HELP) })));
}
