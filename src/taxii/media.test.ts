import { describe, expect, it } from 'vitest';
import { acceptsTaxii, isTaxiiContentType, parseTaxiiTimestamp } from './media.js';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('TAXII media types (§1.6.8)', () => {
  it.each([
    [undefined, true],
    ['application/taxii+json;version=2.1', true],
    ['application/taxii+json; version="2.1"', true],
    ['application/taxii+json', true],
    ['*/*', true],
    ['application/json', false],
    ['application/taxii+json;version=2.0', false],
  ])('Accept %s → %s', (accept, ok) => expect(acceptsTaxii(accept)).toBe(ok));

  it('reads Content-Type with quoted parameters and a charset', () => {
    expect(isTaxiiContentType('application/taxii+json; version="2.1"; charset=utf-8')).toBe(true);
    expect(isTaxiiContentType('application/stix+json;version=2.1')).toBe(false);
  });

  it('parses TAXII timestamps and rejects others', () => {
    expect(parseTaxiiTimestamp('2024-05-01T00:00:01.123456Z')).toBe(Date.parse('2024-05-01T00:00:01.123Z'));
    expect(parseTaxiiTimestamp('2024-05-01')).toBeNull();
  });

  it('round-trips cursors and rejects forged ones', () => {
    expect(decodeCursor(encodeCursor(1714521601000, 42))).toEqual({ dateAdded: 1714521601000, seq: 42 });
    expect(decodeCursor('not a cursor!')).toBeNull();
    expect(decodeCursor(Buffer.from('1.2.3').toString('base64url'))).toBeNull();
  });
});
