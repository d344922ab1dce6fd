import type { ReasonId } from "../chain/reasons.js";
import { describeReason } from "../knowledge/reason-words.js";
import type { LintContext, WordedHit } from "./types.js";

/**
 * The chain engine's typed reasons (src/chain/reasons.ts) as rule hits: rules about path validation
 * read what the engine found on the path the peer would build, instead of checking it twice. The
 * words are the reason's own (src/knowledge/reason-words.ts); `fix` may reword the hint.
 */
export function reasonHits(ctx: LintContext, ids: ReasonId[], fix: (hint: string | undefined) => string): WordedHit[] {
  return ctx.validation.reasons
    .filter((reason) => ids.includes(reason.id))
    .map((reason) => {
      const { message, hint } = describeReason(reason);
      return { certIndex: reason.certIndex, message: reason.certIndex > 0 ? `"${reason.subject}": ${message}` : message, fix: fix(hint) };
    });
}
