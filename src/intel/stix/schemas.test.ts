import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors/index.js';
import { scoId, uuidV5, canonicalJson } from './ids.js';
import { loadStixSchemas } from './schemas.js';

describe('loadStixSchemas', () => {
  it('fails with STIX_SCHEMAS_MISSING naming the folder when the schemas are absent', () => {
    try {
      loadStixSchemas('/nonexistent/stix-schemas');
      expect.unreachable();
    } catch (err) {
      expect(isAppError(err, 'STIX_SCHEMAS_MISSING')).toBe(true);
      expect((err as Error).message).toMatch(/not found in \/nonexistent\/stix-schemas/);
    }
  });

  it('compiles a validator per type and the generic core for custom types', () => {
    const s = loadStixSchemas();
    expect(s.validatorFor('indicator', false)).toBeTypeOf('function');
    expect(s.validatorFor('x-mitre-tactic', false)).toBeTypeOf('function');
  });
});

describe('STIX ids', () => {
  it('derives SCO ids as STIX 2.1 §2.9 specifies (the specification example)', () => {
    expect(scoId('ipv4-addr', { value: '198.51.100.3' })).toBe('ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4');
  });
  it('is deterministic and uses one preferred hash for files', () => {
    const a = scoId('file', { hashes: { 'SHA-256': 'aa', MD5: 'bb' }, name: 'x' });
    const b = scoId('file', { name: 'x', hashes: { MD5: 'bb' } });
    expect(a).toBe(b);
  });
  it('canonicalises JSON with sorted keys (RFC 8785)', () => {
    expect(canonicalJson({ b: 1, a: [true, 'x'] })).toBe('{"a":[true,"x"],"b":1}');
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});
