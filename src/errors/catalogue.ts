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
  INTEL_CATALOGUE_INVALID: { status: 500, description: 'The actor catalogue file is unreadable or breaks its schema; details name the entry and field.' },
  STIX_BUNDLE_INVALID: { status: 400, description: 'A STIX bundle is not JSON, too large, or not a bundle; nothing from it was applied.' },
  STIX_VALIDATION_FAILED: { status: 400, description: 'A STIX object broke the OASIS schema or a STIX 2.1 rule; details name the object id, field and rule.' },
  STIX_SCHEMAS_MISSING: { status: 500, description: 'The OASIS STIX 2.1 JSON schema folder is missing; set its path (see docs/intel.md).' },
  INDICATOR_PATTERN_INVALID: { status: 400, description: 'A STIX pattern does not parse; details give the position and what was expected.' },
  TAXII_NOT_FOUND: { status: 404, description: 'TAXII 2.1: no such API root, collection, object or status.' },
  TAXII_UNAUTHORIZED: { status: 401, description: 'TAXII 2.1: no or unknown credentials (HTTP Basic or bearer).' },
  TAXII_FORBIDDEN: { status: 403, description: 'TAXII 2.1: the partner may not read or write this collection.' },
  TAXII_NOT_ACCEPTABLE: { status: 406, description: 'TAXII 2.1: the Accept header does not allow application/taxii+json;version=2.1.' },
  TAXII_UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'TAXII 2.1: the Content-Type is not application/taxii+json;version=2.1.' },
  TAXII_BAD_REQUEST: { status: 400, description: 'TAXII 2.1: a malformed parameter such as added_after, limit or next.' },
  TAXII_UPSTREAM_FAILED: { status: 502, description: 'TAXII 2.1 client: a partner server failed or answered outside the specification.' },
  INTERNAL: { status: 500, description: 'An unexpected failure; the log holds the cause under the request id.' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof errorCatalogue;
