export type { AuditRecordInput, AuditSink } from './audit-sink.js';
