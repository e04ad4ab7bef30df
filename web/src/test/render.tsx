import { QueryClient, QueryClientProvider, type QueryKey } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { RouterProvider } from '../router.js';

/**
 * Renders a page as the app does (TanStack Query and the router around it) at `path`. Queries
 * fetch from the real Warden the web project's global setup started; `seed` puts API answers
 * (real shapes) in the cache first, for states the small test world does not have, such as a
 * second page of a thousand cases.
 */
export function renderPage(ui: ReactNode, { path = '/', seed = [] }: { path?: string; seed?: [QueryKey, unknown][] } = {}) {
  window.history.pushState(null, '', path);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
  for (const [key, data] of seed) client.setQueryData(key, data);
  const view = render(
    <QueryClientProvider client={client}>
      <RouterProvider>{ui}</RouterProvider>
    </QueryClientProvider>,
  );
  return { client, ...view };
}
