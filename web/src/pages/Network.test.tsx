import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { api } from '../api.js';
import { renderPage } from '../test/render.js';
import { NetworkPage, NetworksPage } from './Network.js';

async function firstNetworkId(): Promise<string> {
  const list = await api<{ networks: { id: string }[] }>('/api/v1/console/networks');
  return list.networks[0]!.id;
}

describe('network graph panel', () => {
  it('draws what it can: without WebGL it says so, and the tables carry the links and members', async () => {
    const id = await firstNetworkId();
    renderPage(<NetworkPage id={id} />, { path: `/networks/${id}` });
    const links = await screen.findByRole('table', { name: 'Links of the network' });
    expect(within(links).getAllByRole('row')).toHaveLength(4);
    expect(await screen.findByText(/The graph cannot be drawn in this browser/)).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Members' })).getAllByRole('row')).toHaveLength(4);
  });

  it('explains a link from the keyboard: kind, value, weight and why each member belongs', async () => {
    const user = userEvent.setup();
    const id = await firstNetworkId();
    renderPage(<NetworkPage id={id} />, { path: `/networks/${id}` });
    const explain = (await screen.findAllByRole('button', { name: 'Explain device dev-shared-7f' }))[0]!;
    explain.focus();
    await user.keyboard('{Enter}');
    const panel = screen.getByRole('complementary');
    expect(within(panel).getByText('shared by 3 accounts of this network')).toBeTruthy();
    expect(within(panel).getByRole('table', { name: 'Links explained' }).textContent).toContain('0.99');
    expect(within(panel).getByRole('heading', { name: 'Why each member belongs' })).toBeTruthy();
  });

  it('filters by link type and by time on the server, and expands an account into its values', async () => {
    const user = userEvent.setup();
    const id = await firstNetworkId();
    renderPage(<NetworkPage id={id} />, { path: `/networks/${id}` });
    await screen.findByRole('table', { name: 'Links of the network' });
    await user.selectOptions(screen.getByLabelText('Filter links by type'), 'device');
    expect(within(screen.getByRole('table', { name: 'Links of the network' })).getAllByRole('row')).toHaveLength(4);

    await user.type(screen.getByLabelText('From (UTC day)'), '2024-03-05');
    expect(await screen.findByText('0 of 3 links live in this window')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Whole period' }));
    expect(await screen.findByText('Links live between these days (server-side)')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Filter links by type'), '');
    await user.click(screen.getByRole('button', { name: 'Explain net_a' }));
    await user.click(screen.getByRole('button', { name: 'Expand neighbours' }));
    expect(await screen.findByText(/around net_a; \d+ new edges/)).toBeTruthy();
    const found = screen.getByRole('heading', { name: 'Found by expanding' }).nextElementSibling!;
    expect(found.textContent).toContain('203.0.113.10');
    await user.click(screen.getByRole('button', { name: 'Clear expansion' }));
    expect(screen.queryByRole('heading', { name: 'Found by expanding' })).toBeNull();
  });

  it('an unknown network is an error from the server, shown as an alert', async () => {
    renderPage(<NetworkPage id="net-nope" />, { path: '/networks/net-nope' });
    expect((await screen.findByRole('alert')).textContent).toContain('NOT_FOUND');
  });

  it('the networks list filters on the server and says 0 of 0 when nothing matches', async () => {
    const user = userEvent.setup();
    renderPage(<NetworksPage />, { path: '/networks' });
    expect(await screen.findByText('1–1 of 1')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Linked by'), 'phone');
    expect(await screen.findByText('0–0 of 0')).toBeTruthy();
  });
});
