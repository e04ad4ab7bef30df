import { createReadStream } from 'node:fs';
import type { Command } from 'commander';
import { readLines } from '../../events/index.js';
import { ingestLines } from '../../ingest/index.js';
import { createApiKey } from '../../store/index.js';
import { dataPath } from '../../util/package-root.js';
import { startServer, type ServeOptions } from './serve.js';

/**
 * `warden demo`: the embedded server with a built-in sample loaded, so a newcomer has something
 * to look at and a key to try the API with.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Start Warden on the embedded default with a small built-in sample of events')
    .option('--port <port>', 'listen port (default 7420)')
    .option('--host <host>', 'listen address (default 127.0.0.1)')
    .action(async (opts: ServeOptions) => {
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
          '  try:',
          `    curl -s ${url}/readyz`,
          `    curl -s -H 'authorization: Bearer ${secret}' -H 'content-type: application/x-ndjson' \\`,
          `         --data-binary @data/sample/events.ndjson ${url}/api/v1/events`,
          `    curl -s ${url}/metrics | grep warden_events`,
          '',
          '  Ctrl-C stops the server; data stays under .warden/ (WARDEN_DATA_DIR moves it).',
          '',
        ].join('\n'),
      );
    });
}
