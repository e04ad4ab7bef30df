import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { exportAuditLog, verifyAuditChain } from '../../audit/index.js';
import { UsageError } from '../cli-error.js';
import { openCliDatabase, type DbOptions } from '../context.js';
import { EXIT_FAILED } from '../exit-codes.js';

function parseSince(since: string | undefined): number | undefined {
  if (since === undefined) return undefined;
  const ms = Date.parse(since);
  if (!/^\d{4}-\d{2}-\d{2}/.test(since) || Number.isNaN(ms)) throw new UsageError(`--since must be an ISO 8601 date or time, e.g. 2026-11-01 or 2026-11-01T00:00:00Z (got "${since}")`);
  return ms;
}

/** `warden audit verify|export`: check the hash chain, write the log as NDJSON. */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('The append-only, hash-chained audit log');

  audit
    .command('verify')
    .description('walk the whole chain; exit 1 naming the first bad entry if anything was edited, removed, inserted or reordered')
    .option('--head <seq:hash>', 'a head recorded earlier (printed by a previous verify), to also catch a cut-off tail')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (opts: DbOptions & { head?: string }) => {
      let expectHead: { seq: number; hash: string } | undefined;
      if (opts.head !== undefined) {
        const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(opts.head);
        if (!m) throw new UsageError('--head must be SEQ:HASH as printed by `warden audit verify` (e.g. 1042:9f86d0…)');
        expectHead = { seq: Number(m[1]), hash: m[2]! };
      }
      const database = await openCliDatabase(opts);
      try {
        const report = await verifyAuditChain(database, expectHead ? { expectHead } : {});
        if (report.ok) {
          console.log(`audit log intact: ${report.entries} entries; head ${report.headSeq}:${report.headHash}`);
        } else {
          const b = report.firstBreak!;
          console.error(`audit log TAMPERED at entry ${b.seq} (${b.problem}): ${b.message}`);
          console.error(`${report.entries} entries before it verified; last good head ${report.headSeq}:${report.headHash}`);
          process.exitCode = EXIT_FAILED;
        }
      } finally {
        await database.close();
      }
    });

  audit
    .command('export')
    .description('write the log as NDJSON (one entry per line, with its hashes), to stdout or --out')
    .option('--since <time>', 'only entries at or after this ISO 8601 time')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (opts: DbOptions & { since?: string; out?: string }) => {
      const sinceAt = parseSince(opts.since);
      const database = await openCliDatabase(opts);
      const out = opts.out ? createWriteStream(opts.out) : process.stdout;
      try {
        let n = 0;
        for await (const line of exportAuditLog(database, sinceAt !== undefined ? { sinceAt } : {})) {
          if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
          n++;
        }
        if (opts.out) {
          (out as ReturnType<typeof createWriteStream>).end();
          await once(out, 'finish');
          console.error(`wrote ${n} entries to ${opts.out}`);
        }
      } finally {
        await database.close();
      }
    });
}
