import type { ReactNode } from 'react';
import { ApiError } from '../api.js';

/** Loading, error and empty states in one place, so every page says the same thing the same way. */
export function QueryState({ isPending, error, children }: { isPending: boolean; error: unknown; children: () => ReactNode }) {
  if (isPending) return <p className="muted" role="status">Loading…</p>;
  if (error) return <ErrorNote error={error} />;
  return <>{children()}</>;
}

export function ErrorNote({ error }: { error: unknown }) {
  const msg = error instanceof ApiError ? `${error.message} (${error.code})` : error instanceof Error ? error.message : String(error);
  return (
    <p className="note error" role="alert">
      {msg}
    </p>
  );
}

export function Stat({ label, value, hint, tone }: { label: string; value: ReactNode; hint?: ReactNode; tone?: 'bad' | 'warn' | 'ok' }) {
  return (
    <div className={`stat ${tone ?? ''}`}>
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
      {hint ? <div className="stat-hint">{hint}</div> : null}
    </div>
  );
}

export function Badge({ children, tone }: { children: ReactNode; tone?: string }) {
  return <span className={`badge ${tone ? `badge-${tone}` : ''}`}>{children}</span>;
}

export function Score({ value }: { value: number }) {
  const tone = value >= 0.8 ? 'bad' : value >= 0.5 ? 'warn' : 'ok';
  return (
    <span className={`score score-${tone}`} title={`score ${value.toFixed(3)}`}>
      <span className="score-bar" style={{ width: `${Math.round(value * 100)}%` }} aria-hidden="true" />
      <span className="score-num">{value.toFixed(2)}</span>
    </span>
  );
}

/** Server-side paging: the API returns a page and a total (or a cursor); these buttons move it. */
export function Pager({ offset, limit, total, onOffset }: { offset: number; limit: number; total: number; onOffset: (o: number) => void }) {
  const last = Math.min(offset + limit, total);
  return (
    <div className="pager" role="navigation" aria-label="Pages">
      <span className="muted">
        {total === 0 ? 0 : offset + 1}–{last} of {total.toLocaleString()}
      </span>
      <button type="button" className="btn small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        ← Previous
      </button>
      <button type="button" className="btn small" disabled={last >= total} onClick={() => onOffset(offset + limit)}>
        Next →
      </button>
    </div>
  );
}

/** A horizontal bar chart in plain SVG-free HTML: counts are few and labels matter more than axes. */
export function Bars({ data, label, max: given }: { data: { key: string; value: number; hint?: string }[]; label: string; max?: number }) {
  const max = given ?? Math.max(1, ...data.map((d) => d.value));
  return (
    <figure className="bars" aria-label={label}>
      <table>
        <caption className="sr-only">{label}</caption>
        <tbody>
          {data.map((d) => (
            <tr key={d.key}>
              <th scope="row" title={d.hint ?? d.key}>
                {d.key}
              </th>
              <td>
                <span className="bar" style={{ width: `${(d.value / max) * 100}%` }} aria-hidden="true" />
              </td>
              <td className="num">{d.value.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').slice(0, 16) + 'Z';
}
