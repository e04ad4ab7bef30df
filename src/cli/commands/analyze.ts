import { createReadStream, existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { contentHash, decodeLine, readLines } from '../../events/index.js';
import { Analysis, toReport, type IntelPort } from '../../pipeline/index.js';
import { loadIntelBundles, loadPipelineConfig, loadPipelineDeps } from '../../server/index.js';
import { UsageError } from '../cli-error.js';
import { EXIT_OK } from '../exit-codes.js';
import type { RegisterCommand } from './index.js';

/** Longest event line accepted, as `warden ingest` (config ingest.maxLineBytes default). */
const MAX_LINE_BYTES = 1024 * 1024;

interface AnalyzeOptions {
  intel: string[];
  out?: string;
  config?: string;
}

function openEvents(file: string): AsyncIterable<Buffer> {
  if (file === '-') return process.stdin;
  const stream = createReadStream(file);
  return file.endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
}

function checkReadable(file: string, what: string): void {
  if (file === '-') return;
  if (!existsSync(file))
    throw new UsageError(`${what} ${file}: no such file; give the path of an existing file`);
  if (!statSync(file).isFile()) throw new UsageError(`${what} ${file}: not a regular file`);
}

/**
 * Imports STIX bundles into one intel state and builds the pipeline's intel port (kept for the
 * tests' fixtures; the command itself goes through `loadPipelineDeps`, as the server does).
 */
export function loadIntel(files: readonly string[], receivedAt: string): IntelPort | undefined {
  for (const f of files) checkReadable(f, 'intel bundle');
  return loadIntelBundles(files, receivedAt);
}

/**
 * `warden analyze EVENTS... [--intel BUNDLE]... [--out REPORT.json]`: the whole pipeline over
 * event files, stateless, per ../shared/spec/batch-contract.md.
 */
export async function runAnalyze(
  files: readonly string[],
  opts: AnalyzeOptions,
  stderr: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  if (files.filter((f) => f === '-').length > 1)
    throw new UsageError('standard input (-) can be given only once');
  for (const f of files) checkReadable(f, 'events file');
  for (const f of opts.intel) checkReadable(f, 'intel bundle');
  const analysis = new Analysis(
    loadPipelineDeps({ intelBundles: opts.intel, receivedAt: new Date().toISOString(), config: loadPipelineConfig({ ...loadConfig().pipeline, ...(opts.config ? { configFile: opts.config } : {}) }) }),
  );
  const counts = { read: 0, accepted: 0, rejected: 0 };
  const seen = new Map<string, string>();
  const reject = (file: string, line: number, reason: string) => {
    counts.rejected++;
    stderr.write(`${file === '-' ? '<stdin>' : file}:${line}: rejected: ${reason}\n`);
  };
  for (const file of files) {
    for await (const raw of readLines(openEvents(file), { maxLineBytes: MAX_LINE_BYTES })) {
      counts.read++;
      if ('error' in raw) {
        reject(file, raw.line, raw.error);
        continue;
      }
      const r = decodeLine(raw.line, raw.text);
      if (!r.ok) {
        reject(file, raw.line, r.rejection.reason);
        continue;
      }
      const hash = contentHash(r.value.event);
      const prev = seen.get(r.value.event.id);
      if (prev !== undefined) {
        // Duplicates are ignored (a retried batch); a conflict keeps the first version, as ingest does.
        if (prev !== hash)
          stderr.write(
            `${file}:${raw.line}: conflict: event id ${r.value.event.id} seen before with different content; first version kept\n`,
          );
        counts.accepted++;
        continue;
      }
      seen.set(r.value.event.id, hash);
      counts.accepted++;
      analysis.add(r.value);
    }
  }
  const report = toReport(analysis.evaluate(), { generatedAt: new Date().toISOString(), events: counts });
  const text = JSON.stringify(report, null, 2) + '\n';
  if (opts.out) await writeFile(opts.out, text);
  else process.stdout.write(text);
  if (counts.rejected > 0)
    stderr.write(`warden analyze: ${counts.rejected} of ${counts.read} lines rejected\n`);
  return EXIT_OK;
}

export const registerAnalyze: RegisterCommand = (program: Command) => {
  program
    .command('analyze')
    .description(
      'Run the detection pipeline (intel, content, linkage, attribution) over event files; writes a JSON report',
    )
    .argument('<events...>', 'NDJSON event files (.gz accepted, - for standard input)')
    .option(
      '--intel <bundle>',
      'STIX 2.1 bundle (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--out <report>', 'write the report here instead of standard output')
    .option('--config <file>', 'JSON pipeline thresholds and weights (default: WARDEN_PIPELINE_CONFIG_FILE, else the tuned defaults)')
    .action(async (files: string[], opts: AnalyzeOptions) => {
      process.exitCode = await runAnalyze(files, opts);
    });
};
