import type { Command } from 'commander';
import { AuditLog } from '../../audit/index.js';
import { resealStoredEvents, type ResealReport } from '../../privacy/index.js';
import { cipherOf, countRawsByKeyId } from '../../store/index.js';
import { UsageError } from '../cli-error.js';
import { openCliDatabase, type DbOptions } from '../context.js';

type ResealCliOptions = DbOptions & { batchSize?: string };

/**
 * `warden privacy encrypt-existing | rotate-key | status`: encryption at rest of stored raw
 * events (docs/privacy.md). Both writers are idempotent and resumable, in batches of one
 * transaction each; each run is audited with its counts.
 */
export function registerPrivacy(program: Command): void {
  const privacy = program
    .command('privacy')
    .description('Encryption at rest of stored prompt and response text');
  const reseal = (name: string, mode: 'encrypt' | 'rotate', description: string) =>
    privacy
      .command(name)
      .description(description)
      .option('--batch-size <n>', 'rows per transaction', '1000')
      .option('--db <path>', 'an embedded SQLite file instead of the configured database')
      .action(async (opts: ResealCliOptions) => {
        const batchSize = Number(opts.batchSize ?? '1000');
        if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000)
          throw new UsageError(`--batch-size must be an integer from 1 to 100000 (got "${opts.batchSize}")`);
        const database = await openCliDatabase(opts);
        try {
          const cipher = cipherOf(database.db);
          if (!cipher)
            throw new UsageError(
              'encryption at rest is off: set WARDEN_PRIVACY_ENCRYPTION_KEY (32 random bytes, base64) first',
            );
          const report = await resealStoredEvents(database, cipher, {
            mode,
            batchSize,
            onBatch: (p) => process.stderr.isTTY && process.stderr.write(`\r${p.scanned} rows scanned`),
          });
          if (process.stderr.isTTY) process.stderr.write('\n');
          const audit = new AuditLog(database);
          await audit.record({
            at: Date.now(),
            actor: `system:cli:${process.env.USER ?? 'unknown'}`,
            action: mode === 'encrypt' ? 'privacy.encrypted' : 'privacy.key_rotated',
            details: { ...report, keyId: cipher.keyId },
          });
          console.log(JSON.stringify({ keyId: cipher.keyId, ...report }));
          console.error(summary(report, cipher.keyId));
        } finally {
          await database.close();
        }
      });
  reseal(
    'encrypt-existing',
    'encrypt',
    'encrypt raw events stored in clear (written before the key was set) under WARDEN_PRIVACY_ENCRYPTION_KEY',
  );
  reseal(
    'rotate-key',
    'rotate',
    're-encrypt every raw event not under the current key (old keys in WARDEN_PRIVACY_ENCRYPTION_OLD_KEYS), and any left in clear',
  );
  privacy
    .command('status')
    .description('stored raw events per key id ("" = in clear)')
    .option('--db <path>', 'an embedded SQLite file instead of the configured database')
    .action(async (opts: DbOptions) => {
      const database = await openCliDatabase(opts);
      try {
        const cipher = cipherOf(database.db);
        console.log(
          JSON.stringify({
            currentKeyId: cipher?.keyId ?? null,
            knownKeyIds: cipher?.keyIds ?? [],
            rows: await countRawsByKeyId(database.db),
          }),
        );
      } finally {
        await database.close();
      }
    });
}

function summary(r: ResealReport, keyId: string): string {
  const parts = [
    `${r.encrypted} encrypted`,
    `${r.rotated} re-encrypted`,
    `${r.current} already under key ${keyId}`,
  ];
  if (r.olderKey > 0) parts.push(`${r.olderKey} under an older key (run rotate-key)`);
  if (r.skippedChanged > 0) parts.push(`${r.skippedChanged} changed meanwhile (run again)`);
  return `${r.scanned} rows: ${parts.join(', ')}`;
}
