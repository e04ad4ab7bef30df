import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, qs } from '../api.js';
import { Badge, QueryState, Score, fmtTime } from '../components/ui.js';
import { Link, useRouter } from '../router.js';
import type { CaseView } from '../types.js';

export const caseStates = ['new', 'triage', 'investigating', 'decided', 'actioned', 'closed', 'reopened'] as const;
const LIMIT = 50;

/** The queue: newest first, filtered by state on the server, paged with the API's cursor. */
export function CasesPage() {
  const { navigate } = useRouter();
  const [state, setState] = useState('');
  const [cursors, setCursors] = useState<number[]>([]);
  const before = cursors[cursors.length - 1];
  const q = useQuery({ queryKey: ['cases', state, before], queryFn: () => api<{ cases: CaseView[]; next: number | null }>(`/api/v1/cases${qs({ state, limit: LIMIT, before })}`) });
  return (
    <section className="page" aria-labelledby="cases-title">
      <div className="page-head">
        <h1 id="cases-title">Cases</h1>
        <span className="muted">detections become cases; decide, act, close</span>
      </div>
      <div className="toolbar" role="group" aria-label="Filter by state">
        {['', ...caseStates].map((s) => (
          <button key={s || 'all'} type="button" className={`btn small ${state === s ? 'primary' : ''}`} aria-pressed={state === s} onClick={() => { setState(s); setCursors([]); }}>
            {s || 'all'}
          </button>
        ))}
      </div>
      <QueryState isPending={q.isPending} error={q.error}>
        {() => (
          <>
            <table className="table" aria-label="Case queue">
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Title</th>
                  <th scope="col">State</th>
                  <th scope="col">Priority</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Accounts</th>
                  <th scope="col">Score</th>
                  <th scope="col">Assignee</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {q.data!.cases.map((c) => (
                  <tr key={c.id} className="clickable" onClick={() => navigate(`/cases/${encodeURIComponent(c.id)}`)}>
                    <td><Link to={`/cases/${encodeURIComponent(c.id)}`} className="mono">{c.key}</Link></td>
                    <td className="title-cell">{c.title}</td>
                    <td><Badge tone={`state-${c.state}`}>{c.state}</Badge></td>
                    <td><Badge tone={`prio-${c.priority}`}>{c.priority}</Badge></td>
                    <td>{c.actor ? <Badge tone="actor">{c.actor.name}</Badge> : <span className="muted">—</span>}</td>
                    <td className="num">{c.accounts.length}</td>
                    <td><Score value={c.score} /></td>
                    <td>{c.assignee ?? <span className="muted">unassigned</span>}</td>
                    <td className="muted nowrap">{fmtTime(c.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {q.data!.cases.length === 0 ? <p className="muted">No cases{state ? ` in state ${state}` : ''}.</p> : null}
            <div className="pager">
              <button type="button" className="btn small" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>← Newer</button>
              <button type="button" className="btn small" disabled={q.data!.next === null} onClick={() => q.data!.next !== null && setCursors([...cursors, q.data!.next])}>Older →</button>
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}
