import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, startCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('warden demo', () => {
  it('serves the API on the embedded default with the sample loaded and a working key', async () => {
    const { child, url, output } = await startCli(['demo', '--port', '0'], { WARDEN_DATA_DIR: dir });
    try {
      for (let i = 0; i < 200 && !/api key\s+wdn_/.test(output()); i++) await new Promise((r) => setTimeout(r, 50));
      const printed = output();
      const key = /api key\s+(wdn_\S+)/.exec(printed)?.[1];
      expect(key).toBeDefined();
      expect(printed).toMatch(/sample\s+\d+ new events loaded/);
      const ready = await request(`${url}/readyz`);
      expect(await ready.body.json()).toEqual({ status: 'ready', database: 'sqlite' });
      const res = await request(`${url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
        body: '{"id":"demo-x","time":"2024-01-09T07:12:03Z","kind":"login","account":"a"}\n',
      });
      expect(res.statusCode).toBe(200);
      expect(await res.body.json()).toMatchObject({ accepted: 1 });
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  });
});
