/**
 * The port privacy needs from case management (src/cases implements it): whether an account is
 * under an open case (revealing its raw prompts is allowed only then) and whether it ever had a
 * case (retention keeps the raw text of such accounts).
 */
export interface CaseLookup {
  isAccountUnderOpenCase(account: string): Promise<boolean>;
  /** Any case, open or closed; absent means "unknown", and retention then keeps everything. */
  hasAnyCase?(account: string): Promise<boolean>;
}
