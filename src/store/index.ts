export { openDatabase, type Database, type DatabaseOptions, type Dialect } from './database.js';
export type { DB } from './schema.js';
export { dialectOf } from './dialect-of.js';
export { migrateUp, migrateDown, migrationStatus, type MigrationReport } from './migrate.js';
export { insertEventBatch, type BatchOutcome } from './repos/events.repo.js';
export {
  countEvents,
  countConflicts,
  findEventById,
  listEventsAfter,
  listEventsOfAccount,
  type StoredEvent,
} from './repos/events-read.repo.js';
export { findEntity, findAccountsByEntity, findEntitiesOfAccount, type Entity, type EntityAccount } from './repos/entities.repo.js';
export { createApiKey, findApiKeyBySecret, listApiKeys, revokeApiKey, hashApiKey, type ApiKey } from './repos/api-keys.repo.js';
export {
  insertBlockEntries,
  revokeBlockEntries,
  listActiveBlockEntries,
  listBlockEntriesChangedAfter,
  listBlockEntriesBySource,
  type StoredBlockEntry,
  type BlockEntriesTable,
} from './repos/block-entries.repo.js';
export {
  createGatewayKey,
  listGatewayKeys,
  listLiveGatewayKeys,
  gatewayKeysVersion,
  revokeGatewayKey,
  type GatewayKey,
  type GatewayKeyWithHash,
  type GatewayKeysTable,
} from './repos/gateway-keys.repo.js';
