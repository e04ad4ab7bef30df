export { buildApp } from './app.js';
export type { AppDeps } from './deps.js';
export { ingestResponseSchema, errorResponseSchema, type IngestResponse } from './routes/events.schema.js';
export { hashPassword, verifyPassword, minPasswordLength, maxPasswordLength } from './password.js';
