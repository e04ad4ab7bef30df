import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../test/render.js';
import { IntelPage } from './Intel.js';

const row = (i: number) => ({
  collection: 'partner',
  source: 'taxii:partner',
  dateAdded: '2024-03-01T10:00:00.000Z',
  object: { id: `indicator--${i}`, name: `indicator ${i}`, pattern: `[ipv4-addr:value = '198.51.100.${i % 250}']`, valid_from: '2024-02-01T00:00:00Z', indicator_types: ['malicious-activity'] },
});

describe('intel tables', () => {
  it("lists the real store's indicators and collections", async () => {
    renderPage(<IntelPage />, { path: '/intel' });
    const table = await screen.findByRole('table', { name: 'Indicators' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(table.textContent).toContain("203.0.113.10");
    const collections = await screen.findByRole('table', { name: 'Collections' });
    expect(within(collections).getAllByRole('row').length).toBeGreaterThanOrEqual(2);
    expect(screen.getByText(/No feeds/)).toBeTruthy();
  });

  it('pages on the server: 50 at a time, previous disabled on the first page, next on the last', async () => {
    const user = userEvent.setup();
    renderPage(<IntelPage />, {
      path: '/intel',
      seed: [
        [['indicators', 0], { total: 70, indicators: Array.from({ length: 50 }, (_, i) => row(i)) }],
        [['indicators', 50], { total: 70, indicators: Array.from({ length: 20 }, (_, i) => row(50 + i)) }],
      ],
    });
    expect(await screen.findByText('1–50 of 70')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: '← Previous' }).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Next →' }));
    expect(await screen.findByText('51–70 of 70')).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Indicators' })).getAllByRole('row')).toHaveLength(21);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next →' }).disabled).toBe(true);
  });

  it('an empty store says 0 of 0', async () => {
    renderPage(<IntelPage />, { path: '/intel', seed: [[['indicators', 0], { total: 0, indicators: [] }]] });
    expect(await screen.findByText('0–0 of 0')).toBeTruthy();
  });
});
