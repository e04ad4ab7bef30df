export { createWorld, SimulatedWorld, MIN_DAYS } from './world.js';
export { defaultWorldOptions, type WorldOptions, type AccountPlan, type NetworkPlan } from './model.js';
export { buildIntelBundle, stixPattern, TLP, type IntelBundle, type IndicatorFact, type PartnerActor } from './intel-bundle.js';
export { truthSchema, truthAccountSchema, TRUTH_FORMAT, type Truth, type TruthAccount, type TruthActor } from './truth.schema.js';
export { Rng, mixSeed, fmix32 } from './prng.js';
export { scoreAnalyzeReport, scoreLinkage, buildActorResolver, actorKey, type LinkageScore, type AnalyzeScore, type DetectionScore, type RateScore } from './score.js';
export { formatAnalyzeScore } from './format-score.js';
export { reportSchema, type AnalyzeReport } from './report.schema.js';
