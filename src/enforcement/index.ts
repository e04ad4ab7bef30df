/**
 * Enforcement state shared by cases (which write it) and the gateway (which enforces it): block
 * entries, the in-memory blocklist every replica holds, and the bus that carries changes.
 * Pure apart from the in-process bus; the store and Redis live in the shell.
 */
export {
  blockKinds,
  blockEffects,
  blockEntrySchema,
  type BlockKind,
  type BlockEffect,
  type BlockEntry,
  type BlocklistChange,
} from './block-entry.schema.js';
export {
  Blocklist,
  isEntryActive,
  normaliseBlockValue,
  strongestEffect,
  type BlockHit,
  type BlockProbe,
} from './blocklist.js';
export { LocalEnforcementBus, type EnforcementBus } from './bus.js';
