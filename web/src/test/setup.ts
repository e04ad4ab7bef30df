import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll, inject } from 'vitest';
import { setBearer } from '../api.js';

declare module 'vitest' {
  export interface ProvidedContext {
    consoleApi: { url: string; key: string };
  }
}

// The console fetches same-origin paths; in the test DOM they resolve against the real Warden
// that test/harness/web-global-setup.ts started, signed in with an analyst API key.
const nodeFetch = globalThis.fetch;
beforeAll(() => {
  const { url, key } = inject('consoleApi');
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => nodeFetch(new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, url), init);
  setBearer(key);
});

// Waits for a real server on a shared machine: a limit on waiting, not a timing assertion.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => {
  cleanup();
});
