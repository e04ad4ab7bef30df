import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../test/render.js';
import { ReportsPage } from './Reports.js';

/** The preview's HTML as the sandboxed iframe receives it (jsdom does not render srcdoc). */
async function previewHtml(title: string): Promise<string> {
  const frame = await screen.findByTitle(title);
  return frame.getAttribute('srcdoc') ?? '';
}

describe('reports page', () => {
  it('previews the open case as a partner report under the TLP picked, with the marking and no account id, in a sandbox', async () => {
    const user = userEvent.setup();
    renderPage(<ReportsPage />, { path: '/reports' });
    const caseSelect = await screen.findByRole('combobox', { name: 'Case' });
    await waitFor(() => expect((caseSelect as HTMLSelectElement).value).toMatch(/^case_/));
    expect(screen.getByTestId('tlp-chip').textContent).toBe('TLP:AMBER');
    await user.click(screen.getAllByRole('button', { name: 'Preview' })[0]!);
    let html = await previewHtml('Case report preview');
    expect(html.match(/>TLP:AMBER<\/span>/g)).toHaveLength(2);
    expect(html).toContain('Forest Blizzard');
    for (const id of ['net_a', 'net_b', 'net_c', 'maria.ops@victim-corp.example', 'dev-shared-7f']) expect(html).not.toContain(id);
    expect(screen.getByTitle('Case report preview').getAttribute('sandbox')).toBe('');

    await user.selectOptions(screen.getByRole('combobox', { name: 'TLP marking' }), 'red');
    expect(screen.getByTestId('tlp-chip').textContent).toBe('TLP:RED');
    expect(screen.queryByTitle('Case report preview')).toBeNull(); // a preview under the old marking is not left on screen
    await user.click(screen.getAllByRole('button', { name: 'Preview' })[0]!);
    html = await previewHtml('Case report preview');
    expect(html.match(/>TLP:RED<\/span>/g)).toHaveLength(2);
  });

  it('opens on the case the case page links to, and says so when the server does not know it', async () => {
    const user = userEvent.setup();
    renderPage(<ReportsPage />, { path: '/reports?case=case_does_not_exist' });
    const caseSelect = await screen.findByRole('combobox', { name: 'Case' });
    expect((caseSelect as HTMLSelectElement).value).toBe('case_does_not_exist');
    await user.click(screen.getAllByRole('button', { name: 'Preview' })[0]!);
    expect((await screen.findByRole('alert')).textContent).toContain('CASE_NOT_FOUND');
  });

  it('previews the transparency report of a period and shows the server refusing a reversed one', async () => {
    const user = userEvent.setup();
    renderPage(<ReportsPage />, { path: '/reports' });
    const from = await screen.findByLabelText('From');
    const to = screen.getByLabelText('To (exclusive)');
    await user.clear(from);
    await user.type(from, '2024-02-01');
    await user.clear(to);
    await user.type(to, '2024-04-01');
    await user.click(screen.getAllByRole('button', { name: 'Preview' })[1]!);
    const html = await previewHtml('Transparency report preview');
    expect(html).toContain('transparency report');
    expect(html).not.toContain('net_a');
    await user.clear(from);
    await user.type(from, '2024-05-01');
    await user.click(screen.getAllByRole('button', { name: 'Preview' })[1]!);
    expect((await screen.findByRole('alert')).textContent).toContain('must start before it ends');
  });
});
