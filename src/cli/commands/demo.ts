import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Command } from 'commander';
import { hashPassword } from '../../api/index.js';
import { readLines } from '../../events/index.js';
import { ingestLines } from '../../ingest/index.js';
import type { Runtime } from '../../server/index.js';
import { createWorld } from '../../sim/index.js';
import { createApiKey, findUserByEmail, insertUser, updateUser } from '../../store/index.js';
import { dataPath } from '../../util/package-root.js';
import { UsageError } from '../cli-error.js';
import { startServer, type ServeOptions } from './serve.js';

interface DemoOptions extends ServeOptions {
  accounts: string;
  days: string;
  seed: string;
  world: boolean;
}

/** The two console logins of the tour; passwords are new on every start and printed once. */
const demoUsers = [
  { email: 'analyst@demo.warden', role: 'analyst' },
  { email: 'lead@demo.warden', role: 'lead' },
] as const;

function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max} (got "${value}")`);
  return n;
}

/** Sets (or resets) a demo user's password, so a second `warden demo` on the same data works. */
async function demoLogin(runtime: Runtime, email: string, role: string): Promise<string> {
  const password = randomBytes(9).toString('base64url');
  const passwordHash = await hashPassword(password);
  const existing = await findUserByEmail(runtime.database.db, email);
  if (existing) await updateUser(runtime.database.db, existing.id, { passwordHash, role, disabledAt: null });
  else await insertUser(runtime.database.db, { email, name: role, role, passwordHash }, Date.now());
  return password;
}

/**
 * The simulated world through the same doors production data uses: its partner intel as a
 * STIX bundle and its events over the API, so the live pipeline sees them; then the cases
 * scheduler runs once, so detections are waiting as cases when the console opens.
 */
async function loadWorld(runtime: Runtime, key: string, opts: { seed: number; accounts: number; days: number }): Promise<{ events: number; cases: number }> {
  const world = createWorld({ seed: opts.seed, accounts: opts.accounts, days: opts.days });
  const headers = { authorization: `Bearer ${key}` };
  const intel = await runtime.app.inject({ method: 'POST', url: '/api/v1/intel/bundles?collection=demo-partner', headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(world.intel.bundle) });
  if (intel.statusCode !== 200) runtime.logger.warn({ status: intel.statusCode }, 'demo: the partner intel bundle was not stored');
  let events = 0;
  for (const chunk of world.eventLines(20_000)) {
    const res = await runtime.app.inject({ method: 'POST', url: '/api/v1/events', headers: { ...headers, 'content-type': 'application/x-ndjson' }, payload: chunk.join('\n') });
    if (res.statusCode !== 200) throw new Error(`demo: ingesting the simulated world failed with ${res.statusCode}: ${res.body.slice(0, 300)}`);
    events += chunk.length;
  }
  const synced = await runtime.app.inject({ method: 'POST', url: '/api/v1/cases/sync', headers });
  const opened = synced.statusCode === 200 ? synced.json<{ opened: string[]; updated: string[] }>() : { opened: [], updated: [] };
  return { events, cases: opened.opened.length + opened.updated.length };
}

/**
 * `warden demo`: the tour. The embedded server with a built-in sample and an API key, then a
 * simulated world (its partner intel and events) run through the pipeline into cases, two
 * console logins (analyst and lead), and the console at the printed URL.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('The tour: Warden on the embedded default with a simulated world, cases, and the console with demo logins')
    .option('--port <port>', 'listen port (default 7420)')
    .option('--host <host>', 'listen address (default 127.0.0.1)')
    .option('--accounts <n>', 'accounts in the simulated world', '1500')
    .option('--days <n>', 'days the simulated world covers', '14')
    .option('--seed <n>', 'seed of the simulated world', '7')
    .option('--no-world', 'only the built-in sample, no simulated world')
    .action(async (opts: DemoOptions) => {
      const accounts = wholeNumber('accounts', opts.accounts, 50, 200_000);
      const days = wholeNumber('days', opts.days, 7, 365);
      const seed = wholeNumber('seed', opts.seed, 0, 2 ** 31 - 1);
      const { runtime, url } = await startServer(opts);
      const sample = dataPath('sample', 'events.ndjson');
      const counts = await ingestLines(
        { database: runtime.database, now: Date.now },
        readLines(createReadStream(sample), { maxLineBytes: runtime.config.ingest.maxLineBytes }),
        { commitEvery: runtime.config.ingest.commitEvery },
      );
      const { secret } = await createApiKey(runtime.database.db, 'demo', 'admin', Date.now());
      process.stdout.write(
        [
          `warden demo: listening on ${url}`,
          `  database   ${runtime.database.location}`,
          `  sample     ${counts.accepted} new events loaded (${counts.duplicate} already there) from data/sample/events.ndjson`,
          `  api key    ${secret}`,
          '',
        ].join('\n'),
      );
      if (opts.world) {
        process.stdout.write(`  world      simulating ${accounts} accounts over ${days} days (seed ${seed}) and running the pipeline…\n`);
        const w = await loadWorld(runtime, secret, { seed, accounts, days });
        process.stdout.write(`  world      ${w.events} events analysed; ${w.cases} cases opened from detections\n`);
      }
      const logins: string[] = [];
      for (const u of demoUsers) logins.push(`  login      ${u.email}  ${await demoLogin(runtime, u.email, u.role)}   (${u.role})`);
      process.stdout.write(
        [
          '',
          `  console    ${url}/   — sign in with a demo login:`,
          ...logins,
          '',
          '  try:',
          `    curl -s ${url}/readyz`,
          `    curl -s -H 'authorization: Bearer ${secret}' ${url}/api/v1/cases`,
          `    curl -s ${url}/metrics | grep warden_events`,
          '',
          '  Ctrl-C stops the server; data stays under .warden/ (WARDEN_DATA_DIR moves it).',
          '',
        ].join('\n'),
      );
    });
}
