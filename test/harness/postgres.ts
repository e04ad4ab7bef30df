import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** Debian's layout; WARDEN_TEST_PG_BIN points elsewhere. */
function findPgBin(): string {
  const fromEnv = process.env.WARDEN_TEST_PG_BIN;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  throw new Error(
    'PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin. ' +
      'Install them with `apt-get install postgresql-15` (as .ci/run does), or set WARDEN_TEST_PG_URL ' +
      'to a database the tests may create schemas in.',
  );
}

export interface PgServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL in a temp dir on a free loopback port. initdb and postgres
 * refuse to run as root, so under root they run as `nobody` (uid 65534).
 */
export async function startPostgres(): Promise<PgServer> {
  const bin = findPgBin();
  const dir = mkdtempSync(join(tmpdir(), 'warden-pg-'));
  const data = join(dir, 'data');
  const isRoot = process.getuid?.() === 0;
  const ids: Pick<SpawnOptions, 'uid' | 'gid'> = isRoot ? { uid: 65534, gid: 65534 } : {};
  if (isRoot) {
    chmodSync(dir, 0o755);
    chownSync(dir, 65534, 65534);
  }
  const init = spawnSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'warden', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
    { ...ids, encoding: 'utf8', cwd: dir },
  );
  if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr}`);
  const port = await freePort();
  const proc = spawn(
    join(bin, 'postgres'),
    ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off', '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off', '-c', 'max_connections=200', '-c', 'shared_buffers=256MB'],
    { ...ids, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  proc.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const url = `postgres://warden@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], { encoding: 'utf8' });
    if (ready.status === 0) break;
    if (proc.exitCode !== null || Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`PostgreSQL did not start on port ${port}:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGINT');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
