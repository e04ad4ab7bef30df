import type { Migration } from 'kysely';
import * as createEvents from './202611221130_create_events.js';
import * as createIntel from './202611221210_create_intel.js';
import * as createBlockEntries from './202611221400_create_block_entries.js';
import * as createGatewayKeys from './202611221410_create_gateway_keys.js';
import * as createCases from './202611221420_create_cases.js';
import * as createWebhooks from './202611221425_create_webhooks.js';
import * as createUsers from './202611221430_create_users.js';
import * as createAuditLog from './202611221435_create_audit_log.js';
import * as createOidcLogins from './202611221700_create_oidc_logins.js';

/**
 * Every migration, by name; names sort in the order they apply. Add a line per new file: the
 * list is explicit so a bundler or a missing glob can never skip one.
 */
export const migrations: Record<string, Migration> = {
  '202611221130_create_events': createEvents,
  '202611221210_create_intel': createIntel,
  '202611221400_create_block_entries': createBlockEntries,
  '202611221410_create_gateway_keys': createGatewayKeys,
  '202611221420_create_cases': createCases,
  '202611221425_create_webhooks': createWebhooks,
  '202611221430_create_users': createUsers,
  '202611221435_create_audit_log': createAuditLog,
  '202611221700_create_oidc_logins': createOidcLogins,
};
