import { stat } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { readLines } from '../../events/index.js';
import { ingestLines, openInput, type IngestCounts } from '../../ingest/index.js';
import { UsageError } from '../cli-error.js';
import { cliConfig, openCliDatabase, type DbOptions } from '../context.js';

interface IngestOptions extends DbOptions {
  quiet?: boolean;
  json?: boolean;
}

async function* counting(source: AsyncIterable<Buffer>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/**
 * `warden ingest FILE|-`: streams NDJSON (gzip too) into the store in durable batches. Rejected
 * lines go to stderr as `FILE:LINE: reason` and do not change the exit code (batch contract).
 */
export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('Load events from NDJSON files (.gz accepted, - for standard input) into the store')
    .argument('<files...>', 'NDJSON files of events in the Warden event format')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .option('--json', 'print the summary as JSON on stdout')
    .option('-q, --quiet', 'no progress bar')
    .action(async (files: string[], opts: IngestOptions) => {
      const config = cliConfig();
      const inputs: { name: string; source: AsyncIterable<Buffer>; size?: number }[] = [];
      for (const name of files) {
        try {
          const source = await openInput(name);
          const size = name === '-' ? undefined : (await stat(name)).size;
          inputs.push(size === undefined ? { name, source } : { name, source, size });
        } catch (err) {
          throw new UsageError(`cannot read ${name}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}; check the path`);
        }
      }
      const database = await openCliDatabase(opts);
      const total: IngestCounts = { read: 0, accepted: 0, duplicate: 0, conflict: 0, rejected: 0 };
      const showBar = !opts.quiet && !opts.json && process.stderr.isTTY;
      try {
        for (const input of inputs) {
          const label = input.name === '-' ? '<stdin>' : input.name;
          const bar = showBar
            ? new cliProgress.SingleBar(
                { format: `${label} [{bar}] {percentage}% | {accepted} accepted, {rejected} rejected | {eta_formatted} left`, stream: process.stderr },
                cliProgress.Presets.shades_classic,
              )
            : undefined;
          let bytes = 0;
          bar?.start(input.size ?? 1, 0, { accepted: 0, rejected: 0 });
          const counts = await ingestLines(
            { database, now: Date.now },
            readLines(counting(input.source, (n) => (bytes += n)), { maxLineBytes: config.ingest.maxLineBytes }),
            {
              commitEvery: config.ingest.commitEvery,
              onRejected: (r) => {
                bar?.stop();
                process.stderr.write(`${label}:${r.position}: ${r.id ? `event ${r.id}: ` : ''}${r.reason}\n`);
              },
              onConflict: (c) => process.stderr.write(`${label}:${c.position}: event ${c.id}: conflict: this id was stored before with other content; the first version is kept\n`),
              onProgress: (c) => bar?.update(input.size === undefined ? 0 : bytes, { accepted: c.accepted, rejected: c.rejected }),
            },
          );
          bar?.update(input.size ?? 1);
          bar?.stop();
          for (const k of Object.keys(total) as (keyof IngestCounts)[]) total[k] += counts[k];
        }
      } finally {
        await database.close();
      }
      if (opts.json) console.log(JSON.stringify(total));
      else {
        console.log(
          `read ${total.read}: ${total.accepted} accepted, ${total.duplicate} duplicate, ${total.conflict} conflict, ${total.rejected} rejected (into ${database.location})`,
        );
      }
    });
}
