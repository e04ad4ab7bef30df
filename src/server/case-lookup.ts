import type { CaseLookup } from '../privacy/index.js';
import { findCasesOfAccount, type Database } from '../store/index.js';

/**
 * Privacy's case port over the stored cases: "open" is every state but `closed` (a reopened
 * case is open again). Reveals and retention ask one account at a time.
 */
export function storeCaseLookup(database: Database): CaseLookup {
  return {
    async isAccountUnderOpenCase(account) {
      return (await findCasesOfAccount(database.db, account)).some((c) => c.state !== 'closed');
    },
    async hasAnyCase(account) {
      return (await findCasesOfAccount(database.db, account)).length > 0;
    },
  };
}
