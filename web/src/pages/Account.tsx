import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, qs } from '../api.js';
import type { Me } from '../App.js';
import { kindColour } from '../components/kinds.js';
import { Badge, ErrorNote, QueryState, Score, fmtTime } from '../components/ui.js';
import { Link } from '../router.js';
import type { NetworkLink, ReportAccount } from '../types.js';

interface AccountDetail {
  account: string;
  verdict: ReportAccount | null;
  network: { id: string; size: number; actor: string | null; why: string | null } | null;
  links: NetworkLink[];
  cases: { id: string; key: string; title: string; state: string }[];
}
interface StoredEvent {
  id: string;
  time: string;
  kind: string;
  ip?: string;
  device?: string;
  profile?: Record<string, string>;
  payment?: { fingerprint?: string; country?: string };
  request?: { model?: string; prompt?: string; messages?: { role: string; content: string }[] };
  response?: { refused?: boolean; content?: string };
  enforcement?: { action?: string; reason?: string };
}
interface EventsAnswer {
  account: string;
  events: { seq: number; receivedAt: string; event: StoredEvent }[];
  masked: Record<string, number> | null;
  nextCursor: string | null;
}

/** Events per timeline page; the server pages newest first with a cursor. */
const eventsPage = 100;

const revealRoles = new Set(['analyst', 'lead', 'admin']);

function promptOf(e: StoredEvent): string | null {
  const parts = (e.request?.messages ?? []).filter((m) => m.role === 'user' || m.role === 'system').map((m) => m.content);
  if (e.request?.prompt) parts.push(e.request.prompt);
  return parts.length ? parts.join('\n\n') : null;
}

export function AccountPage({ account, me }: { account: string; me: Me }) {
  const detail = useQuery({ queryKey: ['account', account], queryFn: () => api<AccountDetail>(`/api/v1/console/accounts/${encodeURIComponent(account)}`) });
  const matches = useQuery({ queryKey: ['matches', account], queryFn: () => api<{ total: number; matches: unknown[] }>(`/api/v1/matches${qs({ account, limit: 50 })}`) });
  const [revealed, setRevealed] = useState<EventsAnswer | null>(null);
  const events = useInfiniteQuery({
    queryKey: ['events', account],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api<EventsAnswer>(`/api/v1/accounts/${encodeURIComponent(account)}/events${qs({ order: 'desc', limit: eventsPage, ...(pageParam ? { cursor: pageParam } : {}) })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const loaded = events.data?.pages.flatMap((p) => p.events) ?? [];
  const shown = revealed?.events ?? loaded;
  const evidenceEvents = new Set((detail.data?.verdict?.evidence ?? []).flatMap((e) => e.refs?.events ?? []));

  return (
    <section className="page" aria-labelledby="account-title">
      <div className="page-head">
        <h1 id="account-title">
          Account <span className="mono">{account}</span>
        </h1>
        {detail.data?.verdict ? <><Badge tone={detail.data.verdict.verdict === 'malicious' ? 'bad' : 'warn'}>{detail.data.verdict.verdict}</Badge><Score value={detail.data.verdict.score} /></> : detail.data ? <Badge tone="ok">not flagged</Badge> : null}
        {detail.data?.verdict?.actor ? <Badge tone="actor">{detail.data.verdict.actor.name} · {detail.data.verdict.actor.level}</Badge> : null}
      </div>
      <QueryState isPending={detail.isPending} error={detail.error}>
        {() => {
          const d = detail.data!;
          return (
            <div className="grid-2">
              <div className="stack">
                <div className="panel">
                  <h2>Timeline</h2>
                  <RevealForm account={account} me={me} onRevealed={setRevealed} revealed={revealed !== null} count={loaded.length} />
                  <QueryState isPending={events.isPending} error={events.error}>
                    {() => (
                      <ol className="events" aria-label="Events, newest first">
                        {shown.map(({ event: e }) => {
                          const text = promptOf(e);
                          return (
                            <li key={e.id} className={evidenceEvents.has(e.id) ? 'evidence-event' : ''}>
                              <div className="event-head">
                                <span className="mono small nowrap">{fmtTime(e.time)}</span> <Badge tone="kind">{e.kind}</Badge>
                                {evidenceEvents.has(e.id) ? <Badge tone="bad">evidence</Badge> : null}
                                {e.ip ? <span className="mono small muted">{e.ip}</span> : null}
                                {e.device ? <span className="mono small muted">dev {e.device}</span> : null}
                                {e.request?.model ? <span className="small muted">{e.request.model}</span> : null}
                                {e.response?.refused ? <Badge tone="warn">refused</Badge> : null}
                              </div>
                              {text !== null ? <blockquote className={revealed ? 'prompt revealed' : 'prompt'}>{text}</blockquote> : null}
                              {e.profile ? <div className="small muted">{Object.entries(e.profile).map(([k, v]) => `${k}: ${v}`).join(' · ')}</div> : null}
                              {e.payment ? <div className="small muted">payment {e.payment.fingerprint} {e.payment.country ?? ''}</div> : null}
                              {e.enforcement ? <div className="small">enforced: {e.enforcement.action} {e.enforcement.reason ?? ''}</div> : null}
                            </li>
                          );
                        })}
                        {shown.length === 0 ? <li className="muted">No stored events.</li> : null}
                      </ol>
                    )}
                  </QueryState>
                  {events.hasNextPage && !revealed ? (
                    <button type="button" className="btn small ghost" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
                      {events.isFetchingNextPage ? 'Loading…' : `Load older events (${shown.length} shown)`}
                    </button>
                  ) : revealed && events.hasNextPage ? (
                    <p className="small muted">Mask again to load older events.</p>
                  ) : null}
                </div>
              </div>
              <div className="stack">
                <div className="panel">
                  <h2>Why flagged</h2>
                  {d.verdict ? (
                    <ul className="evidence">
                      {d.verdict.evidence.map((e, i) => (
                        <li key={i}><Badge tone="kind">{e.kind}</Badge> {e.detail} <span className="muted small">{e.rule} · weight {e.weight.toFixed(2)}</span></li>
                      ))}
                    </ul>
                  ) : <p className="muted">No verdict on this account.</p>}
                  <h3>TTPs</h3>
                  <div>{d.verdict?.ttps.length ? d.verdict.ttps.map((t) => <Badge key={t}>{t}</Badge>) : <span className="muted">none tagged</span>}</div>
                  {d.verdict?.evidence.filter((e) => e.kind === 'content').slice(0, 5).map((e, i) => <p key={i} className="small">{e.detail}</p>)}
                </div>
                <div className="panel">
                  <h2>Network and linked accounts</h2>
                  {d.network ? (
                    <>
                      <p>
                        <Link to={`/networks/${encodeURIComponent(d.network.id)}`} className="mono">{d.network.id}</Link> · {d.network.size} accounts{d.network.actor ? ` · ${d.network.actor}` : ''}
                      </p>
                      {d.network.why ? <p className="small">Why it belongs: {d.network.why}</p> : null}
                      <table className="table compact" aria-label="Linked accounts">
                        <thead><tr><th scope="col">Linked account</th><th scope="col">Via</th><th scope="col">Weight</th></tr></thead>
                        <tbody>
                          {d.links.slice(0, 30).map((l) => {
                            const other = l.a === account ? l.b : l.a;
                            return (
                              <tr key={`${other}|${l.via}|${l.value}`}>
                                <td><Link to={`/accounts/${encodeURIComponent(other)}`} className="mono small">{other}</Link></td>
                                <td><span className="kind" style={{ borderColor: kindColour[l.via], color: kindColour[l.via] }}>{l.via}</span> <span className="mono small break">{l.value}</span></td>
                                <td className="num">{l.weight.toFixed(2)}</td>
                              </tr>
                            );
                          })}
                        </tbody>
                      </table>
                    </>
                  ) : <p className="muted">Not part of a network.</p>}
                </div>
                <div className="panel">
                  <h2>Indicator matches</h2>
                  <QueryState isPending={matches.isPending} error={matches.error}>
                    {() => (
                      <ul className="plain small">
                        {matches.data!.matches.slice(0, 20).map((m, i) => <li key={i} className="mono break">{summariseMatch(m)}</li>)}
                        {matches.data!.total === 0 ? <li className="muted">No indicator matched this account.</li> : null}
                      </ul>
                    )}
                  </QueryState>
                </div>
                <div className="panel">
                  <h2>Cases</h2>
                  <ul className="plain">
                    {d.cases.map((c) => <li key={c.id}><Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.key}</Link> {c.title} <Badge tone={`state-${c.state}`}>{c.state}</Badge></li>)}
                    {d.cases.length === 0 ? <li className="muted">No case names this account.</li> : null}
                  </ul>
                </div>
              </div>
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}

function summariseMatch(m: unknown): string {
  if (typeof m !== 'object' || m === null) return String(m);
  const o = m as Record<string, unknown>;
  const parts = ['indicator', 'indicatorName', 'name', 'pattern', 'value', 'observed', 'actor'].map((k) => o[k]).filter((v) => typeof v === 'string');
  return parts.length ? parts.join(' · ') : JSON.stringify(m).slice(0, 200);
}

/** Raw prompt text only with a stated reason; the server checks the role, an open case, and audits the read. */
function RevealForm({ account, me, onRevealed, revealed, count }: { account: string; me: Me; onRevealed: (e: EventsAnswer | null) => void; revealed: boolean; count: number }) {
  const [reason, setReason] = useState('');
  const reveal = useMutation({
    // Reveals exactly the events on screen (the newest `count`), so the audit names what was read.
    mutationFn: () => api<EventsAnswer>(`/api/v1/accounts/${encodeURIComponent(account)}/events${qs({ order: 'desc', limit: Math.min(Math.max(count, 1), 1000), reveal: 'true', reason: reason.trim() })}`),
    onSuccess: (d) => onRevealed(d),
  });
  if (!revealRoles.has(me.role)) return <p className="muted small">Prompts are shown with personal data masked. Your role cannot reveal raw text.</p>;
  if (revealed)
    return (
      <p className="note warn small">
        Raw text shown; this read is in the audit log. <button type="button" className="btn small ghost" onClick={() => onRevealed(null)}>Mask again</button>
      </p>
    );
  return (
    <form
      className="reveal"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        reveal.mutate();
      }}
    >
      <p className="small muted">Personal data in prompts is masked. To see raw text, state why (recorded in the audit log; the account must be under an open case).</p>
      <div className="row">
        <label className="grow">
          Reason to reveal
          <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} minLength={10} maxLength={1000} required name="reason" />
        </label>
        <button type="submit" className="btn" disabled={reveal.isPending || reason.trim().length < 10}>Reveal prompts</button>
      </div>
      {reveal.error ? <ErrorNote error={reveal.error} /> : null}
    </form>
  );
}
