import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../test/render.js';
import { SearchPage } from './Search.js';

describe('search results', () => {
  it('finds a shared device as a linking value and the network it links', async () => {
    renderPage(<SearchPage />, { path: '/search?q=dev-shared' });
    expect(await screen.findByRole('heading', { name: 'Linking values' })).toBeTruthy();
    expect(screen.getByText('dev-shared-7f')).toBeTruthy();
  });

  it('finds accounts, their case and the indicators on their addresses', async () => {
    renderPage(<SearchPage />, { path: '/search?q=203.0.113.1' });
    expect(await screen.findByRole('heading', { name: 'Indicators' })).toBeTruthy();
    renderPage(<SearchPage />, { path: '/search?q=net_a' });
    expect((await screen.findAllByRole('link', { name: 'net_a' })).length).toBeGreaterThan(0);
  });

  it('says when nothing matches, asks for two characters, and shows the server refusing hostile input', async () => {
    renderPage(<SearchPage />, { path: '/search?q=zz-nothing-zz' });
    expect(await screen.findByText('Nothing matches.')).toBeTruthy();
    renderPage(<SearchPage />, { path: '/search?q=a' });
    expect(screen.getByText('Type at least two characters in the search box.')).toBeTruthy();
    renderPage(<SearchPage />, { path: `/search?q=${'x'.repeat(201)}` });
    expect((await screen.findByRole('alert')).textContent).toContain('VALIDATION_FAILED');
  });
});
