import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../api.js';
import { kindColour } from '../components/kinds.js';
import { Badge, QueryState, Score } from '../components/ui.js';
import { Link, useRouter } from '../router.js';

interface SearchAnswer {
  accounts: { account: string; verdict: string; score: number; network: string | null }[];
  values: { via: string; value: string; network: string }[];
  networks: { id: string; size: number; actor: string | null }[];
  indicators: { id: string; name: string | null; pattern: string }[];
  cases: { id: string; key: string; title: string; state: string }[];
}

export function SearchPage() {
  const { loc } = useRouter();
  const q = loc.query.get('q') ?? '';
  const r = useQuery({ queryKey: ['search', q], enabled: q.length >= 2, queryFn: () => api<SearchAnswer>(`/api/v1/console/search${qs({ q, limit: 20 })}`) });
  return (
    <section className="page" aria-labelledby="search-title">
      <div className="page-head">
        <h1 id="search-title">Search: <span className="mono">{q}</span></h1>
      </div>
      {q.length < 2 ? <p className="muted">Type at least two characters in the search box.</p> : (
        <QueryState isPending={r.isPending} error={r.error}>
          {() => {
            const d = r.data!;
            const none = !d.accounts.length && !d.values.length && !d.networks.length && !d.indicators.length && !d.cases.length;
            return (
              <div className="grid-2">
                {none ? <p className="muted">Nothing matches.</p> : null}
                {d.accounts.length ? (
                  <div className="panel"><h2>Flagged accounts</h2>
                    <ul className="plain">{d.accounts.map((a) => <li key={a.account}><Link to={`/accounts/${encodeURIComponent(a.account)}`} className="mono">{a.account}</Link> <Score value={a.score} /> {a.network ? <span className="muted small">in {a.network}</span> : null}</li>)}</ul>
                  </div>) : null}
                {d.values.length ? (
                  <div className="panel"><h2>Linking values</h2>
                    <ul className="plain">{d.values.map((v) => <li key={`${v.via}:${v.value}`}><span className="kind" style={{ borderColor: kindColour[v.via], color: kindColour[v.via] }}>{v.via}</span> <span className="mono small">{v.value}</span> → <Link to={`/networks/${encodeURIComponent(v.network)}`} className="mono">{v.network}</Link></li>)}</ul>
                  </div>) : null}
                {d.networks.length ? (
                  <div className="panel"><h2>Networks</h2>
                    <ul className="plain">{d.networks.map((n) => <li key={n.id}><Link to={`/networks/${encodeURIComponent(n.id)}`} className="mono">{n.id}</Link> {n.size} accounts {n.actor ? <Badge tone="actor">{n.actor}</Badge> : null}</li>)}</ul>
                  </div>) : null}
                {d.cases.length ? (
                  <div className="panel"><h2>Cases</h2>
                    <ul className="plain">{d.cases.map((c) => <li key={c.id}><Link to={`/cases/${encodeURIComponent(c.id)}`} className="mono">{c.key}</Link> {c.title} <Badge tone={`state-${c.state}`}>{c.state}</Badge></li>)}</ul>
                  </div>) : null}
                {d.indicators.length ? (
                  <div className="panel"><h2>Indicators</h2>
                    <ul className="plain">{d.indicators.map((i) => <li key={i.id}>{i.name ?? i.id} <div className="mono small break muted">{i.pattern}</div></li>)}</ul>
                  </div>) : null}
              </div>
            );
          }}
        </QueryState>
      )}
    </section>
  );
}
