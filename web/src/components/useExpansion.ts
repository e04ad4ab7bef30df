import { useCallback, useMemo, useRef, useState } from 'react';
import { api, qs } from '../api.js';
import type { Incidence, Selection } from './NetworkGraph.js';

/** `GET /api/v1/console/neighbours` (console-graph.ts on the server is the authority). */
export interface Neighbours {
  incidences: Incidence[];
  verdicts: { account: string; verdict: string; score: number }[];
  hubs: { via: string; value: string; accounts: number }[];
  truncated: boolean;
}

/** Kinds of value the store indexes, so they can be expanded (the others are derived by the pipeline). */
export const expandableKinds = new Set(['device', 'payment', 'email', 'email-domain', 'phone', 'api-key', 'org', 'end-user', 'ip', 'ip-prefix', 'user-agent']);

export function canExpand(s: Selection): boolean {
  return s !== null && (s.type === 'account' || expandableKinds.has(s.via));
}

/**
 * "Expand from a node": fetches a node's neighbours from the server (within the time window, if
 * one is set) and accumulates them, de-duplicated, for the graph to merge in.
 */
export function useExpansion(window: { from?: string; to?: string }) {
  const [extra, setExtra] = useState<Incidence[]>([]);
  // The latest list, read when an answer arrives (state updaters run later than the note is written).
  const extraRef = useRef<Incidence[]>([]);
  const [verdicts, setVerdicts] = useState<Map<string, { verdict: string; score: number }>>(new Map());
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  const expand = useCallback(
    async (s: Selection) => {
      if (!s || !canExpand(s)) return;
      setPending(true);
      setError(null);
      try {
        const query = s.type === 'account' ? { account: s.id } : { via: s.via, value: s.value };
        const n = await api<Neighbours>(`/api/v1/console/neighbours${qs({ ...query, from: window.from, to: window.to })}`);
        const seen = new Set(extraRef.current.map((i) => `${i.via}\u0000${i.value}\u0000${i.account}`));
        const fresh = n.incidences.filter((i) => !seen.has(`${i.via}\u0000${i.value}\u0000${i.account}`));
        const added = fresh.length;
        if (added) {
          extraRef.current = [...extraRef.current, ...fresh];
          setExtra(extraRef.current);
        }
        setVerdicts((prev) => {
          const next = new Map(prev);
          for (const v of n.verdicts) next.set(v.account, v);
          return next;
        });
        const accounts = new Set(n.incidences.map((i) => i.account)).size;
        const hubs = n.hubs.map((h) => `${h.via} ${h.value} (${h.accounts.toLocaleString()} accounts)`);
        setNote(
          `${accounts} account${accounts === 1 ? '' : 's'} and ${new Set(n.incidences.map((i) => `${i.via}:${i.value}`)).size} values around ${s.type === 'account' ? s.id : s.value}; ${added} new edges.` +
            (hubs.length ? ` Not expanded (shared too widely): ${hubs.slice(0, 3).join(', ')}${hubs.length > 3 ? ` and ${hubs.length - 3} more` : ''}.` : '') +
            (n.truncated ? ' The answer was cut at its limit.' : ''),
        );
      } catch (e) {
        setError(e);
      } finally {
        setPending(false);
      }
    },
    [window.from, window.to],
  );

  const clear = useCallback(() => {
    extraRef.current = [];
    setExtra([]);
    setVerdicts(new Map());
    setNote(null);
    setError(null);
  }, []);

  return useMemo(() => ({ extra, verdicts, note, error, pending, expand, clear }), [extra, verdicts, note, error, pending, expand, clear]);
}
