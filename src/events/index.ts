export { eventSchema, eventKinds, roles, enforcementActions, type WardenEvent, type EventKind } from './event.schema.js';
export { parseEvent, formatIssues, type EventIssue, type EventParseResult } from './parse-event.js';
export { isValidTimestamp, timestampMs } from './timestamp.js';
export { isIp, ipAndPrefix } from './ip.js';
export { extractEntities, normaliseEmail, normalisePhone, entityTypes, type EntityRef, type EntityType } from './entities.js';
export { canonicalJson, contentHash } from './canonical.js';
export { readLines, type RawLine, type LineReaderOptions } from './ndjson.js';
export { decodeLine, decodeValue, parseJsonSafely, MAX_DEPTH, type DecodedEvent, type Rejection, type DecodeResult } from './decode.js';
export { requestText } from './request-text.js';
