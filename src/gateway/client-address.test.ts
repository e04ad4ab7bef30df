import { describe, expect, it } from 'vitest';
import { clientAddress, compileTrustedProxies } from './client-address.js';

describe('clientAddress', () => {
  const lb = compileTrustedProxies(['10.0.0.0/8', '2001:db8::1']);

  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.9', '1.2.3.4', [])).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', undefined, [])).toBe('203.0.113.9');
  });

  it('walks X-Forwarded-For from the right past trusted hops', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.7, 10.1.1.1', lb)).toBe('198.51.100.7');
    expect(clientAddress('2001:db8::1', '198.51.100.7', lb)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', ['198.51.100.7', '10.1.1.1'], lb)).toBe('198.51.100.7');
  });

  it('stops at the first untrusted hop, so a client cannot choose its address past an appending proxy', () => {
    expect(clientAddress('10.0.0.2', '6.6.6.6, 198.51.100.7', lb)).toBe('198.51.100.7');
    expect(clientAddress('203.0.113.9', '198.51.100.7', lb)).toBe('203.0.113.9');
  });

  it('ignores hops that are not addresses', () => {
    expect(clientAddress('10.0.0.2', 'evil\r\nx, 198.51.100.7', lb)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', 'unknown', lb)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', '', lb)).toBe('10.0.0.2');
  });

  it('refuses a trusted proxy that is not an address', () => {
    expect(() => compileTrustedProxies(['lb.internal'])).toThrow(/trustedProxies/);
  });
});
