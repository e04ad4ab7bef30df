import { describe, expect, it, vi } from 'vitest';
import { parseEvent } from '../events/index.js';
import { actorProfiles } from './actors.js';
import { truthSchema } from './truth.schema.js';
import { createWorld, type SimulatedWorld } from './world.js';

interface Rendered {
  lines: string[];
  truth: string;
  intel: string;
  world: SimulatedWorld;
}

function render(seed: number, accounts = 400, days = 12): Rendered {
  const world = createWorld({ seed, accounts, days });
  const lines = [...world.eventLines()].flat();
  return { lines, truth: [...world.truthChunks()].join(''), intel: JSON.stringify(world.intel.bundle), world };
}

const a = render(101);
const events = a.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
const truth = truthSchema.parse(JSON.parse(a.truth));

describe('simulated world', () => {
  it('is byte-identical for the same seed and differs for another', () => {
    const again = render(101);
    expect(again.lines).toEqual(a.lines);
    expect(again.truth).toBe(a.truth);
    expect(again.intel).toBe(a.intel);
    const other = render(102);
    expect(other.lines.slice(0, 50)).not.toEqual(a.lines.slice(0, 50));
  });

  it('refuses worlds too short for rotation and ban evasion', () => {
    expect(() => createWorld({ days: 3 })).toThrow(/at least 7 days/);
  });

  it('never uses Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    render(7, 200, 7);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('emits only events that pass the event schema, in time order, with unique ids', () => {
    expect(events.length).toBeGreaterThan(1000);
    const bad = events.map((e) => parseEvent(e)).filter((r) => !r.ok);
    expect(bad).toEqual([]);
    const times = events.map((e) => Date.parse(e.time as string));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1] as number);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['account.created', 'account.updated', 'login', 'api_key.created', 'payment_method.added', 'request', 'account.enforced']));
  });

  it('has a truth record for every account the events name, and no other', () => {
    const inEvents = new Set(events.map((e) => e.account as string));
    const inTruth = new Set(truth.accounts.map((t) => t.account));
    expect(inTruth.size).toBe(truth.accounts.length);
    expect(inTruth).toEqual(inEvents);
    expect(truth.events).toBe(events.length);
  });

  it('keeps every account active in the shortest world too', () => {
    const short = render(5, 300, 7);
    const accounts = new Set(short.lines.map((l) => (JSON.parse(l) as { account: string }).account));
    expect(accounts.size).toBe(short.world.plans.length);
  });

  it('holds hard negatives, ban evasion and all five actors in every world', () => {
    for (const seed of [1, 2, 3]) {
      const r = seed === 1 ? a : render(seed, 300, 10);
      const t = truthSchema.parse(JSON.parse(r.truth));
      expect(t.accounts.filter((x) => x.hard_negative && x.label === 'honest').length).toBeGreaterThan(10);
      expect(new Set(t.accounts.filter((x) => x.hard_negative).map((x) => x.hard_negative_reason))).toContain('content');
      expect(t.accounts.filter((x) => x.ban_evasion).length).toBeGreaterThan(0);
      expect(new Set(t.accounts.map((x) => x.actor).filter(Boolean))).toEqual(new Set(actorProfiles.map((p) => p.name)));
      expect(t.accounts.some((x) => x.kind === 'cybercrime' && x.actor === null)).toBe(true);
      expect(t.accounts.some((x) => x.kind === 'lone-malicious' && x.network === null)).toBe(true);
    }
  });

  it('terminates evaded accounts before their replacements sign up, and the replacements link back', () => {
    const byAccount = new Map<string, Record<string, unknown>[]>();
    for (const e of events) {
      const list = byAccount.get(e.account as string) ?? [];
      list.push(e);
      byAccount.set(e.account as string, list);
    }
    const evaders = truth.accounts.filter((t) => t.ban_evasion);
    expect(evaders.length).toBeGreaterThan(0);
    for (const t of evaders) {
      const banned = byAccount.get(t.evades ?? '') ?? [];
      const termination = banned.find((e) => e.kind === 'account.enforced' && (e.enforcement as { action: string }).action === 'terminate');
      expect(termination, `${t.account} evades ${t.evades}`).toBeDefined();
      const created = (byAccount.get(t.account) ?? []).find((e) => e.kind === 'account.created');
      expect(Date.parse(created?.time as string)).toBeGreaterThan(Date.parse(termination?.time as string));
      // Device, card, address, /24, or the email stem (local part without digits and separators).
      const stem = (email: unknown) => (typeof email === 'string' ? `stem:${email.split('@')[0]?.replace(/[\d._-]+/g, '')}` : undefined);
      const prefix = (ip: unknown) => (typeof ip === 'string' && !ip.includes(':') ? `net:${ip.slice(0, ip.lastIndexOf('.'))}` : undefined);
      const values = (list: Record<string, unknown>[]) =>
        new Set(
          list.flatMap((e) =>
            [e.device, e.ip, prefix(e.ip), (e.payment as { fingerprint?: string } | undefined)?.fingerprint, stem((e.profile as { email?: string } | undefined)?.email)].filter(Boolean),
          ),
        );
      const mine = values(byAccount.get(t.account) ?? []);
      const theirs = values(banned);
      expect([...mine].some((v) => theirs.has(v)), `${t.account} shares nothing with ${t.evades}`).toBe(true);
    }
  });

  it('keeps actors at their home working hours more than honest users', () => {
    const localHour = (time: string, tz: number) => new Date(Date.parse(time) + tz * 60_000).getUTCHours();
    const plans = new Map(a.world.plans.map((p) => [p.id, p]));
    let inHours = 0;
    let total = 0;
    for (const e of events) {
      const p = plans.get(e.account as string);
      if (!p || p.kind !== 'state-actor' || e.kind !== 'request') continue;
      total++;
      const h = localHour(e.time as string, p.tzMinutes);
      if (h >= p.workStart - 1 && h <= p.workEnd + 1) inHours++;
    }
    expect(total).toBeGreaterThan(50);
    expect(inHours / total).toBeGreaterThan(0.75);
  });

  it('lets honest accounts share infrastructure as actors do', () => {
    const accountsBy = (pick: (e: Record<string, unknown>) => unknown) => {
      const m = new Map<unknown, Set<string>>();
      for (const e of events) {
        const v = pick(e);
        if (v === undefined) continue;
        const s = m.get(v) ?? new Set<string>();
        s.add(e.account as string);
        m.set(v, s);
      }
      return m;
    };
    const honest = new Set(truth.accounts.filter((t) => t.label === 'honest').map((t) => t.account));
    const sharedByHonest = (m: Map<unknown, Set<string>>) => [...m.values()].filter((s) => [...s].filter((x) => honest.has(x)).length >= 2).length;
    expect(sharedByHonest(accountsBy((e) => e.ip))).toBeGreaterThan(5);
    expect(sharedByHonest(accountsBy((e) => e.device))).toBeGreaterThan(0);
    expect(sharedByHonest(accountsBy((e) => (e.payment as { fingerprint?: string } | undefined)?.fingerprint))).toBeGreaterThan(0);
    expect(sharedByHonest(accountsBy((e) => e.org))).toBeGreaterThan(0);
  });
});
