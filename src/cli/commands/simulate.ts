import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Command } from 'commander';
import { createWorld, defaultWorldOptions, MIN_DAYS, type SimulatedWorld } from '../../sim/index.js';
import { UsageError } from '../cli-error.js';

interface SimulateOptions {
  seed: string;
  accounts: string;
  days: string;
  start: string;
  out: string;
  gzip?: boolean;
  quiet?: boolean;
}

function integer(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

/** Event lines in chunks of bounded size, so a million-account day never becomes one string. */
function* eventText(world: SimulatedWorld, progress: (events: number) => void): Generator<string> {
  for (const lines of world.eventLines()) {
    for (let i = 0; i < lines.length; i += 2000) yield lines.slice(i, i + 2000).join('\n') + '\n';
    progress(world.eventsWritten);
  }
}

async function writeStream(path: string, source: Iterable<string>, gzip: boolean): Promise<void> {
  const sink: Writable = createWriteStream(path);
  if (gzip) await pipeline(Readable.from(source), createGzip(), sink);
  else await pipeline(Readable.from(source), sink);
}

/** `warden simulate`: writes events.ndjson[.gz], intel.json and truth.json for one seeded world. */
export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('Generate a simulated world with ground truth: honest users, actor networks, a partner intel bundle')
    .option('--seed <n>', 'seed; the same seed gives byte-identical files', String(defaultWorldOptions.seed))
    .option('--accounts <n>', 'number of accounts (approximate: groups are not split)', String(defaultWorldOptions.accounts))
    .option('--days <n>', 'length of the simulated period in days', String(defaultWorldOptions.days))
    .option('--start <date>', 'first simulated day, YYYY-MM-DD (UTC)', defaultWorldOptions.start)
    .requiredOption('--out <dir>', 'folder for events.ndjson, intel.json and truth.json (created if missing)')
    .option('--gzip', 'write events.ndjson.gz instead of events.ndjson')
    .option('--quiet', 'no progress on stderr')
    .addHelpText('after', '\nScore a report against the truth with: warden eval analyze REPORT.json --truth DIR/truth.json')
    .action(async (opts: SimulateOptions) => {
      const seed = integer('seed', opts.seed, 0, 2 ** 32 - 1);
      const accounts = integer('accounts', opts.accounts, 50, 20_000_000);
      const days = integer('days', opts.days, MIN_DAYS, 366);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.start) || Number.isNaN(Date.parse(`${opts.start}T00:00:00Z`))) {
        throw new UsageError(`--start must be a date YYYY-MM-DD (got "${opts.start}")`);
      }
      const started = performance.now();
      await mkdir(opts.out, { recursive: true });
      const world = createWorld({ seed, accounts, days, start: opts.start });
      const eventsFile = join(opts.out, opts.gzip ? 'events.ndjson.gz' : 'events.ndjson');
      const progress = (events: number) => {
        if (!opts.quiet) process.stderr.write(`\rwarden simulate: ${events.toLocaleString('en-US')} events`);
      };
      await writeStream(eventsFile, eventText(world, progress), opts.gzip === true);
      if (!opts.quiet) process.stderr.write('\n');
      await writeFile(join(opts.out, 'intel.json'), JSON.stringify(world.intel.bundle, null, 1) + '\n');
      await writeStream(join(opts.out, 'truth.json'), world.truthChunks(), false);
      const malicious = world.plans.filter((p) => p.label === 'malicious').length;
      const summary = {
        seed,
        accounts: world.plans.length,
        malicious,
        networks: world.networks.length,
        indicators: world.intel.indicators.length,
        events: world.eventsWritten,
        files: { events: eventsFile, intel: join(opts.out, 'intel.json'), truth: join(opts.out, 'truth.json') },
        seconds: Math.round((performance.now() - started) / 100) / 10,
      };
      process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    });
}
