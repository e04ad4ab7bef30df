export {
  createActorCatalogue,
  loadActorCatalogue,
  resolveActorName,
  listAmbiguousNames,
  type ActorCatalogue,
  type ActorResolution,
} from './catalogue.js';
export { namingFamilyOf, listNamingFamilies, type NamingFamily } from './naming.js';
export { normaliseActorName } from './normalise.js';
export type { CatalogueActor, ActorMotivation } from './catalogue.schema.js';
