import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import type { Me } from '../App.js';
import { kindColour } from '../components/NetworkGraph.js';
import { Badge, ErrorNote, QueryState, Score, fmtTime } from '../components/ui.js';
import { Link } from '../router.js';
import type { CaseView, ReportAccount, ReportNetwork } from '../types.js';

interface CaseDetail {
  case: CaseView;
  snapshot: {
    reportAt: string;
    network: ReportNetwork | null;
    accounts: ReportAccount[];
    refs: { events: string[]; indicators: string[]; ttps: string[]; links: { a: string; b: string; via: string; value: string }[]; rules: string[] };
  } | null;
  notes: { seq: number; kind: string; author: string; body: string; at: number }[];
}
interface Plan {
  targetType: string;
  targetId: string;
  kind: string;
  accounts: string[];
  entries: { kind: string; value: string; effect: string; outsideAccounts: number; hub: string | null; included: boolean }[];
  collateral: { account: string; verdict: string | null; score: number | null; shares: { kind: string; value: string }[]; affected: boolean }[];
  collateralTotal: number;
  warnings: string[];
}
interface ActionView {
  id: string;
  kind: string;
  targetType: string;
  targetId: string;
  state: string;
  reason: string;
  proposedBy: string;
  decidedBy: string | null;
  createdAt: string;
  executedAt: string | null;
  plan: Plan;
}

const transitions: Record<string, string[]> = {
  new: ['triage', 'investigating', 'decided', 'closed'],
  triage: ['investigating', 'decided', 'closed'],
  investigating: ['triage', 'decided', 'closed'],
  decided: ['investigating', 'actioned', 'closed'],
  actioned: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['triage', 'investigating', 'decided', 'closed'],
};
const leadRoles = new Set(['lead', 'admin']);
const proposeRoles = new Set(['analyst', 'lead', 'admin']);

export function CasePage({ id, me }: { id: string; me: Me }) {
  const q = useQuery({ queryKey: ['case', id], queryFn: () => api<CaseDetail>(`/api/v1/cases/${encodeURIComponent(id)}`) });
  return (
    <section className="page" aria-labelledby="case-title">
      <QueryState isPending={q.isPending} error={q.error}>
        {() => <CaseView detail={q.data!} me={me} />}
      </QueryState>
    </section>
  );
}

function CaseView({ detail, me }: { detail: CaseDetail; me: Me }) {
  const c = detail.case;
  const qc = useQueryClient();
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['case', c.id] }), qc.invalidateQueries({ queryKey: ['audit', c.id] }), qc.invalidateQueries({ queryKey: ['actions', c.id] }), qc.invalidateQueries({ queryKey: ['overview'] })]);
  const update = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<CaseView>(`/api/v1/cases/${encodeURIComponent(c.id)}`, { method: 'PATCH', body: { ...body, version: c.version } }),
    onSuccess: refresh,
  });
  const [note, setNote] = useState('');
  const net = detail.snapshot?.network ?? null;
  const accounts = detail.snapshot?.accounts ?? [];

  return (
    <>
      <div className="page-head">
        <h1 id="case-title">
          <span className="mono">{c.key}</span> {c.title}
        </h1>
      </div>
      <div className="case-meta">
        <Badge tone={`state-${c.state}`}>{c.state}</Badge>
        <Badge tone={`prio-${c.priority}`}>{c.priority}</Badge>
        {c.actor ? <Badge tone="actor">{c.actor.name}{c.actor.level ? ` · ${c.actor.level}` : ''}</Badge> : null}
        <Score value={c.score} />
        <span className="muted">{c.accounts.length} accounts · opened {fmtTime(c.createdAt)} · v{c.version}</span>
        {c.networkId ? <Link to={`/networks/${encodeURIComponent(c.networkId)}`} className="btn small">Open network graph →</Link> : null}
        <Link to={`/reports?case=${encodeURIComponent(c.id)}`} className="btn small">Report for partner</Link>
      </div>
      <div className="grid-2">
        <div className="stack">
          <div className="panel">
            <h2>Evidence</h2>
            {net ? (
              <p>
                Network <Link to={`/networks/${encodeURIComponent(net.id)}`} className="mono">{net.id}</Link>: {net.accounts.length} accounts, linked by{' '}
                {[...new Set(net.links.map((l) => l.via))].map((v) => <span key={v} className="kind" style={{ borderColor: kindColour[v], color: kindColour[v] }}>{v}</span>)}
              </p>
            ) : null}
            <table className="table compact" aria-label="Accounts and their evidence">
              <thead><tr><th scope="col">Account</th><th scope="col">Score</th><th scope="col">Evidence</th></tr></thead>
              <tbody>
                {accounts.slice(0, 25).map((a) => (
                  <tr key={a.account}>
                    <td><Link to={`/accounts/${encodeURIComponent(a.account)}`} className="mono small">{a.account}</Link><div>{a.ttps.slice(0, 3).map((t) => <Badge key={t}>{t}</Badge>)}</div></td>
                    <td><Score value={a.score} /></td>
                    <td>
                      <ul className="evidence">
                        {a.evidence.slice(0, 4).map((e, i) => (
                          <li key={i}><Badge tone="kind">{e.kind}</Badge> {e.detail} <span className="muted small">{e.rule} · {e.weight.toFixed(2)}</span></li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {detail.snapshot ? <p className="muted small">Rules: {detail.snapshot.refs.rules.join(', ') || '—'} · indicators: {detail.snapshot.refs.indicators.length} · evidence events: {detail.snapshot.refs.events.length}</p> : null}
          </div>
          <Enforcement c={c} me={me} onDone={refresh} />
        </div>
        <div className="stack">
          <div className="panel">
            <h2>Workflow</h2>
            {update.error ? <ErrorNote error={update.error} /> : null}
            <div className="row wrap" role="group" aria-label="Move the case">
              {(transitions[c.state] ?? []).map((s) => (
                <button key={s} type="button" className="btn small" disabled={update.isPending || !proposeRoles.has(me.role)} onClick={() => update.mutate({ state: s })}>
                  → {s}
                </button>
              ))}
            </div>
            <div className="row wrap">
              <label>
                Disposition
                <select value={c.disposition ?? ''} disabled={!proposeRoles.has(me.role)} onChange={(e) => update.mutate({ disposition: e.target.value || null })}>
                  <option value="">none</option>
                  {['true-positive', 'false-positive', 'benign-but-suspicious', 'duplicate'].map((d) => <option key={d} value={d}>{d}</option>)}
                </select>
              </label>
              <button type="button" className="btn small" disabled={!proposeRoles.has(me.role) || c.assignee === me.email} onClick={() => update.mutate({ assignee: me.email })}>
                Assign to me
              </button>
            </div>
            <form
              className="note-form"
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                if (note.trim()) update.mutate({ note: note.trim() }, { onSuccess: () => setNote('') });
              }}
            >
              <label>
                Add a note
                <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={20000} />
              </label>
              <button type="submit" className="btn small primary" disabled={!note.trim() || update.isPending}>Add note</button>
            </form>
          </div>
          <div className="panel">
            <h2>Timeline</h2>
            <ol className="timeline" aria-label="Case timeline">
              {[...detail.notes].reverse().map((n) => (
                <li key={n.seq}>
                  <span className="muted small nowrap">{fmtTime(new Date(n.at).toISOString())}</span> <Badge tone="kind">{n.kind}</Badge> <span className="small">{n.author}</span>
                  <div className="note-body">{n.body}</div>
                </li>
              ))}
              {detail.notes.length === 0 ? <li className="muted">Nothing yet.</li> : null}
            </ol>
          </div>
          <AuditTrail caseId={c.id} me={me} />
        </div>
      </div>
    </>
  );
}

function Enforcement({ c, me, onDone }: { c: CaseView; me: Me; onDone: () => Promise<unknown> }) {
  const target = c.networkId ? { targetType: 'network', targetId: c.networkId, kind: 'network-ban' } : { targetType: 'account', targetId: c.accounts[0] ?? '', kind: 'suspend' };
  const [reason, setReason] = useState('');
  const actions = useQuery({ queryKey: ['actions', c.id], queryFn: () => api<{ actions: ActionView[] }>(`/api/v1/actions?caseId=${encodeURIComponent(c.id)}`) });
  const preview = useMutation({ mutationFn: () => api<Plan>('/api/v1/actions/preview', { method: 'POST', body: target }) });
  const propose = useMutation({
    mutationFn: () => api<ActionView>('/api/v1/actions', { method: 'POST', body: { ...target, reason: reason.trim() } }),
    onSuccess: () => { setReason(''); return onDone(); },
  });
  const decide = useMutation({
    mutationFn: ({ id, verb }: { id: string; verb: 'approve' | 'reject' }) => api<ActionView>(`/api/v1/actions/${encodeURIComponent(id)}/${verb}`, { method: 'POST', body: verb === 'reject' ? { reason: 'rejected in the console' } : {} }),
    onSuccess: onDone,
  });
  const plan = preview.data;
  return (
    <div className="panel enforcement">
      <h2>Enforcement</h2>
      <p className="small">
        Target: <strong>{target.kind}</strong> of {target.targetType} <span className="mono">{target.targetId}</span>
      </p>
      {proposeRoles.has(me.role) ? (
        <button type="button" className="btn" onClick={() => preview.mutate()} disabled={preview.isPending}>
          {preview.isPending ? 'Computing…' : 'Preview blast radius'}
        </button>
      ) : (
        <p className="muted">Your role ({me.role}) cannot propose actions.</p>
      )}
      {preview.error ? <ErrorNote error={preview.error} /> : null}
      {plan ? (
        <div className="blast" data-testid="blast-radius">
          <h3>Blast radius</h3>
          <p>
            <strong>{plan.accounts.length}</strong> accounts · <strong>{plan.entries.filter((e) => e.included).length}</strong> values banned
            {plan.entries.some((e) => !e.included) ? ` · ${plan.entries.filter((e) => !e.included).length} hubs skipped` : ''} · <strong className={plan.collateral.some((x) => x.affected) ? 'warn-text' : ''}>{plan.collateral.filter((x) => x.affected).length}</strong> other accounts affected
          </p>
          {plan.warnings.map((w) => <p key={w} className="note warn">{w}</p>)}
          <table className="table compact" aria-label="Values the ban covers">
            <thead><tr><th scope="col">Kind</th><th scope="col">Value</th><th scope="col">Others using it</th><th scope="col">Banned</th></tr></thead>
            <tbody>
              {plan.entries.slice(0, 20).map((e) => (
                <tr key={`${e.kind}:${e.value}`} className={e.included ? '' : 'muted'}>
                  <td>{e.kind}</td>
                  <td className="mono small break">{e.value}</td>
                  <td className="num">{e.outsideAccounts}</td>
                  <td>{e.included ? 'yes' : `no (hub: ${e.hub ?? '?'})`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {plan.collateral.length ? (
            <>
              <h3>Possibly honest accounts sharing these values</h3>
              <ul className="plain small">
                {plan.collateral.slice(0, 10).map((x) => (
                  <li key={x.account}>
                    <span className="mono">{x.account}</span> {x.verdict ? <Badge>{x.verdict}</Badge> : <Badge tone="ok">not flagged</Badge>} shares {x.shares.map((s) => `${s.kind}:${s.value}`).join(', ')} — {x.affected ? <strong className="warn-text">will be refused</strong> : 'not affected'}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              propose.mutate();
            }}
          >
            <label>
              Reason (recorded, shown to the approver)
              <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} required maxLength={2000} />
            </label>
            <button type="submit" className="btn danger" disabled={!reason.trim() || propose.isPending}>
              Propose {target.kind}
            </button>
          </form>
          {propose.error ? <ErrorNote error={propose.error} /> : null}
        </div>
      ) : null}
      <h3>Actions</h3>
      <QueryState isPending={actions.isPending} error={actions.error}>
        {() => (
          <ul className="plain actions">
            {actions.data!.actions.map((a) => (
              <li key={a.id} data-testid={`action-${a.state}`}>
                <Badge tone={`action-${a.state}`}>{a.state}</Badge> <strong>{a.kind}</strong> of {a.targetType} <span className="mono small">{a.targetId}</span>
                <div className="small muted">proposed by {a.proposedBy}{a.decidedBy ? `, decided by ${a.decidedBy}` : ''} · {fmtTime(a.createdAt)} — “{a.reason}”</div>
                {a.state === 'proposed' && leadRoles.has(me.role) ? (
                  <div className="row">
                    <button type="button" className="btn small danger" onClick={() => decide.mutate({ id: a.id, verb: 'approve' })} disabled={decide.isPending}>Approve and execute</button>
                    <button type="button" className="btn small" onClick={() => decide.mutate({ id: a.id, verb: 'reject' })} disabled={decide.isPending}>Reject</button>
                  </div>
                ) : a.state === 'proposed' ? (
                  <div className="small muted">Awaiting a lead’s approval.</div>
                ) : null}
              </li>
            ))}
            {actions.data!.actions.length === 0 ? <li className="muted">No action yet.</li> : null}
          </ul>
        )}
      </QueryState>
      {decide.error ? <ErrorNote error={decide.error} /> : null}
    </div>
  );
}

interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  reason?: string | null;
  target?: { type: string; id: string } | null;
}

function AuditTrail({ caseId, me }: { caseId: string; me: Me }) {
  const allowed = leadRoles.has(me.role);
  const q = useQuery({
    queryKey: ['audit', caseId],
    enabled: allowed,
    queryFn: () => api<{ entries: AuditEntry[] }>(`/api/v1/console/cases/${encodeURIComponent(caseId)}/audit`),
  });
  if (!allowed) return null;
  const rows = q.data?.entries ?? [];
  return (
    <div className="panel">
      <h2>Audit trail</h2>
      <QueryState isPending={q.isPending} error={q.error}>
        {() => (
          <ol className="timeline small">
            {rows.map((r, i) => (
              <li key={i}>
                <span className="muted nowrap">{fmtTime(r.at)}</span> <Badge tone="kind">{r.action}</Badge> {r.actor}
                {r.target ? <span className="muted"> · {r.target.type} {r.target.id}</span> : null}
                {r.reason ? <div className="note-body">{r.reason}</div> : null}
              </li>
            ))}
            {rows.length === 0 ? <li className="muted">No audit records for this case.</li> : null}
          </ol>
        )}
      </QueryState>
    </div>
  );
}
