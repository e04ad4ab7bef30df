import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, qs } from '../api.js';
import { Badge, Pager, QueryState } from '../components/ui.js';
import { Link } from '../router.js';

interface ActorRow {
  id?: string;
  name: string;
  aliases: string[];
  country?: string | null;
  mitre_id?: string | null;
  sponsor?: string | null;
}
interface NetworkRow {
  id: string;
  size: number;
  actor: { name: string; level: string; confidence: number } | null;
}

const LIMIT = 25;

export function ActorsPage() {
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const actors = useQuery({ queryKey: ['actors', q, offset], queryFn: () => api<{ total: number; actors: ActorRow[] }>(`/api/v1/actors${qs({ q, limit: LIMIT, offset })}`) });
  // Which tracked actors the live pipeline has attributed networks to (server-side filtered).
  const networks = useQuery({ queryKey: ['networks-attributed'], queryFn: () => api<{ total: number; networks: NetworkRow[] }>(`/api/v1/console/networks${qs({ limit: 500 })}`) });
  const byActor = new Map<string, NetworkRow[]>();
  for (const n of networks.data?.networks ?? []) if (n.actor) byActor.set(n.actor.name, [...(byActor.get(n.actor.name) ?? []), n]);

  return (
    <section className="page" aria-labelledby="actors-title">
      <div className="page-head">
        <h1 id="actors-title">Actors</h1>
        <span className="muted">tracked intrusion sets, names across vendors</span>
      </div>
      <div className="toolbar">
        <label>
          Name or alias
          <input type="search" value={q} onChange={(e) => { setQ(e.target.value); setOffset(0); }} placeholder="Forest Blizzard, APT28, STRONTIUM…" />
        </label>
      </div>
      <QueryState isPending={actors.isPending} error={actors.error}>
        {() => (
          <>
            <table className="table" aria-label="Actors">
              <thead>
                <tr>
                  <th scope="col">Actor</th>
                  <th scope="col">Aliases</th>
                  <th scope="col">Country</th>
                  <th scope="col">MITRE</th>
                  <th scope="col">Networks seen</th>
                </tr>
              </thead>
              <tbody>
                {actors.data!.actors.map((a) => {
                  const nets = byActor.get(a.name) ?? [];
                  return (
                    <tr key={a.id ?? a.name} className={nets.length ? 'hot' : ''}>
                      <th scope="row">{a.name}</th>
                      <td className="aliases">{a.aliases.slice(0, 6).join(' · ')}{a.aliases.length > 6 ? ` +${a.aliases.length - 6}` : ''}</td>
                      <td>{a.country ?? '—'}</td>
                      <td className="mono">{a.mitre_id ?? '—'}</td>
                      <td>
                        {nets.length
                          ? nets.slice(0, 4).map((n) => (
                              <Link key={n.id} to={`/networks/${encodeURIComponent(n.id)}`} className="chip">
                                {n.id} <Badge>{n.size} accts</Badge>
                              </Link>
                            ))
                          : <span className="muted">—</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <Pager offset={offset} limit={LIMIT} total={actors.data!.total} onOffset={setOffset} />
          </>
        )}
      </QueryState>
    </section>
  );
}
