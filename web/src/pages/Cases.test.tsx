import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../test/render.js';
import type { CaseView } from '../types.js';
import { CasesPage } from './Cases.js';

const aCase = (n: number, state = 'new'): CaseView => ({
  id: `case_${n}`,
  key: `network:net-${n}`,
  title: `Network net-${n}: ${n} accounts`,
  state,
  priority: 'high',
  assignee: null,
  tags: [],
  dueAt: null,
  disposition: null,
  networkId: `net-${n}`,
  accounts: Array.from({ length: n }, (_, i) => `acct_${n}_${i}`),
  actor: n % 2 ? { name: 'Forest Blizzard' } : null,
  score: 0.9,
  version: 1,
  createdAt: '2024-03-01T10:00:00.000Z',
  updatedAt: '2024-03-01T10:00:00.000Z',
});

describe('cases queue', () => {
  it('lists the case the real pipeline opened, with its state and accounts', async () => {
    renderPage(<CasesPage />, { path: '/cases' });
    const table = await screen.findByRole('table', { name: 'Case queue' });
    const row = (await within(table).findAllByRole('row'))[1]!;
    expect(row.textContent).toContain('Forest Blizzard');
    expect(within(row).getByText('new')).toBeTruthy();
    expect(within(row).getByText('3')).toBeTruthy();
  });

  it('pages with the server cursor: older, then newer again; the first page has no newer', async () => {
    const user = userEvent.setup();
    const first = Array.from({ length: 50 }, (_, i) => aCase(100 - i));
    const second = [aCase(50), aCase(49)];
    renderPage(<CasesPage />, {
      path: '/cases',
      seed: [
        [['cases', '', undefined], { cases: first, next: 51 }],
        [['cases', '', 51], { cases: second, next: null }],
      ],
    });
    expect(await screen.findAllByRole('row')).toHaveLength(51);
    const newer = screen.getByRole('button', { name: '← Newer' });
    const older = screen.getByRole('button', { name: 'Older →' });
    expect((newer as HTMLButtonElement).disabled).toBe(true);
    await user.click(older);
    expect(await screen.findByText('network:net-50')).toBeTruthy();
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Older →' }).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: '← Newer' }));
    expect(await screen.findByText('network:net-100')).toBeTruthy();
  });

  it('filters by state from the keyboard, and says so when a state has no case', async () => {
    const user = userEvent.setup();
    renderPage(<CasesPage />, { path: '/cases' });
    await screen.findByRole('table', { name: 'Case queue' });
    const closed = screen.getByRole('button', { name: 'closed' });
    closed.focus();
    await user.keyboard('{Enter}');
    expect(closed.getAttribute('aria-pressed')).toBe('true');
    expect(await screen.findByText('No cases in state closed.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'all' }).getAttribute('aria-pressed')).toBe('false');
  });
});
