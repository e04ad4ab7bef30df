import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../test/shared-path.js';
import { parseEvent } from './parse-event.js';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const schema = JSON.parse(readFileSync(sharedPath('spec', 'event.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const base = { id: 'e1', time: '2024-01-09T07:12:03Z', kind: 'login', account: 'acct_1' };
const req = { ...base, kind: 'request', request: { messages: [{ role: 'user', content: 'hi' }] } };
const emoji = '😀';

/** Each case runs through both the zod schema and the spec's JSON Schema; they must agree. */
const cases: [string, unknown, boolean][] = [
  ['minimal login', base, true],
  ['every kind with its field', { ...base, kind: 'payment_method.added', payment: { fingerprint: 'f' } }, true],
  ['api key', { ...base, kind: 'api_key.created', api_key: { id: 'k' } }, true],
  ['enforced', { ...base, kind: 'account.enforced', enforcement: { action: 'terminate', reason: 'x' } }, true],
  ['request with prompt', { ...base, kind: 'request', request: { prompt: 'p' } }, true],
  ['request full', { ...req, response: { refused: true, content: 'no', finish_reason: 'stop' }, usage: { input_tokens: 3, output_tokens: 0 } }, true],
  ['unknown fields kept', { ...req, extra: { a: 1 }, request: { messages: [{ role: 'user', content: 'x', name: 'n' }], temperature: 1 } }, true],
  ['profile', { ...base, kind: 'account.created', profile: { email: 'a@b.c', phone: '+1', country: 'JP', x: 1 } }, true],
  ['fractional time with offset', { ...base, time: '2024-01-09T07:12:03.123+05:30' }, true],
  ['leap second at 23:59:60Z', { ...base, time: '2016-12-31T23:59:60Z' }, true],
  ['leap second in offset form', { ...base, time: '2017-01-01T00:59:60+01:00' }, true],
  ['ipv4', { ...base, ip: '198.51.100.23' }, true],
  ['ipv6', { ...base, ip: '2001:db8::1' }, true],
  ['ipv6 mapped', { ...base, ip: '::ffff:198.51.100.23' }, true],
  ['id of 128 emoji code points', { ...base, id: emoji.repeat(128) }, true],
  ['missing id', { time: base.time, kind: 'login', account: 'a' }, false],
  ['empty id', { ...base, id: '' }, false],
  ['id too long', { ...base, id: 'x'.repeat(129) }, false],
  ['id of 129 emoji', { ...base, id: emoji.repeat(129) }, false],
  ['numeric id', { ...base, id: 7 }, false],
  ['time without zone', { ...base, time: '2024-01-09T07:12:03' }, false],
  ['time with space', { ...base, time: '2024-01-09 07:12:03Z' }, false],
  ['time lower-case t', { ...base, time: '2024-01-09t07:12:03Z' }, false],
  ['time month 13', { ...base, time: '2024-13-09T07:12:03Z' }, false],
  ['time 30 February', { ...base, time: '2024-02-30T07:12:03Z' }, false],
  ['time hour 24', { ...base, time: '2024-01-09T24:00:00Z' }, false],
  ['leap second not at midnight UTC', { ...base, time: '2016-12-31T12:59:60Z' }, false],
  ['date only', { ...base, time: '2024-01-09' }, false],
  ['unknown kind', { ...base, kind: 'logout' }, false],
  ['empty account', { ...base, account: '' }, false],
  ['ip out of range', { ...base, ip: '256.1.1.1' }, false],
  ['ip leading zero', { ...base, ip: '01.2.3.4' }, false],
  ['ip garbage', { ...base, ip: 'not-an-ip' }, false],
  ['ipv6 with zone', { ...base, ip: 'fe80::1%eth0' }, false],
  ['ipv6 too many groups', { ...base, ip: '1:2:3:4:5:6:7:8:9' }, false],
  ['ip number', { ...base, ip: 1 }, false],
  ['request kind without request', { ...base, kind: 'request' }, false],
  ['request with neither', { ...base, kind: 'request', request: { model: 'm' } }, false],
  ['empty messages', { ...base, kind: 'request', request: { messages: [] } }, false],
  ['empty prompt', { ...base, kind: 'request', request: { prompt: '' } }, false],
  ['bad role', { ...req, request: { messages: [{ role: 'admin', content: 'x' }] } }, false],
  ['message content missing', { ...req, request: { messages: [{ role: 'user' }] } }, false],
  ['negative tokens', { ...req, usage: { input_tokens: -1 } }, false],
  ['fractional tokens', { ...req, usage: { input_tokens: 1.5 } }, false],
  ['refused not boolean', { ...req, response: { refused: 'yes' } }, false],
  ['payment without fingerprint', { ...base, kind: 'payment_method.added', payment: {} }, false],
  ['payment kind without payment', { ...base, kind: 'payment_method.added' }, false],
  ['api key kind without key', { ...base, kind: 'api_key.created' }, false],
  ['bad enforcement action', { ...base, kind: 'account.enforced', enforcement: { action: 'ban' } }, false],
  ['email too long', { ...base, profile: { email: 'a'.repeat(321) } }, false],
  ['user agent too long', { ...base, user_agent: 'u'.repeat(1025) }, false],
  ['profile not object', { ...base, profile: 'x' }, false],
  ['array', [base], false],
  ['null', null, false],
  ['string', 'event', false],
];

describe('event schema conformance (zod against the spec JSON Schema)', () => {
  it.each(cases)('%s', (_name, value, valid) => {
    expect(validate(value)).toBe(valid);
    expect(parseEvent(value).ok).toBe(valid);
  });

  it('agrees with the JSON Schema on randomly mutated events', () => {
    const fieldValue = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom('', 'request', 'login', '2024-01-09T07:12:03Z', '10.0.0.1', '::1', 'x'.repeat(200)),
      fc.constant([]),
      fc.constant({}),
    );
    const field = fc.constantFrom('id', 'time', 'kind', 'account', 'org', 'ip', 'device', 'user_agent', 'profile', 'request', 'payment', 'usage', 'end_user');
    fc.assert(
      fc.property(fc.constantFrom<Record<string, unknown>>(base, req), field, fieldValue, (start, key, value) => {
        const event = { ...start, [key]: value };
        expect(parseEvent(event).ok).toBe(validate(event));
      }),
      { numRuns: 2000, seed: 42 },
    );
  });

  it('names the path and the rule of each issue', () => {
    const r = parseEvent({ ...req, time: '2024-01-09T07:12:03', request: { messages: [{ role: 'admin', content: 'x' }] } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i.message]));
    expect(byPath.time).toMatch(/RFC 3339.*zone/);
    expect(byPath['request.messages[0].role']).toMatch(/one of system, user, assistant, tool/);
  });
});
