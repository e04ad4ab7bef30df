/**
 * What the provider said it acted on. Providers terminate accounts for spam, fraud and abuse of
 * the free tier far more often than for cyber operations; the stated reason tells the two apart,
 * so a ban for spam is not evidence of a threat actor (though sharing a device with it is still
 * ban evasion).
 */
export type ReasonClass = 'cyber' | 'other' | 'unstated';

// Words a trust-and-safety team uses when the abuse was a cyber operation (ATT&CK-flavoured).
const cyberWords =
  /\b(cyber|malware|ransomware|phish\w*|exploit\w*|intrusion|hack\w*|botnet|c2|command[- ]and[- ]control|credential (?:theft|harvest\w*|stuffing)|apt|threat actor|espionage|offensive security|vulnerability exploitation)\b/i;
// Reasons that name some other abuse: a ban for these says nothing about attacks.
const otherWords =
  /\b(spam\w*|fraud\w*|chargeback\w*|payment|scam\w*|harass\w*|hate|copyright|adult|sexual|impersonat\w*|multi-?accounting|free[- ]tier|resale|reselling|scraping|terms of service)\b/i;

/**
 * Classifies an enforcement reason. Cyber words win over other words ("phishing spam" is a cyber
 * operation); an empty or unknown reason is `unstated`, which keeps the default weight.
 */
export function classifyEnforcementReason(reason: string | undefined): ReasonClass {
  if (!reason) return 'unstated';
  // Reasons are free text from the provider's tooling: bound the work on hostile input.
  const text = reason.length > 2000 ? reason.slice(0, 2000) : reason;
  if (cyberWords.test(text)) return 'cyber';
  if (otherWords.test(text)) return 'other';
  return 'unstated';
}
