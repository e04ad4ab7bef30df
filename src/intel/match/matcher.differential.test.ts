import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeBundle, makeIdentity, makeIndicator } from '../../../test/intel/fixtures.js';
import { evaluatePattern } from '../pattern/evaluate.js';
import { importBundle } from '../stix/import.js';
import { IntelState } from '../stix/intel-state.js';
import { loadStixSchemas } from '../stix/schemas.js';
import { compileMatcher } from './compile.js';
import { toObservation, type EventObservables } from './observables.js';

/**
 * Differential test: the compiled matcher (hash maps, tries, anchors) must give exactly the
 * answers of the reference evaluator applied to every indicator, on generated indicators and
 * events. Values come from small pools so that hits are frequent.
 */
const schemas = loadStixSchemas();
const ips = ['198.51.100.1', '198.51.100.7', '198.51.100.200', '203.0.113.9', '203.0.113.10', '2001:db8::1', '2001:db8:0:1::5'];
const cidrs = ['198.51.100.0/24', '198.51.100.0/29', '203.0.113.8/30', '0.0.0.0/0', '2001:db8::/64', '2001:db8::/32'];
const domains = ['evil.example', 'Mail.Example', 'good.example'];
const emails = ['a@evil.example', 'B@Mail.Example', 'c@good.example'];
const devices = ['d-1', 'd-2'];
const accounts = ['acct_1', 'acct_2'];

const q = (s: string) => `'${s}'`;
const comparison = fc.oneof(
  fc.constantFrom(...ips).map((v) => `${v.includes(':') ? 'ipv6' : 'ipv4'}-addr:value = ${q(v)}`),
  fc.constantFrom(...cidrs).map((v) => `${v.includes(':') ? 'ipv6' : 'ipv4'}-addr:value ISSUBSET ${q(v)}`),
  fc.constantFrom(...ips).map((v) => `network-traffic:src_ref.value = ${q(v)}`),
  fc.constantFrom(...cidrs).map((v) => `network-traffic:src_ref.value ISSUBSET ${q(v)}`),
  fc.constantFrom(...domains).map((v) => `domain-name:value = ${q(v)}`),
  fc.constantFrom(...domains).map((v) => `domain-name:value != ${q(v)}`),
  fc.constantFrom(...emails).map((v) => `email-addr:value = ${q(v)}`),
  fc.subarray(emails, { minLength: 1 }).map((vs) => `email-addr:value IN (${vs.map(q).join(', ')})`),
  fc.constantFrom('%@evil.example', '_@%', 'x%').map((v) => `email-addr:value LIKE ${q(v)}`),
  fc.constantFrom(...devices).map((v) => `x-warden-device:fingerprint = ${q(v)}`),
  fc.constantFrom(...accounts).map((v) => `user-account:user_id = ${q(v)}`),
  fc.constantFrom(...accounts).map((v) => `user-account:account_login NOT = ${q(v)}`),
);
const compExpr = fc.array(comparison, { minLength: 1, maxLength: 3 }).chain((cs) =>
  fc.array(fc.constantFrom(' AND ', ' OR '), { minLength: cs.length - 1, maxLength: cs.length - 1 }).map((ops) =>
    cs.reduce((acc, c, i) => (i === 0 ? c : `${acc}${ops[i - 1]}${c}`), ''),
  ),
);
const pattern = fc.oneof(
  { weight: 4, arbitrary: compExpr.map((e) => `[${e}]`) },
  { weight: 2, arbitrary: fc.tuple(compExpr, compExpr).map(([a, b]) => `[${a}] OR [${b}]`) },
  { weight: 1, arbitrary: compExpr.map((e) => `[${e}] START t'2024-03-01T00:00:00Z' STOP t'2024-06-01T00:00:00Z'`) },
);
const day = 86_400_000;
const BASE = Date.parse('2024-02-01T00:00:00Z');
const indicator = fc.record({
  pattern,
  fromDay: fc.integer({ min: 0, max: 100 }),
  span: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
});
const event = fc.record({
  ip: fc.option(fc.constantFrom(...ips), { nil: undefined }),
  email: fc.option(fc.constantFrom(...emails), { nil: undefined }),
  emailDomain: fc.option(fc.constantFrom(...domains.map((d) => d.toLowerCase())), { nil: undefined }),
  account: fc.option(fc.constantFrom(...accounts), { nil: undefined }),
  device: fc.option(fc.constantFrom(...devices), { nil: undefined }),
  text: fc.array(
    fc.oneof(
      fc.constantFrom(...ips).map((v) => ({ kind: v.includes(':') ? ('ipv6' as const) : ('ipv4' as const), value: v.replace(/\./g, '[.]') })),
      fc.constantFrom(...domains).map((v) => ({ kind: 'domain' as const, value: v })),
    ),
    { maxLength: 2 },
  ),
  day: fc.integer({ min: 0, max: 320 }),
});

describe('compiled matcher = reference evaluator', () => {
  it('agrees on generated indicators and events', () => {
    let hits = 0;
    fc.assert(
      fc.property(fc.array(indicator, { minLength: 1, maxLength: 25 }), fc.array(event, { minLength: 1, maxLength: 25 }), (inds, events) => {
        const objects = inds.map((i) =>
          makeIndicator(i.pattern, {
            valid_from: new Date(BASE + i.fromDay * day).toISOString(),
            ...(i.span ? { valid_until: new Date(BASE + (i.fromDay + i.span) * day).toISOString() } : {}),
          }),
        );
        const state = new IntelState();
        const r = importBundle(state, makeBundle([makeIdentity(), ...objects]), { schemas, provenance: { source: 't', receivedAt: '2024-01-01T00:00:00Z' } });
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        const matcher = compileMatcher(state, { minConfidence: 0 });
        for (const e of events) {
          const t = BASE + e.day * day;
          const { day: _d, ...rest } = e;
          const obs = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as EventObservables;
          const observation = toObservation(obs, t);
          const expected = objects
            .filter((o) => {
              const support = state.get(o.id)?.support;
              if (support?.status !== 'supported' || support.scope !== 'event') return false;
              if (t < Date.parse(String(o.valid_from)) || (o.valid_until && t >= Date.parse(o.valid_until as string))) return false;
              return evaluatePattern(support.pattern, [observation]);
            })
            .map((o) => o.id)
            .sort();
          const out = matcher.match(obs, t);
          const got = [...out.matches, ...out.suppressed].map((m) => m.indicatorId).sort();
          expect(got).toEqual(expected);
          hits += expected.length;
        }
      }),
      { numRuns: 150 },
    );
    // The generator is tuned so that matches are common; a vacuous run would prove nothing.
    expect(hits).toBeGreaterThan(200);
  });
});
