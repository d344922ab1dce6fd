// No imports: commands/revoke.ts lists these as flag options when the command list loads.

/**
 * CRLReason (RFC 5280 5.3.1) values `pkilab revoke --reason` accepts. Left out: unspecified (RFC 5280
 * 5.3.1 says to omit the reasonCode extension instead, which is what no --reason does),
 * certificateHold (a hold can be lifted: a different workflow), removeFromCRL (delta CRLs only) and
 * aACompromise (attribute certificates).
 */
export const REVOCATION_REASONS = {
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  privilegeWithdrawn: 9,
} as const;

export type RevocationReason = keyof typeof REVOCATION_REASONS;
