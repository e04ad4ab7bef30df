/**
 * Warden's LLM-themed TTP vocabulary (../shared/spec/ttps.md) and the ATT&CK Enterprise v18
 * tactic names. These strings are a compatibility promise: outputs use them exactly.
 */

export const TTP_IDS = [
  'llm-informed-reconnaissance',
  'llm-enhanced-scripting',
  'llm-aided-development',
  'llm-supported-social-engineering',
  'llm-assisted-vulnerability-research',
  'llm-optimized-payload-crafting',
  'llm-enhanced-anomaly-detection-evasion',
  'llm-directed-security-feature-bypass',
  'llm-advised-resource-development',
  'llm-refined-operational-command',
  'llm-aided-technical-translation',
  'llm-assisted-post-compromise',
  'llm-guided-infrastructure-profiling',
] as const;

export type TtpId = (typeof TTP_IDS)[number];

/** ATT&CK Enterprise v18 tactic names, in kill-chain order. */
export const TACTICS = [
  'Reconnaissance',
  'Resource Development',
  'Initial Access',
  'Execution',
  'Persistence',
  'Privilege Escalation',
  'Defense Evasion',
  'Credential Access',
  'Discovery',
  'Lateral Movement',
  'Collection',
  'Command and Control',
  'Exfiltration',
  'Impact',
] as const;

export type Tactic = (typeof TACTICS)[number];

export interface TtpInfo {
  id: TtpId;
  label: string;
  /** The tactic a request of this TTP serves most often; null where none fits (translation). */
  defaultTactic: Tactic | null;
  /** ATT&CK technique ids that fit, as listed in ttps.md. */
  techniques: readonly string[];
}

/** Metadata for each TTP, as in ttps.md. */
export const TTPS: Readonly<Record<TtpId, TtpInfo>> = {
  'llm-informed-reconnaissance': { id: 'llm-informed-reconnaissance', label: 'LLM-informed reconnaissance', defaultTactic: 'Reconnaissance', techniques: ['T1589', 'T1591', 'T1593', 'T1596'] },
  'llm-enhanced-scripting': { id: 'llm-enhanced-scripting', label: 'LLM-enhanced scripting techniques', defaultTactic: 'Execution', techniques: ['T1059'] },
  'llm-aided-development': { id: 'llm-aided-development', label: 'LLM-aided development', defaultTactic: 'Resource Development', techniques: ['T1587.001'] },
  'llm-supported-social-engineering': { id: 'llm-supported-social-engineering', label: 'LLM-supported social engineering', defaultTactic: 'Initial Access', techniques: ['T1566', 'T1598'] },
  'llm-assisted-vulnerability-research': { id: 'llm-assisted-vulnerability-research', label: 'LLM-assisted vulnerability research', defaultTactic: 'Resource Development', techniques: ['T1588.006', 'T1595.002'] },
  'llm-optimized-payload-crafting': { id: 'llm-optimized-payload-crafting', label: 'LLM-optimised payload crafting', defaultTactic: 'Resource Development', techniques: ['T1587.004'] },
  'llm-enhanced-anomaly-detection-evasion': { id: 'llm-enhanced-anomaly-detection-evasion', label: 'LLM-enhanced anomaly detection evasion', defaultTactic: 'Defense Evasion', techniques: ['T1027', 'T1562.001', 'T1070.004'] },
  'llm-directed-security-feature-bypass': { id: 'llm-directed-security-feature-bypass', label: 'LLM-directed security feature bypass', defaultTactic: 'Credential Access', techniques: ['T1556', 'T1111', 'T1621'] },
  'llm-advised-resource-development': { id: 'llm-advised-resource-development', label: 'LLM-advised resource development', defaultTactic: 'Resource Development', techniques: ['T1583', 'T1585', 'T1588'] },
  'llm-refined-operational-command': { id: 'llm-refined-operational-command', label: 'LLM-refined operational command techniques', defaultTactic: 'Discovery', techniques: ['T1057', 'T1082', 'T1564'] },
  'llm-aided-technical-translation': { id: 'llm-aided-technical-translation', label: 'LLM-aided technical translation and explanation', defaultTactic: null, techniques: [] },
  'llm-assisted-post-compromise': { id: 'llm-assisted-post-compromise', label: 'LLM-assisted post-compromise activity', defaultTactic: 'Credential Access', techniques: ['T1003', 'T1555.003'] },
  'llm-guided-infrastructure-profiling': { id: 'llm-guided-infrastructure-profiling', label: 'LLM-guided infrastructure profiling', defaultTactic: 'Command and Control', techniques: ['T1071', 'T1572'] },
};

const ttpSet = new Set<string>(TTP_IDS);
const tacticSet = new Set<string>(TACTICS);

/** True when `s` is one of the TTP ids of ttps.md. */
export function isTtpId(s: unknown): s is TtpId {
  return typeof s === 'string' && ttpSet.has(s);
}

/** True when `s` is an ATT&CK Enterprise v18 tactic name. */
export function isTactic(s: unknown): s is Tactic {
  return typeof s === 'string' && tacticSet.has(s);
}
