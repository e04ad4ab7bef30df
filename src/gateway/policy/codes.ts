/**
 * Stable codes of decision reasons. They appear in refusals the client sees, on events and in
 * the audit trail, so they never change meaning; docs/gateway-policy.md documents each one.
 */
export const reasonCodes = {
  /** The request's account is on the blocklist. */
  WARDEN_BANNED_ACCOUNT: 'ban',
  /** The account's organisation is on the blocklist. */
  WARDEN_BANNED_ORG: 'ban',
  /** The API customer's end user is on the blocklist. */
  WARDEN_BANNED_END_USER: 'ban',
  /** The gateway key is on the blocklist. */
  WARDEN_BANNED_KEY: 'ban',
  /** A value of the request or account (IP, range, device, card, mailbox) is banned on its own. */
  WARDEN_BANNED_NETWORK: 'ban',
  /** A banned value was reached through this account's values but belongs to another account or network. */
  WARDEN_BAN_EVASION: 'evasion',
  /** An entry with effect `throttle` holds this account to a low rate. */
  WARDEN_THROTTLED: 'ban',
  /** An indicator matched the request's IP, account, device, email or payment. */
  WARDEN_INTEL_MATCH: 'intel',
  /** The matched indicator points at a tracked intrusion set. */
  WARDEN_INTEL_ACTOR: 'intel',
  /** An indicator appeared in the prompt text. */
  WARDEN_INTEL_TEXT: 'intel',
  /** The inline classifier scored the prompt above a rule's threshold for its TTP. */
  WARDEN_CONTENT_TTP: 'content',
  /** A rate limit's window is full. */
  WARDEN_RATE_LIMITED: 'rate',
  /** Too many flagged prompts or upstream refusals within a velocity window. */
  WARDEN_VELOCITY: 'rate',
  /** A detection stage threw; the policy's fail mode decided. */
  WARDEN_DETECTION_FAILED: 'detection-failure',
  /** Detection ran over its time budget; the policy's fail mode decided. */
  WARDEN_DETECTION_OVER_BUDGET: 'detection-failure',
} as const;

export type ReasonCode = keyof typeof reasonCodes;
