import { afterEach, describe, expect, it } from 'vitest';
import { sharedDataPath } from './shared-data.js';

describe('sharedDataPath', () => {
  const saved = process.env.WARDEN_SHARED_DATA;
  afterEach(() => {
    if (saved === undefined) delete process.env.WARDEN_SHARED_DATA;
    else process.env.WARDEN_SHARED_DATA = saved;
  });

  it('fails with a message naming the missing folder, so data-dependent tests never pass vacuously', () => {
    process.env.WARDEN_SHARED_DATA = '/nonexistent/shared-data';
    expect(() => sharedDataPath('misp-galaxy')).toThrow(/Shared test data not found at \/nonexistent\/shared-data\/misp-galaxy/);
  });
});
