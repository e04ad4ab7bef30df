export { openDatabase, withFieldCipher, type Database, type DatabaseOptions, type Dialect } from './database.js';
export {
  createFieldCipher,
  fieldCipherFromConfig,
  parseEncryptionKey,
  keyIdOf,
  sealedKeyId,
  sealedPrefix,
  cipherOf,
  sealRaw,
  openRaw,
  type FieldCipher,
} from './field-cipher.js';
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
  pageEventsOfAccount,
  type AccountEventsCursor,
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
  insertUser,
  findUserByEmail,
  findUserByOidcSubject,
  oidcSubjectOf,
  findUserById,
  listUsers,
  updateUser,
  insertSession,
  findLiveSession,
  deleteSession,
  deleteSessionsOfUser,
  deleteExpiredSessions,
  type User,
  type UserWithSecret,
  type Session,
  type UsersTables,
} from './repos/users.repo.js';
export { lastAuditRow, insertAuditRows, listAuditRowsAfter, lockAuditChain, auditDb, type AuditRow, type AuditLogTables } from './repos/audit-log.repo.js';
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
export {
  insertCase,
  updateCaseIfVersion,
  findCaseById,
  findCaseByKey,
  findCasesOfAccount,
  listCases,
  listDisposedCases,
  insertCaseNote,
  listCaseNotes,
  findEmailValuesLike,
  casesDb,
  type StoredCase,
  type StoredCaseNote,
  type CaseFilter,
  type CasesTables,
} from './repos/cases.repo.js';
export {
  insertAction,
  transitionAction,
  findActionById,
  findActionByIdempotencyKey,
  findOpenAction,
  listActions,
  listDueActions,
  listExpiredActions,
  type StoredAction,
  type ActionFilter,
  type ActionsTables,
} from './repos/actions.repo.js';
export {
  insertWebhookSubscription,
  listWebhookSubscriptions,
  findWebhookSubscription,
  disableWebhookSubscription,
  insertWebhookDeliveries,
  listDueDeliveries,
  listDeliveries,
  findDelivery,
  recordDeliveryAttempt,
  requeueDeadDelivery,
  upsertWebhookSource,
  findWebhookSourceSecret,
  rememberInboundKey,
  claimDelivery,
  type WebhookSubscription,
  type WebhookDelivery,
  type WebhooksTables,
} from './repos/webhooks.repo.js';
export { listEventsReceivedBefore, replaceEventRaws } from './repos/retention.repo.js';
export { listStoredRawsAfter, replaceStoredRaws, countRawsByKeyId, rawEventTables, type RawEventTable } from './repos/event-cipher.repo.js';
export { insertOidcLogin, consumeOidcLogin, type PendingOidcLogin, type OidcLoginsTables } from './repos/oidc-logins.repo.js';
