import { useQuery } from '@tanstack/react-query';
import { api } from '../api.js';
import { Badge, Bars, QueryState, Score, Stat, fmtTime } from '../components/ui.js';
import { Link } from '../router.js';
import { GatewayHealthPanel } from '../components/GatewayHealth.js';

interface Overview {
  generatedAt: string;
  events: number;
  flagged: { malicious: number; suspicious: number };
  networks: { total: number; attributed: number };
  ttps: { key: string; value: number }[];
  actors: { key: string; value: number }[];
  cases: Record<string, number>;
  actions: Record<string, number>;
  blocklist: number | null;
  detections: { account: string; verdict: string; score: number; network: string | null; actor: string | null; ttps: string[] }[];
}

const openStates = ['new', 'triage', 'investigating', 'decided', 'reopened'];

export function OverviewPage() {
  const q = useQuery({ queryKey: ['overview'], queryFn: () => api<Overview>('/api/v1/console/overview'), refetchInterval: 30_000 });
  return (
    <section className="page" aria-labelledby="overview-title">
      <div className="page-head">
        <h1 id="overview-title">Overview</h1>
        {q.data ? <span className="muted">live pipeline · updated {fmtTime(q.data.generatedAt)}</span> : null}
      </div>
      <QueryState isPending={q.isPending} error={q.error}>
        {() => {
          const d = q.data!;
          const open = openStates.reduce((n, s) => n + (d.cases[s] ?? 0), 0);
          const executed = d.actions.executed ?? 0;
          const pending = d.actions.proposed ?? 0;
          return (
            <>
              <div className="stats">
                <Stat label="events analysed" value={d.events.toLocaleString()} />
                <Stat label="malicious accounts" value={d.flagged.malicious.toLocaleString()} tone="bad" hint={`${d.flagged.suspicious.toLocaleString()} suspicious`} />
                <Stat label="networks" value={d.networks.total.toLocaleString()} hint={`${d.networks.attributed} attributed to an actor`} />
                <Stat label="open cases" value={open.toLocaleString()} tone={open ? 'warn' : 'ok'} hint={<Link to="/cases">open the queue →</Link>} />
                <Stat label="actions executed" value={executed.toLocaleString()} hint={`${pending} awaiting approval`} />
                <Stat label="blocklist entries" value={d.blocklist === null ? '—' : d.blocklist.toLocaleString()} hint="enforced at the gateway" />
              </div>
              <div className="grid-2">
                <div className="panel">
                  <h2 id="detections-title">Top detections</h2>
                  <table className="table" aria-label="Top detections">
                    <thead>
                      <tr>
                        <th scope="col">Account</th>
                        <th scope="col">Score</th>
                        <th scope="col">Actor</th>
                        <th scope="col">TTPs</th>
                        <th scope="col">Network</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.detections.map((a) => (
                        <tr key={a.account}>
                          <td>
                            <Link to={`/accounts/${encodeURIComponent(a.account)}`} className="mono">
                              {a.account}
                            </Link>
                          </td>
                          <td>
                            <Score value={a.score} />
                          </td>
                          <td>{a.actor ? <Badge tone="actor">{a.actor}</Badge> : <span className="muted">—</span>}</td>
                          <td className="ttps">{a.ttps.slice(0, 3).map((t) => <Badge key={t}>{t}</Badge>)}</td>
                          <td>{a.network ? <Link to={`/networks/${encodeURIComponent(a.network)}`} className="mono">{a.network}</Link> : <span className="muted">—</span>}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {d.detections.length === 0 ? <p className="muted">No detections yet: events are analysed as they arrive.</p> : null}
                </div>
                <div className="stack">
                  <div className="panel">
                    <h2>Actors behind networks</h2>
                    {d.actors.length ? <Bars label="Networks per actor" data={d.actors.slice(0, 8)} /> : <p className="muted">No network attributed yet.</p>}
                  </div>
                  <div className="panel">
                    <h2>TTPs among flagged accounts</h2>
                    {d.ttps.length ? <Bars label="Accounts per TTP" data={d.ttps.slice(0, 10)} /> : <p className="muted">No TTP tagged yet.</p>}
                  </div>
                  <GatewayHealthPanel />
                  <div className="panel">
                    <h2>Cases by state</h2>
                    <Bars label="Cases per state" data={Object.entries(d.cases).map(([key, value]) => ({ key, value }))} />
                  </div>
                </div>
              </div>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
