import { isAppError } from '../errors/index.js';
import { EXIT_FAILED, EXIT_USAGE } from './exit-codes.js';

/** A failure the user can fix (bad usage or unusable input): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Maps anything thrown by a command to a message on stderr and the contract's exit code. */
export function reportCliError(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  if (err instanceof UsageError) {
    stderr.write(`warden: ${err.message}\n`);
    return EXIT_USAGE;
  }
  if (isAppError(err)) {
    stderr.write(`warden: ${err.code}: ${err.message}\n`);
    return err.status < 500 || err.code === 'CONFIG_INVALID' ? EXIT_USAGE : EXIT_FAILED;
  }
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  stderr.write(`warden: failed: ${message}\n`);
  return EXIT_FAILED;
}
