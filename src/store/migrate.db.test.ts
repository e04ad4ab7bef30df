import { expect, it } from 'vitest';
import { describeEachDialect } from './testing.js';
import { migrateDown, migrateUp, migrationStatus } from './migrate.js';
import { migrations } from './migrations/index.js';

describeEachDialect('migrations', (getDb) => {
  it('reports status, goes down and up again', async () => {
    const { db } = getDb();
    const names = Object.keys(migrations);
    let status = await migrationStatus(db);
    expect(status.map((s) => s.name)).toEqual(names);
    expect(status.every((s) => s.executedAt !== null)).toBe(true);

    for (let i = names.length - 1; i >= 0; i--) {
      const down = await migrateDown(db);
      expect(down.ok).toBe(true);
      expect(down.results).toEqual([{ name: names[i], direction: 'Down', status: 'Success' }]);
    }
    status = await migrationStatus(db);
    expect(status.every((s) => s.executedAt === null)).toBe(true);

    const up = await migrateUp(db);
    expect(up.ok).toBe(true);
    expect(up.results.map((r) => r.name)).toEqual(names);
    const again = await migrateUp(db);
    expect(again).toEqual({ ok: true, results: [] });
  });
});
