export type { AuditRecordInput, AuditSink } from './audit-sink.js';
export { AuditLog, verifyAuditChain, exportAuditLog, toExportLine, type VerifyReport, type AuditExportLine } from './audit-log.js';
export { entryHash, entryFields, genesisHash, ChainVerifier, type ChainBreak, type AuditEntryFields } from './chain.js';
