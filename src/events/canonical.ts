import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted, so that the same event sent again with its fields in another
 * order or other white space is recognised as a duplicate rather than a conflict.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (obj[k] === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(k)}:${canonicalJson(obj[k])}`;
  }
  return `${out}}`;
}

/** A short digest of an event's canonical form: equal for duplicates, different for conflicts. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url').slice(0, 32);
}
