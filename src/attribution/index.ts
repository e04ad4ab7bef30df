export {
  attributeNetworks,
  stixIdFor,
  type ActorCandidate,
  type NetworkFacts,
  type NetworkIntelHit,
  type Attribution,
  type AttributionEvidence,
  type AttributionOptions,
  type ActorHypothesis,
  type ConfidenceLevel,
} from './attribute.js';
export { loadActorProfiles, parseActorProfiles } from './profiles.js';
export { actorProfileSchema, type ActorProfileData } from './profiles.schema.js';
export { inferUtcOffset, timezoneFit, languageFit, ttpFit, topicFit } from './fit.js';
export { buildCandidates } from './candidates.js';
