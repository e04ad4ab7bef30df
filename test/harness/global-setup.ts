import type { TestProject } from 'vitest/node';
import { startPostgres, type PgServer } from './postgres.js';
import { startRedis, type RedisServer } from './redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    redisUrl: string;
  }
}

let pg: PgServer | undefined;
let redis: RedisServer | undefined;

/** One PostgreSQL and one Redis for the whole run; each test file takes its own schema or key prefix. */
export async function setup(project: TestProject): Promise<void> {
  const pgUrl = process.env.WARDEN_TEST_PG_URL ?? (pg = await startPostgres()).url;
  const redisUrl = process.env.WARDEN_TEST_REDIS_URL ?? (redis = await startRedis()).url;
  project.provide('pgUrl', pgUrl);
  project.provide('redisUrl', redisUrl);
}

export async function teardown(): Promise<void> {
  await Promise.all([pg?.stop(), redis?.stop()]);
}
