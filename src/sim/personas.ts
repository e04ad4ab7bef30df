import type { PromptTopic, Weighted } from './model.js';
import * as honest from './prompts/honest-prompts.js';
import * as pro from './prompts/professional-prompts.js';
import type { TopicTemplates } from './prompts/template.js';

const ordinary = (templates: TopicTemplates): PromptTopic => ({ templates, ttp: null, harmful: false });
const tagged = (templates: TopicTemplates, ttp: string): PromptTopic => ({ templates, ttp, harmful: false });

const topic = {
  coding: ordinary(honest.coding),
  writing: ordinary(honest.writing),
  study: ordinary(honest.study),
  translation: tagged(honest.translation, 'llm-aided-technical-translation'),
  marketing: ordinary(honest.marketing),
  everyday: ordinary(honest.everyday),
  data: ordinary(honest.data),
  personalSecurity: ordinary(honest.personalSecurity),
  redTeam: tagged(pro.redTeam, 'llm-advised-resource-development'),
  detection: tagged(pro.detection, 'llm-enhanced-anomaly-detection-evasion'),
  ctf: tagged(pro.ctf, 'llm-assisted-vulnerability-research'),
  threatIntel: tagged(pro.threatIntel, 'llm-informed-reconnaissance'),
  journalism: tagged(pro.journalism, 'llm-informed-reconnaissance'),
  policyResearch: tagged(pro.policyResearch, 'llm-informed-reconnaissance'),
  aerospace: tagged(pro.aerospace, 'llm-informed-reconnaissance'),
  technicalTranslation: tagged(pro.technicalTranslation, 'llm-aided-technical-translation'),
};

/** What one kind of honest account asks about, and whether it is a hard negative. */
export interface Persona {
  kind: string;
  topics: Weighted<PromptTopic>;
  /** Looks like an actor by what it asks (security work, the same research subjects). */
  hardNegative: boolean;
  /** Expected sessions per active weekday. */
  rate: number;
  baseRefusal: number;
}

const p = (kind: string, topics: Weighted<PromptTopic>, rate: number, hardNegative = false, baseRefusal = 0.01): Persona => ({
  kind,
  topics,
  hardNegative,
  rate,
  baseRefusal,
});

/** Every honest persona the simulation uses, by kind. */
export const personas = {
  individual: p('individual', [[topic.everyday, 3], [topic.writing, 3], [topic.study, 1], [topic.translation, 1], [topic.coding, 0.5], [topic.personalSecurity, 0.5], [topic.data, 0.3]], 0.25),
  family: p('family-member', [[topic.everyday, 4], [topic.study, 2], [topic.writing, 2], [topic.personalSecurity, 0.5]], 0.2),
  employee: p('company-employee', [[topic.writing, 3], [topic.coding, 2], [topic.data, 2], [topic.marketing, 1.5], [topic.translation, 0.5]], 0.45),
  developer: p('developer', [[topic.coding, 8], [topic.data, 1], [topic.writing, 0.5]], 0.6),
  universityStudent: p('university-student', [[topic.study, 5], [topic.writing, 2], [topic.coding, 1.5], [topic.translation, 0.5]], 0.35),
  student: p('student', [[topic.study, 5], [topic.writing, 2], [topic.everyday, 1]], 0.3),
  vpnUser: p('vpn-user', [[topic.everyday, 3], [topic.writing, 2], [topic.coding, 1], [topic.personalSecurity, 0.5]], 0.25),
  mobileUser: p('mobile-user', [[topic.everyday, 4], [topic.writing, 2], [topic.translation, 1]], 0.2),
  marketer: p('marketer', [[topic.marketing, 5], [topic.writing, 3], [topic.translation, 0.5]], 0.5),
  translator: p('translator', [[topic.technicalTranslation, 5], [topic.translation, 3], [topic.writing, 1]], 0.6, true),
  redTeamer: p('red-teamer', [[topic.redTeam, 5], [topic.coding, 2], [topic.detection, 1]], 0.6, true, 0.08),
  detectionEngineer: p('detection-engineer', [[topic.detection, 6], [topic.coding, 2], [topic.threatIntel, 1]], 0.6, true, 0.05),
  ctfLearner: p('ctf-learner', [[topic.ctf, 6], [topic.coding, 2], [topic.study, 1]], 0.5, true, 0.08),
  threatIntelAnalyst: p('threat-intel-analyst', [[topic.threatIntel, 5], [topic.detection, 2], [topic.writing, 1]], 0.5, true, 0.03),
  journalist: p('journalist', [[topic.journalism, 5], [topic.writing, 3], [topic.threatIntel, 1]], 0.4, true, 0.03),
  policyResearcher: p('policy-researcher', [[topic.policyResearch, 5], [topic.writing, 3], [topic.translation, 1]], 0.4, true),
  aerospaceEngineer: p('aerospace-engineer', [[topic.aerospace, 5], [topic.coding, 3]], 0.45, true),
} as const satisfies Record<string, Persona>;

/** Honest kinds that are hard negatives by what they ask. */
export const contentHardNegativeKinds: readonly string[] = Object.values(personas)
  .filter((x) => x.hardNegative)
  .map((x) => x.kind);
