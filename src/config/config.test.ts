import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/index.js';
import { envName, listSettings, loadConfig, redactConfig } from './config.js';

describe('loadConfig', () => {
  it('gives the embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.database.url).toBeUndefined();
    expect(config.database.dataDir).toBe('.warden');
    expect(config.server.port).toBe(7420);
    expect(Object.isFrozen(config.server)).toBe(true);
  });

  it('reads long names and the short aliases operators know', () => {
    const config = loadConfig({ WARDEN_SERVER_PORT: '9000', WARDEN_DATABASE_URL: 'postgres://u:p@h/db', WARDEN_DATA_DIR: '/x' });
    expect(config.server.port).toBe(9000);
    expect(config.database.url).toBe('postgres://u:p@h/db');
    expect(config.database.dataDir).toBe('/x');
  });

  it('lists every bad variable at once', () => {
    let caught: unknown;
    try {
      loadConfig({ WARDEN_SERVER_PORT: 'abc', WARDEN_LOG_LEVEL: 'loud' });
    } catch (err) {
      caught = err;
    }
    expect(isAppError(caught, 'CONFIG_INVALID')).toBe(true);
    const message = (caught as Error).message;
    expect(message).toContain('WARDEN_SERVER_PORT');
    expect(message).toContain('WARDEN_LOG_LEVEL');
  });

  it('names variables from group and key', () => {
    expect(envName('database', 'dataDir')).toBe('WARDEN_DATABASE_DATA_DIR');
    expect(listSettings().map((s) => s.variable)).toContain('WARDEN_INGEST_MAX_LINE_BYTES');
  });

  it('redacts secret-named settings whole', () => {
    const config = loadConfig({ WARDEN_REPORTS_PSEUDONYM_KEY: 'a-very-secret-pseudonym-key' });
    expect(JSON.stringify(redactConfig(config))).not.toContain('a-very-secret');
  });

  it('redacts passwords in URLs', () => {
    const config = loadConfig({ WARDEN_DATABASE_URL: 'postgres://user:secret@db:5432/w' });
    expect(JSON.stringify(redactConfig(config))).not.toContain('secret');
  });
});
