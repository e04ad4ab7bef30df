import type { Kysely } from 'kysely';
import { serialColumn } from './serial-column.js';

/**
 * Cases (one per network, or per lone account, keyed by `case_key`), their timeline (notes,
 * state changes, appeals) and enforcement actions. JSON columns are text on both dialects: they
 * hold snapshots that are read whole, never queried inside. `version` is the optimistic
 * concurrency token an update must name.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const serial = serialColumn(db);
  await serial(db.schema.createTable('cases'), 'seq')
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('case_key', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('assignee', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint')
    .addColumn('disposition', 'text')
    .addColumn('network_id', 'text')
    .addColumn('accounts', 'text', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('evidence_hash', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_state').on('cases').columns(['state', 'updated_at']).execute();
  await db.schema.createIndex('cases_network').on('cases').column('network_id').execute();

  await serial(db.schema.createTable('case_notes'), 'seq')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_notes_case').on('case_notes').columns(['case_id', 'seq']).execute();

  await serial(db.schema.createTable('enforcement_actions'), 'seq')
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('case_id', 'text')
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('policy', 'text')
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('execute_at', 'bigint')
    .addColumn('duration_ms', 'bigint')
    .addColumn('expires_at', 'bigint')
    .addColumn('executed_at', 'bigint')
    .addColumn('reversed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('enforcement_actions_target')
    .on('enforcement_actions')
    .columns(['target_type', 'target_id', 'kind', 'state'])
    .execute();
  await db.schema.createIndex('enforcement_actions_due').on('enforcement_actions').columns(['state', 'execute_at']).execute();
  await db.schema.createIndex('enforcement_actions_case').on('enforcement_actions').column('case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('enforcement_actions').execute();
  await db.schema.dropTable('case_notes').execute();
  await db.schema.dropTable('cases').execute();
}
