import type { LintContext } from "./types.js";

/** The clock the peer judges validity with: its own (--device-clock) or the lint clock (--at). */
export function peerClock(ctx: LintContext): Date {
  return ctx.profile.clock ?? ctx.options.at;
}
