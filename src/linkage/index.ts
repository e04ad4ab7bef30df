export {
  LinkageGraph,
  defaultLinkageOptions,
  type LinkageOptions,
  type LinkageStats,
  type EdgeView,
  type WarninglistCheck,
} from './graph.js';
export { linkKinds, defaultKindPolicies, specificity, type LinkKind, type KindPolicy } from './kinds.js';
export { detectCommunities, defaultCommunityOptions, type CommunityOptions } from './communities.js';
export { stableNetworkId } from './network-id.js';
export { localPartStem, domainSkeleton } from './email-pattern.js';
export { simhash64, hamming64, normalisePrompt } from './simhash.js';
export { Interner, Column } from './interner.js';
export { linkValuesOf, forEachLinkValue, type LinkValue } from './values.js';
