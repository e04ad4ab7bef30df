import { Command, CommanderError } from 'commander';
import { reportCliError } from './cli-error.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { commands } from './commands/index.js';

/** Builds the `warden` program; each command registers itself from the explicit list. */
export function buildProgram(): Command {
  const program = new Command('warden')
    .description('Find, investigate and shut out threat actors who abuse an AI service.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

/** Runs the CLI and resolves to the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE;
    }
    return reportCliError(err);
  }
}
