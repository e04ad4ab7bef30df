import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, qs } from '../api.js';
import { Badge, Pager, QueryState, fmtTime } from '../components/ui.js';

interface IndicatorRow {
  collection: string;
  source: string;
  dateAdded: string;
  object: { id?: string; name?: string; pattern?: string; valid_from?: string; valid_until?: string; indicator_types?: string[]; confidence?: number };
}
interface IntelSources {
  feeds: { name: string; collectionUrl: string; targetCollection: string; intervalSeconds: number; lastSyncAt: string | null; lastError: string | null }[];
  collections: { id: string; objects: number; indicators: number; sources: string[] }[];
}

const LIMIT = 50;

export function IntelPage() {
  const [offset, setOffset] = useState(0);
  const ind = useQuery({ queryKey: ['indicators', offset], queryFn: () => api<{ total: number; indicators: IndicatorRow[] }>(`/api/v1/indicators${qs({ offset, limit: LIMIT })}`) });
  const src = useQuery({ queryKey: ['intel-sources'], queryFn: () => api<IntelSources>('/api/v1/console/intel') });
  return (
    <section className="page" aria-labelledby="intel-title">
      <div className="page-head">
        <h1 id="intel-title">Intel</h1>
        <span className="muted">STIX 2.1 indicators from partners and feeds; partners read Warden's over TAXII 2.1 at /taxii2/</span>
      </div>
      <div className="grid-2 wide-left">
        <div className="panel">
          <h2>Indicators</h2>
          <QueryState isPending={ind.isPending} error={ind.error}>
            {() => (
              <>
                <table className="table compact" aria-label="Indicators">
                  <thead>
                    <tr><th scope="col">Name</th><th scope="col">Pattern</th><th scope="col">Valid</th><th scope="col">Collection</th><th scope="col">Added</th></tr>
                  </thead>
                  <tbody>
                    {ind.data!.indicators.map((i) => (
                      <tr key={`${i.collection}|${i.object.id ?? ''}`}>
                        <td>{i.object.name ?? <span className="muted">unnamed</span>}{i.object.indicator_types?.map((t) => <Badge key={t}>{t}</Badge>)}</td>
                        <td className="mono small break">{i.object.pattern}</td>
                        <td className="small nowrap">{fmtTime(i.object.valid_from).slice(0, 10)}{i.object.valid_until ? ` → ${fmtTime(i.object.valid_until).slice(0, 10)}` : ''}</td>
                        <td>{i.collection}</td>
                        <td className="small muted nowrap">{fmtTime(i.dateAdded)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {ind.data!.total === 0 ? <p className="muted">No indicators stored. Import a bundle: <code>warden intel import BUNDLE.json</code>.</p> : null}
                <Pager offset={offset} limit={LIMIT} total={ind.data!.total} onOffset={setOffset} />
              </>
            )}
          </QueryState>
        </div>
        <div className="stack">
          <div className="panel">
            <h2>Collections</h2>
            <QueryState isPending={src.isPending} error={src.error}>
              {() => (
                <table className="table compact" aria-label="Collections">
                  <thead><tr><th scope="col">Collection</th><th scope="col">Objects</th><th scope="col">Indicators</th><th scope="col">Sources</th></tr></thead>
                  <tbody>
                    {src.data!.collections.map((c) => (
                      <tr key={c.id}><td className="mono">{c.id}</td><td className="num">{c.objects}</td><td className="num">{c.indicators}</td><td className="small">{c.sources.join(', ')}</td></tr>
                    ))}
                  </tbody>
                </table>
              )}
            </QueryState>
          </div>
          <div className="panel">
            <h2>Feeds</h2>
            <QueryState isPending={src.isPending} error={src.error}>
              {() => (
                <ul className="plain small">
                  {src.data!.feeds.map((f) => (
                    <li key={f.name}>
                      <strong>{f.name}</strong> → {f.targetCollection} every {Math.round(f.intervalSeconds / 60)} min
                      <div className="mono break muted">{f.collectionUrl}</div>
                      <div>{f.lastError ? <Badge tone="bad">error: {f.lastError}</Badge> : f.lastSyncAt ? `last sync ${fmtTime(f.lastSyncAt)}` : 'never synced'}</div>
                    </li>
                  ))}
                  {src.data!.feeds.length === 0 ? <li className="muted">No feeds. Add one with <code>warden intel feeds add</code>.</li> : null}
                </ul>
              )}
            </QueryState>
          </div>
        </div>
      </div>
    </section>
  );
}
