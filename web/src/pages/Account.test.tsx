import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../test/render.js';
import { AccountPage } from './Account.js';

const analyst = { email: 'ana@example.org', role: 'analyst', kind: 'key' as const };

describe('account timeline', () => {
  it('shows events newest first with personal data masked, and reveals raw text only after a reason', async () => {
    const user = userEvent.setup();
    renderPage(<AccountPage account="net_a" me={analyst} />, { path: '/accounts/net_a' });
    const timeline = await screen.findByRole('list', { name: 'Events, newest first' });
    const items = within(timeline).getAllByRole('listitem');
    expect(items[0]!.textContent).toContain('2024-03-01 11:30Z');
    expect(items[items.length - 1]!.textContent).toContain('account.created');
    // Personal data in prompts is masked until revealed.
    expect(items[0]!.textContent).toContain('[email]');
    expect(timeline.textContent).not.toContain('maria.ops@victim-corp.example');
    expect(timeline.querySelectorAll('blockquote.prompt.revealed')).toHaveLength(0);

    const reveal = screen.getByRole<HTMLButtonElement>('button', { name: 'Reveal prompts' });
    expect(reveal.disabled).toBe(true);
    await user.type(screen.getByLabelText('Reason to reveal'), 'too short');
    expect(reveal.disabled).toBe(true);
    await user.type(screen.getByLabelText('Reason to reveal'), ' — checking case evidence');
    expect(reveal.disabled).toBe(false);
    await user.keyboard('{Enter}');
    expect(await screen.findByText(/Raw text shown; this read is in the audit log/)).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Events, newest first' }).textContent).toContain('maria.ops@victim-corp.example');
    expect(document.querySelectorAll('blockquote.prompt.revealed').length).toBeGreaterThan(0);

    await user.click(screen.getByRole('button', { name: 'Mask again' }));
    expect(screen.getByRole('list', { name: 'Events, newest first' }).textContent).not.toContain('maria.ops@victim-corp.example');
  });

  it('pages a busy account newest first, 100 events at a time, until its first event', async () => {
    const user = userEvent.setup();
    renderPage(<AccountPage account="busy_user" me={analyst} />, { path: '/accounts/busy_user' });
    const timeline = await screen.findByRole('list', { name: 'Events, newest first' });
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(100);
    expect(within(timeline).getAllByRole('listitem')[0]!.textContent).toContain('number 229');
    await user.click(screen.getByRole('button', { name: /Load older events \(100 shown\)/ }));
    await user.click(await screen.findByRole('button', { name: /Load older events \(200 shown\)/ }));
    await screen.findByText(/number 0 for/);
    const items = within(screen.getByRole('list', { name: 'Events, newest first' })).getAllByRole('listitem');
    expect(items).toHaveLength(230);
    expect(items[229]!.textContent).toContain('number 0 for');
    expect(new Set(items.map((li) => li.textContent)).size).toBe(230);
    expect(screen.queryByRole('button', { name: /Load older events/ })).toBeNull();
  });

  it('a viewer sees no reveal form', async () => {
    renderPage(<AccountPage account="net_a" me={{ ...analyst, role: 'viewer' }} />, { path: '/accounts/net_a' });
    expect(await screen.findByText(/Your role cannot reveal raw text/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reveal prompts' })).toBeNull();
  });

  it('an account nobody flagged has an empty timeline and says so; an over-long name is an error from the server', async () => {
    renderPage(<AccountPage account="nobody-here" me={analyst} />, { path: '/accounts/nobody-here' });
    expect(await screen.findByText('No stored events.')).toBeTruthy();
    expect(screen.getByText('not flagged')).toBeTruthy();
    renderPage(<AccountPage account={'a'.repeat(129)} me={analyst} />, { path: '/accounts/x' });
    expect((await screen.findAllByRole('alert'))[0]!.textContent).toMatch(/VALIDATION_FAILED|BAD_REQUEST/);
  });
});
