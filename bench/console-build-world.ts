/**
 * Builds (or reuses) the stored world bench:console measures, alone: `npm run bench:console --
 * --world large` does the same on its first run, this only splits the slow part off.
 *
 *   npx tsx bench/console-build-world.ts [--accounts 100000 --days 196 --seed 7]
 */
import { openStoredWorld } from './console-world.js';
import { arg } from './harness.js';

const { rt } = await openStoredWorld(
  { seed: Number(arg('seed', '7')), accounts: Number(arg('accounts', '100000')), days: Number(arg('days', '196')) },
  (line) => console.log(line),
);
await rt.close();
