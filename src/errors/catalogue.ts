/**
 * The closed set of error codes Warden returns. Each code has one HTTP status and a short
 * description; `docs/errors.md` is generated from this table (`npm run docs:errors`) and a test
 * keeps the two in step.
 */
export const errorCatalogue = {
  BAD_REQUEST: { status: 400, description: 'The request is malformed; the message says which part.' },
  VALIDATION_FAILED: { status: 400, description: 'A field broke its schema; `details.issues` lists each path and rule.' },
  UNAUTHENTICATED: { status: 401, description: 'No credentials, or credentials Warden does not know.' },
  FORBIDDEN: { status: 403, description: 'The caller is known but lacks the permission this route needs.' },
  NOT_FOUND: { status: 404, description: 'No such resource.' },
  NOT_ACCEPTABLE: { status: 406, description: 'The `Accept` header names no media type this route can produce.' },
  CONFLICT: { status: 409, description: 'The resource changed since it was read, or already exists.' },
  PAYLOAD_TOO_LARGE: { status: 413, description: 'A body, a decompressed body, a line or a batch is over its configured limit.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'The `Content-Type` or `Content-Encoding` is not one this route reads.' },
  RATE_LIMITED: { status: 429, description: 'Too many requests; retry after the delay given.' },
  INPUT_UNREADABLE: { status: 400, description: 'An input file or stream could not be read (missing, unreadable, corrupt gzip).' },
  CONFIG_INVALID: { status: 500, description: 'Configuration failed validation; every issue is listed with its variable.' },
  DATABASE_UNAVAILABLE: { status: 503, description: 'The database could not be reached or is not migrated.' },
  MIGRATION_FAILED: { status: 500, description: 'A migration failed; the report names it and the database is left at the last good one.' },
  INTERNAL: { status: 500, description: 'An unexpected failure; the log holds the cause under the request id.' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof errorCatalogue;
