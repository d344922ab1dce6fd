import { Flags } from "@oclif/core";
import { KEY_TYPES } from "../pki/key-types.js";

/** Flags shared by commands that create certificates (init, issue). */

export function keyFlag(description: string) {
  return Flags.option({ options: KEY_TYPES, description })();
}

export function daysFlag(description: string) {
  return Flags.integer({ min: 1, max: 36500, description });
}
