import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import {
  checkBundleSize,
  DEFAULT_MAX_BUNDLE_BYTES,
  exportBundle,
  formatIssue,
  importBundleText,
  IntelState,
  loadActorCatalogue,
  loadStixSchemas,
  resolveActorName,
  type ExportNetwork,
  type ImportSummary,
  type StixSchemaSet,
  type TlpLevel,
} from '../../intel/index.js';
import { addIntelFeed, findIntelFeed, listIntelFeeds } from '../../store/repos/intel-feeds.repo.js';
import { intelDb } from '../../store/repos/intel-tables.js';
import { storeBundle } from '../../intel-service/index.js';
import { syncDueFeeds, syncFeed } from '../../taxii/index.js';
import { UsageError } from '../cli-error.js';
import { openCliDatabase, type DbOptions } from '../context.js';

interface SchemaOptions {
  stixSchemas?: string;
}

function schemasFrom(opts: SchemaOptions): StixSchemaSet {
  return opts.stixSchemas ? loadStixSchemas(opts.stixSchemas) : loadStixSchemas();
}

function readBundle(file: string, maxBytes: number): Buffer {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`${file}: no such file; give the path of a STIX 2.1 bundle`);
  }
  const tooBig = checkBundleSize(size, maxBytes);
  if (tooBig && !tooBig.ok) throw new UsageError(`${file}: ${tooBig.issues[0]?.rule}`);
  return readFileSync(file);
}

function describeSummary(file: string, s: ImportSummary): string {
  const unsupported = Object.entries(s.patterns.unsupported)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return (
    `${file}: ${s.objects} objects (${s.added} new, ${s.updated} updated, ${s.unchanged} unchanged, ${s.olderIgnored} older ignored, ` +
    `${s.revoked} revoked); indicators: ${s.patterns.event} evaluated per event, ${s.patterns.history} over history` +
    `${unsupported ? `, unsupported: ${unsupported}` : ''}${s.warnings.length ? `; ${s.warnings.length} warnings` : ''}`
  );
}

/** `warden intel …`: import, export, check patterns, look up actors, manage partner feeds. */
export function registerIntel(program: Command): void {
  const intel = program
    .command('intel')
    .description('Threat intelligence: STIX 2.1 bundles, actors, partner TAXII feeds');

  intel
    .command('import <files...>')
    .description('validate STIX 2.1 bundles (all-or-nothing per file) and store them in a collection')
    .option('--collection <id>', 'Warden TAXII collection to store into', 'warden')
    .option(
      '--stix-schemas <dir>',
      'folder of the OASIS STIX 2.1 JSON schemas (default ../shared/data/stix2.1-json-schemas)',
    )
    .option('--max-bundle-bytes <n>', 'refuse bundles larger than this', String(DEFAULT_MAX_BUNDLE_BYTES))
    .option('--strict', 'treat rules feeds commonly break (modified < created) as errors')
    .option('--dry-run', 'validate and report only; store nothing')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(
      async (
        files: string[],
        opts: DbOptions &
          SchemaOptions & { collection: string; maxBundleBytes: string; strict?: boolean; dryRun?: boolean },
      ) => {
        const schemas = schemasFrom(opts);
        const maxBytes = Number(opts.maxBundleBytes);
        let failed = 0;
        const database = opts.dryRun ? undefined : await openCliDatabase(opts);
        try {
          for (const file of files) {
            const text = readBundle(file, maxBytes);
            const source = `file:${basename(file)}`;
            const now = Date.now();
            const options = { schemas, collection: opts.collection, source, now, maxBytes, strict: opts.strict ?? false };
            const { result: r, stored } = database
              ? await storeBundle(database.db, text, options)
              : { result: importBundleText(new IntelState(), text, { ...options, provenance: { source, receivedAt: new Date(now).toISOString() } }), stored: 0 };
            if (!r.ok) {
              failed++;
              process.stderr.write(`${file}: rejected, ${r.issueCount} issue(s); nothing from it was applied\n`);
              for (const i of r.issues) process.stderr.write(`  ${formatIssue(i)}\n`);
              continue;
            }
            console.log(describeSummary(file, r.summary));
            for (const w of r.summary.warnings) process.stderr.write(`  warning: ${formatIssue(w)}\n`);
            if (database) console.log(`${file}: stored ${stored} new object versions in collection "${opts.collection}" (${database.location})`);
          }
        } finally {
          await database?.close();
        }
        if (failed > 0)
          throw new UsageError(
            `${failed} of ${files.length} bundle(s) rejected; fix the issues listed above`,
          );
      },
    );

  intel
    .command('patterns <files...>')
    .description('count how many indicator patterns Warden evaluates and why the others are unsupported')
    .option('--stix-schemas <dir>', 'folder of the OASIS STIX 2.1 JSON schemas')
    .action((files: string[], opts: SchemaOptions) => {
      const schemas = schemasFrom(opts);
      for (const file of files) {
        const r = importBundleText(new IntelState(), readBundle(file, DEFAULT_MAX_BUNDLE_BYTES), {
          schemas,
          provenance: { source: file, receivedAt: new Date().toISOString() },
        });
        if (!r.ok) {
          console.log(
            `${file}: rejected (${r.issueCount} issues), first: ${r.issues[0] ? formatIssue(r.issues[0]) : ''}`,
          );
          continue;
        }
        console.log(describeSummary(file, r.summary));
        for (const u of r.summary.patterns.unsupportedIndicators)
          console.log(`  ${u.id}: ${u.reason}: ${u.detail}`);
      }
    });

  intel
    .command('actor <name>')
    .description("resolve an actor name from any vendor (STRONTIUM, APT28, G0007, 'Lilac Typhoon')")
    .action((name: string) => {
      const r = resolveActorName(loadActorCatalogue(), name);
      if (r.kind === 'match') console.log(JSON.stringify({ ...r.actor, family: r.family }, null, 2));
      else if (r.kind === 'ambiguous')
        console.log(`ambiguous: ${r.candidates.map((c) => c.name).join(', ')}`);
      else
        console.log(
          r.family
            ? `unknown actor; the name reads as ${r.family.description} (${r.family.kind})`
            : 'unknown actor',
        );
    });

  intel
    .command('export')
    .description(
      "export Warden's knowledge as a STIX 2.1 bundle: the actor catalogue, and networks from a `warden analyze` report",
    )
    .option(
      '--report <file>',
      'a `warden analyze` report whose networks to export as groupings and campaigns',
    )
    .option('--marking <tlp>', 'TLP level on every object: clear, green, amber, amber+strict, red', 'amber')
    .option('--tlp-version <n>', 'TLP marking definitions of version 1 or 2', '2')
    .option('--out <file>', 'write here instead of standard output')
    .action((opts: { report?: string; marking: string; tlpVersion: string; out?: string }) => {
      const levels = ['clear', 'green', 'amber', 'amber+strict', 'red'];
      if (!levels.includes(opts.marking))
        throw new UsageError(`--marking must be one of ${levels.join(', ')}`);
      const catalogue = loadActorCatalogue();
      const networks: ExportNetwork[] = [];
      if (opts.report) {
        const report = JSON.parse(readFileSync(opts.report, 'utf8')) as {
          generated_at?: string;
          networks?: {
            id: string;
            accounts: string[];
            actor?: { name: string; confidence?: number } | null;
          }[];
        };
        const at = report.generated_at ?? new Date().toISOString();
        for (const n of report.networks ?? []) {
          const actor = n.actor ? resolveActorName(catalogue, n.actor.name) : null;
          networks.push({
            id: n.id,
            accounts: n.accounts,
            firstSeen: at,
            lastSeen: at,
            ...(actor?.kind === 'match' ? { actorId: actor.actor.id } : {}),
            ...(n.actor?.confidence !== undefined ? { confidence: n.actor.confidence * 100 } : {}),
          });
        }
      }
      const bundle = exportBundle({
        actors: catalogue.actors,
        networks,
        marking: opts.marking as TlpLevel,
        tlpVersion: opts.tlpVersion === '1' ? 1 : 2,
      });
      const text = `${JSON.stringify(bundle, null, 2)}\n`;
      if (opts.out) writeFileSync(opts.out, text);
      else process.stdout.write(text);
    });

  const feeds = intel.command('feeds').description('partner TAXII 2.1 collections Warden polls');
  feeds
    .command('add <name>')
    .description('add a partner collection to poll')
    .requiredOption(
      '--url <collection-url>',
      'the partner collection, e.g. https://partner/taxii2/root/collections/apt/',
    )
    .option('--user <user>', 'HTTP Basic user (else the key is sent as a bearer token)')
    .option('--key-file <file>', 'file holding the partner key (kept out of the process list)')
    .option('--collection <id>', 'Warden collection to store into', 'partners')
    .option('--every <seconds>', 'poll interval', '3600')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(
      async (
        name: string,
        opts: DbOptions & { url: string; user?: string; keyFile?: string; collection: string; every: string },
      ) => {
        if (!/^https?:\/\//.test(opts.url))
          throw new UsageError('--url must be an http(s) URL of a TAXII collection');
        const secret = opts.keyFile ? readFileSync(opts.keyFile, 'utf8').trim() : null;
        const database = await openCliDatabase(opts);
        try {
          const db = intelDb(database.db);
          if (await findIntelFeed(db, name)) throw new UsageError(`a feed named "${name}" exists already`);
          const f = await addIntelFeed(db, {
            name,
            collectionUrl: opts.url,
            username: opts.user ?? null,
            secret,
            targetCollection: opts.collection,
            intervalSeconds: Number(opts.every),
          });
          console.log(
            `added feed ${f.name} → collection "${f.targetCollection}", every ${f.intervalSeconds}s`,
          );
        } finally {
          await database.close();
        }
      },
    );
  feeds
    .command('list')
    .description('list feeds with their cursor and last result')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (opts: DbOptions) => {
      const database = await openCliDatabase(opts);
      try {
        for (const f of await listIntelFeeds(intelDb(database.db))) {
          const last = f.lastSyncAt ? new Date(f.lastSyncAt).toISOString() : 'never';
          console.log(
            `${f.name}  ${f.collectionUrl}  → ${f.targetCollection}  every ${f.intervalSeconds}s  last ${last}  after ${f.addedAfter ?? '-'}${f.lastError ? `  error: ${f.lastError}` : ''}`,
          );
        }
      } finally {
        await database.close();
      }
    });
  feeds
    .command('sync [name]')
    .description('poll one feed now, or every feed')
    .option('--stix-schemas <dir>', 'folder of the OASIS STIX 2.1 JSON schemas')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (name: string | undefined, opts: DbOptions & SchemaOptions) => {
      const database = await openCliDatabase(opts);
      try {
        const deps = { db: database.db, schemas: schemasFrom(opts), now: Date.now };
        let results;
        if (name) {
          const feed = await findIntelFeed(intelDb(database.db), name);
          if (!feed) throw new UsageError(`no feed named "${name}" (see \`warden intel feeds list\`)`);
          results = [await syncFeed(deps, feed)];
        } else results = await syncDueFeeds(deps, true);
        for (const r of results)
          console.log(
            r.ok
              ? `${r.feed}: ${r.objects} objects in ${r.pages} pages, ${r.added} new; cursor ${r.addedAfter ?? '-'}`
              : `${r.feed}: failed: ${r.error}`,
          );
        if (results.some((r) => !r.ok)) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
}
