import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { api, qs } from '../api.js';
import { Legend, NetworkGraph, kindColour, type Selection } from '../components/NetworkGraph.js';
import { Badge, ErrorNote, Pager, QueryState, Score, fmtTime } from '../components/ui.js';
import { canExpand, useExpansion } from '../components/useExpansion.js';
import { Link, useRouter } from '../router.js';
import type { ReportNetwork } from '../types.js';

interface NetworkRow {
  id: string;
  size: number;
  actor: { name: string; level: string; confidence: number } | null;
  maxScore: number;
  via: string[];
  ttps: string[];
  firstSeen: string;
  lastSeen: string;
}
export interface NetworkDetail {
  network: ReportNetwork;
  verdicts: { account: string; verdict: string; score: number; ttps: string[] }[];
  cases: { id: string; key: string; title: string; state: string }[];
  /** Set when the links were limited to a time window on the server. */
  window?: { from: string; to: string; links: number; total: number } | null;
}

/** A day picked in a date input, as the start or end of that UTC day. */
const dayStart = (d: string) => (d ? `${d}T00:00:00.000Z` : undefined);
const dayEnd = (d: string) => (d ? `${d}T23:59:59.999Z` : undefined);

const LIMIT = 25;
const kinds = ['device', 'payment', 'ip', 'ip-prefix', 'email-domain', 'email-pattern', 'phone', 'user-agent', 'api-key', 'org', 'prompt'];

export function NetworksPage() {
  const { loc, navigate } = useRouter();
  const [q, setQ] = useState(loc.query.get('q') ?? '');
  const [via, setVia] = useState('');
  const [offset, setOffset] = useState(0);
  const list = useQuery({ queryKey: ['networks', q, via, offset], queryFn: () => api<{ total: number; networks: NetworkRow[] }>(`/api/v1/console/networks${qs({ q, via, offset, limit: LIMIT })}`) });
  return (
    <section className="page" aria-labelledby="networks-title">
      <div className="page-head">
        <h1 id="networks-title">Networks</h1>
        <span className="muted">accounts linked by shared infrastructure, attributed first</span>
        <span className="spacer" />
        <Link to="/networks/map" className="btn small">Map of all networks</Link>
      </div>
      <div className="toolbar">
        <label>
          Account, value or actor
          <input type="search" value={q} onChange={(e) => { setQ(e.target.value); setOffset(0); }} />
        </label>
        <label>
          Linked by
          <select value={via} onChange={(e) => { setVia(e.target.value); setOffset(0); }}>
            <option value="">any kind</option>
            {kinds.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </label>
      </div>
      <QueryState isPending={list.isPending} error={list.error}>
        {() => (
          <>
            <table className="table" aria-label="Networks">
              <thead>
                <tr>
                  <th scope="col">Network</th>
                  <th scope="col">Accounts</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Max score</th>
                  <th scope="col">Linked by</th>
                  <th scope="col">TTPs</th>
                  <th scope="col">Active</th>
                </tr>
              </thead>
              <tbody>
                {list.data!.networks.map((n) => (
                  <tr key={n.id} className="clickable" onClick={() => navigate(`/networks/${encodeURIComponent(n.id)}`)}>
                    <td><Link to={`/networks/${encodeURIComponent(n.id)}`} className="mono">{n.id}</Link></td>
                    <td className="num">{n.size}</td>
                    <td>{n.actor ? <Badge tone="actor">{n.actor.name} · {n.actor.level}</Badge> : <span className="muted">unattributed</span>}</td>
                    <td><Score value={n.maxScore} /></td>
                    <td>{n.via.map((v) => <span key={v} className="kind" style={{ borderColor: kindColour[v] ?? '#475569', color: kindColour[v] ?? '#475569' }}>{v}</span>)}</td>
                    <td className="ttps">{n.ttps.slice(0, 3).map((t) => <Badge key={t}>{t}</Badge>)}</td>
                    <td className="muted nowrap">{fmtTime(n.firstSeen).slice(0, 10)} → {fmtTime(n.lastSeen).slice(0, 10)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager offset={offset} limit={LIMIT} total={list.data!.total} onOffset={setOffset} />
          </>
        )}
      </QueryState>
    </section>
  );
}

export function NetworkPage({ id }: { id: string }) {
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const from = dayStart(fromDay);
  const to = dayEnd(toDay);
  const inverted = from !== undefined && to !== undefined && from > to;
  const q = useQuery({
    queryKey: inverted ? ['network', id] : ['network', id, from, to],
    queryFn: () => api<NetworkDetail>(`/api/v1/console/networks/${encodeURIComponent(id)}${inverted ? '' : qs({ from, to })}`),
    // The graph stays on screen while a new window loads.
    placeholderData: keepPreviousData,
  });
  const range = (
    <fieldset className="range" aria-describedby="range-help">
      <legend className="sr-only">Time window</legend>
      <label>
        From (UTC day)
        <input type="date" value={fromDay} onChange={(e) => setFromDay(e.target.value)} />
      </label>
      <label>
        To (UTC day)
        <input type="date" value={toDay} onChange={(e) => setToDay(e.target.value)} />
      </label>
      {fromDay || toDay ? (
        <button type="button" className="btn small ghost" onClick={() => { setFromDay(''); setToDay(''); }}>
          Whole period
        </button>
      ) : null}
      <span id="range-help" className="muted small">
        {inverted ? 'The start is after the end; showing the whole period.' : q.isFetching && q.isPlaceholderData ? 'Loading the window…' : q.data?.window ? `${q.data.window.links} of ${q.data.window.total} links live in this window` : 'Links live between these days (server-side)'}
      </span>
    </fieldset>
  );
  return (
    <section className="page" aria-labelledby="network-title">
      <QueryState isPending={q.isPending} error={q.error}>
        {() => <NetworkView detail={q.data!} range={range} window={{ ...(from && !inverted ? { from } : {}), ...(to && !inverted ? { to } : {}) }} />}
      </QueryState>
    </section>
  );
}

export function NetworkView({ detail, range, window = {} }: { detail: NetworkDetail; range?: ReactNode; window?: { from?: string; to?: string } }) {
  const n = detail.network;
  const [via, setVia] = useState<string>('');
  const [selected, setSelected] = useState<Selection>(null);
  const expansion = useExpansion(window);
  const verdicts = useMemo(() => new Map([...expansion.verdicts, ...detail.verdicts.map((v) => [v.account, v] as const)]), [detail, expansion.verdicts]);
  const present = useMemo(() => [...new Set(n.links.map((l) => l.via))], [n]);
  const links = useMemo(() => (via ? n.links.filter((l) => l.via === via) : n.links), [n, via]);
  const why = new Map(n.members.map((m) => [m.account, m.why]));
  const explained =
    selected?.type === 'value'
      ? links.filter((l) => l.via === selected.via && l.value === selected.value)
      : selected?.type === 'account'
        ? links.filter((l) => l.a === selected.id || l.b === selected.id)
        : [];
  const extra = useMemo(() => (via ? expansion.extra.filter((x) => x.via === via) : expansion.extra), [expansion.extra, via]);
  const around =
    selected?.type === 'value'
      ? [...new Set(extra.filter((x) => x.via === selected.via && x.value === selected.value).map((x) => x.account))]
      : selected?.type === 'account'
        ? extra.filter((x) => x.account === selected.id)
        : [];

  return (
    <>
      <div className="page-head">
        <h1 id="network-title">
          Network <span className="mono">{n.id}</span>
        </h1>
        {n.actor ? <Badge tone="actor">{n.actor.name} · {n.actor.level} ({n.actor.confidence.toFixed(2)})</Badge> : <Badge>unattributed</Badge>}
        <span className="muted">{n.accounts.length} accounts · {n.links.length} links · {fmtTime(n.summary.first_seen)} → {fmtTime(n.summary.last_seen)}</span>
        <span className="spacer" />
        {detail.cases.map((c) => (
          <Link key={c.id} to={`/cases/${encodeURIComponent(c.id)}`} className="btn small">
            Case {c.key} · {c.state}
          </Link>
        ))}
      </div>
      <div className="toolbar">
        <label>
          Link type
          <select value={via} onChange={(e) => { setVia(e.target.value); setSelected(null); }} aria-label="Filter links by type">
            <option value="">all ({n.links.length})</option>
            {present.map((k) => <option key={k} value={k}>{k} ({n.links.filter((l) => l.via === k).length})</option>)}
          </select>
        </label>
        {range}
        <Legend kinds={present} />
      </div>
      <div className="graph-layout">
        <NetworkGraph links={links} extra={extra} verdicts={verdicts} onSelect={setSelected} selected={selected} />
        <aside className="panel explain" aria-live="polite" aria-labelledby="explain-title">
          <h2 id="explain-title">Explain this link</h2>
          {!selected ? (
            <p className="muted">Select a value or an account in the graph, or a row of the link table, to see why these accounts are linked.</p>
          ) : selected.type === 'value' ? (
            <>
              <p>
                <span className="kind" style={{ borderColor: kindColour[selected.via], color: kindColour[selected.via] }}>{selected.via}</span> <span className="mono break">{selected.value}</span>
              </p>
              <p className="muted">shared by {new Set(explained.flatMap((l) => [l.a, l.b])).size} accounts of this network</p>
            </>
          ) : (
            <p>
              Account <Link to={`/accounts/${encodeURIComponent(selected.id)}`} className="mono">{selected.id}</Link>
              {verdicts.get(selected.id) ? <> · <Score value={verdicts.get(selected.id)!.score} /></> : null}
            </p>
          )}
          {explained.length ? (
            <table className="table compact" aria-label="Links explained">
              <thead>
                <tr><th scope="col">Pair</th><th scope="col">Via</th><th scope="col">Weight</th></tr>
              </thead>
              <tbody>
                {explained.slice(0, 30).map((l) => (
                  <tr key={`${l.a}|${l.b}|${l.via}|${l.value}`}>
                    <td className="mono small">{l.a}<br />{l.b}</td>
                    <td><span className="kind" style={{ borderColor: kindColour[l.via], color: kindColour[l.via] }}>{l.via}</span><div className="mono small break">{l.value}</div>{l.shared > 1 ? <div className="muted small">{l.shared} kinds shared</div> : null}</td>
                    <td className="num">{l.weight.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {selected ? (
            <div className="btn-row">
              <button type="button" className="btn small" disabled={!canExpand(selected) || expansion.pending} onClick={() => void expansion.expand(selected)}>
                {expansion.pending ? 'Expanding…' : 'Expand neighbours'}
              </button>
              {expansion.extra.length ? (
                <button type="button" className="btn small ghost" onClick={expansion.clear}>
                  Clear expansion
                </button>
              ) : null}
              {!canExpand(selected) ? <p className="expand-note">Values of this kind are derived by the pipeline and not indexed; expand one of their accounts.</p> : null}
            </div>
          ) : null}
          {expansion.note ? <p className="expand-note" role="status">{expansion.note}</p> : null}
          {expansion.error ? <ErrorNote error={expansion.error} /> : null}
          {around.length ? (
            <>
              <h3>Found by expanding</h3>
              <ul className="plain small">
                {around.slice(0, 20).map((x) =>
                  typeof x === 'string' ? (
                    <li key={x}><Link to={`/accounts/${encodeURIComponent(x)}`} className="mono">{x}</Link></li>
                  ) : (
                    <li key={`${x.via}:${x.value}`}><span className="kind" style={{ borderColor: kindColour[x.via], color: kindColour[x.via] }}>{x.via}</span> <span className="mono break">{x.value}</span></li>
                  ),
                )}
                {around.length > 20 ? <li className="muted">and {around.length - 20} more</li> : null}
              </ul>
            </>
          ) : null}
          {selected ? (
            <>
              <h3>Why each member belongs</h3>
              <ul className="why">
                {[...new Set(explained.flatMap((l) => [l.a, l.b]))].slice(0, 12).map((a) => (
                  <li key={a}><span className="mono">{a}</span>: {why.get(a) ?? '—'}</li>
                ))}
              </ul>
            </>
          ) : null}
        </aside>
      </div>
      <div className="grid-2">
        <div className="panel">
          <h2>Links</h2>
          <table className="table compact" aria-label="Links of the network">
            <thead>
              <tr><th scope="col">Account</th><th scope="col">Account</th><th scope="col">Via</th><th scope="col">Value</th><th scope="col">Weight</th><th scope="col"><span className="sr-only">Explain</span></th></tr>
            </thead>
            <tbody>
              {links.slice(0, 60).map((l) => (
                <tr key={`${l.a}|${l.b}|${l.via}|${l.value}`}>
                  <td className="mono small">{l.a}</td>
                  <td className="mono small">{l.b}</td>
                  <td><span className="kind" style={{ borderColor: kindColour[l.via], color: kindColour[l.via] }}>{l.via}</span></td>
                  <td className="mono small break">{l.value}</td>
                  <td className="num">{l.weight.toFixed(2)}</td>
                  <td><button type="button" className="btn small ghost" aria-label={`Explain ${l.via} ${l.value}`} onClick={() => setSelected({ type: 'value', via: l.via, value: l.value })}>Explain</button></td>
                </tr>
              ))}
            </tbody>
          </table>
          {links.length > 60 ? <p className="muted">{links.length - 60} more links; filter by type to narrow.</p> : null}
        </div>
        <div className="stack">
          <div className="panel">
            <h2>Members</h2>
            <table className="table compact" aria-label="Members">
              <thead><tr><th scope="col">Account</th><th scope="col">Score</th><th scope="col">Why</th><th scope="col"><span className="sr-only">Explain</span></th></tr></thead>
              <tbody>
                {n.members.map((m) => (
                  <tr key={m.account}>
                    <td><Link to={`/accounts/${encodeURIComponent(m.account)}`} className="mono small">{m.account}</Link></td>
                    <td>{verdicts.get(m.account) ? <Score value={verdicts.get(m.account)!.score} /> : <span className="muted">—</span>}</td>
                    <td className="small">{m.why}</td>
                    <td><button type="button" className="btn small ghost" aria-label={`Explain ${m.account}`} onClick={() => setSelected({ type: 'account', id: m.account })}>Explain</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="panel">
            <h2>Shared infrastructure</h2>
            <ul className="plain">
              {n.summary.shared_infrastructure.slice(0, 12).map((s) => (
                <li key={`${s.via}:${s.value}`}><span className="kind" style={{ borderColor: kindColour[s.via], color: kindColour[s.via] }}>{s.via}</span> <span className="mono small">{s.value}</span> <span className="muted">· {s.members} members</span></li>
              ))}
            </ul>
            <h2>Attribution evidence</h2>
            <ul className="plain small">
              {n.attribution_evidence.slice(0, 10).map((e, i) => <li key={i}>{e.detail ?? JSON.stringify(e)}</li>)}
              {n.attribution_evidence.length === 0 ? <li className="muted">none</li> : null}
            </ul>
          </div>
        </div>
      </div>
    </>
  );
}

/** Every network's links in one graph: the overview an analyst starts a hunt from. */
export function NetworkMapPage() {
  const { loc } = useRouter();
  const limit = Number(loc.query.get('networks') ?? '50');
  const [selected, setSelected] = useState<Selection>(null);
  const [nodes, setNodes] = useState<number | null>(null);
  const q = useQuery({
    queryKey: ['network-map', limit],
    queryFn: async () => {
      const list = await api<{ total: number; networks: NetworkRow[] }>(`/api/v1/console/networks${qs({ limit: Math.min(500, limit) })}`);
      const details = await Promise.all(list.networks.map((n) => api<NetworkDetail>(`/api/v1/console/networks/${encodeURIComponent(n.id)}`)));
      return details;
    },
  });
  const expansion = useExpansion({});
  const links = useMemo(() => (q.data ?? []).flatMap((d) => d.network.links), [q.data]);
  const verdicts = useMemo(() => new Map([...expansion.verdicts, ...(q.data ?? []).flatMap((d) => d.verdicts.map((v) => [v.account, v] as const))]), [q.data, expansion.verdicts]);
  return (
    <section className="page" aria-labelledby="map-title">
      <div className="page-head">
        <h1 id="map-title">Network map</h1>
        <span className="muted">{q.data ? `${q.data.length} networks · ${links.length} links${nodes !== null ? ` · ${nodes} nodes` : ''}` : ''}</span>
      </div>
      <QueryState isPending={q.isPending} error={q.error}>
        {() => (
          <div className="graph-layout">
            <NetworkGraph links={links} extra={expansion.extra} verdicts={verdicts} onSelect={setSelected} selected={selected} onReady={setNodes} />
            <aside className="panel explain" aria-live="polite" aria-labelledby="selection-title">
              <h2 id="selection-title">Selection</h2>
              {selected?.type === 'account' ? <Link to={`/accounts/${encodeURIComponent(selected.id)}`} className="mono">{selected.id}</Link> : selected?.type === 'value' ? <p className="mono break">{selected.via}: {selected.value}</p> : <p className="muted">Click a node, or open a network from the list for its tables.</p>}
              {selected ? (
                <div className="btn-row">
                  <button type="button" className="btn small" disabled={!canExpand(selected) || expansion.pending} onClick={() => void expansion.expand(selected)}>
                    {expansion.pending ? 'Expanding…' : 'Expand neighbours'}
                  </button>
                  {expansion.extra.length ? <button type="button" className="btn small ghost" onClick={expansion.clear}>Clear expansion</button> : null}
                </div>
              ) : null}
              {expansion.note ? <p className="expand-note" role="status">{expansion.note}</p> : null}
              {expansion.error ? <ErrorNote error={expansion.error} /> : null}
            </aside>
          </div>
        )}
      </QueryState>
    </section>
  );
}
