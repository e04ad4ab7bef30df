import { describe, expect, it } from 'vitest';
import { makeEvent } from '../../test/factories/events.js';
import { extractEntities, normaliseEmail, normalisePhone } from './entities.js';
import { ipAndPrefix } from './ip.js';

describe('normaliseEmail', () => {
  it.each([
    ['K.Tanaka+work@Example.org', 'k.tanaka@example.org', 'example.org'],
    ['j.o.h.n+x@gmail.com', 'john@gmail.com', 'gmail.com'],
    ['John@GoogleMail.com', 'john@gmail.com', 'gmail.com'],
    ['a@b.co.', 'a@b.co', 'b.co'],
    ['+tag@x.org', '+tag@x.org', 'x.org'],
  ])('%s → %s', (raw, email, domain) => {
    expect(normaliseEmail(raw)).toEqual({ email, domain });
  });

  it.each(['no-at', '@x.org', 'a@', 'a@localhost', 'a b@x.org'])('rejects %s', (raw) => {
    expect(normaliseEmail(raw)).toBeUndefined();
  });
});

describe('normalisePhone', () => {
  it('keeps the plus and the digits only', () => {
    expect(normalisePhone('+1 (555) 010-9999')).toBe('+15550109999');
    expect(normalisePhone('555 010 9999')).toBe('5550109999');
    expect(normalisePhone('12')).toBeUndefined();
  });
});

describe('ipAndPrefix', () => {
  it('uses /24 for IPv4 and /48 for IPv6, and folds mapped IPv4', () => {
    expect(ipAndPrefix('198.51.100.23')).toEqual({ ip: '198.51.100.23', prefix: '198.51.100.0/24' });
    expect(ipAndPrefix('2001:DB8:a:b::1')).toEqual({ ip: '2001:db8:a:b::1', prefix: '2001:db8:a::/48' });
    expect(ipAndPrefix('::ffff:198.51.100.23')).toEqual({ ip: '198.51.100.23', prefix: '198.51.100.0/24' });
  });
});

describe('extractEntities', () => {
  it('extracts every shared value once, normalised', () => {
    const e = makeEvent({
      kind: 'account.created',
      account: 'a1',
      org: 'org-1',
      end_user: 'u-9',
      device: 'd-77f1',
      user_agent: 'UA/1',
      ip: '2001:db8::5',
      profile: { email: 'X.Y+z@gmail.com', phone: '+44 20 7946 0000' },
    });
    const got = extractEntities(e).map((r) => `${r.type}=${r.value}`);
    expect(got.sort()).toEqual(
      [
        'account=a1',
        'org=org-1',
        'end_user=u-9',
        'device=d-77f1',
        'user_agent=UA/1',
        'ip=2001:db8::5',
        'ip_prefix=2001:db8::/48',
        'email=xy@gmail.com',
        'email_domain=gmail.com',
        'phone=+442079460000',
      ].sort(),
    );
  });

  it('takes the api key from a request and from a key event, without repeating it', () => {
    const e = makeEvent({ request: { prompt: 'x', api_key: 'k1' }, api_key: { id: 'k1' } });
    expect(extractEntities(e).filter((r) => r.type === 'api_key')).toEqual([{ type: 'api_key', value: 'k1' }]);
  });

  it('skips blank values', () => {
    const e = makeEvent({ device: '   ', org: '' });
    expect(extractEntities(e).some((r) => r.type === 'device' || r.type === 'org')).toBe(false);
  });
});
