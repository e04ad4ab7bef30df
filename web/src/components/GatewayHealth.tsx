import { useQuery } from '@tanstack/react-query';
import { api } from '../api.js';
import { Bars, QueryState, fmtTime } from './ui.js';

/** `GET /api/v1/console/gateway` (the API's schema, console-health.ts, is the authority). */
export interface GatewayHealth {
  windowStart: string;
  scanned: number;
  partial: boolean;
  requests: number;
  replicas: { id: string; requests: number; lastSeen: string }[];
  decisions: { key: string; value: number }[];
  enforced: { key: string; value: number }[];
  failModes: number;
  degraded: number;
  latencyMs: { p50: number; p95: number } | null;
  lastRequestAt: string | null;
  blocklist: { active: number; inThisProcess: number | null };
  lastBan: { id: string; kind: string; createdAt: string; inThisProcess: boolean | null; firstRefusalAt: string | null; firstRefusalAfterMs: number | null } | null;
}

function fmtMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The gateway over the last hour, as the store saw it: every request a replica served is an
 * event, so replicas, decisions and refusals are counted from those; the last ban comes from the
 * block entries. Loaded apart from the overview's figures so it never delays them.
 */
export function GatewayHealthPanel() {
  const q = useQuery({ queryKey: ['gateway-health'], queryFn: () => api<GatewayHealth>('/api/v1/console/gateway'), refetchInterval: 30_000 });
  return (
    <div className="panel" aria-labelledby="gw-title" data-testid="gateway-health">
      <h2 id="gw-title">Gateway, last hour</h2>
      <QueryState isPending={q.isPending} error={q.error}>
        {() => {
          const h = q.data!;
          return (
            <>
              <dl className="facts">
                <div>
                  <dt>requests</dt>
                  <dd>
                    {h.requests.toLocaleString()}
                    {h.partial ? <span className="muted"> (at least: newest {h.scanned.toLocaleString()} events read)</span> : null}
                  </dd>
                </div>
                <div>
                  <dt>replicas seen</dt>
                  <dd>{h.replicas.length ? h.replicas.map((r) => `${r.id.slice(0, 6)} (${r.requests.toLocaleString()})`).join(', ') : 'none'}</dd>
                </div>
                <div>
                  <dt>last request</dt>
                  <dd>{fmtTime(h.lastRequestAt)}</dd>
                </div>
                <div>
                  <dt>latency p50 / p95</dt>
                  <dd>{h.latencyMs ? `${fmtMs(h.latencyMs.p50)} / ${fmtMs(h.latencyMs.p95)}` : '—'}</dd>
                </div>
                <div>
                  <dt>fail-open or fail-closed</dt>
                  <dd>{h.failModes.toLocaleString()}{h.degraded ? ` · ${h.degraded.toLocaleString()} degraded` : ''}</dd>
                </div>
                <div>
                  <dt>blocklist</dt>
                  <dd>
                    {h.blocklist.active.toLocaleString()} active{h.blocklist.inThisProcess !== null ? ` · ${h.blocklist.inThisProcess.toLocaleString()} held here` : ''}
                  </dd>
                </div>
                <div>
                  <dt>last ban</dt>
                  <dd>
                    {h.lastBan ? (
                      <>
                        {h.lastBan.kind} at {fmtTime(h.lastBan.createdAt)}
                        {h.lastBan.inThisProcess === false ? ' · not yet in this process' : ''}
                        {h.lastBan.firstRefusalAfterMs !== null ? ` · first refusal ${fmtMs(h.lastBan.firstRefusalAfterMs)} later` : ' · no refusal citing it this hour'}
                      </>
                    ) : (
                      'none'
                    )}
                  </dd>
                </div>
              </dl>
              {h.decisions.length ? <Bars label="Gateway decisions per action" data={h.decisions} /> : <p className="muted">No gateway request in the last hour.</p>}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
